/*
 * The PostgreSQL engine behind cgi/core/db.h (issue 14), through libpq: one connection per
 * process (each worker opens its own after the fork), each statement of cgi/core/sql.h prepared
 * once on it, with SQLite's placeholders ?, ?NNN rewritten as $N. cgi/core/db_motor.c calls
 * these when PORTAL_DB is a postgresql:// URL; each has the contract of its db_* name in
 * db.h, with the differences written here.
 */
#ifndef DB_PG_H
#define DB_PG_H
#include <stdarg.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/sql.h"

struct db_marca;
struct db_stmt;
struct db_valor;

/* PostgreSQL's text of a statement whose SQLite text it does not take, or NULL
 * (cgi/core/sql_pg.c). */
extern const char *const stmts_pg[ST__MAX];

/* Whether db_open chose PostgreSQL (core/db_motor.c). */
int db_es_pg(void);
/* Whether s names a PostgreSQL database: postgresql:// or postgres://. */
int db_pg_url(const char *s);
/*
 * Copies sql into out (n bytes) with SQLite's placeholders numbered as PostgreSQL's: ?NNN
 * becomes $NNN, a bare ? the next number after the largest so far (SQLite's rule). Quoted
 * strings and identifiers are copied as they are. Returns the number of parameters (the
 * largest), or -1 when out is too small.
 */
int db_pg_placeholders(const char *sql, char *out, size_t n);

/* Connects to url; sets lock_timeout to DB_ESPERA_MS (a lock waited for longer: DB_BUSY,
 * and db_ocupada). Returns 0 or -1 (logged). */
int db_pg_open(const char *url);
void db_pg_close(void);
int db_pg_ocupada(void);
/* Applies dir/pg/NNN_*.sql newer than migracion.version (the bookkeeping of
 * db/pg/cluster.sh migrate), each file and its number in one transaction (db_migrate then
 * completes the audit chain, cadena_ensure, as on SQLite). */
int db_pg_migrate(const char *dir);
int db_pg_migrate_archivo(const char *dir, const char *name);

/* The statement (stmts_pg[st], or sql_texto(st)), prepared on first use; NULL when it does
 * not prepare (logged). */
struct db_stmt *db_pg_stmt_v(enum stmt st, const char *fmt, va_list ap);
/* db_exec and db_int; db_exec returns DB_RETRY (a serialization failure or deadlock: the
 * transaction is lost, roll back and run it again) and DB_BUSY besides db.h's codes. */
int db_pg_exec_v(enum stmt st, const char *fmt, va_list ap);
long long db_pg_int_v(enum stmt st, long long dflt, const char *fmt, va_list ap);
/* Resets every statement; rolls back a transaction a failed statement left aborted (on
 * PostgreSQL it would refuse every later statement of the worker); connects again when the
 * connection was lost (the request that found it lost failed; the next one works). */
void db_pg_release(void);
/* BEGIN ISOLATION LEVEL SERIALIZABLE; COMMIT (DB_RETRY when PostgreSQL could not
 * serialize it, or a statement of it failed so); ROLLBACK when a transaction is open. */
int db_pg_begin(void);
/* db_turno: on, db_pg_begin also locks auditoria_ancla (SHARE ROW EXCLUSIVE: one such
 * transaction at a time, and the audit writers' update of its row waits) and then reads
 * the chain's tail, in the same round trip: the lock before the transaction's first
 * query takes its snapshot. Returns the
 * previous setting. db_pg_turno_tomado: whether the open transaction began so. */
int db_pg_turno(int on);
int db_pg_turno_tomado(void);
/* db_adelantada: statement s (ST_AUDITORIA_COLA) with the rows the turn's begin read, once
 * per transaction; NULL otherwise. */
struct db_stmt *db_pg_adelantada(enum stmt s);
/* db_exec_diferido: in a transaction begun with the turn, st is sent in pipeline mode, its
 * answer read with the next statement's (sent after it, in the same round trip) or the
 * COMMIT's (db_pg_commit sends COMMIT after whatever is in flight, a batch's too); else it
 * runs now. */
int db_pg_exec_diferido(struct db_stmt *st);
/* db_serie: moves at each begin, commit, rollback, and ROLLBACK (TO) statement run or sent
 * (its text begins so). */
long long db_pg_serie(void);
int db_pg_commit(void);
/* db_lote: db_pg_exec_v sends while it is on (db_pg_lote_begin), db_pg_lote_end reads
 * every answer and leaves it. */
void db_pg_lote_begin(void);
int db_pg_lote_end(void);
void db_pg_rollback(void);
/* db_marca: the commits (COMMIT, and a write outside a transaction) and the DB_RETRY
 * failures counted since the process connected. */
void db_pg_marca(struct db_marca *);
/* lastval(): the id the connection's last INSERT into an identity column drew; read from
 * the INSERT itself when its text ends in RETURNING id (cgi/core/sql_pg.c). */
long long db_pg_last_id(void);
/* The rows the last INSERT, UPDATE or DELETE touched (PQcmdTuples). */
int db_pg_changes(void);
const char *db_pg_text(struct arena *, struct db_stmt *, int i);

int db_pg_bind_int64(struct db_stmt *, int i, long long v);
int db_pg_bind_text(struct db_stmt *, int i, const char *s);
int db_pg_bind_blob(struct db_stmt *, int i, const void *p, int n);
int db_pg_bind_null(struct db_stmt *, int i);
/* The first step executes the statement (text parameters, blobs binary), the next ones
 * walk its rows. Errors: class 23 (integrity) and P0001 (a trigger's RAISE) are
 * DB_CONSTRAINT, 40001 and 40P01 DB_RETRY, 55P03 (lock_timeout) DB_BUSY. */
int db_pg_step(struct db_stmt *);
void db_pg_reset(struct db_stmt *);
/* Columns: booleans read as 1 and 0 (text "1", "0"), bytea as its bytes, numeric with no
 * fraction as an integer. */
long long db_pg_col_int64(struct db_stmt *, int i);
const char *db_pg_col_text(struct db_stmt *, int i);
const void *db_pg_col_blob(struct db_stmt *, int i);
int db_pg_col_bytes(struct db_stmt *, int i);
int db_pg_col_type(struct db_stmt *, int i);
int db_pg_in_transaction(void);
const char *db_pg_errmsg(void);
/* A column as a db_valor (valid until the next step); the db_valor_* readers. */
struct db_valor *db_pg_col_valor(struct db_stmt *, int i);
long long db_pg_valor_int64(struct db_valor *);
const char *db_pg_valor_text(struct db_valor *);
const void *db_pg_valor_blob(struct db_valor *);
int db_pg_valor_bytes(struct db_valor *);
int db_pg_valor_type(struct db_valor *);
#endif
