/* The master's checkpoint job (see cgi/core/wal.h). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/config.h"
#include "core/db.h"
#include "core/log.h"
#include "core/wal.h"

static pid_t job;			/* the running job, or 0 */
static struct timespec visto;		/* the WAL's mtime when the last job began */
static off_t visto_tam = -1;		/* and its size */
static int otra_vez;			/* that job could not do all: another, though unchanged */
static time_t avisado;			/* when a job last told of a reader in the way */

/* Seconds on the monotonic clock. */
static double
reloj(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The job: db_wal_punto on its own connection, a round every DB_WAL_VUELTA_MS while the
 * WAL is written, so that it starts the WAL over at about half of DB_WAL_LIMITE under
 * any steady load (at 120 MB of WAL a second, a job each VIGIA_MS let it pass 64 MiB); it
 * ends once the WAL file did not change over a round. quieto: the WAL file unchanged since the
 * last job began, so the first round may truncate it. Logs what a big WAL came to (a
 * reader in the way, at most once a minute: callar). Exits 0, or 1 when some frames wait
 * or the file was left over its bound (3: a reader, and it said so), 2 on an error. */
static void
punto(off_t antes, int callar, int quieto)
{
	const struct timespec vuelta = { 0, DB_WAL_VUELTA_MS * 1000000L },
	    lenta = { 0, 4 * DB_WAL_VUELTA_MS * 1000000L };
	sigset_t none;
	double t0 = reloj();
	int frames, hechos, rc;
	struct stat sb, antes_sb;
	char wal[4200];

	/* Its own name (ps, /proc/PID/comm), told apart from the workers. */
	prctl(PR_SET_NAME, "portal-wal", 0, 0, 0);
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGALRM, SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);	/* the master forks with them blocked */
	if (db_open(cfg.db) < 0)
		_exit(2);
	snprintf(wal, sizeof(wal), "%s-wal", cfg.db);
	for (;;) {
		rc = db_wal_punto(DB_WAL_LIMITE, quieto, &frames, &hechos);
		if (rc < 0 || stat(wal, &sb) < 0)
			break;
		quieto = 0;
		/* Few frames a round (under 4 MiB): each pass catches up, and each round took
		 * the lock to start the WAL over (9 times a second at 470 PUT/s); a round every
		 * 400 ms then (at the same rate, under 16 MiB of frames before the next one). */
		nanosleep(frames < (4 << 20) / 4096 ? &lenta : &vuelta, NULL);
		/* Nothing written since: the WAL is left as the round left it (a pass now would
		 * copy the job's own frame, and the next writer would start the WAL over). */
		if (stat(wal, &antes_sb) < 0 || (antes_sb.st_size == sb.st_size &&
		    antes_sb.st_mtim.tv_sec == sb.st_mtim.tv_sec &&
		    antes_sb.st_mtim.tv_nsec == sb.st_mtim.tv_nsec))
			break;
	}
	if (antes > DB_WAL_LIMITE && stat(wal, &sb) == 0) {
		if (sb.st_size <= DB_WAL_LIMITE)
			log_info("wal: the WAL went from %lld to %lld MiB in %.1f s (checkpoint, "
			    "truncated)", (long long)antes >> 20, (long long)sb.st_size >> 20,
			    reloj() - t0);
		else if (rc == 1 && hechos < frames && !callar) {
			log_info("wal: the WAL is %lld MiB: %d of %d frames in the database; a "
			    "reader holds an older snapshot", (long long)sb.st_size >> 20, hechos,
			    frames);
			rc = 3;
		}
	}
	db_close();
	_exit(rc < 0 ? 2 : rc);
}

void
wal_check(void)
{
	char wal[4200];
	struct stat sb;
	pid_t pid;
	int quieto;

	snprintf(wal, sizeof(wal), "%s-wal", cfg.db);
	if (job > 0 || stat(wal, &sb) < 0)
		return;
	quieto = sb.st_size == visto_tam && sb.st_mtim.tv_sec == visto.tv_sec &&
	    sb.st_mtim.tv_nsec == visto.tv_nsec;
	if (quieto && !otra_vez)
		return;
	otra_vez = 0;
	visto = sb.st_mtim;
	visto_tam = sb.st_size;
	if ((pid = fork()) == 0)
		punto(sb.st_size, time(NULL) - avisado < 60, quieto);
	if (pid < 0)
		log_err("wal: fork: %s", strerror(errno));
	else
		job = pid;
}

int
wal_termino(pid_t pid, int status)
{
	char wal[4200];
	struct stat sb;

	if (job <= 0 || pid != job)
		return 0;
	job = 0;
	/* The WAL as the job left it: another only once it changes (the job's own write,
	 * which started the WAL over, is not a change to copy). */
	snprintf(wal, sizeof(wal), "%s-wal", cfg.db);
	if (stat(wal, &sb) == 0) {
		visto = sb.st_mtim;
		visto_tam = sb.st_size;
	}
	if (WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) == 2))
		log_err("wal: the checkpoint job ended with status %d", status);
	/* Not all done (a reader, another checkpoint, the writers' lock taken, a file over its
	 * bound left uncut): the next tick tries again, though the WAL did not change. */
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		otra_vez = 1;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 3)
		avisado = time(NULL);
	return 1;
}

void
wal_stop(void)
{
	int status;

	if (job <= 0)
		return;
	kill(job, SIGTERM);
	if (waitpid(job, &status, 0) == job)
		job = 0;
}
