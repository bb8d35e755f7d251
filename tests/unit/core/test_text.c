/* Text helpers for pages (cgi/core/text.c) and the search folding of entity names (entidad.c). */
#include <limits.h>
#include <string.h>
#include <time.h>

#include "core/entidad.h"
#include "support.h"
#include "core/text.h"
#include "core/valid.h"

/* Colombia is UTC-5 all year (no daylight saving). */
static void
test_fecha_local(void **state)
{
	struct arena *a = ARENA(state);

	assert_string_equal(fecha_local(a, 0), "");
	assert_string_equal(fecha_local(a, 1700000000), "14/11/2023 17:13");	/* 22:13 UTC */
	/* Midnight UTC on New Year is still the previous year in Bogotá. */
	assert_string_equal(fecha_local(a, 1704067200), "31/12/2023 19:00");
	assert_string_equal(fecha_local(a, 1704085200), "01/01/2024 00:00");	/* 05:00 UTC */
	/* A leap day. */
	assert_string_equal(fecha_local(a, 1709251199), "29/02/2024 18:59");
	/* The MIPRES API keeps its own format. */
	assert_string_equal(fecha_iso_local(a, 1700000000), "2023-11-14 17:13");
	assert_string_equal(fecha_iso_local(a, 0), "");
}

/* A time whose date strftime cannot write in the page's bytes (a year past 9999: the
 * arena's bytes were left unterminated, another page's among them), or whose Colombian time
 * does not exist as a long long (LLONG_MIN - 5 h: undefined), is written as nothing. */
static void
test_fecha_fuera_de_rango(void **state)
{
	struct arena *a = ARENA(state);
	const long long t[] = { 253402318800LL, LLONG_MAX, LLONG_MIN, LLONG_MIN + 1,
		-(1LL << 40), 1LL << 40 };
	char d[11];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		/* Arena bytes that are not NUL, as a page's earlier text leaves them. */
		memset(arena_alloc(a, 4096), 'x', 4096);
		arena_reset(a);
		assert_string_equal(fecha_local(a, t[i]), "");
		assert_string_equal(fecha_local_segundos(a, t[i]), "");
		assert_string_equal(fecha_iso_local(a, t[i]), "");
		memset(d, 'x', sizeof(d));
		colombia_date(t[i], d);
		assert_string_equal(d, "");
		arena_reset(a);
	}
	/* The last minute of 9999 and the first of year 0 in Colombia still are dates. */
	assert_string_equal(fecha_local(a, 253402318799LL), "31/12/9999 23:59");
	assert_string_equal(fecha_local(a, -62167219200LL + COLOMBIA_UTC), "01/01/0000 00:00");
	colombia_date(253402318799LL, d);
	assert_string_equal(d, "9999-12-31");
}

/* The dates are written digit by digit, not through strftime: the same bytes as strftime's
 * over 1970 to 2100 (every 7 days and 13 hours, 37 minutes and 11 seconds, so every
 * hour, minute and second comes by). */
static void
test_fecha_como_strftime(void **state)
{
	struct arena *a = ARENA(state);
	const long long paso = 7 * 86400LL + 13 * 3600 + 37 * 60 + 11;
	long long ts;
	char want[64], d[11];
	struct tm tm;
	time_t t;

	for (ts = 1; ts < 4102444800LL; ts += paso) {
		t = (time_t)(ts - COLOMBIA_UTC);
		gmtime_r(&t, &tm);
		strftime(want, sizeof(want), "%d/%m/%Y %H:%M", &tm);
		assert_string_equal(fecha_local(a, ts), want);
		strftime(want, sizeof(want), "%d/%m/%Y %H:%M:%S", &tm);
		assert_string_equal(fecha_local_segundos(a, ts), want);
		strftime(want, sizeof(want), "%Y-%m-%d %H:%M", &tm);
		assert_string_equal(fecha_iso_local(a, ts), want);
		strftime(want, sizeof(want), "%Y-%m-%d", &tm);
		colombia_date(ts, d);
		assert_string_equal(d, want);
		arena_reset(a);
	}
}

/* A stored date's day: the day colombia_date wrote it for (1900 to 2100, every day), so
 * the days between two dates are what SQLite's julianday(a) - julianday(b) counts. */
static void
test_fecha_dia(void **state)
{
	long long ts, dia;
	char d[11];

	(void)state;
	for (ts = -2208988800LL + COLOMBIA_UTC; ts < 4102444800LL; ts += 86400) {
		colombia_date(ts, d);
		assert_true(fecha_dia(d, &dia));
		assert_int_equal(dia, (ts - COLOMBIA_UTC) / 86400 - ((ts - COLOMBIA_UTC) % 86400 < 0));
	}
	assert_true(fecha_dia("2026-12-03", &dia));
	assert_int_equal(dia, 20790);
	assert_false(fecha_dia(NULL, &dia));
	assert_false(fecha_dia("", &dia));
	assert_false(fecha_dia("2026-12-3", &dia));
	assert_false(fecha_dia("2026-13-03", &dia));
	assert_false(fecha_dia("2026-12-03 10:00", &dia));
	assert_false(fecha_dia("2026/12/03", &dia));
}

/* Stored ISO dates as Colombians read them; anything else as it is. */
static void
test_fecha_es(void **state)
{
	struct arena *a = ARENA(state);

	assert_string_equal(fecha_es(a, "2026-06-30"), "30/06/2026");
	assert_string_equal(fecha_es(a, "2026-06-30 13:05"), "30/06/2026 13:05");
	assert_string_equal(fecha_es(a, "2026-06-30 13:00"), "30/06/2026 13:00");
	assert_string_equal(fecha_es(a, "2026-06-30T13:05:09"), "30/06/2026 13:05:09");
	assert_string_equal(fecha_es(a, "2026-06-30x"), "2026-06-30x");
	assert_string_equal(fecha_es(a, "—"), "—");
	assert_string_equal(fecha_es(a, "total"), "total");
	assert_string_equal(fecha_es(a, "2026-6-30"), "2026-6-30");
	assert_string_equal(fecha_es(a, ""), "");
	assert_null(fecha_es(a, NULL));
}

/* The thousands point and the decimal comma. */
static void
test_numero_es(void **state)
{
	struct arena *a = ARENA(state);

	assert_string_equal(numero_es(a, 0), "0");
	assert_string_equal(numero_es(a, 999), "999");
	assert_string_equal(numero_es(a, 12500), "12.500");
	assert_string_equal(numero_es(a, 1000000), "1.000.000");
	assert_string_equal(numero_es(a, -1234), "-1.234");
	assert_string_equal(numero_es(a, 9223372036854775807LL), "9.223.372.036.854.775.807");
	assert_string_equal(milesimas_es(a, 1940), "1,940");
	assert_string_equal(milesimas_es(a, 7), "0,007");
	assert_string_equal(milesimas_es(a, 12345678), "12.345,678");
	assert_string_equal(milesimas_es(a, -5), "-0,005");
	assert_string_equal(milesimas_es(a, -1500), "-1,500");
	assert_string_equal(milesimas_es(a, 1000000000), "1.000.000,000");
	assert_string_equal(milesimas_es(a, 0), "0,000");
	assert_string_equal(numero_es(a, -9223372036854775807LL - 1), "-9.223.372.036.854.775.808");
}

/* Phone numbers as people type them, normalised to their digits when valid. */
static void
test_telefono_normal(void **state)
{
	struct arena *a = ARENA(state);

	assert_string_equal(telefono_normal(a, "(601) 555-12-34"), "6015551234");
	assert_string_equal(telefono_normal(a, "+57 601 5551234"), "6015551234");
	assert_string_equal(telefono_normal(a, "+57 310 555 1234"), "3105551234");
	assert_string_equal(telefono_normal(a, "310.555.12.34"), "3105551234");
	assert_string_equal(telefono_normal(a, "5551234"), "5551234");
	/* Not a valid number, or not a phone: unchanged, so the form shows what was typed. */
	assert_string_equal(telefono_normal(a, "(601) 555"), "(601) 555");
	assert_string_equal(telefono_normal(a, "601-555-1234 ext 2"), "601-555-1234 ext 2");
	assert_string_equal(telefono_normal(a, "57 601 5551234"), "57 601 5551234");
	assert_string_equal(telefono_normal(a, "+1 601 5551234"), "+1 601 5551234");
}

static void
test_colombia_date(void **state)
{
	char d[11];

	(void)state;
	/* 2026-03-01 04:59:59 UTC is still the last day of February in Colombia (UTC-5). */
	colombia_date(1772341199, d);
	assert_string_equal(d, "2026-02-28");
	colombia_date(1772341200, d);
	assert_string_equal(d, "2026-03-01");
	colombia_date(1772341200 + 30 * 86400LL, d);
	assert_string_equal(d, "2026-03-31");
	colombia_date(0, d);
	assert_string_equal(d, "1969-12-31");
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
		cmocka_unit_test(test_fecha_como_strftime),
		cmocka_unit_test(test_fecha_fuera_de_rango),
		cmocka_unit_test(test_fecha_es),
		cmocka_unit_test(test_fecha_dia),
		cmocka_unit_test(test_numero_es),
		cmocka_unit_test(test_telefono_normal),
		cmocka_unit_test(test_colombia_date),
		cmocka_unit_test(test_url_encode),
		cmocka_unit_test(test_parse_id),
		cmocka_unit_test(test_fold_search),
	};

	return cmocka_run_group_tests_name("text", tests, arena_setup, arena_teardown);
}
