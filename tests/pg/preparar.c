/*
 * Prepares every statement of the portal (sql_texto(), cgi/core/sql.h) on a PostgreSQL
 * database through libpq, as the engine will (issue 14): SQLite's placeholders ?, ?NNN
 * become $N first (that rewrite is mechanical, so it is not counted as a failure).
 *
 * usage: preparar CONNINFO
 * Prints one line per statement, in enum order: "ok<TAB>i<TAB>b" (b: how many of its result
 * columns are boolean, which SQLite returns as the integers 0 and 1) or
 * "fail<TAB>i<TAB>message<TAB>the text from the error's position" (one line each).
 * Exits 0 when it could connect, whatever failed to prepare; 1 otherwise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "core/sql.h"

/*
 * Copies sql into out (n bytes) with SQLite's placeholders numbered as PostgreSQL's: ?NNN
 * becomes $NNN, a bare ? the next number after the largest so far (SQLite's rule). Quoted
 * strings and identifiers are copied as they are. Returns 0, or -1 when out is too small.
 */
static int
placeholders(const char *sql, char *out, size_t n)
{
	size_t o = 0;
	int max = 0, k;
	char q = 0;
	const char *p;

	for (p = sql; *p != '\0'; p++) {
		if (o + 16 >= n)
			return -1;
		if (q != 0) {
			if (*p == q)
				q = 0;	/* a doubled quote closes and reopens: same result */
			out[o++] = *p;
		} else if (*p == '\'' || *p == '"') {
			q = *p;
			out[o++] = *p;
		} else if (*p == '?') {
			if (p[1] >= '0' && p[1] <= '9') {
				k = (int)strtol(p + 1, (char **)&p, 10);
				p--;
			} else
				k = max + 1;
			if (k > max)
				max = k;
			o += (size_t)snprintf(out + o, n - o, "$%d", k);
		} else
			out[o++] = *p;
	}
	out[o] = '\0';
	return 0;
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
	const char *pos, *msg, *sql;
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
		sql = sql_texto((enum stmt)i);
		if (sql == NULL || placeholders(sql, pgsql, sizeof(pgsql)) != 0) {
			printf("fail\t%d\t%s\t\n", i, sql ? "too long" : "no SQL");
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
