/* The CSV reader of uploads (cgi/core/csv_reader.c): separators, quotes, line ends, the byte
 * order mark, blank lines, limits, and every malformed shape refused with its line. */
#include <stdio.h>
#include <string.h>

#include "core/csv_reader.h"
#include "support.h"

/* Reads the C string s. */
static const char *
leer(struct arena *a, const char *s, size_t max, struct csv *c)
{
	return csv_read(a, s, strlen(s), max, c);
}

static void
assert_row(const struct csv_row *r, size_t line, size_t n, const char *const *v)
{
	size_t i;

	assert_int_equal(r->line, line);
	assert_int_equal(r->n, n);
	for (i = 0; i < n; i++)
		assert_string_equal(r->v[i], v[i]);
}

static void
test_comma_lf(void **state)
{
	struct arena *a = ARENA(state);
	struct csv c;

	assert_null(leer(a, "ID,NoLote,EntTotal\n12,L1,1\n13,,0\n", 10, &c));
	assert_int_equal(c.sep, ',');
	assert_int_equal(c.n, 3);
	assert_row(&c.rows[0], 1, 3, (const char *[]){ "ID", "NoLote", "EntTotal" });
	assert_row(&c.rows[1], 2, 3, (const char *[]){ "12", "L1", "1" });
	assert_row(&c.rows[2], 3, 3, (const char *[]){ "13", "", "0" });
	/* Without a final line end, and with blanks around unquoted fields. */
	assert_null(leer(a, "a,b\n 1 ,\t2", 10, &c));
	assert_int_equal(c.n, 2);
	assert_row(&c.rows[1], 2, 2, (const char *[]){ "1", "2" });
}

static void
test_semicolon_bom_crlf(void **state)
{
	struct arena *a = ARENA(state);
	struct csv c;

	/* Excel in Colombia: BOM, ';', CRLF, a decimal comma inside a field. */
	assert_null(leer(a, "\xEF\xBB\xBFID;Valor\r\n7;1,5\r\n\r\n8;\"a;b\"\r\n", 10, &c));
	assert_int_equal(c.sep, ';');
	assert_int_equal(c.n, 3);
	assert_row(&c.rows[0], 1, 2, (const char *[]){ "ID", "Valor" });
	assert_row(&c.rows[1], 2, 2, (const char *[]){ "7", "1,5" });
	assert_row(&c.rows[2], 4, 2, (const char *[]){ "8", "a;b" });
	/* Blank lines (spaces too) before the header: its separator still decides, and each
	 * row keeps its line in the file. */
	assert_null(leer(a, "\xEF\xBB\xBF\r\n  \t\r\nID;Valor\r\n7;1,5\r\n", 10, &c));
	assert_int_equal(c.sep, ';');
	assert_row(&c.rows[0], 3, 2, (const char *[]){ "ID", "Valor" });
	assert_row(&c.rows[1], 4, 2, (const char *[]){ "7", "1,5" });
	/* A lone CR ends a line too; a single column takes ','. */
	assert_null(leer(a, "ID\r1\r2", 10, &c));
	assert_int_equal(c.sep, ',');
	assert_int_equal(c.n, 3);
	assert_row(&c.rows[2], 3, 1, (const char *[]){ "2" });
	/* The separator is decided outside quotes: "a;b;c",x is comma-separated. */
	assert_null(leer(a, "\"a;b;c\",x\n1,2\n", 10, &c));
	assert_int_equal(c.sep, ',');
	assert_row(&c.rows[0], 1, 2, (const char *[]){ "a;b;c", "x" });
}

static void
test_quotes(void **state)
{
	struct arena *a = ARENA(state);
	struct csv c;

	assert_null(leer(a, "n,t\n1,\"dijo \"\"hola\"\"\"\n2,\"dos\r\nlíneas\"\n3,\"\"\n"
	    "4, \"con blancos\" \n", 10, &c));
	assert_int_equal(c.n, 5);
	assert_row(&c.rows[1], 2, 2, (const char *[]){ "1", "dijo \"hola\"" });
	assert_row(&c.rows[2], 3, 2, (const char *[]){ "2", "dos\r\nlíneas" });
	assert_row(&c.rows[3], 5, 2, (const char *[]){ "3", "" });
	assert_row(&c.rows[4], 6, 2, (const char *[]){ "4", "con blancos" });
	/* A quote inside an unquoted field is kept as it is. */
	assert_null(leer(a, "a\n12\"x\n", 10, &c));
	assert_string_equal(c.rows[1].v[0], "12\"x");
	/* Blank lines and lines of separators only are skipped; a header alone is one row. */
	assert_null(leer(a, "\n;;\nID;x\n;\n\n", 10, &c));
	assert_int_equal(c.n, 1);
	assert_int_equal(c.rows[0].line, 3);
	assert_null(leer(a, "", 10, &c));
	assert_int_equal(c.n, 0);
	assert_null(leer(a, "\xEF\xBB\xBF", 10, &c));
	assert_int_equal(c.n, 0);
	/* Ragged rows are the caller's business. */
	assert_null(leer(a, "a,b\n1\n1,2,3\n", 10, &c));
	assert_int_equal(c.rows[1].n, 1);
	assert_int_equal(c.rows[2].n, 3);
}

static void
test_refused(void **state)
{
	struct arena *a = ARENA(state);
	struct csv c;
	const char *why;
	char big[CSV_MAX_COLS * 2 + 2];
	size_t i;

	why = leer(a, "a,b\n1,\"abierto\n2,3\n", 10, &c);
	assert_non_null(why);
	assert_non_null(strstr(why, "Línea 2"));
	assert_non_null(strstr(why, "no se cierra"));
	why = leer(a, "a,b\n\n1,\"x\"y\n", 10, &c);
	assert_non_null(why);
	assert_non_null(strstr(why, "Línea 3"));
	assert_non_null(strstr(why, "después de las comillas"));
	/* A NUL byte: not text (a spreadsheet's binary file). */
	why = csv_read(a, "PK\x03\x04\0\0x", 7, 10, &c);
	assert_non_null(why);
	assert_non_null(strstr(why, "bytes nulos"));
	/* More records than max_rows (the header counts). */
	assert_null(leer(a, "h\n1\n2\n", 3, &c));
	why = leer(a, "h\n1\n2\n3\n", 3, &c);
	assert_non_null(why);
	assert_non_null(strstr(why, "más de 2 filas"));
	/* More than CSV_MAX_COLS fields. */
	for (i = 0; i < CSV_MAX_COLS; i++)
		big[2 * i] = 'x', big[2 * i + 1] = ',';
	big[2 * CSV_MAX_COLS] = 'x';
	big[2 * CSV_MAX_COLS + 1] = '\0';
	why = leer(a, big, 10, &c);
	assert_non_null(why);
	assert_non_null(strstr(why, "columnas"));
	big[2 * CSV_MAX_COLS - 1] = '\0';
	assert_null(leer(a, big, 10, &c));
	assert_int_equal(c.rows[0].n, CSV_MAX_COLS);
}

/* Many rows: the array grows past its first allocation and keeps every row. */
static void
test_many(void **state)
{
	struct arena *a = ARENA(state);
	struct csv c;
	char buf[64 * 1024];
	size_t n = 0, i;

	n += (size_t)sprintf(buf, "ID;NoLote\n");
	for (i = 0; i < 1000; i++)
		n += (size_t)sprintf(buf + n, "%zu;L%zu\n", i, i);
	assert_null(csv_read(a, buf, n, 1001, &c));
	assert_int_equal(c.n, 1001);
	assert_string_equal(c.rows[1000].v[1], "L999");
	assert_int_equal(c.rows[1000].line, 1001);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_comma_lf),
		cmocka_unit_test(test_semicolon_bom_crlf),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_many),
	};

	return cmocka_run_group_tests_name("csv_reader", tests, arena_setup, arena_teardown);
}
