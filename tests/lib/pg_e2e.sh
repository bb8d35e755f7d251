#!/bin/sh
# The end-to-end tests' PostgreSQL cluster (PORTAL_TEST_DB=postgresql; issue 14): one
# private cluster for the whole run (db/pg/cluster.sh), and in it the
# database plantilla, migrated by `portal migrate`, which each instance of
# tests/lib/portal.js copies (CREATE DATABASE ... TEMPLATE plantilla). plantilla is made
# again when db/migrations/pg/ changed since it was made (its comment holds their sha256).
#
# The cluster lives under /tmp, one per checkout (a hash of its path): the checkout may sit
# in a folder only root can enter (a clone in `mktemp -d`, 0700), which the cluster's
# unprivileged owner could not cross.
#
# usage: pg_e2e.sh start   start the cluster (a running one is reused), make plantilla when
#                          missing or stale; prints the cluster's URL (database portal)
#        pg_e2e.sh stop    stop the cluster
#        pg_e2e.sh dir     print the cluster's folder
# Several test files may start it at once: one at a time under a lock (flock).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
var=/tmp/portal-pg-e2e.$(printf %s "$root" | sha256sum | cut -c1-12)
cluster() { sh "$root/db/pg/cluster.sh" "$@"; }

case ${1:-} in
start) ;;
stop) cluster stop "$var"; exit 0 ;;
dir) echo "$var"; exit 0 ;;
*) sed -n '12,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac

mkdir -p "$var"
exec 9>"$var/arranque.lock"
flock 9
# The server must not inherit the lock (fd 9).
cluster start "$var" >"$var/start.log" 2>&1 9>&- || { cat "$var/start.log" >&2; exit 1; }
url=$(cluster url "$var")
q() { cluster psql "$var" -X -q -A -t -v ON_ERROR_STOP=1 -d postgres -c "$1"; }
# A cluster thrown away after the run: a commit does not wait for its WAL to reach the disk
# (a killed portal loses nothing PostgreSQL acknowledged; only a crash of the machine
# would). On a busy disk seed-demo took 11 s instead of 1.3 s, and every instance runs it.
if [ "$(q "SHOW synchronous_commit")" != off ]; then
	q "ALTER SYSTEM SET synchronous_commit = off" && q "SELECT pg_reload_conf()" > /dev/null
fi
sello=$(cat "$root"/db/migrations/pg/[0-9]*.sql "$0" | sha256sum | cut -c1-64)
if [ "$(q "SELECT shobj_description(oid, 'pg_database') FROM pg_database
	WHERE datname = 'plantilla'")" != "$sello" ]; then
	q "DROP DATABASE IF EXISTS plantilla"
	q "CREATE DATABASE plantilla"
	tmp=$(mktemp -d)
	if ! PORTAL_DB=$(echo "$url" | sed 's|/portal?|/plantilla?|') "$root/build/portal" 9>&- \
	    -v "$tmp" migrate >"$var/plantilla.log" 2>&1; then
		rm -rf "$tmp"
		cat "$var/plantilla.log" >&2
		exit 1
	fi
	rm -rf "$tmp"
	# portal migrate sealed the audit chain's anchor with tmp's key, gone now: unsealed, so
	# each instance's own migrate seals its copy with the instance's key, as on SQLite.
	cluster psql "$var" -X -q -v ON_ERROR_STOP=1 -d plantilla \
	    -c "UPDATE auditoria_ancla SET sello = NULL" >/dev/null
	q "COMMENT ON DATABASE plantilla IS '$sello'"
fi
echo "$url"
