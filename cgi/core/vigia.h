/*
 * The guard against a request that holds a worker: each worker has a slot in memory shared
 * with the master (mapped before the fork) saying since when it serves a request and which
 * route (method and pattern: never a token of the path). The master looks every half second
 * and kills (SIGKILL) a worker past the limit, logs the route, and replaces it; nginx maps
 * the dead upstream to the portal's 503. A CPU timer in the worker (ITIMER_PROF, the same
 * limit) is the backstop should the master not look.
 */
#ifndef VIGIA_H
#define VIGIA_H
#include <stddef.h>
#include <sys/types.h>

#define VIGIA_LIMITE	30	/* seconds a request may hold a worker, by default */
#define VIGIA_MAXIMO	50	/* the largest: below nginx's fastcgi_read_timeout (60 s) */
#define VIGIA_LARGO	240	/* seconds for a route flagged F_LARGO (Cargue masivo: 5,000
				 * rows, each its own transaction); nginx waits 300 s there */
#define VIGIA_MS	500	/* how often the master looks */

/* Reads PORTAL_LIMITE_SEGUNDOS (whole seconds, 1..VIGIA_MAXIMO). Returns 0, or -1 with a
 * Spanish message naming the variable in err. */
int vigia_config(char *err, size_t n);
/* The limit in seconds. */
int vigia_limite(void);

/* Master, before forking: maps n slots shared with the workers. Returns 0 or -1 (logged). */
int vigia_create(int n);
/* Worker, after the fork: slot i is its own. */
void vigia_worker(int i);
/* Worker: a request starts now (the CPU timer is armed). */
void vigia_inicio(void);
/* Worker: the request matched the route method pattern (both kept, truncated); largo: it
 * may take VIGIA_LARGO seconds (the CPU timer is armed again). */
void vigia_ruta(const char *method, const char *pattern, int largo);
/* Worker: the request is answered (the CPU timer stays armed until the next request arms
 * it again: waiting in accept uses no CPU). */
void vigia_fin(void);

/* Master: when the request in slot i has held worker pid beyond the limit, kills the
 * worker and logs the route. Returns 1 when it did, else 0. */
int vigia_check(int i, pid_t pid);
/* Master: worker pid of slot i ended with status (waitpid's); logs the route it was
 * serving if it died in a request the master did not cut, and empties the slot. Returns
 * 1 when the request was cut at the limit (by the master, or by the worker's CPU timer),
 * else 0. */
int vigia_terminado(int i, pid_t pid, int status);
#endif
