#!/bin/sh
# Two hosts against one (issue 14 §4), on PostgreSQL: a private cluster (db/pg/cluster.sh),
# `portal serve` hosts each with its own VAR and the same secrets key
# (PORTAL_SECRET_KEY_FILE), one nginx whose upstream lists their sockets
# (nginx/render.sh's PORTAL_SOCKETS). wrk measures MIPRES EntregaXFecha (a read) and PUT
# Entrega (a write, one line each) behind one host, then behind two, with the same nginx,
# the same connections and the same workers per host. Prints one row per measurement:
# requests/s and p99, and the answers that were not 2xx (PUT Entrega on PostgreSQL may
# answer 503 when its transaction failed to serialize more times than the portal retries).
# usage: sh tests/bench/hosts.sh   (make bench runs it as the part "hosts")
# Environment: BENCH_SECONDS (10), BENCH_CONNECTIONS (32, the reads'), BENCH_PORT (8543),
# BENCH_MIPRES_CONNECTIONS (8, the PUTs'), BENCH_HOST_WORKERS (workers per host: 2 per core).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
portal="$root/build/portal"
demo="$root/build/portal-demo"
secs=${BENCH_SECONDS:-10} conns=${BENCH_CONNECTIONS:-32} port=${BENCH_PORT:-8543}
mp_conns=${BENCH_MIPRES_CONNECTIONS:-8}
workers=${BENCH_HOST_WORKERS:-$((2 * $(nproc)))}
prov=901500013
var=$(mktemp -d /tmp/portal-bench-hosts-XXXXXX)
chmod 700 "$var"
base="https://localhost:$port"
pids=""

cleanup() {
	[ -f "$var/nginx.pid" ] && kill "$(cat "$var/nginx.pid")" 2>/dev/null || true
	for p in $pids; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
	sh "$root/db/pg/cluster.sh" stop "$var" >/dev/null 2>&1 || true
	rm -rf "$var"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

sh "$root/db/pg/cluster.sh" start "$var" >/dev/null
export PORTAL_DB="$(sh "$root/db/pg/cluster.sh" url "$var")"
export PORTAL_SECRET_KEY_FILE="$var/secret.key"
head -c 32 /dev/urandom > "$PORTAL_SECRET_KEY_FILE"
chmod 600 "$PORTAL_SECRET_KEY_FILE"
mkdir -m 700 "$var/host1" "$var/host2"
"$portal" -v "$var/host1" migrate 2>/dev/null
"$demo" -v "$var/host1" seed-demo >/dev/null 2>&1
# Lines over the last 14 days for the reads (a day a week ago, as make bench reads it),
# then today's lines for the PUTs: enough for two runs at 6,000 a second.
"$demo" -v "$var/host1" seed-mipres 20000 14 >/dev/null
n=$((secs * 6000))
primera=$("$demo" -v "$var/host1" seed-mipres $((2 * n)) | sed -n 's/.*(ID \([0-9]*\) a .*/\1/p')
# The planner's statistics of what was loaded, as autovacuum gathers them a minute later
# (tests/bench.sh says why).
sh "$root/db/pg/cluster.sh" psql "$var" -q -c "ANALYZE"

# Starts host $1 (its VAR $var/host$1) and waits for its socket.
host() {
	PORTAL_AP_TOKEN_SEGUNDOS=3600 "$portal" -v "$var/host$1" serve -w "$workers" \
		2>>"$var/host$1.log" &
	pids="$pids $!"
	i=0
	while [ ! -S "$var/host$1/portal.sock" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
}

# nginx in front of the hosts listed ($1: "1" or "1 2"): rendered again, reloaded.
frente() {
	socks=""
	for h in $1; do socks="$socks $var/host$h/portal.sock"; done
	PORTAL_SOCKETS="$socks" sh "$root/nginx/render.sh" "$var" "$port" >/dev/null
	if [ -f "$var/nginx.pid" ]; then
		nginx -c "$var/nginx.conf" -s reload 2>/dev/null
		sleep 1
	else
		nginx -c "$var/nginx.conf" -g "daemon on;"
	fi
	i=0
	while ! curl -ksf -o /dev/null "$base/login" && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
}

# "requests/s p99(ms) non-2xx" of the last wrk run.
cifras() {
	awk '/Requests\/sec/ { rps = $2 }
	     /Non-2xx/ { bad = $NF }
	     $1 == "99%" { v = $2; ms = v + 0
	                   if (v ~ /us$/) ms /= 1000; else if (v ~ /[^m]s$/) ms *= 1000
	                   p99 = ms }
	     END { printf "%.0f %.2f %d\n", rps, p99, bad }' "$var/wrk.out"
}

row() { printf '%-36s %10s %10s %8s\n' "$1" "$2" "$3" "$4"; }

# PUT Entrega of lines from $1 on, one each (wrk -t2: the threads take odd and even).
put_entrega() {
	wrk -t2 -c"$mp_conns" -d"${secs}s" --latency -s "$root/tests/bench/entrega.lua" "$base" \
		-- "$1" "$prov" "$tmp" "$hoy" > "$var/wrk.out"
	sleep 1
	cifras
}

leer() {
	wrk -t2 -c"$conns" -d"${secs}s" --latency \
		"$base/WSSUMMIPRESNOPBS/api/EntregaXFecha/$prov/$tmp/$dia" > "$var/wrk.out"
	cifras
}

host 1
frente 1
usuario=$("$portal" -v "$var/host1" mipres-token "$prov" 2>/dev/null)
tmp=$(curl -ks "$base/WSSUMMIPRESNOPBS/api/GenerarToken/$prov/$usuario" | tr -d '"')
hoy=$(TZ=America/Bogota date +%F)
dia=$(TZ=America/Bogota date -d '7 days ago' +%F)
[ ${#tmp} -ge 20 ] || { echo "bench hosts: no MIPRES token" >&2; exit 1; }
filas=$(curl -ks "$base/WSSUMMIPRESNOPBS/api/EntregaXFecha/$prov/$tmp/$dia" | grep -o '"IDEntrega":' | wc -l)
[ "$filas" -gt 0 ] || { echo "bench hosts: EntregaXFecha del $dia vacío" >&2; exit 1; }

echo "Dos hosts contra uno (PostgreSQL, $workers workers por host, $(nproc) núcleos compartidos;"
echo "EntregaXFecha de $prov el $dia: $filas entregas por respuesta):"
row "" "req/s" "p99 ms" "no 2xx"
set -- $(leer);			row "EntregaXFecha, 1 host (-c$conns)" "$1" "$2" "$3"
set -- $(put_entrega "$primera");	row "PUT Entrega, 1 host (-c$mp_conns)" "$1" "$2" "$3"
host 2
frente "1 2"
set -- $(leer);			row "EntregaXFecha, 2 hosts (-c$conns)" "$1" "$2" "$3"
set -- $(put_entrega $((primera + n)));	row "PUT Entrega, 2 hosts (-c$mp_conns)" "$1" "$2" "$3"
# Both hosts answered the second runs: each host's API lines (log_info "api: ...").
for h in 1 2; do
	printf 'host %s: %s llamadas de la API registradas\n' "$h" "$(grep -c ' api: ' "$var/host$h.log" || true)"
done
echo "carga de la máquina: $(cut -d' ' -f1-3 /proc/loadavg)"
