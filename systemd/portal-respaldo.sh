#!/bin/sh
# The daily backup (portal-respaldo.service): `portal backup` into DIR under a dated name
# (on PostgreSQL, PORTAL_DB, a pg_dump of it: README, "Varios servidores"),
# then keeps the newest N backups there and removes the older ones. The secrets key is
# never in a backup: keep a copy of VAR/secret.key apart (README, Respaldo y restauración).
# usage: portal-respaldo.sh DIR [N]
# Environment: PORTAL (the binary, /opt/portal/build/portal), PORTAL_ROOT (/opt/portal),
# PORTAL_VAR (/var/lib/portal), PORTAL_DB (a postgresql:// URL, or unset for SQLite).
set -eu
dir=${1:?usage: portal-respaldo.sh DIR [N]}
n=${2:-7}
portal=${PORTAL:-/opt/portal/build/portal}
case $n in
''|*[!0-9]*|0) echo "portal-respaldo: N debe ser un entero mayor que 0" >&2; exit 2 ;;
esac
umask 077
mkdir -p "$dir"
# SQLite: a database file (.db); PostgreSQL (PORTAL_DB): pg_dump's custom format (.dump).
case ${PORTAL_DB:-} in
postgres://* | postgresql://*) ext=dump ;;
*) ext=db ;;
esac
"$portal" -r "${PORTAL_ROOT:-/opt/portal}" -v "${PORTAL_VAR:-/var/lib/portal}" \
	backup "$dir/portal-$(date -u +%Y%m%dT%H%M%SZ).$ext"
# The names sort by date: everything after the newest N goes.
ls -1 "$dir" | grep -E '^portal-[0-9]{8}T[0-9]{6}Z\.(db|dump)$' | sort -r | tail -n +$((n + 1)) |
	while read -r viejo; do
		rm -f "$dir/$viejo"
		echo "portal-respaldo: borrado $dir/$viejo (se guardan los $n más recientes)"
	done
