/*
 * GET /salud for load balancers and GET /metricas for Prometheus (cgi/admin/salud.c); the
 * counters are cgi/core/metricas.h's. Neither needs a session; neither shows a secret.
 */
#ifndef SALUD_H
#define SALUD_H
#include <stddef.h>

#define SALUD_DISCO_MIB		512	/* free MiB in var/ below which /salud fails */
#define SALUD_CORREO_MINUTOS	30	/* how long the oldest due message may wait */

/* Reads PORTAL_SALUD_DISCO_MIB (0..10^9) and PORTAL_SALUD_CORREO_MINUTOS (0..525600; 0
 * turns the mail check off). Returns 0, or -1 with a Spanish message naming the variable
 * in err. */
int salud_config(char *err, size_t n);
#endif
