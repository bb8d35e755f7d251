/*
 * What `make bench` needs of the AP services: the raw rate at which the portal's own
 * connection (db_open: the same journal and synchronous settings, the writers' lock)
 * commits what one ReportarAfiliaciontraslado call of 100 records writes: the 100 rows
 * and the call's measurement with its rollups, one transaction (cgi/ap/ap.c's servicio()).
 */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "tools/ap_bench.h"
#include "ap/resumen.h"
#include "core/db.h"
#include "tools/demo.h"
#include "core/entidad.h"
#include "core/log.h"
#include "core/text.h"

/* Seconds on the monotonic clock. */
static double
reloj(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Call k's AP_BENCH_REGISTROS rows, as afiliacion_guardar binds them, and its
 * measurement, as medir does. Returns 0 or -1. */
static int
llamada(long long ent, long long k, const char *serie, const char *hoy, long long now)
{
	struct ap_medida m = { .entidad_id = ent, .servicio = "ReportarAfiliaciontraslado",
	    .fecha = now, .estado = 200, .recibidos = AP_BENCH_REGISTROS,
	    .aceptados = AP_BENCH_REGISTROS, .duracion_us = 1000 };
	char radicado[64];
	int i;

	if (db_begin() < 0)
		return -1;
	for (i = 0; i < AP_BENCH_REGISTROS; i++) {
		snprintf(radicado, sizeof(radicado), "%s-%lld-%d", serie, k, i);
		if (db_exec(ST_AP_AFILIACION_INSERT, "itttttttttttttti", ent, radicado, "CC",
		    "1032456789", "María", NULL, "Pérez", NULL, "1990-05-17", "F", "TRASLADO",
		    "25-14", "230301", hoy, hoy, now) != 0 || db_changes() != 1)
			goto falla;
	}
	if (ap_medida_save(&m) != 0 || db_commit() < 0)
		goto falla;
	return 0;
falla:
	db_rollback();
	return -1;
}

int
ap_bench_commits(long long n, double *segundos)
{
	long long ent = db_entidad_id_by_nit(DEMO_AP_NIT), now = (long long)time(NULL), k;
	char hoy[11], serie[40];
	double t0;

	if (ent == 0) {
		fprintf(stderr, "falta la AP de demostración %s (portal seed-demo)\n", DEMO_AP_NIT);
		return -1;
	}
	colombia_date(now, hoy);
	/* Radicados no earlier run used: each row is really written. */
	snprintf(serie, sizeof(serie), "BC%lld-%d", now, (int)getpid());
	t0 = reloj();
	for (k = 0; k < n; k++)
		if (llamada(ent, k, serie, hoy, now) < 0) {
			log_err("ap: commit %lld of the bench failed", k + 1);
			return -1;
		}
	*segundos = reloj() - t0;
	return 0;
}
