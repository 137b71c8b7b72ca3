#!/usr/bin/env bash
# The production topology on one machine: a standalone Artemis broker, WildFly node 1 and node 2
# (port offsets 100 and 200) on the same PostgreSQL, and the Informz simulator (docs/operations.md).
#
#   cluster.sh run            start everything, print every URL, wait; Ctrl-C stops everything
#   cluster.sh start          the same, but return once both nodes have deployed (tests use it)
#   cluster.sh stop           stop everything started from this cluster directory
#   cluster.sh kill-node N    kill -9 node N (a crash: its transactions stay in doubt until it restarts)
#   cluster.sh start-node N   start node N again with its own base directory and transaction node id
#   cluster.sh stop-node N    a clean stop of node N
#   cluster.sh kill-broker / start-broker   the broker alone (the nodes reconnect by themselves)
#   cluster.sh urls           print the URLs and logins
# `mvn -Pcluster package` (ear-module) builds and calls `cluster.sh run` with the paths below set.
#
# Environment:
#   WILDFLY_HOME, ARTEMIS_HOME      provisioned by the build (server-config/target/wildfly, .../artemis)
#   IDSS_EAR, IDSS_SIMULATOR_JAR    what to deploy and the simulator to start
#   IDSS_CLUSTER_DIR                where the broker instance, the node base directories, the pid files
#                                   and the generated secrets live (server-config/target/cluster)
#   IDSS_FRESH=true                 start from nothing: new broker data, new nodes, empty schema
#   IDSS_DB_SCHEMA (idss_cluster)   schema in the local PostgreSQL database test (created if missing)
#   IDSS_START_SIMULATOR (true)     false when a simulator already listens on 18089
#   IDSS_NODE_JVM_ARGS              extra JVM arguments for both nodes
#   INFORMZ_PASSWORD                the Informz password the nodes use (a demo value if unset)
#   IDSS_BROKER_PASSWORD            the nodes' broker password (generated once and kept in
#                                   $IDSS_CLUSTER_DIR/secrets if unset; never printed)
set -euo pipefail

command=${1:-run}
node_arg=${2:-}
wildfly_home=${WILDFLY_HOME:?WILDFLY_HOME: the provisioned WildFly}
artemis_home=${ARTEMIS_HOME:?ARTEMIS_HOME: the unpacked Artemis}
cluster_dir=${IDSS_CLUSTER_DIR:?IDSS_CLUSTER_DIR: where the cluster keeps its state}
scripts_dir=$(cd "$(dirname "$0")" && pwd)
broker_script="$scripts_dir/../broker/create-broker.sh"

nodes=(1 2)
port_offset_step=100
broker_port=61616
simulator_port=18089
db_schema=${IDSS_DB_SCHEMA:-idss_cluster}
db_url="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=${db_schema}"
server_config=standalone-full-cluster.xml
inbox_app_user=crm-app
demo_operator=(operator 'operator-demo-1')
demo_admin=(admin 'admin-demo-1')
pids="$cluster_dir/pids"
secrets="$cluster_dir/secrets"

export INFORMZ_PASSWORD=${INFORMZ_PASSWORD:-demo-informz-password}

die() { echo "cluster.sh: $*" >&2; exit 1; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
node_offset() { echo $(( $1 * port_offset_step )); }
node_http_port() { echo $(( 8080 + $(node_offset "$1") )); }
node_management_port() { echo $(( 9990 + $(node_offset "$1") )); }
pid_of() { [[ -f "$pids/$1.pid" ]] && cat "$pids/$1.pid"; }
running() { local pid; pid=$(pid_of "$1") && kill -0 "$pid" 2>/dev/null; }

# Secrets are made here once, kept readable by this user only, and reach the processes through
# their environment: never a command line (visible in ps) or a log.
secret() {
  local name=$1 file="$secrets/$1"
  mkdir -p "$secrets" && chmod 700 "$secrets"
  if [[ ! -s "$file" ]]; then
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$file")
  fi
  cat "$file"
}

broker_password() { echo "${IDSS_BROKER_PASSWORD:-$(secret broker-password)}"; }
inbox_app_password() { echo "${IDSS_INBOX_APP_PASSWORD:-$(secret inbox-app-password)}"; }

ensure_database() {
  if ! pg_isready --host=127.0.0.1 --port=5432 >/dev/null 2>&1; then
    echo "Starting PostgreSQL..."
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
    for _ in $(seq 1 30); do pg_isready --host=127.0.0.1 --port=5432 >/dev/null 2>&1 && break; sleep 1; done
  fi
  local sql="CREATE SCHEMA IF NOT EXISTS ${db_schema};"
  [[ "${IDSS_FRESH:-false}" == true ]] && sql="DROP SCHEMA IF EXISTS ${db_schema} CASCADE; ${sql}"
  psql --host=127.0.0.1 --username=postgres --dbname=test --quiet --command="$sql" >/dev/null
}

start_broker() {
  running broker && return 0
  port_in_use "$broker_port" && die "port ${broker_port} is in use: another broker?"
  IDSS_BROKER_PASSWORD=$(broker_password) IDSS_INBOX_APP_USER=$inbox_app_user \
    IDSS_INBOX_APP_PASSWORD=$(inbox_app_password) IDSS_BROKER_PORT=$broker_port \
    "$broker_script" "$artemis_home" "$cluster_dir/broker" >/dev/null
  mkdir -p "$pids" "$cluster_dir/broker/log"
  "$cluster_dir/broker/bin/artemis" run >"$cluster_dir/broker/log/console.log" 2>&1 </dev/null &
  echo $! >"$pids/broker.pid"
  for _ in $(seq 1 300); do
    grep -q 'AMQ221007' "$cluster_dir/broker/log/console.log" 2>/dev/null && return 0
    running broker || die "the broker did not start; see $cluster_dir/broker/log/console.log"
    sleep 0.2 # the broker's log line is the only readiness signal it gives
  done
  die "the broker did not become active within a minute"
}

kill_broker() {
  local pid
  pid=$(pid_of broker) || return 0
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$pids/broker.pid"
}

stop_broker() {
  local pid
  pid=$(pid_of broker) || return 0
  kill "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  rm -f "$pids/broker.pid"
}

start_simulator() {
  [[ "${IDSS_START_SIMULATOR:-true}" == true ]] || return 0
  running simulator && return 0
  port_in_use "$simulator_port" && die "port ${simulator_port} is in use: set IDSS_START_SIMULATOR=false to use that simulator"
  mkdir -p "$pids" "$cluster_dir/log"
  java -jar "${IDSS_SIMULATOR_JAR:?IDSS_SIMULATOR_JAR}" --port "$simulator_port" --password "$INFORMZ_PASSWORD" \
    --unknown-interest create >"$cluster_dir/log/informz-simulator.log" 2>&1 </dev/null &
  echo $! >"$pids/simulator.pid"
}

prepare_node() {
  local n=$1 base="$cluster_dir/node-$1"
  if [[ ! -d "$base/configuration" ]]; then
    mkdir -p "$base"
    cp -r "$wildfly_home/standalone/configuration" "$base/"
    for user in demo_operator demo_admin; do
      declare -n credentials=$user
      local group=sync-operator
      [[ $user == demo_admin ]] && group="sync-operator,sync-admin"
      "$wildfly_home/bin/add-user.sh" -a -s -sc "$base/configuration" \
        -u "${credentials[0]}" -p "${credentials[1]}" -g "$group" >/dev/null
    done
  fi
  # The configuration comes from the build each start; the data (transaction log) and users stay.
  cp "$wildfly_home/standalone/configuration/$server_config" "$base/configuration/"
  rm -rf "$base/configuration/standalone_xml_history" "$base/deployments" "$base/tmp"
  mkdir -p "$base/deployments" "$base/log"
  cp "${IDSS_EAR:?IDSS_EAR: the EAR to deploy}" "$base/deployments/"
}

start_node() {
  local n=$1 base="$cluster_dir/node-$1"
  running "node-$n" && return 0
  port_in_use "$(node_http_port "$n")" && die "port $(node_http_port "$n") (node $n) is in use"
  prepare_node "$n"
  mkdir -p "$pids"
  rm -f "$pids/node-$n.pid"
  # The node's identity (name, transaction node id, base directory) never changes: a node that
  # restarts after a crash finds and recovers its own in-doubt transactions.
  JAVA_OPTS="-Xms256m -Xmx768m -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true ${IDSS_NODE_JVM_ARGS:-}" \
    IDSS_BROKER_PASSWORD=$(broker_password) JBOSS_PIDFILE="$pids/node-$n.pid" LAUNCH_JBOSS_IN_BACKGROUND=1 \
    "$wildfly_home/bin/standalone.sh" -c "$server_config" \
    -Djboss.server.base.dir="$base" \
    -Djboss.node.name="node-$n" \
    -Djboss.tx.node.id="idss-node-$n" \
    -Djboss.socket.binding.port-offset="$(node_offset "$n")" \
    -Didss.broker.port="$broker_port" \
    -Didss.db.url="$db_url" \
    >"$base/log/console.log" 2>&1 </dev/null &
}

await_node() {
  local n=$1 base="$cluster_dir/node-$1" ear_name
  ear_name=$(basename "$IDSS_EAR")
  for _ in $(seq 1 900); do
    [[ -f "$base/deployments/$ear_name.deployed" ]] && return 0
    [[ -f "$base/deployments/$ear_name.failed" ]] && die "node $n failed to deploy; see $base/log/server.log"
    if [[ -f "$pids/node-$n.pid" ]] && ! running "node-$n"; then
      die "node $n stopped while starting; see $base/log/server.log and $base/log/console.log"
    fi
    # The deployment scanner's marker file is the only signal a starting node gives.
    sleep 0.2
  done
  die "node $n did not deploy within 3 minutes; see $base/log/server.log"
}

kill_node() {
  local n=$1 pid
  pid=$(pid_of "node-$n") || die "node $n is not running"
  kill -9 "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  rm -f "$pids/node-$n.pid"
}

stop_node() {
  local n=$1 pid
  pid=$(pid_of "node-$n") || return 0
  kill "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  rm -f "$pids/node-$n.pid"
}

stop_all() {
  for n in "${nodes[@]}"; do stop_node "$n"; done
  stop_broker
  if pid=$(pid_of simulator); then kill "$pid" 2>/dev/null || true; rm -f "$pids/simulator.pid"; fi
}

start_all() {
  if [[ "${IDSS_FRESH:-false}" == true ]]; then
    stop_all
    rm -rf "$cluster_dir/broker" "$cluster_dir"/node-*
  fi
  ensure_database
  start_simulator
  start_broker
  for n in "${nodes[@]}"; do start_node "$n"; done
  for n in "${nodes[@]}"; do await_node "$n"; done
}

print_urls() {
  cat <<MSG

  iDSS Informz sync, two nodes on one broker and one database:
    node 1 console:               http://localhost:$(node_http_port 1)/idss-informz-sync/   (management $(node_management_port 1))
    node 2 console:               http://localhost:$(node_http_port 2)/idss-informz-sync/   (management $(node_management_port 2))
    console users (per node):     ${demo_operator[0]} / ${demo_operator[1]}, ${demo_admin[0]} / ${demo_admin[1]}
    JMS inbox (other apps):       tcp://localhost:${broker_port}   queue IdssCrmInbox
                                  user ${inbox_app_user} (crm-inbox-sender), password in ${secrets}/inbox-app-password
    Artemis broker:               ${cluster_dir}/broker   (bin/artemis queue stat --user idss-node ...)
    PostgreSQL:                   ${db_url}
    Informz simulator:            http://127.0.0.1:${simulator_port}/admin/state
    logs:                         ${cluster_dir}/node-N/log/server.log, ${cluster_dir}/broker/log/artemis.log

MSG
}

case "$command" in
  run)
    trap 'echo "Stopping..."; stop_all; exit 0' INT TERM
    start_all
    print_urls
    echo "  Press Ctrl-C to stop everything."
    while true; do sleep 3600 & wait $!; done
    ;;
  start) start_all; print_urls ;;
  stop) stop_all ;;
  kill-node) kill_node "${node_arg:?node number}" ;;
  start-node) start_node "${node_arg:?node number}"; await_node "$node_arg" ;;
  stop-node) stop_node "${node_arg:?node number}" ;;
  kill-broker) kill_broker ;;
  start-broker) start_broker ;;
  urls) print_urls ;;
  *) die "unknown command ${command}; see the top of this script" ;;
esac
