#!/bin/sh
# make run: sets up VAR (database, secrets key, TLS certificate, demo data), then runs
# portal and nginx in the foreground; Ctrl-C stops both.
# usage: run.sh VAR PORT [sqlite|postgresql]
# postgresql (make run DB=postgresql; issue 14): the database is the private cluster of
# db/pg/cluster.sh in VAR/pg, started here (a running one, and its data, are reused) and
# stopped with the rest; portal and portal-demo reach it through PORTAL_DB.
set -eu
var=$1 port=$2 db=${3:-sqlite}
root=$(cd "$(dirname "$0")/.." && pwd)
portal="$root/build/portal"
demo="$root/build/portal-demo"	# the demo data's loader, not part of the production program
# VAR holds the database, the secrets key and the socket: its user's alone (0700; the
# database 0600, which portal also enforces). nginx's workers run as this same user
# (render.sh: "user root;" as root; otherwise nginx does not change user), so they still
# reach the socket.
umask 077
mkdir -p "$var"
chmod 700 "$var"
cluster() { sh "$root/db/pg/cluster.sh" "$@"; }
case $db in
sqlite) unset PORTAL_DB ;;
postgresql)
	cluster start "$var"
	trap 'cluster stop "$var"' EXIT
	PORTAL_DB=$(cluster url "$var")
	export PORTAL_DB
	;;
*) echo "run.sh: DB=$db: use sqlite or postgresql" >&2; exit 2 ;;
esac
"$portal" -v "$var" migrate
sh "$root/nginx/render.sh" "$var" "$port"
"$demo" -v "$var" seed-demo > "$var/demo-logins.txt"
"$portal" -v "$var" serve &
ppid=$!
i=0
while [ ! -S "$var/portal.sock" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
nginx -c "$var/nginx.conf" -g 'daemon off;' &
npid=$!
trap 'kill $npid $ppid 2>/dev/null; wait; exit 0' INT TERM
echo
echo "Portal de Interoperabilidad: https://localhost:$port/"
echo "Servicios web AP (POST /token, /ReportarAfiliaciontraslado, /ReportarRetractoAfiliacion): https://localhost:$((port + 1))/"
echo "(certificado autofirmado en $var/tls/cert.pem: acepte la advertencia del navegador)"
if [ "$db" = postgresql ]; then
	echo "Base de datos: PostgreSQL, $PORTAL_DB"
	echo "  (psql: sh $root/db/pg/cluster.sh psql $var; Ctrl-C también lo detiene)"
fi
echo
cat "$var/demo-logins.txt"
echo
# The operator's commands below reach the same database.
if [ "$db" = postgresql ]; then
	smtp() { cluster psql "$var" -XAtc "SELECT 1 FROM smtp" 2>/dev/null; }
	cmd="PORTAL_DB='$PORTAL_DB' $portal -v $var"
else
	smtp() { sqlite3 "$var/portal.db" "SELECT 1 FROM smtp" 2>/dev/null; }
	cmd="$portal -v $var"
fi
if ! smtp | grep -q 1; then
	echo "Sin servidor SMTP configurado: los correos quedan en la bandeja de salida."
	echo "  Léalos con:      $cmd outbox"
	echo "  Configure SMTP:  $cmd smtp-set smtp://servidor:587 remitente@dominio usuario"
	echo
fi
echo "Ctrl-C detiene portal y nginx."
wait
