/*
 * The audit chain (cgi/core/cadena.c) on PostgreSQL, through cgi/core/db.h, on a new database
 * PORTAL_DB names (tests/pg/run.sh creates one; without it every test is skipped, as in
 * the unit suite): db_migrate seals the anchor; rows written there carry the macs SQLite
 * gives the same rows with the same key; the rows of an older database are chained; two
 * connections appending at once leave one chain that verifies; the anchor moves; a row
 * changed, removed or inserted behind the portal's back is named by its id.
 * The tests run in order, each on what the one before left. Run again on the same
 * database, they start from the chain a new one has (test_migrar_sella puts it back).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>
#include <sodium.h>

#include "ap/ap.h"
#include "core/cadena.h"
#include "core/db.h"
#include "core/db_pg.h"
#include "core/secret.h"
#include "core/sql.h"
#include "support.h"

/* Rows each of the two connections appends at once. */
#define POR_CONEXION	150

static char *url;	/* PORTAL_DB */
static unsigned char llave[SECRET_KEYLEN];	/* this run's secrets key */
/* The SQL functions SQLite's migrations call (021: ap_hist), as the wiring gives them. */
static const db_funciones_fn funciones_sql[] = { ap_resumen_funciones };

static int
abrir(void **state)
{
	(void)state;
	if (!db_pg_url(getenv("PORTAL_DB")))
		return 0;
	url = strdup(getenv("PORTAL_DB"));
	randombytes_buf(llave, sizeof(llave));
	secret_setkey(llave);
	db_funciones(funciones_sql, sizeof(funciones_sql) / sizeof(funciones_sql[0]));
	return pg_setup(state);
}

static int
cerrar(void **state)
{
	free(url);
	return pg_teardown(state);
}

/* Row i of the rows both engines get: every kind of field, NULLs, text that is not ASCII. */
static int
fila(int i)
{
	char detalle[64];

	snprintf(detalle, sizeof(detalle), "acción %d: ñandú «%d»", i, i * 7);
	if (i % 3 == 0)
		return db_exec(ST_AUDIT_INSERT, "iitnnttt", 1700000000LL + i, (long long)i,
		    "CC1010202030", "10.0.0.1", "login.fallo", i % 2 ? "" : NULL);
	return db_exec(ST_AUDIT_INSERT, "iittittt", 1700000000LL + i, (long long)i,
	    "CC1010202030", "Rol_IHCE_MSPS", 3LL + i, "127.0.0.1", "ihce.solicitar", detalle);
}

/* The hex of every row's mac, in id order, into out (n bytes). */
static void
macs(char *out, size_t n)
{
	struct db_stmt *st = db_stmt(ST_AUDITORIA_CADENA, "ii", 0LL, 1000LL);
	char hex[2 * CADENA_MAC + 1];
	size_t len = 0;

	assert_non_null(st);
	out[0] = '\0';
	while (db_step(st) == DB_ROW) {
		assert_int_equal(db_col_bytes(st, 9), CADENA_MAC);
		sodium_bin2hex(hex, sizeof(hex), db_col_blob(st, 9), CADENA_MAC);
		len += (size_t)snprintf(out + len, n - len, "%lld %s\n", db_col_int64(st, 0), hex);
		assert_true(len < n);
	}
	db_reset(st);
}

/* The chain verifies, with filas rows after anchor ancla. */
static void
verifica(long long filas, long long ancla)
{
	struct cadena_informe inf;

	assert_int_equal(cadena_verify(&inf), 0);
	assert_int_equal(inf.estado, CADENA_OK);
	assert_int_equal(inf.filas, filas);
	assert_int_equal(inf.ancla, ancla);
	assert_int_equal(inf.ultima, ancla + filas);
	assert_false(db_in_transaction());
}

/* The chain does not verify: estado at row fila. */
static void
falla(enum cadena_estado estado, long long fila)
{
	struct cadena_informe inf;

	assert_int_equal(cadena_verify(&inf), 1);
	assert_int_equal(inf.estado, estado);
	assert_int_equal(inf.fila, fila);
}

/* db_migrate applies the migrations and seals the anchor: an empty chain verifies. A
 * database an earlier run used (sealed with that run's key, its rows, test_alterada's table)
 * first gets the chain a new one has: no rows, the anchor at 0, unsealed. */
static void
test_migrar_sella(void **state)
{
	(void)state;
	PG_OR_SKIP();
	pg_run("DO $$ BEGIN IF to_regclass('auditoria_ancla') IS NOT NULL THEN "
	    "ALTER TABLE auditoria DISABLE TRIGGER USER; DELETE FROM auditoria; "
	    "ALTER TABLE auditoria ENABLE TRIGGER USER; "
	    "ALTER TABLE auditoria_ancla DISABLE TRIGGER USER; "
	    "UPDATE auditoria_ancla SET hasta = 0, mac = decode(repeat('00', 32), 'hex'), "
	    "sello = NULL, movida = NULL; ALTER TABLE auditoria_ancla ENABLE TRIGGER USER; "
	    "END IF; END $$; DROP TABLE IF EXISTS guardada");
	quiet(1);
	assert_int_equal(db_migrate(PORTAL_ROOT "/db/migrations"), 0);
	quiet(0);
	assert_int_equal(db_int(ST_AUDITORIA_SIN_SELLO, -1, ""), 0);
	assert_int_equal(db_int(ST_AUDITORIA_TIENE_MAC, -1, ""), 1);
	verifica(0, 0);
	/* Sealed: no row changes any more, the anchor does not go back. */
	assert_int_equal(pg_number("SELECT count(*) FROM auditoria_ancla WHERE sello IS NOT NULL"), 1);
}

/* The same rows get the same ids and macs on both engines with the same key: outside a
 * transaction and inside one, with NULLs and an empty text. */
static void
test_mismos_macs(void **state)
{
	static const char *const archivos[] = {
		"portal.db", "portal.db-wal", "portal.db-shm", "escritura.lock",
	};
	static char en_pg[8192], en_sqlite[8192];
	char dir[] = "/tmp/portal-cadena-pg-XXXXXX", db[64];
	const char *c;
	int i, lineas = 0;

	(void)state;
	PG_OR_SKIP();
	for (i = 1; i <= 12; i++)
		assert_int_equal(fila(i), 0);
	assert_int_equal(db_begin(), 0);
	for (i = 13; i <= 20; i++)
		assert_int_equal(fila(i), 0);
	assert_int_equal(db_commit(), 0);
	macs(en_pg, sizeof(en_pg));
	verifica(20, 0);

	/* SQLite, in a directory of its own, with the key of this run. */
	assert_non_null(mkdtemp(dir));
	snprintf(db, sizeof(db), "%s/portal.db", dir);
	db_close();
	unsetenv("PORTAL_DB");
	quiet(1);
	assert_int_equal(db_open(db), 0);
	assert_false(db_es_pg());
	assert_int_equal(db_migrate(PORTAL_ROOT "/db/migrations"), 0);
	quiet(0);
	for (i = 1; i <= 12; i++)
		assert_int_equal(fila(i), 0);
	assert_int_equal(db_begin(), 0);
	for (i = 13; i <= 20; i++)
		assert_int_equal(fila(i), 0);
	assert_int_equal(db_commit(), 0);
	macs(en_sqlite, sizeof(en_sqlite));
	verifica(20, 0);
	db_close();
	for (i = 0; i < (int)(sizeof(archivos) / sizeof(archivos[0])); i++) {
		snprintf(db, sizeof(db), "%s/%s", dir, archivos[i]);
		unlink(db);
	}
	assert_int_equal(rmdir(dir), 0);
	setenv("PORTAL_DB", url, 1);
	assert_int_equal(db_open(""), 0);
	assert_true(db_es_pg());
	assert_string_equal(en_pg, en_sqlite);
	for (c = en_pg; *c != '\0'; c++)
		lineas += *c == '\n';
	assert_int_equal(lineas, 20);
}

/* Rows of a database from before the chain (no mac, the anchor without seal) are chained
 * by cadena_ensure, the way portal migrate completes it. */
static void
test_legado(void **state)
{
	(void)state;
	PG_OR_SKIP();
	pg_run("UPDATE auditoria_ancla SET sello = NULL");
	pg_run("INSERT INTO auditoria(id, ts, usuario_id, login, rol, entidad_id, ip, accion, detalle) "
	    "SELECT 20 + i, 1700001000 + i, i, 'CC' || i, 'Rol_IHCE_MSPS', NULL, "
	    "'10.0.0.' || (i % 250), 'login', CASE WHEN i % 7 = 0 THEN NULL ELSE 'fila ' || i END "
	    "FROM generate_series(1, 30) i");
	assert_int_equal(pg_number("SELECT count(*) FROM auditoria WHERE mac IS NULL"), 30);
	quiet(1);
	assert_int_equal(cadena_ensure(PORTAL_ROOT "/db/migrations"), 0);
	quiet(0);
	assert_int_equal(pg_number("SELECT count(*) FROM auditoria WHERE mac IS NULL"), 0);
	assert_int_equal(db_int(ST_AUDITORIA_SIN_SELLO, -1, ""), 0);
	verifica(50, 0);
	/* Sealed again: rows do not change. */
	assert_int_equal(fila(51), 0);
	verifica(51, 0);
}

/* One connection's share of the concurrent writes: half alone (each row its own
 * transaction), half inside a transaction of the caller's that db_tx_run runs again when it
 * fails to serialize. Exit status: 0 when every row was written. */
static int veces;

static int
en_transaccion(void *arg)
{
	int *i = arg;

	veces++;
	return db_exec(ST_AUDIT_INSERT, "iittittt", (long long)time(NULL), (long long)getpid(),
	    "concurrente", "Rol_IHCE_MSPS", 0LL, "10.0.0.2", "prueba.concurrente",
	    *i % 2 ? "en la transacción del llamador" : "ñ");
}

static void
escritor(void)
{
	int i, mal = 0, corridas = 0;

	if (db_open("") != 0)
		_exit(2);
	for (i = 0; i < POR_CONEXION; i++) {
		if (i % 2 == 0)
			mal += db_exec(ST_AUDIT_INSERT, "iittittt", (long long)time(NULL),
			    (long long)getpid(), "concurrente", "Rol_IHCE_MSPS", 0LL, "10.0.0.1",
			    "prueba.concurrente", "sola") != 0;
		else {
			veces = 0;
			mal += db_tx_run(en_transaccion, &i, 50) != 0;
			corridas += veces - 1;
		}
	}
	fprintf(stderr, "pid %d: %d rows, %d failed, %d transactions run again\n", (int)getpid(),
	    POR_CONEXION, mal, corridas);
	db_close();
	_exit(mal == 0 ? 0 : 1);
}

/* Two connections append POR_CONEXION rows each, at once: consecutive ids, one chain. */
static void
test_concurrentes(void **state)
{
	pid_t p[2];
	int i, estado;
	long long antes;
	struct timespec t0, t1;

	(void)state;
	PG_OR_SKIP();
	antes = pg_number("SELECT count(*) FROM auditoria");
	/* The children open their own connections; this one's is not shared with them. */
	db_close();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < 2; i++) {
		p[i] = fork();
		assert_true(p[i] >= 0);
		if (p[i] == 0)
			escritor();
	}
	for (i = 0; i < 2; i++) {
		assert_int_equal(waitpid(p[i], &estado, 0), p[i]);
		assert_true(WIFEXITED(estado));
		assert_int_equal(WEXITSTATUS(estado), 0);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	print_message("%d audit rows from 2 connections at once in %.2f s\n", 2 * POR_CONEXION,
	    (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	assert_int_equal(db_open(""), 0);
	assert_int_equal(pg_number("SELECT count(*) FROM auditoria"), antes + 2 * POR_CONEXION);
	assert_int_equal(pg_number("SELECT max(id) - min(id) + 1 - count(*) FROM auditoria"), 0);
	assert_int_equal(pg_number("SELECT count(DISTINCT usuario_id) FROM auditoria "
	    "WHERE login = 'concurrente'"), 2);
	verifica(antes + 2 * POR_CONEXION, 0);
}

/* Retention moves the anchor and removes the rows up to it; the chain starts there, and a
 * new row chains after the last. Not backwards, not to a row that is not there. */
static void
test_ancla(void **state)
{
	long long n;

	(void)state;
	PG_OR_SKIP();
	n = pg_number("SELECT count(*) FROM auditoria");
	assert_int_equal(db_begin(), 0);
	assert_int_equal(cadena_anchor(10, 1800000000LL), 0);
	assert_int_equal(db_exec(ST_AUDITORIA_PODAR, "i", 10LL), 0);
	assert_int_equal(db_commit(), 0);
	verifica(n - 10, 10);
	assert_int_equal(db_begin(), 0);
	quiet(1);
	assert_int_equal(cadena_anchor(5, 1800000001LL), -1);
	assert_int_equal(cadena_anchor(n + 100, 1800000001LL), -1);
	quiet(0);
	db_rollback();
	assert_int_equal(fila(n + 1), 0);
	verifica(n - 9, 10);
	assert_int_equal(pg_number("SELECT max(id) FROM auditoria"), n + 1);
}

/* Statement s (a step's SAVEPOINT, RELEASE or ROLLBACK TO) sent as Cargue masivo sends it. */
static int
diferida(enum stmt s)
{
	struct db_stmt *st = db_stmt(s, "");

	return st == NULL ? -1 : db_exec_diferido(st);
}

/* One transaction under the audit writers' turn, as a group of Cargue masivo's rows: each
 * row chains from the one the transaction wrote last (not read again); a step's savepoint
 * rolled back, sent with the next statement or waited for, takes its rows away and the
 * next row follows the last one kept; a failed statement undone to its savepoint too. */
static void
test_escrita(void **state)
{
	long long n, ultima;
	int previo;

	(void)state;
	PG_OR_SKIP();
	n = pg_number("SELECT count(*) FROM auditoria");
	ultima = pg_number("SELECT max(id) FROM auditoria");
	previo = db_turno(1);
	assert_int_equal(db_begin(), 0);
	assert_int_equal(fila(2001), 0);
	assert_int_equal(diferida(ST_PASO_SAVEPOINT), 0);
	assert_int_equal(fila(2002), 0);
	assert_int_equal(fila(2003), 0);
	assert_int_equal(diferida(ST_PASO_ROLLBACK_TO), 0);
	assert_int_equal(diferida(ST_PASO_RELEASE), 0);
	assert_int_equal(fila(2004), 0);
	assert_int_equal(db_exec(ST_PASO_SAVEPOINT, ""), 0);
	assert_int_equal(fila(2005), 0);
	assert_int_equal(db_exec(ST_PASO_ROLLBACK_TO, ""), 0);
	assert_int_equal(db_exec(ST_PASO_RELEASE, ""), 0);
	assert_int_equal(fila(2006), 0);
	assert_int_equal(diferida(ST_PASO_SAVEPOINT), 0);
	assert_int_equal(fila(2007), 0);
	quiet(1);
	assert_int_not_equal(db_exec(ST_AUDITORIA_PODAR, "i", ultima), 0);	/* past the anchor */
	quiet(0);
	assert_int_equal(diferida(ST_PASO_ROLLBACK_TO), 0);
	assert_int_equal(diferida(ST_PASO_RELEASE), 0);
	assert_int_equal(fila(2008), 0);
	assert_int_equal(db_commit(), 0);
	db_turno(previo);
	assert_int_equal(pg_number("SELECT count(*) FROM auditoria"), n + 4);
	assert_int_equal(pg_number("SELECT max(id) FROM auditoria"), ultima + 4);
	verifica(n + 4, 10);
}

/* A row changed, removed or inserted with SQL straight to the database is named by its id;
 * put back as it was, the chain verifies again. Another key: the anchor does not verify. */
static void
test_alterada(void **state)
{
	unsigned char k[SECRET_KEYLEN];
	long long n, ultima;

	(void)state;
	PG_OR_SKIP();
	n = pg_number("SELECT count(*) FROM auditoria");
	ultima = pg_number("SELECT max(id) FROM auditoria");
	/* Without the triggers' leave, nothing changes. */
	quiet(1);
	{
		PGconn *c = PQconnectdb(url);
		PGresult *r = PQexec(c, "UPDATE auditoria SET detalle = 'otro' WHERE id = 30");

		assert_int_equal(PQresultStatus(r), PGRES_FATAL_ERROR);
		PQclear(r);
		r = PQexec(c, "DELETE FROM auditoria WHERE id = 30");
		assert_int_equal(PQresultStatus(r), PGRES_FATAL_ERROR);
		PQclear(r);
		PQfinish(c);
	}
	quiet(0);
	pg_run("ALTER TABLE auditoria DISABLE TRIGGER USER");
	pg_run("CREATE TABLE guardada AS SELECT * FROM auditoria WHERE id = 30");
	pg_run("UPDATE auditoria SET detalle = detalle || '.' WHERE id = 30");
	falla(CADENA_MODIFICADA, 30);
	pg_run("UPDATE auditoria SET detalle = (SELECT detalle FROM guardada) WHERE id = 30");
	verifica(n, 10);
	pg_run("DELETE FROM auditoria WHERE id = 30");
	falla(CADENA_BORRADA, 30);
	pg_run("INSERT INTO auditoria SELECT * FROM guardada");
	verifica(n, 10);
	pg_run("UPDATE auditoria SET ts = ts + 1 WHERE id = 40");
	falla(CADENA_MODIFICADA, 40);
	pg_run("UPDATE auditoria SET ts = ts - 1 WHERE id = 40");
	verifica(n, 10);
	pg_run("ALTER TABLE auditoria ENABLE TRIGGER USER");
	pg_run("DROP TABLE guardada");
	/* Another key. */
	randombytes_buf(k, sizeof(k));
	secret_setkey(k);
	falla(CADENA_ANCLA, 0);
	secret_setkey(llave);
	verifica(n, 10);
	/* A row without mac, at the end: inserted; the portal goes on recording after it. */
	pg_run("INSERT INTO auditoria(id, ts, accion) SELECT max(id) + 1, 1, 'falsa' FROM auditoria");
	assert_int_equal(fila(1), 0);
	assert_int_equal(pg_number("SELECT max(id) FROM auditoria"), ultima + 2);
	falla(CADENA_INSERTADA, ultima + 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrar_sella),
		cmocka_unit_test(test_mismos_macs),
		cmocka_unit_test(test_legado),
		cmocka_unit_test(test_concurrentes),
		cmocka_unit_test(test_ancla),
		cmocka_unit_test(test_escrita),
		cmocka_unit_test(test_alterada),
	};

	return cmocka_run_group_tests_name("cadena_pg", tests, abrir, cerrar);
}
