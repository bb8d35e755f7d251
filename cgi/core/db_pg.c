/*
 * The PostgreSQL engine of cgi/core/db.h (see core/db_pg.h): a struct db_stmt here is one
 * of cgi/core/sql.h prepared on the process's connection, its bound parameters, and the result of
 * its execution, which the steps walk.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "core/archivo.h"
#include "core/db.h"
#include "core/db_pg.h"
#include "core/log.h"

/* Type oids of pg_type (catalog/pg_type_d.h, stable across versions). */
#define OID_BOOL	16
#define OID_BYTEA	17
#define OID_INT8	20
#define OID_INT2	21
#define OID_INT4	23
#define OID_OID		26
#define OID_FLOAT4	700
#define OID_FLOAT8	701
#define OID_NUMERIC	1700

/* A column as a db_valor: the statement's current row's column i. */
struct db_valor {
	struct db_stmt	*st;
	int		i;
};

struct db_stmt {
	int		id;		/* its enum stmt */
	int		preparada;	/* PQprepare'd as "s<id>" on the connection */
	int		deshace;	/* a ROLLBACK (TO): serie moves when it runs */
	int		nparams;
	const char	**valores;	/* nparams each: the bound values */
	int		*largos, *formatos;
	char		(*numeros)[24];	/* the text of bound integers */
	void		**copias;	/* per parameter: the bound text or blob, copied (the
					 * caller's may be gone before the first step) */
	PGresult	*res;		/* the execution's, from the first step */
	int		fila;		/* the current row, -1 before the first */
	unsigned char	**bytes;	/* per column: the current row's bytea, decoded */
	size_t		*nbytes;
	struct db_valor	*col;		/* per column: db_pg_col_valor's */
};

static PGconn *con;
static struct db_stmt *cache[ST__MAX];
static int ocupada;		/* a lock was waited for DB_ESPERA_MS (db_ocupada) */
static int espera_corta;	/* lock_timeout is 1 ms until db_release (shorten_espera) */
static int cambios;		/* db_changes */
static int reintentar;		/* the open transaction failed as DB_RETRY */
static struct db_marca marca;	/* db_pg_marca: commits and DB_RETRY failures */
static int turno;		/* db_pg_turno: begin takes the audit writers' turn */
static int turno_tomado;	/* the open transaction began with it (db_pg_turno_tomado) */
static int lote;		/* db_pg_lote_begin: db_pg_exec_v sends, in pipeline mode */
static int enviadas;		/* statements sent whose answers were not read */
static int lote_rc;		/* the batch's first failure */
static char lote_ultimo[16];	/* the command status of the batch's last answer (COMMIT) */
static char error[512];		/* the last error's message */
static long long devuelto;	/* the id an INSERT ... RETURNING id returned (db_pg_last_id) */
static int devuelto_vale;	/* and no other write ran since */
static PGresult *cola;		/* the chain's tail read at the turn's begin (db_pg_adelantada) */
static long long serie;		/* db_pg_serie: moves at each begin, end, ROLLBACK TO */

int
db_pg_url(const char *s)
{
	return s != NULL && (strncmp(s, "postgresql://", 13) == 0 ||
	    strncmp(s, "postgres://", 11) == 0);
}

int
db_pg_placeholders(const char *sql, char *out, size_t n)
{
	size_t o = 0;
	int max = 0, k;
	char q = 0;
	const char *p;

	for (p = sql; *p != '\0'; p++) {
		if (o + 16 >= n)
			return -1;
		if (q != 0) {
			if (*p == q)
				q = 0;	/* a doubled quote closes and reopens: same result */
			out[o++] = *p;
		} else if (*p == '\'' || *p == '"') {
			q = *p;
			out[o++] = *p;
		} else if (*p == '?') {
			if (p[1] >= '0' && p[1] <= '9') {
				k = (int)strtol(p + 1, (char **)&p, 10);
				p--;
			} else
				k = max + 1;
			if (k > max)
				max = k;
			o += (size_t)snprintf(out + o, n - o, "$%d", k);
		} else
			out[o++] = *p;
	}
	out[o] = '\0';
	return max;
}

static void stmt_free(struct db_stmt *);

/* Notices (a NOTICE of CREATE ... IF NOT EXISTS) are not errors: dropped. */
static void
silence_notice(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

/* Keeps r's error message (one line) for db_errmsg. */
static void
save_error(const PGresult *r)
{
	const char *m = r != NULL ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;

	snprintf(error, sizeof(error), "%s", m != NULL ? m : PQerrorMessage(con));
	error[strcspn(error, "\n")] = '\0';
}

static int codigo(const PGresult *);

/*
 * Reads the answers of the statements a batch sent (db_lote, db_exec_diferido) and leaves
 * pipeline mode, so the connection runs statements one by one again: the first failure is
 * kept in lote_rc (logged) and the transaction is lost (perdida); libpq reports those sent
 * after it as not run (PGRES_PIPELINE_ABORTED). When propia is set, the last statement sent
 * is the caller's own, whose answer it waits for (send_with): its answer, failed or not run
 * too, goes to *propia (NULL when none came) instead. Every call that waits for an answer
 * comes here first. Returns lote_rc.
 */
static int
read_answers(PGresult **propia)
{
	PGresult *r;
	int nulos = 0, fin = 0, i = 0;

	if (con == NULL || PQpipelineStatus(con) == PQ_PIPELINE_OFF)
		return lote_rc;
	if (!PQpipelineSync(con))
		nulos = 2;
	/* Each statement's answers end with a NULL (i counts them); the sync's comes last. Two
	 * NULLs in a row: nothing more will come (the connection was lost). */
	while (nulos < 2 && !fin) {
		if ((r = PQgetResult(con)) == NULL) {
			nulos++;
			i++;
			continue;
		}
		nulos = 0;
		if (propia != NULL && i == enviadas - 1 &&
		    PQresultStatus(r) != PGRES_PIPELINE_SYNC) {
			PQclear(*propia);
			*propia = r;
			continue;
		}
		switch (PQresultStatus(r)) {
		case PGRES_PIPELINE_SYNC:
			fin = 1;
			break;
		case PGRES_COMMAND_OK:
		case PGRES_TUPLES_OK:
			cambios = atoi(PQcmdTuples(r));
			snprintf(lote_ultimo, sizeof(lote_ultimo), "%s", PQcmdStatus(r));
			break;
		case PGRES_PIPELINE_ABORTED:
			break;
		default:
			if (lote_rc == 0) {
				lote_rc = codigo(r);
				if (lote_rc != DB_RETRY && lote_rc != DB_CONSTRAINT)
					log_err("db: batch: %s", error);
			}
			break;
		}
		PQclear(r);
	}
	if (!fin || !PQexitPipelineMode(con)) {
		snprintf(error, sizeof(error), "a batch's answers: %s", PQerrorMessage(con));
		error[strcspn(error, "\n")] = '\0';
		log_err("db: %s", error);
		if (lote_rc == 0)
			lote_rc = DB_ERROR;
	}
	enviadas = 0;
	return lote_rc;
}

static int
read_lote(void)
{
	return read_answers(NULL);
}

/* Runs one command that returns no rows. Returns 0, or -1 (message in error). */
static int
orden(const char *sql)
{
	PGresult *r;
	int ok;

	read_lote();
	r = PQexec(con, sql);
	ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;

	if (!ok)
		save_error(r);
	PQclear(r);
	return ok ? 0 : -1;
}

/* Sets the session's lock_timeout to ms. Returns 0, or -1 (message in error). */
static int
set_espera(int ms)
{
	char sql[48];

	snprintf(sql, sizeof(sql), "SET lock_timeout = %d", ms);
	return orden(sql);
}

/*
 * A request waits for a lock once, not once per statement (core/db.h, db_ocupada), as
 * SQLite's busy handler gives up at once once it gave up: after a lock wait past
 * DB_ESPERA_MS (ocupada), the next statements give up a lock at once (lock_timeout 1 ms;
 * 0 would wait for ever) until db_release. Each one waiting DB_ESPERA_MS again made a
 * request that writes twice (the AP's /token: its token, then its measurement) take twice
 * DB_ESPERA_MS: 4 s, past core/disponibilidad.test.js's PORTAL_LIMITE_SEGUNDOS, so the
 * master cut its worker and nginx answered instead of the portal's 503.
 * Set outside a transaction only: a SET in one is undone by its rollback; a transaction
 * begun afterwards keeps it. A statement in a failed transaction fails without waiting.
 */
static void
shorten_espera(void)
{
	if (ocupada && !espera_corta && con != NULL &&
	    PQtransactionStatus(con) == PQTRANS_IDLE && set_espera(1) == 0)
		espera_corta = 1;
}

int
db_pg_open(const char *url)
{
	size_t i;

	/* A process forked from one with a connection inherits its statements, prepared on
	 * that connection, not on this one: forgotten (the parent's connection is left to it). */
	for (i = 0; i < ST__MAX; i++) {
		if (cache[i] != NULL)
			stmt_free(cache[i]);
		cache[i] = NULL;
	}
	con = PQconnectdb(url);
	if (PQstatus(con) != CONNECTION_OK) {
		log_err("db: cannot connect to PostgreSQL: %s", PQerrorMessage(con));
		PQfinish(con);
		con = NULL;
		return -1;
	}
	PQsetNoticeProcessor(con, silence_notice, NULL);
	if (set_espera(DB_ESPERA_MS) < 0) {
		log_err("db: %s", error);
		return -1;
	}
	return 0;
}

/* Frees the decoded bytea of the current row. */
static void
free_bytes(struct db_stmt *st)
{
	int j, n = st->res != NULL ? PQnfields(st->res) : 0;

	for (j = 0; j < n && st->bytes != NULL; j++) {
		PQfreemem(st->bytes[j]);
		st->bytes[j] = NULL;
	}
}

void
db_pg_reset(struct db_stmt *st)
{
	free_bytes(st);
	free(st->bytes);
	free(st->nbytes);
	free(st->col);
	st->bytes = NULL;
	st->nbytes = NULL;
	st->col = NULL;
	PQclear(st->res);
	st->res = NULL;
	st->fila = -1;
}

static void
stmt_free(struct db_stmt *st)
{
	int i;

	db_pg_reset(st);
	free(st->valores);
	free(st->largos);
	free(st->formatos);
	free(st->numeros);
	for (i = 0; st->copias != NULL && i < st->nparams; i++)
		free(st->copias[i]);
	free(st->copias);
	free(st);
}

void
db_pg_close(void)
{
	size_t i;

	for (i = 0; i < ST__MAX; i++) {
		if (cache[i] != NULL)
			stmt_free(cache[i]);
		cache[i] = NULL;
	}
	PQfinish(con);
	con = NULL;
}

int
db_pg_ocupada(void)
{
	return ocupada;
}

/* A new statement s of n parameters, not prepared. */
static struct db_stmt *
nueva(int s, int n)
{
	struct db_stmt *st = calloc(1, sizeof(*st));
	size_t k = n > 0 ? (size_t)n : 1;

	if (st == NULL)
		return NULL;
	st->id = s;
	st->nparams = n;
	st->fila = -1;
	st->valores = calloc(k, sizeof(*st->valores));
	st->largos = calloc(k, sizeof(*st->largos));
	st->formatos = calloc(k, sizeof(*st->formatos));
	st->numeros = calloc(k, sizeof(*st->numeros));
	st->copias = calloc(k, sizeof(*st->copias));
	if (st->valores == NULL || st->largos == NULL || st->formatos == NULL ||
	    st->numeros == NULL || st->copias == NULL) {
		stmt_free(st);
		return NULL;
	}
	return st;
}

/* Statement s, prepared on the connection the first time; reset, its parameters NULL. */
static struct db_stmt *
preparada(enum stmt s)
{
	static char sql[65536];
	const char *texto;
	char nombre[16];
	struct db_stmt *st;
	PGresult *r;
	int n;

	shorten_espera();
	if (cache[s] == NULL) {
		read_lote();
		texto = stmts_pg[s] != NULL ? stmts_pg[s] : sql_texto(s);
		if ((n = db_pg_placeholders(texto, sql, sizeof(sql))) < 0 ||
		    (st = nueva((int)s, n)) == NULL) {
			log_err("db: prepare %d: too long, or out of memory", (int)s);
			return NULL;
		}
		snprintf(nombre, sizeof(nombre), "s%d", (int)s);
		r = PQprepare(con, nombre, sql, 0, NULL);
		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			/* Classified as a step's failure: preparing an UPDATE or INSERT locks its
			 * table, so another writer's lock held past lock_timeout fails it here
			 * (db_ocupada: the server's 503), not only at its first step. */
			codigo(r);
			log_err("db: prepare %d: %s", (int)s, error);
			PQclear(r);
			stmt_free(st);
			return NULL;
		}
		PQclear(r);
		st->preparada = 1;
		st->deshace = strncmp(texto, "ROLLBACK", 8) == 0;
		cache[s] = st;
	}
	st = cache[s];
	db_pg_reset(st);
	memset(st->valores, 0, (size_t)st->nparams * sizeof(*st->valores));
	return st;
}

/* Binds fmt's arguments (see db_stmt in db.h). Returns 0, or -1 (logged). */
static int
bind_params(struct db_stmt *st, const char *fmt, va_list ap)
{
	int i, len;
	const void *p;

	if ((int)strlen(fmt) != st->nparams) {
		log_err("db: %d placeholders, %zu arguments", st->nparams, strlen(fmt));
		return -1;
	}
	for (i = 1; *fmt != '\0'; fmt++, i++) {
		switch (*fmt) {
		case 'i':
			db_pg_bind_int64(st, i, va_arg(ap, long long));
			break;
		case 't':
			db_pg_bind_text(st, i, va_arg(ap, const char *));
			break;
		case 'b':
			p = va_arg(ap, const void *);
			len = va_arg(ap, int);
			db_pg_bind_blob(st, i, p, len);
			break;
		default:
			db_pg_bind_null(st, i);
			break;
		}
	}
	return 0;
}

struct db_stmt *
db_pg_stmt_v(enum stmt s, const char *fmt, va_list ap)
{
	struct db_stmt *st = preparada(s);

	return st != NULL && bind_params(st, fmt, ap) == 0 ? st : NULL;
}

/* Whether parameter i (from 1) exists. */
static int
param(struct db_stmt *st, int i)
{
	return i >= 1 && i <= st->nparams;
}

int
db_pg_bind_int64(struct db_stmt *st, int i, long long v)
{
	if (!param(st, i))
		return DB_ERROR;
	snprintf(st->numeros[i - 1], sizeof(st->numeros[0]), "%lld", v);
	st->valores[i - 1] = st->numeros[i - 1];
	st->formatos[i - 1] = 0;
	return 0;
}

/* Parameter i's value: a copy of p's n bytes (NULL for NULL), kept with st until the next
 * bind: as SQLITE_TRANSIENT does, so a value on the caller's stack may go before the
 * statement's first step. Returns 0 or -1. */
static int
copy_param(struct db_stmt *st, int i, const void *p, size_t n)
{
	void *c = NULL;

	if (p != NULL && (c = malloc(n)) == NULL)
		return -1;
	if (c != NULL)
		memcpy(c, p, n);
	free(st->copias[i - 1]);
	st->copias[i - 1] = c;
	st->valores[i - 1] = c;
	return 0;
}

int
db_pg_bind_text(struct db_stmt *st, int i, const char *s)
{
	if (!param(st, i) || copy_param(st, i, s, s != NULL ? strlen(s) + 1 : 0) != 0)
		return DB_ERROR;
	st->formatos[i - 1] = 0;
	return 0;
}

int
db_pg_bind_blob(struct db_stmt *st, int i, const void *p, int n)
{
	if (!param(st, i))
		return DB_ERROR;
	/* SQLite binds NULL for a NULL pointer; an empty blob is "" of length 0. */
	if (copy_param(st, i, p == NULL ? NULL : n > 0 ? p : "", p == NULL ? 0 :
	    n > 0 ? (size_t)n : 1) != 0)
		return DB_ERROR;
	st->largos[i - 1] = n;
	st->formatos[i - 1] = 1;
	return 0;
}

int
db_pg_bind_null(struct db_stmt *st, int i)
{
	return db_pg_bind_text(st, i, NULL);
}

/* db_step's code for a failed result r; keeps its message, marks the transaction to be
 * retried on a serialization failure or deadlock, the connection ocupada on a lock wait. */
static int
codigo(const PGresult *r)
{
	const char *e = PQresultErrorField(r, PG_DIAG_SQLSTATE);

	save_error(r);
	if (e == NULL)
		return DB_ERROR;
	if (strncmp(e, "23", 2) == 0 || strcmp(e, "P0001") == 0)
		return DB_CONSTRAINT;
	if (strcmp(e, "40001") == 0 || strcmp(e, "40P01") == 0) {
		reintentar = 1;
		marca.reintentos++;
		return DB_RETRY;
	}
	if (strcmp(e, "55P03") == 0) {
		ocupada = 1;
		return DB_BUSY;
	}
	/* 25P02: a statement after one that failed as DB_RETRY in the same transaction. */
	if (reintentar && strcmp(e, "25P02") == 0) {
		marca.reintentos++;
		return DB_RETRY;
	}
	return DB_ERROR;
}

/* Readies st, whose rows are in st->res, for the steps. Returns DB_ROW, or DB_ERROR. */
static int
walk_rows(struct db_stmt *st)
{
	st->bytes = calloc((size_t)PQnfields(st->res) + 1, sizeof(*st->bytes));
	st->nbytes = calloc((size_t)PQnfields(st->res) + 1, sizeof(*st->nbytes));
	st->col = calloc((size_t)PQnfields(st->res) + 1, sizeof(*st->col));
	if (st->bytes == NULL || st->nbytes == NULL || st->col == NULL) {
		snprintf(error, sizeof(error), "out of memory");
		return DB_ERROR;
	}
	return DB_ROW;
}

/* Whether the open transaction is lost: a statement sent without waiting for its answer
 * (a batch's, db_exec_diferido's) failed. Whatever it runs next would fail too (a ROLLBACK
 * TO could even undo a savepoint of a step reported as written): not sent. The commit rolls
 * it back. */
static int
perdida(void)
{
	return lote_rc != 0 && db_pg_in_transaction();
}

/* Executes st: its rows wait in st->res. Returns DB_ROW (rows to walk), DB_DONE, or an
 * error code. */
static int
execute(struct db_stmt *st)
{
	char nombre[16];

	snprintf(nombre, sizeof(nombre), "s%d", st->id);
	serie += st->deshace;
	/* After the statements sent without their answers, in the same round trip: their
	 * answers and its come back together. */
	if (enviadas > 0 && lote_rc == 0 && PQsendQueryPrepared(con, nombre, st->nparams,
	    st->valores, st->largos, st->formatos, 0)) {
		enviadas++;
		read_answers(&st->res);
		if (PQresultStatus(st->res) == PGRES_PIPELINE_ABORTED) {
			PQclear(st->res);
			st->res = NULL;
		}
	} else
		read_lote();
	if (st->res == NULL && perdida())
		return lote_rc == DB_RETRY ? DB_RETRY : DB_ERROR;
	if (st->res == NULL)
		st->res = PQexecPrepared(con, nombre, st->nparams, st->valores, st->largos,
		    st->formatos, 0);
	/* A write outside a transaction is its own commit (db_marca). A write may draw from a
	 * sequence: the id an INSERT returned is lastval() until the next one. */
	if ((PQresultStatus(st->res) == PGRES_COMMAND_OK ||
	    PQresultStatus(st->res) == PGRES_TUPLES_OK) &&
	    strncmp(PQcmdStatus(st->res), "SELECT", 6) != 0) {
		devuelto_vale = strncmp(PQcmdStatus(st->res), "INSERT", 6) == 0 &&
		    PQntuples(st->res) == 1 && PQnfields(st->res) == 1 &&
		    strcmp(PQfname(st->res, 0), "id") == 0;
		if (devuelto_vale)
			devuelto = strtoll(PQgetvalue(st->res, 0, 0), NULL, 10);
		if (PQtransactionStatus(con) == PQTRANS_IDLE)
			marca.confirmadas++;
	}
	switch (PQresultStatus(st->res)) {
	case PGRES_COMMAND_OK:
		cambios = atoi(PQcmdTuples(st->res));
		return DB_DONE;
	case PGRES_TUPLES_OK:
		if (*PQcmdTuples(st->res) != '\0' && strncmp(PQcmdStatus(st->res), "SELECT", 6) != 0)
			cambios = atoi(PQcmdTuples(st->res));	/* a write's RETURNING */
		return walk_rows(st);
	default:
		devuelto_vale = 0;
		return codigo(st->res);
	}
}

int
db_pg_step(struct db_stmt *st)
{
	int rc;

	if (st->res == NULL && (rc = execute(st)) != DB_ROW)
		return rc;
	if (PQresultStatus(st->res) != PGRES_TUPLES_OK)
		return DB_DONE;
	free_bytes(st);
	return ++st->fila < PQntuples(st->res) ? DB_ROW : DB_DONE;
}

/* Whether column i of the current row can be read. */
static int
celda(struct db_stmt *st, int i)
{
	return st->res != NULL && st->fila >= 0 && st->fila < PQntuples(st->res) && i >= 0 &&
	    i < PQnfields(st->res) && !PQgetisnull(st->res, st->fila, i);
}

/* Column i's bytea, decoded once per row. */
static const unsigned char *
bytea(struct db_stmt *st, int i)
{
	if (st->bytes[i] == NULL)
		st->bytes[i] = PQunescapeBytea((const unsigned char *)PQgetvalue(st->res,
		    st->fila, i), &st->nbytes[i]);
	return st->bytes[i];
}

long long
db_pg_col_int64(struct db_stmt *st, int i)
{
	const char *s;

	if (!celda(st, i))
		return 0;
	s = PQgetvalue(st->res, st->fila, i);
	if (PQftype(st->res, i) == OID_BOOL)
		return *s == 't';
	if (strpbrk(s, ".eE") != NULL)
		return (long long)strtod(s, NULL);
	return strtoll(s, NULL, 10);
}

const char *
db_pg_col_text(struct db_stmt *st, int i)
{
	if (!celda(st, i))
		return NULL;
	switch (PQftype(st->res, i)) {
	case OID_BOOL:
		return *PQgetvalue(st->res, st->fila, i) == 't' ? "1" : "0";
	case OID_BYTEA:
		return (const char *)bytea(st, i);	/* PQunescapeBytea ends it with a NUL */
	default:
		return PQgetvalue(st->res, st->fila, i);
	}
}

const void *
db_pg_col_blob(struct db_stmt *st, int i)
{
	const char *s = db_pg_col_text(st, i);

	/* SQLite returns NULL for an empty blob. */
	return s != NULL && db_pg_col_bytes(st, i) > 0 ? s : NULL;
}

int
db_pg_col_bytes(struct db_stmt *st, int i)
{
	if (!celda(st, i))
		return 0;
	switch (PQftype(st->res, i)) {
	case OID_BOOL:
		return 1;
	case OID_BYTEA:
		return bytea(st, i) != NULL ? (int)st->nbytes[i] : 0;
	default:
		return PQgetlength(st->res, st->fila, i);
	}
}

int
db_pg_col_type(struct db_stmt *st, int i)
{
	if (!celda(st, i))
		return DB_NULL;
	switch (PQftype(st->res, i)) {
	case OID_BOOL: case OID_INT2: case OID_INT4: case OID_INT8: case OID_OID:
		return DB_INTEGER;
	case OID_FLOAT4: case OID_FLOAT8:
		return DB_FLOAT;
	case OID_NUMERIC:	/* sum() of bigints */
		return strchr(PQgetvalue(st->res, st->fila, i), '.') ? DB_FLOAT : DB_INTEGER;
	case OID_BYTEA:
		return DB_BLOB;
	default:
		return DB_TEXT;
	}
}

struct db_valor *
db_pg_col_valor(struct db_stmt *st, int i)
{
	if (st->res == NULL || i < 0 || i >= PQnfields(st->res))
		return NULL;
	st->col[i] = (struct db_valor){ st, i };
	return &st->col[i];
}

long long
db_pg_valor_int64(struct db_valor *v)
{
	return db_pg_col_int64(v->st, v->i);
}

const char *
db_pg_valor_text(struct db_valor *v)
{
	return db_pg_col_text(v->st, v->i);
}

const void *
db_pg_valor_blob(struct db_valor *v)
{
	return db_pg_col_blob(v->st, v->i);
}

int
db_pg_valor_bytes(struct db_valor *v)
{
	return db_pg_col_bytes(v->st, v->i);
}

int
db_pg_valor_type(struct db_valor *v)
{
	return db_pg_col_type(v->st, v->i);
}

/* db_pg_exec_v in a batch: sends statement st, bound, in pipeline mode; reads the answers
 * every DB_LOTE_TANDA statements. Returns 0, or the batch's first failure (nothing more is
 * sent after it: the transaction is lost). */
static int
send_lote(struct db_stmt *st)
{
	char nombre[16];

	if (lote_rc != 0)
		return lote_rc;
	devuelto_vale = 0;	/* the write may draw from a sequence */
	serie += st->deshace;
	snprintf(nombre, sizeof(nombre), "s%d", st->id);
	if ((PQpipelineStatus(con) == PQ_PIPELINE_OFF && !PQenterPipelineMode(con)) ||
	    !PQsendQueryPrepared(con, nombre, st->nparams, st->valores, st->largos,
	    st->formatos, 0)) {
		save_error(NULL);
		log_err("db: batch: %s", error);
		read_lote();
		return lote_rc = DB_ERROR;
	}
	return ++enviadas < DB_LOTE_TANDA ? 0 : read_lote();
}

void
db_pg_lote_begin(void)
{
	lote = 1;
	lote_rc = 0;
}

/* The commit and the rollback end it too, so a caller that leaves on a failure does not
 * leave the process sending. */
int
db_pg_lote_end(void)
{
	int rc = read_lote();

	lote = 0;
	lote_rc = 0;
	return rc;
}

int
db_pg_exec_diferido(struct db_stmt *st)
{
	int rc;

	/* Sent now, in pipeline mode; its answer is read with the COMMIT's, or before the next
	 * statement's. */
	if (turno_tomado && db_pg_in_transaction()) {
		rc = send_lote(st);
		db_pg_reset(st);
		return rc;
	}
	while ((rc = db_pg_step(st)) == DB_ROW)
		continue;
	db_pg_reset(st);
	return rc == DB_DONE ? 0 : rc;
}

int
db_pg_exec_v(enum stmt s, const char *fmt, va_list ap)
{
	struct db_stmt *st = db_pg_stmt_v(s, fmt, ap);
	int rc;

	if (st == NULL)
		return DB_ERROR;
	if (lote)
		return send_lote(st);
	while ((rc = db_pg_step(st)) == DB_ROW)
		continue;
	db_pg_reset(st);
	if (rc == DB_DONE)
		return 0;
	/* A DB_RETRY is the caller's to run again (db_tx_run, the server): not an error. */
	if (rc == DB_RETRY)
		log_info("db: step %d: %s", (int)s, error);
	else if (rc != DB_CONSTRAINT)
		log_err("db: step %d: %s", (int)s, error);
	return rc;
}

long long
db_pg_int_v(enum stmt s, long long dflt, const char *fmt, va_list ap)
{
	struct db_stmt *st = db_pg_stmt_v(s, fmt, ap);
	long long v = dflt;

	if (st == NULL)
		return dflt;
	if (db_pg_step(st) == DB_ROW)
		v = db_pg_col_int64(st, 0);
	db_pg_reset(st);
	return v;
}

const char *
db_pg_text(struct arena *a, struct db_stmt *st, int i)
{
	const char *s = db_pg_col_text(st, i);

	return s ? arena_strndup(a, s, (size_t)db_pg_col_bytes(st, i)) : NULL;
}

int
db_pg_in_transaction(void)
{
	return con != NULL && PQtransactionStatus(con) != PQTRANS_IDLE;
}

const char *
db_pg_errmsg(void)
{
	return error;
}

/* Connects again after the server closed the connection (a restart, a failover, an
 * administrator): the statements prepared on the old session are forgotten. */
static void
reconnect(void)
{
	size_t i;

	log_err("db: the PostgreSQL connection was lost: connecting again");
	for (i = 0; i < ST__MAX; i++) {
		if (cache[i] != NULL)
			stmt_free(cache[i]);
		cache[i] = NULL;
	}
	PQreset(con);
	espera_corta = 0;
	if (PQstatus(con) != CONNECTION_OK || set_espera(DB_ESPERA_MS) < 0)
		log_err("db: cannot connect to PostgreSQL again: %s", PQerrorMessage(con));
}

void
db_pg_release(void)
{
	size_t i;

	db_pg_lote_end();
	for (i = 0; i < ST__MAX; i++)
		if (cache[i] != NULL)
			db_pg_reset(cache[i]);
	if (con != NULL && PQstatus(con) == CONNECTION_BAD)
		reconnect();
	if (con != NULL && PQtransactionStatus(con) == PQTRANS_INERROR) {
		log_err("db: a failed transaction was left open: rolled back");
		db_pg_rollback();
	}
	if (espera_corta && con != NULL && PQtransactionStatus(con) == PQTRANS_IDLE) {
		if (set_espera(DB_ESPERA_MS) < 0)
			log_err("db: lock_timeout: %s", error);
		espera_corta = 0;
	}
	ocupada = 0;
}

/*
 * SERIALIZABLE, not REPEATABLE READ: SQLite's BEGIN IMMEDIATE runs one writer at a time,
 * so the handlers' transactions read, check and then write (a login free, a throttle's
 * count under its cap) as if alone. REPEATABLE READ (snapshot isolation) lets two such
 * transactions each miss the other's write (write skew); SERIALIZABLE detects it and fails
 * one with 40001, which db_tx_run retries.
 */
/* Drops the chain's tail read at the begin, when no one took it. */
static void
drop_cola(void)
{
	PQclear(cola);
	cola = NULL;
}

int
db_pg_begin(void)
{
	static const char *const begin = "BEGIN ISOLATION LEVEL SERIALIZABLE";
	char sql[160];
	struct db_stmt *st;
	PGresult *r;
	int rc;

	reintentar = 0;
	turno_tomado = 0;
	serie++;
	drop_cola();
	shorten_espera();
	/* The turn, in the same round trip: LOCK TABLE takes no snapshot, so the first query
	 * after it takes one once the turn is ours (waited for up to lock_timeout, as any lock:
	 * DB_BUSY then), and that query reads the chain's tail, which the first audit row of
	 * the transaction takes (db_pg_adelantada) instead of reading it again. */
	if (turno && (st = preparada(ST_AUDITORIA_COLA)) != NULL)
		snprintf(sql, sizeof(sql), "%s; LOCK TABLE auditoria_ancla IN SHARE ROW EXCLUSIVE "
		    "MODE; EXECUTE s%d", begin, st->id);
	else if (turno) {
		log_err("db: begin: the audit chain's tail cannot be read");
		return DB_ERROR;
	}
	read_lote();
	r = PQexec(con, turno ? sql : begin);
	rc = PQresultStatus(r) == PGRES_COMMAND_OK ||
	    (turno && PQresultStatus(r) == PGRES_TUPLES_OK) ? 0 : codigo(r);
	if (rc != 0) {
		PQclear(r);
		log_err("db: begin: %s", error);
		db_pg_rollback();
		return rc == DB_BUSY || rc == DB_RETRY ? rc : DB_ERROR;
	}
	if (turno)
		cola = r;
	else
		PQclear(r);
	turno_tomado = turno;
	return 0;
}

struct db_stmt *
db_pg_adelantada(enum stmt s)
{
	struct db_stmt *st;

	if (s != ST_AUDITORIA_COLA || cola == NULL || !db_pg_in_transaction() ||
	    (st = cache[s]) == NULL)
		return NULL;
	db_pg_reset(st);
	st->res = cola;
	cola = NULL;
	if (walk_rows(st) != DB_ROW) {
		db_pg_reset(st);
		return NULL;
	}
	return st;
}

int
db_pg_turno(int on)
{
	int antes = turno;

	turno = on;
	return antes;
}

int
db_pg_turno_tomado(void)
{
	return turno_tomado && db_pg_in_transaction();
}

int
db_pg_commit(void)
{
	PGresult *r;
	int rc = 0;

	serie++;
	drop_cola();
	/* Writes sent without their answers (a batch, the audit row: db_pg_exec_diferido): the
	 * COMMIT goes after them, and their answers and its come back in one round trip. */
	if (PQpipelineStatus(con) != PQ_PIPELINE_OFF && lote_rc == 0 &&
	    PQsendQueryParams(con, "COMMIT", 0, NULL, NULL, NULL, NULL, 0)) {
		lote_ultimo[0] = '\0';
		rc = db_pg_lote_end();
		r = NULL;
	} else {
		if ((rc = db_pg_lote_end()) == 0)
			r = PQexec(con, "COMMIT");
		else
			r = NULL;
	}
	if (rc != 0) {
		/* A write of it failed: the transaction is lost, and ends here, as a COMMIT that
		 * fails ends it. */
		if (db_pg_in_transaction())
			orden("ROLLBACK");
	} else if (r == NULL && strcmp(lote_ultimo, "COMMIT") == 0)
		marca.confirmadas++;
	else if (r == NULL && strcmp(lote_ultimo, "ROLLBACK") != 0)
		rc = codigo(NULL);
	else if (r != NULL && PQresultStatus(r) != PGRES_COMMAND_OK)
		rc = codigo(r);
	else if (strcmp(r != NULL ? PQcmdStatus(r) : lote_ultimo, "ROLLBACK") == 0) {
		/* The transaction had failed: COMMIT rolled it back. */
		snprintf(error, sizeof(error), "the transaction failed before its commit");
		rc = reintentar ? DB_RETRY : DB_ERROR;
		if (rc == DB_RETRY)
			marca.reintentos++;
	} else
		marca.confirmadas++;
	PQclear(r);
	if (rc != 0 && rc != DB_RETRY)
		log_err("db: commit: %s", error);
	reintentar = 0;
	return rc;
}

void
db_pg_rollback(void)
{
	serie++;
	db_pg_lote_end();
	drop_cola();
	if (db_pg_in_transaction() && orden("ROLLBACK") < 0)
		log_err("db: rollback: %s", error);
	reintentar = 0;
}

/* The id the last write returned when it was an INSERT ... RETURNING id (no round trip);
 * else lastval(), inside a transaction under a savepoint: lastval() fails (55000) when no
 * sequence was drawn yet, which would abort the caller's transaction. */
long long
db_pg_last_id(void)
{
	const char *sql = db_pg_in_transaction() ?
	    "SAVEPOINT ultimo; SELECT lastval(); RELEASE SAVEPOINT ultimo" : "SELECT lastval()";
	PGresult *r;
	long long v = 0;
	int fallo = 0;

	read_lote();
	if (devuelto_vale)
		return devuelto;
	if (!PQsendQuery(con, sql))
		return 0;
	while ((r = PQgetResult(con)) != NULL) {
		if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
			v = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
		else if (PQresultStatus(r) == PGRES_FATAL_ERROR)
			fallo = 1;
		PQclear(r);
	}
	if (fallo && db_pg_in_transaction()) {
		serie++;
		orden("ROLLBACK TO SAVEPOINT ultimo; RELEASE SAVEPOINT ultimo");
	}
	return v;
}

long long
db_pg_serie(void)
{
	return serie;
}

void
db_pg_marca(struct db_marca *m)
{
	*m = marca;
}

int
db_pg_changes(void)
{
	return cambios;
}

/* The version's table, as db/pg/cluster.sh migrate makes it: in schema migracion (not
 * public, whose tables are the portal's). */
#define VERSION_CREAR	"CREATE SCHEMA IF NOT EXISTS migracion; " \
	"CREATE TABLE IF NOT EXISTS migracion.version (n integer NOT NULL); " \
	"INSERT INTO migracion.version SELECT 0 WHERE NOT EXISTS (SELECT FROM migracion.version)"

/* The database's migration number, or -1 (logged). */
static int
version(void)
{
	PGresult *r;
	int n = -1;

	if (orden(VERSION_CREAR) < 0) {
		log_err("db: migracion.version: %s", error);
		return -1;
	}
	r = PQexec(con, "SELECT n FROM migracion.version");
	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
		n = atoi(PQgetvalue(r, 0, 0));
	PQclear(r);
	return n;
}

/* Applies dir/pg/name and sets the version to num, in one transaction. */
static int
apply_migration(const char *dir, const char *name, int num)
{
	char path[4200], ver[64], *sql;
	int rc = -1;

	snprintf(path, sizeof(path), "%s/pg/%s", dir, name);
	if ((sql = archivo_read(path)) == NULL) {
		log_err("db: cannot read %s", path);
		return -1;
	}
	snprintf(ver, sizeof(ver), "UPDATE migracion.version SET n = %d", num);
	if (orden("BEGIN") == 0 && orden(sql) == 0 && orden(ver) == 0 && orden("COMMIT") == 0) {
		log_info("db: applied pg/%s", name);
		rc = 0;
	} else {
		log_err("db: pg/%s: %s", name, error);
		orden("ROLLBACK");
	}
	free(sql);
	return rc;
}

static int
nombrecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
db_pg_migrate_archivo(const char *dir, const char *name)
{
	int cur = version();

	if (cur < 0)
		return -1;
	return apply_migration(dir, name, cur > atoi(name) ? cur : atoi(name));
}

int
db_pg_migrate(const char *dir)
{
	char path[4200], *names[512];
	struct dirent *de;
	size_t n = 0, i;
	int cur = version(), rc = 0;
	DIR *d;

	snprintf(path, sizeof(path), "%s/pg", dir);
	if (cur < 0 || (d = opendir(path)) == NULL) {
		log_err("db: cannot migrate from %s", path);
		return -1;
	}
	while ((de = readdir(d)) != NULL && n < 512)
		if (de->d_name[0] >= '0' && de->d_name[0] <= '9' && strlen(de->d_name) > 4 &&
		    strcmp(de->d_name + strlen(de->d_name) - 4, ".sql") == 0)
			names[n++] = strdup(de->d_name);
	closedir(d);
	qsort(names, n, sizeof(names[0]), nombrecmp);
	for (i = 0; i < n; i++) {
		if (rc == 0 && names[i] != NULL && atoi(names[i]) > cur)
			rc = apply_migration(dir, names[i], atoi(names[i]));
		free(names[i]);
	}
	return rc;
}
