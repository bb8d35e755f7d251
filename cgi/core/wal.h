/*
 * The WAL's upkeep in the server: checkpoints, the WAL's start-overs and the cut of its file
 * run from one place, a job the master forks, never inside a worker's commit. The workers'
 * connections never checkpoint (but past DB_WAL_GUARDA, should the job not run) nor cut the
 * file (journal_size_limit -1); a worker's commit that starts the WAL over is counted.
 */
#ifndef WAL_H
#define WAL_H
#include <sys/types.h>

/* On the master's tick (every VIGIA_MS; before it forks, db_wal_prepare): when the WAL file
 * changed since the last job ended, or that job could not do all (a reader held an older
 * snapshot, another checkpoint ran, the writers' lock stayed taken, the file is over its
 * bound), and no job runs, forks one. It works in rounds every DB_WAL_VUELTA_MS (4 times
 * that while a round sees under 4 MiB of frames) while the WAL file changes (db_wal_punto):
 * it copies the WAL while the writers go on (PASSIVE) and, once the WAL holds half of
 * DB_WAL_LIMITE or every frame is in the database, takes the writers' lock for the short
 * rest (RESTART) and starts the WAL over with a write of its own, cutting a file over
 * DB_WAL_LIMITE by DB_WAL_RECORTE (to that write's one frame once no one writes). */
void wal_check(void);
/* The master reaped pid with status: 1 when it was the job (done with it), else 0. */
int wal_termino(pid_t pid, int status);
/* Stopping: ends a running job (SIGTERM: a checkpoint cut short is safe) and reaps it. */
void wal_stop(void);
#endif
