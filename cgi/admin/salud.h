/*
 * GET /salud for load balancers and GET /metricas for Prometheus (cgi/admin/salud.c); the
 * counters are cgi/core/metricas.h's. Neither needs a session; neither shows a secret.
 */
#ifndef SALUD_H
#define SALUD_H
#include <stddef.h>

#define SALUD_DISCO_MIB		512	/* free MiB in var/ below which /salud fails */
#define SALUD_CORREO_MINUTOS	30	/* how long the oldest due message may wait */

#endif
