/**
 * A small Glance v2 image fixture (there are no Glance samples in nova-api-samples).
 * Shapes follow GET /v2/images/{id} of Glance (Zed and later): core fields at the top level,
 * custom properties beside them, `self`/`file`/`schema` as paths.
 *
 * The first image is the one every Nova server sample boots from (70a599e0-...).
 * Images made by createBackup carry image_type=backup, backup_type and instance_uuid;
 * snapshots carry image_type=snapshot and instance_uuid.
 */

export const PROJECT_ID = '6f70656e737461636b20342065766572';

/** The server of Nova's servers-details-resp.json samples (base folder): backups below belong to it. */
export const SAMPLE_SERVER_ID = 'f5dc173b-6804-445a-a6d8-c705dad5b5eb';

export const CIRROS_ID = '70a599e0-31e7-49b7-b260-868f441e862b';
export const UBUNTU_ID = '155d900f-4e14-4e4c-a73d-069cbf4541e6';
export const GOLDEN_ID = 'a2459075-d96c-40d5-893e-577ff92e721c';
export const BACKUP_OLD_ID = '76fa36fc-c930-4bf3-8c8a-ea2a2420deb6';
export const BACKUP_NEW_ID = 'cedef40a-ed67-4d10-800e-17455edce175';
export const SNAPSHOT_ID = 'c905cedb-7281-47e4-8a62-f26bc5fc4c77';

function image(fields: Record<string, unknown>): Record<string, unknown> {
  const id = String(fields.id);
  return {
    status: 'active',
    visibility: 'public',
    protected: false,
    os_hidden: false,
    owner: PROJECT_ID,
    min_ram: 0,
    min_disk: 0,
    disk_format: 'qcow2',
    container_format: 'bare',
    checksum: 'c8fc807773e5354afe61636071771906',
    os_hash_algo: 'sha512',
    os_hash_value:
      '1103b92ce8ad966e41235a4de260deb791ff571670c0342666c8582fbb9caefe6af07ebb11d34f44f8414b609b29c1bdf1d72ffa6faa39c88e8721d09847952b',
    size: 21430272,
    virtual_size: 117440512,
    tags: [],
    created_at: '2024-03-01T10:00:00Z',
    updated_at: '2024-03-01T10:00:05Z',
    self: `/v2/images/${id}`,
    file: `/v2/images/${id}/file`,
    schema: '/v2/schemas/image',
    ...fields,
  };
}

export function glanceImages(): Array<Record<string, unknown>> {
  return [
    image({
      id: CIRROS_ID,
      name: 'cirros-0.6.2-x86_64-disk',
      hw_rng_model: 'virtio',
      'owner_specified.openstack.md5': '',
      'owner_specified.openstack.object': 'images/cirros-0.6.2-x86_64-disk',
    }),
    image({
      id: UBUNTU_ID,
      name: 'Ubuntu 22.04 LTS',
      min_disk: 10,
      min_ram: 1024,
      size: 687734784,
      virtual_size: 2361393152,
      created_at: '2024-03-02T10:00:00Z',
      updated_at: '2024-03-02T10:01:00Z',
      os_distro: 'ubuntu',
      os_version: '22.04',
    }),
    image({
      id: GOLDEN_ID,
      name: 'golden',
      protected: true,
      visibility: 'private',
      created_at: '2024-03-03T10:00:00Z',
    }),
    image({
      id: BACKUP_OLD_ID,
      name: 'nightly-1',
      visibility: 'private',
      created_at: '2024-04-01T02:00:00Z',
      updated_at: '2024-04-01T02:05:00Z',
      image_type: 'backup',
      backup_type: 'daily',
      instance_uuid: SAMPLE_SERVER_ID,
      base_image_ref: CIRROS_ID,
      user_id: 'admin',
    }),
    image({
      id: BACKUP_NEW_ID,
      name: 'nightly-2',
      visibility: 'private',
      created_at: '2024-04-02T02:00:00Z',
      updated_at: '2024-04-02T02:05:00Z',
      image_type: 'backup',
      backup_type: 'daily',
      instance_uuid: SAMPLE_SERVER_ID,
      base_image_ref: CIRROS_ID,
      user_id: 'admin',
    }),
    image({
      id: SNAPSHOT_ID,
      name: 'new-server-test-snap',
      visibility: 'private',
      size: 0,
      created_at: '2024-04-03T09:00:00Z',
      updated_at: '2024-04-03T09:03:00Z',
      image_type: 'snapshot',
      instance_uuid: SAMPLE_SERVER_ID,
      base_image_ref: CIRROS_ID,
      user_id: 'admin',
    }),
  ];
}

/** A Neutron network, as GET /v2.0/networks lists it (only the fields novash reads, plus a few). */
export function neutronNetworks(): Array<Record<string, unknown>> {
  return [
    {
      id: '3cb9bc59-5699-4588-a4b1-b87f96708bc6',
      name: 'private',
      status: 'ACTIVE',
      shared: false,
      'router:external': false,
      subnets: ['54d6f61d-db07-451c-9ab3-b9609b6b6f0b'],
      admin_state_up: true,
      project_id: PROJECT_ID,
      tenant_id: PROJECT_ID,
      mtu: 1450,
    },
    {
      id: '7b5e9f2a-3c1d-4e8f-9a0b-1c2d3e4f5a6b',
      name: 'public',
      status: 'ACTIVE',
      shared: true,
      'router:external': true,
      subnets: ['a1b2c3d4-0000-4000-8000-000000000001'],
      admin_state_up: true,
      project_id: 'admin-project',
      tenant_id: 'admin-project',
      mtu: 1500,
    },
  ];
}
