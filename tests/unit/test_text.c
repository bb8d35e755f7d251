/* Text helpers for pages (cgi/text.c) and the search folding of entity names (entidad.c). */
#include <string.h>

#include "entidad.h"
#include "support.h"
#include "text.h"
#include "valid.h"

/* Colombia is UTC-5 all year (no daylight saving). */
static void
test_fecha_local(void **state)
{
	struct arena *a = ARENA(state);

	assert_string_equal(fecha_local(a, 0), "");
	assert_string_equal(fecha_local(a, 1700000000), "2023-11-14 17:13");	/* 22:13 UTC */
	/* Midnight UTC on New Year is still the previous year in Bogotá. */
	assert_string_equal(fecha_local(a, 1704067200), "2023-12-31 19:00");
	assert_string_equal(fecha_local(a, 1704085200), "2024-01-01 00:00");	/* 05:00 UTC */
	/* A leap day. */
	assert_string_equal(fecha_local(a, 1709251199), "2024-02-29 18:59");
}

static void
test_fecha_en_dias(void **state)
{
	char hoy[11], d[11], despues[11];

	(void)state;
	hoy_colombia(hoy);
	fecha_en_dias(0, d);
	hoy_colombia(despues);
	/* Today, read between two readings of the clock (which may straddle midnight). */
	if (strcmp(d, hoy) != 0 && strcmp(d, despues) != 0)
		fail_msg("fecha_en_dias(0) = %s, today is %s", d, despues);
	fecha_en_dias(30, d);
	assert_true(v_fecha(d));
	assert_true(strcmp(d, hoy) > 0);
	fecha_en_dias(-1, d);
	assert_true(v_fecha(d));
	assert_true(strcmp(d, hoy) < 0);
}

static void
test_url_encode(void **state)
{
	struct arena *a = ARENA(state);
	const char *s = "a b&c=d/\xc3\xa9?+%#";
	char *enc = url_encode(a, s), dec[64];

	/* Unreserved characters (RFC 3986) stay; everything else is %XX in upper case. */
	assert_string_equal(url_encode(a, "AZaz09-_.~"), "AZaz09-_.~");
	assert_string_equal(enc, "a%20b%26c%3Dd%2F%C3%A9%3F%2B%25%23");
	assert_string_equal(url_encode(a, ""), "");
	/* Decoding as a form gives the original back: '+' was encoded, so it is not a space. */
	assert_int_equal(url_decode(dec, enc, strlen(enc), 1), (long)strlen(s));
	assert_string_equal(dec, s);
}

static void
test_parse_id(void **state)
{
	static const char *const bad[] = {
		NULL, "", "0", "-1", "+1", " 1", "1 ", "1a", "0x10", "1e3", "1.0",
		"1234567890123456789",		/* 19 digits */
		"99999999999999999999",	/* would overflow */
		"\xd9\xa1",			/* an Arabic-Indic one */
	};
	size_t i;

	(void)state;
	assert_int_equal(parse_id("1"), 1);
	assert_int_equal(parse_id("42"), 42);
	assert_int_equal(parse_id("000123"), 123);
	assert_int_equal(parse_id("999999999999999999"), 999999999999999999LL);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (parse_id(bad[i]) != 0)
			fail_msg("parse_id(\"%s\") is not 0", bad[i] ? bad[i] : "NULL");
}

/* What the MSPS search box matches against: lower case, no Spanish accents. */
static void
test_fold_search(void **state)
{
	struct arena *a = ARENA(state);

	assert_string_equal(fold_search(a, "ESE Hospital San Jos\xc3\xa9"), "ese hospital san jose");
	assert_string_equal(fold_search(a, "Cl\xc3\xadnica \xc3\x91" "and\xc3\xba \xc3\x9c" "BER"),
	    "clinica nandu uber");
	assert_string_equal(fold_search(a, "\xc3\x81\xc3\x89\xc3\x8d\xc3\x93\xc3\x9a\xc3\xbc"),
	    "aeiouu");
	/* Other characters pass through untouched, as do a lone lead byte and the € sign. */
	assert_string_equal(fold_search(a, "NIT 900474727-4 \xe2\x82\xac"),
	    "nit 900474727-4 \xe2\x82\xac");
	assert_string_equal(fold_search(a, "x\xc3"), "x\xc3");
	assert_string_equal(fold_search(a, ""), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fecha_local),
		cmocka_unit_test(test_fecha_en_dias),
		cmocka_unit_test(test_url_encode),
		cmocka_unit_test(test_parse_id),
		cmocka_unit_test(test_fold_search),
	};

	return cmocka_run_group_tests_name("text", tests, arena_setup, arena_teardown);
}
