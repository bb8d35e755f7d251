/*
 * The SQLite engine's names (issue 14). cgi/core/db.c and cgi/core/db_sqlite.c include this
 * first, with DB_LITE_RENOMBRAR defined: the seam functions of core/db.h they define are
 * then named db_lite_* (function-like macros: `struct db_stmt` keeps its name), and
 * cgi/core/db_motor.c defines the db_* names, each calling the SQLite engine or the
 * PostgreSQL one (cgi/core/db_pg.h) as db_open chose. Functions left out here are the
 * engine's own (db_handle), only ever called by SQLite (db_ctx_*, inside its callbacks), or
 * hold no engine state (db_sincrono*, db_modo_servidor, db_cuenta*): one definition serves.
 * The variadic three (db_stmt, db_exec, db_int) keep their names: each turns to
 * db_pg_*_v itself when db_es_pg(). A function added to db.h that reads the connection
 * belongs in both lists below and in db_motor.c; the compiler checks the prototypes below
 * against db.h's in db.c and db_sqlite.c.
 */
#ifndef DB_LITE_H
#define DB_LITE_H
#include <stddef.h>

#include "core/arena.h"
#include "core/sql.h"

struct db_stmt;
struct db_valor;
struct db_ctx;
typedef void db_fn(struct db_ctx *, int argc, struct db_valor **argv);
typedef void db_fn_fin(struct db_ctx *);

int db_lite_open(const char *path);
void db_lite_close(void);
int db_lite_ocupada(void);
int db_lite_migrate(const char *dir);
int db_lite_migrate_archivo(const char *dir, const char *name);
void db_lite_release(void);
void db_lite_lectura(void);
int db_lite_begin(void);
int db_lite_commit(void);
void db_lite_rollback(void);
int db_lite_wal_punto(long long limite, int cortar, int *frames, int *hechos);
void db_lite_wal_prepare(void);
long long db_lite_last_id(void);
int db_lite_changes(void);
const char *db_lite_text(struct arena *, struct db_stmt *, int i);
int db_lite_bind_int64(struct db_stmt *, int i, long long v);
int db_lite_bind_int(struct db_stmt *, int i, int v);
int db_lite_bind_text(struct db_stmt *, int i, const char *s);
int db_lite_bind_blob(struct db_stmt *, int i, const void *p, int n);
int db_lite_bind_null(struct db_stmt *, int i);
int db_lite_step(struct db_stmt *);
void db_lite_reset(struct db_stmt *);
long long db_lite_col_int64(struct db_stmt *, int i);
int db_lite_col_int(struct db_stmt *, int i);
const char *db_lite_col_text(struct db_stmt *, int i);
const void *db_lite_col_blob(struct db_stmt *, int i);
int db_lite_col_bytes(struct db_stmt *, int i);
int db_lite_col_type(struct db_stmt *, int i);
int db_lite_col_null(struct db_stmt *, int i);
int db_lite_in_transaction(void);
const char *db_lite_errmsg(void);
long long db_lite_valor_int64(struct db_valor *);
const char *db_lite_valor_text(struct db_valor *);
const void *db_lite_valor_blob(struct db_valor *);
int db_lite_valor_bytes(struct db_valor *);
int db_lite_valor_type(struct db_valor *);
struct db_valor *db_lite_col_valor(struct db_stmt *, int i);
int db_lite_funcion(const char *nombre, int nargs, int flags, db_fn *fn, db_fn_fin *fin);
#endif

#ifdef DB_LITE_RENOMBRAR
#define db_open(...)		db_lite_open(__VA_ARGS__)
#define db_close(...)		db_lite_close(__VA_ARGS__)
#define db_ocupada(...)		db_lite_ocupada(__VA_ARGS__)
#define db_migrate(...)		db_lite_migrate(__VA_ARGS__)
#define db_migrate_archivo(...)	db_lite_migrate_archivo(__VA_ARGS__)
#define db_release(...)		db_lite_release(__VA_ARGS__)
#define db_lectura(...)		db_lite_lectura(__VA_ARGS__)
#define db_begin(...)		db_lite_begin(__VA_ARGS__)
#define db_commit(...)		db_lite_commit(__VA_ARGS__)
#define db_rollback(...)	db_lite_rollback(__VA_ARGS__)
#define db_wal_punto(...)	db_lite_wal_punto(__VA_ARGS__)
#define db_wal_prepare(...)	db_lite_wal_prepare(__VA_ARGS__)
#define db_last_id(...)		db_lite_last_id(__VA_ARGS__)
#define db_changes(...)		db_lite_changes(__VA_ARGS__)
#define db_text(...)		db_lite_text(__VA_ARGS__)
#define db_bind_int64(...)	db_lite_bind_int64(__VA_ARGS__)
#define db_bind_int(...)	db_lite_bind_int(__VA_ARGS__)
#define db_bind_text(...)	db_lite_bind_text(__VA_ARGS__)
#define db_bind_blob(...)	db_lite_bind_blob(__VA_ARGS__)
#define db_bind_null(...)	db_lite_bind_null(__VA_ARGS__)
#define db_step(...)		db_lite_step(__VA_ARGS__)
#define db_reset(...)		db_lite_reset(__VA_ARGS__)
#define db_col_int64(...)	db_lite_col_int64(__VA_ARGS__)
#define db_col_int(...)		db_lite_col_int(__VA_ARGS__)
#define db_col_text(...)	db_lite_col_text(__VA_ARGS__)
#define db_col_blob(...)	db_lite_col_blob(__VA_ARGS__)
#define db_col_bytes(...)	db_lite_col_bytes(__VA_ARGS__)
#define db_col_type(...)	db_lite_col_type(__VA_ARGS__)
#define db_col_null(...)	db_lite_col_null(__VA_ARGS__)
#define db_in_transaction(...)	db_lite_in_transaction(__VA_ARGS__)
#define db_errmsg(...)		db_lite_errmsg(__VA_ARGS__)
#define db_valor_int64(...)	db_lite_valor_int64(__VA_ARGS__)
#define db_valor_text(...)	db_lite_valor_text(__VA_ARGS__)
#define db_valor_blob(...)	db_lite_valor_blob(__VA_ARGS__)
#define db_valor_bytes(...)	db_lite_valor_bytes(__VA_ARGS__)
#define db_valor_type(...)	db_lite_valor_type(__VA_ARGS__)
#define db_col_valor(...)	db_lite_col_valor(__VA_ARGS__)
#define db_funcion(...)		db_lite_funcion(__VA_ARGS__)
#endif
