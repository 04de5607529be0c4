"""Agentless ML2 mechanism driver of the novash dev cloud.

The dev cloud runs neutron-server alone: no L2 agent (Open vSwitch, Linux
bridge, OVN) reports a host, so no stock mechanism driver binds a port and
Nova's boot with a network or interface attach fails ("binding failed").
This driver binds every port that has a host (Nova sets ``binding:host_id``
to the compute host) to the first segment of its network, of any type,
as a plain ``other`` VIF, and marks the port ACTIVE at once, as an agent
would once the VIF is plugged. Nothing is plugged anywhere: the fake
compute driver runs no guest.

Loaded by name ``devcloud`` (``[ml2] mechanism_drivers = devcloud``) through
the entry point in ``devcloud_neutron-1.0.dist-info/entry_points.txt``
beside this file; ``bin/neutron-server`` puts this directory on sys.path.
"""

from neutron_lib.api.definitions import portbindings
from neutron_lib import constants
from neutron_lib.plugins.ml2 import api
from oslo_log import log as logging

LOG = logging.getLogger(__name__)


class AgentlessMechanismDriver(api.MechanismDriver):

    def initialize(self):
        LOG.info("devcloud: agentless mechanism driver loaded")

    @property
    def connectivity(self):
        # Binds ports with or without an IP address (see
        # MechanismManager._check_drivers_connectivity).
        return portbindings.CONNECTIVITY_L2

    def bind_port(self, context):
        for segment in context.segments_to_bind:
            context.set_binding(
                segment[api.ID], portbindings.VIF_TYPE_OTHER,
                {portbindings.CAP_PORT_FILTER: False},
                status=constants.PORT_STATUS_ACTIVE)
            LOG.debug("devcloud: bound port %s on host %s to segment %s",
                      context.current["id"], context.host, segment[api.ID])
            return
