/*
 * What `make bench` needs of MIPRES: many direccionamiento lines loaded in one transaction
 * through the tables the API writes (009_mipres.sql), each step's fields shaped as
 * cgi/mipres/db.c stores them, so the queries answer them like any other; sent as a batch
 * (db_lote: on PostgreSQL one round trip per DB_LOTE_TANDA statements, where a line and its
 * steps took four, and 1,000,000 lines 11 minutes); and the raw rate at
 * which the portal's own connection (db_open: the same journal and synchronous settings)
 * commits an entrega's two row changes, one transaction each.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/db.h"
#include "core/entidad.h"
#include "core/log.h"
#include "core/text.h"
#include "tools/mipres_bench.h"

#define EPS_NIT		"901234561"	/* the demo EPS (cgi/tools/demo_mipres.c) */
#define DIA		86400

const char *const mipres_bench_provs[MP_BENCH_NPROV] = { "901500013", "901500021", "901600017",
	"901600025", "901600033", "901600041", "901600058", "901600066" };

/* The step's fields as cgi/mipres/db.c's datos_json writes them for each transaction. */
#define DATOS_D "{\"NoPrescripcion\":\"%s\",\"TipoTec\":\"M\",\"ConTec\":1," \
	"\"TipoIDPaciente\":\"CC\",\"NoIDPaciente\":\"%s\",\"NoEntrega\":1,\"NoSubEntrega\":0," \
	"\"TipoIDProv\":\"NI\",\"NoIDProv\":\"%s\",\"CodMunEnt\":\"11001\"," \
	"\"FecMaxEnt\":\"%s 00:00\",\"CantTotAEntregar\":\"30\",\"DirPaciente\":" \
	"\"Calle 45 # 13-20\",\"CodSerTecAEntregar\":\"019971860-01\"}"
#define DATOS_P "{\"FecMaxEnt\":\"%s 00:00\",\"TipoIDSedeProv\":\"NI\",\"NoIDSedeProv\":" \
	"\"%s\",\"CodSedeProv\":\"PROV001234\",\"CodSerTecAEntregar\":\"019971860-01\"," \
	"\"CantTotAEntregar\":\"30\"}"
#define DATOS_E "{\"CodSerTecEntregado\":\"019971860-01\",\"CantTotEntregada\":\"30\"," \
	"\"EntTotal\":1,\"CausaNoEntrega\":null,\"FecEntrega\":\"%s 00:00\",\"NoLote\":" \
	"\"L2026-07\",\"TipoIDRecibe\":\"CC\",\"NoIDRecibe\":\"%s\"}"

/* The id of the dispenser with nit, created when missing. Returns it, or -1. */
static long long
proveedor(struct arena *a, const char *nit, long long now)
{
	long long id = db_entidad_id_by_nit(nit);

	if (id == 0)
		id = db_entidad_insert(a, nit, arena_printf(a, "Dispensador de prueba %s", nit),
		    "PROV", NULL, now);
	return id > 0 ? id : -1;
}

/* One step of the line inserted last: kind tipo in state estado, recorded at ts. Returns 0
 * or -1. */
static int
paso(const char *tipo, long long estado, long long ts, const char *dia, const char *prov,
    long long eps, const char *datos)
{
	return db_exec(ST_MIPRES_BENCH_PASO, "tiittiit", tipo, estado, ts, dia, prov, eps,
	    30LL, datos) == 0 ? 0 : -1;
}

/* Line i of n over dias days to provs[i % nprov], with its steps. Returns 0 or -1. */
static int
linea(long long i, long long n, int dias, const char *const *provs, int nprov, long long eps,
    long long now, struct mipres_carga *c)
{
	const char *prov = provs[i % nprov];
	long long antes = dias - 1 - i * dias / n, ts = now - antes * DIA;
	/* How far the cycle went: 0 D, 1 P, 2 E; each provider gets the three in turn. */
	int hasta = antes == 0 ? 1 : (int)(i / nprov % 3);
	char presc[24], doc[16], dia[11], max[11], datos[512];

	snprintf(presc, sizeof(presc), "2025%016lld", 1000000 + i);
	snprintf(doc, sizeof(doc), "%lld", 10000000 + i * 7919 % 400000);
	colombia_date(ts, dia);
	colombia_date(ts + 30 * DIA, max);
	if (db_exec(ST_MIPRES_LINEA_INSERT, "ittttittitii", eps, "contributivo", prov, presc,
	    "M", 1LL, "CC", doc, 1LL, max, 30LL, ts) != 0)
		return -1;
	snprintf(datos, sizeof(datos), DATOS_D, presc, doc, prov, max);
	if (paso("D", hasta > 0 ? 2 : 1, ts, dia, prov, eps, datos) < 0)
		return -1;
	c->pasos++;
	if (hasta >= 1) {
		snprintf(datos, sizeof(datos), DATOS_P, max, prov);
		if (paso("P", hasta > 1 ? 2 : 1, ts, dia, prov, eps, datos) < 0)
			return -1;
		c->pasos++;
	}
	if (hasta >= 2) {
		snprintf(datos, sizeof(datos), DATOS_E, dia, doc);
		if (paso("E", 1, ts, dia, prov, eps, datos) < 0)
			return -1;
		c->pasos++, c->entregas++;
	}
	c->lineas++;
	return 0;
}

int
mipres_carga(long long lineas, int dias, const char *const *provs, int nprov,
    struct mipres_carga *c)
{
	struct arena *a = arena_new();
	long long now = (long long)time(NULL), eps, i;
	int k;

	memset(c, 0, sizeof(*c));
	if (lineas < 1 || dias < 1 || nprov < 1 || nprov > MP_BENCH_NPROV) {
		arena_free(a);
		return -1;
	}
	if ((eps = db_entidad_id_by_nit(EPS_NIT)) == 0) {
		fprintf(stderr, "falta la EPS de demostración %s (portal seed-demo)\n", EPS_NIT);
		arena_free(a);
		return -1;
	}
	if (db_begin() < 0)
		goto falla;
	for (k = 0; k < nprov; k++)
		if (proveedor(a, provs[k], now) < 0)
			goto falla;
	/* The first line's id once it is in (the others follow it: the bench's PUTs take the
	 * lines first to last), the last one's at the end. */
	for (i = 0; i < lineas; i++) {
		if ((i == 1 && db_lote_begin() != 0) ||
		    linea(i, lineas, dias, provs, nprov, eps, now, c) < 0)
			goto falla;
		if (i == 0)
			c->primera = db_int(ST_MIPRES_BENCH_ULTIMA, 0, "");
	}
	if (db_lote_end() != 0 || (c->ultima = db_int(ST_MIPRES_BENCH_ULTIMA, 0, "")) <= 0 ||
	    c->primera <= 0 || db_exec(ST_AUDIT_INSERT, "iittittt", now, 0LL, "operador", "operador", eps, "",
	    "mipres_carga", arena_printf(a, "seed-mipres: %lld líneas de prueba (ID %lld a "
	    "%lld) a %d proveedor(es) en %d día(s)", c->lineas, c->primera, c->ultima, nprov,
	    dias)) != 0 || db_commit() < 0)
		goto falla;
	arena_free(a);
	return 0;
falla:
	db_rollback();
	memset(c, 0, sizeof(*c));
	log_err("mipres: loading %lld lines failed", lineas);
	arena_free(a);
	return -1;
}

/* Seconds on the monotonic clock. */
static double
reloj(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
mipres_bench_commits(long long n, double *segundos)
{
	static const char *const prov[] = { MP_BENCH_NIT };
	struct mipres_carga c;
	char dia[11], eps[24], datos[512];
	long long now, id, *prog;
	double t0;

	if (mipres_carga(n, 1, prov, 1, &c) < 0)
		return -1;
	/* Each line's programación, as a PUT knows it from the line's steps the rules read. */
	if ((prog = calloc((size_t)(c.ultima - c.primera + 1), sizeof(*prog))) == NULL)
		return -1;
	for (id = c.primera; id <= c.ultima; id++)
		prog[id - c.primera] = db_int(ST_MIPRES_BENCH_PROGRAMADA, 0, "i", id);
	now = (long long)time(NULL);
	colombia_date(now, dia);
	snprintf(eps, sizeof(eps), "%lld", db_entidad_id_by_nit(EPS_NIT));
	snprintf(datos, sizeof(datos), DATOS_E, dia, "79000111");
	/* As mipres_register writes an entrega: the programación is processed, the entrega
	 * recorded; the same statements with the same bindings, one transaction each. */
	t0 = reloj();
	for (id = c.primera; id <= c.ultima; id++)
		if (db_begin() < 0 || db_exec(ST_MIPRES_PASO_ESTADO_ID, "iii", 2LL,
		    prog[id - c.primera], 1LL) != 0 ||
		    db_changes() != 1 || db_exec(ST_MIPRES_PASO_INSERT, "itiittttt", id, "E", 0LL,
		    now, dia, MP_BENCH_NIT, eps, "30", datos) != 0 || db_commit() < 0) {
			db_rollback();
			log_err("mipres: commit %lld of the bench failed", id - c.primera + 1);
			free(prog);
			return -1;
		}
	*segundos = reloj() - t0;
	free(prog);
	return 0;
}
