/*
 * The periodic jobs' process: `portal serve` forks it beside the workers (its logs and
 * metrics call it "mailer", after its first job); every TAREAS_CADA seconds it runs each
 * job of the wiring's table (cgi/main.c: expiry warnings, retention, mail delivery) in
 * order, on its own database connection, until SIGTERM or SIGINT.
 */
#ifndef TAREAS_H
#define TAREAS_H
#include <stddef.h>

#include "core/arena.h"

#define TAREAS_CADA	5	/* seconds between passes */

/* A periodic job: one pass does what is due at now, with an arena the process resets
 * after it. Returns what it did (a count) or -1; it logs its own failures. */
struct tarea {
	const char	*nombre;
	int		(*correr)(struct arena *, long long now);
};

/* The process's life: n jobs of t each pass, a signal ending the wait early. Never
 * returns. */
void tareas_run(const struct tarea *t, size_t n);
/* Whether the process was told to stop: a job that loops checks it between rounds. 0 in
 * any other process. */
int tareas_stop(void);
#endif
