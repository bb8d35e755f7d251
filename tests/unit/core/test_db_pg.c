/*
 * The PostgreSQL engine (cgi/core/db_pg.c, issue 14) through cgi/core/db.h only, on the
 * database PORTAL_DB names (a postgresql:// URL: tests/pg/run.sh passes its private
 * cluster's, migrated); without one every test is skipped (make -f tests/unit/unit.mk).
 * Rows are written with a fresh NIT each run, so a database may be reused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "core/db.h"
#include "core/db_pg.h"
#include "core/sql.h"
#include "support.h"

/* A NIT (9 digits) no run used before, and its entity's id once inserted. */
static char nit[16];
static long long entidad;

/* The PostgreSQL migrations agree with db/pg/cluster.sh's bookkeeping: nothing to apply. */
static void
test_migrar(void **state)
{
	(void)state;
	PG_OR_SKIP();
	assert_int_equal(db_migrate(PORTAL_ROOT "/db/migrations"), 0);
	assert_false(db_in_transaction());
}

/* Text (not ASCII), integers and NULL go in and come back; the identity's id is
 * db_last_id; db_changes counts the row. */
static void
test_texto_entero_nulo(void **state)
{
	struct db_stmt *st;
	char otro[sizeof(nit)];

	(void)state;
	PG_OR_SKIP();
	snprintf(nit, sizeof(nit), "8%08ld", ((long)getpid() * 7919 + time(NULL)) % 100000000);
	quiet(1);
	assert_int_equal(db_exec(ST_ENTIDAD_INSERT, "ttttt", nit, "Clínica Ñandú", "clinica nandu",
	    "IPS", NULL), DB_ERROR);	/* 6 placeholders, 5 arguments: refused */
	quiet(0);
	assert_int_equal(db_exec(ST_ENTIDAD_INSERT, "ttttti", nit, "Clínica Ñandú", "clinica nandu",
	    "IPS", NULL, 1700000000LL), 0);
	assert_int_equal(db_changes(), 1);
	entidad = db_last_id();
	assert_true(entidad > 0);
	/* The bound text is copied: the caller's buffer may change, or go, before the step. */
	strcpy(otro, nit);
	st = db_stmt(ST_ENTIDAD_BY_NIT, "t", otro);
	memset(otro, '9', sizeof(otro) - 1);
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int64(st, 0), entidad);
	assert_int_equal(db_col_type(st, 0), DB_INTEGER);
	assert_string_equal(db_col_text(st, 1), "Clínica Ñandú");
	assert_int_equal(db_col_bytes(st, 1), (int)strlen("Clínica Ñandú"));
	assert_int_equal(db_col_type(st, 1), DB_TEXT);
	assert_string_equal(db_col_text(st, 2), "IPS");
	assert_true(db_col_null(st, 3));
	assert_int_equal(db_col_type(st, 3), DB_NULL);
	assert_null(db_col_text(st, 3));
	assert_int_equal(db_col_int64(st, 3), 0);
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
	/* db_int, and a row that is not there. */
	assert_int_equal(db_int(ST_ENTIDAD_BY_NIT, -7, "t", nit), entidad);
	assert_int_equal(db_int(ST_ENTIDAD_BY_NIT, -7, "t", "000000000"), -7);
}

/* PostgreSQL's booleans read as SQLite's 1 and 0. */
static void
test_booleano(void **state)
{
	struct db_stmt *st;

	(void)state;
	PG_OR_SKIP();
	assert_true(entidad > 0);
	assert_int_equal(db_int(ST_ROL_AUTORIZABLE, -1, "ti", "securityAdmin_IHCE_IPS", entidad), 1);
	assert_int_equal(db_int(ST_ROL_AUTORIZABLE, -1, "ti", "Rol_SAT_CCF", entidad), 0);
	st = db_stmt(ST_ROL_AUTORIZABLE, "ti", "securityAdmin_IHCE_IPS", entidad);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_col_text(st, 0), "1");
	assert_int_equal(db_col_type(st, 0), DB_INTEGER);
	db_reset(st);
}

/* A blob with NUL and high bytes, an empty one and NULL (bytea) go in and come back. */
static void
test_blob(void **state)
{
	static const unsigned char b[] = { 0, 1, 0xff, 0, 'x', '\\' };
	struct db_stmt *st;
	int visto = 0;

	(void)state;
	PG_OR_SKIP();
	assert_int_equal(db_exec(ST_AMBIENTE_UPDATE, "tttbit", "https://e", "t", "s", b,
	    (int)sizeof(b), 1234LL, "desarrollo"), 0);
	assert_int_equal(db_changes(), 1);
	assert_int_equal(db_exec(ST_AMBIENTE_UPDATE, "tttbit", "", "", "", "", 0, 5LL,
	    "preproduccion"), 0);
	assert_int_equal(db_exec(ST_AMBIENTE_UPDATE, "tttnit", "", "", "", 6LL, "produccion"), 0);
	st = db_stmt(ST_AMBIENTE_LIST, "");
	while (db_step(st) == DB_ROW) {
		if (strcmp(db_col_text(st, 0), "desarrollo") == 0) {
			assert_int_equal(db_col_type(st, 4), DB_BLOB);
			assert_int_equal(db_col_bytes(st, 4), (int)sizeof(b));
			assert_memory_equal(db_col_blob(st, 4), b, sizeof(b));
			assert_int_equal(db_col_int64(st, 5), 1234);
			visto++;
		} else if (strcmp(db_col_text(st, 0), "preproduccion") == 0) {
			assert_int_equal(db_col_type(st, 4), DB_BLOB);
			assert_int_equal(db_col_bytes(st, 4), 0);
			visto++;
		} else {
			assert_int_equal(db_col_type(st, 4), DB_NULL);
			assert_null(db_col_blob(st, 4));
			assert_int_equal(db_col_bytes(st, 4), 0);
			visto++;
		}
	}
	db_reset(st);
	assert_int_equal(visto, 3);
}

/* UNIQUE and CHECK say no as DB_CONSTRAINT. In a transaction PostgreSQL then refuses the
 * rest: the commit fails and nothing of it is written (SQLite would have gone on). */
static void
test_restriccion(void **state)
{
	char otro[16];

	(void)state;
	PG_OR_SKIP();
	quiet(1);
	assert_int_equal(db_exec(ST_ENTIDAD_INSERT, "ttttti", nit, "Otra", "otra", "IPS", NULL,
	    1LL), DB_CONSTRAINT);
	snprintf(otro, sizeof(otro), "%09lld", (atoll(nit) + 1) % 1000000000);
	assert_int_equal(db_exec(ST_ENTIDAD_INSERT, "ttttti", otro, "Otra", "otra", "NADA",
	    NULL, 1LL), DB_CONSTRAINT);
	assert_int_equal(db_begin(), 0);
	assert_true(db_in_transaction());
	assert_int_equal(db_exec(ST_AMBIENTE_UPDATE, "tttnit", "x", "", "", 7LL, "produccion"), 0);
	assert_int_equal(db_exec(ST_ENTIDAD_INSERT, "ttttti", nit, "Otra", "otra", "IPS", NULL,
	    1LL), DB_CONSTRAINT);
	assert_int_equal(db_commit(), DB_ERROR);
	quiet(0);
	assert_false(db_in_transaction());
	assert_int_equal(db_int(ST_ENTIDAD_BY_NIT, -1, "t", otro), -1);
	assert_int_equal(db_exec(ST_AMBIENTE_UPDATE, "tttnit", "", "", "", 6LL, "produccion"), 0);
}

/* Inserts an IPS of NIT prefijo + k (9 digits). Returns db_exec's code. */
static int
insert_ips(long long prefijo, int k)
{
	char n[16];

	snprintf(n, sizeof(n), "%09lld", prefijo + k);
	return db_exec(ST_ENTIDAD_INSERT, "ttttti", n, "IPS del lote", "ips del lote", "IPS",
	    NULL, 1LL);
}

/* Whether the IPS of NIT prefijo + k is there. */
static int
has_ips(long long prefijo, int k)
{
	char n[16];

	snprintf(n, sizeof(n), "%09lld", prefijo + k);
	return db_int(ST_ENTIDAD_BY_NIT, -1, "t", n) > 0;
}

/* A batch (db_lote): over two DB_LOTE_TANDA of inserts sent without waiting, a read among
 * them that sees those sent before it, all there once committed; a failure among them
 * returned by db_lote_end, and nothing of the batch after the rollback; a commit ends a
 * batch left open; none outside a transaction. */
static void
test_lote(void **state)
{
	long long p = 700000000LL + ((long long)getpid() * 7919 + time(NULL)) % 99000 * 1000;
	int k, n = 2 * DB_LOTE_TANDA + 7, rc = 0;

	(void)state;
	PG_OR_SKIP();
	quiet(1);
	assert_int_equal(db_lote_begin(), DB_ERROR);
	quiet(0);
	assert_int_equal(db_begin(), 0);
	assert_int_equal(db_lote_begin(), 0);
	for (k = 0; k < n; k++) {
		rc |= insert_ips(p, k);
		if (k == DB_LOTE_TANDA + 3)
			assert_true(has_ips(p, k));
	}
	assert_int_equal(rc, 0);
	assert_int_equal(db_lote_end(), 0);
	assert_int_equal(db_commit(), 0);
	assert_true(has_ips(p, 0) && has_ips(p, DB_LOTE_TANDA) && has_ips(p, n - 1));
	/* The second row repeats a NIT: the batch fails, the rollback leaves none of it. */
	assert_int_equal(db_begin(), 0);
	assert_int_equal(db_lote_begin(), 0);
	quiet(1);
	rc = insert_ips(p, n);
	rc |= insert_ips(p, 0);
	rc |= insert_ips(p, n + 1);
	assert_int_equal(rc, 0);
	assert_int_equal(db_lote_end(), DB_CONSTRAINT);
	quiet(0);
	db_rollback();
	assert_false(db_in_transaction());
	assert_false(has_ips(p, n) || has_ips(p, n + 1));
	/* Committed without db_lote_end: the batch ends there, later statements run alone. */
	assert_int_equal(db_begin(), 0);
	assert_int_equal(db_lote_begin(), 0);
	assert_int_equal(insert_ips(p, n + 2), 0);
	assert_int_equal(db_commit(), 0);
	assert_true(has_ips(p, n + 2));
	assert_int_equal(insert_ips(p, n + 3), 0);
	assert_int_equal(db_changes(), 1);
}

/* Runs statement "q" prepared on c with its n values v: its rows, or -1. */
static int
run_q(PGconn *c, int n, const char *const *v)
{
	PGresult *r = PQexecPrepared(c, "q", n, v, NULL, NULL, 0);
	int filas = PQresultStatus(r) == PGRES_TUPLES_OK ? PQntuples(r) : -1;

	PQclear(r);
	return filas;
}

/* The MIPRES queries by a day keep their generic plan, whatever the tables hold
 * (cgi/core/sql_pg.c, PG_MIPRES_Q_DIA): among the day's 3,000 annulled direccionamientos
 * and one entrega, analyzed (the entregas rarer than the average kind, whose plain join
 * PostgreSQL then planned at each execution), each prepared on a connection of its own and
 * run eight times, PostgreSQL planned the first five for their values (plan_cache_mode
 * auto) and ran its generic plan for the other three (pg_prepared_statements); each run
 * found the day's entrega. */
static void
test_plan_generico(void **state)
{
	static const enum stmt ss[] = { ST_MIPRES_Q_FECHA_PROV, ST_MIPRES_Q_FECHA_EPS };
	const char *v[4] = { "E", NULL, "2026-01-02", "contributivo" }, *texto;
	char sql[4096], eps[24];
	PGconn *c;
	PGresult *r;
	size_t i;
	int n, k;

	(void)state;
	PG_OR_SKIP();
	assert_true(entidad > 0);
	assert_int_equal(db_exec(ST_MIPRES_LINEA_INSERT, "ittttittitii", entidad, "contributivo",
	    nit, "20250000000000000001", "M", 1LL, "CC", "79000111", 1LL, "2026-02-01", 30LL,
	    1767330000LL), 0);
	assert_int_equal(db_exec(ST_MIPRES_BENCH_PASO, "tiittiit", "E", 1LL, 1767330000LL,
	    "2026-01-02", nit, entidad, 30LL, "{\"NoEntrega\":1}"), 0);
	snprintf(eps, sizeof(eps), "%lld", entidad);
	v[1] = nit;
	v[2] = eps;
	c = PQconnectdb(getenv("PORTAL_DB"));
	r = PQexecParams(c, "INSERT INTO mipres_paso(linea_id, tipo, estado, fecha, dia, "
	    "prov_nit, eps_id, datos) SELECT (SELECT max(id) FROM mipres_linea), 'D', 0, "
	    "1767330000, '2026-01-02', $1, $2::bigint, '{}' FROM generate_series(1, 3000)", 2,
	    NULL, v + 1, NULL, NULL, 0);
	assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
	PQclear(r);
	PQfinish(c);
	v[2] = "2026-01-02";
	for (i = 0; i < sizeof(ss) / sizeof(ss[0]); i++) {
		c = PQconnectdb(getenv("PORTAL_DB"));
		assert_int_equal(PQstatus(c), CONNECTION_OK);
		r = PQexec(c, "ANALYZE mipres_paso");
		assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
		PQclear(r);
		/* what the engine prepares (preparada, cgi/core/db_pg.c) */
		texto = stmts_pg[ss[i]] != NULL ? stmts_pg[ss[i]] : sql_texto(ss[i]);
		n = db_pg_placeholders(texto, sql, sizeof(sql));
		assert_true(n == 3 || n == 4);
		r = PQprepare(c, "q", sql, 0, NULL);
		assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
		PQclear(r);
		v[1] = ss[i] == ST_MIPRES_Q_FECHA_EPS ? eps : nit;
		for (k = 0; k < 8; k++)
			assert_int_equal(run_q(c, n, v), 1);
		r = PQexec(c, "SELECT custom_plans, generic_plans FROM pg_prepared_statements "
		    "WHERE name = 'q'");
		assert_int_equal(PQntuples(r), 1);
		assert_string_equal(PQgetvalue(r, 0, 0), "5");
		assert_string_equal(PQgetvalue(r, 0, 1), "3");
		PQclear(r);
		PQfinish(c);
	}
	/* What it added goes: tests/pg/filas.sql reads this database's steps next. */
	c = PQconnectdb(getenv("PORTAL_DB"));
	r = PQexec(c, "DELETE FROM mipres_paso WHERE linea_id = (SELECT max(id) FROM mipres_linea); "
	    "DELETE FROM mipres_linea WHERE id = (SELECT max(id) FROM mipres_linea)");
	assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
	PQclear(r);
	PQfinish(c);
}

/* Another connection (a child process) writes produccion's row and commits. */
static void
otro_escribe(long long actualizado)
{
	pid_t pid = fork();
	int estado;

	assert_true(pid >= 0);
	if (pid == 0) {
		/* The parent's connection is shared by the fork: open a new one, leave it be. */
		_exit(db_open("") == 0 && db_exec(ST_AMBIENTE_UPDATE, "tttnit", "otro", "", "",
		    actualizado, "produccion") == 0 ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &estado, 0), pid);
	assert_true(WIFEXITED(estado) && WEXITSTATUS(estado) == 0);
}

/* produccion's actualizado. */
static long long
produccion(void)
{
	struct db_stmt *st = db_stmt(ST_AMBIENTE_LIST, "");
	long long v = -1;

	while (db_step(st) == DB_ROW)
		if (strcmp(db_col_text(st, 0), "produccion") == 0)
			v = db_col_int64(st, 5);
	db_reset(st);
	return v;
}

/* What a transaction of db_tx_run did: the times it ran. */
static int veces;

/* Reads produccion's row, lets another connection write it the first time, then writes
 * it: serializable, so the first run fails to commit and the second passes. */
static int
leer_y_escribir(void *arg)
{
	long long antes = produccion();

	(void)arg;
	if (veces++ == 0)
		otro_escribe(antes + 1000);
	return db_exec(ST_AMBIENTE_UPDATE, "tttnit", "", "", "", antes + 1, "produccion");
}

/* Two connections write one row: the one whose snapshot is older gets DB_RETRY (40001),
 * its commit too, and nothing of it is written; db_tx_run runs it again. */
static void
test_serializacion(void **state)
{
	long long v;

	(void)state;
	PG_OR_SKIP();
	assert_int_equal(db_begin(), 0);
	v = produccion();
	otro_escribe(v + 100);
	quiet(1);
	assert_int_equal(db_exec(ST_AMBIENTE_UPDATE, "tttnit", "", "", "", v + 1, "produccion"),
	    DB_RETRY);
	assert_int_equal(db_commit(), DB_RETRY);
	quiet(0);
	assert_false(db_in_transaction());
	assert_int_equal(produccion(), v + 100);

	veces = 0;
	quiet(1);
	assert_int_equal(db_tx_run(leer_y_escribir, NULL, 3), 0);
	quiet(0);
	assert_int_equal(veces, 2);
	assert_int_equal(produccion(), v + 100 + 1000 + 1);
	/* max 1: the failure comes back. */
	veces = 0;
	quiet(1);
	assert_int_equal(db_tx_run(leer_y_escribir, NULL, 1), DB_RETRY);
	quiet(0);
	assert_int_equal(veces, 1);
	assert_false(db_in_transaction());
}

/* Another session ends this one's (as a server restart or failover would): the statement
 * that finds it gone fails, db_release connects again, the next one works. */
static void
test_reconectar(void **state)
{
	(void)state;
	PG_OR_SKIP();
	assert_int_equal(db_int(ST_ENTIDAD_BY_NIT, -1, "t", nit), entidad);
	pg_run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
	    "WHERE datname = current_database() AND pid <> pg_backend_pid() "
	    "AND backend_type = 'client backend'");
	quiet(1);
	assert_int_equal(db_int(ST_ENTIDAD_BY_NIT, -1, "t", nit), -1);
	db_release();
	quiet(0);
	assert_int_equal(db_int(ST_ENTIDAD_BY_NIT, -1, "t", nit), entidad);
}

/* The NIT n after this run's. */
static const char *
nit_mas(char *out, size_t size, int n)
{
	snprintf(out, size, "%09lld", (atoll(nit) + n) % 1000000000);
	return out;
}

/* Under db_turno a transaction begins with the audit writers' turn and the chain's tail read
 * in its round trip (db_adelantada: once); a write deferred to the commit (db_exec_diferido)
 * is sent with it and commits; one a statement comes before is sent first, so that
 * statement sees it; one that fails fails the commit, which ends the transaction, nothing of
 * it written. */
static void
test_turno_diferido(void **state)
{
	char a[16], b[16], c[16];
	struct db_stmt *st;

	(void)state;
	PG_OR_SKIP();
	nit_mas(a, sizeof(a), 2);
	nit_mas(b, sizeof(b), 3);
	nit_mas(c, sizeof(c), 4);
	assert_int_equal(db_turno(1), 0);
	assert_int_equal(db_begin(), 0);
	assert_true(db_turno_tomado());
	assert_non_null(st = db_adelantada(ST_AUDITORIA_COLA));
	assert_int_equal(db_step(st), DB_ROW);
	db_reset(st);
	assert_null(db_adelantada(ST_AUDITORIA_COLA));
	assert_non_null(st = db_stmt(ST_ENTIDAD_INSERT, "ttttti", a, "Diferida", "diferida",
	    "IPS", NULL, 1LL));
	assert_int_equal(db_exec_diferido(st), 0);
	assert_int_equal(db_commit(), 0);
	assert_true(db_int(ST_ENTIDAD_BY_NIT, -1, "t", a) > 0);

	assert_int_equal(db_begin(), 0);
	assert_non_null(st = db_stmt(ST_ENTIDAD_INSERT, "ttttti", b, "Antes", "antes", "IPS",
	    NULL, 1LL));
	assert_int_equal(db_exec_diferido(st), 0);
	assert_true(db_int(ST_ENTIDAD_BY_NIT, -1, "t", b) > 0);
	db_rollback();
	assert_int_equal(db_int(ST_ENTIDAD_BY_NIT, -1, "t", b), -1);

	assert_int_equal(db_begin(), 0);
	assert_int_equal(db_exec(ST_ENTIDAD_INSERT, "ttttti", c, "Otra", "otra", "IPS", NULL,
	    1LL), 0);
	assert_non_null(st = db_stmt(ST_ENTIDAD_INSERT, "ttttti", a, "Repetida", "repetida",
	    "IPS", NULL, 1LL));
	assert_int_equal(db_exec_diferido(st), 0);
	quiet(1);
	assert_int_equal(db_commit(), DB_CONSTRAINT);
	quiet(0);
	assert_false(db_in_transaction());
	assert_int_equal(db_int(ST_ENTIDAD_BY_NIT, -1, "t", c), -1);
	assert_int_equal(db_turno(0), 1);

	/* Without the turn: no tail read ahead, and the write runs at once. */
	assert_int_equal(db_begin(), 0);
	assert_false(db_turno_tomado());
	assert_null(db_adelantada(ST_AUDITORIA_COLA));
	assert_non_null(st = db_stmt(ST_ENTIDAD_INSERT, "ttttti", c, "Ya", "ya", "IPS", NULL,
	    1LL));
	assert_int_equal(db_exec_diferido(st), 0);
	db_rollback();
}

/* Writes deferred under the turn go with the next statement that is waited for, in its
 * round trip: it sees them, and they commit. One that fails loses the transaction: what
 * runs next is not sent and fails, a ROLLBACK TO to a savepoint taken before it too (it
 * would keep the writes before the savepoint, a step reported written or not as the
 * caller believes), and the commit rolls everything back. */
static void
test_diferido_con_espera(void **state)
{
	char a[16], b[16], c[16];
	struct db_stmt *st;
	int i;

	(void)state;
	PG_OR_SKIP();
	nit_mas(a, sizeof(a), 5);
	nit_mas(b, sizeof(b), 6);
	nit_mas(c, sizeof(c), 7);
	db_turno(1);
	assert_int_equal(db_begin(), 0);
	for (i = 0; i < 3; i++) {
		assert_non_null(st = db_stmt(ST_PASO_SAVEPOINT, ""));
		assert_int_equal(db_exec_diferido(st), 0);
		assert_non_null(st = db_stmt(ST_PASO_RELEASE, ""));
		assert_int_equal(db_exec_diferido(st), 0);
	}
	assert_non_null(st = db_stmt(ST_ENTIDAD_INSERT, "ttttti", a, "Con espera", "con espera",
	    "IPS", NULL, 1LL));
	assert_int_equal(db_exec_diferido(st), 0);
	assert_true(db_int(ST_ENTIDAD_BY_NIT, -1, "t", a) > 0);
	assert_int_equal(db_commit(), 0);
	assert_true(db_int(ST_ENTIDAD_BY_NIT, -1, "t", a) > 0);

	assert_int_equal(db_begin(), 0);
	assert_int_equal(db_exec(ST_ENTIDAD_INSERT, "ttttti", b, "Antes", "antes", "IPS", NULL,
	    1LL), 0);
	assert_non_null(st = db_stmt(ST_PASO_SAVEPOINT, ""));
	assert_int_equal(db_exec_diferido(st), 0);
	assert_non_null(st = db_stmt(ST_ENTIDAD_INSERT, "ttttti", a, "Repetida", "repetida",
	    "IPS", NULL, 1LL));
	assert_int_equal(db_exec_diferido(st), 0);
	quiet(1);
	assert_int_equal(db_int(ST_ENTIDAD_BY_NIT, -1, "t", b), -1);
	assert_int_equal(db_exec(ST_ENTIDAD_INSERT, "ttttti", c, "Después", "después", "IPS",
	    NULL, 1LL), DB_ERROR);
	assert_int_equal(db_exec(ST_PASO_ROLLBACK_TO, ""), DB_ERROR);
	assert_int_equal(db_commit(), DB_CONSTRAINT);
	quiet(0);
	assert_false(db_in_transaction());
	assert_int_equal(db_int(ST_ENTIDAD_BY_NIT, -1, "t", b), -1);
	assert_int_equal(db_int(ST_ENTIDAD_BY_NIT, -1, "t", c), -1);
	assert_int_equal(db_turno(0), 1);
}

/* Milliseconds since t0 (CLOCK_MONOTONIC). */
static long long
ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Another session holds a table (as tests/e2e/bloqueo.js holds them all): the request's
 * first write waits DB_ESPERA_MS and gives up (-1, db_ocupada: the server's 503); its
 * next writes give up at once, in a transaction or not, as on SQLite
 * (test_writers_lock_taken_elsewhere in test_db.c), and its reads go on; after db_release
 * the next request waits again, and once the table is let go it writes. */
static void
test_bloqueada(void **state)
{
	PGconn *otro = NULL;
	PGresult *r;
	struct timespec t0;
	long long ms, ms2;
	int rc1, rc2, rc3, rc4;

	(void)state;
	PG_OR_SKIP();
	otro = PQconnectdb(getenv("PORTAL_DB"));
	r = PQexec(otro, "BEGIN; LOCK TABLE ambiente IN EXCLUSIVE MODE");
	assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
	PQclear(r);
	quiet(1);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc1 = db_exec(ST_AMBIENTE_UPDATE, "tttnit", "", "", "", 7LL, "produccion");
	ms = ms_since(&t0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc2 = db_exec(ST_AMBIENTE_UPDATE, "tttnit", "", "", "", 7LL, "produccion");
	rc3 = db_begin();
	rc4 = db_exec(ST_AMBIENTE_UPDATE, "tttnit", "", "", "", 7LL, "produccion");
	db_rollback();
	ms2 = ms_since(&t0);
	quiet(0);
	assert_int_equal(rc1, -1);
	assert_true(ms >= DB_ESPERA_MS - 10 && ms < DB_ESPERA_MS + 1000);
	assert_true(db_ocupada());
	assert_int_equal(rc2, -1);
	assert_int_equal(rc3, 0);
	assert_int_equal(rc4, -1);
	/* Waiting again, rc2 and rc4 would take 2 * DB_ESPERA_MS at least. */
	assert_true(ms2 < 2 * DB_ESPERA_MS);
	assert_int_equal(db_int(ST_ENTIDAD_BY_NIT, -1, "t", nit), entidad);
	db_release();
	assert_false(db_ocupada());
	quiet(1);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc1 = db_exec(ST_AMBIENTE_UPDATE, "tttnit", "", "", "", 7LL, "produccion");
	ms = ms_since(&t0);
	quiet(0);
	assert_int_equal(rc1, -1);
	assert_true(ms >= DB_ESPERA_MS - 10);
	db_release();
	r = PQexec(otro, "ROLLBACK");
	PQclear(r);
	PQfinish(otro);
	assert_int_equal(db_exec(ST_AMBIENTE_UPDATE, "tttnit", "", "", "", 7LL, "produccion"), 0);
	assert_false(db_ocupada());
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrar),
		cmocka_unit_test(test_texto_entero_nulo),
		cmocka_unit_test(test_booleano),
		cmocka_unit_test(test_blob),
		cmocka_unit_test(test_restriccion),
		cmocka_unit_test(test_lote),
		cmocka_unit_test(test_plan_generico),
		cmocka_unit_test(test_serializacion),
		cmocka_unit_test(test_reconectar),
		cmocka_unit_test(test_turno_diferido),
		cmocka_unit_test(test_diferido_con_espera),
		cmocka_unit_test(test_bloqueada),
	};

	return cmocka_run_group_tests(tests, pg_setup, pg_teardown);
}
