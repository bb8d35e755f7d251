#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/config.h"
#include "core/db.h"
#include "core/tareas.h"

static volatile sig_atomic_t stop;

static void
on_term(int sig)
{
	(void)sig;
	stop = 1;
}

int
tareas_stop(void)
{
	return stop;
}

void
tareas_run(const struct tarea *t, size_t n)
{
	struct arena *a = arena_new();
	struct sigaction sa;
	sigset_t none;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGHUP, SIG_IGN);
	signal(SIGCHLD, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (a == NULL || db_open(cfg.db) < 0)
		_exit(1);
	while (!stop) {
		for (i = 0; i < n && !stop; i++) {
			t[i].correr(a, (long long)time(NULL));
			arena_reset(a);
		}
		db_release();
		sleep(TAREAS_CADA);	/* a signal ends the sleep early */
	}
	db_close();
	_exit(0);
}
