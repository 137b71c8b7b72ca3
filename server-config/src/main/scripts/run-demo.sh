#!/usr/bin/env bash
# Runs the application on the embedded defaults: the build-provisioned WildFly (its own base
# directory, so demo data survives between runs and never mixes with test servers), file H2, the
# Informz simulator on 127.0.0.1:18089, the EAR deployed, demo users and demo data. Ctrl-C stops all.
# Called by `mvn -Prun package` (ear-module); usable directly once the build has run.
set -euo pipefail

wildfly_home=${1:?WildFly home}
ear=${2:?EAR file}
simulator_jar=${3:?simulator jar}
base_dir=${4:?server base directory}
server_config=${5:-standalone-full.xml}

http_port=8080
simulator_port=18089
app_url="http://localhost:${http_port}/idss-informz-sync/"
# Demo-only secrets, printed below; a production server gets its own (README, "Configuration").
export INFORMZ_PASSWORD=${INFORMZ_PASSWORD:-demo-informz-password}
demo_operator=(operator 'operator-demo-1')
demo_admin=(admin 'admin-demo-1')
# Another enterprise app sending to the CRM inbox over JMS (docs/jms-contract.md).
demo_inbox_app=(crm-app 'crm-app-demo-1')

for port in "$http_port" 9990 "$simulator_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; then
    echo "Port ${port} is already in use: stop whatever listens there (see README, Troubleshooting)." >&2
    exit 1
  fi
done

if [[ ! -d "$base_dir/configuration" ]]; then
  mkdir -p "$base_dir"
  cp -r "$wildfly_home/standalone/configuration" "$base_dir/"
fi
# The server configuration comes from the build each time (server-config's scripts may have changed);
# the data folder and the users stay.
cp "$wildfly_home"/standalone/configuration/standalone-full*.xml "$base_dir/configuration/"
rm -rf "$base_dir/configuration/standalone_xml_history"
rm -rf "$base_dir/deployments" "$base_dir/tmp"
mkdir -p "$base_dir/deployments" "$base_dir/log"

for user in demo_operator demo_admin demo_inbox_app; do
  declare -n credentials=$user
  case $user in
    demo_admin) group="sync-operator,sync-admin" ;;
    demo_inbox_app) group="crm-inbox-sender" ;;
    *) group="sync-operator" ;;
  esac
  "$wildfly_home/bin/add-user.sh" -a -s -sc "$base_dir/configuration" \
    -u "${credentials[0]}" -p "${credentials[1]}" -g "$group"
done

simulator_pid=""
server_pid_file="$base_dir/server.pid"
stop_all() {
  trap - INT TERM EXIT
  echo "Stopping..."
  if [[ -f "$server_pid_file" ]]; then
    kill "$(cat "$server_pid_file")" 2>/dev/null || true
    rm -f "$server_pid_file"
  fi
  [[ -n "$simulator_pid" ]] && kill "$simulator_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop_all EXIT
# Ctrl-C is the documented way to stop: a clean stop, not a failed build.
trap 'stop_all; exit 0' INT TERM

java -jar "$simulator_jar" --port "$simulator_port" --unknown-interest create \
  > "$base_dir/log/informz-simulator.log" 2>&1 &
simulator_pid=$!

# The EAR goes in before start: the deployment scanner deploys it during boot.
cp "$ear" "$base_dir/deployments/"
JBOSS_PIDFILE="$server_pid_file" LAUNCH_JBOSS_IN_BACKGROUND=1 \
  "$wildfly_home/bin/standalone.sh" -c "$server_config" \
  -Djboss.server.base.dir="$base_dir" \
  -Didss.demo-data=true \
  > "$base_dir/log/console.log" 2>&1 &
server_script_pid=$!

echo "Starting WildFly (log: $base_dir/log/server.log)..."
deployed_marker="$base_dir/deployments/$(basename "$ear").deployed"
failed_marker="$base_dir/deployments/$(basename "$ear").failed"
while [[ ! -f "$deployed_marker" ]]; do
  if [[ -f "$failed_marker" ]] || ! kill -0 "$server_script_pid" 2>/dev/null; then
    echo "Deployment failed; see $base_dir/log/server.log" >&2
    exit 1
  fi
  # Waiting on the deployment scanner's marker file, which has no event to block on.
  sleep 1
done

cat <<MSG

  iDSS Informz sync is running:   ${app_url}
  Demo users (console login):     ${demo_operator[0]} / ${demo_operator[1]}  (sync-operator)
                                  ${demo_admin[0]} / ${demo_admin[1]}  (sync-operator, sync-admin)
  JMS inbox (other apps):         tcp://localhost:${http_port}?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor&enable1xPrefixes=true
                                  queue IdssCrmInbox, user ${demo_inbox_app[0]} / ${demo_inbox_app[1]}  (crm-inbox-sender)
  Informz simulator:              http://127.0.0.1:${simulator_port}/aapi/InformzService.svc
                                  state: http://127.0.0.1:${simulator_port}/admin/state
  Press Ctrl-C to stop.

MSG
wait "$server_script_pid"
