/*
 * portal-demo: loads demo and bench data into a portal's VAR, for `make run`, `make bench`
 * and the tests; never part of the production program (build/portal has none of it).
 *
 *   portal-demo [-r ROOT] [-v VAR] seed-demo [SOLICITUDES]
 *   portal-demo [-r ROOT] [-v VAR] seed-mipres LINEAS [DIAS [PROVEEDORES]]
 *   portal-demo [-r ROOT] [-v VAR] bench-commits N
 *   portal-demo [-r ROOT] [-v VAR] bench-commits-ap N
 *   portal-demo [-r ROOT] [-v VAR] seed-ap LLAMADAS [DIAS]
 *   portal-demo [-r ROOT] [-v VAR] seed-auditoria FILAS [DIAS]
 *   portal-demo [-r ROOT] [-v VAR] seed-correo N
 *
 * Like portal's commands (cgi/main.c), each opens the store first: the database is
 * created and migrated when missing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ap/ap.h"
#include "core/comando.h"
#include "core/db.h"
#include "core/outbox.h"
#include "tools/ap_bench.h"
#include "tools/ap_carga.h"
#include "tools/auditoria_carga.h"
#include "tools/demo.h"
#include "tools/mipres_bench.h"

/* Seconds on the monotonic clock. */
static double
reloj(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* seed-mipres LINEAS [DIAS [PROVEEDORES]]: test lines for the bench (mipres_carga), one
 * transaction; prints what it made and how long it took. */
static int
cmd_seed_mipres(int argc, char **argv)
{
	struct mipres_carga c;
	long long n = argc > 1 ? atoll(argv[1]) : 0;
	int dias = argc > 2 ? atoi(argv[2]) : 1, nprov = argc > 3 ? atoi(argv[3]) : 1;
	double t0 = reloj();

	if (argc < 2 || argc > 4 || n < 1 || dias < 1 || nprov < 1 || nprov > MP_BENCH_NPROV) {
		fprintf(stderr, "seed-mipres LINEAS [DIAS [PROVEEDORES]]: LINEAS y DIAS mayores "
		    "que 0, PROVEEDORES de 1 a %d\n", MP_BENCH_NPROV);
		return 2;
	}
	if (mipres_carga(n, dias, mipres_bench_provs, nprov, &c) < 0) {
		fprintf(stderr, "no se pudieron cargar las líneas\n");
		return 1;
	}
	printf("seed-mipres: %lld líneas (ID %lld a %lld), %lld pasos, %lld entregas, "
	    "%d proveedor(es), %d día(s), en %.2f s\n", c.lineas, c.primera, c.ultima, c.pasos,
	    c.entregas, nprov, dias, reloj() - t0);
	return 0;
}

/* seed-ap LLAMADAS [DIAS]: measured AP calls for the bench (ap_carga), with their
 * rollups; prints what it made and how long it took. */
static int
cmd_seed_ap(int argc, char **argv)
{
	struct ap_carga c;
	long long n = argc > 1 ? atoll(argv[1]) : 0;
	int dias = argc > 2 ? atoi(argv[2]) : 92;
	double t0 = reloj();

	if (argc < 2 || argc > 3 || n < 1 || dias < 1 || dias > 3650) {
		fprintf(stderr, "seed-ap LLAMADAS [DIAS]: LLAMADAS mayor que 0, DIAS de 1 a 3650 "
		    "(92)\n");
		return 2;
	}
	if (ap_carga(n, dias, &c) < 0)
		return 1;
	printf("seed-ap: %lld llamadas de %d administradora(s) y sin identificar en %d día(s), "
	    "%lld escrituras de resúmenes, en %.2f s\n", c.mediciones, c.aps, dias, c.filas,
	    reloj() - t0);
	return 0;
}

/* seed-auditoria FILAS [DIAS]: audit rows for the bench (auditoria_carga); prints what
 * it made and how long it took. */
static int
cmd_seed_auditoria(int argc, char **argv)
{
	long long n = argc > 1 ? atoll(argv[1]) : 0;
	int dias = argc > 2 ? atoi(argv[2]) : 365, personas;
	double t0 = reloj();

	if (argc < 2 || argc > 3 || n < 1 || dias < 1 || dias > 3650) {
		fprintf(stderr, "seed-auditoria FILAS [DIAS]: FILAS mayor que 0, DIAS de 1 a 3650 "
		    "(365)\n");
		return 2;
	}
	if (auditoria_carga(n, dias, &personas) < 0)
		return 1;
	printf("seed-auditoria: %lld filas de %d persona(s) en %d día(s), en %.2f s\n", n,
	    personas, dias, reloj() - t0);
	return 0;
}

/* bench-commits N: the raw commit rate of an entrega's rows (mipres_bench_commits). */
static int
cmd_bench_commits(int argc, char **argv)
{
	long long n = argc == 2 ? atoll(argv[1]) : 0;
	double s;

	if (n < 1)
		return comando_uso();
	if (mipres_bench_commits(n, &s) < 0) {
		fprintf(stderr, "bench-commits falló\n");
		return 1;
	}
	printf("bench-commits: %lld commits en %.3f s: %.0f commits/s\n", n, s, s > 0 ? n / s : 0);
	return 0;
}

/* bench-commits-ap N: the raw commit rate of an AP call's 100 records (ap_bench_commits). */
static int
cmd_bench_commits_ap(int argc, char **argv)
{
	long long n = argc == 2 ? atoll(argv[1]) : 0;
	double s;

	if (n < 1)
		return comando_uso();
	if (ap_bench_commits(n, &s) < 0) {
		fprintf(stderr, "bench-commits-ap falló\n");
		return 1;
	}
	printf("bench-commits-ap: %lld llamadas de %d registros en %.3f s: %.0f llamadas/s\n",
	    n, AP_BENCH_REGISTROS, s, s > 0 ? n / s : 0);
	return 0;
}

/* seed-correo N: N messages in the outbox, due now, to prueba-1@correo.example.co ...
 * prueba-N@..., subject "Prueba N" (the mail tests: each one delivered once); one
 * transaction. */
static int
cmd_seed_correo(int argc, char **argv)
{
	long long n = argc == 2 ? atoll(argv[1]) : 0, i, now = (long long)time(NULL);
	char para[64], asunto[32], cuerpo[64];

	if (n < 1 || n > 100000)
		return comando_uso();
	if (db_begin() != 0)
		return 1;
	for (i = 1; i <= n; i++) {
		snprintf(para, sizeof(para), "prueba-%lld@correo.example.co", i);
		snprintf(asunto, sizeof(asunto), "Prueba %lld", i);
		snprintf(cuerpo, sizeof(cuerpo), "Mensaje de prueba número %lld.\n", i);
		if (outbox_add(para, asunto, cuerpo, now) < 0) {
			db_rollback();
			fprintf(stderr, "seed-correo: no se pudo encolar el mensaje %lld\n", i);
			return 1;
		}
	}
	if (db_commit() != 0) {
		fprintf(stderr, "seed-correo: no se pudo confirmar\n");
		return 1;
	}
	printf("seed-correo: %lld mensaje(s) en la cola\n", n);
	return 0;
}

/* seed-demo [SOLICITUDES]: the demo data (demo_seed), and SOLICITUDES more providers. */
static int
cmd_seed_demo(int argc, char **argv)
{
	if (argc > 2)
		return comando_uso();
	return demo_seed(argc > 1 ? atoi(argv[1]) : 0) == 0 ? 0 : 1;
}

/* The SQL functions the statements and migrations call, as portal's (cgi/main.c). */
static const db_funciones_fn funciones_sql[] = { ap_resumen_funciones };

/* The commands, in the order the usage lists them. */
static const struct comando comandos[] = {
	{ "seed-demo", "[SOLICITUDES]", "load the demo data (and SOLICITUDES more)",
	    cmd_seed_demo, 0 },
	{ "seed-mipres", "LINEAS [DIAS [PROVEEDORES]]", "load LINEAS test MIPRES lines (bench) "
	    "over the last\nDIAS days (1) to PROVEEDORES dispensers (1..8)", cmd_seed_mipres, 0 },
	{ "bench-commits", "N", "commit N entregas, one transaction each; prints commits/s",
	    cmd_bench_commits, 0 },
	{ "bench-commits-ap", "N", "commit N AP calls of 100 records, one transaction each;\n"
	    "prints calls/s", cmd_bench_commits_ap, 0 },
	{ "seed-ap", "LLAMADAS [DIAS]", "load LLAMADAS measured AP calls (bench) over the "
	    "last\nDIAS days (92), with their rollups", cmd_seed_ap, 0 },
	{ "seed-auditoria", "FILAS [DIAS]", "append FILAS chained audit rows (bench) over the "
	    "last\nDIAS days (365)", cmd_seed_auditoria, 0 },
	{ "seed-correo", "N", "queue N test messages (prueba-1@correo.example.co ...), due now",
	    cmd_seed_correo, 0 },
};

int
main(int argc, char **argv)
{
	db_funciones(funciones_sql, sizeof(funciones_sql) / sizeof(funciones_sql[0]));
	return comando_main("portal-demo", comandos, sizeof(comandos) / sizeof(comandos[0]),
	    argc, argv);
}
