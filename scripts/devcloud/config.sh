# shellcheck shell=bash
# Writes every configuration file of the dev cloud under $ETC. Sourced by
# `up` after lib.sh; rewritten on each start (cheap, and keeps them in step
# with this script).

db_url() { # db_url NAME
  printf 'mysql+pymysql://%s:%s@localhost/%s?unix_socket=%s&charset=utf8' \
    "$DB_USER" "$DB_PASSWORD" "$1" "$MYSQL_SOCK"
}

# [keystone_authtoken] for a service user (keystonemiddleware).
authtoken_section() { # authtoken_section USER
  cat <<EOF
[keystone_authtoken]
www_authenticate_uri = http://127.0.0.1:5000
auth_url = http://127.0.0.1:5000
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $1
password = $SERVICE_PASSWORD
region_name = RegionOne
EOF
}

# Password credentials of a service user for a service-to-service client.
service_auth() { # service_auth SECTION USER
  cat <<EOF
[$1]
auth_type = password
auth_url = http://127.0.0.1:5000/v3
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $2
password = $SERVICE_PASSWORD
region_name = RegionOne
valid_interfaces = public
EOF
}

uwsgi_ini() { # uwsgi_ini NAME PORT WSGI_FILE PROCESSES ENV...
  local name=$1 port=$2 wsgi=$3 procs=$4; shift 4
  {
    cat <<EOF
[uwsgi]
plugins = python3
http-socket = 127.0.0.1:$port
wsgi-file = $wsgi
procname-prefix = devcloud-
master = true
processes = $procs
threads = 1
lazy-apps = true
die-on-term = true
hook-master-start = unix_signal:15 gracefully_kill_them_all
buffer-size = 65535
add-header = Connection: close
; One line per request (uwsgi's default request logging), e.g.
; [pid: 123|app: 0|req: 1/1] 127.0.0.1 () {..} [date] POST /v3/auth/tokens => generated ...
logto = $LOG/$name.log
EOF
    local e
    for e in "$@"; do printf 'env = %s\n' "$e"; done
  } >"$ETC/uwsgi/$name.ini"
}

# Nova's api-paste.ini from the package, with the site extensions' filter
# (novash_site_ext.py) in both compute API pipelines, right after
# keystonecontext (the filter needs the request's Nova context) and before
# the API router (the legacy /v2 pipeline: after its compatibility wrapper).
nova_api_paste() {
  local src=/usr/share/nova-common/api-paste.ini out
  out=$(sed \
    -e 's/^\(keystone = .* keystonecontext\) osapi_compute_app_v21$/\1 novash_site_ext osapi_compute_app_v21/' \
    -e 's/^\(keystone = .* keystonecontext legacy_v2_compatible\) osapi_compute_app_v21$/\1 novash_site_ext osapi_compute_app_v21/' \
    "$src")
  if [[ $(grep -c '^keystone = .* novash_site_ext osapi_compute_app_v21$' <<<"$out") != 2 ]]; then
    warn "$src: the v2.1 and v2 keystone pipelines have an unexpected shape; cannot add the site extensions' filter"
    return 1
  fi
  cat <<EOF
$out

# Site extensions of the novash dev cloud: os-documents and
# POST /servers/{id}/backup_instance (scripts/devcloud/novash_site_ext.py).
[filter:novash_site_ext]
paste.filter_factory = novash_site_ext:SiteExtensions.factory
EOF
}

write_configs() {
  mkdir -p "$ETC"/{mariadb,rabbitmq,keystone,glance,placement,neutron,nova,uwsgi} \
    "$DIR"/keystone/{fernet-keys,credential-keys} \
    "$DIR"/glance/{images,staging,tasks,cache} \
    "$DIR"/nova/{instances,lock} "$DIR"/neutron/lock "$DIR"/placement/lock \
    "$DIR"/keystone/lock "$DIR"/glance/lock "$DIR"/rabbitmq/mnesia "$DIR/tmp"
  chmod 700 "$DIR"/keystone/{fernet-keys,credential-keys}

  # ------------------------------------------------------------- MariaDB
  cat >"$ETC/mariadb/my.cnf" <<EOF
[client-server]
socket = $MYSQL_SOCK

[mysqld]
user = root
datadir = $DIR/mysql
pid-file = $RUN/mysqld.pid
log-error = $LOG/mariadb.log
tmpdir = $DIR/tmp
skip-networking
skip-name-resolve
skip-log-bin
character-set-server = utf8mb4
collation-server = utf8mb4_general_ci
max_connections = 1000
innodb_buffer_pool_size = 256M
innodb_flush_log_at_trx_commit = 2
innodb_doublewrite = 0
EOF

  # ------------------------------------------------------------ RabbitMQ
  cat >"$ETC/rabbitmq/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:5672
loopback_users.guest = true
default_user = guest
default_pass = guest
disk_free_limit.absolute = 50MB
EOF
  : >"$ETC/rabbitmq/rabbitmq-env.conf"
  echo '[].' >"$ETC/rabbitmq/enabled_plugins"

  # ------------------------------------------------------------ Keystone
  cat >"$ETC/keystone/keystone.conf" <<EOF
[DEFAULT]
use_stderr = true

[database]
connection = $(db_url keystone)

[token]
provider = fernet

[fernet_tokens]
key_repository = $DIR/keystone/fernet-keys

[fernet_receipts]
key_repository = $DIR/keystone/fernet-keys

[credential]
key_repository = $DIR/keystone/credential-keys

[oslo_policy]
policy_file = $ETC/keystone/policy.yaml
policy_dirs = $ETC/keystone/policy.d

[oslo_concurrency]
lock_path = $DIR/keystone/lock
EOF
  uwsgi_ini keystone 5000 /usr/bin/keystone-wsgi-public 2 \
    "OS_KEYSTONE_CONFIG_DIR=$ETC/keystone" "OS_KEYSTONE_CONFIG_FILES=keystone.conf"

  # --------------------------------------------------------------- Glance
  cp /usr/share/glance-common/glance-api-paste.ini "$ETC/glance/glance-api-paste.ini"
  {
    cat <<EOF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = 9292
workers = 1
use_stderr = true
enabled_backends = file:file
image_cache_dir = $DIR/glance/cache
transport_url = $RABBIT_URL
graceful_shutdown_timeout = 5

[glance_store]
default_backend = file

[file]
filesystem_store_datadir = $DIR/glance/images/

[os_glance_staging_store]
filesystem_store_datadir = $DIR/glance/staging/

[os_glance_tasks_store]
filesystem_store_datadir = $DIR/glance/tasks/

[database]
connection = $(db_url glance)

[paste_deploy]
flavor = keystone
config_file = $ETC/glance/glance-api-paste.ini

[oslo_messaging_notifications]
driver = noop

[oslo_policy]
policy_file = $ETC/glance/policy.yaml
policy_dirs = $ETC/glance/policy.d

[oslo_concurrency]
lock_path = $DIR/glance/lock

EOF
    authtoken_section glance
  } >"$ETC/glance/glance-api.conf"

  # ------------------------------------------------------------ Placement
  {
    cat <<EOF
[DEFAULT]
use_stderr = true

[api]
auth_strategy = keystone

[placement_database]
connection = $(db_url placement)

[oslo_policy]
policy_file = $ETC/placement/policy.yaml
policy_dirs = $ETC/placement/policy.d

[oslo_concurrency]
lock_path = $DIR/placement/lock

EOF
    authtoken_section placement
  } >"$ETC/placement/placement.conf"
  uwsgi_ini placement 8778 /usr/bin/placement-api 1 \
    "OS_PLACEMENT_CONFIG_DIR=$ETC/placement"

  # -------------------------------------------------------------- Neutron
  # No agents: ML2 with agentless type drivers (flat for the external
  # network, local for the projects' own), the dev cloud's own mechanism
  # driver that binds every port (devcloud_ml2.py), and the L3 router
  # plugin, API only: routers and floating IPs are records, nothing routes.
  # Port changes are sent to Nova (os-server-external-events), so a
  # server's addresses follow its ports and floating IPs as on a real cloud.
  {
    cat <<EOF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = 9696
core_plugin = ml2
service_plugins = router
auth_strategy = keystone
transport_url = $RABBIT_URL
api_workers = 1
rpc_workers = 0
rpc_state_report_workers = 0
state_path = $DIR/neutron
notify_nova_on_port_status_changes = true
notify_nova_on_port_data_changes = true
dhcp_agent_notification = false
use_stderr = true
graceful_shutdown_timeout = 5

[database]
connection = $(db_url neutron)

[oslo_messaging_notifications]
driver = noop

[oslo_policy]
policy_file = $ETC/neutron/policy.yaml
policy_dirs = $ETC/neutron/policy.d

[oslo_concurrency]
lock_path = $DIR/neutron/lock

[agent]
root_helper =

$(service_auth nova neutron)
endpoint_type = public

EOF
    authtoken_section neutron
  } >"$ETC/neutron/neutron.conf"
  cat >"$ETC/neutron/ml2_conf.ini" <<EOF
[ml2]
type_drivers = flat,local
tenant_network_types = local
mechanism_drivers = devcloud
extension_drivers = port_security

[ml2_type_flat]
flat_networks = *
EOF

  # ----------------------------------------------------------------- Nova
  nova_api_paste >"$ETC/nova/api-paste.ini"
  local common
  common=$(
    cat <<EOF
[DEFAULT]
host = devcloud
my_ip = 127.0.0.1
state_path = $DIR/nova
instances_path = $DIR/nova/instances
transport_url = $RABBIT_URL
compute_driver = devcloud_fake.SnapshotUploadingFakeDriver
enabled_apis = osapi_compute
osapi_compute_listen = 127.0.0.1
osapi_compute_workers = 1
allow_resize_to_same_host = true
sync_power_state_interval = -1
heal_instance_info_cache_interval = -1
use_stderr = true
graceful_shutdown_timeout = 5

[wsgi]
api_paste_config = $ETC/nova/api-paste.ini

[conductor]
workers = 1

[scheduler]
workers = 1
discover_hosts_in_cells_interval = 120

[quota]
instances = 100
cores = 400
ram = 819200

[oslo_messaging_notifications]
driver = noop

[vnc]
enabled = false

[spice]
enabled = false

[oslo_policy]
policy_file = $ETC/nova/policy.yaml
policy_dirs = $ETC/nova/policy.d

[oslo_concurrency]
lock_path = $DIR/nova/lock

$(authtoken_section nova)

$(service_auth placement nova)

$(service_auth neutron nova)

[glance]
region_name = RegionOne
valid_interfaces = public

[cinder]
os_region_name = RegionOne
EOF
  )
  {
    printf '%s\n\n' "$common"
    cat <<EOF
[api_database]
connection = $(db_url nova_api)

[database]
connection = $(db_url nova)
EOF
  } >"$ETC/nova/nova.conf"
  # nova-compute must not see any DB connection (pitfall 14).
  printf '%s\n' "$common" >"$ETC/nova/nova-compute.conf"
  uwsgi_ini nova-api 8774 /usr/bin/nova-api-wsgi 2 \
    "OS_NOVA_CONFIG_DIR=$ETC/nova"
  # The site extensions' filter module (novash_site_ext.py) is imported from $BIN.
  printf 'pythonpath = %s\n' "$BIN" >>"$ETC/uwsgi/nova-api.ini"

  # -------------------------------------------------------- clouds.yaml
  cat >"$CLOUDS_YAML" <<EOF
# novash dev cloud (loopback only). Generated by scripts/devcloud/up.
clouds:
  devcloud:
    auth:
      auth_url: $KEYSTONE_URL
      username: admin
      password: $ADMIN_PASSWORD
      project_name: admin
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    interface: public
    identity_api_version: 3
  devcloud-demo:
    auth:
      auth_url: $KEYSTONE_URL
      username: demo
      password: $DEMO_PASSWORD
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    interface: public
    identity_api_version: 3
EOF
  chmod 644 "$CLOUDS_YAML"

  # Helper entry points (copied so the running cloud does not depend on
  # where the repository is checked out).
  mkdir -p "$BIN"
  install -m 755 "$DEVCLOUD_SRC/bin/nova-compute" "$DEVCLOUD_SRC/bin/neutron-server" "$BIN/"
  install -m 644 "$DEVCLOUD_SRC/devcloud_fake.py" "$DEVCLOUD_SRC/novash_site_ext.py" \
    "$DEVCLOUD_SRC/devcloud_ml2.py" "$BIN/"
  # The entry point that names devcloud_ml2's driver for ML2 (stevedore
  # finds mechanism drivers by entry point only).
  local dist="$BIN/devcloud_neutron-1.0.dist-info"
  mkdir -p "$dist"
  printf 'Metadata-Version: 2.1\nName: devcloud-neutron\nVersion: 1.0\n' >"$dist/METADATA"
  printf '[neutron.ml2.mechanism_drivers]\ndevcloud = devcloud_ml2:AgentlessMechanismDriver\n' >"$dist/entry_points.txt"
}
