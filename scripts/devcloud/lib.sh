# shellcheck shell=bash
# Common definitions for scripts/devcloud/{up,down,status}. Sourced, not run.
#
# Everything the dev cloud owns lives under one state directory:
#   $NOVASH_DEVCLOUD_DIR (default /var/lib/novash-devcloud)
#     etc/<service>/...   generated configs      log/<service>.log  logs
#     run/<service>.pid   "PID STARTTIME"         mysql/  rabbitmq/  keystone/
#     glance/  nova/  neutron/  placement/        bin/   helper entry points
#     clouds.yaml         state/  markers (db synced, seeded, hosts discovered)

# Debian's python and tools only: a pyenv/venv python3 earlier in PATH breaks
# the OpenStack services (DEVCLOUD.md pitfall 1).
export PATH=/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin
export LC_ALL=C.UTF-8 LANG=C.UTF-8
unset PYTHONPATH PYTHONHOME PYTHONSTARTUP VIRTUAL_ENV PYENV_VERSION CONDA_PREFIX
# Inherited OS_* variables would change what the openstack tools and the
# services' own clients do.
while read -r _v; do unset "$_v"; done < <(compgen -e | grep '^OS_' || true)
unset _v

PY=/usr/bin/python3
DEVCLOUD_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DIR="${NOVASH_DEVCLOUD_DIR:-/var/lib/novash-devcloud}"
DIR="${DIR%/}"
ETC="$DIR/etc"
LOG="$DIR/log"
RUN="$DIR/run"
MARK="$DIR/state"
BIN="$DIR/bin"
CLOUDS_YAML="$DIR/clouds.yaml"
MYSQL_SOCK="$RUN/mysqld.sock"

# Fixed credentials: this cloud listens on 127.0.0.1 only.
ADMIN_PASSWORD=devcloud-admin
DEMO_PASSWORD=devcloud-demo
SERVICE_PASSWORD=devcloud-service
DB_USER=devcloud
DB_PASSWORD=devcloud-db
RABBIT_URL="rabbit://guest:guest@127.0.0.1:5672/"
KEYSTONE_URL="http://127.0.0.1:5000/v3"

# Start order. `down` stops in reverse order.
SERVICES=(mariadb epmd rabbitmq keystone glance placement neutron
          nova-conductor nova-scheduler nova-api nova-compute)

# Port per service ("-" = none; MariaDB listens on its unix socket only).
declare -A PORT=(
  [mariadb]=- [epmd]=4369 [rabbitmq]=5672 [keystone]=5000 [glance]=9292
  [placement]=8778 [neutron]=9696 [nova-api]=8774 [nova-conductor]=-
  [nova-scheduler]=- [nova-compute]=-
)

# URL that answers once the API is ready.
declare -A API_URL=(
  [keystone]=http://127.0.0.1:5000/v3 [glance]=http://127.0.0.1:9292/
  [placement]=http://127.0.0.1:8778/ [neutron]=http://127.0.0.1:9696/
  [nova-api]=http://127.0.0.1:8774/
)

# What each OpenStack service reads at start (paths under $DIR): `up` on a
# running cloud restarts a service whose inputs changed since its start.
declare -A SVC_INPUTS=(
  [keystone]="etc/keystone/keystone.conf etc/uwsgi/keystone.ini"
  [glance]="etc/glance/glance-api.conf etc/glance/glance-api-paste.ini"
  [placement]="etc/placement/placement.conf etc/uwsgi/placement.ini"
  [neutron]="etc/neutron/neutron.conf etc/neutron/ml2_conf.ini bin/neutron-server bin/devcloud_ml2.py
             bin/devcloud_neutron-1.0.dist-info/entry_points.txt"
  [nova-conductor]="etc/nova/nova.conf"
  [nova-scheduler]="etc/nova/nova.conf"
  [nova-api]="etc/nova/nova.conf etc/nova/api-paste.ini etc/uwsgi/nova-api.ini bin/novash_site_ext.py"
  [nova-compute]="etc/nova/nova-compute.conf bin/nova-compute bin/devcloud_fake.py"
)

# inputs_digest NAME: one hash over the service's input files as they are now
# (a missing file counts as empty).
inputs_digest() {
  local f
  for f in ${SVC_INPUTS[$1]:-}; do
    printf '%s\n' "$f"
    cat "$DIR/$f" 2>/dev/null || true
  done | sha256sum | cut -d' ' -f1
}

PACKAGES=(keystone placement-api glance-api nova-api nova-conductor
          nova-scheduler python3-nova neutron-common rabbitmq-server
          mariadb-server python3-pymysql uwsgi-core uwsgi-plugin-python3
          qemu-utils python3-openstackclient python3-novaclient
          python3-osc-placement curl iproute2 procps)

say() { printf 'devcloud: %s\n' "$*"; }
warn() { printf 'devcloud: %s\n' "$*" >&2; }

# ---------------------------------------------------------------- processes

# Field 22 (starttime) of /proc/PID/stat; the comm field may contain spaces,
# so cut everything up to the last ") " first (then field 22 is $20).
proc_starttime() {
  local s
  s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  s=${s##*) }
  # shellcheck disable=SC2086
  set -- $s
  printf '%s\n' "${20}"
}

proc_state() {
  local s
  s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  s=${s##*) }
  printf '%s\n' "${s%% *}"
}

# A PID is alive when it exists and is not a zombie (PID 1 here does not
# necessarily reap orphans, so zombies count as gone).
pid_alive() {
  local st
  st=$(proc_state "$1") || return 1
  [[ $st != Z && $st != X ]]
}

# Prints the PID of a service if its PID file matches a live process.
svc_pid() {
  local f="$RUN/$1.pid" pid start cur
  [[ -r $f ]] || return 1
  read -r pid start <"$f" || true
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  cur=$(proc_starttime "$pid") || return 1
  [[ $cur == "$start" ]] || return 1
  pid_alive "$pid" || return 1
  printf '%s\n' "$pid"
}

svc_running() { svc_pid "$1" >/dev/null; }

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# All live members of process group $1 plus all descendants of them (the
# Erlang VM's helpers call setsid and leave the group: pitfall 9).
collect_tree() {
  local root=$1
  ps -e -o pid=,ppid=,pgid=,stat= 2>/dev/null | awk -v root="$root" '
    { pid[NR]=$1; ppid[NR]=$2; pgid[NR]=$3; st[NR]=$4; n=NR }
    END {
      for (i=1;i<=n;i++) if (pid[i]==root || pgid[i]==root) keep[pid[i]]=1
      changed=1
      while (changed) { changed=0
        for (i=1;i<=n;i++) if (!(pid[i] in keep) && (ppid[i] in keep)) { keep[pid[i]]=1; changed=1 } }
      for (i=1;i<=n;i++) if ((pid[i] in keep) && st[i] !~ /^Z/) print pid[i]
    }'
}

# Starts "$@" as service $name in its own session/process group, output
# appended to $LOG/$name.log, and records "PID STARTTIME".
start_service() {
  local name=$1; shift
  if svc_running "$name"; then return 0; fi
  local log="$LOG/$name.log"
  printf '===== %s devcloud starting %s\n' "$(date '+%F %T')" "$name" >>"$log"
  # Not a process-group leader (no job control in scripts), so setsid(1)
  # calls setsid() in this very process and execs: $! is the service's PID.
  # fd 9 is the up/down lock: the services must not inherit it.
  setsid "$@" >>"$log" 2>&1 </dev/null 9>&- &
  local pid=$! st
  st=$(proc_starttime "$pid") || { warn "$name exited at once"; return 1; }
  printf '%s %s\n' "$pid" "$st" >"$RUN/$name.pid"
  if [[ -n ${SVC_INPUTS[$name]:-} ]]; then inputs_digest "$name" >"$RUN/$name.inputs"; fi
  date -u '+%Y-%m-%d %H:%M:%S' >"$RUN/$name.started"
}

# Stops the given services together: TERM to each one's process group and
# descendants (collected before signalling), wait up to $STOP_TIMEOUT s,
# then KILL what is left.
stop_services() {
  local name pid pids=() p
  for name in "$@"; do
    pid=$(svc_pid "$name") || { rm -f "$RUN/$name.pid"; continue; }
    say "stopping $name (pid $pid)"
    while read -r p; do [[ -n $p ]] && pids+=("$p"); done < <(collect_tree "$pid")
  done
  ((${#pids[@]})) || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  local deadline=$((SECONDS + ${STOP_TIMEOUT:-20})) left
  while :; do
    left=()
    for p in "${pids[@]}"; do pid_alive "$p" && left+=("$p"); done
    ((${#left[@]})) || break
    if ((SECONDS >= deadline)); then
      warn "killing leftover processes: ${left[*]}"
      kill -KILL "${left[@]}" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.2
  done
  for name in "$@"; do rm -f "$RUN/$name.pid"; done
}

fail_service() {
  local name=$1 msg=${2:-"did not come up"}
  warn "$name $msg"
  warn "last 30 lines of $LOG/$name.log:"
  tail -n 30 "$LOG/$name.log" >&2 2>/dev/null || true
  exit 1
}

# http_ready URL: any HTTP answer below 500.
http_ready() {
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" 2>/dev/null) || true
  [[ $code =~ ^[1-4][0-9][0-9]$ ]]
}

# wait_for NAME TIMEOUT CHECK-COMMAND...: polls CHECK while the service's
# process is alive; on death or timeout prints its log tail and exits.
wait_for() {
  local name=$1 timeout=$2; shift 2
  local deadline=$((SECONDS + timeout))
  while :; do
    if "$@"; then return 0; fi
    svc_running "$name" || fail_service "$name" "exited during start-up"
    ((SECONDS < deadline)) || fail_service "$name" "did not come up within ${timeout}s"
    sleep 0.3
  done
}

status_line() {
  local name=$1 pid state port=${PORT[$1]}
  if pid=$(svc_pid "$name"); then
    state=up
    if [[ $port != - ]] && ! port_open "$port"; then state=down; fi
    if [[ $name == mariadb ]] && [[ ! -S $MYSQL_SOCK ]]; then state=down; fi
  else
    state=down pid=-
  fi
  [[ $name == mariadb ]] && port=socket
  printf '%-15s %-5s port=%-6s pid=%-8s log=%s\n' "$name" "$state" "$port" "$pid" "$LOG/$name.log"
  [[ $state == up ]]
}

all_up() {
  local s
  for s in "${SERVICES[@]}"; do
    svc_running "$s" || return 1
    [[ ${PORT[$s]} == - ]] || port_open "${PORT[$s]}" || return 1
  done
  [[ -S $MYSQL_SOCK ]]
}
