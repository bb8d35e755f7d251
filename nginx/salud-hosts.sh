#!/bin/sh
# The active health check open-source nginx lacks, for several portal hosts (README, "Varios
# servidores"): asks each host of SITE's upstream portal_hosts for its /salud, through the
# loopback check server produccion.sh renders with PORTAL_HOSTS (127.0.0.1:PUERTO_SALUD,
# /salud/N for the upstream's N-th host). A host that fails while another passes gets
# "down" in SITE; a host marked down that passes again loses it; when SITE changed, nginx
# checks it and reloads (requests in flight finish). When every host fails (the database
# away, the shared mail queue stuck) SITE is left as it is: leaving them all out would mend
# nothing, and nginx's own 503 would replace the portal's explanation. Prints one line per
# host; exit status 1 when every host failed, 0 otherwise.
# usage: salud-hosts.sh SITE [PUERTO_SALUD]   (systemd/portal-salud-hosts.timer, every 15 s)
# Environment: NGINX, the nginx command [nginx] (e.g. "nginx -c /ruta/nginx.conf").
set -eu
site=${1:?usage: salud-hosts.sh SITE [PUERTO_SALUD]}
puerto=${2:-8445}
nginx=${NGINX:-nginx}
hosts=$(sed -n '/^upstream portal_hosts {/,/^}/s/^[[:space:]]*server \([^ ;]*\).*/\1/p' "$site")
[ -n "$hosts" ] || { echo "salud-hosts: $site no tiene upstream portal_hosts" >&2; exit 2; }
nuevo=$(mktemp "$site.XXXXXX")
trap 'rm -f "$nuevo"' EXIT
cp "$site" "$nuevo"
n=0 bien=0
for h in $hosts; do
	n=$((n + 1))
	codigo=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$puerto/salud/$n" || true)
	# The host's address as a sed pattern (its dots and slashes literal).
	re=$(printf '%s' "$h" | sed 's/[.[\*^$/]/\\&/g')
	if [ "$codigo" = 200 ]; then
		bien=$((bien + 1))
		sed -i "s/^\([[:space:]]*server $re [^;]*\) down;/\1;/" "$nuevo"
		echo "salud-hosts: $h bien (/salud $codigo)"
	else
		sed -i "/ down;/!s/^\([[:space:]]*server $re [^;]*\);/\1 down;/" "$nuevo"
		echo "salud-hosts: $h falla (/salud ${codigo:-000})"
	fi
done
if [ "$bien" = 0 ]; then
	echo "salud-hosts: ningún host pasa /salud: se dejan todos como estaban" >&2
	exit 1
fi
if ! cmp -s "$site" "$nuevo"; then
	# In place (the same inode, its owner and mode kept); nginx checks it and reloads, or
	# the site goes back as it was.
	viejo=$(mktemp "$site.XXXXXX")
	trap 'rm -f "$nuevo" "$viejo"' EXIT
	cp "$site" "$viejo"
	cat "$nuevo" > "$site"
	if ! $nginx -t -q; then
		cat "$viejo" > "$site"
		echo "salud-hosts: nginx -t rechazó el cambio: $site queda como estaba" >&2
		exit 2
	fi
	$nginx -s reload
	echo "salud-hosts: upstream cambiado; nginx recargado:"
	sed -n '/^upstream portal_hosts {/,/^}/s/^[[:space:]]*\(server .*\)/  \1/p' "$site"
fi
