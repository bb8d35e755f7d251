/*
 * The statement seam of cgi/core/db.h over SQLite: a struct db_stmt is a sqlite3_stmt, a
 * struct db_valor a sqlite3_value, a struct db_ctx a sqlite3_context; each function is one
 * call of SQLite's, its codes mapped where they differ.
 */
/* The seam's functions defined here are SQLite's: db_lite_* (core/db_motor.c). */
#define DB_LITE_RENOMBRAR
#include "core/db_lite.h"

#include <sqlite3.h>

#include "core/db.h"
#include "core/db_sqlite.h"
#include "core/log.h"

_Static_assert(DB_ROW == SQLITE_ROW && DB_DONE == SQLITE_DONE, "db_step's codes");
_Static_assert(DB_INTEGER == SQLITE_INTEGER && DB_FLOAT == SQLITE_FLOAT &&
    DB_TEXT == SQLITE_TEXT && DB_BLOB == SQLITE_BLOB && DB_NULL == SQLITE_NULL,
    "db_col_type's kinds");

#define S(st)	((sqlite3_stmt *)(st))
#define V(v)	((sqlite3_value *)(v))
#define C(c)	((sqlite3_context *)(c))

/* SQLite's result code rc as 0 or DB_ERROR. */
static int
hecho(int rc)
{
	return rc == SQLITE_OK ? 0 : DB_ERROR;
}

int
db_bind_int64(struct db_stmt *st, int i, long long v)
{
	return hecho(sqlite3_bind_int64(S(st), i, v));
}

int
db_bind_int(struct db_stmt *st, int i, int v)
{
	return hecho(sqlite3_bind_int(S(st), i, v));
}

int
db_bind_text(struct db_stmt *st, int i, const char *s)
{
	return hecho(s != NULL ? sqlite3_bind_text(S(st), i, s, -1, SQLITE_TRANSIENT) :
	    sqlite3_bind_null(S(st), i));
}

int
db_bind_blob(struct db_stmt *st, int i, const void *p, int n)
{
	return hecho(sqlite3_bind_blob(S(st), i, p, n, SQLITE_TRANSIENT));
}

int
db_bind_null(struct db_stmt *st, int i)
{
	return hecho(sqlite3_bind_null(S(st), i));
}

int
db_step(struct db_stmt *st)
{
	int rc;

	if (db_in_lectura() && !sqlite3_stmt_busy(S(st)))
		db_leave_lectura(S(st));
	rc = sqlite3_step(S(st));

	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc;
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return DB_CONSTRAINT;
	if ((rc & 0xff) == SQLITE_BUSY)
		return DB_BUSY;
	return DB_ERROR;
}

void
db_reset(struct db_stmt *st)
{
	sqlite3_reset(S(st));
}

long long
db_col_int64(struct db_stmt *st, int i)
{
	return sqlite3_column_int64(S(st), i);
}

int
db_col_int(struct db_stmt *st, int i)
{
	return sqlite3_column_int(S(st), i);
}

const char *
db_col_text(struct db_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(S(st), i);
}

const void *
db_col_blob(struct db_stmt *st, int i)
{
	return sqlite3_column_blob(S(st), i);
}

int
db_col_bytes(struct db_stmt *st, int i)
{
	return sqlite3_column_bytes(S(st), i);
}

int
db_col_type(struct db_stmt *st, int i)
{
	return sqlite3_column_type(S(st), i);
}

int
db_col_null(struct db_stmt *st, int i)
{
	return sqlite3_column_type(S(st), i) == SQLITE_NULL;
}

int
db_in_transaction(void)
{
	return !sqlite3_get_autocommit(db_handle()) && !db_in_lectura();
}

const char *
db_errmsg(void)
{
	return sqlite3_errmsg(db_handle());
}

long long
db_valor_int64(struct db_valor *v)
{
	return sqlite3_value_int64(V(v));
}

const char *
db_valor_text(struct db_valor *v)
{
	return (const char *)sqlite3_value_text(V(v));
}

const void *
db_valor_blob(struct db_valor *v)
{
	return sqlite3_value_blob(V(v));
}

int
db_valor_bytes(struct db_valor *v)
{
	return sqlite3_value_bytes(V(v));
}

int
db_valor_type(struct db_valor *v)
{
	return sqlite3_value_type(V(v));
}

struct db_valor *
db_col_valor(struct db_stmt *st, int i)
{
	return (struct db_valor *)sqlite3_column_value(S(st), i);
}

void *
db_ctx_estado(struct db_ctx *c, size_t n)
{
	return sqlite3_aggregate_context(C(c), (int)n);
}

void
db_ctx_blob(struct db_ctx *c, const void *p, int n)
{
	sqlite3_result_blob(C(c), p, n, SQLITE_TRANSIENT);
}

void
db_ctx_error(struct db_ctx *c, const char *msg)
{
	sqlite3_result_error(C(c), msg, -1);
}

void
db_ctx_sin_memoria(struct db_ctx *c)
{
	sqlite3_result_error_nomem(C(c));
}

/* The functions registered, for the trampolines below (sqlite3_user_data). */
static struct funcion {
	db_fn		*fn;
	db_fn_fin	*fin;
} funciones[16];
static int nfunciones;

static void
call_function(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	const struct funcion *f = sqlite3_user_data(c);

	f->fn((struct db_ctx *)c, argc, (struct db_valor **)argv);
}

static void
finish_aggregate(sqlite3_context *c)
{
	const struct funcion *f = sqlite3_user_data(c);

	f->fin((struct db_ctx *)c);
}

int
db_funcion(const char *nombre, int nargs, int flags, db_fn *fn, db_fn_fin *fin)
{
	struct funcion *f;
	int opciones = SQLITE_UTF8, rc;

	if (flags & DB_FN_PURA)
		opciones |= SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
	if (flags & DB_FN_DIRECTA)
		opciones |= SQLITE_DIRECTONLY;
	/* Each connection registers the same few: reuse an entry. */
	for (f = funciones; f < funciones + nfunciones; f++)
		if (f->fn == fn && f->fin == fin)
			break;
	if (f == funciones + nfunciones) {
		if (nfunciones == (int)(sizeof(funciones) / sizeof(funciones[0]))) {
			log_err("db: function %s: too many functions", nombre);
			return -1;
		}
		*f = (struct funcion){ fn, fin };
		nfunciones++;
	}
	rc = sqlite3_create_function(db_handle(), nombre, nargs, opciones, f,
	    fin == NULL ? call_function : NULL, fin == NULL ? NULL : call_function,
	    fin == NULL ? NULL : finish_aggregate);
	if (rc != SQLITE_OK) {
		log_err("db: function %s: %s", nombre, sqlite3_errmsg(db_handle()));
		return -1;
	}
	return 0;
}
