#!/bin/sh
# make bench: wrk through nginx against the MSPS queue (logged in, 10,000 requests in the
# database: the first page, a broad search and a name) and, in the same run, nginx serving the same bytes
# from a file. Prints requests/s, the ratio dynamic/static and the p99 latency of each.
# Environment: BENCH_SECONDS (10), BENCH_CONNECTIONS (32), BENCH_PORT (8543).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
portal="$root/build/portal"
secs=${BENCH_SECONDS:-10} conns=${BENCH_CONNECTIONS:-32} port=${BENCH_PORT:-8543}
var=$(mktemp -d /tmp/portal-bench-XXXXXX)
base="https://localhost:$port"
jar="$var/cookies"

cleanup() {
	[ -f "$var/nginx.pid" ] && kill "$(cat "$var/nginx.pid")" 2>/dev/null || true
	[ -n "${ppid:-}" ] && kill "$ppid" 2>/dev/null && wait "$ppid" 2>/dev/null || true
	rm -rf "$var"
}
trap cleanup EXIT INT TERM

echo "Preparando: base de datos con 10000 solicitudes pendientes..."
"$portal" -v "$var" migrate 2>/dev/null
"$portal" -v "$var" seed-demo 10000 >/dev/null
LOGIN_RATE=1000r/s LOGIN_BURST=1000 sh "$root/nginx/render.sh" "$var" "$port"
"$portal" -v "$var" serve 2>"$var/portal.log" &
ppid=$!
i=0
while [ ! -S "$var/portal.sock" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
nginx -c "$var/nginx.conf" -g "daemon on;"
i=0
while ! curl -ksf -o /dev/null "$base/login" && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done

# Log in as the demo official; keep the session cookie for wrk.
csrf=$(curl -ks -c "$jar" "$base/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -ks -b "$jar" -c "$jar" -o /dev/null -H "Origin: $base" \
	--data-urlencode "csrf=$csrf" --data-urlencode "usuario=CC1010202030" \
	--data-urlencode "clave=Portal-Demo-2026" "$base/login"
# The official has the demo's second factor (cgi/demo.c DEMO_TOTP): the current code.
codigo=$(/usr/bin/python3 -c 'import base64, hashlib, hmac, struct, time
k = base64.b32decode("MINSALUDPORTALDEMOSEGUNDOFACTORX")
h = hmac.new(k, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
o = h[-1] & 15
print("%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7fffffff) % 1000000))')
csrf=$(curl -ks -b "$jar" "$base/login/codigo" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -ks -b "$jar" -c "$jar" -o /dev/null -H "Origin: $base" \
	--data-urlencode "csrf=$csrf" --data-urlencode "codigo=$codigo" "$base/login/codigo"
sid=$(awk '$6 == "__Host-sid" { print $7 }' "$jar")
[ -n "$sid" ] || { echo "bench: no se pudo iniciar sesión" >&2; exit 1; }
cookie="Cookie: __Host-sid=$sid"

# The static twin: the same bytes nginx can send without the portal.
curl -ks -H "$cookie" "$base/msps/asignar" > "$var/bench/queue.html"
curl -ks -H "$cookie" "$base/msps/asignar?q=hospital" > "$var/bench/search.html"
curl -ks -H "$cookie" "$base/msps/asignar?q=cl%C3%ADnica+san+rafael" > "$var/bench/name.html"
grep -q 'data-k="nit"' "$var/bench/queue.html" || { echo "bench: la cola no se ve" >&2; exit 1; }

# Runs wrk on a URL; prints "requests/s p99(ms)".
measure() {
	wrk -t2 -c"$conns" -d"${secs}s" --latency -H "$cookie" "$1" > "$var/wrk.out"
	if grep -q 'Non-2xx' "$var/wrk.out"; then
		echo "bench: respuestas no 2xx en $1" >&2
		cat "$var/wrk.out" >&2
		exit 1
	fi
	awk '/Requests\/sec/ { rps = $2 }
	     $1 == "99%" { v = $2; ms = v + 0
	                   if (v ~ /us$/) ms /= 1000; else if (v ~ /[^m]s$/) ms *= 1000
	                   p99 = ms }
	     END { printf "%.0f %.2f\n", rps, p99 }' "$var/wrk.out"
}

printf '\n%-34s %10s %10s\n' "wrk -t2 -c$conns -d${secs}s" "req/s" "p99 ms"
row() { printf '%-34s %10s %10s\n' "$1" "$2" "$3"; }
set -- $(measure "$base/msps/asignar");		q_rps=$1 q_p99=$2
row "/msps/asignar (portal)" "$q_rps" "$q_p99"
set -- $(measure "$base/msps/asignar?q=hospital");	s_rps=$1 s_p99=$2
row "/msps/asignar?q=hospital (portal)" "$s_rps" "$s_p99"
set -- $(measure "$base/bench/queue.html");		f_rps=$1 f_p99=$2
row "/bench/queue.html (nginx, file)" "$f_rps" "$f_p99"
set -- $(measure "$base/bench/search.html");		g_rps=$1 g_p99=$2
row "/bench/search.html (nginx, file)" "$g_rps" "$g_p99"
set -- $(measure "$base/msps/asignar?q=cl%C3%ADnica+san+rafael");	n_rps=$1 n_p99=$2
row "?q=clínica san rafael (portal)" "$n_rps" "$n_p99"
set -- $(measure "$base/bench/name.html");		m_rps=$1 m_p99=$2
row "/bench/name.html (nginx, file)" "$m_rps" "$m_p99"
echo
awk -v q="$q_rps" -v s="$s_rps" -v f="$f_rps" -v g="$g_rps" -v n="$n_rps" -v m="$m_rps" 'BEGIN {
	printf "ratio portal/static: first page %.2f, broad search %.2f, name search %.2f (target >= 0.5)\n",
	    q / f, s / g, n / m }'
echo "p99 target: <= 10 ms at $conns connections"
