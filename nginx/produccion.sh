#!/bin/sh
# Renders nginx/production.conf for a server: prints the site, filled, on stdout.
# usage: produccion.sh DOMINIO > /etc/nginx/sites-available/portal
# Environment (defaults in brackets):
#   PORTAL_DIR          where the portal is installed (static/ inside)  [/opt/portal]
#   TLS_CERT, TLS_KEY   certificate chain and key   [/etc/letsencrypt/live/DOMINIO/{fullchain,privkey}.pem]
#   LOG_DIR             access.log and error.log    [/var/log/portal]
#   SOCKET              portal's FastCGI socket     [/run/portal/portal.sock]
#   PUERTO_HTTP, PUERTO, PUERTO_AP                  [80, 443, 8444]
#   METRICAS_PERMITIDAS who may GET /metricas       ["127.0.0.1 ::1"]
#   LOGIN_RATE/BURST    public forms, per address   [10r/m, 10]
#   API_RATE/BURST      MIPRES API and AP services, per address  [50r/s, 100]
#   TOKEN_RATE/BURST    the AP port's POST /token, per address   [10r/s, 20]
#   PROBAR_RATE/BURST   "Probar conexión", per address           [6r/m, 5]
#   PORTAL_HOSTS        several portal hosts, space-separated: ADDRESS:PORT of each one's
#                       PORTAL_FASTCGI, or unix:PATH of a socket on this machine; rendered
#                       as the upstream portal_hosts (README, "Varios servidores")  [unset:
#                       one host, SOCKET]
#   FALLOS, FALLO_SEGUNDOS  the upstream's passive check: a host failing FALLOS times in
#                       FALLO_SEGUNDOS s is left out that long  [2, 10]
#   PUERTO_SALUD        with PORTAL_HOSTS, the loopback port of each host's /salud/N, for
#                       nginx/salud-hosts.sh  [8445]
set -eu
if [ $# -ne 1 ]; then
	echo "uso: produccion.sh DOMINIO > /etc/nginx/sites-available/portal" >&2
	exit 2
fi
dominio=$1
root=$(cd "$(dirname "$0")/.." && pwd)

# Refuses what sed or nginx would misread: each value is a name, a path or a rate.
check() {
	case $2 in
	"" | *[!A-Za-z0-9._/:-]*) echo "produccion.sh: $1 no válido: «$2»" >&2; exit 1 ;;
	esac
}
check DOMINIO "$dominio"
portal=${PORTAL_DIR:-/opt/portal}
cert=${TLS_CERT:-/etc/letsencrypt/live/$dominio/fullchain.pem}
key=${TLS_KEY:-/etc/letsencrypt/live/$dominio/privkey.pem}
logs=${LOG_DIR:-/var/log/portal}
sock=${SOCKET:-/run/portal/portal.sock}
for v in "PORTAL_DIR:$portal" "TLS_CERT:$cert" "TLS_KEY:$key" "LOG_DIR:$logs" "SOCKET:$sock" \
	"PUERTO_HTTP:${PUERTO_HTTP:-80}" "PUERTO:${PUERTO:-443}" "PUERTO_AP:${PUERTO_AP:-8444}" \
	"LOGIN_RATE:${LOGIN_RATE:-10r/m}" "LOGIN_BURST:${LOGIN_BURST:-10}" \
	"API_RATE:${API_RATE:-50r/s}" "API_BURST:${API_BURST:-100}" \
	"TOKEN_RATE:${TOKEN_RATE:-10r/s}" "TOKEN_BURST:${TOKEN_BURST:-20}" \
	"PROBAR_RATE:${PROBAR_RATE:-6r/m}" "PROBAR_BURST:${PROBAR_BURST:-5}"; do
	check "${v%%:*}" "${v#*:}"
done
# The upstream's lines: one "server" per host of PORTAL_HOSTS, or this host's socket.
fallos=${FALLOS:-2} fallo_s=${FALLO_SEGUNDOS:-10}
check FALLOS "$fallos"
check FALLO_SEGUNDOS "$fallo_s"
case $fallos$fallo_s in *[!0-9]*) echo "produccion.sh: FALLOS y FALLO_SEGUNDOS son enteros" >&2; exit 1 ;; esac
servidores="" pase="unix:$sock" salud="" n=0 puerto_salud=${PUERTO_SALUD:-8445}
check PUERTO_SALUD "$puerto_salud"
if [ -n "${PORTAL_HOSTS:-}" ]; then
	pase=portal_hosts
	for h in $PORTAL_HOSTS; do
		case $h in
		unix:/*) check PORTAL_HOSTS "$h" ;;
		*:[0-9]*) check PORTAL_HOSTS "$h"
			case ${h##*:} in *[!0-9]*) echo "produccion.sh: PORTAL_HOSTS: puerto no válido: $h" >&2; exit 1 ;; esac ;;
		*) echo "produccion.sh: PORTAL_HOSTS: no es DIRECCIÓN:PUERTO ni unix:RUTA: $h" >&2; exit 1 ;;
		esac
		servidores="$servidores\tserver $h max_fails=$fallos fail_timeout=${fallo_s}s;\n"
		n=$((n + 1))
		salud="$salud\tlocation = /salud/$n {\n\t\trewrite ^ /salud break;\n\t\tinclude fastcgi_params;\n\t\tfastcgi_pass $h;\n\t}\n"
	done
	# The check server stays; its markers go.
	bloque='/# @SALUD_\(INICIO\|FIN\)@/d'
else
	servidores="\tserver unix:$sock;\n"
	bloque='/# @SALUD_INICIO@/,/# @SALUD_FIN@/d'
fi
allow=""
for a in ${METRICAS_PERMITIDAS:-127.0.0.1 ::1}; do
	case $a in
	*[!0-9A-Fa-f:./]*) echo "produccion.sh: METRICAS_PERMITIDAS: no es una dirección: $a" >&2; exit 1 ;;
	esac
	allow="$allow allow $a;"
done
sed -e "s|@DOMINIO@|$dominio|g" -e "s|@PORTAL@|$portal|g" -e "s|@TLS_CERT@|$cert|g" \
	-e "s|@TLS_KEY@|$key|g" -e "s|@LOGS@|$logs|g" -e "s|@SOCKET@|$sock|g" \
	-e "s|@PUERTO_HTTP@|${PUERTO_HTTP:-80}|g" -e "s|@PUERTO@|${PUERTO:-443}|g" \
	-e "s|@PUERTO_AP@|${PUERTO_AP:-8444}|g" -e "s|@METRICAS_ALLOW@|$allow|" \
	-e "$bloque" -e "s|^@SALUD_HOSTS@\$|${salud%\\n}|" -e "s|@PUERTO_SALUD@|$puerto_salud|g" \
	-e "s|@PASE@|$pase|g" -e "s|^@SERVIDORES@\$|${servidores%\\n}|" \
	-e "s|@FALLOS@|$fallos|g" -e "s|@FALLO_SEGUNDOS@|$fallo_s|g" \
	-e "s|@LOGIN_RATE@|${LOGIN_RATE:-10r/m}|" -e "s|@LOGIN_BURST@|${LOGIN_BURST:-10}|g" \
	-e "s|@API_RATE@|${API_RATE:-50r/s}|" -e "s|@API_BURST@|${API_BURST:-100}|g" \
	-e "s|@TOKEN_RATE@|${TOKEN_RATE:-10r/s}|" -e "s|@TOKEN_BURST@|${TOKEN_BURST:-20}|g" \
	-e "s|@PROBAR_RATE@|${PROBAR_RATE:-6r/m}|" -e "s|@PROBAR_BURST@|${PROBAR_BURST:-5}|g" \
	"$root/nginx/production.conf"
