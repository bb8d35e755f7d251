/*
 * What `make bench` needs of the AP report: many measured calls loaded at once through
 * the table the AP port writes (ap_medicion, 010_ap.sql), with their rollups (ap_resumen,
 * 021_ap_resumen.sql) summed in memory per hour and per day and merged into their rows
 * before each commit, so the report reads them like any others. See cgi/tools/ap_carga.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tools/ap_carga.h"
#include "ap/resumen.h"
#include "core/audit.h"
#include "core/db.h"

#define LOTE		100000	/* calls per transaction */
#define MAX_APS		64
#define NSRV		3

static const char *const servicios[NSRV] = { "token", "ReportarAfiliaciontraslado",
    "ReportarRetractoAfiliacion" };

/* xorshift64*: the same load every time. */
static unsigned long long azar_estado = 0x9e3779b97f4a7c15ULL;

static unsigned long long
azar(void)
{
	azar_estado ^= azar_estado >> 12;
	azar_estado ^= azar_estado << 25;
	azar_estado ^= azar_estado >> 27;
	return azar_estado * 0x2545f4914f6cdd1dULL;
}

/* A duration from lo microseconds up to lo << octavas, log-uniform by octave. */
static long long
duracion(long long lo, int octavas)
{
	long long base = lo << (azar() % (unsigned)octavas);

	return base + (long long)(azar() % (unsigned long long)base);
}

/* Call i's figures: from ap (0: unidentified), service and outcome as cgi/tools/ap_carga.h says. */
static void
llamada(struct ap_medida *m, long long ap)
{
	unsigned long long u = azar() % 1000, s = azar() % 5;

	memset(m, 0, sizeof(*m));
	m->entidad_id = ap;
	m->servicio = servicios[s == 0 ? 0 : s == 4 ? 2 : 1];
	m->estado = 200;
	if (s == 0)
		m->duracion_us = duracion(40000, 2);
	else if (s == 4)
		m->duracion_us = duracion(500, 5);
	else
		m->duracion_us = duracion(1000, 6);
	if (ap == 0 || u < 20) {
		/* Refused: an unknown user or token, or a wrong password. */
		m->estado = 401, m->incidente = "autenticacion";
		if (s != 0)
			m->duracion_us /= 8;
		return;
	}
	if (s == 0)
		return;
	m->recibidos = s == 4 ? 1 + (long long)(azar() % 5) : 1 + (long long)(azar() % 100);
	if (u < 21) {
		m->estado = 500, m->incidente = "servidor";
		return;
	}
	m->aceptados = m->recibidos;
	if (u < 61) {
		m->rechazados = 1 + (long long)(azar() % (unsigned long long)m->recibidos);
		m->aceptados -= m->rechazados;
		m->incidente = "validacion";
	}
}

/* The rollups being summed: per level (hour, day), AP (the last: unidentified) and
 * service. */
struct sumas {
	struct ap_resumen_fila	*f;
	size_t			 n;	/* rows per level */
	long long		 filas;	/* written */
};

/* Sets the start of every row of level nivel (0 hour, 1 day) to inicio. */
static void
sumas_inicio(struct sumas *s, int nivel, long long inicio)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		s->f[(size_t)nivel * s->n + i].inicio = inicio;
}

/* Merges the rows of level nivel (-1: both) that counted calls into ap_resumen and
 * empties them. Returns 0 or -1. */
static int
sumas_save(struct sumas *s, int nivel)
{
	struct ap_resumen_fila *f;
	size_t i;

	for (i = 0; i < 2 * s->n; i++) {
		f = &s->f[i];
		if ((nivel >= 0 && i / s->n != (size_t)nivel) || f->llamadas == 0)
			continue;
		if (ap_resumen_fila_save(f) != 0)
			return -1;
		s->filas++;
		f->llamadas = f->recibidos = f->aceptados = f->rechazados = 0;
		f->aut = f->val = f->srv = f->max_us = 0;
		ap_hist_clear(&f->hist);
	}
	return 0;
}

/* Reads the APs with SAT enabled into ids (at most MAX_APS); returns how many. */
static int
aps_read(long long ids[MAX_APS])
{
	struct db_stmt *st = db_stmt(ST_AP_ENTIDADES, "");
	int n = 0;

	while (st != NULL && n < MAX_APS && db_step(st) == DB_ROW)
		ids[n++] = db_col_int64(st, 0);
	if (st != NULL)
		db_reset(st);
	return n;
}

/* Makes the rows of s: (naps + 1) x NSRV per level, keys set. Returns 0 or -1. */
static int
sumas_nuevas(struct sumas *s, const long long *ids, int naps)
{
	size_t i, e;

	s->n = (size_t)(naps + 1) * NSRV;
	s->filas = 0;
	if ((s->f = calloc(2 * s->n, sizeof(*s->f))) == NULL)
		return -1;
	for (i = 0; i < 2 * s->n; i++) {
		e = i % s->n / NSRV;
		s->f[i].servicio = servicios[i % NSRV];
		s->f[i].segundos = i < s->n ? AP_HORA : AP_DIA;
		s->f[i].entidad_id = e < (size_t)naps ? ids[e] : 0;
		ap_hist_clear(&s->f[i].hist);
	}
	return 0;
}

/* The index of m, of AP number e, in a level of the sums. */
static size_t
sumas_indice(const struct ap_medida *m, size_t e)
{
	size_t k;

	for (k = 0; k < NSRV && strcmp(servicios[k], m->servicio) != 0; k++)
		;
	return e * NSRV + k;
}

/* Starts level nivel (0 hour, 1 day) of s at inicio when it is a new period, after
 * merging the period that ends. Returns 0 or -1. */
static int
sumas_periodo(struct sumas *s, int nivel, long long inicio, long long *actual)
{
	if (inicio == *actual)
		return 0;
	if (sumas_save(s, nivel) != 0)
		return -1;
	sumas_inicio(s, nivel, inicio);
	*actual = inicio;
	return 0;
}

/* Stores calls [*i, n) until the batch ends, counting them into s, then merges s. Call i
 * is at desde + i * span / n. Returns 0 or -1. */
static int
lote(long long *i, long long n, long long desde, long long span, const long long *ids,
    int naps, struct sumas *s, long long *hora, long long *dia)
{
	struct ap_medida m;
	long long t, fin = *i + LOTE < n ? *i + LOTE : n;
	size_t e, k;

	for (; *i < fin; (*i)++) {
		t = desde + *i * span / n;
		if (sumas_periodo(s, 0, ap_resumen_inicio(t, AP_HORA), hora) != 0 ||
		    sumas_periodo(s, 1, ap_resumen_inicio(t, AP_DIA), dia) != 0)
			return -1;
		e = azar() % 100 < 5 ? (size_t)naps : (size_t)(azar() % (unsigned)naps);
		llamada(&m, e < (size_t)naps ? ids[e] : 0);
		m.fecha = t;
		if (ap_medicion_insert(&m) != 0)
			return -1;
		k = sumas_indice(&m, e);
		ap_resumen_fila_count(&s->f[k], &m);
		ap_resumen_fila_count(&s->f[s->n + k], &m);
	}
	return sumas_save(s, -1);
}

int
ap_carga(long long n, int dias, struct ap_carga *out)
{
	long long ids[MAX_APS], now = (long long)time(NULL), span = (long long)dias * 86400;
	long long i = 0, hora = -1, dia = -1;
	struct req r = { .now = now, .ip = "" };
	struct sumas s = { 0 };
	char detalle[160];
	int naps = aps_read(ids), rc = -1;

	memset(out, 0, sizeof(*out));
	if (naps == 0) {
		fprintf(stderr, "no hay administradoras de pensiones con SAT (portal seed-demo)\n");
		return -1;
	}
	if (sumas_nuevas(&s, ids, naps) != 0)
		return -1;
	while (i < n) {
		/* A batch: on PostgreSQL the calls and rollups are sent without waiting for
		 * each one's answer (db_lote). */
		if (db_begin() != 0 || db_lote_begin() != 0 || lote(&i, n, now - span, span,
		    ids, naps, &s, &hora, &dia) != 0 || db_lote_end() != 0)
			goto out;
		if (i == n) {
			snprintf(detalle, sizeof(detalle), "seed-ap: %lld llamadas de prueba de %d "
			    "administradora(s) en %d día(s)", n, naps, dias);
			if (audit_as(&r, 0, "operador", "ap_carga", detalle) != 0)
				goto out;
		}
		if (db_commit() != 0)
			goto out;
	}
	rc = 0;
out:
	if (rc != 0) {
		db_rollback();
		fprintf(stderr, "no se pudieron cargar las llamadas (van %lld)\n", i);
	}
	out->mediciones = i;
	out->filas = s.filas;
	out->aps = naps;
	free(s.f);
	return rc;
}
