#!/usr/bin/env bash
# A local cluster of the sample: Debian's PostgreSQL, N sample nodes as separate processes on loopback ports, and
# Debian's haproxy round-robin in front (no sticky sessions), so that any node may get any request of a ceremony.
#
#   eng/cluster.sh start [--nodes N]   build the sample once, start PostgreSQL, the nodes and the balancer
#   eng/cluster.sh stop                stop the balancer and the nodes (PostgreSQL keeps running)
#   eng/cluster.sh status              what runs, where, and whether it answers
#   eng/cluster.sh reset               stop, drop the cluster's database and delete the run directory
#
# The balancer listens on http://localhost:5100 (CLUSTER_PORT), node i on 5100+i. Everything the cluster writes is
# in .cluster/ (CLUSTER_DIR): the built site, one log and pid file per node, haproxy.cfg and its log, the emails, and
# the DecoySecret every node shares. Variables of the caller (Passkeys__…, Email__…) reach every node alike.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
run=${CLUSTER_DIR:-$root/.cluster}
port=${CLUSTER_PORT:-5100}
nodes=${CLUSTER_NODES:-2}
database=${CLUSTER_DATABASE:-passkeys_cluster}
pg_host=127.0.0.1 pg_port=5432 pg_user=passkeys pg_password=passkeys

say() { printf '%s\n' "$*"; }
fail() { printf 'cluster: %s\n' "$*" >&2; exit 1; }
as_postgres() { if [[ $(id -u) == 0 ]]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }
as_root() { if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi; }

node_port() { echo $((port + $1)); }
node_count() { compgen -G "$run/node*.pid" | wc -l; }

# The pid in a pid file, if that process still runs the program the file is for (a pid may be reused).
running_pid() {
  local file=$1 program=$2 pid
  [[ -f $file ]] || return 1
  pid=$(<"$file")
  [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$program" && echo "$pid"
}

wait_http() { # url seconds [pid that must stay alive]
  local i
  for ((i = 0; i < $2 * 2; i++)); do
    [[ -z ${3:-} ]] || kill -0 "$3" 2>/dev/null || return 1
    curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null && return 0
    sleep 0.5
  done
  return 1
}

install_missing() { # command package
  command -v "$1" >/dev/null && return 0
  say "$1 is missing: installing Debian's $2 (apt-get install -y $2)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$2" >/dev/null
  command -v "$1" >/dev/null || fail "could not install $2; install it and run again"
}

start_postgres() {
  compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || install_missing pg_ctlcluster postgresql
  local version
  version=$(basename "$(dirname "$(dirname "$(compgen -G '/usr/lib/postgresql/*/bin/postgres' | sort -V | tail -n 1)")")")
  pg_lsclusters -h | grep -q "^$version main" || as_root pg_createcluster "$version" main >/dev/null
  pg_lsclusters -h | grep -q "^$version main .* online" || as_root pg_ctlcluster "$version" main start
  local i
  for ((i = 0; i < 30; i++)); do pg_isready -q -h "$pg_host" -p "$pg_port" && break; sleep 1; done
  pg_isready -q -h "$pg_host" -p "$pg_port" || fail "PostgreSQL $version does not answer on $pg_host:$pg_port"
  as_postgres "psql -q -tAc \"SELECT 1 FROM pg_roles WHERE rolname = '$pg_user'\"" | grep -q 1 \
    || as_postgres "psql -q -c \"CREATE ROLE $pg_user LOGIN CREATEDB PASSWORD '$pg_password'\""
  as_postgres "psql -q -tAc \"SELECT 1 FROM pg_database WHERE datname = '$database'\"" | grep -q 1 \
    || as_postgres "psql -q -c \"CREATE DATABASE $database OWNER $pg_user\""
  say "PostgreSQL $version: database $database on $pg_host:$pg_port"
}

# One environment for every node: the database, the shared DecoySecret, every origin a browser may use (the balancer
# and each node, so that a ceremony may also be begun on one node and completed on another), and one mail folder.
put() { printf '%s=%q\n' "$1" "$2"; }   # a line of node.env, quoted for the shell that sources it
write_environment() {
  [[ -s $run/decoy-secret ]] || (umask 077 && openssl rand -base64 32 >"$run/decoy-secret")
  {
    put ASPNETCORE_ENVIRONMENT "${ASPNETCORE_ENVIRONMENT:-Production}"
    put Database__Provider Npgsql
    put ConnectionStrings__Passkeys "Host=$pg_host;Port=$pg_port;Username=$pg_user;Password=$pg_password;Database=$database"
    put Passkeys__DecoySecret "$(<"$run/decoy-secret")"
    put Passkeys__Origins__0 "http://localhost:$port"
    local i
    for ((i = 1; i <= nodes; i++)); do put "Passkeys__Origins__$i" "http://localhost:$(node_port "$i")"; done
    put Email__PublicOrigin "http://localhost:$port"
    put Email__PickupDirectory "$run/mail"
  } >"$run/node.env"
  chmod 600 "$run/node.env"
}

start_node() { # index
  local i=$1 p
  p=$(node_port "$i")
  ! curl -s -o /dev/null --max-time 1 "http://localhost:$p/" || fail "port $p is taken: stop what listens there or set CLUSTER_PORT"
  (
    cd "$run/app"
    set -a && . "$run/node.env" && set +a
    export ASPNETCORE_URLS="http://localhost:$p"
    exec setsid dotnet DemoSite.dll >"$run/node$i.log" 2>&1 </dev/null
  ) &
  echo $! >"$run/node$i.pid"
}

wait_node() { # index
  local p
  p=$(node_port "$1")
  wait_http "http://localhost:$p/" 90 "$(<"$run/node$1.pid")" \
    || { tail -n 5 "$run/node$1.log" >&2; fail "node $1 did not answer on port $p; see $run/node$1.log"; }
  say "node $1: http://localhost:$p (pid $(<"$run/node$1.pid"), log $run/node$1.log)"
}

write_haproxy_config() {
  local binds="    bind 127.0.0.1:$port"
  [[ -f /proc/net/if_inet6 ]] && ip -6 addr show lo 2>/dev/null | grep -q '::1' && binds+=$'\n'"    bind [::1]:$port"
  {
    cat <<EOF
# Generated by eng/cluster.sh: round robin over the nodes, no sticky sessions, so consecutive requests of one
# ceremony go to different nodes. The response header X-Cluster-Node names the node that answered.
global
    log stdout format raw local0 info

defaults
    mode http
    log global
    option httplog
    option forwardfor
    timeout connect 5s
    timeout client 60s
    timeout server 60s

frontend passkeys
$binds
    default_backend nodes
    http-response set-header X-Cluster-Node %[srv_name]

backend nodes
    balance roundrobin
    option httpchk
    http-check send meth GET uri /
EOF
    local i
    for ((i = 1; i <= nodes; i++)); do
      echo "    server node$i 127.0.0.1:$(node_port "$i") check inter 2s"
    done
  } >"$run/haproxy.cfg"
  haproxy -c -q -f "$run/haproxy.cfg" || fail "haproxy refuses $run/haproxy.cfg"
}

start_haproxy() {
  (exec setsid haproxy -db -f "$run/haproxy.cfg" >"$run/haproxy.log" 2>&1 </dev/null) &
  echo $! >"$run/haproxy.pid"
  wait_http "http://localhost:$port/" 30 "$(<"$run/haproxy.pid")" || fail "haproxy does not answer on port $port; see $run/haproxy.log"
  say "balancer: http://localhost:$port (haproxy pid $(<"$run/haproxy.pid"), round robin over $nodes nodes, config $run/haproxy.cfg)"
}

stop_pidfile() { # file program
  local pid i
  if pid=$(running_pid "$1" "$2"); then
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 40; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    say "stopped $(basename "$1" .pid) (pid $pid)"
  fi
  rm -f "$1"
}

cmd_start() {
  [[ $nodes =~ ^[1-9]$ ]] || fail "--nodes takes 1 to 9"
  if running_pid "$run/haproxy.pid" haproxy >/dev/null || compgen -G "$run/node*.pid" >/dev/null; then
    fail "a cluster is already running from $run; eng/cluster.sh stop first (or status)"
  fi
  mkdir -p "$run/mail"
  install_missing haproxy haproxy
  install_missing openssl openssl
  start_postgres

  say "Building the sample into $run/app (dotnet publish -c Release)"
  dotnet publish "$root/samples/DemoSite" -c Release -o "$run/app" --nologo -v quiet >"$run/build.log" 2>&1 \
    || { tail -n 30 "$run/build.log" >&2; fail "the build failed; see $run/build.log"; }

  write_environment
  # The first node creates the tables (EnsureCreated on an empty database) and the first data-protection key; the
  # others start once it answers, so that they find both instead of racing to make their own.
  start_node 1
  wait_node 1
  local i
  for ((i = 2; i <= nodes; i++)); do start_node "$i"; done
  for ((i = 2; i <= nodes; i++)); do wait_node "$i"; done

  write_haproxy_config
  start_haproxy
  say "Open http://localhost:$port; emails are written to $run/mail. Stop with: eng/cluster.sh stop"
}

cmd_stop() {
  [[ -d $run ]] || { say "no cluster in $run"; return 0; }
  stop_pidfile "$run/haproxy.pid" haproxy
  local file
  for file in "$run"/node*.pid; do
    [[ -e $file ]] && stop_pidfile "$file" DemoSite.dll
  done
  say "PostgreSQL keeps running (pg_ctlcluster <version> main stop to stop it)"
}

cmd_status() {
  local state=0 file i pid p
  if pg_isready -q -h "$pg_host" -p "$pg_port" 2>/dev/null; then
    say "postgres  up    $pg_host:$pg_port database $database"
  else
    say "postgres  down  $pg_host:$pg_port"; state=1
  fi
  for file in "$run"/node*.pid; do
    [[ -e $file ]] || continue
    i=${file##*/node}; i=${i%.pid}; p=$(node_port "$i")
    if pid=$(running_pid "$file" DemoSite.dll) && curl -fsS -o /dev/null --max-time 2 "http://localhost:$p/"; then
      say "node$i     up    http://localhost:$p pid $pid"
    else
      say "node$i     down  http://localhost:$p (log $run/node$i.log)"; state=1
    fi
  done
  if pid=$(running_pid "$run/haproxy.pid" haproxy) && curl -fsS -o /dev/null --max-time 2 "http://localhost:$port/"; then
    say "haproxy   up    http://localhost:$port pid $pid"
  elif [[ -e $run/haproxy.pid ]]; then
    say "haproxy   down  http://localhost:$port (log $run/haproxy.log)"; state=1
  else
    say "no cluster running from $run"; state=1
  fi
  return $state
}

cmd_reset() {
  cmd_stop
  if pg_isready -q -h "$pg_host" -p "$pg_port" 2>/dev/null; then
    as_postgres "psql -q -c \"DROP DATABASE IF EXISTS $database WITH (FORCE)\""
    say "dropped database $database"
  fi
  rm -rf "$run"
  say "deleted $run"
}

command=${1:-}
shift || true
while (($#)); do
  case $1 in
    --nodes) nodes=${2:?--nodes takes a number}; shift 2 ;;
    --nodes=*) nodes=${1#--nodes=}; shift ;;
    *) fail "unknown option $1 (usage: eng/cluster.sh start [--nodes N] | stop | status | reset)" ;;
  esac
done

case $command in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  reset) cmd_reset ;;
  *) say "usage: eng/cluster.sh start [--nodes N] | stop | status | reset"; exit 2 ;;
esac
