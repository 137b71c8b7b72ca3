#!/usr/bin/env bash
# Sets or rotates the Informz password of a running server: encrypts it with the key in the Elytron
# credential store (secrets.cli) and stores the ${ENC::idss:...} expression as system property
# idss.informz.password. The next Informz call uses it: no redeploy, no restart.
# The password is read from standard input (never from the command line, so never in ps or the
# shell's history) and goes to jboss-cli through a file only this user can read, deleted at once.
#
#   server-config/src/main/scripts/set-informz-password.sh WILDFLY_HOME [CONTROLLER]
#   e.g.  read -rs PW && printf '%s' "$PW" | set-informz-password.sh /opt/wildfly localhost:9990
# Run it against every node of a cluster: each has its own store and key.
set -euo pipefail

wildfly_home=${1:?WildFly home}
controller=${2:-localhost:9990}
cli=("$wildfly_home/bin/jboss-cli.sh" --connect "--controller=$controller")

if [ -t 0 ]; then
  read -rsp "Informz password: " password
  echo
else
  IFS= read -r password || true
fi
if [ -z "$password" ]; then
  echo "No password given: nothing changed." >&2
  exit 1
fi

umask 077
commands=$(mktemp)
trap 'rm -f "$commands"' EXIT
escaped=${password//\\/\\\\}
escaped=${escaped//\"/\\\"}
printf '/subsystem=elytron/expression=encryption:create-expression(resolver=idss, clear-text="%s")\n' "$escaped" >"$commands"
expression=$("${cli[@]}" --file="$commands" | grep -o '\${ENC::[^}]*}')
rm -f "$commands"
if [ -z "$expression" ]; then
  echo "The server did not encrypt the password: is secrets.cli applied (README, Operating)?" >&2
  exit 1
fi

if "${cli[@]}" --command='/system-property=idss.informz.password:read-resource' >/dev/null 2>&1; then
  "${cli[@]}" --command="/system-property=idss.informz.password:write-attribute(name=value, value=\"$expression\")" >/dev/null
  echo "Informz password rotated: the next call uses it."
else
  "${cli[@]}" --command="/system-property=idss.informz.password:add(value=\"$expression\")" >/dev/null
  echo "Informz password set: the next call uses it."
fi
