"""Fake hypervisor driver for the novash dev cloud.

nova's stock ``nova.virt.fake.FakeDriver`` with two fixes
(DEVCLOUD.md pitfalls 15 and 16):

* ``snapshot()`` uploads a tiny qcow2 to Glance, so the images made by
  createImage / createBackup go queued -> saving -> active as on a real
  cloud (the stock driver uploads nothing and they stay queued forever).
  The upload does not purge properties, so backups keep ``image_type``,
  ``backup_type`` and ``instance_uuid`` and nova's backup rotation works.
* ``init_host()`` re-adopts the instances of this host from the database:
  the stock driver keeps its guests in memory only, so after a restart of
  nova-compute every server would be unknown (stop/snapshot fail with
  InstanceNotFound) and look shut off. Their ports come back too (from
  the instance's network info cache), so an interface attached before the
  restart can still be detached.

Used as ``compute_driver = devcloud_fake.SnapshotUploadingFakeDriver``
through the ``nova-compute`` entry point next to this file.
"""

import os
import subprocess
import tempfile

from oslo_log import log as logging

from nova.compute import power_state
from nova.compute import vm_states
from nova import context as nova_context
from nova import exception
from nova.image import glance
from nova import objects
from nova.virt import fake

LOG = logging.getLogger(__name__)

# Power state to give a re-adopted guest when the DB has none usable.
_VM_STATE_TO_POWER = {
    vm_states.ACTIVE: power_state.RUNNING,
    vm_states.RESIZED: power_state.RUNNING,
    vm_states.RESCUED: power_state.RUNNING,
    vm_states.STOPPED: power_state.SHUTDOWN,
    vm_states.SHELVED: power_state.SHUTDOWN,
    vm_states.PAUSED: power_state.PAUSED,
    vm_states.SUSPENDED: power_state.SUSPENDED,
    vm_states.SOFT_DELETED: power_state.SHUTDOWN,
}
_KNOWN_POWER = (power_state.RUNNING, power_state.SHUTDOWN, power_state.PAUSED,
                power_state.SUSPENDED, power_state.CRASHED)


def _snapshot_file():
    path = os.environ.get("DEVCLOUD_SNAPSHOT_IMAGE")
    if path and os.path.exists(path):
        return path
    path = os.path.join(tempfile.gettempdir(), "devcloud-snapshot.qcow2")
    if not os.path.exists(path):
        subprocess.check_call(["qemu-img", "create", "-q", "-f", "qcow2",
                               path, "1M"])
    return path


class SnapshotUploadingFakeDriver(fake.FakeDriver):

    def init_host(self, host):
        super().init_host(host)
        ctx = nova_context.get_admin_context()
        try:
            instances = objects.InstanceList.get_by_host(
                ctx, host, expected_attrs=["flavor", "info_cache"])
        except Exception:  # never keep nova-compute from starting
            LOG.exception("devcloud: could not list the instances of %s",
                          host)
            return
        adopted = 0
        for inst in instances:
            if inst.deleted or inst.uuid in self.instances:
                continue
            state = inst.power_state
            if state not in _KNOWN_POWER:
                state = _VM_STATE_TO_POWER.get(inst.vm_state)
            if state is None:
                continue
            try:
                flavor = inst.flavor
                self.resources.claim(vcpus=flavor.vcpus,
                                     mem=flavor.memory_mb,
                                     disk=flavor.root_gb)
            except Exception:
                pass
            self.instances[inst.uuid] = fake.FakeInstance(
                inst.name, state, inst.uuid)
            try:
                for vif in inst.info_cache.network_info or []:
                    self._interfaces[vif["id"]] = vif
            except Exception:  # no cache: nothing to re-adopt
                pass
            adopted += 1
        LOG.info("devcloud: re-adopted %d instance(s) on host %s",
                 adopted, host)

    def snapshot(self, context, instance, image_id, update_task_state):
        # Checks the guest exists and moves the task to image_uploading.
        super().snapshot(context, instance, image_id, update_task_state)
        meta = {"disk_format": "qcow2", "container_format": "bare"}
        with open(_snapshot_file(), "rb") as data:
            glance.API().update(context, image_id, meta, data=data,
                                purge_props=False)
        LOG.info("devcloud: uploaded snapshot data to image %s", image_id,
                 instance=instance)

    # The stock fake driver leaves the power state RUNNING through pause and suspend;
    # a real hypervisor reports PAUSED / SUSPENDED, and clients show it.
    def _set_power(self, instance, state):
        if instance.uuid not in self.instances:
            raise exception.InstanceNotFound(instance_id=instance.uuid)
        self.instances[instance.uuid].state = state

    def pause(self, instance):
        self._set_power(instance, power_state.PAUSED)

    def unpause(self, instance):
        self._set_power(instance, power_state.RUNNING)

    def suspend(self, context, instance):
        self._set_power(instance, power_state.SUSPENDED)

    def resume(self, context, instance, network_info, block_device_info=None):
        self._set_power(instance, power_state.RUNNING)
