#!/bin/sh
# make bench: wrk through nginx against the MSPS queue (logged in, 10,000 requests in the
# database: the first page, a broad search and a name) and, in the same run, nginx serving the same bytes
# from a file. Prints requests/s, the ratio dynamic/static and the p99 latency of each.
# Then another user's page alone and during a flood of wrong passwords (with and without
# the cap on password hashes at once).
# Then the AP services on PORT + 1: POST /token, and ReportarAfiliaciontraslado with
# 100-record bodies (wrk Lua scripts) against the raw commit rate of the same rows.
# Then MIPRES: PUT Entrega against the raw SQLite commit rate, and EntregaXFecha among
# 1,000,000 direccionamiento lines (see below).
# Then the same queue pages and MIPRES on PostgreSQL, against the raw commit rate of the same
# cluster (the part pg), and two portal hosts against one on PostgreSQL (the part hosts).
# Each write measurement starts from a settled disk (asentar: the WAL checkpointed and
# truncated, sync, the kernel's dirty and writeback pages settled) and alternates the raw
# rate and the service (raw, service, raw, service), so both come from the same state.
# Environment: BENCH_SECONDS (10), BENCH_CONNECTIONS (32), BENCH_PORT (8543);
# BENCH_PARTES (which parts run, of "paginas avalancha ap mipres pg hosts": all of them;
# pg: the queue's pages and MIPRES again on PostgreSQL, after SQLite's parts: see below;
# hosts: two portal hosts against one on PostgreSQL, tests/bench/hosts.sh);
# BENCH_FLOOD (20 concurrent failed logins), BENCH_FLOOD_PAGE_CONNECTIONS (4);
# BENCH_AP_COMMITS (2000 raw AP calls a run);
# BENCH_MIPRES_LINEAS (1000000; e.g. 100000 for a quicker run), BENCH_MIPRES_ENTREGAS
# (BENCH_SECONDS x 6000 programmed lines for each PUT run), BENCH_MIPRES_COMMITS (20000),
# BENCH_MIPRES_CONNECTIONS (8, the PUTs'); BENCH_SOLO_COLA=1 stops after the queue's figures;
# BENCH_SUCIO_MB (16: dirty + writeback at or below it is settled), BENCH_ASENTAR_SEGUNDOS
# (120: the longest wait for it).
# BENCH_ESCALA=1 (off by default: it loads for minutes): national scale (issue 16), the
# queue's pages among BENCH_SOLICITUDES (100,000; 10,000 without BENCH_ESCALA) entities
# with a pending request each, then the AP follow-up report of 92 days over
# BENCH_AP_MEDICIONES (10000000) measured calls, and the Auditoría page among
# BENCH_AUDITORIA_FILAS (1000000) more audit rows; with BENCH_PARTES=paginas, only those.
# Each of those pages at BENCH_CONNECTIONS, then at 1 and 4 for BENCH_BAJAS_SECONDS (5) each.
# The part pg (issue 14 §4) runs this script again with BENCH_MOTOR=postgresql and the parts
# paginas and mipres on BENCH_PORT + 20: a private cluster in its VAR (db/pg/cluster.sh),
# PORTAL_DB naming it, the same seeds, pages and PUTs; the raw rate is bench-commits on the
# same cluster. BENCH_PG_LINEAS (1000000, as SQLite's and issue 14 §4: EntregaXFecha among
# 1,000,000 lines; its load takes about 2 minutes on a quiet machine, SQLite's under 1),
# BENCH_PG_COMMITS (2000 raw commits a run), BENCH_PG_ENTREGAS (BENCH_SECONDS x 1000).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
portal="$root/build/portal"
demo="$root/build/portal-demo"	# the demo and bench loads (cgi/tools/)
secs=${BENCH_SECONDS:-10} conns=${BENCH_CONNECTIONS:-32} port=${BENCH_PORT:-8543}
partes=" ${BENCH_PARTES:-paginas avalancha ap mipres pg hosts} "
motor=${BENCH_MOTOR:-sqlite}	# postgresql: the part pg's run of this script
var=$(mktemp -d /tmp/portal-bench-XXXXXX)
base="https://localhost:$port"

cleanup() {
	[ -f "$var/nginx.pid" ] && kill "$(cat "$var/nginx.pid")" 2>/dev/null || true
	[ -n "${ppid:-}" ] && kill "$ppid" 2>/dev/null && wait "$ppid" 2>/dev/null || true
	[ -n "${fpid_piso:-}" ] && kill "$fpid_piso" 2>/dev/null && wait "$fpid_piso" 2>/dev/null || true
	[ "$motor" = postgresql ] && sh "$root/db/pg/cluster.sh" stop "$var" >/dev/null 2>&1 || true
	rm -rf "$var"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

unset PORTAL_DB	# SQLite in VAR, or the cluster below
if [ "$motor" = postgresql ]; then
	sh "$root/db/pg/cluster.sh" start "$var" >/dev/null
	PORTAL_DB=$(sh "$root/db/pg/cluster.sh" url "$var")
	export PORTAL_DB
fi
# Runs query $1 on the bench's database; prints its rows as the sqlite3 shell does.
consulta() {
	if [ "$motor" = postgresql ]; then
		sh "$root/db/pg/cluster.sh" psql "$var" -q -A -t -v ON_ERROR_STOP=1 -c "$1"
	else
		sqlite3 -cmd ".timeout 20000" "$var/portal.db" "$1"
	fi
}

escala=${BENCH_ESCALA:-0}
if [ "$escala" = 1 ]; then solicitudes=${BENCH_SOLICITUDES:-100000}; else solicitudes=${BENCH_SOLICITUDES:-10000}; fi
echo "Preparando: base de datos con $solicitudes solicitudes pendientes..."
"$portal" -v "$var" migrate 2>/dev/null
t0=$(date +%s.%N)
"$demo" -v "$var" seed-demo "$solicitudes" >/dev/null
awk -v a="$t0" -v b="$(date +%s.%N)" -v n="$solicitudes" -v c="$(cut -d' ' -f1-3 /proc/loadavg)" \
	'BEGIN { printf "seed-demo %d: %.1f s (carga: %s)\n", n, b - a, c }'
# PostgreSQL: the planner's statistics of the tables just loaded, which autovacuum gathers
# a minute or so after a load; measured before it, a prepared statement's generic plan read
# every request of the queue for the name search (18.7 ms a search instead of 0.8). Not the
# MIPRES tables: analyzed now with the demo's few lines, they would plan their loader's one
# long transaction for a tiny table (20,000 lines 36 s instead of 2.8); asentar analyzes
# them once loaded.
if [ "$motor" = postgresql ]; then
	consulta "ANALYZE $(consulta "SELECT string_agg(quote_ident(relname), ', ') FROM pg_stat_user_tables WHERE schemaname = 'public' AND relname NOT LIKE 'mipres%'")"
fi
LOGIN_RATE=1000r/s LOGIN_BURST=1000 TOKEN_RATE=10000r/s TOKEN_BURST=10000 \
	sh "$root/nginx/render.sh" "$var" "$port"
PORTAL_AP_TOKEN_SEGUNDOS=3600 "$portal" -v "$var" serve 2>"$var/portal.log" &
ppid=$!
i=0
while [ ! -S "$var/portal.sock" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
nginx -c "$var/nginx.conf" -g "daemon on;"
i=0
while ! curl -ksf -o /dev/null "$base/login" && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done

. "$root/tests/bench/sesion.sh"
# The demo official (the MSPS queue): the session for wrk.
cookie=$(sesion CC1010202030)

# The static twin: the same bytes nginx can send without the portal.
curl -ks -H "$cookie" "$base/msps/asignar" > "$var/bench/queue.html"
curl -ks -H "$cookie" "$base/msps/asignar?q=hospital" > "$var/bench/search.html"
curl -ks -H "$cookie" "$base/msps/asignar?q=cl%C3%ADnica+san+rafael" > "$var/bench/name.html"
grep -q 'data-k="nit"' "$var/bench/queue.html" || { echo "bench: la cola no se ve" >&2; exit 1; }
# The FastCGI floor: the queue's bytes from a minimal libfcgi responder with as many workers
# as the portal (two per core), behind the same nginx (location /bench/piso).
"$root/build/piso" "$var/piso.sock" "$var/bench/queue.html" $((2 * $(nproc))) &
fpid_piso=$!
i=0
while [ ! -S "$var/piso.sock" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
curl -ks "$base/bench/piso" > "$var/piso.out"
cmp -s "$var/bench/queue.html" "$var/piso.out" || { echo "bench: el piso FastCGI no responde" >&2; exit 1; }

# Prints "requests/s p99(ms)" of the last wrk run ($var/wrk.out); with $1 = p50, "requests/s
# p99(ms) p50(ms)".
cifras() {
	awk -v p50="${1:-}" 'function ms(v) { m = v + 0
	                   if (v ~ /us$/) m /= 1000; else if (v ~ /[^m]s$/) m *= 1000
	                   return m }
	     /Requests\/sec/ { rps = $2 }
	     $1 == "50%" { p5 = ms($2) }
	     $1 == "99%" { p99 = ms($2) }
	     END { if (p50 == "") printf "%.0f %.2f\n", rps, p99
	           else printf "%.0f %.2f %.2f\n", rps, p99, p5 }' "$var/wrk.out"
}

# Runs wrk with these arguments; prints cifras. Any answer that is not 2xx stops the whole
# bench (it runs inside $(...): the signal reaches the script itself). A -tN or -dNs among
# the arguments overrides its 2 threads or BENCH_SECONDS (wrk takes the last).
wrk_run() {
	wrk -t2 -d"${secs}s" --latency "$@" > "$var/wrk.out"
	if grep -q 'Non-2xx' "$var/wrk.out"; then
		echo "bench: respuestas que no son 2xx:" >&2
		cat "$var/wrk.out" >&2
		kill -TERM $$
		exit 1
	fi
	cifras
}

# Runs wrk on a page of the portal with the session; prints "requests/s p99(ms)".
measure() { wrk_run -c"$conns" -H "$cookie" "$1"; }


# Whether part $1 runs (BENCH_PARTES).
parte() { case "$partes" in *" $1 "*) return 0 ;; esac; return 1; }

row() { printf '%-34s %10s %10s\n' "$1" "$2" "$3"; }

# Starts portal serve again with the environment given as arguments. The workers that stop
# log what their writers waited (db: pid …): esperas() sums those lines.
restart_portal() {
	kill "$ppid" && wait "$ppid" 2>/dev/null || true
	rm -f "$var/portal.sock"
	env PORTAL_AP_TOKEN_SEGUNDOS=3600 "$@" "$portal" -v "$var" serve 2>>"$var/portal.log" &
	ppid=$!
	i=0
	while [ ! -S "$var/portal.sock" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
}

# Prints "writes waited wait_ms max_ms busy busy_ms held_ms held_max ckpts ckpt_ms" summed
# (max: the largest) over the lines "db: pid P: W writes, E waited for the write lock (MS ms
# in all, at most MAX ms), busy handler B times (BMS ms); held it H ms in all, at most HM
# ms; checkpoints in its commits C (CMS ms); WAL starts in its commits R (RMS ms)" of
# portal.log after its line $1 (cgi/core/db.c's db_cuenta_log), then "jobs job_max": the
# lines "wal: the job held the writers' lock N ms" (the master's WAL job, when it held it
# DB_WAL_AVISO_MS or more) and the largest N, then "starts starts_ms" (R and RMS summed: a
# worker's commit that started the WAL over synced its header and, before, cut its file).
esperas() {
	awk -v desde="$1" 'NR > desde && /db: pid [0-9]+: / {
		s = substr($0, index($0, "db: pid ")); gsub(/[^0-9]+/, " ", s); split(s, v, " ")
		w += v[2]; e += v[3]; ms += v[4]; if (v[5] > mx) mx = v[5]; b += v[6]; bms += v[7]
		h += v[8]; if (v[9] > hmx) hmx = v[9]; c += v[10]; cms += v[11]; r += v[12]; rms += v[13]
	} NR > desde && /wal: the job held the writers. lock [0-9]+ ms/ {
		s = substr($0, index($0, "lock ") + 5); j++; if (s + 0 > jmx) jmx = s + 0
	} END { printf "%d %d %d %d %d %d %d %d %d %d %d %d %d %d\n", w, e, ms, mx, b, bms, h, hmx, c, cms, j, jmx, r, rms }' "$var/portal.log"
}
# The number of lines of portal.log.
log_lineas() { wc -l < "$var/portal.log"; }

# Brings the disk to a settled state before a write measurement: the WAL checkpointed and
# truncated (PostgreSQL: CHECKPOINT), the page cache synced, then waits until the kernel's
# dirty and writeback pages (/proc/meminfo) are at most BENCH_SUCIO_MB or stop changing
# (within 2 MB over 3 s), at most BENCH_ASENTAR_SEGUNDOS. Prints what it found.
asentar() {
	limite=${BENCH_SUCIO_MB:-16} tope=${BENCH_ASENTAR_SEGUNDOS:-120}
	if [ "$motor" = postgresql ]; then
		consulta "ANALYZE"	# the statistics of what was loaded (see seed-demo's above)
		consulta "CHECKPOINT"
		ck="ANALYZE, CHECKPOINT"
	else
		ck="(TRUNCATE) $(consulta "PRAGMA wal_checkpoint(TRUNCATE)")"
	fi
	sync
	antes=-1 quietos=0 n=0
	while :; do
		sucio=$(awk '/^(Dirty|Writeback):/ { s += $2 } END { printf "%d", s / 1024 }' /proc/meminfo)
		[ "$sucio" -le "$limite" ] && break
		if [ "$antes" -ge 0 ] && [ $((sucio - antes)) -le 2 ] && [ $((antes - sucio)) -le 2 ]; then
			quietos=$((quietos + 1))
			[ $quietos -ge 3 ] && break
		else
			quietos=0
		fi
		[ $n -ge "$tope" ] && break
		antes=$sucio
		sleep 1
		n=$((n + 1))
	done
	wal=$(stat -c %s "$var/portal.db-wal" 2>/dev/null || echo 0)
	[ "$motor" = postgresql ] && wal=$(du -sb "$var/pg/data/pg_wal" | cut -f1)
	echo "asentado en $n s: checkpoint $ck, WAL $wal bytes, sucias + en escritura $sucio MB (carga: $(cut -d' ' -f1-3 /proc/loadavg))"
}

if parte paginas; then
	printf '\n%-34s %10s %10s\n' "wrk -t2 -c$conns -d${secs}s" "req/s" "p99 ms"
	# Each worker's resident size (KiB), the largest: after a warm-up on the three pages (a
	# worker keeps its heap's high-water mark, issue 11) and after the queue's runs.
	rss_max() {
		for w in $(pgrep -P "$ppid"); do awk '/^VmRSS/ { print $2 }' "/proc/$w/status"; done |
			sort -n | tail -1
	}
	for u in /msps/asignar "/msps/asignar?q=hospital" "/msps/asignar?q=cl%C3%ADnica+san+rafael"; do
		wrk -t2 -c"$conns" -d2s -H "$cookie" "$base$u" > /dev/null
	done
	rss_antes=$(rss_max)
	set -- $(measure "$base/msps/asignar");		q_rps=$1 q_p99=$2
	row "/msps/asignar (portal)" "$q_rps" "$q_p99"
	set -- $(measure "$base/msps/asignar?q=hospital");	s_rps=$1 s_p99=$2
	row "/msps/asignar?q=hospital (portal)" "$s_rps" "$s_p99"
	set -- $(measure "$base/bench/queue.html");		f_rps=$1 f_p99=$2
	row "/bench/queue.html (nginx, file)" "$f_rps" "$f_p99"
	set -- $(measure "$base/bench/piso");		p_rps=$1 p_p99=$2
	row "/bench/piso (FastCGI floor)" "$p_rps" "$p_p99"
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
	awk -v q="$q_rps" -v f="$f_rps" -v p="$p_rps" 'BEGIN {
		printf "ratio portal/floor (first page): %.2f (target >= 0.8); floor/static: %.2f\n", q / p, p / f }'
	# The same ratio from BENCH_PARES (3) pairs of runs of BENCH_PAR_SECONDS (5), portal then
	# floor, back to back: the machine's drift within a minute (+-15 % run to run on 2
	# shared cores) weighs on both sides of each pair alike. Prints each pair and the median.
	pares="" i=0 secs0=$secs secs=${BENCH_PAR_SECONDS:-5}
	while [ $i -lt "${BENCH_PARES:-3}" ]; do
		set -- $(measure "$base/msps/asignar"); a=$1
		set -- $(measure "$base/bench/piso"); b=$1
		pares="$pares $a/$b"
		i=$((i + 1))
	done
	secs=$secs0
	echo "$pares" | tr ' ' '\n' | awk -F/ 'NF == 2 { r[++n] = $1 / $2; t = t sprintf(" %.2f (%d/%d)", $1 / $2, $1, $2) }
	END { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (r[j] < r[i]) { x = r[i]; r[i] = r[j]; r[j] = x }
		printf "ratio portal/floor, %d pairs back to back:%s; median %.2f (target >= 0.8)\n", n, t, n % 2 ? r[(n + 1) / 2] : (r[n / 2] + r[n / 2 + 1]) / 2 }'
	echo "p99 target: <= 10 ms at $conns connections"
	rss_despues=$(rss_max)
	awk -v a="$rss_antes" -v d="$rss_despues" -v n="$(( (q_rps + s_rps + n_rps) * secs ))" 'BEGIN {
		printf "memoria: el worker más grande, %d KiB tras el calentamiento, %d KiB tras %d peticiones más (%+d KiB)\n", a, d, n, d - a }'
	if [ "${BENCH_SOLO_COLA:-0}" = 1 ]; then exit 0; fi
fi

# National scale (issue 16, BENCH_ESCALA=1): the queue above ran among 100,000 entities; now
# the AP follow-up report (cgi/ap/reporte.c) of the last 92 days, all APs and one, over
# BENCH_AP_MEDICIONES calls loaded by portal-demo seed-ap with their rollups, as the page and
# as the CSV (every hour: 3 x 2,208 rows). p99 target: <= 20 ms.
# Each page of national scale is measured at $conns connections for BENCH_SECONDS, then at
# 1 and at 4 for BENCH_BAJAS_SECONDS (5) each: closed loop, the mean latency at c connections
# is c / (requests/s) (Little's law), so at 32 a p99 <= 20 ms needs >= 1,600 req/s whatever
# a request's own time; at 1 and 4 the figures are nearer a request's own latency.
if [ "$escala" = 1 ] && parte paginas; then
	bajas_secs=${BENCH_BAJAS_SECONDS:-5}
	# Prints the header of a table of por_conexiones, titled $1.
	cabecera_conexiones() { printf '\n%-34s %10s %10s %10s\n' "$1" "req/s" "p99 ms" "p50 ms"; }
	# Waits until the portal's processes have used no CPU for 0.2 s (at most 5 s). When wrk
	# stops, the requests it no longer waits for are still served: those nginx had passed on
	# and those in the socket's queue, each computed in full for a client that has gone. After
	# 32 connections on the AP CSV (771 KB, ~20 ms of CPU each) that was ~0.4 s of work, and
	# the next run's first requests waited behind it: its 1-connection p99 was 363 ms (374
	# again, 2026-12-03), 32 ms after a rest, p50 22 ms either way.
	calma() {
		cm_antes=-1 cm_n=0
		while [ $cm_n -lt 25 ]; do
			cm_t=$(for w in $(pgrep -P "$ppid"); do cat "/proc/$w/stat" 2>/dev/null; done |
				awk '{ s += $14 + $15 } END { print s + 0 }')
			[ "$cm_t" = "$cm_antes" ] && return 0
			cm_antes=$cm_t cm_n=$((cm_n + 1))
			sleep 0.2
		done
	}
	# Runs wrk on page $2 with header $1 at $conns, 1 and 4 connections, each after calma;
	# prints a row of each, labelled $3: requests/s, p99, p50.
	por_conexiones() {
		pc_cab=$1 pc_url=$2 pc_nombre=$3
		for pc_c in "$conns" 1 4; do
			pc_d=$bajas_secs pc_t=2
			[ "$pc_c" = "$conns" ] && pc_d=$secs
			[ "$pc_c" = 1 ] && pc_t=1	# wrk: no more threads than connections
			calma
			wrk_run -t"$pc_t" -c"$pc_c" -d"${pc_d}s" -H "$pc_cab" "$pc_url" > /dev/null
			set -- $(cifras p50)
			printf '%-34s %10s %10s %10s\n' "$pc_nombre (-c$pc_c)" "$1" "$2" "$3"
		done
	}
	# The queue's three pages above, among the $solicitudes entities, again at $conns (with
	# their p50) and at 1 and 4 connections.
	cabecera_conexiones "cola, $solicitudes entidades"
	por_conexiones "$cookie" "$base/msps/asignar" "/msps/asignar"
	por_conexiones "$cookie" "$base/msps/asignar?q=hospital" "?q=hospital"
	por_conexiones "$cookie" "$base/msps/asignar?q=cl%C3%ADnica+san+rafael" "?q=clínica san rafael"

	ap_n=${BENCH_AP_MEDICIONES:-10000000}
	echo
	echo "AP: cargando $ap_n llamadas medidas en 92 días (carga: $(cut -d' ' -f1-3 /proc/loadavg))..."
	"$demo" -v "$var" seed-ap "$ap_n" 92
	ap_id=$(consulta "SELECT id FROM entidad WHERE nit = '800900101'")
	rango="desde=$(TZ=America/Bogota date -d '91 days ago' +%F)&hasta=$(TZ=America/Bogota date +%F)"
	curl -ks -H "$cookie" "$base/msps/ap/reporte?$rango" > "$var/ap_reporte.html"
	grep -q 'data-k="totales"' "$var/ap_reporte.html" || { echo "bench: el reporte AP no se ve" >&2; exit 1; }
	cabecera_conexiones "reporte AP, 92 días"
	por_conexiones "$cookie" "$base/msps/ap/reporte?$rango" "todas las AP"
	por_conexiones "$cookie" "$base/msps/ap/reporte?$rango&ap=$ap_id" "una AP"
	por_conexiones "$cookie" "$base/msps/ap/reporte.csv?$rango" "CSV, todas (cada hora)"
	echo "página $(wc -c < "$var/ap_reporte.html") bytes; p99 target: <= 20 ms (carga: $(cut -d' ' -f1-3 /proc/loadavg))"

	# The Auditoría page (cgi/admin/auditoria.c, the administrator's) among BENCH_AUDITORIA_FILAS
	# (1,000,000) more audit rows over a year, chained as the portal writes them.
	au_n=${BENCH_AUDITORIA_FILAS:-1000000}
	echo
	echo "Auditoría: cargando $au_n filas (carga: $(cut -d' ' -f1-3 /proc/loadavg))..."
	"$demo" -v "$var" seed-auditoria "$au_n" 365
	acookie=$(sesion CC1010202040)
	au_login=$(consulta "SELECT login FROM auditoria WHERE detalle = 'carga de prueba 1'")
	au_nit=$(consulta "SELECT e.nit FROM auditoria a JOIN entidad e ON e.id = a.entidad_id WHERE a.detalle = 'carga de prueba 2'")
	semana="desde=$(TZ=America/Bogota date -d '30 days ago' +%F)&hasta=$(TZ=America/Bogota date -d '24 days ago' +%F)"
	# Page 1,000 goes on from the last row of page 999 (keyset), as its Siguiente link says.
	au_tras=$(consulta "SELECT id FROM auditoria ORDER BY ts DESC, id DESC LIMIT 1 OFFSET 49949")
	curl -ks -H "$acookie" "$base/admin/auditoria" | grep -q 'data-k="filas"' ||
		{ echo "bench: la página de auditoría no se ve" >&2; exit 1; }
	cabecera_conexiones "auditoría, $au_n filas"
	for u in "" "?persona=$au_login" "?nit=$au_nit" "?accion=ap_token" "?$semana" "?p=1000&tras=$au_tras"; do
		por_conexiones "$acookie" "$base/admin/auditoria$u" "${u:-sin filtro}"
	done
	echo "p99 target: <= 20 ms (carga: $(cut -d' ' -f1-3 /proc/loadavg))"
fi

# Login floods (issue 11 §6): another user's page (the MSPS queue at BENCH_FLOOD_PAGE_CONNECTIONS,
# 4) alone and during BENCH_FLOOD (20) concurrent wrong passwords from rotating loopback
# addresses (tests/lib/flood.js), with the cap on password hashes at once (half the
# workers), then with the cap lifted to every worker (as before it existed).
fconns=${BENCH_FLOOD_PAGE_CONNECTIONS:-4} flood=${BENCH_FLOOD:-20}
workers=$((2 * $(nproc)))
if parte avalancha; then
	# Prints "p99(ms) sent checked busy" of the page during a flood.
	flooded() {
		node "$root/tests/lib/flood.js" "$base" $((secs + 2)) "$flood" > "$var/flood.out" &
		fpid=$!
		sleep 1
		set -- $(wrk_run -c"$fconns" -H "$cookie" "$base/msps/asignar")
		wait "$fpid" || { echo "bench: la avalancha de ingresos falló" >&2; exit 1; }
		awk -v p="$2" '{ printf "%s %d %d %d\n", p, $2, $4, $6 }' "$var/flood.out"
	}
	set -- $(wrk_run -c"$fconns" -H "$cookie" "$base/msps/asignar");	alone_p99=$2
	set -- $(flooded);	cap_p99=$1 cap_sent=$2 cap_checked=$3 cap_busy=$4
	restart_portal PORTAL_CLAVES_SIMULTANEAS="$workers"
	set -- $(flooded);	nocap_p99=$1 nocap_sent=$2 nocap_checked=$3 nocap_busy=$4
	restart_portal
	echo
	printf '%-46s %10s %24s\n' "/msps/asignar -c$fconns, $flood logins fallidos" "p99 ms" "POST /login (400 / 429)"
	printf '%-46s %10s %24s\n' "sola" "$alone_p99" "-"
	printf '%-46s %10s %24s\n' "con avalancha, tope $((workers / 2)) de $workers workers" "$cap_p99" "$cap_sent ($cap_checked / $cap_busy)"
	printf '%-46s %10s %24s\n' "con avalancha, sin tope ($workers de $workers)" "$nocap_p99" "$nocap_sent ($nocap_checked / $nocap_busy)"
fi

# Prints what the workers' writers waited over a run of $1 requests, from esperas.
resumen_esperas() {
	awk -v n="$1" -v w="$2" -v e="$3" -v ms="$4" -v mx="$5" -v b="$6" -v bms="$7" \
	    -v h="$8" -v hmx="$9" -v c="${10}" -v cms="${11}" -v j="${12}" -v jmx="${13}" \
	    -v r="${14}" -v rms="${15}" 'BEGIN {
		printf "  esperas: %d escrituras, %d esperaron el cerrojo de escritura (%d ms en total, máx. %d ms); manejador de ocupado de SQLite %d veces (%d ms); por petición %.2f ms\n",
		    w, e, ms, mx, b, bms, (n > 0 ? (ms + bms) / n : 0)
		printf "  cerrojo tomado: %d ms en total, máx. %d ms, por escritura %.3f ms; checkpoints dentro de un commit: %d (%d ms); comienzos del WAL dentro de un commit: %d (%d ms)\n",
		    h, hmx, (w > 0 ? h / w : 0), c, cms, r, rms
		printf "  el trabajo del WAL lo tomó 10 ms o más %d veces (máx. %d ms)\n", j, jmx }'
	# Those holds' own lines since line $desde of portal.log (the first 5): how long the
	# RESTART took and how long the start-over, which the bench's VAR, removed, no longer has.
	awk -v desde="$desde" 'NR > desde && /wal: the job held the writers. lock/ && ++k <= 5 {
		print "    " substr($0, index($0, "wal: ")) }' "$var/portal.log"
}

# The AP web services on their own port (nginx's second server, PORT + 1).
apbase="https://localhost:$((port + 1))"
hoy=$(TZ=America/Bogota date +%F)
if parte ap; then
	# POST /token: each issue checks the password (scrypt, ~50 ms of one core) and commits.
	cat > "$var/token.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "grant_type=password&username=800900101&password=Portal-Demo-2026&client_id=00900101-0000-4a0a-8a01-000000000001"
LUA
	# ReportarAfiliaciontraslado with 100 records a call, every radicado unique (the run,
	# the thread id and a counter), the token obtained once (its lifetime is raised).
	tok=$(curl -ks -X POST "$apbase/token" --data-urlencode grant_type=password \
		--data-urlencode username=800900101 --data-urlencode password=Portal-Demo-2026 \
		--data-urlencode client_id=00900101-0000-4a0a-8a01-000000000001 |
		sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
	[ -n "$tok" ] || { echo "bench: sin token AP" >&2; exit 1; }
	# Writes the script of run $1.
	afiliacion_lua() {
		cat > "$var/afiliacion-$1.lua" <<LUA
-- id: the thread's number, set by setup() as a global of the thread.
local n = 0
local cuenta = 0
id = 0
function setup(thread) cuenta = cuenta + 1; thread:set("id", cuenta) end
function init(args) n = 0 end
function request()
	n = n + 1
	local r = {}
	for i = 1, 100 do
		r[i] = string.format('{"radicado":"B$1-%d-%d-%d","tipoDocumento":"CC","numeroDocumento":"1032456789",'
			.. '"primerNombre":"María","primerApellido":"Pérez","fechaNacimiento":"1990-05-17","sexo":"F",'
			.. '"tipoNovedad":"TRASLADO","codigoAdministradoraOrigen":"25-14","codigoAdministradoraDestino":"230301",'
			.. '"fechaSolicitud":"$hoy","fechaEfectividad":"$hoy"}', id, n, i)
	end
	return wrk.format("POST", "/ReportarAfiliaciontraslado",
		{ ["Content-Type"] = "application/json", ["Authorization"] = "Bearer $tok" },
		"[" .. table.concat(r, ",") .. "]")
end
LUA
	}
	# Runs wrk with a Lua script ($1) and $2 connections on path $3 of the AP port.
	measure_ap() { wrk_run -c"$2" -s "$1" "$apbase$3"; }
	echo
	printf '%-34s %10s %10s\n' "AP (wrk -t2 -d${secs}s)" "req/s" "p99 ms"
	# As many connections as hashing slots (half the workers): more would get 429 slow_down.
	tconns=$((workers / 2))
	set -- $(measure_ap "$var/token.lua" "$tconns" /token);	t_rps=$1 t_p99=$2
	row "POST /token (-c$tconns)" "$t_rps" "$t_p99"

	# ReportarAfiliaciontraslado against the raw rate of its rows: bench-commits-ap commits
	# the same 100 rows and measurement per call through the portal's own connection.
	ap_commits=${BENCH_AP_COMMITS:-2000}
	asentar
	crudo_ap() {
		"$demo" -v "$var" bench-commits-ap "$ap_commits" |
			sed -n 's/.*: \([0-9]*\) llamadas\/s$/\1/p'
	}
	for k in 1 2; do
		set -- $(crudo_ap);	eval "ra$k=\$1"
		row "  crudo: 100 filas + medición, 1 tx" "$1" "-"
		afiliacion_lua "$k"
		restart_portal
		desde=$(log_lineas)
		set -- $(measure_ap "$var/afiliacion-$k.lua" 8 /ReportarAfiliaciontraslado)
		eval "a$k=\$1 ap99_$k=\$2"
		row "ReportarAfiliaciontraslado (-c8)" "$1" "$2"
		n=$(awk '/requests in/ { print $1 }' "$var/wrk.out")
		restart_portal
		resumen_esperas "$n" $(esperas "$desde")
	done
	awk -v a1="$a1" -v a2="$a2" -v r1="$ra1" -v r2="$ra2" 'BEGIN {
		printf "ratio ReportarAfiliaciontraslado/crudo: %.0f/%.0f = %.2f, %.0f/%.0f = %.2f; en conjunto %.2f\n",
		    a1, r1, a1 / r1, a2, r2, a2 / r2, (a1 + a2) / (r1 + r2)
		printf "ReportarAfiliaciontraslado: %.0f registros/s (100 por llamada)\n", (a1 + a2) / 2 * 100 }'
	echo "p99 target: <= 50 ms a 8 conexiones"
	n=$(consulta "SELECT count(*) FROM ap_afiliacion WHERE radicado NOT LIKE 'BC%'")
	d=$(consulta "SELECT count(*) - 2 * $ap_commits FROM ap_medicion WHERE servicio = 'ReportarAfiliaciontraslado' AND aceptados = 100")
	echo "registros guardados por wrk: $n (de $d llamadas completas; ninguno repetido)"
fi

# MIPRES Suministro (main port). The database first gets BENCH_MIPRES_LINEAS direccionamiento
# lines (1,000,000) of the demo EPS over the last 365 days to 8 dispensers, in one transaction
# (portal-demo seed-mipres; earlier days' lines directed, programmed or delivered by thirds), and
# for each PUT run BENCH_MIPRES_ENTREGAS more (BENCH_SECONDS x 6,000) programmed today for
# 901500013.
# PostgreSQL (issue 14 §4), after SQLite's parts: the part pg runs this script again on its
# own cluster (the queue's pages and MIPRES, as above), then the part hosts two hosts
# against one (tests/bench/hosts.sh). Each has its own VAR, portal and nginx.
postgresql() {
	if parte pg; then
		echo
		echo "=== PostgreSQL (BENCH_PARTES=pg): las mismas páginas y MIPRES en un clúster propio ==="
		BENCH_MOTOR=postgresql BENCH_PARTES="paginas mipres" BENCH_ESCALA=0 BENCH_SOLO_COLA=0 \
			BENCH_PORT=$((port + 20)) BENCH_MIPRES_LINEAS="${BENCH_PG_LINEAS:-1000000}" \
			BENCH_MIPRES_COMMITS="${BENCH_PG_COMMITS:-2000}" \
			BENCH_MIPRES_ENTREGAS="${BENCH_PG_ENTREGAS:-$((secs * 1000))}" sh "$0"
	fi
	if parte hosts; then
		# Two hosts against one, on PostgreSQL: its own cluster, hosts and nginx.
		echo
		BENCH_PORT=$((port + 10)) sh "$root/tests/bench/hosts.sh"
	fi
}
if ! parte mipres; then
	postgresql
	exit 0
fi
mp_lineas=${BENCH_MIPRES_LINEAS:-1000000}
mp_entregas=${BENCH_MIPRES_ENTREGAS:-$((secs * 6000))}
mp_commits=${BENCH_MIPRES_COMMITS:-20000}
mp_conns=${BENCH_MIPRES_CONNECTIONS:-8}
prov=901500013
# The engine's name in the ratios; PostgreSQL has no FULL run (its commits are synced
# already: synchronous_commit on), so two loads of programmed lines instead of three.
if [ "$motor" = postgresql ]; then nombre=PostgreSQL cargas="1 2"; else nombre=SQLite cargas="1 2 3"; fi
echo
echo "MIPRES: cargando $mp_lineas líneas de direccionamiento (carga: $(cut -d' ' -f1-3 /proc/loadavg))..."
"$demo" -v "$var" seed-mipres "$mp_lineas" 365 8
# The lines of PUT run $1: "first last" into rango_$1.
cargar() {
	carga=$("$demo" -v "$var" seed-mipres "$mp_entregas")
	echo "$carga"
	set -- "$1" $(echo "$carga" | sed -n 's/.*(ID \([0-9]*\) a \([0-9]*\)).*/\1 \2/p')
	[ $# -eq 3 ] || { echo "bench: seed-mipres no dijo sus ID" >&2; exit 1; }
	eval "rango_$1=\"$2 $3\""
}
for k in $cargas; do cargar $k; done
user=$("$portal" -v "$var" mipres-token "$prov")
tmp=$(curl -ks "$base/WSSUMMIPRESNOPBS/api/GenerarToken/$prov/$user" | sed -n 's/^"\(.*\)"$/\1/p')
[ -n "$tmp" ] || { echo "bench: sin token temporal MIPRES" >&2; exit 1; }

# The raw rate: the same entrega's UPDATE and INSERT, one transaction each, through the
# portal's own database connection (db_open) on the same file, with nothing around them.
# Prints commits/s; the environment given as arguments.
crudo() {
	env "$@" "$demo" -v "$var" bench-commits "$mp_commits" |
		sed -n 's/.*: \([0-9]*\) commits\/s$/\1/p'
}

# PUT Entrega on the lines "first last" ($1 $2) (tests/bench/entrega.lua: thread t of T sends the lines first + t,
# + t + T, ...: each a different line, each a real entrega; done() prints how many requests
# the threads made). Checks that the entregas created lie between wrk's 2xx answers and the
# requests sent. Prints "2xx/s p99(ms) 2xx non-2xx". On PostgreSQL a PUT may answer 503
# (its transaction failed to serialize more times than the portal runs it again): counted;
# on SQLite any answer but 2xx stops the bench.
put_entrega() {
	wrk -t2 -c"$mp_conns" -d"${secs}s" --latency -s "$root/tests/bench/entrega.lua" "$base" \
		-- "$1" "$prov" "$tmp" "$hoy" > "$var/wrk.out"
	sleep 1	# the requests in flight when wrk stopped finish
	set -- "$1" "$2" $(awk '/requests in/ { total = $1 }
		/Non-2xx/ { bad = $NF }
		/^enviadas/ { sent = $2 }
		END { printf "%d %d %d\n", total - bad, bad, sent }' "$var/wrk.out") $(cifras)
	ok=$3 bad=$4 sent=$5
	if [ "$sent" -gt $(($2 - $1 + 1)) ]; then
		echo "bench: faltaron líneas programadas: suba BENCH_MIPRES_ENTREGAS" >&2
		kill -TERM $$
		exit 1
	fi
	creadas=$(consulta "SELECT count(*) FROM mipres_paso WHERE tipo = 'E' AND estado = 1 AND linea_id BETWEEN $1 AND $2")
	malas=$bad
	[ "$motor" = postgresql ] && malas=0
	if [ "$malas" -ne 0 ] || [ "$creadas" -lt "$ok" ] || [ "$creadas" -gt "$sent" ]; then
		echo "bench: PUT Entrega: $ok respuestas 2xx, $bad no 2xx, $creadas entregas creadas, $sent enviadas" >&2
		cat "$var/wrk.out" >&2
		kill -TERM $$
		exit 1
	fi
	awk -v r="$6" -v ok="$ok" -v bad="$bad" -v p="$7" \
		'BEGIN { printf "%.0f %s %d %d\n", (ok + bad > 0 ? r * ok / (ok + bad) : 0), p, ok, bad }'
}

# From a settled disk: raw, PUT, raw, PUT; each PUT run on a fresh start of the portal, so
# the workers' lines in portal.log (their waits) are that run's alone.
asentar
echo
printf '%-34s %10s %10s\n' "MIPRES (wrk -t2 -d${secs}s)" "req/s" "p99 ms"
for k in 1 2; do
	r=$(crudo);	eval "r$k=\$r"
	row "  crudo: UPDATE + INSERT, 1 tx" "$r" "-"
	restart_portal
	desde=$(log_lineas)
	set -- $(eval "put_entrega \$rango_$k")
	eval "e$k=\$1 ep99_$k=\$2"
	row "PUT Entrega (-c$mp_conns)" "$1" "$2"
	n=$3
	restart_portal
	if [ "$motor" = postgresql ]; then
		echo "  $3 respuestas 2xx (las req/s son de ellas), $4 no 2xx (503: no se pudo serializar)"
		otra=$(tail -n +$((desde + 1)) "$var/portal.log" | grep -c 'could not be serialized: running it again' || true)
		awk -v o="$otra" -v n="$n" 'BEGIN { printf "  %d corridas de nuevo (%.2f por PUT): la transacción no se pudo serializar\n", o, (n > 0 ? o / n : 0) }'
	else
		resumen_esperas "$n" $(esperas "$desde")
	fi
done
awk -v e1="$e1" -v e2="$e2" -v r1="$r1" -v r2="$r2" -v m="$nombre" 'BEGIN {
	printf "ratio PUT Entrega/commits %s: %.0f/%.0f = %.2f, %.0f/%.0f = %.2f; en conjunto %.2f (target >= 0.5)\n",
	    m, e1, r1, e1 / r1, e2, r2, e2 / r2, (e1 + e2) / (r1 + r2) }'
echo "p99 target: <= 20 ms a $mp_conns conexiones"

# The same with every commit synced (PORTAL_SINCRONO=FULL), raw then PUT, from a settled disk.
if [ "$motor" = sqlite ]; then
	asentar
	r=$(crudo PORTAL_SINCRONO=FULL);	rf=$r
	row "  crudo, FULL" "$r" "-"
	restart_portal PORTAL_SINCRONO=FULL
	grep -q 'db: synchronous=FULL' "$var/portal.log" || { echo "bench: FULL no se aplicó" >&2; exit 1; }
	desde=$(log_lineas)
	set -- $(put_entrega $rango_3)
	ef=$1
	row "PUT Entrega, FULL (-c$mp_conns)" "$1" "$2"
	n=$3
	restart_portal
	resumen_esperas "$n" $(esperas "$desde")
	awk -v e="$ef" -v r="$rf" -v n="$e1" -v m="$e2" 'BEGIN {
		printf "FULL: PUT Entrega/commits SQLite %.0f/%.0f = %.2f; PUT Entrega FULL/NORMAL %.2f\n",
		    e, r, e / r, e / ((n + m) / 2) }'
fi

# EntregaXFecha of the provider for a day a week ago, among the 1,000,000 lines.
dia=$(TZ=America/Bogota date -d '7 days ago' +%F)
xfecha="$base/WSSUMMIPRESNOPBS/api/EntregaXFecha/$prov/$tmp/$dia"
filas=$(curl -ks "$xfecha" | grep -o '"IDEntrega":' | wc -l)
set -- $(measure "$xfecha");	x_rps=$1 x_p99=$2
row "EntregaXFecha (-c$conns)" "$x_rps" "$x_p99"
echo "EntregaXFecha de $prov el $dia: $filas entregas por respuesta, entre $mp_lineas líneas (p99 target <= 20 ms)"
echo "carga de la máquina: $(cut -d' ' -f1-3 /proc/loadavg)"
postgresql
