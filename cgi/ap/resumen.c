/* The hourly rollups of the AP measurements: see cgi/ap/resumen.h. */
#include <string.h>

#include "ap/ap.h"
#include "ap/resumen.h"
#include "core/db.h"
#include "core/log.h"
#include "core/text.h"

#define POR_OCTAVA	16	/* buckets per doubling */
/* Times a measurement in a transaction of its own is tried (db_tx_run; PostgreSQL). */
#define MEDIDA_VECES	10

/* ceil(2^(63 + j/16)): a duration d of octave e (2^e <= d < 2^(e+1)) is in sub-bucket j
 * of it when d << (63 - e) reaches umbral[j]. Integers, so a bucket never depends on
 * floating point. */
static const unsigned long long umbral[POR_OCTAVA] = {
	0x8000000000000000ULL, 0x85aac367cc487b15ULL, 0x8b95c1e3ea8bd6e7ULL,
	0x91c3d373ab11c337ULL, 0x9837f0518db8a970ULL, 0x9ef5326091a111aeULL,
	0xa5fed6a9b15138ebULL, 0xad583eea42a14ac7ULL, 0xb504f333f9de6485ULL,
	0xbd08a39f580c36bfULL, 0xc5672a115506dadeULL, 0xce248c151f8480e4ULL,
	0xd744fccad69d6af5ULL, 0xe0ccdeec2a94e112ULL, 0xeac0c6e7dd24392fULL,
	0xf5257d152486cc2dULL,
};

/* round(2^((j + 0.5)/16) * 2^62): the centre of sub-bucket j of octave 0, 62 bits of
 * fraction. */
static const unsigned long long centro[POR_OCTAVA] = {
	0x4166c34c5615d0ecULL, 0x444c0740496d4294ULL, 0x47521cc5a2e6a9e0ULL,
	0x4a7a77d47f7b84b1ULL, 0x4dc69cdceaa72a9cULL, 0x513821818624b40cULL,
	0x54d0ad5a753e077cULL, 0x5891fac0e95612c8ULL, 0x5c7dd7a3b17dcf75ULL,
	0x6096266533384a2bULL, 0x64dcdec3371793d1ULL, 0x69540ec8f895722dULL,
	0x6dfddbcbed791babULL, 0x72dc8373be41a454ULL, 0x77f25ccdee6d7ae6ULL,
	0x7d41d96db915019dULL,
};

int
ap_hist_cubeta(long long us)
{
	unsigned long long m;
	int e, j;

	if (us <= 0)
		return 0;
	e = 63 - __builtin_clzll((unsigned long long)us);
	m = (unsigned long long)us << (63 - e);
	for (j = POR_OCTAVA - 1; m < umbral[j]; j--)
		;
	return 1 + POR_OCTAVA * e + j;
}

long long
ap_hist_valor(int k)
{
	unsigned __int128 v;
	int e, j;

	if (k <= 0)
		return 0;
	e = (k - 1) / POR_OCTAVA, j = (k - 1) % POR_OCTAVA;
	v = ((unsigned __int128)centro[j] << e) + ((unsigned __int128)1 << 61);
	v >>= 62;
	return v > (unsigned __int128)0x7fffffffffffffffLL ? 0x7fffffffffffffffLL : (long long)v;
}

void
ap_hist_clear(struct ap_hist *h)
{
	if (h->lo <= h->hi)
		memset(&h->c[h->lo], 0, (size_t)(h->hi - h->lo + 1) * sizeof(h->c[0]));
	h->n = 0;
	h->lo = AP_HIST_CUBETAS;
	h->hi = -1;
}

void
ap_hist_count(struct ap_hist *h, int k, unsigned long long n)
{
	h->c[k] += n;
	h->n += n;
	if (k < h->lo)
		h->lo = k;
	if (k > h->hi)
		h->hi = k;
}

/* Reads an unsigned LEB128 varint from e[*i..len) into *v. Returns 0, or -1 when it is
 * cut short or longer than 64 bits. */
static int
varint_read(const unsigned char *e, size_t len, size_t *i, unsigned long long *v)
{
	unsigned shift = 0;

	*v = 0;
	for (; *i < len && shift < 64; shift += 7) {
		unsigned char b = e[(*i)++];

		*v |= (unsigned long long)(b & 0x7f) << shift;
		if ((b & 0x80) == 0)
			return 0;
	}
	return -1;
}

/* Writes v as an unsigned LEB128 varint at out; returns its length. */
static size_t
varint_write(unsigned long long v, unsigned char *out)
{
	size_t n = 0;

	do {
		out[n++] = (unsigned char)((v & 0x7f) | (v >= 0x80 ? 0x80 : 0));
		v >>= 7;
	} while (v != 0);
	return n;
}

int
ap_hist_add(struct ap_hist *h, const unsigned char *e, size_t len)
{
	unsigned long long d, n, k = 0, suma = 0;
	size_t i = 0;
	int primero = -1, rc = 0;

	/* Each bucket's count goes straight into h->c; the range touched and the number of
	 * durations are updated once, after the loop (a 92-day report adds some 60,000
	 * buckets at 1,000,000 calls). */
	while (i < len) {
		/* After the first bucket, most are a distance of 1 to 127 and a count under 128,
		 * a byte each: those in a row, with one bound check for each (far enough from
		 * the last bucket, no distance can pass it). The others, and anything malformed,
		 * go the general way below. */
		if (primero >= 0) {
			const unsigned char *p = e + i, *fin = e + len - 1;

			for (; p < fin && k < AP_HIST_CUBETAS - 0x80; p += 2) {
				unsigned dd = p[0], nn = p[1];

				if (((dd | nn) & 0x80) != 0 || dd == 0)
					break;
				k += dd;
				h->c[k] += nn;
				suma += nn;
			}
			i = (size_t)(p - e);
		}
		if (i >= len)
			break;
		/* Most distances and many counts fit in one byte: read those without the loop. */
		if (e[i] < 0x80)
			d = e[i++];
		else if (varint_read(e, len, &i, &d) != 0) {
			rc = -1;
			break;
		}
		if (i < len && e[i] < 0x80)
			n = e[i++];
		else if (varint_read(e, len, &i, &n) != 0) {
			rc = -1;
			break;
		}
		/* Ascending buckets: after the first, each is at least one further. */
		if ((primero >= 0 && d == 0) || d >= AP_HIST_CUBETAS ||
		    k + d >= AP_HIST_CUBETAS) {
			rc = -1;
			break;
		}
		k += d;
		if (primero < 0)
			primero = (int)k;
		h->c[k] += n;
		suma += n;
	}
	if (primero >= 0) {
		h->n += suma;
		if (primero < h->lo)
			h->lo = primero;
		if ((int)k > h->hi)
			h->hi = (int)k;
	}
	return rc;
}

void
ap_hist_merge(struct ap_hist *dst, const struct ap_hist *src)
{
	int k;

	/* Dense: the buckets of src's range added one to one (the compiler's vector loop). */
	if (src->lo > src->hi)
		return;
	for (k = src->lo; k <= src->hi; k++)
		dst->c[k] += src->c[k];
	dst->n += src->n;
	if (src->lo < dst->lo)
		dst->lo = src->lo;
	if (src->hi > dst->hi)
		dst->hi = src->hi;
}

size_t
ap_hist_encode(const struct ap_hist *h, unsigned char *out)
{
	size_t len = 0;
	int k, prev = 0;

	for (k = h->lo; k <= h->hi; k++) {
		if (h->c[k] == 0)
			continue;
		len += varint_write((unsigned long long)(k - prev), out + len);
		len += varint_write(h->c[k], out + len);
		prev = k;
	}
	return len;
}

void
ap_hist_percentiles(const struct ap_hist *h, const int *p, long long *v, int np,
    long long max)
{
	unsigned long long rango, suma = 0, cola = 0;
	int i, m, k = h->lo, j = h->hi;

	/* The smallest bucket k whose count from the first reaches the rank. Up to the
	 * median from the first bucket, above it from the last (the count above a bucket
	 * at most n - rank: the rest reaches it), each percentile going on where the one
	 * before it stopped: the two scans read the range about once, not twice. */
	if (h->n == 0) {
		for (i = 0; i < np; i++)
			v[i] = 0;
		return;
	}
	for (i = 0; i < np && p[i] <= 50; i++) {
		if ((rango = (h->n * (unsigned long long)p[i] + 99) / 100) == 0)
			rango = 1;
		for (; k < h->hi && suma + h->c[k] < rango; k++)
			suma += h->c[k];
		v[i] = ap_hist_valor(k);
	}
	for (m = np - 1; m >= i; m--) {
		rango = (h->n * (unsigned long long)p[m] + 99) / 100;
		for (; j > h->lo && cola + h->c[j] <= h->n - rango; j--)
			cola += h->c[j];
		v[m] = ap_hist_valor(j);
	}
	for (i = 0; i < np; i++)
		if (v[i] > max)
			v[i] = max;
}

long long
ap_hist_percentil(const struct ap_hist *h, int p, long long max)
{
	long long v;

	ap_hist_percentiles(h, &p, &v, 1, max);
	return v;
}

/* ---- SQL functions ---- */

/* The aggregate ap_hist(us): counts each duration; the context is the histogram. */
static void
sql_hist_paso(struct db_ctx *ctx, int argc, struct db_valor **argv)
{
	struct ap_hist *h = db_ctx_estado(ctx, sizeof(*h));

	(void)argc;
	if (h == NULL) {
		db_ctx_sin_memoria(ctx);
		return;
	}
	if (h->n == 0)
		ap_hist_clear(h);
	ap_hist_count(h, ap_hist_cubeta(db_valor_int64(argv[0])), 1);
}

/* Puts histogram h, encoded, as ctx's result. */
static void
sql_resultado(struct db_ctx *ctx, const struct ap_hist *h)
{
	unsigned char out[AP_HIST_MAX];
	size_t len = h != NULL ? ap_hist_encode(h, out) : 0;

	db_ctx_blob(ctx, out, (int)len);
}

static void
sql_hist_fin(struct db_ctx *ctx)
{
	struct ap_hist *h = db_ctx_estado(ctx, 0);

	sql_resultado(ctx, h != NULL && h->n > 0 ? h : NULL);
}

/* ap_hist_unir(a, b): the sum of two encoded histograms (NULL counts as empty). PostgreSQL
 * has its PL/pgSQL twin, db/migrations/pg/023_ap_hist_unir.sql: change both together. */
static void
sql_hist_union(struct db_ctx *ctx, int argc, struct db_valor **argv)
{
	static struct ap_hist h;	/* 8 KB: not on the stack; a worker is one thread */
	int i;

	ap_hist_clear(&h);
	for (i = 0; i < argc; i++)
		if (ap_hist_add(&h, db_valor_blob(argv[i]),
		    (size_t)db_valor_bytes(argv[i])) != 0) {
			db_ctx_error(ctx, "ap_hist_unir: histograma mal formado");
			return;
		}
	sql_resultado(ctx, &h);
}

int
ap_resumen_funciones(void)
{
	return db_funcion("ap_hist", 1, DB_FN_PURA, sql_hist_paso, sql_hist_fin) != 0 ||
	    db_funcion("ap_hist_unir", 2, DB_FN_PURA, sql_hist_union, NULL) != 0 ? -1 : 0;
}

/* ---- Writers ---- */

long long
ap_resumen_inicio(long long t, long long segundos)
{
	/* An hour starts on a multiple of 3600 in UTC as in Colombia; a day at 05:00 UTC. */
	long long corr = segundos == AP_DIA ? COLOMBIA_UTC : 0;

	return t - (((t - corr) % segundos) + segundos) % segundos;
}

/* Adds to f's row of ap_resumen the figures of f and the encoded histogram e (len
 * bytes). */
static int
add_fila(const struct ap_resumen_fila *f, const unsigned char *e, size_t len)
{
	return db_exec(ST_AP_RESUMEN_SUMAR, "tiiiiiiiiiiib", f->servicio, f->segundos,
	    f->inicio, f->entidad_id, f->llamadas, f->recibidos, f->aceptados, f->rechazados,
	    f->aut, f->val, f->srv, f->max_us, e, (int)len);
}

void
ap_resumen_fila_count(struct ap_resumen_fila *f, const struct ap_medida *m)
{
	const char *inc = m->incidente;

	f->llamadas++;
	f->recibidos += m->recibidos;
	f->aceptados += m->aceptados;
	f->rechazados += m->rechazados;
	if (inc != NULL)
		*(inc[0] == 'a' ? &f->aut : inc[0] == 'v' ? &f->val : &f->srv) += 1;
	if (m->duracion_us > f->max_us)
		f->max_us = m->duracion_us;
	ap_hist_count(&f->hist, ap_hist_cubeta(m->duracion_us), 1);
}

int
ap_resumen_fila_save(const struct ap_resumen_fila *f)
{
	static unsigned char out[AP_HIST_MAX];

	return add_fila(f, out, ap_hist_encode(&f->hist, out));
}

int
ap_medicion_insert(const struct ap_medida *m)
{
	if (m->entidad_id > 0)
		return db_exec(ST_AP_MEDICION_INSERT, "itiiiiiit", m->entidad_id, m->servicio,
		    m->fecha, m->estado, m->recibidos, m->aceptados, m->rechazados,
		    m->duracion_us, m->incidente);
	return db_exec(ST_AP_MEDICION_INSERT, "ntiiiiiit", m->servicio, m->fecha, m->estado,
	    m->recibidos, m->aceptados, m->rechazados, m->duracion_us, m->incidente);
}

/* Inserts m (a struct ap_medida) into ap_medicion, and its figures into its hour's and its
 * day's rows. Returns 0 or db_exec's code. */
static int
save_medida(void *arg)
{
	const struct ap_medida *m = arg;
	unsigned char e[24];
	size_t len;
	struct ap_resumen_fila f = { .servicio = m->servicio, .segundos = AP_HORA,
	    .inicio = ap_resumen_inicio(m->fecha, AP_HORA), .entidad_id = m->entidad_id,
	    .llamadas = 1, .recibidos = m->recibidos, .aceptados = m->aceptados,
	    .rechazados = m->rechazados, .max_us = m->duracion_us };
	const char *inc = m->incidente;
	int rc;

	if (inc != NULL)
		*(inc[0] == 'a' ? &f.aut : inc[0] == 'v' ? &f.val : &f.srv) = 1;
	/* A histogram of one duration: its bucket's distance from 0, and the count 1. */
	len = varint_write((unsigned long long)ap_hist_cubeta(m->duracion_us), e);
	len += varint_write(1, e + len);
	if ((rc = ap_medicion_insert(m)) != 0 || (rc = add_fila(&f, e, len)) != 0)
		return rc;
	f.segundos = AP_DIA;
	f.inicio = ap_resumen_inicio(m->fecha, AP_DIA);
	return add_fila(&f, e, len);
}

int
ap_medida_save(const struct ap_medida *m)
{
	if (db_in_transaction())
		return save_medida((void *)m) == 0 ? 0 : -1;
	/* Its own transaction. On PostgreSQL concurrent calls add to the same rollup rows (one
	 * service, hour and entity), so one fails to serialize with another at times: run
	 * again (db_tx_run), else the request that committed before it would answer 503. */
	return db_tx_run(save_medida, (void *)m, MEDIDA_VECES) == 0 ? 0 : -1;
}
