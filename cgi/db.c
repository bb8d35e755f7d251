#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ap_resumen.h"
#include "db.h"
#include "log.h"

static sqlite3 *db;
static sqlite3_stmt *cache[ST__MAX];
static int ocupada;		/* a wait for the write lock gave up (see db_ocupada) */
static long long espera;	/* us (monotonic) the current wait began */
static int servidor;		/* db_modo_servidor */
static struct db_cuenta cuenta;

/* Microseconds on the monotonic clock. */
static long long
ahora_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/*
 * SQLite's busy handler: another connection holds the write lock. Waits (1, 2, ... 10 ms,
 * then 20 ms at a time) up to DB_ESPERA_MS from the first call of this wait (veces 0), then
 * gives up (SQLITE_BUSY) and marks the connection ocupada; once marked, gives up at once, so
 * a request waits once, not once per statement. Returns 1 to retry, 0 to give up.
 */
static int
esperar(void *arg, int veces)
{
	useconds_t us = veces < 10 ? (useconds_t)(veces + 1) * 1000 : 20000;

	(void)arg;
	if (veces == 0)
		espera = ahora_us();
	if (ocupada || ahora_us() - espera >= DB_ESPERA_MS * 1000LL) {
		ocupada = 1;
		return 0;
	}
	cuenta.ocupado++;
	cuenta.ocupado_us += us;
	usleep(us);
	return 1;
}

void
db_modo_servidor(void)
{
	servidor = 1;
}

const struct db_cuenta *
db_cuenta(void)
{
	return &cuenta;
}

int
db_open(const char *path)
{
	static const char pragmas[] = "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
	    "PRAGMA synchronous=NORMAL;";

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		log_err("db: cannot open %s: %s", path, sqlite3_errmsg(db));
		sqlite3_close(db);
		db = NULL;
		return -1;
	}
	sqlite3_busy_handler(db, esperar, NULL);
	if (ap_resumen_funciones(db) != 0)
		return -1;
	if (sqlite3_exec(db, pragmas, NULL, NULL, NULL) != SQLITE_OK) {
		log_err("db: %s", sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

int
db_ocupada(void)
{
	return ocupada;
}

void
db_close(void)
{
	size_t i;

	for (i = 0; i < ST__MAX; i++) {
		sqlite3_finalize(cache[i]);
		cache[i] = NULL;
	}
	sqlite3_close(db);
	db = NULL;
	/* A server process says what its writers waited (make bench reads it). */
	if (servidor && cuenta.escrituras > 0)
		log_info("db: pid %d: %lld writes, %lld waited for the write lock (%lld ms in all, "
		    "at most %lld ms), busy handler %lld times (%lld ms)", (int)getpid(),
		    cuenta.escrituras, cuenta.esperas, cuenta.espera_us / 1000,
		    cuenta.espera_max_us / 1000, cuenta.ocupado, cuenta.ocupado_us / 1000);
}

static int
namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads a whole file into a malloc'd string, or NULL. */
static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *s = NULL;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (s = malloc((size_t)n + 1)) != NULL) {
		if (fread(s, 1, (size_t)n, f) != (size_t)n) {
			free(s);
			s = NULL;
		} else
			s[n] = '\0';
	}
	fclose(f);
	return s;
}

/* Applies one migration file and sets user_version to its number, atomically. */
static int
apply(const char *dir, const char *name, int num)
{
	char path[4096], ver[64], *sql, *err = NULL;
	int rc = -1;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((sql = slurp(path)) == NULL) {
		log_err("db: cannot read %s", path);
		return -1;
	}
	snprintf(ver, sizeof(ver), "PRAGMA user_version=%d;", num);
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &err) == SQLITE_OK &&
	    sqlite3_exec(db, sql, NULL, NULL, &err) == SQLITE_OK &&
	    sqlite3_exec(db, ver, NULL, NULL, &err) == SQLITE_OK &&
	    sqlite3_exec(db, "COMMIT", NULL, NULL, &err) == SQLITE_OK) {
		log_info("db: applied %s", name);
		rc = 0;
	} else {
		log_err("db: %s: %s", name, err ? err : "?");
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	}
	sqlite3_free(err);
	free(sql);
	return rc;
}

int
db_migrate(const char *dir)
{
	DIR *d;
	struct dirent *de;
	char *names[512];
	size_t n = 0, i;
	int cur, num, rc = 0;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	cur = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	if ((d = opendir(dir)) == NULL) {
		log_err("db: cannot open %s", dir);
		return -1;
	}
	while ((de = readdir(d)) != NULL && n < 512)
		if (strlen(de->d_name) > 4 && de->d_name[0] >= '0' && de->d_name[0] <= '9' &&
		    strcmp(de->d_name + strlen(de->d_name) - 4, ".sql") == 0)
			names[n++] = strdup(de->d_name);
	closedir(d);
	qsort(names, n, sizeof(names[0]), namecmp);
	for (i = 0; i < n; i++) {
		num = atoi(names[i]);
		if (rc == 0 && num > cur)
			rc = apply(dir, names[i], num);
		free(names[i]);
	}
	return rc;
}

/* Binds the arguments of fmt to st (see db_stmt). */
static int
bindv(sqlite3_stmt *st, const char *fmt, va_list ap)
{
	int i, rc = SQLITE_OK, len;
	const char *s;
	const void *p;

	/* A format that does not cover every placeholder is a programming error. */
	if ((int)strlen(fmt) != sqlite3_bind_parameter_count(st)) {
		log_err("db: %d placeholders, %zu arguments", sqlite3_bind_parameter_count(st),
		    strlen(fmt));
		return SQLITE_MISUSE;
	}
	for (i = 1; *fmt != '\0' && rc == SQLITE_OK; fmt++, i++) {
		switch (*fmt) {
		case 'i':
			rc = sqlite3_bind_int64(st, i, va_arg(ap, long long));
			break;
		case 't':
			s = va_arg(ap, const char *);
			rc = s ? sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC) :
			    sqlite3_bind_null(st, i);
			break;
		case 'b':
			p = va_arg(ap, const void *);
			len = va_arg(ap, int);
			rc = sqlite3_bind_blob(st, i, p, len, SQLITE_STATIC);
			break;
		default:
			rc = sqlite3_bind_null(st, i);
			break;
		}
	}
	return rc;
}

static sqlite3_stmt *
stmt_get(enum stmt s)
{
	if (cache[s] == NULL && sqlite3_prepare_v3(db, stmts[s], -1, SQLITE_PREPARE_PERSISTENT,
	    &cache[s], NULL) != SQLITE_OK) {
		log_err("db: prepare %d: %s", (int)s, sqlite3_errmsg(db));
		return NULL;
	}
	sqlite3_reset(cache[s]);
	sqlite3_clear_bindings(cache[s]);
	return cache[s];
}

sqlite3_stmt *
db_stmt(enum stmt s, const char *fmt, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int rc;

	if ((st = stmt_get(s)) == NULL)
		return NULL;
	va_start(ap, fmt);
	rc = bindv(st, fmt, ap);
	va_end(ap);
	if (rc != SQLITE_OK) {
		log_err("db: bind %d: %s", (int)s, sqlite3_errmsg(db));
		return NULL;
	}
	return st;
}

/* Steps st to completion and resets it. */
static int
run(enum stmt s, sqlite3_stmt *st)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		continue;
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return DB_CONSTRAINT;
	if ((rc & 0xff) == SQLITE_BUSY)
		ocupada = 1;
	log_err("db: step %d: %s", (int)s, sqlite3_errmsg(db));
	return -1;
}

int
db_exec(enum stmt s, const char *fmt, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int rc;

	if ((st = stmt_get(s)) == NULL)
		return -1;
	va_start(ap, fmt);
	rc = bindv(st, fmt, ap);
	va_end(ap);
	if (rc != SQLITE_OK) {
		log_err("db: bind %d: %s", (int)s, sqlite3_errmsg(db));
		return -1;
	}
	return run(s, st);
}

long long
db_int(enum stmt s, long long dflt, const char *fmt, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	long long v = dflt;
	int rc;

	if ((st = stmt_get(s)) == NULL)
		return dflt;
	va_start(ap, fmt);
	rc = bindv(st, fmt, ap);
	va_end(ap);
	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return v;
}

int
db_begin(void)
{
	cuenta.escrituras++;
	return db_exec(ST_BEGIN, "");
}

int
db_commit(void)
{
	return db_exec(ST_COMMIT, "");
}

void
db_rollback(void)
{
	if (!sqlite3_get_autocommit(db))
		db_exec(ST_ROLLBACK, "");
}

long long
db_last_id(void)
{
	return sqlite3_last_insert_rowid(db);
}

int
db_changes(void)
{
	return sqlite3_changes(db);
}

const char *
db_text(struct arena *a, sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? arena_strndup(a, (const char *)s, (size_t)sqlite3_column_bytes(st, i)) : NULL;
}

sqlite3 *
db_handle(void)
{
	return db;
}

void
db_release(void)
{
	size_t i;

	for (i = 0; i < ST__MAX; i++)
		if (cache[i] != NULL && sqlite3_stmt_busy(cache[i]))
			sqlite3_reset(cache[i]);
	ocupada = 0;
}
