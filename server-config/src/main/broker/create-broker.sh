#!/usr/bin/env bash
# Creates (once) and configures (every time) the standalone Artemis broker instance that the WildFly
# nodes share: durable queues, dead-letter and redelivery settings, login required, and two users:
#   idss-node         the WildFly nodes (their pooled connection factory, XA recovery included);
#   crm-inbox-sender  role of other enterprise apps, who may only send to IdssCrmInbox (and read replies).
# Idempotent: running it again keeps the data and the users' passwords, and refreshes broker.xml.
#
#   create-broker.sh ARTEMIS_HOME INSTANCE_DIR
# Environment: IDSS_BROKER_PASSWORD (required, the nodes' password), IDSS_BROKER_PORT (61616),
#   IDSS_INBOX_APP_USER / IDSS_INBOX_APP_PASSWORD (optional: one app user in role crm-inbox-sender),
#   IDSS_BROKER_HEAP (512M).
set -euo pipefail

artemis_home=${1:?Artemis home (the unpacked apache-artemis bin archive)}
instance=${2:?broker instance directory}
: "${IDSS_BROKER_PASSWORD:?the password of the WildFly nodes on the broker}"
port=${IDSS_BROKER_PORT:-61616}
heap=${IDSS_BROKER_HEAP:-512M}
here=$(cd "$(dirname "$0")" && pwd)
# artemis create writes its properties files without a final newline.
ends_with_newline() { [[ ! -s "$1" || -z "$(tail -c1 "$1")" ]] || echo >>"$1"; }

if [[ ! -x "$instance/bin/artemis" ]]; then
  # On these machines 5672 (AMQP) and 1883 (MQTT) belong to other brokers: core protocol only.
  "$artemis_home/bin/artemis" create "$instance" --silent --require-login \
    --user idss-node --password "$IDSS_BROKER_PASSWORD" --role idss-node \
    --host 127.0.0.1 --default-port "$port" --no-web --nio --java-memory "$heap" \
    --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor >/dev/null
fi

cp "$here/broker.xml" "$instance/etc/broker.xml"
# The acceptor's port is a system property of the broker process, set in its profile.
profile="$instance/etc/artemis.profile"
if ! grep -q 'idss.broker.port' "$profile"; then
  ends_with_newline "$profile"
  echo "JAVA_ARGS=\"\$JAVA_ARGS -Didss.broker.port=${port}\"" >>"$profile"
else
  sed -i "s/-Didss.broker.port=[0-9]*/-Didss.broker.port=${port}/" "$profile"
fi

# Users: passwords stored hashed; an existing user's line is replaced, so a changed password applies.
hash() { "$artemis_home/bin/artemis" mask --hash "$1" | sed -n 's/^result: //p'; }
set_user() {
  local user=$1 password=$2 role=$3
  local users="$instance/etc/artemis-users.properties" roles="$instance/etc/artemis-roles.properties"
  ends_with_newline "$users"
  ends_with_newline "$roles"
  sed -i "/^${user} *=/d" "$users"
  echo "${user} = ENC($(hash "$password"))" >>"$users"
  # The roles file maps a role to its users: "role = user1,user2".
  if ! grep -q "^${role} *=" "$roles"; then
    echo "${role} = ${user}" >>"$roles"
  elif ! grep "^${role} *=" "$roles" | tr ' ,=' '\n\n\n' | grep -qx "$user"; then
    sed -i "s/^\(${role} *=.*\)$/\1,${user}/" "$roles"
  fi
}
set_user idss-node "$IDSS_BROKER_PASSWORD" idss-node
if [[ -n "${IDSS_INBOX_APP_USER:-}" ]]; then
  set_user "$IDSS_INBOX_APP_USER" "${IDSS_INBOX_APP_PASSWORD:?password of $IDSS_INBOX_APP_USER}" crm-inbox-sender
fi
echo "Broker instance ready: $instance (tcp://127.0.0.1:${port})"
