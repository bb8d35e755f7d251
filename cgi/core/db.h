/* The worker's SQLite connection, migrations and statement helpers. */
#ifndef DB_H
#define DB_H
#include <stddef.h>

#include "core/arena.h"
#include "core/sql.h"

/* One of db_stmt()'s prepared statements: the seam's handle (see db_step, below). */
struct db_stmt;

/* How long a writer waits for the writers' lock, or a statement for another connection's
 * write lock, before giving up (SQLITE_BUSY). */
#define DB_ESPERA_MS	2000
/* The WAL's bound: the master's job cuts a file over it (cgi/core/wal.h); a command's WAL
 * that starts over is cut back to it (journal_size_limit). */
#define DB_WAL_LIMITE	(64LL << 20)
/* The master's checkpoint (db_wal_punto): at most this many passes outside the writers'
 * lock, another while one took over DB_WAL_PASADA_US; the lock waited for at most
 * DB_WAL_ESPERA_MS. */
#define DB_WAL_PASADAS		4
#define DB_WAL_PASADA_US	5000
#define DB_WAL_ESPERA_MS	250
/* A job that held the writers' lock this long says so (wal: the job held …). */
#define DB_WAL_AVISO_MS		10
/* Under the writers' lock the job waits this long at most for readers on the WAL. */
#define DB_WAL_LECTORES_MS	5
/* The job's rounds while the WAL is written (cgi/core/wal.c). */
#define DB_WAL_VUELTA_MS	100
/* While writes go on, each start-over of the job cuts a WAL file over DB_WAL_LIMITE by at
 * most this much (the cut frees blocks under the writers' lock: 9 ms for 34 MB seen). */
#define DB_WAL_RECORTE	(16LL << 20)
/* Should the job not run, a worker's commit checkpoints past this many bytes of frames. */
#define DB_WAL_GUARDA	(4 * DB_WAL_LIMITE)

/*
 * Opens path with WAL, foreign keys, synchronous as PORTAL_SINCRONO says (read back: a
 * mode that did not take fails), journal_size_limit DB_WAL_LIMITE, a busy handler
 * (DB_ESPERA_MS), and this process's
 * fd of the writers' lock file, escritura.lock beside the database: db_begin takes it
 * (flock, at most DB_ESPERA_MS), the end of the transaction lets it go, so writers queue
 * in the kernel and each wakes as soon as the one before is done; a write run outside a
 * transaction takes it for its statement. The kernel lets a dead process's lock go.
 * Returns 0 or -1 (logged).
 */
int db_open(const char *path);
/* A feature's SQL functions that its statements or migrations call (ap_hist, cgi/ap/): a
 * function that registers them on the connection db_open just opened (db_funcion, below)
 * and returns 0, or -1. */
typedef int (*db_funciones_fn)(void);
/* The wiring (cgi/main.c) gives the table once, before the first db_open; db_open registers
 * every row on each connection it opens, in order (kept, not copied). */
void db_funciones(const db_funciones_fn *tabla, size_t n);
/* Reads PORTAL_SINCRONO: NORMAL (the default: in WAL mode a power loss may lose the last
 * commits, never the database's consistency) or FULL (each commit synced to disk before it
 * is acknowledged). Returns 0, or -1 with the message (Spanish) in err. */
int db_sincrono_config(char *err, size_t n);
/* "NORMAL" or "FULL": what db_open sets. */
const char *db_sincrono(void);
/* The server calls it before it forks: connections opened after it leave checkpoints, the
 * WAL's start-overs and the cut of its file to the master's job (cgi/core/wal.h): no
 * journal_size_limit, a checkpoint in a commit only past DB_WAL_GUARDA, a commit that
 * started the WAL counted; the counts of db_cuenta start again at 0. */
void db_modo_servidor(void);
/* What this process's writers waited for, since it started. */
struct db_cuenta {
	long long	escrituras;	/* times the writers' lock was taken */
	long long	esperas;	/* of them, found the writers' lock taken: waited */
	long long	espera_us, espera_max_us;	/* time waited for it, in all and at most */
	long long	ocupado;	/* busy-handler sleeps (SQLite's lock held elsewhere) */
	long long	ocupado_us;	/* time slept in them */
	long long	retenido_us, retenido_max_us;	/* time it held the writers' lock */
	long long	puntos, puntos_us;	/* checkpoints run in its own commits (db_open) */
	long long	reinicios, reinicios_us;	/* its commits that started the WAL over */
};
const struct db_cuenta *db_cuenta(void);
/* Logs db_cuenta when there were writes: "db: pid P: W writes, E waited for the write lock
 * (T ms in all, at most M ms), busy handler B times (S ms); held it H ms in all, at most
 * X ms; checkpoints in its commits C (D ms); WAL starts in its commits R (Q ms)" (a worker
 * as it stops; make bench sums these lines). */
void db_cuenta_log(void);
/* Whether, since the last db_release, a statement gave up waiting for the write lock (the
 * database stayed locked by another writer DB_ESPERA_MS): the server then answers 503 with
 * Retry-After instead of the handler's error. Later waits of the same request give up at
 * once. */
int db_ocupada(void);
void db_close(void);
/* Applies db/migrations/NNN_*.sql newer than PRAGMA user_version (PostgreSQL: pg/NNN_*.sql,
 * migracion.version), each in a transaction; then, on either engine, completes the audit
 * chain (cadena_ensure). */
int db_migrate(const char *dir);
/* Applies migration file name of dir whatever the user_version (which becomes its number,
 * or stays when higher): for a migration whose number another file shares, skipped by a
 * database already at that number (cadena_ensure). Returns 0 or -1 (logged). */
int db_migrate_archivo(const char *dir, const char *name);

/*
 * Returns statement st, prepared once per worker, reset, with arguments bound by fmt:
 * 'i' long long, 't' const char * (NULL binds NULL), 'b' const void *, int length,
 * 'n' NULL. Returns NULL on failure (logged). The caller steps it; db_stmt resets it next time.
 */
struct db_stmt *db_stmt(enum stmt st, const char *fmt, ...);
/* Runs a statement to completion. Returns 0, DB_CONSTRAINT, or -1 (logged). ST_AUDIT_INSERT
 * takes the row's eight fields and goes to cgi/core/cadena.c (cadena_insert_v), which
 * numbers and chains it. */
#define DB_CONSTRAINT	(-2)
int db_exec(enum stmt st, const char *fmt, ...);
/* Runs a one-row one-column integer query; returns dflt when there is no row or on error. */
long long db_int(enum stmt st, long long dflt, const char *fmt, ...);

/*
 * A batch of writes whose outcomes are read together (the bulk loads of cgi/tools/), in the
 * caller's transaction. From db_lote_begin to db_lote_end, db_exec (but ST_AUDIT_INSERT's)
 * sends its statement and returns at once on PostgreSQL: libpq's pipeline mode, whose
 * answers are read DB_LOTE_TANDA statements at a time (one round trip for them, where each
 * statement waited for its own). A failure among them is returned by the db_exec that read
 * it, or else by db_lote_end: the transaction is then lost (roll it back). Any other
 * statement run meanwhile (db_stmt, db_int, the commit) is sent after those and their
 * answers come back with its own, in one round trip (db_last_id, a statement prepared for
 * the first time and the begin wait for them first); db_changes says nothing of them. Once
 * one failed, the transaction is lost: a statement run in it afterwards is not sent and
 * fails (DB_RETRY when that failure was one). SQLite runs each db_exec at once,
 * as always (a statement costs it no round trip). db_lote_begin returns 0, or DB_ERROR
 * outside a transaction; db_lote_end returns 0 or the batch's first failure's code. The
 * commit and the rollback end a batch too (a caller that leaves on a failure leaves no
 * batch open).
 */
#define DB_LOTE_TANDA	256
int db_lote_begin(void);
int db_lote_end(void);

/* Resets every statement of the connection a handler left part-way (a one-row read not
 * stepped to its end): an unfinished statement keeps a read transaction, so the worker
 * would go on seeing old data, its next write could fail, and no checkpoint could pass
 * it; lets the writers' lock go if no transaction is open; and clears db_ocupada. The
 * server calls it after each request, the mailer after each pass. */
void db_release(void);

/* A request that only reads (the server's GET and HEAD) opens one read transaction that
 * its statements share, ended by db_release: on SQLite each statement run alone opened and
 * ended its own (about 3,000 instructions and a pair of fcntl on the WAL's shared memory
 * each: the queue's page runs three). The statements see one snapshot, the one of the
 * first. A write (db_begin, or a statement that writes) ends it first and runs as it does
 * without it; db_in_transaction does not count it. PostgreSQL: nothing (its statements
 * outside a transaction are one round trip each, a BEGIN would add one). */
void db_lectura(void);

/* BEGIN IMMEDIATE, the writers' lock taken first; COMMIT; ROLLBACK (when a transaction is
 * open). Commit and rollback let the lock go once no transaction is open. */
int db_begin(void);
int db_commit(void);
void db_rollback(void);
/* Runs fn(arg) in a transaction, up to max times: begins, calls fn, commits when fn returned
 * 0, rolls back otherwise; runs it again (after a random 1..2^n ms) while fn or the commit
 * returned DB_RETRY, or returned another failure after one of its statements failed as
 * DB_RETRY (a helper that says only -1). Returns 0, or the last failure (DB_RETRY when max
 * ran out). fn reads and writes through the seam and returns 0, a db_step/db_exec code, or
 * a positive value of its own (rolled back, returned as is: e.g. nothing to write). */
int db_tx_run(int (*fn)(void *), void *arg, int max);
/* Sleeps 1..2^vez ms (at most 64), at random: db_tx_run's wait before a run again, so two
 * transactions that failed each other do not meet again at once. */
void db_pausa_azar(int vez);
/*
 * on: the transactions begun from now on take the audit writers' turn at their BEGIN (on
 * PostgreSQL LOCK TABLE auditoria_ancla, in the same round trip, before the snapshot):
 * each waits for the writer that holds it, then sees its rows, so the chain's anchor
 * cannot fail it to serialize (cgi/core/cadena.h). A transaction that took it at its audit
 * row instead, after its snapshot, failed to serialize whenever another writer committed
 * one meanwhile: at 8 connections 0.89 runs again per MIPRES PUT Entrega, each doing its
 * work twice. On for the requests that change data (core/server.c: every change audits),
 * for a run again of a request or command, and for db_tx_run's runs again; a writer that
 * does not audit may turn it off around its transaction (the throttles), so it waits for
 * no audit writer. Nothing on SQLite, whose BEGIN IMMEDIATE takes the one writers' lock
 * first already. Returns the previous setting.
 */
int db_turno(int on);
/* Whether the open transaction holds the audit writers' turn since its begin: on
 * PostgreSQL one begun under db_turno; on SQLite always (BEGIN IMMEDIATE). The audit
 * insert then does not take it again (ST_AUDITORIA_CERROJO). */
int db_turno_tomado(void);
/* Statement s ready to step through the rows the transaction's begin read in advance, in
 * the round trip of its turn (db_turno): on PostgreSQL the chain's tail, ST_AUDITORIA_COLA,
 * which the audit insert takes (cgi/core/cadena.c). Once per transaction: NULL then, for
 * any other statement, and on SQLite; the caller reads it with db_stmt. db_reset ends it. */
struct db_stmt *db_adelantada(enum stmt s);
/* Runs write st (from db_stmt, bound) to its end and resets it, as db_exec would: 0 or a
 * db_step code. On PostgreSQL, in a transaction begun with the audit writers' turn, it is
 * sent without waiting for its answer (pipeline mode, as a batch's: db_lote), which comes
 * back with the COMMIT's, or with the next statement's that is waited for (sent after it),
 * in the same round trip: it returns 0 at once, and its failure then loses the transaction
 * (what runs in it next fails without being sent) and is the commit's, which rolls it back.
 * The audit row's insert, the last write of nearly every transaction (cgi/core/cadena.c): so
 * audit() may return 0 for a row that then fails, and only db_commit's result says the
 * change and its audit row are written. A handler checks it before anything outside the
 * database (a mail sent, a secret shown). Also the writes of Cargue masivo's rows whose
 * answer nothing waits for (a step's savepoint and its release, the row's hash: their
 * failure loses the group, cgi/mipres/cargue.c). */
int db_exec_diferido(struct db_stmt *st);
/* A number that moves whenever what the open transaction wrote may have been undone or the
 * transaction ended: at each begin, commit and rollback, and each ROLLBACK TO a savepoint
 * (run, or sent by db_exec_diferido). While it stays the same, what the caller wrote since
 * it read it stands (cgi/core/cadena.c keeps the chain's tail it wrote so). On PostgreSQL;
 * -1 on SQLite, whose statements cost no round trip: nothing is kept there. */
long long db_serie(void);
/*
 * What this process's connection did since it opened, on PostgreSQL: transactions
 * committed (and writes run outside a transaction, each its own commit), and statements
 * or commits that failed as DB_RETRY (but those of a db_tx_run whose last run committed,
 * or ended at fn's word). The server reads them around a handler: a request whose
 * transaction failed as DB_RETRY runs again only while nothing of it committed
 * (core/server.c). SQLite never returns DB_RETRY: both stay 0 there.
 */
struct db_marca {
	long long	confirmadas;
	long long	reintentos;
};
void db_marca(struct db_marca *);
/* The DB_RETRY failures since antes (db_marca) were the caller's, and it answered for them
 * (a MIPRES upload's group of rows that did not commit, shown as not registered): the
 * server does not run the request again nor answer 503 for them, as for those of a
 * db_tx_run that committed. */
void db_reintentos_absorb(const struct db_marca *antes);
/* One round of the master's job (cgi/core/wal.h): PASSIVE passes while the writers go on
 * (up to DB_WAL_PASADAS, while a pass takes over DB_WAL_PASADA_US); then, when the WAL holds
 * limite / 2 of frames, its file is over limite, or every frame is in the database (but the
 * job's own one), under the writers' lock (waited for DB_WAL_ESPERA_MS at most): the rest
 * copied, the readers waited for DB_WAL_LECTORES_MS at most (RESTART), and a write of its
 * own that starts the WAL over (page 1 rewritten as it is), so that no writer's commit
 * syncs the WAL's header; that commit cuts a file over limite by DB_WAL_RECORTE, or to its
 * one frame when cortar (nothing written since the caller last looked). A hold of
 * DB_WAL_AVISO_MS or more is logged. Sets *frames and *hechos: the WAL's frames and those
 * in the database. Returns 0 (all in, started over or nothing to do), 1 (some wait: a
 * reader holds an older snapshot or stayed on the WAL, another checkpoint runs, the lock
 * stayed taken; or the file is still over limite) or -1 (an error, logged). */
int db_wal_punto(long long limite, int cortar, int *frames, int *hechos);
/* The server, before it forks (its connection about to close): the WAL started over by
 * db_wal_punto (created, when the last stop removed it; after a crash, what it holds is
 * copied first) and kept as it is when this connection closes (SQLite's last connection
 * would checkpoint it and remove it), so that no worker's first commit writes and syncs
 * the WAL's header. PostgreSQL: nothing. */
void db_wal_prepare(void);

long long db_last_id(void);
int db_changes(void);
/* Copies text column i into the arena, or NULL when it is NULL. */
const char *db_text(struct arena *, struct db_stmt *, int i);

/*
 * The statement seam: features read and write through these, never through the engine's
 * own API (only cgi/core/db*.c names it; tests/lint_code.sh checks). A struct db_stmt is
 * one of db_stmt()'s prepared statements, owned by the worker's cache: the caller steps
 * and reads it, and may reset it; it never finalizes it.
 */

/* What db_step returns. Errors are negative, as db_exec's. */
#define DB_ROW		100	/* a row is ready: read it with db_col_* */
#define DB_DONE		101	/* no more rows; a write is done */
#define DB_ERROR	(-1)
/* DB_CONSTRAINT (-2), above: a UNIQUE, CHECK, FOREIGN KEY or trigger said no. */
#define DB_BUSY		(-3)	/* another connection held the write lock too long */
/* PostgreSQL (issue 14): the transaction could not be serialized with another, or
 * deadlocked; it is lost (nothing of it is written): roll back and run it again. */
#define DB_RETRY	(-4)

/* Binds parameter i (from 1). Text and blobs are not copied: they must live until the
 * statement is reset. Return 0, or DB_ERROR. */
int db_bind_int64(struct db_stmt *, int i, long long v);
int db_bind_int(struct db_stmt *, int i, int v);
int db_bind_text(struct db_stmt *, int i, const char *s);	/* NULL binds NULL */
int db_bind_blob(struct db_stmt *, int i, const void *p, int n);
int db_bind_null(struct db_stmt *, int i);

/* Runs the statement to its next row: DB_ROW, DB_DONE, DB_CONSTRAINT, DB_BUSY or
 * DB_ERROR. Logs nothing: the caller decides. */
int db_step(struct db_stmt *);
/* Puts the statement back to its start, ending its read (see db_release). */
void db_reset(struct db_stmt *);

/* The kinds of a column's value in the current row (db_col_type). */
#define DB_INTEGER	1
#define DB_FLOAT	2
#define DB_TEXT		3
#define DB_BLOB		4
#define DB_NULL		5

/* Column i (from 0) of the current row. NULL reads as 0, NULL text or blob, 0 bytes. Text
 * and blobs stay valid until the next step or reset of the statement. */
long long db_col_int64(struct db_stmt *, int i);
int db_col_int(struct db_stmt *, int i);
const char *db_col_text(struct db_stmt *, int i);
const void *db_col_blob(struct db_stmt *, int i);
int db_col_bytes(struct db_stmt *, int i);	/* of the text or blob */
int db_col_type(struct db_stmt *, int i);	/* DB_INTEGER .. DB_NULL */
int db_col_null(struct db_stmt *, int i);	/* whether it is NULL */

/* Whether a transaction is open on the worker's connection (db_begin, or a caller's). */
int db_in_transaction(void);
/* The message of the connection's last error. */
const char *db_errmsg(void);

/*
 * SQL functions the portal defines in C (the AP rollups' histograms, SQLite only):
 * registered on the open connection, which calls them inside statements.
 * An argument is a struct db_valor, a call's result goes through its struct db_ctx.
 */
struct db_valor;
struct db_ctx;
long long db_valor_int64(struct db_valor *);
const char *db_valor_text(struct db_valor *);
const void *db_valor_blob(struct db_valor *);
int db_valor_bytes(struct db_valor *);
int db_valor_type(struct db_valor *);	/* DB_INTEGER .. DB_NULL */
/* Column i of the current row as a value for the functions above (the audit chain's
 * verification hashes a row as its SQL function does). Valid until the next step. */
struct db_valor *db_col_valor(struct db_stmt *, int i);
/* An aggregate's state: n bytes, zeroed at its first call; 0 for n when only reading it
 * (NULL when there was no row). */
void *db_ctx_estado(struct db_ctx *, size_t n);
void db_ctx_blob(struct db_ctx *, const void *p, int n);	/* copied */
void db_ctx_error(struct db_ctx *, const char *msg);
void db_ctx_sin_memoria(struct db_ctx *);

#define DB_FN_PURA	1	/* deterministic, no side effects: usable in indexes and views */
#define DB_FN_DIRECTA	2	/* only from the portal's own statements, not from the schema */
typedef void db_fn(struct db_ctx *, int argc, struct db_valor **argv);
typedef void db_fn_fin(struct db_ctx *);
/* Registers SQL function nombre of nargs arguments on the open connection: a scalar fn
 * (fin NULL), or an aggregate that calls fn for each row and fin for the result. Returns
 * 0, or -1 (logged). */
int db_funcion(const char *nombre, int nargs, int flags, db_fn *fn, db_fn_fin *fin);
#endif
