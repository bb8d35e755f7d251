/*
 * The AP rollups (cgi/ap/resumen.c) give the same rows on SQLite and PostgreSQL: the same
 * measurements and whole rollup rows, written through cgi/core/db.h to a new SQLite database
 * and to the PostgreSQL one PORTAL_DB names (tests/pg/run.sh: a new one; without it every
 * test is skipped, as in the unit suite), merged by ST_AP_RESUMEN_SUMAR with ap_hist_unir
 * (C on SQLite, PL/pgSQL of pg/023_ap_hist_unir.sql on PostgreSQL), read back as text with
 * the histograms in hex: the same text. A malformed histogram fails on both. Run again on
 * the same database, it first removes what an earlier run wrote there.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "ap/ap.h"
#include "ap/resumen.h"
#include "core/db.h"
#include "core/db_pg.h"
#include "core/sql.h"
#include "support.h"

static char *url;	/* PORTAL_DB */
static const db_funciones_fn funciones_sql[] = { ap_resumen_funciones };
static const char *const servicios[] = {
	"token", "ReportarAfiliaciontraslado", "ReportarRetractoAfiliacion",
};
static const char *const incidentes[] = { NULL, "autenticacion", "validacion", "servidor" };

static int
abrir(void **state)
{
	(void)state;
	if (!db_pg_url(getenv("PORTAL_DB")))
		return 0;
	url = strdup(getenv("PORTAL_DB"));
	db_funciones(funciones_sql, sizeof(funciones_sql) / sizeof(funciones_sql[0]));
	return 0;
}

static int
cerrar(void **state)
{
	(void)state;
	free(url);
	return 0;
}

#define PG_O_SALTAR()	do { if (url == NULL) skip(); } while (0)

/* A fixed sequence of pseudo-random numbers (xorshift64), the same on both runs. */
static unsigned long long semilla;

static unsigned long long
azar(void)
{
	semilla ^= semilla << 13;
	semilla ^= semilla >> 7;
	semilla ^= semilla << 17;
	return semilla;
}

/* A duration from 0 to about 10^11 us, log-uniform, and some non-positive. */
static long long
duracion(void)
{
	unsigned long long r = azar();

	if (r % 50 == 0)
		return -(long long)(r % 1000);
	return (long long)((r >> 8) % (1ULL << (r % 37)));
}

/* Writes the rows (the same on both engines), then appends to out the whole ap_resumen in
 * key order, histograms in hex. */
static void
escribir_y_leer(char *out, size_t n)
{
	static struct ap_resumen_fila f;
	static char hex[2 * AP_HIST_MAX + 1];
	struct ap_medida m;
	struct db_stmt *st;
	size_t len = 0;
	int i, j, s, seg;

	semilla = 0x9e3779b97f4a7c15ULL;
	/* Measurements one by one, alone and in transactions: each into its hour and its day. */
	for (i = 0; i < 600; i++) {
		memset(&m, 0, sizeof(m));
		m.servicio = servicios[azar() % 3];
		m.fecha = 1767225600LL + (long long)(azar() % (3 * 86400));
		m.estado = 200;
		m.recibidos = (long long)(azar() % 100);
		m.aceptados = m.recibidos / 2;
		m.rechazados = m.recibidos - m.aceptados;
		m.duracion_us = duracion();
		m.incidente = incidentes[azar() % 4];
		if (i % 100 == 50)
			assert_int_equal(db_begin(), 0);
		assert_int_equal(ap_medida_save(&m), 0);
		if (i % 100 == 99)
			assert_int_equal(db_commit(), 0);
	}
	/* Whole rows with wide histograms, merged into each other and into the above. */
	assert_int_equal(db_begin(), 0);
	for (i = 0; i < 60; i++) {
		memset(&f, 0, sizeof(f));
		ap_hist_clear(&f.hist);
		f.servicio = servicios[azar() % 3];
		f.segundos = azar() % 2 ? AP_HORA : AP_DIA;
		f.inicio = ap_resumen_inicio(1767225600LL + (long long)(azar() % (3 * 86400)),
		    f.segundos);
		f.entidad_id = (long long)(azar() % 3);
		for (j = 0; j < 1 + (int)(azar() % 200); j++) {
			memset(&m, 0, sizeof(m));
			m.servicio = f.servicio;
			m.recibidos = (long long)(azar() % 5);
			m.duracion_us = duracion();
			m.incidente = incidentes[azar() % 4];
			ap_resumen_fila_count(&f, &m);
		}
		/* A bucket with a count past one varint byte, and past 2^32. */
		if (i % 7 == 0)
			ap_hist_count(&f.hist, (int)(azar() % AP_HIST_CUBETAS), 1ULL << (i % 40));
		assert_int_equal(ap_resumen_fila_save(&f), 0);
	}
	assert_int_equal(db_commit(), 0);

	out[0] = '\0';
	for (s = 0; s < 3; s++)
		for (seg = 0; seg < 2; seg++) {
			st = db_stmt(ST_AP_RESUMEN_TODAS, "tiii", servicios[s],
			    seg ? (long long)AP_DIA : (long long)AP_HORA, 0LL, 1LL << 40);
			assert_non_null(st);
			while (db_step(st) == DB_ROW) {
				sodium_bin2hex(hex, sizeof(hex), db_col_blob(st, 9),
				    (size_t)db_col_bytes(st, 9));
				len += (size_t)snprintf(out + len, n - len, "%s %d %lld %lld %lld "
				    "%lld %lld %lld %lld %lld %lld %s\n", servicios[s], seg,
				    db_col_int64(st, 0), db_col_int64(st, 1), db_col_int64(st, 2),
				    db_col_int64(st, 3), db_col_int64(st, 4), db_col_int64(st, 5),
				    db_col_int64(st, 6), db_col_int64(st, 7), db_col_int64(st, 8),
				    hex);
				assert_true(len < n);
			}
			db_reset(st);
		}
	/* A malformed histogram (a varint cut short) stored, then merged into: refused. */
	quiet(1);
	assert_int_equal(db_exec(ST_AP_RESUMEN_SUMAR, "tiiiiiiiiiiib", "token", (long long)AP_HORA,
	    3600LL, 99LL, 1LL, 0LL, 0LL, 0LL, 0LL, 0LL, 0LL, 5LL, "\x81", 1), 0);
	assert_int_not_equal(db_exec(ST_AP_RESUMEN_SUMAR, "tiiiiiiiiiiib", "token",
	    (long long)AP_HORA, 3600LL, 99LL, 1LL, 0LL, 0LL, 0LL, 0LL, 0LL, 0LL, 5LL, "\x01\x01",
	    2), 0);
	db_release();
	quiet(0);
}

static int
lineacmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts the lines of s in place: rows of one period come in no set order (by inicio only,
 * the APs of a period as each engine reads them). */
static void
ordenar(char *s)
{
	static char *lineas[1 << 14], copia[1 << 20];
	size_t n = 0, i, len = 0;
	char *p;

	for (p = strtok(s, "\n"); p != NULL && n < sizeof(lineas) / sizeof(lineas[0]);
	    p = strtok(NULL, "\n"))
		lineas[n++] = p;
	qsort(lineas, n, sizeof(lineas[0]), lineacmp);
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(copia + len, sizeof(copia) - len, "%s\n", lineas[i]);
	memcpy(s, copia, len + 1);
}

/* The same writes read the same rows, histograms byte for byte. */
static void
test_mismos_resumenes(void **state)
{
	static const char *const archivos[] = {
		"portal.db", "portal.db-wal", "portal.db-shm", "escritura.lock",
	};
	static char en_pg[1 << 20], en_sqlite[1 << 20];
	char dir[] = "/tmp/portal-resumen-pg-XXXXXX", db[64];
	const char *c;
	size_t i;
	int filas = 0;

	(void)state;
	PG_O_SALTAR();
	/* PostgreSQL: the database run.sh made, migrated here. */
	quiet(1);
	assert_int_equal(db_open(""), 0);
	assert_true(db_es_pg());
	assert_int_equal(db_migrate(PORTAL_ROOT "/db/migrations"), 0);
	quiet(0);
	/* What an earlier run on this database wrote: its rollups would add to these, and its
	 * malformed histogram would refuse the first merge into it. */
	pg_run("DELETE FROM ap_resumen; DELETE FROM ap_medicion");
	escribir_y_leer(en_pg, sizeof(en_pg));
	db_close();

	/* SQLite, in a directory of its own. */
	assert_non_null(mkdtemp(dir));
	snprintf(db, sizeof(db), "%s/portal.db", dir);
	unsetenv("PORTAL_DB");
	quiet(1);
	assert_int_equal(db_open(db), 0);
	assert_false(db_es_pg());
	assert_int_equal(db_migrate(PORTAL_ROOT "/db/migrations"), 0);
	quiet(0);
	escribir_y_leer(en_sqlite, sizeof(en_sqlite));
	db_close();
	for (i = 0; i < sizeof(archivos) / sizeof(archivos[0]); i++) {
		snprintf(db, sizeof(db), "%s/%s", dir, archivos[i]);
		unlink(db);
	}
	assert_int_equal(rmdir(dir), 0);
	setenv("PORTAL_DB", url, 1);

	for (c = en_pg; *c != '\0'; c++)
		filas += *c == '\n';
	print_message("%d rollup rows, the same on both engines\n", filas);
	assert_true(filas > 100);
	ordenar(en_pg);
	ordenar(en_sqlite);
	assert_true(strcmp(en_pg, en_sqlite) == 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mismos_resumenes),
	};

	return cmocka_run_group_tests_name("resumen_pg", tests, abrir, cerrar);
}
