/* What the unit tests share: cmocka, fixtures with an arena or a fresh database. */
#ifndef SUPPORT_H
#define SUPPORT_H
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/req.h"

/* What a fixture leaves in *state. */
struct fixture {
	struct arena	*a;
	char		 dir[64];	/* temporary directory of portal.db and secret.key, or "" */
};

/* cmocka setup and teardown: a fixture with an arena only. */
int arena_setup(void **state);
int arena_teardown(void **state);

/*
 * cmocka setup: an arena, plus a new temporary directory holding a database migrated from
 * db/migrations and a fresh random secrets key, opened the way `portal migrate` does
 * (secret_init, db_open, db_migrate). cfg points at that directory. Returns 0 or -1.
 */
int db_setup(void **state);
/* cmocka teardown: closes the database, removes the directory, frees the arena. */
int db_teardown(void **state);

/* The arena of the fixture in state. */
#define ARENA(state)	(((struct fixture *)*(state))->a)

/* A request with no parameters, no session and now set to the current time. */
void req_init(struct req *, struct arena *);
/*
 * PostgreSQL (tests/pg/run.sh sets PORTAL_DB to a migrated database; without it the PG
 * tests skip): cmocka setup opening that database (0 without one, -1 when it does not
 * open), its teardown, and SQL run on a connection of its own, as someone with the
 * database's password would: pg_run (a command or a query, its rows ignored) and
 * pg_number (a one-value query, as a long long).
 */
int pg_setup(void **state);
int pg_teardown(void **state);
void pg_run(const char *q);
long long pg_number(const char *q);
/* Skips the test without a PostgreSQL database. */
#define PG_OR_SKIP()	do { if (!db_es_pg()) skip(); } while (0)

/* Silences stderr (log_err) around a call that is meant to fail: quiet(1) ... quiet(0). */
void quiet(int on);
#endif
