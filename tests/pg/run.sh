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

# portal -d URL is PORTAL_DB=URL: the same database (its entities counted through the
# portal), and a PORTAL_DB that is no PostgreSQL URL stops every command (exit status 2)
# instead of serving SQLite unnoticed.
d=$(mktemp -d)
nit=9$(date +%s | tail -c 9)
./build/portal -d "$url" -v "$d" entidad-add "$nit" IPS "Clínica por -d" > "$out/opcion_d.log" 2>&1 &&
	[ "$(cluster psql "$var" -Atc "SELECT count(*) FROM entidad WHERE nit = '$nit'")" = 1 ] &&
	! [ -e "$d/portal.db" ]
check $? "portal -d URL writes to PostgreSQL, and no SQLite file appears in var/ (tests/out/pg/opcion_d.log)"
PORTAL_DB="host=/tmp dbname=portal" ./build/portal -v "$d" migrate > "$out/opcion_d_mala.log" 2>&1
rc=$?
[ $rc = 2 ] && grep -q 'debe ser una URL postgresql://' "$out/opcion_d_mala.log" && ! [ -e "$d/portal.db" ]
check $? "PORTAL_DB that is no postgresql:// URL: exit status 2 ($rc), the reason said, nothing created"

# An operator's command whose write cannot be serialized with another's (the server
# writing at the same moment) runs again while nothing of it committed, as a request does:
# here a trigger fails the first two inserts of entities as PostgreSQL does (40001), then
# every one.
q() { cluster psql "$var" -X -q -A -t -v ON_ERROR_STOP=1 -c "$1"; }
q "CREATE SEQUENCE prueba_fallos; CREATE FUNCTION prueba_falla() RETURNS trigger AS \$\$
BEGIN IF nextval('prueba_fallos') <= (SELECT current_setting('prueba.fallos', true)::int) THEN
RAISE EXCEPTION 'prueba' USING ERRCODE = '40001'; END IF; RETURN NEW; END \$\$ LANGUAGE plpgsql;
CREATE TRIGGER prueba_falla BEFORE INSERT ON entidad FOR EACH ROW EXECUTE FUNCTION prueba_falla();
ALTER DATABASE portal SET prueba.fallos = 2" && {
	nit2=$((nit + 1))
	./build/portal -d "$url" -v "$d" entidad-add "$nit2" IPS "Clínica de nuevo" > "$out/de_nuevo.log" 2>&1 &&
		[ "$(grep -c 'se ejecuta de nuevo' "$out/de_nuevo.log")" = 2 ] &&
		[ "$(q "SELECT count(*) FROM entidad WHERE nit = '$nit2'")" = 1 ]
	check $? "a command that fails to serialize twice runs a third time and writes once (tests/out/pg/de_nuevo.log)"
	q "ALTER DATABASE portal SET prueba.fallos = 1000"
	nit3=$((nit + 2))
	! ./build/portal -d "$url" -v "$d" entidad-add "$nit3" IPS "Clínica sin suerte" > "$out/de_nuevo_no.log" 2>&1 &&
		[ "$(grep -c 'se ejecuta de nuevo' "$out/de_nuevo_no.log")" = 4 ] &&
		[ "$(q "SELECT count(*) FROM entidad WHERE nit = '$nit3'")" = 0 ]
	check $? "one that never serializes stops after 5 runs, nothing written (tests/out/pg/de_nuevo_no.log)"
	q "DROP TRIGGER prueba_falla ON entidad; DROP FUNCTION prueba_falla(); DROP SEQUENCE prueba_fallos;
ALTER DATABASE portal RESET prueba.fallos"
}
# user-add reads its password from standard input, once: its transaction runs again within
# the command (db_tx_run) when it fails to serialize. Run again whole, it found its input at
# its end and answered that the password was missing (exit status 1, no user). On a
# database of its own (usuarios), whose users the rows compared below do not expect.
url4=$(echo "$url" | sed 's|/portal?|/usuarios?|')
q4() { cluster psql "$var" -X -q -A -t -v ON_ERROR_STOP=1 -d usuarios -c "$1"; }
cluster psql "$var" -qc "CREATE DATABASE usuarios" > "$out/de_nuevo_usuario.log" 2>&1 &&
	./build/portal -d "$url4" -v "$d" entidad-add "$nit" IPS "Clínica de usuarios" \
	>> "$out/de_nuevo_usuario.log" 2>&1 &&
	q4 "CREATE SEQUENCE prueba_fallos; CREATE FUNCTION prueba_falla() RETURNS trigger AS \$\$
BEGIN IF nextval('prueba_fallos') <= (SELECT current_setting('prueba.fallos', true)::int) THEN
RAISE EXCEPTION 'prueba' USING ERRCODE = '40001'; END IF; RETURN NEW; END \$\$ LANGUAGE plpgsql;
CREATE TRIGGER prueba_falla BEFORE INSERT ON usuario FOR EACH ROW EXECUTE FUNCTION prueba_falla();
ALTER DATABASE usuarios SET prueba.fallos = 1" &&
	printf 'una clave larga del operador\n' | ./build/portal -d "$url4" -v "$d" user-add \
		"ADMINHCEIPS$nit" securityAdmin_IHCE_IPS "$nit" "Ana Prueba" ana.prueba@clinica.example.co \
		>> "$out/de_nuevo_usuario.log" 2>&1 &&
	[ "$(q4 "SELECT count(*) FROM usuario WHERE login = 'ADMINHCEIPS$nit'")" = 1 ] &&
	[ "$(q4 "SELECT count(*) FROM auditoria WHERE accion = 'usuario_creado'")" = 1 ]
check $? "user-add that fails to serialize once creates the user, audited once, its password read once (tests/out/pg/de_nuevo_usuario.log)"
# A command that read its standard input and then failed to serialize is not run again
# whole (it would find its input gone): smtp-set says so, and writes nothing.
q4 "CREATE TRIGGER prueba_falla BEFORE INSERT OR UPDATE ON smtp FOR EACH ROW
EXECUTE FUNCTION prueba_falla(); ALTER DATABASE usuarios SET prueba.fallos = 1000" &&
	! printf 'clave del correo\n' | ./build/portal -d "$url4" -v "$d" smtp-set \
		smtp://correo.example.co:587 portal@example.co usuario > "$out/de_nuevo_smtp.log" 2>&1 &&
	grep -q 'ya leyó su entrada: repítalo' "$out/de_nuevo_smtp.log" &&
	! grep -q 'se ejecuta de nuevo' "$out/de_nuevo_smtp.log" &&
	[ "$(q4 "SELECT count(*) FROM smtp")" = 0 ]
check $? "smtp-set, its password read, fails to serialize: not run again, said so, nothing written (tests/out/pg/de_nuevo_smtp.log)"
rm -rf "$d"

# The engine (cgi/core/db_pg.c) through cgi/core/db.h on that database: text, integers,
# NULL, blobs, booleans, constraints, a serialization failure between two connections
# reported as DB_RETRY and retried by db_tx_run (tests/unit/core/test_db_pg.c; skipped in
# the unit suite, which has no PORTAL_DB).
make -s -f tests/unit/unit.mk build/unit/core/test_db_pg > "$out/motor.log" 2>&1 &&
	PORTAL_DB=$url build/unit/core/test_db_pg >> "$out/motor.log" 2>&1 &&
	! grep -q SKIPPED "$out/motor.log"
check $? "the PostgreSQL engine passes tests/unit/core/test_db_pg.c ($(grep -c '^\[       OK' "$out/motor.log") tests; tests/out/pg/motor.log)"

# The same statements read the same rows on both engines, what preparing them (below)
# cannot see: tests/unit/core/test_db_pg_filas.c writes the same rows through core/db.h to a
# new SQLite database and to a new PostgreSQL one (filas), then runs the same reads, case by
# case (the queue's pages and searches, the expiry warnings, the MIPRES lists, the SAT list's
# LIKE, the upserts), and compares them (tests/out/pg/mismas.<engine>.txt).
url3=$(echo "$url" | sed 's|/portal?|/filas?|')
cluster psql "$var" -qc "CREATE DATABASE filas" > "$out/mismas.log" 2>&1 &&
	make -s -f tests/unit/unit.mk build/unit/core/test_db_pg_filas >> "$out/mismas.log" 2>&1 &&
	PORTAL_DB=$url3 build/unit/core/test_db_pg_filas >> "$out/mismas.log" 2>&1 &&
	! grep -q SKIPPED "$out/mismas.log"
check $? "the same statements read the same rows on both engines ($(grep -c '^== ' "$out/mismas.sqlite.txt" 2>/dev/null) cases; tests/unit/core/test_db_pg_filas.c, tests/out/pg/mismas.log)"

# The audit chain on PostgreSQL (tests/unit/core/test_cadena_pg.c) on a new database,
# cadena: db_migrate seals the anchor; the macs equal SQLite's for the same rows and key;
# rows from before the chain get chained; two connections appending at once leave one
# chain; the anchor moves; a row changed, removed or inserted by SQL is named.
urlc=$(echo "$url" | sed 's|/portal?|/cadena?|')
cluster psql "$var" -qc "CREATE DATABASE cadena" > "$out/cadena.log" 2>&1 &&
	make -s -f tests/unit/unit.mk build/unit/core/test_cadena_pg >> "$out/cadena.log" 2>&1 &&
	PORTAL_DB=$urlc build/unit/core/test_cadena_pg >> "$out/cadena.log" 2>&1 &&
	! grep -q SKIPPED "$out/cadena.log"
check $? "the audit chain on PostgreSQL passes tests/unit/core/test_cadena_pg.c ($(grep -c '^\[       OK' "$out/cadena.log") tests; $(grep -o '[0-9]* audit rows from 2 connections at once in [0-9.]* s' "$out/cadena.log"); tests/out/pg/cadena.log)"

# The AP rollups give the same rows on both engines (tests/unit/ap/test_resumen_pg.c, on a
# new database resumen): the same measurements and rollup rows merged by ap_hist_unir, C on
# SQLite and PL/pgSQL on PostgreSQL (pg/023_ap_hist_unir.sql), read back the same.
urlr=$(echo "$url" | sed 's|/portal?|/resumen?|')
cluster psql "$var" -qc "CREATE DATABASE resumen" > "$out/resumen.log" 2>&1 &&
	make -s -f tests/unit/unit.mk build/unit/ap/test_resumen_pg >> "$out/resumen.log" 2>&1 &&
	PORTAL_DB=$urlr build/unit/ap/test_resumen_pg >> "$out/resumen.log" 2>&1 &&
	! grep -q SKIPPED "$out/resumen.log"
check $? "the AP rollups read the same on both engines ($(grep -o '[0-9]* rollup rows' "$out/resumen.log"), histograms byte for byte; tests/unit/ap/test_resumen_pg.c, tests/out/pg/resumen.log)"

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

# portal backup and restore on PostgreSQL (cgi/core/db_respaldo_pg.c): pg_dump's custom
# format of the database filas.sql wrote, then pg_restore into a new database (portal3):
# every table holds the same rows (each table's rows as text, sorted, hashed) and every
# sequence the same value; the restored database takes new writes. Refused: an existing
# FILE, a database that is not empty, a dump cut short, a newer version, a SQLite backup.
portal_pg() { db=$1; shift; PORTAL_DB=$(echo "$url" | sed "s|/portal?|/$db?|") build/portal -v "$var/v-$db" "$@"; }
filas_de() {
	cluster psql "$var" -d "$1" -Atc "SELECT format('SELECT %L, count(*), md5(coalesce(string_agg(t::text, E''\\n'' ORDER BY t::text), '''')) FROM %I.%I t;', n.nspname || '.' || c.relname, n.nspname, c.relname)
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE c.relkind = 'r' AND n.nspname IN ('public', 'migracion') ORDER BY 1" |
		cluster psql "$var" -d "$1" -At -F' ' -f -
	cluster psql "$var" -d "$1" -At -F' ' -c "SELECT schemaname || '.' || sequencename, last_value FROM pg_sequences
		WHERE schemaname IN ('public', 'migracion') ORDER BY 1"
}
respaldo=$var/respaldo.dump
# The rows before the backup: the dump's; the backup then audits itself (a row after them).
filas_de portal > "$out/respaldo.antes"
portal_pg portal backup "$respaldo" > "$out/respaldo.log" 2>&1 &&
	grep -q "^respaldo: $respaldo (PostgreSQL, pg_dump en formato custom), versión de migración $last, [0-9,]* MiB en [0-9,]* s\. La llave secret\.key no va en el respaldo" "$out/respaldo.log" &&
	[ "$(stat -c %a "$respaldo")" = 600 ] && [ ! -e "$respaldo.parcial" ] &&
	[ "$(head -c 5 "$respaldo")" = PGDMP ]
check $? "portal backup on PostgreSQL: pg_dump -Fc, mode 0600, migration $last, $(stat -c %s "$respaldo" 2>/dev/null) bytes (tests/out/pg/respaldo.log)"
cp "$respaldo" "$var/antes.dump"
! portal_pg portal backup "$respaldo" >> "$out/respaldo.log" 2>&1 && cmp -s "$respaldo" "$var/antes.dump" &&
	grep -q 'ya existe: un respaldo nunca sobrescribe otro' "$out/respaldo.log"
check $? "portal backup refuses an existing FILE and leaves it as it was"
cluster psql "$var" -qc "CREATE DATABASE portal3" -c "CREATE DATABASE portal4" >> "$out/respaldo.log" 2>&1
portal_pg portal3 restore "$respaldo" >> "$out/respaldo.log" 2>&1 &&
	grep -q "^restaurado: base de datos PostgreSQL portal3 desde $respaldo (versión de migración $last" "$out/respaldo.log"
check $? "portal restore fills a new database (portal3) from it"
# pg_restore leaves no planner statistics: the restore gathers them (ANALYZE).
[ "$(cluster psql "$var" -d portal3 -Atc "SELECT count(*) FROM pg_stat_user_tables WHERE relname IN ('solicitud', 'entidad', 'mipres_paso') AND last_analyze IS NOT NULL")" = 3 ] &&
	grep -q "estadísticas del planificador reunidas con ANALYZE" "$out/respaldo.log"
check $? "portal restore leaves the planner's statistics gathered (ANALYZE): solicitud, entidad, mipres_paso analyzed"
filas_de portal3 > "$out/respaldo.despues"
diff "$out/respaldo.antes" "$out/respaldo.despues" > "$out/respaldo.diff" &&
	[ "$(awk '$2 > 0' "$out/respaldo.antes" | wc -l)" -ge 5 ] &&
	[ "$(cluster psql "$var" -Atc "SELECT accion FROM auditoria ORDER BY id DESC LIMIT 1")" = respaldo ]
check $? "the restored database has the same rows in every table and the same sequences as before the backup, which then audited itself ($(grep -c . "$out/respaldo.antes") tables and sequences, $(awk '$2 > 0' "$out/respaldo.antes" | wc -l) not empty; tests/out/pg/respaldo.diff)"
portal_pg portal3 entidad-add 900000027 IPS "Clínica Restaurada" >> "$out/respaldo.log" 2>&1 &&
	[ "$(cluster psql "$var" -d portal3 -Atc "SELECT id > (SELECT max(id) FROM entidad WHERE nit <> '900000027') FROM entidad WHERE nit = '900000027'")" = t ]
check $? "the restored database takes a new write, its id after the restored ones"
# As the README sets it up: the portal's user owns its database and is no superuser; the
# restore (pg_trgm, a trusted extension, and the ICU collation) still succeeds.
cluster psql "$var" -qc "CREATE ROLE dueno LOGIN" -c "CREATE DATABASE portal5 OWNER dueno" >> "$out/respaldo.log" 2>&1 &&
	PORTAL_DB=$(echo "$url" | sed 's|portal@/portal?|dueno@/portal5?|') build/portal -v "$var/v-portal5" restore "$respaldo" >> "$out/respaldo.log" 2>&1 &&
	[ "$(cluster psql "$var" -d portal5 -Atc "SELECT extowner::regrole FROM pg_extension WHERE extname = 'pg_trgm'")" = dueno ]
check $? "portal restore as the database's owner, not a superuser (pg_trgm owned by it)"
# Refusals: each leaves portal4 empty.
vacia4() { [ "$(cluster psql "$var" -d portal4 -Atc "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('public', 'migracion')")" = 0 ]; }
! portal_pg portal3 restore "$respaldo" > "$out/rechazo.log" 2>&1 &&
	grep -q '^La base de datos portal3 no está vacía (tiene ' "$out/rechazo.log"
check $? "portal restore refuses a database that is not empty"
head -c $(($(stat -c %s "$respaldo") * 2 / 3)) "$respaldo" > "$var/cortado.dump"
! portal_pg portal4 restore "$var/cortado.dump" >> "$out/rechazo.log" 2>&1 &&
	grep -q 'cortado.dump está dañado (pg_restore no lo lee entero); no se restauró nada' "$out/rechazo.log" && vacia4
check $? "portal restore refuses a dump cut short, writing nothing"
cluster psql "$var" -d portal3 -qc "UPDATE migracion.version SET n = n + 1" &&
	pg_dump -Fc -f "$var/nueva.dump" "$(echo "$url" | sed 's|/portal?|/portal3?|')" &&
	! portal_pg portal4 restore "$var/nueva.dump" >> "$out/rechazo.log" 2>&1 &&
	grep -q "es de una versión más nueva del portal (migración $((last + 1)); este programa llega a la $last)" "$out/rechazo.log" && vacia4
check $? "portal restore refuses a dump of a newer migration, writing nothing"
! portal_pg portal4 restore "$var/sqlite/portal.db" >> "$out/rechazo.log" 2>&1 &&
	grep -q 'es un respaldo SQLite, y PORTAL_DB elige PostgreSQL' "$out/rechazo.log" && vacia4
check $? "portal restore with PORTAL_DB refuses a SQLite backup (tests/out/pg/rechazo.log)"

# The daily timer's script on PostgreSQL: a pg_dump named portal-AAAAMMDDTHHMMSSZ.dump, the
# newest N of .db and .dump kept.
cop=$var/copias
mkdir -p "$cop" && touch "$cop/portal-20200101T000000Z.db" "$cop/portal-20210101T000000Z.dump"
PORTAL_DB=$url PORTAL=build/portal PORTAL_ROOT=. PORTAL_VAR="$var/v-portal" \
	sh systemd/portal-respaldo.sh "$cop" 2 >> "$out/respaldo.log" 2>&1 &&
	[ "$(ls "$cop" | tr '\n' ' ')" = "portal-20210101T000000Z.dump $(ls "$cop" | grep '^portal-20[0-9]*T[0-9]*Z\.dump$' | tail -n 1) " ] &&
	[ "$(head -c 5 "$cop/$(ls "$cop" | tail -n 1)")" = PGDMP ]
check $? "systemd/portal-respaldo.sh with PORTAL_DB: a pg_dump .dump, the newest 2 kept ($(ls "$cop" | tr '\n' ' '))"

# Every statement, prepared on PostgreSQL. Those that do not prepare yet are listed, with
# the cause, in db/pg/sentencias_por_adaptar.txt: they need a PostgreSQL variant (issue 14's
# next step). The check fails when the list and the result differ either way: a new
# statement that does not prepare, or a listed one that now does (take it off the list).
cc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Icgi -I"$(pg_config --includedir)" \
	-o build/pg/preparar tests/pg/preparar.c cgi/sql.c cgi/*/sql.c cgi/core/sql_pg.c \
	cgi/core/db_pg.c cgi/core/arena.c cgi/core/archivo.c -lpq 2> "$out/preparar.build"
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
# Every statement of the enum has its line: none prepared (preparar did not run) is a failure.
diff "$out/listed.names" "$out/fail.names" > "$out/por_adaptar.diff" &&
	[ "$total" -eq "$(wc -l < "$out/names")" ] && [ "$total" -gt 0 ]
check $? "$bien of $total statements prepare on PostgreSQL; the other $((total - bien)) are those of db/pg/sentencias_por_adaptar.txt (tests/out/pg/preparar.txt, por_adaptar.diff)"

# Several hosts (issue 14 §3): two `portal serve` on one database behind one nginx upstream
# (tests/pg/hosts.test.js, its own cluster); one line per test, named as node names it.
node --test --test-reporter=tap tests/pg/hosts.test.js > "$out/hosts.log" 2>&1
rc=$?
grep -E '^(not )?ok ' "$out/hosts.log" | sed 's/^\(not \)\{0,1\}ok [0-9]* - //' > "$out/hosts.names"
grep -E '^(not )?ok ' "$out/hosts.log" | cut -c1 > "$out/hosts.results"
i=0
while read -r nombre; do
	i=$((i + 1))
	[ "$(sed -n "${i}p" "$out/hosts.results")" = o ]
	check $? "several hosts: $nombre (tests/out/pg/hosts.log)"
done < "$out/hosts.names"
[ "$i" -gt 0 ] || check 1 "several hosts: tests/pg/hosts.test.js ran (exit status $rc; tests/out/pg/hosts.log)"
[ "$i" = 0 ] || [ "$rc" = 0 ] || grep -q "^not ok" "$out/hosts.log" || check 1 "several hosts: tests/pg/hosts.test.js exited $rc (tests/out/pg/hosts.log)"
[ "$failed" = 0 ]
