/*
 * Which engine serves cgi/core/db.h (issue 14): db_open chooses PostgreSQL (core/db_pg.c)
 * when PORTAL_DB is a postgresql:// URL, SQLite (core/db.c, core/db_sqlite.c, whose
 * functions are named db_lite_* by core/db_lite.h) otherwise; each seam function here calls
 * the chosen one. Also db_tx_run, the engines' common retry loop.
 */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "core/cadena.h"
#include "core/db.h"
#include "core/db_lite.h"
#include "core/db_pg.h"
#include "core/log.h"

static int pg;	/* db_open chose PostgreSQL */

int
db_es_pg(void)
{
	return pg;
}

int
db_open(const char *path)
{
	const char *url = getenv("PORTAL_DB");

	pg = db_pg_url(url);
	return pg ? db_pg_open(url) : db_lite_open(path);
}

void
db_close(void)
{
	if (pg)
		db_pg_close();
	else
		db_lite_close();
}

int
db_ocupada(void)
{
	return pg ? db_pg_ocupada() : db_lite_ocupada();
}

int
db_migrate(const char *dir)
{
	int rc = pg ? db_pg_migrate(dir) : db_lite_migrate(dir);

	/* The audit chain's part that needs the key (or its migration, skipped by number). */
	return rc == 0 ? cadena_ensure(dir) : rc;
}

int
db_migrate_archivo(const char *dir, const char *name)
{
	return pg ? db_pg_migrate_archivo(dir, name) : db_lite_migrate_archivo(dir, name);
}

void
db_release(void)
{
	if (pg)
		db_pg_release();
	else
		db_lite_release();
}

void
db_lectura(void)
{
	if (!pg)
		db_lite_lectura();
}

int
db_begin(void)
{
	return pg ? db_pg_begin() : db_lite_begin();
}

int
db_commit(void)
{
	return pg ? db_pg_commit() : db_lite_commit();
}

void
db_rollback(void)
{
	if (pg)
		db_pg_rollback();
	else
		db_lite_rollback();
}

int
db_lote_begin(void)
{
	if (!db_in_transaction()) {
		log_err("db: a batch outside a transaction");
		return DB_ERROR;
	}
	if (pg)
		db_pg_lote_begin();
	return 0;
}

int
db_lote_end(void)
{
	return pg ? db_pg_lote_end() : 0;
}

/* PostgreSQL has no WAL file of the portal's to checkpoint: all in. */
int
db_wal_punto(long long limite, int cortar, int *frames, int *hechos)
{
	if (!pg)
		return db_lite_wal_punto(limite, cortar, frames, hechos);
	*frames = *hechos = 0;
	return 0;
}

void
db_wal_prepare(void)
{
	if (!pg)
		db_lite_wal_prepare();
}

long long
db_last_id(void)
{
	return pg ? db_pg_last_id() : db_lite_last_id();
}

int
db_changes(void)
{
	return pg ? db_pg_changes() : db_lite_changes();
}

const char *
db_text(struct arena *a, struct db_stmt *st, int i)
{
	return pg ? db_pg_text(a, st, i) : db_lite_text(a, st, i);
}

int
db_bind_int64(struct db_stmt *st, int i, long long v)
{
	return pg ? db_pg_bind_int64(st, i, v) : db_lite_bind_int64(st, i, v);
}

int
db_bind_int(struct db_stmt *st, int i, int v)
{
	return pg ? db_pg_bind_int64(st, i, v) : db_lite_bind_int(st, i, v);
}

int
db_bind_text(struct db_stmt *st, int i, const char *s)
{
	return pg ? db_pg_bind_text(st, i, s) : db_lite_bind_text(st, i, s);
}

int
db_bind_blob(struct db_stmt *st, int i, const void *p, int n)
{
	return pg ? db_pg_bind_blob(st, i, p, n) : db_lite_bind_blob(st, i, p, n);
}

int
db_bind_null(struct db_stmt *st, int i)
{
	return pg ? db_pg_bind_null(st, i) : db_lite_bind_null(st, i);
}

int
db_step(struct db_stmt *st)
{
	return pg ? db_pg_step(st) : db_lite_step(st);
}

void
db_reset(struct db_stmt *st)
{
	if (pg)
		db_pg_reset(st);
	else
		db_lite_reset(st);
}

long long
db_col_int64(struct db_stmt *st, int i)
{
	return pg ? db_pg_col_int64(st, i) : db_lite_col_int64(st, i);
}

int
db_col_int(struct db_stmt *st, int i)
{
	return pg ? (int)db_pg_col_int64(st, i) : db_lite_col_int(st, i);
}

const char *
db_col_text(struct db_stmt *st, int i)
{
	return pg ? db_pg_col_text(st, i) : db_lite_col_text(st, i);
}

const void *
db_col_blob(struct db_stmt *st, int i)
{
	return pg ? db_pg_col_blob(st, i) : db_lite_col_blob(st, i);
}

int
db_col_bytes(struct db_stmt *st, int i)
{
	return pg ? db_pg_col_bytes(st, i) : db_lite_col_bytes(st, i);
}

int
db_col_type(struct db_stmt *st, int i)
{
	return pg ? db_pg_col_type(st, i) : db_lite_col_type(st, i);
}

int
db_col_null(struct db_stmt *st, int i)
{
	return pg ? db_pg_col_type(st, i) == DB_NULL : db_lite_col_null(st, i);
}

int
db_in_transaction(void)
{
	return pg ? db_pg_in_transaction() : db_lite_in_transaction();
}

const char *
db_errmsg(void)
{
	return pg ? db_pg_errmsg() : db_lite_errmsg();
}

long long
db_valor_int64(struct db_valor *v)
{
	return pg ? db_pg_valor_int64(v) : db_lite_valor_int64(v);
}

const char *
db_valor_text(struct db_valor *v)
{
	return pg ? db_pg_valor_text(v) : db_lite_valor_text(v);
}

const void *
db_valor_blob(struct db_valor *v)
{
	return pg ? db_pg_valor_blob(v) : db_lite_valor_blob(v);
}

int
db_valor_bytes(struct db_valor *v)
{
	return pg ? db_pg_valor_bytes(v) : db_lite_valor_bytes(v);
}

int
db_valor_type(struct db_valor *v)
{
	return pg ? db_pg_valor_type(v) : db_lite_valor_type(v);
}

struct db_valor *
db_col_valor(struct db_stmt *st, int i)
{
	return pg ? db_pg_col_valor(st, i) : db_lite_col_valor(st, i);
}

/* PostgreSQL cannot call the portal's C functions: the statements that use them are among
 * db/pg/sentencias_por_adaptar.txt's. */
int
db_funcion(const char *nombre, int nargs, int flags, db_fn *fn, db_fn_fin *fin)
{
	if (!pg)
		return db_lite_funcion(nombre, nargs, flags, fn, fin);
	log_err("db: function %s: not on PostgreSQL", nombre);
	return -1;
}

void
db_pausa_azar(int vez)
{
	static unsigned semilla;
	long tope = 1L << (vez < 6 ? vez : 6);

	if (semilla == 0)
		semilla = (unsigned)getpid() ^ (unsigned)time(NULL);
	usleep((useconds_t)(1000 + rand_r(&semilla) % (tope * 1000)));
}

/* The DB_RETRY failures db_tx_run ran again to a commit: handled, not the caller's. */
static long long absorbidos;

void
db_marca(struct db_marca *m)
{
	if (pg) {
		db_pg_marca(m);
		m->reintentos -= absorbidos;
	} else
		*m = (struct db_marca){ 0, 0 };
}

void
db_reintentos_absorb(const struct db_marca *antes)
{
	struct db_marca ahora;

	db_marca(&ahora);
	absorbidos += ahora.reintentos - antes->reintentos;
}

int
db_turno(int on)
{
	return pg ? db_pg_turno(on) : 0;
}

int
db_turno_tomado(void)
{
	return pg ? db_pg_turno_tomado() : 1;
}

struct db_stmt *
db_adelantada(enum stmt s)
{
	return pg ? db_pg_adelantada(s) : NULL;
}

long long
db_serie(void)
{
	return pg ? db_pg_serie() : -1;
}

int
db_exec_diferido(struct db_stmt *st)
{
	int rc;

	if (pg)
		return db_pg_exec_diferido(st);
	while ((rc = db_step(st)) == DB_ROW)
		continue;
	db_reset(st);
	return rc == DB_DONE ? 0 : rc;
}

int
db_tx_run(int (*fn)(void *), void *arg, int max)
{
	int vez, rc = DB_RETRY, previo = -1;
	struct db_marca antes, despues, corrida;

	db_marca(&antes);
	for (vez = 0; vez < max && rc == DB_RETRY; vez++) {
		if (vez > 0) {
			db_pausa_azar(vez);
			if (previo < 0)
				previo = db_turno(1);
		}
		if ((rc = db_begin()) != 0)
			break;
		db_marca(&corrida);
		if ((rc = fn(arg)) == 0)
			rc = db_commit();
		else if (rc != DB_RETRY) {
			/* fn said only that it failed (a helper's -1): a statement of it that
			 * failed to serialize makes it a DB_RETRY all the same. */
			db_marca(&despues);
			if (despues.reintentos != corrida.reintentos)
				rc = DB_RETRY;
		}
		if (rc != 0)
			db_rollback();
	}
	if (previo >= 0)
		db_turno(previo);
	if (rc == DB_RETRY)
		log_err("db: a transaction failed to serialize %d times", max);
	/* Committed in the end, or rolled back at fn's word (rc > 0): its failures do not make
	 * the server run the request again. */
	if (rc >= 0) {
		db_marca(&despues);
		absorbidos += despues.reintentos - antes.reintentos;
	}
	return rc;
}
