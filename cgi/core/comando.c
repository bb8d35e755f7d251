#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/comando.h"
#include "core/config.h"
#include "core/db.h"
#include "core/db_pg.h"

#ifndef PORTAL_ROOT
#define PORTAL_ROOT "."
#endif

#define COLUMNA	38	/* the width of "command args" in the usage text */
#define COMANDO_VECES	5	/* runs of a command that could not be serialized */

/* The running program's table (comando_main). */
static const char *programa;
static const struct comando *tabla;
static size_t ntabla;
static int entrada_leida;	/* the command read standard input (comando_stdin_read) */

/* Prints text on stderr, each line after the first under the help column. */
static void
ayuda(const char *text)
{
	const char *nl;

	while ((nl = strchr(text, '\n')) != NULL) {
		fprintf(stderr, "%.*s\n%*s", (int)(nl - text), text, COLUMNA + 3, "");
		text = nl + 1;
	}
	fprintf(stderr, "%s\n", text);
}

int
comando_uso(void)
{
	char linea[200];
	size_t i;

	fprintf(stderr, "usage: %s [-r root] [-v var] [-d postgresql://...] command [args]\n"
	    "  -d URL (or PORTAL_DB=URL): the database is PostgreSQL at URL instead of SQLite in\n"
	    "         VAR/portal.db (a password in the URL shows in ps: prefer PORTAL_DB or\n"
	    "         ~/.pgpass)\ncommands:\n", programa);
	for (i = 0; i < ntabla; i++) {
		snprintf(linea, sizeof(linea), "%s%s%s", tabla[i].nombre, *tabla[i].args ? " " : "",
		    tabla[i].args);
		if (tabla[i].ayuda[0] == '\n')	/* a long one: its help starts below */
			fprintf(stderr, "  %s", linea);
		else
			fprintf(stderr, "  %-*s ", COLUMNA, linea);
		ayuda(tabla[i].ayuda);
	}
	return 2;
}

/* Reads the options into cfg: 0, -1 for a bad one, -2 for a PORTAL_DB that is not a
 * PostgreSQL URL (said). Leaves optind past them. */
static int
opciones(int argc, char **argv)
{
	static char var[4096];
	int c;

	cfg.root = getenv("PORTAL_ROOT") ? getenv("PORTAL_ROOT") : PORTAL_ROOT;
	cfg.var = getenv("PORTAL_VAR") ? getenv("PORTAL_VAR") : NULL;
	while ((c = getopt(argc, argv, "+r:v:d:")) != -1) {
		if (c == 'r')
			cfg.root = optarg;
		else if (c == 'v')
			cfg.var = optarg;
		else if (c == 'd')
			setenv("PORTAL_DB", optarg, 1);	/* the workers and pg_dump read it too */
		else
			return -1;
	}
	/* A PORTAL_DB that names no PostgreSQL would otherwise serve from SQLite unnoticed. */
	if (getenv("PORTAL_DB") != NULL && *getenv("PORTAL_DB") != '\0' &&
	    !db_pg_url(getenv("PORTAL_DB"))) {
		fprintf(stderr, "%s: PORTAL_DB (o -d) debe ser una URL postgresql://…; sin ella la "
		    "base es SQLite en VAR/portal.db\n", programa);
		return -2;
	}
	if (cfg.var == NULL) {
		snprintf(var, sizeof(var), "%s/var", cfg.root);
		cfg.var = var;
	}
	return 0;
}

void
comando_stdin_read(void)
{
	entrada_leida = 1;
}

/* Runs row c, and again (up to COMANDO_VECES runs in all) while it failed because one of
 * its statements could not be serialized with another writer's (PostgreSQL: the server
 * writing at the same moment) and nothing of it committed: the operator's command then
 * does what a request does in the server (core/server.c); not when it read its standard
 * input. Returns its exit status. */
static int
run_again(const struct comando *c, int argc, char **argv)
{
	struct db_marca antes, ahora;
	int rc, vez;

	db_marca(&antes);
	for (vez = 1;; vez++) {
		rc = c->correr(argc, argv);
		db_marca(&ahora);
		if (rc == 0 || ahora.reintentos == antes.reintentos ||
		    ahora.confirmadas != antes.confirmadas || vez == COMANDO_VECES)
			break;
		if (entrada_leida) {
			/* Run again, it would find its input (a password) already read. */
			fprintf(stderr, "%s: %s no pudo serializarse con otra escritura y ya leyó su "
			    "entrada: repítalo\n", programa, c->nombre);
			break;
		}
		if (db_in_transaction())
			db_rollback();
		fprintf(stderr, "%s: %s no pudo serializarse con otra escritura: se ejecuta de "
		    "nuevo\n", programa, c->nombre);
		db_release();
		db_pausa_azar(vez);
		db_turno(1);
		antes.reintentos = ahora.reintentos;
	}
	db_turno(0);
	return rc;
}

/* Runs row c on the store (opened first unless var_vacio, closed after). */
static int
comando_run(const struct comando *c, int argc, char **argv)
{
	char err[256];
	int rc;

	if (c->var_vacio)
		return c->correr(argc, argv);
	/* Every command writes as the server does: a wrong value stops each one. */
	if (db_sincrono_config(err, sizeof(err)) < 0) {
		fprintf(stderr, "%s: %s\n", programa, err);
		return 1;
	}
	if (config_open_store(&cfg) < 0)
		return 1;
	rc = run_again(c, argc, argv);
	db_close();
	return rc;
}

int
comando_main(const char *prog, const struct comando *t, size_t n, int argc, char **argv)
{
	size_t i;
	int rc;

	programa = prog, tabla = t, ntabla = n;
	if ((rc = opciones(argc, argv)) == -2)
		return 2;
	if (rc < 0 || optind >= argc)
		return comando_uso();
	argc -= optind, argv += optind;
	for (i = 0; i < n && strcmp(argv[0], t[i].nombre) != 0; i++)
		;
	/* Everything the portal creates in var/ (database, WAL, key, socket) is its user's. */
	umask(077);
	config_paths(&cfg);
	/* Keep the heap, as the workers do (cgi/core/server.c): all through a bulk load
	 * SQLite's page cache frees and takes pages; giving the heap's top back to the kernel
	 * each time (brk, and on a VM a TLB shootdown across the cores) made a 30,000-line
	 * seed-mipres after a 150,000-line one take 35 s of CPU instead of 1.2 s. */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	return i < n ? comando_run(&t[i], argc, argv) : comando_uso();
}
