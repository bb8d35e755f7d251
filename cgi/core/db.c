/* The seam's functions defined here are SQLite's: db_lite_* (core/db_motor.c). */
#define DB_LITE_RENOMBRAR
#include "core/db_lite.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "core/archivo.h"
#include "core/cadena.h"
#include "core/db.h"
#include "core/db_pg.h"
#include "core/db_sqlite.h"
#include "core/log.h"

static sqlite3 *db;
static sqlite3_stmt *cache[ST__MAX];
static int ocupada;		/* a wait for the write lock gave up (see db_ocupada) */
static long long espera;	/* us (monotonic) the current wait began */
static int espera_sigue;	/* lock_take waited: the busy handler goes on from espera */
static int servidor;		/* db_modo_servidor */
static int cerrojo = -1;	/* the writers' lock file (escritura.lock), this process's fd */
static int tomado;		/* this process holds it */
static long long tomado_us;	/* since when (ahora_us) */
static const char *sincrono = "NORMAL";	/* PORTAL_SINCRONO (db_sincrono_config) */
static struct db_cuenta cuenta;
static int reinicio;		/* this connection's last commit started the WAL over */
static const db_funciones_fn *funciones;	/* db_funciones */
static size_t nfunciones;
static int lectura;		/* db_lectura's read transaction is open */

/* Microseconds on the monotonic clock. */
static long long
ahora_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/*
 * SQLite's busy handler, the last resort: a connection that does not take the writers'
 * lock (the sqlite3 shell, a write a caller steps itself outside db_begin) holds SQLite's
 * write lock, or a reader delays a checkpoint. Waits (1, 2, ... 10 ms, then 20 ms at a
 * time) up to DB_ESPERA_MS from the first call of this wait (veces 0), then gives up
 * (SQLITE_BUSY) and marks the connection ocupada; once marked, gives up at once, so a
 * request waits once, not once per statement. Right after a wait for the writers' lock
 * (lock_take: another portal writer held it, its own wait for SQLite's lock, say, then let
 * it go) the two share one DB_ESPERA_MS from that wait's start: each with its own, a write
 * waited up to twice DB_ESPERA_MS, 4 s, the limit core/disponibilidad.test.js gives a
 * request (the master cut the worker, nginx answered). Returns 1 to retry, 0 to give up.
 */
static int
busy_wait(void *arg, int veces)
{
	useconds_t us = veces < 10 ? (useconds_t)(veces + 1) * 1000 : 20000;

	(void)arg;
	if (veces == 0 && !espera_sigue)
		espera = ahora_us();
	espera_sigue = 0;
	if (ocupada || ahora_us() - espera >= DB_ESPERA_MS * 1000LL) {
		ocupada = 1;
		return 0;
	}
	cuenta.ocupado++;
	cuenta.ocupado_us += us;
	usleep(us);
	return 1;
}

int
db_sincrono_config(char *err, size_t n)
{
	const char *s = getenv("PORTAL_SINCRONO");

	if (s == NULL || *s == '\0' || strcmp(s, "NORMAL") == 0)
		sincrono = "NORMAL";
	else if (strcmp(s, "FULL") == 0)
		sincrono = "FULL";
	else {
		snprintf(err, n, "PORTAL_SINCRONO: valor no válido «%.40s» (use NORMAL o FULL)", s);
		return -1;
	}
	return 0;
}

const char *
db_sincrono(void)
{
	return sincrono;
}

void
db_modo_servidor(void)
{
	servidor = 1;
	memset(&cuenta, 0, sizeof(cuenta));	/* the children count their own */
}

void
db_cuenta_log(void)
{
	if (cuenta.escrituras > 0)
		log_info("db: pid %d: %lld writes, %lld waited for the write lock (%lld ms in all, "
		    "at most %lld ms), busy handler %lld times (%lld ms); held it %lld ms in all, "
		    "at most %lld ms; checkpoints in its commits %lld (%lld ms); WAL starts in its "
		    "commits %lld (%lld ms)", (int)getpid(), cuenta.escrituras, cuenta.esperas,
		    cuenta.espera_us / 1000, cuenta.espera_max_us / 1000, cuenta.ocupado,
		    cuenta.ocupado_us / 1000, cuenta.retenido_us / 1000,
		    cuenta.retenido_max_us / 1000, cuenta.puntos, cuenta.puntos_us / 1000,
		    cuenta.reinicios, cuenta.reinicios_us / 1000);
}

const struct db_cuenta *
db_cuenta(void)
{
	return &cuenta;
}

/* Opens the writers' lock file beside the database (escritura.lock in its directory) for
 * this process: after a fork each opens its own, since a flock belongs to the open file. */
static void
cerrojo_open(const char *path)
{
	char dir[4096], lock[4200];

	snprintf(dir, sizeof(dir), "%s", path);
	snprintf(lock, sizeof(lock), "%s/escritura.lock", dirname(dir));
	if ((cerrojo = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0)
		log_err("db: cannot open %s: %s; writers wait in the busy handler", lock,
		    strerror(errno));
}

/* The server's WAL hook, after each commit of this connection (nframes: the WAL's frames).
 * A commit whose frames are all the WAL holds started the WAL over (or wrote the first
 * frames of an empty one): SQLite wrote the WAL's header and synced it inside that commit.
 * The master's job starts the WAL over itself (db_wal_punto), so a worker's commit should
 * not: counted in cuenta (reinicios; db_commit times them). Past DB_WAL_GUARDA frames,
 * should the job not run at all, the commit checkpoints (PASSIVE), counted in puntos. */
static int
gancho_wal(void *arg, sqlite3 *h, const char *base, int nframes)
{
	long long t0;
	int escritas = 0, alto;

	(void)arg;
	/* The pages this connection wrote since its last commit: this commit's frames. */
	sqlite3_db_status(h, SQLITE_DBSTATUS_CACHE_WRITE, &escritas, &alto, 1);
	if (nframes <= escritas) {
		cuenta.reinicios++;
		reinicio = 1;
	}
	if (nframes < DB_WAL_GUARDA / 4096)
		return SQLITE_OK;
	t0 = ahora_us();
	sqlite3_wal_checkpoint_v2(h, base, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	cuenta.puntos++;
	cuenta.puntos_us += ahora_us() - t0;
	return SQLITE_OK;
}

/* Reads PRAGMA name back: whether it is want. */
static int
pragma_es(const char *name, long long want)
{
	sqlite3_stmt *st;
	char sql[64];
	int ok;

	snprintf(sql, sizeof(sql), "PRAGMA %s", name);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) == want;
	sqlite3_finalize(st);
	return ok;
}

void
db_funciones(const db_funciones_fn *tabla, size_t n)
{
	funciones = tabla;
	nfunciones = n;
}

int
db_open(const char *path)
{
	static int configurada;
	char pragmas[320];
	size_t i;

	/* Each process is single-threaded with its own connection: no mutex is needed around
	 * SQLite's calls, its allocator or its caches (they cost about 1 in 6 of SQLite's
	 * instructions on the queue page). Only before SQLite initializes; after, a no-op. */
	if (!configurada) {
		configurada = 1;
		sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	}
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		log_err("db: cannot open %s: %s", path, sqlite3_errmsg(db));
		sqlite3_close(db);
		db = NULL;
		return -1;
	}
	sqlite3_busy_handler(db, busy_wait, NULL);
	for (i = 0; i < nfunciones; i++)
		if (funciones[i]() != 0)
			return -1;
	/* In the server no worker's commit cuts the WAL file (journal_size_limit -1): the
	 * master's job starts the WAL over and cuts it to DB_WAL_LIMITE (db_wal_punto), so a
	 * WAL that starts over keeps its blocks. Elsewhere (commands) a WAL that starts over
	 * keeps up to DB_WAL_LIMITE of its file. */
	snprintf(pragmas, sizeof(pragmas), "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
	    "PRAGMA synchronous=%s; PRAGMA journal_size_limit=%lld;", sincrono,
	    servidor ? -1LL : DB_WAL_LIMITE);
	if (sqlite3_exec(db, pragmas, NULL, NULL, NULL) != SQLITE_OK) {
		log_err("db: %s", sqlite3_errmsg(db));
		return -1;
	}
	/* In the server the master's job checkpoints (cgi/core/wal.h); a worker's commit only
	 * past DB_WAL_GUARDA, should the job not run. Elsewhere SQLite's own every 1000 pages. */
	if (servidor)
		sqlite3_wal_hook(db, gancho_wal, NULL);
	else
		sqlite3_wal_autocheckpoint(db, 1000);
	if (!pragma_es("synchronous", strcmp(sincrono, "FULL") == 0 ? 2 : 1)) {
		log_err("db: PRAGMA synchronous=%s did not take", sincrono);
		return -1;
	}
	cerrojo_open(path);
	return 0;
}

/* SIGALRM during a wait for the writers' lock: only ends the wait (EINTR). */
static void
wake_up(int sig)
{
	(void)sig;
}

/* Waits for the writers' lock until limite (ahora_us), the wait cut by a one-shot
 * ITIMER_REAL; the process's SIGALRM action and timer are put back. Returns 0 when taken,
 * -1 when the time ran out. */
static int
lock_take_waiting(long long limite)
{
	struct sigaction sa, antes;
	struct itimerval t, reloj;
	long long falta;
	int rc = -1;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = wake_up;	/* no SA_RESTART: flock returns EINTR */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, &antes);
	getitimer(ITIMER_REAL, &reloj);
	memset(&t, 0, sizeof(t));
	while ((falta = limite - ahora_us()) > 0) {
		t.it_value.tv_sec = falta / 1000000;
		t.it_value.tv_usec = falta % 1000000;
		setitimer(ITIMER_REAL, &t, NULL);
		if (flock(cerrojo, LOCK_EX) == 0) {
			rc = 0;
			break;
		}
		if (errno != EINTR)
			break;
	}
	memset(&t, 0, sizeof(t));
	setitimer(ITIMER_REAL, &t, NULL);
	sigaction(SIGALRM, &antes, NULL);
	setitimer(ITIMER_REAL, &reloj, NULL);
	return rc;
}

/*
 * Takes the writers' lock before a write: a writer that finds it taken sleeps in the
 * kernel and wakes as soon as it is let go, instead of polling SQLite's lock in the busy
 * handler. At most DB_ESPERA_MS; then the connection is ocupada (as when the busy handler
 * gives up) and the rest of the request does not wait again. Without the lock file the
 * busy handler does the waiting. Returns 0 (taken, or no lock file) or -1.
 */
static int
lock_take(void)
{
	long long t0;

	if (cerrojo < 0 || tomado)
		return 0;
	if (flock(cerrojo, LOCK_EX | LOCK_NB) < 0) {
		if (errno != EWOULDBLOCK) {
			log_err("db: flock: %s", strerror(errno));
			return 0;
		}
		if (ocupada)
			return -1;
		t0 = ahora_us();
		if (lock_take_waiting(t0 + DB_ESPERA_MS * 1000LL) < 0) {
			ocupada = 1;
			log_err("db: the writers' lock stayed taken %d ms", DB_ESPERA_MS);
			return -1;
		}
		espera = t0;
		espera_sigue = 1;
		t0 = ahora_us() - t0;
		cuenta.esperas++;
		cuenta.espera_us += t0;
		if (t0 > cuenta.espera_max_us)
			cuenta.espera_max_us = t0;
	}
	tomado = 1;
	tomado_us = ahora_us();
	cuenta.escrituras++;
	return 0;
}

/* Lets the writers' lock go once no transaction is open. */
static void
lock_release(void)
{
	long long t;

	if (tomado && sqlite3_get_autocommit(db)) {
		flock(cerrojo, LOCK_UN);
		tomado = 0;
		t = ahora_us() - tomado_us;
		cuenta.retenido_us += t;
		if (t > cuenta.retenido_max_us)
			cuenta.retenido_max_us = t;
	}
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
	if (db != NULL && !sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	lectura = 0;
	lock_release();
	sqlite3_close(db);
	db = NULL;
	if (cerrojo >= 0)
		close(cerrojo);
	cerrojo = -1;
	tomado = 0;
}

static int
namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Applies one migration file and sets user_version to its number, atomically. */
static int
apply(const char *dir, const char *name, int num)
{
	char path[4096], ver[64], *sql, *err = NULL;
	int rc = -1;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((sql = archivo_read(path)) == NULL) {
		log_err("db: cannot read %s", path);
		return -1;
	}
	snprintf(ver, sizeof(ver), "PRAGMA user_version=%d;", num);
	if (lock_take() == 0 && sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &err) == SQLITE_OK &&
	    sqlite3_exec(db, sql, NULL, NULL, &err) == SQLITE_OK &&
	    sqlite3_exec(db, ver, NULL, NULL, &err) == SQLITE_OK &&
	    sqlite3_exec(db, "COMMIT", NULL, NULL, &err) == SQLITE_OK) {
		log_info("db: applied %s", name);
		rc = 0;
	} else {
		log_err("db: %s: %s", name, err ? err : "?");
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	}
	lock_release();
	sqlite3_free(err);
	free(sql);
	return rc;
}

int
db_migrate_archivo(const char *dir, const char *name)
{
	sqlite3_stmt *st;
	int cur = 0;

	/* user_version never goes back: the migrations after it stay applied. */
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		cur = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return apply(dir, name, cur > atoi(name) ? cur : atoi(name));
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
	/* Two files with one number: a database already at it would skip the second for good. */
	for (i = 1; i < n; i++)
		if (atoi(names[i]) == atoi(names[i - 1])) {
			log_err("db: %s and %s share a number; renumber one", names[i - 1], names[i]);
			rc = -1;
		}
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
			rc = s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) :
			    sqlite3_bind_null(st, i);
			break;
		case 'b':
			p = va_arg(ap, const void *);
			len = va_arg(ap, int);
			rc = sqlite3_bind_blob(st, i, p, len, SQLITE_TRANSIENT);
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
	if (cache[s] == NULL && sqlite3_prepare_v3(db, sql_texto(s), -1, SQLITE_PREPARE_PERSISTENT,
	    &cache[s], NULL) != SQLITE_OK) {
		log_err("db: prepare %d: %s", (int)s, sqlite3_errmsg(db));
		return NULL;
	}
	sqlite3_reset(cache[s]);
	sqlite3_clear_bindings(cache[s]);
	return cache[s];
}

struct db_stmt *
db_stmt(enum stmt s, const char *fmt, ...)
{
	struct db_stmt *pg;
	sqlite3_stmt *st;
	va_list ap;
	int rc;

	if (db_es_pg()) {
		va_start(ap, fmt);
		pg = db_pg_stmt_v(s, fmt, ap);
		va_end(ap);
		return pg;
	}
	if ((st = stmt_get(s)) == NULL)
		return NULL;
	va_start(ap, fmt);
	rc = bindv(st, fmt, ap);
	va_end(ap);
	if (rc != SQLITE_OK) {
		log_err("db: bind %d: %s", (int)s, sqlite3_errmsg(db));
		return NULL;
	}
	return (struct db_stmt *)st;
}

/* Steps st to completion and resets it; a write outside a transaction takes the writers'
 * lock for itself. */
static int
run(enum stmt s, sqlite3_stmt *st)
{
	int rc, suelta;

	if (lectura)
		db_leave_lectura(st);
	suelta = sqlite3_get_autocommit(db) && !sqlite3_stmt_readonly(st);

	if (suelta && lock_take() < 0) {
		log_err("db: step %d: no write lock", (int)s);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		continue;
	sqlite3_reset(st);
	espera_sigue = 0;	/* only the write right after the wait shares it */
	if (suelta)
		lock_release();
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

	/* The audit row's id and mac come from the chain's tail, in C (cgi/core/cadena.h). */
	if (s == ST_AUDIT_INSERT) {
		va_start(ap, fmt);
		rc = cadena_insert_v(fmt, ap);
		va_end(ap);
		return rc;
	}
	if (db_es_pg()) {
		va_start(ap, fmt);
		rc = db_pg_exec_v(s, fmt, ap);
		va_end(ap);
		return rc;
	}
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

	if (db_es_pg()) {
		va_start(ap, fmt);
		v = db_pg_int_v(s, dflt, fmt, ap);
		va_end(ap);
		return v;
	}
	if ((st = stmt_get(s)) == NULL)
		return dflt;
	va_start(ap, fmt);
	rc = bindv(st, fmt, ap);
	va_end(ap);
	if (lectura)
		db_leave_lectura(st);
	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return v;
}

/* Ends db_lectura's read transaction, if open (a COMMIT: it wrote nothing). */
static void
lectura_end(void)
{
	if (!lectura)
		return;
	lectura = 0;
	if (!sqlite3_get_autocommit(db) && db_exec(ST_COMMIT, "") != 0)
		db_exec(ST_ROLLBACK, "");
}

void
db_lectura(void)
{
	if (lectura || !sqlite3_get_autocommit(db))
		return;
	lectura = db_exec(ST_BEGIN_LECTURA, "") == 0;
}

int
db_in_lectura(void)
{
	return lectura;
}

void
db_leave_lectura(sqlite3_stmt *st)
{
	/* BEGIN (cadena_verify's) reads nothing, but opens a transaction of its own. */
	if (lectura && (!sqlite3_stmt_readonly(st) || st == cache[ST_BEGIN_LECTURA]))
		lectura_end();
}

int
db_begin(void)
{
	lectura_end();
	if (lock_take() < 0)
		return -1;
	if (db_exec(ST_BEGIN, "") < 0) {
		lock_release();
		return -1;
	}
	return 0;
}

int
db_commit(void)
{
	long long t0 = ahora_us();
	int rc = db_exec(ST_COMMIT, "");

	if (reinicio) {
		reinicio = 0;
		cuenta.reinicios_us += ahora_us() - t0;
	}
	lock_release();
	return rc;
}

void
db_rollback(void)
{
	lectura = 0;
	if (!sqlite3_get_autocommit(db))
		db_exec(ST_ROLLBACK, "");
	lock_release();
}

/* One PASSIVE checkpoint: sets *frames, *hechos. Returns SQLite's code, logged when an
 * error. */
static int
pasivo(int *frames, int *hechos)
{
	int rc = sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_PASSIVE, frames, hechos);

	if (rc != SQLITE_OK && rc != SQLITE_BUSY)
		log_err("db: checkpoint: %s", sqlite3_errmsg(db));
	return rc;
}

/* The job's RESTART, under the writers' lock: SQLite's busy handler while a reader still
 * reads frames the WAL's start-over would overwrite (a request's read: short). Polls every
 * 0.2 ms for DB_WAL_LECTORES_MS at most, then gives up: the job tries again later. */
static int
readers_wait(void *arg, int veces)
{
	(void)arg;
	if (veces >= DB_WAL_LECTORES_MS * 5)
		return 0;
	usleep(200);
	return 1;
}

/* Under the writers' lock, every frame in the database and no reader on the WAL (RESTART):
 * one write of the job that starts the WAL over, so that no worker's commit does (SQLite
 * writes and syncs the WAL's header in the commit that starts it). It rewrites page 1 as
 * it is (application_id, which the portal does not use, set to its own value); its commit
 * cuts a file over corte bytes to corte (journal_size_limit: the workers' connections never
 * cut it). Returns 0 when the WAL started over, 1 when not (a reader came in between), -1. */
static int
wal_start(long long corte)
{
	char sql[96];
	sqlite3_stmt *st;
	long long antes = cuenta.reinicios;
	int id = -1;

	snprintf(sql, sizeof(sql), "PRAGMA journal_size_limit=%lld", corte);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	/* A writer outside the portal (the sqlite3 shell) may hold SQLite's write lock. */
	if ((id = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) != SQLITE_OK)
		return id == SQLITE_BUSY ? 1 : -1;
	id = -1;
	if (sqlite3_prepare_v2(db, "PRAGMA application_id", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			id = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	snprintf(sql, sizeof(sql), "PRAGMA application_id=%d", id);
	if (id == -1 || sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		log_err("db: the WAL's start-over: %s", sqlite3_errmsg(db));
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	/* gancho_wal counts a commit that started the WAL (the server's connections). */
	return servidor && cuenta.reinicios == antes;
}

int
db_wal_punto(long long limite, int cortar, int *frames, int *hechos)
{
	char wal[4200];
	struct stat sb;
	long long t0, t1;
	int rc, vuelta = 0, grande;

	/*
	 * Outside the writers' lock first: each pass copies what the WAL held when it began
	 * and syncs, while the writers go on; a pass that took long left a long tail behind
	 * it, so a few more, each shorter, until one is quick.
	 */
	*frames = *hechos = 0;
	for (vuelta = 0; vuelta < DB_WAL_PASADAS; vuelta++) {
		t0 = ahora_us();
		if ((rc = pasivo(frames, hechos)) == SQLITE_BUSY)
			return 1;	/* another checkpoint runs (a command's own) */
		if (rc != SQLITE_OK)
			return -1;
		if (*hechos < *frames || ahora_us() - t0 < DB_WAL_PASADA_US)
			break;	/* a reader in the way, or caught up */
	}
	snprintf(wal, sizeof(wal), "%s-wal", sqlite3_db_filename(db, "main"));
	grande = stat(wal, &sb) == 0 && sb.st_size > limite;
	/*
	 * A writer starts the WAL over only when every frame is in the database as its
	 * transaction begins and no reader reads the WAL: under steady writes that hardly
	 * happens (some frames always came after the last pass, and another worker reads),
	 * so the WAL grew past its bound; and the writer that does start it writes and syncs
	 * the WAL's header inside its commit. So the job starts it over itself, under the
	 * writers' lock (waited for DB_WAL_ESPERA_MS at most, as a writer would): when the
	 * WAL holds half of limite (fewer start-overs: each holds the lock for three syncs,
	 * about 3 ms on a quiet machine), when its file is over limite, or when this pass
	 * found every frame copied (an empty WAL too; not the job's own one frame): the short
	 * rest copied and the readers waited for (RESTART), then one write of its own
	 * (wal_start), which cuts a file over limite: by DB_WAL_RECORTE while writes go on,
	 * to that one frame when cortar (nothing written since the caller last looked).
	 * Before (2026-12-03, PUT Entrega, load 8) the job's TRUNCATE of a 74 to 95 MB WAL
	 * held the lock 88 to 147 ms.
	 */
	if (!grande && *frames < limite / 2 / 4096 && (*hechos < *frames || *frames == 1))
		return *hechos < *frames;
	if (cerrojo < 0 || tomado)
		return 1;
	if (flock(cerrojo, LOCK_EX | LOCK_NB) < 0 &&
	    (errno != EWOULDBLOCK || lock_take_waiting(ahora_us() + DB_WAL_ESPERA_MS * 1000LL) < 0))
		return 1;
	tomado = 1;
	tomado_us = ahora_us();
	/* Under the lock SQLite's waits (readers, a writer outside the portal) are short. */
	sqlite3_busy_handler(db, readers_wait, NULL);
	rc = sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_RESTART, frames, hechos);
	t0 = ahora_us();
	/* All copied but a reader stayed on the WAL: the job's write goes after the last
	 * frame, so that the next writer does not find every frame copied and start it over
	 * (in its commit); the next round tries again. */
	if (rc == SQLITE_OK || (rc == SQLITE_BUSY && *frames > 0 && *hechos == *frames))
		vuelta = wal_start(!grande ? limite : cortar ? 0 :
		    sb.st_size - DB_WAL_RECORTE > limite ? sb.st_size - DB_WAL_RECORTE : limite);
	sqlite3_busy_handler(db, busy_wait, NULL);
	t1 = ahora_us();
	lock_release();
	if (t1 - tomado_us >= DB_WAL_AVISO_MS * 1000LL)
		log_info("wal: the job held the writers' lock %lld ms (RESTART, %d frames, %lld "
		    "ms; the start-over %lld ms)", (t1 - tomado_us) / 1000, *frames,
		    (t0 - tomado_us) / 1000, (t1 - t0) / 1000);
	if (rc == SQLITE_BUSY)
		return 1;	/* a reader: copied, not started over */
	if (rc != SQLITE_OK) {
		log_err("db: checkpoint: %s", sqlite3_errmsg(db));
		return -1;
	}
	if (vuelta < 0)
		return -1;
	return vuelta || (stat(wal, &sb) == 0 && sb.st_size > limite);
}

void
db_wal_prepare(void)
{
	int frames, hechos;

	db_wal_punto(DB_WAL_LIMITE, 0, &frames, &hechos);
	sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
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
db_text(struct arena *a, struct db_stmt *st, int i)
{
	const char *s = db_col_text(st, i);

	return s ? arena_strndup(a, s, (size_t)db_col_bytes(st, i)) : NULL;
}

sqlite3 *
db_handle(void)
{
	return db;
}

void
db_release(void)
{
	sqlite3_stmt *st = NULL;

	/* Every statement of the connection: the cached ones and any other. */
	while ((st = sqlite3_next_stmt(db, st)) != NULL)
		if (sqlite3_stmt_busy(st))
			sqlite3_reset(st);
	lectura_end();
	lock_release();
	ocupada = 0;
	espera_sigue = 0;
}
