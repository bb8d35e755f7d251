#!/bin/sh
# The instructions a page costs the portal (README, Performance: "The queue page's own work,
# in instructions"): callgrind on one worker (portal serve -w 1), behind nginx, with the demo
# official's session among BENCH_SOLICITUDES (10,000) pending requests; 10 warm-up requests,
# the counters zeroed, then N (100) requests; prints the worker's instructions per request.
# usage: instrucciones.sh VAR [PORTAL] [URL-PATH] [N]
# VAR is kept between runs (seeded once, the session reused), so two binaries can be
# compared on the same data; VAR/out/ gets the callgrind file and the page's bytes.
# Environment: BENCH_PORT (8743).
set -eu
var=$1 root=$(cd "$(dirname "$0")/../.." && pwd)
portal=${2:-$root/build/portal} path=${3:-/msps/asignar} n=${4:-100}
port=${BENCH_PORT:-8743} base="https://localhost:${BENCH_PORT:-8743}"
mkdir -p "$var/out"
. "$root/tests/bench/sesion.sh"

pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
	[ -f "$var/nginx.pid" ] && kill "$(cat "$var/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 1' INT TERM

arranca() {
	rm -f "$var/portal.sock"
	"$@" 2>>"$var/portal.log" &
	pid=$!
	i=0
	while [ ! -S "$var/portal.sock" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
}

if [ ! -f "$var/portal.db" ]; then
	"$root/build/portal" -v "$var" migrate 2>/dev/null
	"$root/build/portal-demo" -v "$var" seed-demo "${BENCH_SOLICITUDES:-10000}" >/dev/null
fi
sh "$root/nginx/render.sh" "$var" "$port"
nginx -c "$var/nginx.conf" -g "daemon on;"
# The session: logged in once (password, then the demo's second factor) and kept in VAR.
arranca "$root/build/portal" -v "$var" serve -w 1
if [ ! -s "$var/cookie" ] || [ "$(curl -ks -o /dev/null -w '%{http_code}' -H "$(cat "$var/cookie")" "$base$path")" != 200 ]; then
	sesion CC1010202030 > "$var/cookie"
fi
kill "$pid" && wait "$pid" 2>/dev/null || true
pid=""
cookie=$(cat "$var/cookie")
rm -f "$var"/out/callgrind.out.* "$var"/out/vgdb*
# vgdb's pipes under VAR: another callgrind_control on the machine does not reach these
# processes (it zeroes and dumps every valgrind it finds under /tmp), nor this one those.
arranca valgrind --tool=callgrind --trace-children=yes --vgdb-prefix="$var/out/vgdb" \
	--callgrind-out-file="$var/out/callgrind.out.%p" "$portal" -v "$var" serve -w 1
for i in 1 2 3 4 5 6 7 8 9 10; do curl -ks -o "$var/out/page.html" -H "$cookie" "$base$path"; done
sleep 1
# Each of this portal's processes under valgrind (callgrind_control lists only the first):
# vgdb COMMAND to each. vgdb -l also lists a short-lived process (the master's WAL job) that
# may have ended since, and vgdb then waits for it without end (once 16 minutes): each call
# is cut after 60 s, and one cut is no error.
vgdb_todos() {
	for p in $(vgdb --vgdb-prefix="$var/out/vgdb" -l 2>&1 | sed -n 's/^use --pid=\([0-9]*\) .*/\1/p'); do
		timeout 60 vgdb --vgdb-prefix="$var/out/vgdb" --pid="$p" "$1" >/dev/null 2>&1 || true
	done
}
vgdb_todos zero
i=0
while [ $i -lt "$n" ]; do curl -ks -o /dev/null -H "$cookie" "$base$path"; i=$((i + 1)); done
vgdb_todos dump
sleep 1
# The worker's file is the one with the most instructions since the zeroing, among those that
# served a request: the tasks' process (its first pass, the search index's merge, runs at each
# start and can outlast the warm-up) is left out.
best=0
for f in "$var"/out/callgrind.out.*; do
	grep -q '^c\{0,1\}fn=([0-9]*) dispatch$' "$f" || continue
	ir=$(awk '/^summary:/ { print $2 }' "$f")
	[ -n "$ir" ] && [ "$ir" -gt "$best" ] && best=$ir file=$f
done
cp "$file" "$var/out/worker.cg"
awk -v t="$best" -v n="$n" 'BEGIN { printf "%d instrucciones por petición (%d peticiones)\n", t / n, n }'
