/* CSV cells (cgi/core/csv.c): ";" separated, RFC 4180 quoting and the neutralising of
 * spreadsheet formulas. */
#include <string.h>

#include "core/csv.h"
#include "support.h"

/* The text csv_campo writes for s (as the last cell when ultimo). */
static const char *
celda(struct buf *b, const char *s, int ultimo)
{
	buf_reset(b);
	csv_campo(b, s, ultimo);
	return b->p;
}

static void
test_csv_campo(void **state)
{
	struct buf b = { 0 };

	(void)state;
	assert_string_equal(celda(&b, "abc", 0), "abc;");
	assert_string_equal(celda(&b, "abc", 1), "abc\r\n");
	assert_string_equal(celda(&b, NULL, 0), ";");
	assert_string_equal(celda(&b, "", 1), "\r\n");
	assert_string_equal(celda(&b, "a,b", 0), "\"a,b\";");
	/* The separator inside a cell: quoted, "=..." after it is not a cell of its own. */
	assert_string_equal(celda(&b, "X;=HYPERLINK(1)", 0), "\"X;=HYPERLINK(1)\";");
	assert_string_equal(celda(&b, "1,5", 0), "\"1,5\";");
	assert_string_equal(celda(&b, "di \"hola\"", 0), "\"di \"\"hola\"\"\";");
	assert_string_equal(celda(&b, "línea\nsegunda", 0), "\"línea\nsegunda\";");
	/* A formula's first character gets a leading apostrophe, inside quotes. */
	assert_string_equal(celda(&b, "=1+2", 0), "\"'=1+2\";");
	assert_string_equal(celda(&b, "+57", 0), "\"'+57\";");
	assert_string_equal(celda(&b, "-5", 0), "\"'-5\";");
	assert_string_equal(celda(&b, "@SUM(A1)", 0), "\"'@SUM(A1)\";");
	assert_string_equal(celda(&b, "\t=1", 0), "\"'\t=1\";");
	assert_string_equal(celda(&b, "=HYPERLINK(\"x\")", 1), "\"'=HYPERLINK(\"\"x\"\")\"\r\n");
	/* Only at the start. */
	assert_string_equal(celda(&b, "019971860-01", 0), "019971860-01;");
	assert_string_equal(celda(&b, "a=b", 0), "a=b;");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_campo),
	};

	return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
