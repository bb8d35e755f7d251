/*
 * The rollups of the AP measurements (cgi/ap/resumen.c): the histogram's buckets and their
 * width, its encoding, percentiles against the exact nearest-rank values, the SQL
 * functions, and a measurement stored with its hour's and day's rows in one transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ap/resumen.h"
#include "core/db.h"
#include "core/db_sqlite.h"
#include "core/sql.h"
#include "support.h"

static struct ap_hist h1, h2;	/* 8 KB each: not on the stack */

/* Runs a one-integer query on the connection directly. */
static long long
query_int(const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(db_handle(), sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db_handle()));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Buckets are exact at powers of two, ascending, 16 per doubling, and every duration is
 * within 4.5% of its bucket's start and under its end. */
static void
test_buckets(void **state)
{
	long long d, lo, hi;
	int k, prev = 0;

	(void)state;
	assert_int_equal(ap_hist_cubeta(0), 0);
	assert_int_equal(ap_hist_cubeta(-5), 0);
	assert_int_equal(ap_hist_cubeta(1), 1);
	assert_int_equal(ap_hist_cubeta(2), 17);
	assert_int_equal(ap_hist_cubeta(1024), 1 + 16 * 10);
	assert_int_equal(ap_hist_cubeta(1023), 16 * 10);
	assert_int_equal(ap_hist_cubeta(0x7fffffffffffffffLL), 1 + 16 * 62 + 15);
	for (d = 1; d < 5000000; d += 1 + d / 97) {
		k = ap_hist_cubeta(d);
		assert_true(k >= prev);
		prev = k;
	}
	/* Every bucket from 1 ms to 1 s: the durations in it span at most 4.5%. */
	for (k = ap_hist_cubeta(1000); k <= ap_hist_cubeta(1000000); k++) {
		for (lo = 1; ap_hist_cubeta(lo) < k; lo *= 2)
			;
		for (lo /= 2; ap_hist_cubeta(lo) < k; lo++)
			;
		for (hi = lo; ap_hist_cubeta(hi + 1) == k; hi++)
			;
		if (ap_hist_cubeta(lo) != k)
			continue;	/* no integer in this bucket */
		assert_true((double)(hi - lo) <= 0.045 * (double)lo + 1);
		/* The value reported for the bucket is within 2.2% (and half a us) of each. */
		assert_true((double)llabs(ap_hist_valor(k) - lo) <= 0.022 * (double)lo + 0.5);
		assert_true((double)llabs(ap_hist_valor(k) - hi) <= 0.022 * (double)hi + 0.5);
	}
}

/* An encoded histogram reads back the same; a malformed one is refused. */
static void
test_encoding(void **state)
{
	static unsigned char e[AP_HIST_MAX];
	static const unsigned char cut[] = { 0x81 };		/* a varint never ended */
	static const unsigned char down[] = { 5, 1, 0, 1 };	/* the same bucket twice */
	static const unsigned char far[] = { 0x80, 0x08, 1 };	/* bucket 1024 */
	size_t n;
	int k;

	(void)state;
	memset(&h1, 0, sizeof(h1));
	memset(&h2, 0, sizeof(h2));
	ap_hist_clear(&h1);
	ap_hist_clear(&h2);
	assert_int_equal(ap_hist_encode(&h1, e), 0);
	ap_hist_count(&h1, 0, 3);
	ap_hist_count(&h1, 200, 1);
	ap_hist_count(&h1, 201, 300);
	ap_hist_count(&h1, 1008, 5000000000ULL);
	n = ap_hist_encode(&h1, e);
	assert_int_equal(ap_hist_add(&h2, e, n), 0);
	assert_int_equal(h2.n, h1.n);
	for (k = 0; k < AP_HIST_CUBETAS; k++)
		assert_true(h1.c[k] == h2.c[k]);
	assert_int_equal(h2.lo, 0);
	assert_int_equal(h2.hi, 1008);
	/* Adding twice doubles every count. */
	assert_int_equal(ap_hist_add(&h2, e, n), 0);
	assert_true(h2.c[201] == 600 && h2.n == 2 * h1.n);
	assert_int_equal(ap_hist_add(&h2, cut, sizeof(cut)), -1);
	assert_int_equal(ap_hist_add(&h2, down, sizeof(down)), -1);
	assert_int_equal(ap_hist_add(&h2, far, sizeof(far)), -1);
	/* Buckets a byte each up to the last one are read; one more step passes it. */
	{
		static unsigned char run[2 * AP_HIST_CUBETAS + 4];
		size_t m = 0;

		ap_hist_clear(&h2);
		run[m++] = 0x81, run[m++] = 0x07, run[m++] = 3;	/* bucket 897, 3 */
		for (k = 898; k < AP_HIST_CUBETAS; k++)
			run[m++] = 1, run[m++] = (unsigned char)(k % 128);
		assert_int_equal(ap_hist_add(&h2, run, m), 0);
		assert_true(h2.lo == 897 && h2.hi == AP_HIST_CUBETAS - 1 && h2.c[897] == 3 &&
		    h2.c[1000] == 1000 % 128 && h2.c[AP_HIST_CUBETAS - 1] == 1023 % 128);
		run[m++] = 1, run[m++] = 1;
		assert_int_equal(ap_hist_add(&h2, run, m), -1);
		/* A zero distance inside a run of one-byte buckets is refused too. */
		m = 0;
		run[m++] = 4, run[m++] = 1, run[m++] = 1, run[m++] = 1, run[m++] = 0,
		    run[m++] = 1;
		assert_int_equal(ap_hist_add(&h2, run, m), -1);
	}
	/* Merged, a histogram adds what its encoding adds; merging an empty one changes
	 * nothing. */
	{
		static struct ap_hist m;

		memset(&m, 0, sizeof(m));
		ap_hist_clear(&m);
		ap_hist_count(&m, 5, 2);
		ap_hist_merge(&m, &h1);
		ap_hist_clear(&h2);
		ap_hist_count(&h2, 5, 2);
		assert_int_equal(ap_hist_add(&h2, e, n), 0);
		for (k = 0; k < AP_HIST_CUBETAS; k++)
			assert_true(m.c[k] == h2.c[k]);
		assert_true(m.n == h2.n && m.lo == 0 && m.hi == 1008);
		ap_hist_clear(&h2);
		ap_hist_merge(&m, &h2);
		assert_true(m.n == h1.n + 2 && m.lo == 0 && m.hi == 1008);
	}
	/* Emptied, it encodes to nothing. */
	ap_hist_clear(&h2);
	assert_int_equal(ap_hist_encode(&h2, e), 0);
	assert_true(h2.n == 0 && h2.c[201] == 0 && h2.c[1008] == 0);
}

static int
cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* The nearest-rank percentile of sorted d[0..n). */
static long long
exacto(const long long *d, size_t n, int p)
{
	size_t k = (n * (size_t)p + 99) / 100;

	return d[k > 0 ? k - 1 : 0];
}

/* The percentile as the report computed it before ap_hist_percentiles: a scan from the
 * first bucket for each p. */
static long long
percentil_ref(const struct ap_hist *h, int p, long long max)
{
	unsigned long long rango = (h->n * (unsigned long long)p + 99) / 100, suma = 0;
	long long v;
	int k;

	if (h->n == 0)
		return 0;
	if (rango == 0)
		rango = 1;
	for (k = h->lo; k < h->hi && (suma += h->c[k]) < rango; k++)
		;
	v = ap_hist_valor(k);
	return v < max ? v : max;
}

/* Median and p95 of random samples (a few to many, narrow to wide) are within 2.2% and
 * half a microsecond of the exact values, never above the maximum. */
static void
test_percentiles(void **state)
{
	static long long d[20000];
	size_t n, i, tallas[] = { 1, 2, 3, 7, 20, 101, 999, 20000 };
	long long med, p95;
	int t, p;

	(void)state;
	srand(16);
	memset(&h1, 0, sizeof(h1));
	for (t = 0; t < 8 * 3; t++) {
		n = tallas[t % 8];
		ap_hist_clear(&h1);
		for (i = 0; i < n; i++) {
			/* Log-uniform from 20 us up to 20 s, or a narrow band around 3 ms. */
			d[i] = t < 16 ? 20LL << (rand() % 20) : 3000;
			d[i] += rand() % (t < 16 ? (int)(d[i] / 2 + 1) : 200);
			ap_hist_count(&h1, ap_hist_cubeta(d[i]), 1);
		}
		qsort(d, n, sizeof(d[0]), cmp_ll);
		for (p = 50; p <= 95; p += 45) {
			long long x = exacto(d, n, p), v = ap_hist_percentil(&h1, p, d[n - 1]);

			if ((double)llabs(v - x) > 0.022 * (double)x + 0.5)
				fail_msg("n %zu p%d: %lld, exact %lld", n, p, v, x);
			assert_true(v <= d[n - 1]);
		}
		/* Several percentiles in one pass give what a scan for each gives. */
		{
			static const int ps[] = { 1, 2, 25, 50, 50, 75, 95, 99, 100 };
			long long vs[9];
			size_t j;

			ap_hist_percentiles(&h1, ps, vs, 9, d[n - 1] - (t % 2));
			for (j = 0; j < 9; j++)
				assert_true(vs[j] == percentil_ref(&h1, ps[j], d[n - 1] - (t % 2)));
		}
	}
	/* Nothing counted: 0. One duration: itself, exactly when it is the maximum. */
	ap_hist_clear(&h1);
	assert_int_equal(ap_hist_percentil(&h1, 50, 0), 0);
	ap_hist_count(&h1, ap_hist_cubeta(1234), 1);
	med = ap_hist_percentil(&h1, 50, 1234);
	p95 = ap_hist_percentil(&h1, 95, 1234);
	assert_true(med <= 1234 && med >= 1234 * 0.978 && p95 == med);
}

/* The SQL aggregate and union give what the C functions give. */
static void
test_sql_functions(void **state)
{
	sqlite3_stmt *st;
	int k;

	(void)state;
	assert_int_equal(sqlite3_exec(db_handle(), "CREATE TEMP TABLE d(us); INSERT INTO d "
	    "VALUES (0), (1), (1500), (1500), (1510), (90000), (3000000)", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db_handle(), "SELECT ap_hist_unir(h, h) FROM "
	    "(SELECT ap_hist(us) AS h FROM d)", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	memset(&h1, 0, sizeof(h1));
	ap_hist_clear(&h1);
	assert_int_equal(ap_hist_add(&h1, sqlite3_column_blob(st, 0),
	    (size_t)sqlite3_column_bytes(st, 0)), 0);
	sqlite3_finalize(st);
	assert_true(h1.n == 14);
	assert_true(h1.c[0] == 2 && h1.c[1] == 2 && h1.c[ap_hist_cubeta(3000000)] == 2);
	k = ap_hist_cubeta(1500);
	assert_true(h1.c[k] == (ap_hist_cubeta(1510) == k ? 6 : 4));
	/* An empty aggregate is an empty histogram; a malformed one is an SQL error. */
	assert_int_equal(query_int("SELECT length(ap_hist(us)) FROM d WHERE us < 0"), 0);
	quiet(1);
	assert_int_not_equal(sqlite3_exec(db_handle(), "SELECT ap_hist_unir(x'81', NULL)", NULL,
	    NULL, NULL), SQLITE_OK);
	quiet(0);
}

/* A measurement goes to ap_medicion and to its hour's and day's rows (a day starts at
 * midnight in Colombia, 05:00 UTC), in its own transaction or in the caller's. */
static void
test_medida_guardar(void **state)
{
	/* 2026-03-10 04:30 UTC: still 2026-03-09 in Colombia. */
	struct ap_medida m = { .servicio = "token", .fecha = 1773117000, .estado = 401,
	    .duracion_us = 52000, .incidente = "autenticacion" };

	(void)state;
	assert_int_equal(ap_resumen_inicio(m.fecha, AP_HORA), 1773115200);
	assert_int_equal(ap_resumen_inicio(m.fecha, AP_DIA), 1773032400);
	assert_int_equal(ap_resumen_inicio(1773032400, AP_DIA), 1773032400);
	assert_int_equal(ap_medida_save(&m), 0);
	m.duracion_us = 61000, m.estado = 200, m.incidente = NULL, m.fecha += 60;
	m.recibidos = 3, m.aceptados = 2, m.rechazados = 1;
	assert_int_equal(ap_medida_save(&m), 0);
	assert_int_equal(query_int("SELECT count(*) FROM ap_medicion"), 2);
	assert_int_equal(query_int("SELECT count(*) FROM ap_resumen"), 2);
	assert_int_equal(query_int("SELECT count(*) FROM ap_resumen WHERE entidad_id = 0 AND "
	    "servicio = 'token' AND llamadas = 2 AND recibidos = 3 AND aceptados = 2 AND "
	    "rechazados = 1 AND inc_autenticacion = 1 AND inc_validacion = 0 AND "
	    "inc_servidor = 0 AND max_us = 61000 AND ((segundos = 3600 AND inicio = 1773115200) "
	    "OR (segundos = 86400 AND inicio = 1773032400))"), 2);
	/* In the caller's transaction: its rollback takes the rollups too. */
	assert_int_equal(db_begin(), 0);
	assert_int_equal(ap_medida_save(&m), 0);
	db_rollback();
	assert_int_equal(query_int("SELECT count(*) FROM ap_medicion"), 2);
	assert_int_equal(query_int("SELECT sum(llamadas) FROM ap_resumen"), 4);
	/* A measurement that cannot be stored (an unknown service) leaves no rollup. */
	m.servicio = "otro";
	quiet(1);
	assert_int_equal(ap_medida_save(&m), -1);
	quiet(0);
	assert_int_equal(query_int("SELECT count(*) FROM ap_resumen WHERE servicio = 'otro'"),
	    0);
	assert_int_equal(query_int("SELECT sum(llamadas) FROM ap_resumen"), 4);
}

/* The report's list of APs starts from the few entities with SAT, not from every entity
 * (100,000 at national scale: each report page read them all). */
static void
test_entidades_plan(void **state)
{
	char sql[1024];
	sqlite3_stmt *st;

	(void)state;
	snprintf(sql, sizeof(sql), "EXPLAIN QUERY PLAN %s", sql_texto(ST_AP_ENTIDADES));
	assert_int_equal(sqlite3_prepare_v2(db_handle(), sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 3), "SCAN s");
	sqlite3_finalize(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buckets),
		cmocka_unit_test(test_encoding),
		cmocka_unit_test(test_percentiles),
		cmocka_unit_test_setup_teardown(test_sql_functions, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_medida_guardar, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_entidades_plan, db_setup, db_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
