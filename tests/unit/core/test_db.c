/*
 * The data layer (cgi/core/db.c, cgi/<feature>/sql.c) on a fresh database migrated from db/migrations:
 * migrations, statement binding, the append-only audit table, and every SQL statement.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/config.h"
#include "core/db.h"
#include "core/db_sqlite.h"
#include "cuentas/sql.h"
#include "ihce/sql.h"
#include "mipres/sql.h"
#include "sat/sql.h"
#include "cuentas/registro.h"
#include "core/roles.h"
#include "core/sql.h"
#include "support.h"

/* Runs a one-integer query on the connection directly. */
static long long
query_int(const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(db_handle(), sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db_handle()));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The highest migration number, files found with the rule db_migrate uses (NNN_*.sql). */
static int
last_migration(void)
{
	DIR *d = opendir(cfg.mig);
	struct dirent *de;
	size_t n;
	int last = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		if ((n = strlen(de->d_name)) > 4 && de->d_name[0] >= '0' && de->d_name[0] <= '9' &&
		    strcmp(de->d_name + n - 4, ".sql") == 0 && atoi(de->d_name) > last)
			last = atoi(de->d_name);
	closedir(d);
	return last;
}

/* A statement stepped to its first row and left there holds a read transaction: the worker
 * would keep seeing the database as it was. db_release (after every request) ends it. */
static void
test_release_ends_stale_reads(void **state)
{
	struct db_stmt *st = db_stmt(ST_AMBIENTE_LIST, "");
	sqlite3 *other;

	(void)state;
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(sqlite3_open(cfg.db, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "UPDATE ambiente SET endpoint = 'https://otro.example'",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	assert_int_equal(query_int("SELECT count(*) FROM ambiente WHERE endpoint = "
	    "'https://otro.example'"), 0);
	db_release();
	assert_false(sqlite3_stmt_busy((sqlite3_stmt *)st));
	assert_int_equal(query_int("SELECT count(*) FROM ambiente WHERE endpoint = "
	    "'https://otro.example'"), 3);
}

static void
test_migrate_fresh_and_idempotent(void **state)
{
	int n = last_migration();

	(void)state;
	assert_true(n >= 2);
	/* The version is the last migration applied. */
	assert_int_equal(query_int("PRAGMA user_version"), n);
	assert_int_equal(query_int("SELECT count(*) FROM ambiente"), 3);
	/* Migration 2's column exists. */
	assert_int_equal(query_int("SELECT count(*) FROM pragma_table_info('correo') "
	    "WHERE name = 'proximo'"), 1);

	/* A second run applies nothing: re-running 001 would fail on CREATE TABLE. */
	assert_int_equal(db_migrate(cfg.mig), 0);
	assert_int_equal(query_int("PRAGMA user_version"), n);
	assert_int_equal(query_int("SELECT count(*) FROM ambiente"), 3);
	assert_int_equal(query_int("PRAGMA foreign_keys"), 1);
}

/* A missing migrations directory is an error, and changes nothing. */
static void
test_migrate_missing_dir(void **state)
{
	long long v = query_int("PRAGMA user_version");

	(void)state;
	quiet(1);
	assert_int_equal(db_migrate("/nonexistent/migrations"), -1);
	quiet(0);
	assert_int_equal(query_int("PRAGMA user_version"), v);
}

/* Two migration files with one number are refused before either applies: a database
 * already at that number would skip the second for good. */
static void
test_migrate_duplicate_number(void **state)
{
	char dir[] = "/tmp/portal-mig-XXXXXX", path[64];
	long long v = query_int("PRAGMA user_version");
	const char *names[] = { "900_a.sql", "900_b.sql" };
	FILE *f;
	int i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		assert_non_null(f = fopen(path, "w"));
		fprintf(f, "CREATE TABLE dup_%d (x);\n", i);
		fclose(f);
	}
	quiet(1);
	assert_int_equal(db_migrate(dir), -1);
	quiet(0);
	assert_int_equal(query_int("PRAGMA user_version"), v);
	assert_int_equal(query_int("SELECT count(*) FROM sqlite_master WHERE name LIKE 'dup_%'"), 0);
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

/* The format must name every placeholder: fewer or more arguments is refused. */
static void
test_stmt_format_length(void **state)
{
	(void)state;
	/* ST_INTENTO_PURGAR has one placeholder. */
	quiet(1);
	assert_null(db_stmt(ST_INTENTO_PURGAR, ""));
	assert_null(db_stmt(ST_INTENTO_PURGAR, "ii", 1LL, 2LL));
	assert_int_equal(db_exec(ST_INTENTO_PURGAR, ""), -1);
	assert_int_equal(db_int(ST_COLA_COUNT, -7, "tt", "asignar", "x"), -7);
	/* ST_INTENTO_SUMAR numbers its seven placeholders ?1..?7 and uses ?5 and ?6 twice. */
	assert_null(db_stmt(ST_INTENTO_SUMAR, "ttttiiii", "login", "x", "ip", "X", 1LL, 2LL,
	    3LL, 4LL));
	assert_null(db_stmt(ST_INTENTO_SUMAR, "ttttii", "login", "x", "ip", "X", 1LL, 2LL));
	quiet(0);
	assert_non_null(db_stmt(ST_INTENTO_PURGAR, "i", 1LL));
	assert_int_equal(db_exec(ST_INTENTO_SUMAR, "ttttiii", "login", "x", "ip", "X", 100LL,
	    50LL, 5LL), 0);
	assert_int_equal(db_exec(ST_INTENTO_SUMAR, "ttttiii", "login", "x", "ip", "x", 110LL,
	    50LL, 5LL), 0);
	assert_int_equal(query_int("SELECT fallos FROM intento WHERE clave = 'x'"), 2);
	assert_int_equal(query_int("SELECT desde FROM intento WHERE clave = 'x'"), 100);
	/* The failure that reaches the limit restarts the window from itself (the lock). */
	assert_int_equal(db_exec(ST_INTENTO_SUMAR, "ttttiii", "login", "x", "ip", "x", 120LL,
	    50LL, 3LL), 0);
	assert_int_equal(query_int("SELECT desde FROM intento WHERE clave = 'x'"), 120);
	/* A failure after the window restarts the count. */
	assert_int_equal(db_exec(ST_INTENTO_SUMAR, "ttttiii", "login", "x", "ip", "x", 2000LL,
	    1000LL, 5LL), 0);
	assert_int_equal(query_int("SELECT fallos FROM intento WHERE clave = 'x'"), 1);
	assert_int_equal(db_int(ST_COLA_COUNT, -7, "t", "asignar"), 0);
}

/* Binding: NULL text binds NULL, blobs keep their length, constraints are told apart. */
static void
test_exec_bind_and_constraint(void **state)
{
	struct db_stmt *st;
	char nit[16];

	(void)state;
	assert_int_equal(db_exec(ST_ENTIDAD_INSERT, "ttttti", "900474727", "Ministerio",
	    "ministerio", "MSPS", NULL, 1LL), 0);
	assert_true(db_last_id() > 0);
	assert_int_equal(db_changes(), 1);
	assert_int_equal(query_int("SELECT codigo_habilitacion IS NULL FROM entidad"), 1);
	/* The same NIT again, and a type the CHECK refuses. */
	assert_int_equal(db_exec(ST_ENTIDAD_INSERT, "ttttti", "900474727", "Otra", "otra",
	    "IPS", NULL, 1LL), DB_CONSTRAINT);
	assert_int_equal(db_exec(ST_ENTIDAD_INSERT, "ttttti", "800197268", "DIAN", "dian",
	    "BANCO", NULL, 1LL), DB_CONSTRAINT);

	/* The bound text is copied: the caller's buffer may change, or go, before the step. */
	strcpy(nit, "900474727");
	st = db_stmt(ST_ENTIDAD_BY_NIT, "t", nit);
	memset(nit, '9', sizeof(nit) - 1);
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_text(ARENA(state), st, 1), "Ministerio");
	assert_null(db_text(ARENA(state), st, 3));
	assert_int_equal(db_exec(ST_SMTP_SET, "ttbtii", "smtp://x:587", "u", "\0\1\2", 3,
	    "a@b.co", 1LL, 5LL), 0);
	assert_int_equal(query_int("SELECT length(clave) FROM smtp"), 3);
}

/* A rolled-back transaction leaves nothing behind. */
static void
test_transaction_rollback(void **state)
{
	(void)state;
	assert_int_equal(db_begin(), 0);
	assert_int_equal(db_exec(ST_CORREO_INSERT, "ttin", "a@b.co", "asunto", 1LL), 0);
	db_rollback();
	assert_int_equal(query_int("SELECT count(*) FROM correo"), 0);
	assert_int_equal(db_begin(), 0);
	assert_int_equal(db_exec(ST_CORREO_INSERT, "ttin", "a@b.co", "asunto", 1LL), 0);
	assert_int_equal(db_commit(), 0);
	assert_int_equal(query_int("SELECT count(*) FROM correo"), 1);
	/* Outside a transaction db_rollback does nothing (and does not fail). */
	db_rollback();
	assert_int_equal(query_int("SELECT count(*) FROM correo"), 1);
}

/* The writers' lock file beside the database, opened apart from db.c's fd (a flock on it
 * conflicts with db.c's, even in this process). */
static int
lock_fd(void)
{
	char path[4200];
	int fd;

	snprintf(path, sizeof(path), "%s/escritura.lock", cfg.var);
	fd = open(path, O_RDWR);
	assert_true(fd >= 0);
	return fd;
}

/* Whether another holder could take the writers' lock now (and lets it go again). */
static int
lock_free(int fd)
{
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		assert_int_equal(errno, EWOULDBLOCK);
		return 0;
	}
	flock(fd, LOCK_UN);
	return 1;
}

/* A write transaction holds the writers' lock from db_begin to its end, whichever way it
 * ends; a write outside a transaction holds it for its statement only. */
static void
test_writers_lock_held_for_the_transaction(void **state)
{
	int fd = lock_fd();

	(void)state;
	assert_true(lock_free(fd));
	assert_int_equal(db_begin(), 0);
	assert_false(lock_free(fd));
	assert_int_equal(db_exec(ST_CORREO_INSERT, "ttin", "a@b.co", "asunto", 1LL), 0);
	assert_false(lock_free(fd));
	assert_int_equal(db_commit(), 0);
	assert_true(lock_free(fd));
	assert_int_equal(db_begin(), 0);
	db_rollback();
	assert_true(lock_free(fd));
	/* A handler that returns inside its transaction: the server rolls back, db_release. */
	assert_int_equal(db_begin(), 0);
	db_release();
	assert_false(lock_free(fd));
	db_rollback();
	db_release();
	assert_true(lock_free(fd));
	assert_int_equal(db_exec(ST_CORREO_INSERT, "ttin", "c@d.co", "asunto", 1LL), 0);
	assert_true(lock_free(fd));
	assert_int_equal(query_int("SELECT count(*) FROM correo"), 2);
	assert_true(db_cuenta()->escrituras >= 4);
	close(fd);
}

/* A request that reads (db_lectura): its statements share one snapshot, which
 * db_in_transaction does not count; a write through the seam ends it first and takes the
 * writers' lock as it does without it (db_exec, db_step, db_begin); db_release ends it. */
static void
test_lectura_one_snapshot(void **state)
{
	int fd = lock_fd();
	struct db_stmt *st;
	sqlite3 *other;

	(void)state;
	assert_int_equal(sqlite3_open(cfg.db, &other), SQLITE_OK);
	db_lectura();
	assert_false(db_in_transaction());
	assert_int_equal(db_int(ST_COLA_COUNT, -1, "t", "asignar"), 0);
	assert_int_equal(sqlite3_exec(other, "UPDATE ambiente SET endpoint = 'https://otro.example'",
	    NULL, NULL, NULL), SQLITE_OK);
	/* The first statement's snapshot: the other connection's write is not seen yet. */
	assert_int_equal(query_int("SELECT count(*) FROM ambiente WHERE endpoint = "
	    "'https://otro.example'"), 0);
	/* A write ends it: it runs on the newest data, with the writers' lock, then lets it go. */
	assert_int_equal(db_exec(ST_CORREO_INSERT, "ttin", "a@b.co", "asunto", 1LL), 0);
	assert_true(lock_free(fd));
	assert_false(db_in_transaction());
	assert_int_equal(query_int("SELECT count(*) FROM ambiente WHERE endpoint = "
	    "'https://otro.example'"), 3);
	db_release();
	/* A write stepped by its caller, and db_begin, end it as well. */
	db_lectura();
	assert_int_equal(query_int("SELECT count(*) FROM correo"), 1);
	assert_int_equal(sqlite3_exec(other, "UPDATE ambiente SET endpoint = 'https://tercero.example'",
	    NULL, NULL, NULL), SQLITE_OK);
	assert_non_null(st = db_stmt(ST_CORREO_INSERT, "ttin", "c@d.co", "asunto", 1LL));
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
	assert_int_equal(query_int("SELECT count(*) FROM correo"), 2);
	db_release();
	db_lectura();
	assert_int_equal(query_int("SELECT count(*) FROM correo"), 2);
	assert_int_equal(sqlite3_exec(other, "UPDATE ambiente SET endpoint = 'https://cuarto.example'",
	    NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(db_begin(), 0);
	assert_true(db_in_transaction());
	assert_false(lock_free(fd));
	assert_int_equal(query_int("SELECT count(*) FROM ambiente WHERE endpoint = "
	    "'https://cuarto.example'"), 3);
	assert_int_equal(db_commit(), 0);
	assert_true(lock_free(fd));
	db_release();
	/* db_release ends it: the next statement sees what was written meanwhile. */
	db_lectura();
	assert_int_equal(query_int("SELECT count(*) FROM correo"), 2);
	assert_int_equal(sqlite3_exec(other, "DELETE FROM correo", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(query_int("SELECT count(*) FROM correo"), 2);
	db_release();
	assert_int_equal(sqlite3_get_autocommit(db_handle()), 1);
	assert_int_equal(query_int("SELECT count(*) FROM correo"), 0);
	sqlite3_close(other);
	close(fd);
}

/* The lock held elsewhere for longer than DB_ESPERA_MS: db_begin gives up after it, the
 * connection is ocupada (503), a second write of the request gives up at once, nothing
 * is written; once let go, the next request writes. */
static void
test_writers_lock_taken_elsewhere(void **state)
{
	int fd = lock_fd();
	struct timespec t0, t1;
	long long ms, esperas = db_cuenta()->esperas;

	(void)state;
	assert_int_equal(flock(fd, LOCK_EX), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	quiet(1);
	assert_int_equal(db_begin(), -1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_true(db_ocupada());
	assert_int_equal(db_exec(ST_CORREO_INSERT, "ttin", "a@b.co", "asunto", 1LL), -1);
	quiet(0);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	assert_true(ms >= DB_ESPERA_MS - 10 && ms < DB_ESPERA_MS + 500);
	assert_int_equal(query_int("SELECT count(*) FROM correo"), 0);
	db_release();
	assert_false(db_ocupada());
	flock(fd, LOCK_UN);
	assert_int_equal(db_begin(), 0);
	assert_int_equal(db_commit(), 0);
	assert_int_equal(db_cuenta()->esperas, esperas);	/* found free: no wait */
	close(fd);
}

/* Another portal writer holds the writers' lock and lets it go after 3/4 of DB_ESPERA_MS,
 * while a connection that does not take it (the sqlite3 shell) holds SQLite's lock:
 * db_begin waits for both DB_ESPERA_MS in all from its first wait, not that and then
 * DB_ESPERA_MS more in the busy handler, and the connection is ocupada. */
static void
test_one_wait_for_both_locks(void **state)
{
	struct timespec t0, t1;
	sqlite3 *other;
	long long ms;
	int p[2], estado, rc;
	pid_t pid;
	char c;

	(void)state;
	assert_int_equal(pipe(p), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fd = lock_fd();

		_exit(flock(fd, LOCK_EX) == 0 && write(p[1], "x", 1) == 1 &&
		    usleep(DB_ESPERA_MS * 750) == 0 ? 0 : 1);
	}
	assert_int_equal(read(p[0], &c, 1), 1);
	assert_int_equal(sqlite3_open(cfg.db, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	quiet(1);
	rc = db_begin();
	quiet(0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	assert_int_equal(waitpid(pid, &estado, 0), pid);
	assert_true(WIFEXITED(estado) && WEXITSTATUS(estado) == 0);
	close(p[0]);
	close(p[1]);
	assert_int_equal(rc, -1);
	assert_true(db_ocupada());
	assert_true(ms >= DB_ESPERA_MS - 10 && ms < DB_ESPERA_MS + 500);
	db_release();
	assert_int_equal(db_begin(), 0);
	assert_int_equal(db_commit(), 0);
}

/* db_release resets every statement of the connection, not only the cached ones: one
 * left stepping would hold a read transaction, which no checkpoint can pass. */
static void
test_release_resets_any_statement(void **state)
{
	sqlite3_stmt *st;

	(void)state;
	assert_int_equal(sqlite3_prepare_v2(db_handle(), "SELECT endpoint FROM ambiente", -1, &st,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_true(sqlite3_stmt_busy(st));
	db_release();
	assert_false(sqlite3_stmt_busy(st));
	sqlite3_finalize(st);
}

/* PORTAL_SINCRONO: NORMAL by default, FULL when asked, read back from the connection;
 * anything else refused with a message. */
static void
test_sincrono(void **state)
{
	char err[256] = "";

	(void)state;
	assert_int_equal(query_int("PRAGMA synchronous"), 1);
	assert_int_equal(setenv("PORTAL_SINCRONO", "FULL", 1), 0);
	assert_int_equal(db_sincrono_config(err, sizeof(err)), 0);
	assert_string_equal(db_sincrono(), "FULL");
	db_close();
	assert_int_equal(db_open(cfg.db), 0);
	assert_int_equal(query_int("PRAGMA synchronous"), 2);
	assert_int_equal(setenv("PORTAL_SINCRONO", "full", 1), 0);
	assert_int_equal(db_sincrono_config(err, sizeof(err)), -1);
	assert_string_equal(err, "PORTAL_SINCRONO: valor no válido «full» (use NORMAL o FULL)");
	assert_int_equal(setenv("PORTAL_SINCRONO", "NORMAL", 1), 0);
	assert_int_equal(db_sincrono_config(err, sizeof(err)), 0);
	db_close();
	assert_int_equal(db_open(cfg.db), 0);
	assert_int_equal(query_int("PRAGMA synchronous"), 1);
	unsetenv("PORTAL_SINCRONO");
	assert_int_equal(db_sincrono_config(err, sizeof(err)), 0);
	assert_string_equal(db_sincrono(), "NORMAL");
	/* And the WAL's bound on every connection. */
	assert_int_equal(query_int("PRAGMA journal_size_limit"), DB_WAL_LIMITE);
}

/* The master's checkpoint: everything into the database and the WAL started over by the
 * job's own write (page 1 as it was), so that no writer's commit starts it; a WAL file over
 * the bound cut by DB_WAL_RECORTE while writes go on, to that one frame when no one writes
 * (cortar). */
static void
test_wal_punto(void **state)
{
	const long long limite = 4LL << 20, marco = 24 + query_int("PRAGMA page_size");
	char wal[4200];
	struct stat sb;
	long long tam;
	int frames, hechos, i;

	(void)state;
	snprintf(wal, sizeof(wal), "%s-wal", cfg.db);
	for (i = 0; i < 20; i++)
		assert_int_equal(db_exec(ST_CORREO_INSERT, "ttin", "a@b.co", "asunto", 1LL), 0);
	assert_int_equal(db_wal_punto(DB_WAL_LIMITE, 1, &frames, &hechos), 0);
	assert_true(frames > 0);
	assert_int_equal(hechos, frames);
	assert_int_equal(stat(wal, &sb), 0);
	assert_true(sb.st_size > 32 + marco);	/* started over, not cut: under the bound */
	/* A WAL of about 21 MB (a 20 MiB row in overflow pages), over the bound while writes
	 * go on: all copied, started over, the file cut by DB_WAL_RECORTE (1: still over). */
	assert_int_equal(sqlite3_exec(db_handle(), "CREATE TABLE relleno(b); INSERT INTO relleno "
	    "VALUES (zeroblob(20 << 20))", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(stat(wal, &sb), 0);
	tam = sb.st_size;
	assert_true(tam - DB_WAL_RECORTE > limite);
	assert_int_equal(db_wal_punto(limite, 0, &frames, &hechos), 1);
	assert_int_equal(hechos, frames);
	assert_int_equal(stat(wal, &sb), 0);
	assert_int_equal(sb.st_size, tam - DB_WAL_RECORTE);
	/* No write since (cortar): cut to the job's one frame. */
	assert_int_equal(db_wal_punto(limite, 1, &frames, &hechos), 0);
	assert_int_equal(stat(wal, &sb), 0);
	assert_int_equal(sb.st_size, 32 + marco);
	assert_int_equal(query_int("PRAGMA application_id"), 0);
	assert_int_equal(query_int("SELECT count(*) FROM correo"), 20);
	assert_int_equal(sqlite3_exec(db_handle(), "DROP TABLE relleno", NULL, NULL, NULL),
	    SQLITE_OK);
}

/* The audit trail cannot be changed or deleted, even with SQL straight to the database. */
static void
test_auditoria_append_only(void **state)
{
	sqlite3 *db = db_handle();

	(void)state;
	assert_int_equal(db_exec(ST_AUDIT_INSERT, "iittittt", 10LL, 1LL, "login", "rol", 2LL,
	    "127.0.0.1", "ihce.solicitar", "detalle"), 0);
	assert_int_equal(sqlite3_exec(db, "UPDATE auditoria SET accion = 'otra'", NULL, NULL,
	    NULL), SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_extended_errcode(db), SQLITE_CONSTRAINT_TRIGGER);
	assert_non_null(strstr(sqlite3_errmsg(db), "solo adici"));
	assert_int_equal(sqlite3_exec(db, "DELETE FROM auditoria", NULL, NULL, NULL),
	    SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(db, "DELETE FROM auditoria WHERE id = 1", NULL, NULL,
	    NULL), SQLITE_CONSTRAINT);
	assert_int_equal(query_int("SELECT count(*) FROM auditoria WHERE accion = "
	    "'ihce.solicitar'"), 1);
	/* Appending still works. */
	assert_int_equal(db_exec(ST_AUDIT_INSERT, "iitnnttt", 11LL, 0LL, "anon", "127.0.0.1",
	    "login.fallo", "x"), 0);
	assert_int_equal(query_int("SELECT count(*) FROM auditoria"), 2);
}

/* How many tables of cgi/sql.c fill statement s. */
static int
tablas_con(int s)
{
	const char *const *const *t;
	int n = 0;

	for (t = sql_tablas; *t != NULL; t++)
		n += (*t)[s] != NULL;
	return n;
}

/* Every statement has its text in exactly one table of cgi/sql.c and prepares against
 * the migrated schema, with nothing left after it (a stray second statement would be silently ignored). */
static void
test_every_statement_prepares(void **state)
{
	sqlite3_stmt *st;
	const char *tail, *sql;
	char fmt[32];
	int i, n;

	(void)state;
	for (i = 0; i < ST__MAX; i++) {
		if (tablas_con(i) != 1)
			fail_msg("statement %d is in %d tables (cgi/sql.c), not one", i, tablas_con(i));
		sql = sql_texto(i);
		if (sqlite3_prepare_v2(db_handle(), sql, -1, &st, &tail) != SQLITE_OK ||
		    st == NULL)
			fail_msg("statement %d: %s\n%s", i, sqlite3_errmsg(db_handle()), sql);
		n = sqlite3_bind_parameter_count(st);
		sqlite3_finalize(st);
		tail += strspn(tail, " \t\n;");
		if (*tail != '\0')
			fail_msg("statement %d: text after the statement: %s", i, tail);
		/* And through db_stmt, with as many NULL arguments as placeholders. */
		assert_true(n < (int)sizeof(fmt));
		memset(fmt, 'n', (size_t)n);
		fmt[n] = '\0';
		if (db_stmt((enum stmt)i, fmt) == NULL)
			fail_msg("db_stmt(%d, \"%s\") failed", i, fmt);
	}
}

/* Statement st's query plan, each step's detail on its own line (in the test's arena). */
static const char *
plan_of(void **state, enum stmt st)
{
	char *sql = arena_printf(ARENA(state), "EXPLAIN QUERY PLAN %s", sql_texto(st)), *out = "";
	sqlite3_stmt *q;

	assert_int_equal(sqlite3_prepare_v2(db_handle(), sql, -1, &q, NULL), SQLITE_OK);
	while (sqlite3_step(q) == SQLITE_ROW)
		out = arena_printf(ARENA(state), "%s%s\n", out, sqlite3_column_text(q, 3));
	sqlite3_finalize(q);
	return out;
}

/* Statements that grow with the country read an index, not the table (issue 16): the
 * holders of a role (each request's notice to the ministry), the queue's keys due. */
static void
test_plans_use_indexes(void **state)
{
	const char *p = plan_of(state, ST_USUARIOS_CORREO_BY_ROL);

	if (strstr(p, "USING INDEX rol_asignado_rol (rol=? AND activo=?)") == NULL)
		fail_msg("ST_USUARIOS_CORREO_BY_ROL:\n%s", p);
	/* The queue's "Por vencer": the entities up to the date, not the whole queue. */
	p = plan_of(state, ST_COLA_VENCE_COUNT);
	if (strstr(p, "INDEX entidad_llave_expira (llave_expira<?)") == NULL)
		fail_msg("ST_COLA_VENCE_COUNT:\n%s", p);
	p = plan_of(state, ST_COLA_VENCE_PAGE);
	if (strstr(p, "INDEX entidad_llave_expira (llave_expira<?)") == NULL)
		fail_msg("ST_COLA_VENCE_PAGE:\n%s", p);
}

/* Runs sql on the test database, failing the test on an error. */
static void
run_sql(const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(db_handle(), sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
}

/* entidad.llave_expira (migration 024) is the nearest expiry of the entity's current keys
 * after each write to llave: a key given, a second one, one replaced, its date changed, a
 * key moved to another entity, deleted. Dates are read as days (julianday) to compare. */
static void
test_llave_expira_kept(void **state)
{
	const char *e1 = "SELECT coalesce(julianday(llave_expira), 0) FROM entidad WHERE id = 1";
	const char *e2 = "SELECT coalesce(julianday(llave_expira), 0) FROM entidad WHERE id = 2";

	(void)state;
	run_sql("PRAGMA foreign_keys = OFF");	/* keys without their request and user */
	run_sql("INSERT INTO entidad(id, nit, razon_social, razon_norm, tipo, creada) VALUES "
	    "(1, '900000001', 'Uno', 'uno', 'IPS', 1), (2, '900000002', 'Dos', 'dos', 'IPS', 1)");
	assert_int_equal(query_int(e1), 0);
	run_sql("INSERT INTO llave(id, entidad_id, solicitud_id, ambiente, client_id, "
	    "client_secret, expira, creada, creada_por) VALUES "
	    "(1, 1, 1, 'desarrollo', 'a', x'', '2027-05-01', 1, 1)");
	assert_int_equal(query_int(e1), query_int("SELECT julianday('2027-05-01')"));
	run_sql("INSERT INTO llave(id, entidad_id, solicitud_id, ambiente, client_id, "
	    "client_secret, expira, creada, creada_por) VALUES "
	    "(2, 1, 1, 'preproduccion', 'b', x'', '2027-03-01', 1, 1), "
	    "(3, 1, 1, 'produccion', 'c', x'', '2026-01-01', 1, 1)");
	assert_int_equal(query_int(e1), query_int("SELECT julianday('2026-01-01')"));
	run_sql("UPDATE llave SET vigente = 0, reemplazada = 2 WHERE id = 3");
	assert_int_equal(query_int(e1), query_int("SELECT julianday('2027-03-01')"));
	run_sql("UPDATE llave SET vigente = 0, reemplazada = 2 WHERE id = 2");
	assert_int_equal(query_int(e1), query_int("SELECT julianday('2027-05-01')"));
	run_sql("UPDATE llave SET expira = '2027-06-01' WHERE id = 1");
	assert_int_equal(query_int(e1), query_int("SELECT julianday('2027-06-01')"));
	run_sql("UPDATE llave SET entidad_id = 2 WHERE id = 1");
	assert_int_equal(query_int(e1), 0);
	assert_int_equal(query_int(e2), query_int("SELECT julianday('2027-06-01')"));
	run_sql("DELETE FROM llave WHERE id = 1");
	assert_int_equal(query_int(e2), 0);
	assert_int_equal(query_int("SELECT count(*) FROM entidad WHERE llave_expira IS NOT NULL"),
	    0);
}

/* Entity id's current request as migration 027 keeps it on the entity: its queue (1
 * asignar, 2 actualizar, 0 none) * 1,000,000 + its date * 1,000 + its id. */
static long long
query_cola(int id)
{
	char sql[256];

	snprintf(sql, sizeof(sql), "SELECT CASE cola WHEN 'asignar' THEN 1 WHEN 'actualizar' "
	    "THEN 2 ELSE 0 END * 1000000 + coalesce(cola_fecha, 0) * 1000 + "
	    "coalesce(cola_solicitud, 0) FROM entidad WHERE id = %d", id);
	return query_int(sql);
}

/* entidad.cola, cola_fecha, cola_solicitud (migration 027) are the entity's current
 * request's queue, date and id after each write to solicitud: a request made, its state
 * moving it to the other queue, rejected (no queue), withdrawn and made again, its date
 * changed, moved to another entity, deleted. */
static void
test_entidad_cola_kept(void **state)
{
#define SOLICITUD(id, fecha) "INSERT INTO solicitud(id, entidad_id, tipo, estado, " \
	"proveedor_tec, software, lider_nombre, lider_correo, lider_tel, resp_nombre, " \
	"resp_correo, resp_tel, terminos_ts, terminos_ip, datos_ts, datos_ip, solicitante_id, " \
	"fecha) VALUES (" #id ", 1, 'inscripcion', 'pendiente', 'p', 's', 'l', 'l@x.co', '1', " \
	"'r', 'r@x.co', '1', 1, 'ip', 1, 'ip', 1, " #fecha ")"
	static const struct {
		const char	*sql;
		long long	 uno, dos;	/* query_cola of entities 1 and 2 after sql */
	} paso[] = {
		{ SOLICITUD(10, 100), 1100010, 0 },
		{ "UPDATE solicitud SET estado = 'asignado' WHERE id = 10", 2100010, 0 },
		{ "UPDATE solicitud SET estado = 'rechazado' WHERE id = 10", 100010, 0 },
		{ "UPDATE solicitud SET vigente = 0 WHERE id = 10", 0, 0 },
		{ SOLICITUD(11, 200), 1200011, 0 },
		{ "UPDATE solicitud SET fecha = 250 WHERE id = 11", 1250011, 0 },
		{ "UPDATE solicitud SET entidad_id = 2 WHERE id = 11", 0, 1250011 },
		{ "DELETE FROM solicitud WHERE id = 11", 0, 0 },
	};
#undef SOLICITUD
	size_t i;

	(void)state;
	run_sql("PRAGMA foreign_keys = OFF");	/* requests without their user */
	run_sql("INSERT INTO entidad(id, nit, razon_social, razon_norm, tipo, creada) VALUES "
	    "(1, '900000001', 'Uno', 'uno', 'IPS', 1), (2, '900000002', 'Dos', 'dos', 'IPS', 1)");
	assert_int_equal(query_cola(1), 0);
	for (i = 0; i < sizeof(paso) / sizeof(paso[0]); i++) {
		run_sql(paso[i].sql);
		assert_int_equal(query_cola(1), paso[i].uno);
		assert_int_equal(query_cola(2), paso[i].dos);
	}
}

/* Whether statement s's program builds a temporary table (OpenEphemeral). */
static int
builds_temp_table(enum stmt s)
{
	sqlite3_stmt *q;
	char sql[2048];
	int found = 0;

	snprintf(sql, sizeof(sql), "EXPLAIN %s", sql_texto(s));
	if (sqlite3_prepare_v2(db_handle(), sql, -1, &q, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db_handle()));
	while (sqlite3_step(q) == SQLITE_ROW)
		if (strcmp((const char *)sqlite3_column_text(q, 1), "OpenEphemeral") == 0)
			found = 1;
	sqlite3_finalize(q);
	return found;
}

/* mipres_paso's checks (migration 029): the same values pass and the others do not, and a
 * PUT's writes of a step build no temporary table (SQLite built one for each list of more
 * than two constants a check tests, and for an UPDATE of estado found by the index that
 * holds it: issue 17). */
static void
test_mipres_paso_checks(void **state)
{
	static const char *const tipos = "DNPERS";
	char sql[256];
	int i;

	(void)state;
	run_sql("PRAGMA foreign_keys = OFF");	/* steps without their line */
	for (i = 0; tipos[i] != '\0'; i++) {
		snprintf(sql, sizeof(sql), "INSERT INTO mipres_paso(linea_id, tipo, estado, fecha, "
		    "dia, datos) VALUES (%d, '%c', %d, 1, '2026-12-03', '{}')", i + 1, tipos[i],
		    i % 3);
		run_sql(sql);
	}
	assert_int_equal(query_int("SELECT count(*) FROM mipres_paso"), 6);
	assert_int_not_equal(sqlite3_exec(db_handle(), "INSERT INTO mipres_paso(linea_id, tipo, "
	    "fecha, dia, datos) VALUES (9, 'X', 1, '2026-12-03', '{}')", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db_handle(), "INSERT INTO mipres_paso(linea_id, tipo, "
	    "estado, fecha, dia, datos) VALUES (9, 'D', 3, 1, '2026-12-03', '{}')", NULL, NULL,
	    NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db_handle(), "UPDATE mipres_paso SET estado = 3",
	    NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(query_int("SELECT count(*) FROM mipres_paso"), 6);
	assert_false(builds_temp_table(ST_MIPRES_PASO_INSERT));
	assert_false(builds_temp_table(ST_MIPRES_PASO_ESTADO_ID));
}

/* Every role the database or registration names reads as a Spanish label (issue 12 §4):
 * the roles entities authorize, those perfiles belong to, those registration gives, and
 * every role that was ever assigned — never the id itself. */
static void
test_every_role_has_a_label(void **state)
{
	const struct tipo_entidad *t;
	const char *rol, *label;
	sqlite3_stmt *st;
	int n = 0;

	(void)state;
	assert_int_equal(sqlite3_prepare_v2(db_handle(), "SELECT rol FROM rol_autorizable "
	    "UNION SELECT rol FROM perfil UNION SELECT rol FROM rol_asignado", -1, &st, NULL),
	    SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		rol = (const char *)sqlite3_column_text(st, 0);
		label = rol_etiqueta(rol);
		if (strcmp(label, ROL_DESCONOCIDO) == 0 || strcmp(label, rol) == 0 ||
		    strchr(label, '_') != NULL)
			fail_msg("role %s has no label", rol);
		n++;
	}
	sqlite3_finalize(st);
	assert_true(n >= 4);
	for (t = tipos_entidad; t->tipo != NULL; t++)
		if (strcmp(rol_etiqueta(t->rol), ROL_DESCONOCIDO) == 0 ||
		    strchr(rol_etiqueta(t->rol), '_') != NULL)
			fail_msg("the delegate role %s of %s has no label", t->rol, t->tipo);
	assert_string_equal(rol_etiqueta("securityAdmin_SAT_CCF"), "Delegado administrativo SAT");
	assert_string_equal(rol_etiqueta("Rol_SAT_CCF"), role_label(R_CCF));
	assert_string_equal(rol_etiqueta("algo_raro"), ROL_DESCONOCIDO);
	assert_string_equal(rol_etiqueta(NULL), ROL_DESCONOCIDO);
}

/* Every named column (the enums *_col of the sql.h files) is its statement's: the
 * statement has as many columns as its enum names, and each name is its column's. */
static const struct {
	enum stmt	 st;
	int		 col;
	const char	*nombre;	/* as SQLite names the column */
} nombradas[] = {
	{ ST_SESION_LOAD, SESION_LOAD_USUARIO_ID, "usuario_id" },
	{ ST_SESION_LOAD, SESION_LOAD_ROL_ID, "rol_id" },
	{ ST_SESION_LOAD, SESION_LOAD_CSRF, "csrf" },
	{ ST_SESION_LOAD, SESION_LOAD_CREADA, "creada" },
	{ ST_SESION_LOAD, SESION_LOAD_ULTIMO, "ultimo" },
	{ ST_SESION_LOAD, SESION_LOAD_LOGIN, "login" },
	{ ST_SESION_LOAD, SESION_LOAD_NOMBRE, "nombre" },
	{ ST_SESION_LOAD, SESION_LOAD_ROL, "rol" },
	{ ST_SESION_LOAD, SESION_LOAD_ENTIDAD_ID, "id" },
	{ ST_SESION_LOAD, SESION_LOAD_NIT, "nit" },
	{ ST_SESION_LOAD, SESION_LOAD_RAZON_SOCIAL, "razon_social" },
	{ ST_SESION_LOAD, SESION_LOAD_CODIGO, "codigo_habilitacion" },
	{ ST_SESION_LOAD, SESION_LOAD_ELEGIR, "elegir" },
	{ ST_SESION_LOAD, SESION_LOAD_VARIOS_ROLES, "varios_roles" },
	{ ST_SESION_LOAD, SESION_LOAD_PASO, "paso" },
	{ ST_SESION_LOAD, SESION_LOAD_AUTENTICADO, "autenticado" },
	{ ST_SESION_LOAD, SESION_LOAD_SOLO_CONSULTA, "coalesce(p.solo_consulta, 0)" },
	{ ST_ENTIDAD_BY_NIT, ENTIDAD_BY_NIT_ID, "id" },
	{ ST_ENTIDAD_BY_NIT, ENTIDAD_BY_NIT_RAZON_SOCIAL, "razon_social" },
	{ ST_ENTIDAD_BY_NIT, ENTIDAD_BY_NIT_TIPO, "tipo" },
	{ ST_ENTIDAD_BY_NIT, ENTIDAD_BY_NIT_CODIGO_HABILITACION, "codigo_habilitacion" },
	{ ST_USUARIO_BY_LOGIN, USUARIO_BY_LOGIN_ID, "id" },
	{ ST_USUARIO_BY_LOGIN, USUARIO_BY_LOGIN_LOGIN, "login" },
	{ ST_USUARIO_BY_LOGIN, USUARIO_BY_LOGIN_PASS_HASH, "pass_hash" },
	{ ST_USUARIO_BY_LOGIN, USUARIO_BY_LOGIN_ACTIVO, "activo" },
	{ ST_USUARIO_BY_LOGIN, USUARIO_BY_LOGIN_APROBACION, "aprobacion" },
	{ ST_SOLICITUD_VIGENTE, SOLICITUD_VIGENTE_ID, "id" },
	{ ST_SOLICITUD_VIGENTE, SOLICITUD_VIGENTE_TIPO, "tipo" },
	{ ST_SOLICITUD_VIGENTE, SOLICITUD_VIGENTE_ESTADO, "estado" },
	{ ST_SOLICITUD_VIGENTE, SOLICITUD_VIGENTE_FECHA, "fecha" },
	{ ST_SOLICITUD_VIGENTE, SOLICITUD_VIGENTE_MOTIVO_RECHAZO, "motivo_rechazo" },
	{ ST_SOLICITUD_VIGENTE, SOLICITUD_VIGENTE_VERSION, "version" },
	{ ST_SOLICITUD_BY_ID, SOLICITUD_BY_ID_ID, "id" },
	{ ST_SOLICITUD_BY_ID, SOLICITUD_BY_ID_ENTIDAD_ID, "entidad_id" },
	{ ST_SOLICITUD_BY_ID, SOLICITUD_BY_ID_TIPO, "tipo" },
	{ ST_SOLICITUD_BY_ID, SOLICITUD_BY_ID_ESTADO, "estado" },
	{ ST_SOLICITUD_BY_ID, SOLICITUD_BY_ID_VIGENTE, "vigente" },
	{ ST_SOLICITUD_BY_ID, SOLICITUD_BY_ID_PROVEEDOR_TEC, "proveedor_tec" },
	{ ST_SOLICITUD_BY_ID, SOLICITUD_BY_ID_SOFTWARE, "software" },
	{ ST_SOLICITUD_BY_ID, SOLICITUD_BY_ID_LIDER_NOMBRE, "lider_nombre" },
	{ ST_SOLICITUD_BY_ID, SOLICITUD_BY_ID_LIDER_CORREO, "lider_correo" },
	{ ST_SOLICITUD_BY_ID, SOLICITUD_BY_ID_LIDER_TEL, "lider_tel" },
	{ ST_SOLICITUD_BY_ID, SOLICITUD_BY_ID_RESP_NOMBRE, "resp_nombre" },
	{ ST_SOLICITUD_BY_ID, SOLICITUD_BY_ID_RESP_CORREO, "resp_correo" },
	{ ST_SOLICITUD_BY_ID, SOLICITUD_BY_ID_RESP_TEL, "resp_tel" },
	{ ST_SOLICITUD_BY_ID, SOLICITUD_BY_ID_FECHA, "fecha" },
	{ ST_SOLICITUD_BY_ID, SOLICITUD_BY_ID_MOTIVO_RECHAZO, "motivo_rechazo" },
	{ ST_SOLICITUD_BY_ID, SOLICITUD_BY_ID_VERSION, "version" },
	{ ST_SOLICITUD_BY_ID, SOLICITUD_BY_ID_NIT, "nit" },
	{ ST_SOLICITUD_BY_ID, SOLICITUD_BY_ID_RAZON_SOCIAL, "razon_social" },
	{ ST_SOLICITUD_BY_ID, SOLICITUD_BY_ID_CODIGO_HABILITACION, "codigo_habilitacion" },
	{ ST_LLAVES_VIGENTES, LLAVES_VIGENTES_ID, "id" },
	{ ST_LLAVES_VIGENTES, LLAVES_VIGENTES_AMBIENTE, "nombre" },
	{ ST_LLAVES_VIGENTES, LLAVES_VIGENTES_CLIENT_ID, "client_id" },
	{ ST_LLAVES_VIGENTES, LLAVES_VIGENTES_CLIENT_SECRET, "client_secret" },
	{ ST_LLAVES_VIGENTES, LLAVES_VIGENTES_EXPIRA, "expira" },
	{ ST_LLAVES_VIGENTES, LLAVES_VIGENTES_ENDPOINT, "endpoint" },
	{ ST_LLAVES_VIGENTES, LLAVES_VIGENTES_TENANT_ID, "tenant_id" },
	{ ST_LLAVES_VIGENTES, LLAVES_VIGENTES_SCOPE, "scope" },
	{ ST_LLAVES_VIGENTES, LLAVES_VIGENTES_APIM_KEY, "apim_key" },
	{ ST_MIPRES_LINEA_BY_ID, MIPRES_LINEA_BY_ID_EPS_ID, "eps_id" },
	{ ST_MIPRES_LINEA_BY_ID, MIPRES_LINEA_BY_ID_PROV_NIT, "prov_nit" },
	{ ST_MIPRES_LINEA_BY_ID, MIPRES_LINEA_BY_ID_FEC_MAX_ENT, "fec_max_ent" },
	{ ST_MIPRES_LINEA_BY_ID, MIPRES_LINEA_BY_ID_CANT_TOTAL, "cant_total" },
	{ ST_MIPRES_LINEA_BY_ID, MIPRES_LINEA_BY_ID_REGIMEN, "regimen" },
	{ ST_MIPRES_LINEA_BY_ID, MIPRES_LINEA_BY_ID_NO_PRESCRIPCION, "no_prescripcion" },
	{ ST_MIPRES_LINEA_BY_ID, MIPRES_LINEA_BY_ID_TIPO_TEC, "tipo_tec" },
	{ ST_MIPRES_LINEA_BY_ID, MIPRES_LINEA_BY_ID_CON_TEC, "con_tec" },
	{ ST_MIPRES_LINEA_BY_ID, MIPRES_LINEA_BY_ID_TIPO_ID_PACIENTE, "tipo_id_paciente" },
	{ ST_MIPRES_LINEA_BY_ID, MIPRES_LINEA_BY_ID_NO_ID_PACIENTE, "no_id_paciente" },
	{ ST_MIPRES_LINEA_BY_ID, MIPRES_LINEA_BY_ID_NO_ENTREGA, "no_entrega" },
	{ ST_MIPRES_PASOS_LINEA, MIPRES_PASOS_LINEA_TIPO, "tipo" },
	{ ST_MIPRES_PASOS_LINEA, MIPRES_PASOS_LINEA_ESTADO, "estado" },
	{ ST_MIPRES_PASOS_LINEA, MIPRES_PASOS_LINEA_CANTIDAD, "cantidad" },
	{ ST_MIPRES_PASOS_LINEA, MIPRES_PASOS_LINEA_ID, "id" },
	{ ST_MIPRES_PASOS_LINEA, MIPRES_PASOS_LINEA_DATOS, "datos" },
	{ ST_MIPRES_PASOS_LINEA, MIPRES_PASOS_LINEA_FECHA, "fecha" },
	{ ST_MIPRES_PASO_BY_ID, MIPRES_PASO_BY_ID_LINEA_ID, "linea_id" },
	{ ST_MIPRES_PASO_BY_ID, MIPRES_PASO_BY_ID_ESTADO, "estado" },
	{ ST_MIPRES_PASO_BY_ID, MIPRES_PASO_BY_ID_AMBITO, "ambito" },
	{ ST_MIPRES_PASO_BY_ID, MIPRES_PASO_BY_ID_PROV_NIT, "prov_nit" },
	{ ST_MIPRES_PASO_BY_ID, MIPRES_PASO_BY_ID_EPS_ID, "eps_id" },
	{ ST_MIPRES_PASO_BY_ID, MIPRES_PASO_BY_ID_REGIMEN, "regimen" },
	{ ST_MIPRES_PASO_BY_ID, MIPRES_PASO_BY_ID_DATOS, "datos" },
	{ ST_MIPRES_PASO_BY_ID, MIPRES_PASO_BY_ID_FECHA, "fecha" },
	{ ST_MIPRES_PASO_BY_ID, MIPRES_PASO_BY_ID_FEC_ANULACION, "fec_anulacion" },
	{ ST_SERVICIO_GET, SERVICIO_GET_NOMBRE, "nombre" },
	{ ST_SERVICIO_GET, SERVICIO_GET_DESCRIPCION, "descripcion" },
	{ ST_SERVICIO_GET, SERVICIO_GET_TIPO_ENTIDAD, "tipo_entidad" },
	{ ST_SERVICIO_GET, SERVICIO_GET_ESTADO, "estado" },
	{ ST_SERVICIO_GET, SERVICIO_GET_URL_BASE, "url_base" },
	{ ST_SERVICIO_GET, SERVICIO_GET_METODO, "metodo" },
	{ ST_SERVICIO_GET, SERVICIO_GET_OPENAPI, "openapi" },
	{ ST_MIPRES_Q_FECHA_PROV, MIPRES_Q_LINEA_ID, "linea_id" },
	{ ST_MIPRES_Q_FECHA_PROV, MIPRES_Q_ID, "id" },
	{ ST_MIPRES_Q_FECHA_PROV, MIPRES_Q_NO_PRESCRIPCION, "no_prescripcion" },
	{ ST_MIPRES_Q_FECHA_PROV, MIPRES_Q_TIPO_TEC, "tipo_tec" },
	{ ST_MIPRES_Q_FECHA_PROV, MIPRES_Q_CON_TEC, "con_tec" },
	{ ST_MIPRES_Q_FECHA_PROV, MIPRES_Q_TIPO_ID_PACIENTE, "tipo_id_paciente" },
	{ ST_MIPRES_Q_FECHA_PROV, MIPRES_Q_NO_ID_PACIENTE, "no_id_paciente" },
	{ ST_MIPRES_Q_FECHA_PROV, MIPRES_Q_NO_ENTREGA, "no_entrega" },
	{ ST_MIPRES_Q_FECHA_PROV, MIPRES_Q_DATOS, "datos" },
	{ ST_MIPRES_Q_FECHA_PROV, MIPRES_Q_FECHA, "fecha" },
	{ ST_MIPRES_Q_FECHA_PROV, MIPRES_Q_ESTADO, "estado" },
	{ ST_MIPRES_Q_FECHA_PROV, MIPRES_Q_FEC_ANULACION, "fec_anulacion" },
};
static const struct {
	enum stmt	 st;
	int		 n;
} columnas[] = {
	{ ST_SESION_LOAD, SESION_LOAD_SOLO_CONSULTA + 1 },
	{ ST_ENTIDAD_BY_NIT, ENTIDAD_BY_NIT_CODIGO_HABILITACION + 1 },
	{ ST_USUARIO_BY_LOGIN, USUARIO_BY_LOGIN_APROBACION + 1 },
	{ ST_SOLICITUD_VIGENTE, SOLICITUD_VIGENTE_VERSION + 1 },
	{ ST_SOLICITUD_BY_ID, SOLICITUD_BY_ID_CODIGO_HABILITACION + 1 },
	{ ST_LLAVES_VIGENTES, LLAVES_VIGENTES_APIM_KEY + 1 },
	{ ST_MIPRES_LINEA_BY_ID, MIPRES_LINEA_BY_ID_NO_ENTREGA + 1 },
	{ ST_MIPRES_PASOS_LINEA, MIPRES_PASOS_LINEA_FECHA + 1 },
	{ ST_MIPRES_PASO_BY_ID, MIPRES_PASO_BY_ID_FEC_ANULACION + 1 },
	{ ST_SERVICIO_GET, SERVICIO_GET_OPENAPI + 1 },
	{ ST_MIPRES_Q_FECHA_PROV, MIPRES_Q_FEC_ANULACION + 1 },
	{ ST_MIPRES_Q_FECHA_EPS, MIPRES_Q_FEC_ANULACION + 1 },
	{ ST_MIPRES_Q_PRESC_PROV, MIPRES_Q_FEC_ANULACION + 1 },
	{ ST_MIPRES_Q_PRESC_EPS, MIPRES_Q_FEC_ANULACION + 1 },
	{ ST_MIPRES_Q_PAC_PROV, MIPRES_Q_FEC_ANULACION + 1 },
	{ ST_MIPRES_Q_PAC_EPS, MIPRES_Q_FEC_ANULACION + 1 },
};

static void
test_named_columns(void **state)
{
	sqlite3_stmt *st;
	const char *nombre;
	size_t i;
	int malas = 0;

	(void)state;
	for (i = 0; i < sizeof(columnas) / sizeof(columnas[0]); i++) {
		assert_int_equal(sqlite3_prepare_v2(db_handle(), sql_texto(columnas[i].st), -1, &st,
		    NULL), SQLITE_OK);
		if (sqlite3_column_count(st) != columnas[i].n) {
			print_message("statement %d: %d columns, its enum names %d\n",
			    (int)columnas[i].st, sqlite3_column_count(st), columnas[i].n);
			malas++;
		}
		sqlite3_finalize(st);
	}
	for (i = 0; i < sizeof(nombradas) / sizeof(nombradas[0]); i++) {
		assert_int_equal(sqlite3_prepare_v2(db_handle(), sql_texto(nombradas[i].st), -1,
		    &st, NULL), SQLITE_OK);
		nombre = sqlite3_column_name(st, nombradas[i].col);
		if (nombre == NULL || strcmp(nombre, nombradas[i].nombre) != 0) {
			print_message("statement %d column %d: \"%s\", its enum says \"%s\"\n",
			    (int)nombradas[i].st, nombradas[i].col, nombre ? nombre : "(none)",
			    nombradas[i].nombre);
			malas++;
		}
		sqlite3_finalize(st);
	}
	assert_int_equal(malas, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_migrate_duplicate_number, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_migrate_fresh_and_idempotent, db_setup,
		    db_teardown),
		cmocka_unit_test_setup_teardown(test_migrate_missing_dir, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_release_ends_stale_reads, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_stmt_format_length, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_exec_bind_and_constraint, db_setup,
		    db_teardown),
		cmocka_unit_test_setup_teardown(test_transaction_rollback, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_writers_lock_held_for_the_transaction,
		    db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_lectura_one_snapshot, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_writers_lock_taken_elsewhere, db_setup,
		    db_teardown),
		cmocka_unit_test_setup_teardown(test_one_wait_for_both_locks, db_setup,
		    db_teardown),
		cmocka_unit_test_setup_teardown(test_release_resets_any_statement, db_setup,
		    db_teardown),
		cmocka_unit_test_setup_teardown(test_sincrono, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_wal_punto, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_auditoria_append_only, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_every_statement_prepares, db_setup,
		    db_teardown),
		cmocka_unit_test_setup_teardown(test_every_role_has_a_label, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_mipres_paso_checks, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_plans_use_indexes, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_llave_expira_kept, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_entidad_cola_kept, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_named_columns, db_setup, db_teardown),
	};

	return cmocka_run_group_tests_name("db", tests, NULL, NULL);
}
