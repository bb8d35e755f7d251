/* The worker's SQLite connection, migrations and statement helpers. */
#ifndef DB_H
#define DB_H
#include <stddef.h>

#include <sqlite3.h>

#include "core/arena.h"
#include "core/sql.h"

/* How long a writer waits for the writers' lock, or a statement for another connection's
 * write lock, before giving up (SQLITE_BUSY). */
#define DB_ESPERA_MS	2000
/* The WAL's bound: over it the master's checkpoint truncates the file (cgi/core/wal.h). A WAL that
 * starts over is cut back to a quarter of it (journal_size_limit). */
#define DB_WAL_LIMITE	(64LL << 20)

/*
 * Opens path with WAL, foreign keys, synchronous as PORTAL_SINCRONO says (read back: a
 * mode that did not take fails), journal_size_limit DB_WAL_LIMITE / 4, a busy handler
 * (DB_ESPERA_MS), and this process's
 * fd of the writers' lock file, escritura.lock beside the database: db_begin takes it
 * (flock, at most DB_ESPERA_MS), the end of the transaction lets it go, so writers queue
 * in the kernel and each wakes as soon as the one before is done; a write run outside a
 * transaction takes it for its statement. The kernel lets a dead process's lock go.
 * Returns 0 or -1 (logged).
 */
int db_open(const char *path);
/* Reads PORTAL_SINCRONO: NORMAL (the default: in WAL mode a power loss may lose the last
 * commits, never the database's consistency) or FULL (each commit synced to disk before it
 * is acknowledged). Returns 0, or -1 with the message (Spanish) in err. */
int db_sincrono_config(char *err, size_t n);
/* "NORMAL" or "FULL": what db_open sets. */
const char *db_sincrono(void);
/* The server calls it before it forks: connections opened after it leave checkpoints to
 * the master's job (cgi/core/wal.h) until the WAL passes DB_WAL_LIMITE; the counts of db_cuenta
 * start again at 0. */
void db_modo_servidor(void);
/* What this process's writers waited for, since it started. */
struct db_cuenta {
	long long	escrituras;	/* times the writers' lock was taken */
	long long	esperas;	/* of them, found the writers' lock taken: waited */
	long long	espera_us, espera_max_us;	/* time waited for it, in all and at most */
	long long	ocupado;	/* busy-handler sleeps (SQLite's lock held elsewhere) */
	long long	ocupado_us;	/* time slept in them */
};
const struct db_cuenta *db_cuenta(void);
/* Logs db_cuenta when there were writes: "db: pid P: W writes, E waited for the write lock
 * (T ms in all, at most M ms), busy handler B times (S ms)" (a worker as it stops; make
 * bench sums these lines). */
void db_cuenta_log(void);
/* Whether, since the last db_release, a statement gave up waiting for the write lock (the
 * database stayed locked by another writer DB_ESPERA_MS): the server then answers 503 with
 * Retry-After instead of the handler's error. Later waits of the same request give up at
 * once. */
int db_ocupada(void);
void db_close(void);
/* Applies db/migrations/NNN_*.sql newer than PRAGMA user_version, each in a transaction;
 * then completes the audit chain (cadena_asegurar). */
int db_migrate(const char *dir);
/* Applies migration file name of dir whatever the user_version (which becomes its number,
 * or stays when higher): for a migration whose number another file shares, skipped by a
 * database already at that number (cadena_asegurar). Returns 0 or -1 (logged). */
int db_migrar_archivo(const char *dir, const char *name);

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

/* Resets every statement of the connection a handler left part-way (a one-row read not
 * stepped to its end): an unfinished statement keeps a read transaction, so the worker
 * would go on seeing old data, its next write could fail, and no checkpoint could pass
 * it; lets the writers' lock go if no transaction is open; and clears db_ocupada. The
 * server calls it after each request, the mailer after each pass. */
void db_release(void);

/* BEGIN IMMEDIATE, the writers' lock taken first; COMMIT; ROLLBACK (when a transaction is
 * open). Commit and rollback let the lock go once no transaction is open. */
int db_begin(void);
int db_commit(void);
void db_rollback(void);
/* One checkpoint of the master's job (cgi/core/wal.h): PASSIVE (the writers go on); then, when every
 * frame is in the database and the WAL file is over limite bytes, TRUNCATE under the
 * writers' lock when it is free at once (the WAL's readers waited for 200 ms at most). Sets *frames and *hechos:
 * the WAL's frames and those in the database. Returns 0 (all in), 1 (some wait: a reader
 * holds an older snapshot, or another checkpoint runs) or -1 (an error, logged). */
int db_wal_punto(long long limite, int *frames, int *hechos);

long long db_last_id(void);
int db_changes(void);
/* Copies text column i into the arena, or NULL when it is NULL. */
const char *db_text(struct arena *, sqlite3_stmt *, int i);
sqlite3 *db_handle(void);
#endif
