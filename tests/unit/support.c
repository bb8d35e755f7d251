/*
 * Shared fixtures. main.c defines cfg and opens the store; the tests do not link main.c,
 * so this file defines cfg and opens a throw-away store the same way.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "ap/ap.h"
#include "core/config.h"
#include "core/db.h"
#include "core/db_pg.h"
#include "core/secret.h"
#include "support.h"

int
arena_setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (f == NULL || (f->a = arena_new()) == NULL) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

int
arena_teardown(void **state)
{
	struct fixture *f = *state;

	arena_free(f->a);
	free(f);
	return 0;
}

/* Points cfg at dir, as config_paths() (cgi/core/config.c) does for the real program. */
static void
cfg_at(const char *dir)
{
	cfg.root = PORTAL_ROOT;
	cfg.var = dir;
	snprintf(cfg.db, sizeof(cfg.db), "%s/portal.db", dir);
	snprintf(cfg.key, sizeof(cfg.key), "%s/secret.key", dir);
	snprintf(cfg.sock, sizeof(cfg.sock), "%s/portal.sock", dir);
	snprintf(cfg.tpl, sizeof(cfg.tpl), "%s/templates", cfg.root);
	snprintf(cfg.mig, sizeof(cfg.mig), "%s/db/migrations", cfg.root);
}

static const db_funciones_fn funciones_sql[] = { ap_resumen_funciones };

int
db_setup(void **state)
{
	struct fixture *f;
	int rc;

	if (arena_setup(state) < 0)
		return -1;
	f = *state;
	snprintf(f->dir, sizeof(f->dir), "%s", "/tmp/portal-unit-XXXXXX");
	if (mkdtemp(f->dir) == NULL) {
		f->dir[0] = '\0';
		return -1;
	}
	cfg_at(f->dir);
	/* The SQL functions the wiring gives (cgi/main.c): migration 021 calls ap_hist. */
	db_funciones(funciones_sql, sizeof(funciones_sql) / sizeof(funciones_sql[0]));
	/* db_migrate logs each migration it applies: keep the test output to cmocka's lines. */
	quiet(1);
	rc = secret_init(cfg.key) == 0 && db_open(cfg.db) == 0 && db_migrate(cfg.mig) == 0;
	quiet(0);
	return rc ? 0 : -1;
}

int
db_teardown(void **state)
{
	static const char *const files[] = {
		"portal.db", "portal.db-wal", "portal.db-shm", "secret.key", "escritura.lock",
	};
	struct fixture *f = *state;
	char path[128];
	size_t i;

	db_close();
	for (i = 0; f->dir[0] != '\0' && i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", f->dir, files[i]);
		unlink(path);
	}
	if (f->dir[0] != '\0')
		rmdir(f->dir);
	return arena_teardown(state);
}

void
req_init(struct req *r, struct arena *a)
{
	memset(r, 0, sizeof(*r));
	r->a = a;
	r->method = "GET";
	r->path = "/";
	r->ip = "127.0.0.1";
	r->host = "localhost:8443";
	r->now = (long long)time(NULL);
}

void
quiet(int on)
{
	static int saved = -1;
	int null;

	if (on && saved < 0) {
		saved = dup(STDERR_FILENO);
		if ((null = open("/dev/null", O_WRONLY)) >= 0) {
			dup2(null, STDERR_FILENO);
			close(null);
		}
	} else if (!on && saved >= 0) {
		dup2(saved, STDERR_FILENO);
		close(saved);
		saved = -1;
	}
}

int
pg_setup(void **state)
{
	(void)state;
	if (!db_pg_url(getenv("PORTAL_DB")))
		return 0;
	return db_open("") == 0 && db_es_pg() ? 0 : -1;
}

int
pg_teardown(void **state)
{
	(void)state;
	if (db_es_pg())
		db_close();
	return 0;
}

void
pg_run(const char *q)
{
	PGconn *c = PQconnectdb(getenv("PORTAL_DB"));
	PGresult *r = PQexec(c, q);

	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
		print_error("%s: %s", q, PQerrorMessage(c));
	assert_true(PQresultStatus(r) == PGRES_COMMAND_OK ||
	    PQresultStatus(r) == PGRES_TUPLES_OK);
	PQclear(r);
	PQfinish(c);
}

long long
pg_number(const char *q)
{
	PGconn *c = PQconnectdb(getenv("PORTAL_DB"));
	PGresult *r = PQexec(c, q);
	long long v;

	assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
	assert_int_equal(PQntuples(r), 1);
	v = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	PQfinish(c);
	return v;
}
