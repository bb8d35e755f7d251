/* The worker's SQLite connection, migrations and statement helpers. */
#ifndef DB_H
#define DB_H
#include <sqlite3.h>

#include "arena.h"
#include "sql.h"

/* How long a statement waits for another connection's write lock before SQLITE_BUSY. */
#define DB_ESPERA_MS	2000

/* Opens path with WAL, foreign keys and a busy handler (DB_ESPERA_MS). Returns 0 or -1
 * (logged). */
int db_open(const char *path);
/* The server calls it before it forks: connections opened after it log at db_close what
 * their writers waited. */
void db_modo_servidor(void);
/* What this process's writers waited for, since it started. */
struct db_cuenta {
	long long	escrituras;	/* write transactions begun */
	long long	esperas;	/* of them, found the writers' lock taken: waited */
	long long	espera_us, espera_max_us;	/* time waited for it, in all and at most */
	long long	ocupado;	/* busy-handler sleeps (SQLite's lock held elsewhere) */
	long long	ocupado_us;	/* time slept in them */
};
const struct db_cuenta *db_cuenta(void);
/* Whether, since the last db_release, a statement gave up waiting for the write lock (the
 * database stayed locked by another writer DB_ESPERA_MS): the server then answers 503 with
 * Retry-After instead of the handler's error. Later waits of the same request give up at
 * once. */
int db_ocupada(void);
void db_close(void);
/* Applies db/migrations/NNN_*.sql newer than PRAGMA user_version, each in a transaction. */
int db_migrate(const char *dir);

/*
 * Returns statement st, prepared once per worker, reset, with arguments bound by fmt:
 * 'i' long long, 't' const char * (NULL binds NULL), 'b' const void *, int length,
 * 'n' NULL. Returns NULL on failure (logged). The caller steps it; db_stmt resets it next time.
 */
sqlite3_stmt *db_stmt(enum stmt st, const char *fmt, ...);
/* Runs a statement to completion. Returns 0, DB_CONSTRAINT, or -1 (logged). */
#define DB_CONSTRAINT	(-2)
int db_exec(enum stmt st, const char *fmt, ...);
/* Runs a one-row one-column integer query; returns dflt when there is no row or on error. */
long long db_int(enum stmt st, long long dflt, const char *fmt, ...);

/* Resets every statement a handler left part-way (a one-row read not stepped to its end):
 * an unfinished statement keeps a read transaction, so the worker would go on seeing old
 * data and its next write could fail; and clears db_ocupada. The server calls it after
 * each request, the mailer after each pass. */
void db_release(void);

int db_begin(void);
int db_commit(void);
void db_rollback(void);

long long db_last_id(void);
int db_changes(void);
/* Copies text column i into the arena, or NULL when it is NULL. */
const char *db_text(struct arena *, sqlite3_stmt *, int i);
sqlite3 *db_handle(void);
#endif
