/*
 * The rollups of the AP measurements (table ap_resumen, db/migrations/021_ap_resumen.sql):
 * per hour and per Colombian day, AP (0: not identified) and service, the calls, records
 * and incidents summed, the longest duration, and a histogram of the durations from
 * which the follow-up report (cgi/ap/reporte.c) takes the median and the 95th percentile
 * without reading the calls. A measurement is added to its hour's and its day's rows in
 * the transaction that stores it.
 *
 * The histogram's buckets are log-scale, 16 per doubling: bucket k >= 1 holds the
 * durations d (microseconds) with 2^((k-1)/16) <= d < 2^(k/16), a relative width of
 * 2^(1/16) - 1 = 4.4%; bucket 0 holds d <= 0. A percentile is reported as its bucket's
 * geometric centre rounded to the microsecond, never above the exact maximum: at most
 * 2^(1/32) - 1 = 2.2%, plus half a microsecond, from the exact nearest-rank value.
 * Stored sparse: for each non-empty bucket in ascending order, the bucket's distance from
 * the previous one and its count, both as unsigned LEB128 varints.
 */
#ifndef AP_RESUMEN_H
#define AP_RESUMEN_H
#include <stddef.h>

#define AP_HIST_CUBETAS	1024	/* enough for any positive 63-bit duration */
/* The longest encoding of a histogram: each bucket's distance and a 64-bit count. */
#define AP_HIST_MAX	(AP_HIST_CUBETAS * 12)

/* A histogram being summed: counts per bucket, and the range of buckets touched. */
struct ap_hist {
	unsigned long long	 c[AP_HIST_CUBETAS];
	unsigned long long	 n;		/* durations counted */
	int			 lo, hi;	/* buckets touched: [lo, hi]; lo > hi when empty */
};

/* The bucket of duration us (microseconds). */
int ap_hist_cubeta(long long us);
/* The value reported for bucket k: its geometric centre, rounded (0 for bucket 0). */
long long ap_hist_valor(int k);
/* Empties h. */
void ap_hist_clear(struct ap_hist *h);
/* Counts n more durations in bucket k of h. */
void ap_hist_count(struct ap_hist *h, int k, unsigned long long n);
/* Adds encoded histogram e (len bytes) to h. Returns 0, or -1 when e is malformed (h may
 * have part of it). */
int ap_hist_add(struct ap_hist *h, const unsigned char *e, size_t len);
/* Adds histogram src to dst. */
void ap_hist_merge(struct ap_hist *dst, const struct ap_hist *src);
/* Encodes h into out (AP_HIST_MAX bytes); returns the length. */
size_t ap_hist_encode(const struct ap_hist *h, unsigned char *out);
/* The nearest-rank percentile p (1..100) of h, as ap_hist_valor, at most max; 0 when h is
 * empty. */
long long ap_hist_percentil(const struct ap_hist *h, int p, long long max);
/* The same for np percentiles p[] in ascending order, into v[], reading h's range about
 * once. */
void ap_hist_percentiles(const struct ap_hist *h, const int *p, long long *v, int np,
    long long max);


/* One call to the AP port, as ap_medicion keeps it. */
struct ap_medida {
	long long	 entidad_id;	/* 0: not identified */
	const char	*servicio;
	long long	 fecha, estado;
	long long	 recibidos, aceptados, rechazados;
	long long	 duracion_us;
	const char	*incidente;	/* NULL, "autenticacion", "validacion", "servidor" */
};

#define AP_HORA	3600	/* ap_resumen.segundos of an hour's row */
#define AP_DIA	86400	/* of a day's row (Colombia's day, UTC-5) */

/* The first second of the period (AP_HORA or AP_DIA) that holds time t. */
long long ap_resumen_inicio(long long t, long long segundos);

/* Stores m in ap_medicion and adds it to its hour's and its day's rollups, in the
 * caller's transaction when one is open, else in one of its own. Returns 0 or -1
 * (nothing stored). */
int ap_medida_save(const struct ap_medida *m);

/* Inserts m into ap_medicion only (the caller adds it to the rollups). Returns 0 or
 * db_exec's code (negative). */
int ap_medicion_insert(const struct ap_medida *m);

/* A rollup being summed in memory (portal seed-ap): the row's key and figures. */
struct ap_resumen_fila {
	const char	*servicio;
	long long	 segundos, inicio, entidad_id;
	long long	 llamadas, recibidos, aceptados, rechazados, aut, val, srv, max_us;
	struct ap_hist	 hist;
};
/* Adds m (of f's key) to f. */
void ap_resumen_fila_count(struct ap_resumen_fila *f, const struct ap_medida *m);
/* Adds f to its row of ap_resumen (the caller's transaction). Returns 0 or -1. */
int ap_resumen_fila_save(const struct ap_resumen_fila *f);
#endif
