#ifndef SERVER_H
#define SERVER_H
#include <stddef.h>

#include "core/tareas.h"

/* Serves FastCGI on cfg.sock until SIGTERM/SIGINT, with the n periodic jobs of t in a
 * process of their own (cgi/core/tareas.h). The features' start-up (cgi/main.c) ran before.
 * Returns 0, or -1 if it cannot start. */
int server_run(const struct tarea *t, size_t n);
#endif
