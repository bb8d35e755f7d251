/*
 * Prepares every statement of the portal (sql_texto(), cgi/core/sql.h) on a PostgreSQL
 * database through libpq, as the engine does (cgi/core/db_pg.c, issue 14): its PostgreSQL
 * text (stmts_pg[], cgi/core/sql_pg.c) when it has one, with SQLite's placeholders ?, ?NNN
 * rewritten as $N first (db_pg_placeholders; not counted as a failure).
 *
 * usage: preparar CONNINFO
 * Prints one line per statement, in enum order: "ok<TAB>i<TAB>b" (b: how many of its result
 * columns are boolean, which SQLite returns as the integers 0 and 1) or
 * "fail<TAB>i<TAB>message<TAB>the text from the error's position" (one line each).
 * Exits 0 when it could connect, whatever failed to prepare; 1 otherwise.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "core/db_pg.h"
#include "core/log.h"
#include "core/sql.h"

/* core/db_pg.c's log, without core/log.c (which needs the routes' table): stderr. */
void
log_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
log_info(const char *fmt, ...)
{
	(void)fmt;
}

/* Prints s on one line: blanks (newlines included) collapsed to one space, at most max
 * characters. */
static void
una_linea(const char *s, size_t max)
{
	size_t i = 0;
	int blanco = 0;

	for (; *s != '\0' && i < max; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			blanco = 1;
			continue;
		}
		if (blanco && i > 0)
			putchar(' '), i++;
		blanco = 0;
		putchar(*s), i++;
	}
}

/* How many result columns of the unnamed prepared statement are boolean (type oid 16). */
static int
booleanas(PGconn *c)
{
	PGresult *d = PQdescribePrepared(c, "");
	int j, n = 0;

	for (j = 0; j < PQnfields(d); j++)
		n += PQftype(d, j) == 16;
	PQclear(d);
	return n;
}

int
main(int argc, char **argv)
{
	static char pgsql[65536];
	PGconn *c;
	PGresult *r;
	const char *pos, *msg, *texto;
	int i;

	if (argc != 2) {
		fprintf(stderr, "usage: preparar CONNINFO\n");
		return 2;
	}
	c = PQconnectdb(argv[1]);
	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "preparar: %s", PQerrorMessage(c));
		PQfinish(c);
		return 1;
	}
	for (i = 0; i < ST__MAX; i++) {
		texto = stmts_pg[i] != NULL ? stmts_pg[i] : sql_texto((enum stmt)i);
		if (texto == NULL || db_pg_placeholders(texto, pgsql, sizeof(pgsql)) < 0) {
			printf("fail\t%d\t%s\t\n", i, texto ? "too long" : "no SQL");
			continue;
		}
		r = PQprepare(c, "", pgsql, 0, NULL);
		if (PQresultStatus(r) == PGRES_COMMAND_OK)
			printf("ok\t%d\t%d\n", i, booleanas(c));
		else {
			msg = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
			pos = PQresultErrorField(r, PG_DIAG_STATEMENT_POSITION);
			printf("fail\t%d\t", i);
			una_linea(msg ? msg : PQerrorMessage(c), 200);
			putchar('\t');
			if (pos != NULL && atoi(pos) >= 1 && (size_t)atoi(pos) <= strlen(pgsql))
				una_linea(pgsql + atoi(pos) - 1, 40);
			putchar('\n');
		}
		PQclear(r);
	}
	PQfinish(c);
	return 0;
}
