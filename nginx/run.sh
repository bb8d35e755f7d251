#!/bin/sh
# make run: sets up VAR (database, secrets key, TLS certificate, demo data), then runs
# portal and nginx in the foreground; Ctrl-C stops both.
# usage: run.sh VAR PORT
set -eu
var=$1 port=$2
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
echo
cat "$var/demo-logins.txt"
echo
if ! sqlite3 "$var/portal.db" "SELECT 1 FROM smtp" 2>/dev/null | grep -q 1; then
	echo "Sin servidor SMTP configurado: los correos quedan en la bandeja de salida."
	echo "  Léalos con:      $portal -v $var outbox"
	echo "  Configure SMTP:  $portal -v $var smtp-set smtp://servidor:587 remitente@dominio usuario"
	echo
fi
echo "Ctrl-C detiene portal y nginx."
wait
