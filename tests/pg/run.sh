#!/bin/sh
# PostgreSQL, issue 14's groundwork: a private cluster (db/pg/cluster.sh) in a scratch VAR,
# the PostgreSQL migrations (db/migrations/pg/), the schema they make against the one
# `portal migrate` makes on SQLite, and every statement of the portal prepared on it.
# Prints "ok N - what" / "not ok N - what" lines (tests/run.sh counts them), and keeps in
# tests/out/pg/ the statements' results (preparar.txt) and what differs.
# usage: sh tests/pg/run.sh   (from anywhere; needs build/portal, postgresql, libpq-dev)
set -u
cd "$(dirname "$0")/../.."
out=tests/out/pg
mkdir -p "$out" build/pg
n=0 failed=0
# $1: 0 passed; $2: what.
check() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
var=$(mktemp -d /tmp/portal-pg.XXXXXX)
cluster() { sh db/pg/cluster.sh "$@"; }
trap 'cluster stop "$var" >/dev/null 2>&1; rm -rf "$var"' EXIT INT TERM

# Every SQLite migration has its PostgreSQL twin, by name, and no twin is alone.
ls db/migrations | grep '^[0-9].*\.sql$' > "$out/sqlite.files"
ls db/migrations/pg | grep '^[0-9].*\.sql$' > "$out/pg.files"
diff "$out/sqlite.files" "$out/pg.files" > "$out/files.diff"
check $? "every migration of db/migrations/ has its twin in db/migrations/pg/ ($(wc -l < "$out/pg.files") files)"

# The cluster starts (a new one: initdb), then starts again reusing it.
t0=$(date +%s%N)
cluster start "$var" > "$out/start.log" 2>&1
rc=$?
t1=$(date +%s%N)
check $rc "a new cluster starts in $(( (t1 - t0) / 1000000 )) ms"
cluster stop "$var" >> "$out/start.log" 2>&1 && cluster start "$var" >> "$out/start.log" 2>&1
rc=$?
t2=$(date +%s%N)
check $rc "stopped, it starts again reusing its files in $(( (t2 - t1) / 1000000 )) ms"
url=$(cluster url "$var")
last=$(tail -n 1 "$out/pg.files" | sed 's/^0*\([0-9][0-9]*\).*/\1/')
cluster migrate "$var" > "$out/migrate.log" 2>&1 &&
	[ "$(cluster psql "$var" -Atc 'SELECT n FROM migracion.version')" = "$last" ]
check $? "the PostgreSQL migrations apply, up to $last (tests/out/pg/migrate.log)"
cluster migrate "$var" >> "$out/migrate.log" 2>&1
check $? "migrating again applies nothing and succeeds"

# The engine (cgi/core/db_pg.c) through cgi/core/db.h on that database: text, integers,
# NULL, blobs, booleans, constraints, a serialization failure between two connections
# reported as DB_RETRY and retried by db_tx_run (tests/unit/core/test_db_pg.c; skipped in
# the unit suite, which has no PORTAL_DB).
make -s -f tests/unit/unit.mk build/unit/core/test_db_pg > "$out/motor.log" 2>&1 &&
	PORTAL_DB=$url build/unit/core/test_db_pg >> "$out/motor.log" 2>&1 &&
	! grep -q SKIPPED "$out/motor.log"
check $? "the PostgreSQL engine passes tests/unit/core/test_db_pg.c ($(grep -c '^\[       OK' "$out/motor.log") tests; tests/out/pg/motor.log)"

# The portal itself on PostgreSQL: `portal migrate` migrates a new database (portal2) up to
# the same version, then `portal entidad-add` writes through the engine.
url2=$(echo "$url" | sed 's|/portal?|/portal2?|')
pg2() { cluster psql "$var" -d portal2 -Atc "$1"; }
cluster psql "$var" -qc "CREATE DATABASE portal2" > "$out/portal.log" 2>&1 &&
	PORTAL_DB=$url2 build/portal -v "$var/portal2" migrate >> "$out/portal.log" 2>&1 &&
	PORTAL_DB=$url2 build/portal -v "$var/portal2" entidad-add 900000019 IPS "Clínica Ñ" \
	>> "$out/portal.log" 2>&1 &&
	[ "$(pg2 'SELECT n FROM migracion.version')" = "$last" ] &&
	[ "$(pg2 "SELECT razon_social FROM entidad WHERE nit = '900000019'")" = "Clínica Ñ" ]
check $? "portal migrate makes a new PostgreSQL database up to $last; portal entidad-add writes to it (PORTAL_DB; tests/out/pg/portal.log)"

# The schema, against SQLite's. Not compared: SQLite's FTS5 table entidad_busqueda (with
# its shadow tables and triggers), which PostgreSQL has as a GIN index of that name on
# entidad; SQLite's index correo_en_claro (bodies from before 016, which PostgreSQL never
# had). Columns are compared in order, per table, with their type (INTEGER, TEXT, BLOB ->
# bigint, text, bytea) and whether they take NULL (a primary key's column does not).
build/portal -v "$var/sqlite" migrate > "$out/sqlite-migrate.log" 2>&1
lite() { sqlite3 "$var/sqlite/portal.db" "$1"; }
pgq() { cluster psql "$var" -Atc "$1"; }
lite "SELECT m.name || ' ' || p.name || ' ' || CASE upper(p.type) WHEN 'INTEGER' THEN 'bigint'
	WHEN 'TEXT' THEN 'text' WHEN 'BLOB' THEN 'bytea' ELSE p.type END || ' ' ||
	CASE WHEN p.\"notnull\" OR p.pk > 0 THEN 'NO' ELSE 'YES' END
	FROM sqlite_schema m, pragma_table_info(m.name) p
	WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
	AND m.name NOT LIKE 'entidad\_busqueda%' ESCAPE '\' ORDER BY m.name, p.cid" \
	> "$out/sqlite.columns"
pgq "SELECT table_name || ' ' || column_name || ' ' || data_type || ' ' || is_nullable
	FROM information_schema.columns
	WHERE table_schema = 'public' ORDER BY table_name::text COLLATE \"C\", ordinal_position" \
	> "$out/pg.columns"
diff "$out/sqlite.columns" "$out/pg.columns" > "$out/columns.diff"
check $? "same tables and columns, in order, types and NULLs alike ($(cut -d' ' -f1 "$out/pg.columns" | uniq | wc -l) tables, $(wc -l < "$out/pg.columns") columns; tests/out/pg/columns.diff)"
lite "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
	AND name <> 'correo_en_claro' UNION SELECT 'entidad_busqueda' ORDER BY 1" \
	> "$out/sqlite.indexes"
pgq "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
	JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'public'
	AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = i.indexrelid
	AND k.contype IN ('p', 'u')) ORDER BY c.relname::text COLLATE \"C\"" > "$out/pg.indexes"
diff "$out/sqlite.indexes" "$out/pg.indexes" > "$out/indexes.diff"
check $? "same indexes by name ($(wc -l < "$out/pg.indexes"); tests/out/pg/indexes.diff)"
lite "SELECT name FROM sqlite_schema WHERE type = 'trigger'
	AND name NOT LIKE 'entidad\_busqueda%' ESCAPE '\' ORDER BY 1" > "$out/sqlite.triggers"
pgq "SELECT DISTINCT tgname::text FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1" \
	> "$out/pg.triggers"
diff "$out/sqlite.triggers" "$out/pg.triggers" > "$out/triggers.diff"
check $? "same triggers by name ($(wc -l < "$out/pg.triggers"); tests/out/pg/triggers.diff)"

# The same writes give the same rows (triggers, constraints, the NOCASE login).
sqlite3 "$var/sqlite/portal.db" < tests/pg/filas.sql > "$out/filas.sqlite" 2> "$out/filas.sqlite.err"
cluster psql "$var" -q -A -t -f tests/pg/filas.sql > "$out/filas.pg" 2> "$out/filas.pg.err"
diff "$out/filas.sqlite" "$out/filas.pg" > "$out/filas.diff"
check $? "tests/pg/filas.sql reads the same rows on both engines (tests/out/pg/filas.diff)"

# Every statement, prepared on PostgreSQL. Those that do not prepare yet are listed, with
# the cause, in db/pg/sentencias_por_adaptar.txt: they need a PostgreSQL variant (issue 14's
# next step). The check fails when the list and the result differ either way: a new
# statement that does not prepare, or a listed one that now does (take it off the list).
cc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Icgi -I"$(pg_config --includedir)" \
	-o build/pg/preparar tests/pg/preparar.c cgi/sql.c cgi/*/sql.c cgi/core/sql_pg.c \
	cgi/core/db_pg.c cgi/core/arena.c -lpq 2> "$out/preparar.build"
check $? "tests/pg/preparar.c builds"
# The statements' names, in enum order (cgi/core/sql.h).
sed -n '/^enum stmt {/,/ST__MAX/p' cgi/core/sql.h | sed -n 's/^[[:space:]]*\(ST_[A-Z0-9_]*\),.*/\1/p' \
	| grep -v '^ST__MAX' > "$out/names"
build/pg/preparar "$url" > "$out/preparar.raw"
check $? "preparar connects and runs"
awk -F'\t' 'NR == FNR { name[FNR - 1] = $1; next }
	{ printf "%s\t%s", $1, name[$2]; if ($1 == "fail") printf "\t%s\t%s", $3, $4;
	  else if ($3 > 0) printf "\t%s boolean column(s)", $3; print "" }' \
	"$out/names" "$out/preparar.raw" > "$out/preparar.txt"
total=$(wc -l < "$out/preparar.txt")
bien=$(grep -c '^ok' "$out/preparar.txt")
grep '^fail' "$out/preparar.txt" | cut -f2 | LC_ALL=C sort > "$out/fail.names"
grep -v '^#' db/pg/sentencias_por_adaptar.txt | cut -f1 | grep . | LC_ALL=C sort \
	> "$out/listed.names"
diff "$out/listed.names" "$out/fail.names" > "$out/por_adaptar.diff"
check $? "$bien of $total statements prepare on PostgreSQL; the other $((total - bien)) are those of db/pg/sentencias_por_adaptar.txt (tests/out/pg/preparar.txt, por_adaptar.diff)"
[ "$failed" = 0 ]
