/*
 * The WAL's upkeep in the server: checkpoints run from one place, a short job the master
 * forks on its tick, instead of inside whichever worker's commit crossed SQLite's
 * threshold. The workers leave checkpoints to it (db_modo_servidor) until the WAL passes
 * twice DB_WAL_LIMITE.
 */
#ifndef WAL_H
#define WAL_H
#include <sys/types.h>

/* On the master's tick (every VIGIA_MS): when the WAL file changed since the last job
 * began, or that job could not do all (a reader held an older snapshot, another
 * checkpoint ran, the writers' lock stayed taken), and no job runs, forks one: it
 * checkpoints what it can while the writers go on (PASSIVE) and, once the WAL holds a
 * quarter of DB_WAL_LIMITE, copies the rest under the writers' lock so that the next
 * writer starts the WAL over. A file over DB_WAL_LIMITE it truncates once it did not
 * change since the last job began (db_wal_punto's cortar): while writes go on, the first
 * commit after the start-over cuts it to DB_WAL_LIMITE. */
void wal_check(void);
/* The master reaped pid with status: 1 when it was the job (done with it), else 0. */
int wal_termino(pid_t pid, int status);
/* Stopping: ends a running job (SIGTERM: a checkpoint cut short is safe) and reaps it. */
void wal_stop(void);
#endif
