/*
 * The CSV reader of uploads (cgi/core/csv_reader.c), with the row cap the Cargue masivo uses.
 * Invariants: a file refused says why naming a line or the file; a file read has at most
 * the cap of rows, each of 1 to CSV_MAX_COLS fields, none all empty, on increasing lines
 * that exist, no more field bytes than the file; and the rows, written out again with every
 * field quoted, read back to the same rows.
 */
#include "core/csv_reader.h"
#include "fuzz.h"

#define FILAS	5001	/* mipres_cargue.c: CARGUE_FILAS_MAX data rows and the header */

static struct arena *a;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	a = arena_new();
	return 0;
}

/* The rows of c as CSV text with every field quoted, into *len bytes. A first line of
 * one separator (two empty fields, skipped) keeps ';' the separator when it was. */
static char *
escribir(const struct csv *c, size_t *len)
{
	size_t i, j, cap = 4;
	const char *s;
	char *out, *o;

	for (i = 0; i < c->n; i++)
		for (j = 0; j < c->rows[i].n; j++)
			cap += 2 * strlen(c->rows[i].v[j]) + 4;
	o = out = arena_alloc(a, cap);
	if (c->sep == ';')
		*o++ = ';', *o++ = '\n';
	for (i = 0; i < c->n; i++) {
		for (j = 0; j < c->rows[i].n; j++) {
			if (j > 0)
				*o++ = c->sep;
			*o++ = '"';
			for (s = c->rows[i].v[j]; *s != '\0'; s++)
				if ((*o++ = *s) == '"')
					*o++ = '"';
			*o++ = '"';
		}
		*o++ = '\n';
	}
	*len = (size_t)(o - out);
	return out;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	const char *s = (const char *)data, *why, *txt;
	struct csv c, c2;
	size_t i, j, total = 0, lines = fuzz_count(s, n, '\n') + fuzz_count(s, n, '\r') + 1, len;

	if ((why = csv_read(a, s, n, FILAS, &c)) != NULL) {
		CHECK(strncmp(why, "Línea ", 7) == 0 || strncmp(why, "El archivo", 10) == 0);
		goto out;
	}
	CHECK(c.sep == ',' || c.sep == ';');
	CHECK(c.n <= FILAS);
	for (i = 0; i < c.n; i++) {
		CHECK(c.rows[i].n >= 1 && c.rows[i].n <= CSV_MAX_COLS);
		CHECK(c.rows[i].line >= 1 && c.rows[i].line <= lines);
		CHECK(i == 0 || c.rows[i].line > c.rows[i - 1].line);
		for (j = 0; j < c.rows[i].n; j++)
			total += strlen(c.rows[i].v[j]);
		for (j = 0; j < c.rows[i].n && c.rows[i].v[j][0] == '\0'; j++)
			;
		CHECK(j < c.rows[i].n);
	}
	CHECK(total <= n);
	txt = escribir(&c, &len);
	CHECK(csv_read(a, txt, len, FILAS, &c2) == NULL);
	CHECK(c2.n == c.n && c2.sep == c.sep);
	for (i = 0; i < c.n; i++) {
		CHECK(c2.rows[i].n == c.rows[i].n);
		for (j = 0; j < c.rows[i].n; j++)
			CHECK(strcmp(c2.rows[i].v[j], c.rows[i].v[j]) == 0);
	}
out:
	arena_reset(a);
	return 0;
}
