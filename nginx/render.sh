#!/bin/sh
# Renders nginx/portal.conf.in into VAR/nginx.conf, and creates VAR's TLS certificate.
# usage: render.sh VAR PORT [AP_PORT]   (AP_PORT: the AP web services; default PORT + 1)
# Environment: LOGIN_RATE/BURST, TOKEN_RATE/BURST, PROBAR_RATE/BURST (nginx's limits) and
# METRICAS_PERMITIDAS (who may GET /metricas; default "127.0.0.1 ::1"), PORTAL_SOCKETS (the
# FastCGI sockets of nginx's upstream, one per portal host, separated by spaces; default
# VAR/portal.sock).
set -eu
var=$1 port=$2 apport=${3:-$(($2 + 1))}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$var/tls" "$var/bench" "$var/nginx-tmp"
if [ ! -f "$var/tls/cert.pem" ]; then
	openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=localhost" \
		-addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
		-keyout "$var/tls/key.pem" -out "$var/tls/cert.pem" 2>/dev/null
	chmod 600 "$var/tls/key.pem"
fi
# /metricas answers only the addresses (or CIDR blocks) of METRICAS_PERMITIDAS.
allow=""
for a in ${METRICAS_PERMITIDAS:-127.0.0.1 ::1}; do
	case $a in
	*[!0-9A-Fa-f:./]*) echo "render.sh: METRICAS_PERMITIDAS: no es una dirección: $a" >&2; exit 1 ;;
	esac
	allow="$allow allow $a;"
done
# One upstream server per socket (a path without spaces or the characters sed or nginx take).
upstream=""
for sock in ${PORTAL_SOCKETS:-$var/portal.sock}; do
	case $sock in
	/*) ;;
	*) echo "render.sh: PORTAL_SOCKETS: no es una ruta absoluta: $sock" >&2; exit 1 ;;
	esac
	case $sock in
	*[!A-Za-z0-9_./-]*) echo "render.sh: PORTAL_SOCKETS: caracteres no admitidos: $sock" >&2; exit 1 ;;
	esac
	upstream="${upstream:+$upstream\n}		server unix:$sock max_fails=1 fail_timeout=10s;"
done
# As root, nginx's workers run as root too so they reach the socket and files in VAR.
user=""
[ "$(id -u)" = 0 ] && user="user root;"
sed -e "s|@VAR@|$var|g" -e "s|@ROOT@|$root|g" -e "s|@PORT@|$port|g" -e "s|@AP_PORT@|$apport|g" -e "s|@USER@|$user|" \
	-e "s|@METRICAS_ALLOW@|$allow|" -e "s|^@UPSTREAM@\$|$upstream|" \
	-e "s|@LOGIN_RATE@|${LOGIN_RATE:-5r/s}|" -e "s|@LOGIN_BURST@|${LOGIN_BURST:-20}|" \
	-e "s|@TOKEN_RATE@|${TOKEN_RATE:-10r/s}|" -e "s|@TOKEN_BURST@|${TOKEN_BURST:-20}|" \
	-e "s|@PROBAR_RATE@|${PROBAR_RATE:-6r/m}|" -e "s|@PROBAR_BURST@|${PROBAR_BURST:-5}|" \
	"$root/nginx/portal.conf.in" > "$var/nginx.conf"
