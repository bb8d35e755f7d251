#!/bin/sh
# A private PostgreSQL cluster under VAR/pg for `make run DB=postgresql` and the tests
# (issue 14). It listens only on a unix socket in VAR/pg (no TCP), trusts whoever reaches
# that socket (VAR/pg is its owner's alone, 0700), and holds one database, portal, whose
# superuser is portal.
#
# usage: cluster.sh start VAR     create the cluster when missing, start it when stopped,
#                                 create the database when missing (a second start reuses all)
#        cluster.sh stop VAR      stop it (fast shutdown); nothing when it is not running
#        cluster.sh migrate VAR [DIR]
#                                 apply DIR/NNN_*.sql (default db/migrations/pg) newer than
#                                 the database's version, each file and its version in one
#                                 transaction, as the portal does with SQLite's user_version
#        cluster.sh url VAR       print the libpq connection URI
#        cluster.sh psql VAR [ARGS...]   psql on the database
#
# initdb and pg_ctl refuse to run as root: as root they run as the system user postgres
# (Debian's postgresql package creates it), which then owns VAR/pg; VAR itself gets the
# group postgres and mode 0710, so that user may pass through it (not list it or read what
# else it holds). As any other user they run as that user.
#
# Environment: PG_PORT (default 5432; only names the socket file), PG_BIN (the server's
# programs; default the newest /usr/lib/postgresql/*/bin).
set -eu
cmd=${1:-} var=${2:-}
[ -n "$cmd" ] && [ -n "$var" ] || { sed -n '7,17p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$var"
var=$(cd "$var" && pwd)
pg=$var/pg data=$var/pg/data port=${PG_PORT:-5432}
bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ ! -x "$bin/initdb" ]; then
	echo "cluster.sh: no PostgreSQL server (apt-get install postgresql)" >&2
	exit 1
fi
export PGOPTIONS="-c client_min_messages=warning"

# Runs a server program as the cluster's owner.
como() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

sql() {
	"$bin/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$pg" -p "$port" -U portal "$@"
}

# VAR/pg, owned by the cluster's owner, reachable through VAR.
preparar() {
	mkdir -p "$pg"
	chmod 700 "$pg"
	[ "$(id -u)" = 0 ] || return 0
	if ! id postgres >/dev/null 2>&1; then
		echo "cluster.sh: no user postgres (apt-get install postgresql)" >&2
		exit 1
	fi
	chown postgres:postgres "$pg"
	if ! runuser -u postgres -- test -x "$var"; then
		chgrp postgres "$var"
		chmod g+x,g-rw "$var"
	fi
	if ! runuser -u postgres -- test -w "$pg"; then
		echo "cluster.sh: the user postgres cannot reach $pg (a folder above it is closed)" >&2
		exit 1
	fi
}

crear() {
	como "$bin/initdb" -D "$data" -U portal -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
		--no-instructions >"$pg/initdb.log" 2>&1 || { cat "$pg/initdb.log" >&2; exit 1; }
	cat >>"$data/postgresql.conf" <<-EOF
	# cluster.sh: a unix socket in $pg only
	listen_addresses = ''
	unix_socket_directories = '$pg'
	port = $port
	EOF
}

arrancar() {
	preparar
	[ -f "$data/PG_VERSION" ] || crear
	if ! como "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
		como "$bin/pg_ctl" -D "$data" -l "$pg/postgres.log" -w -t 60 start >/dev/null ||
			{ tail -n 20 "$pg/postgres.log" >&2; exit 1; }
	fi
	[ "$(sql -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'portal'")" = 1 ] ||
		sql -d postgres -c "CREATE DATABASE portal"
}

parar() {
	[ -f "$data/PG_VERSION" ] || return 0
	if como "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
		como "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
	fi
}

# The version lives in schema migracion (not public, whose tables are the portal's), not
# in a schema named like the user portal, which search_path would put first.
migrar() {
	dir=${1:-$root/db/migrations/pg}
	sql -d portal -c "CREATE SCHEMA IF NOT EXISTS migracion" \
		-c "CREATE TABLE IF NOT EXISTS migracion.version (n integer NOT NULL)" \
		-c "INSERT INTO migracion.version SELECT 0 WHERE NOT EXISTS (SELECT FROM migracion.version)"
	cur=$(sql -d portal -c "SELECT n FROM migracion.version")
	# One session; each file with its number in its own transaction (ON_ERROR_STOP: a
	# failed file stops there, rolled back, its number not written).
	for f in "$dir"/[0-9]*.sql; do
		num=$(basename "$f" | sed 's/^0*\([0-9][0-9]*\).*/\1/')
		[ "$num" -gt "$cur" ] || continue
		printf "BEGIN;\n\\\\i '%s'\nUPDATE migracion.version SET n = %s;\nCOMMIT;\n" "$f" "$num"
	done | sql -d portal -f - >/dev/null || { echo "cluster.sh: a migration failed" >&2; exit 1; }
}

case $cmd in
start) arrancar ;;
stop) parar ;;
migrate) migrar "${3:-}" ;;
url) echo "postgresql://portal@/portal?host=$pg&port=$port" ;;
psql) shift 2; "$bin/psql" -X -h "$pg" -p "$port" -U portal -d portal "$@" ;;
*) echo "cluster.sh: unknown command $cmd" >&2; exit 2 ;;
esac
