/* The input validators (cgi/core/valid.c): each value on the wire passes through one of them. */
#include <string.h>

#include "support.h"
#include "core/text.h"
#include "core/valid.h"

/* Fails naming the first value of list[0..n) that v does not answer with want. */
static void
expect_all(int (*v)(const char *), const char *name, const char *const *list, size_t n,
    int want)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v(list[i]) != want)
			fail_msg("%s(\"%s\") should be %d", name, list[i] ? list[i] : "NULL", want);
}

#define ACCEPTS(v, ...) do { \
	const char *const l_[] = { __VA_ARGS__ }; \
	expect_all(v, #v, l_, sizeof(l_) / sizeof(l_[0]), 1); \
} while (0)
#define REFUSES(v, ...) do { \
	const char *const l_[] = { __VA_ARGS__ }; \
	expect_all(v, #v, l_, sizeof(l_) / sizeof(l_[0]), 0); \
} while (0)

/*
 * The DIAN check digit: digits weighted 3, 7, 13, 17, ... from the right, sum mod 11 = r,
 * dv = r < 2 ? r : 11 - r. Real NITs, as printed on their RUT.
 */
static void
test_nit_dv_known(void **state)
{
	(void)state;
	assert_int_equal(nit_dv("900474727"), 4);	/* Ministerio de Salud */
	assert_int_equal(nit_dv("800197268"), 4);	/* DIAN */
	assert_int_equal(nit_dv("899999068"), 1);	/* Ecopetrol: r = 1, dv = r */
	assert_int_equal(nit_dv("890903938"), 8);	/* Bancolombia */
	/* 9*3 + 9*41 = 396 = 36*11: r = 0, dv = 0. */
	assert_int_equal(nit_dv("900000009"), 0);
	/* 2*3 + 9*41 = 375 = 34*11 + 1: r = 1, dv = 1. */
	assert_int_equal(nit_dv("900000002"), 1);
	/* 1*3 = 3: dv = 8; leading zeros change nothing. */
	assert_int_equal(nit_dv("1"), 8);
	assert_int_equal(nit_dv("000000001"), 8);
	/* 15 digits use every weight: 9 * (sum of weights = 529) = 4761 = 432*11 + 9. */
	assert_int_equal(nit_dv("999999999999999"), 2);
}

static void
test_nit_dv_refuses(void **state)
{
	(void)state;
	assert_int_equal(nit_dv(NULL), -1);
	assert_int_equal(nit_dv(""), -1);
	assert_int_equal(nit_dv("1234567890123456"), -1);	/* 16 digits */
	assert_int_equal(nit_dv("90047472a"), -1);
	assert_int_equal(nit_dv("900474727-4"), -1);
	assert_int_equal(nit_dv("-900474727"), -1);
	assert_int_equal(nit_dv(" 900474727"), -1);
}

static void
test_digit_fields(void **state)
{
	(void)state;
	ACCEPTS(v_nit, "900474727", "000000001");
	REFUSES(v_nit, NULL, "", "90047472", "9004747274", "900474727-4", "900.474.727",
	    "90047472O");
	ACCEPTS(v_documento, "123", "1010202030", "123456789012345");
	REFUSES(v_documento, "12", "1234567890123456", "10 10", "1e5");
	ACCEPTS(v_codigo_hab, "110010000001");
	REFUSES(v_codigo_hab, "11001000000", "1100100000012", "11001000000a");
	assert_true(v_digits("", 0, 3));
	assert_false(v_digits("1234", 0, 3));
}

static void
test_email(void **state)
{
	(void)state;
	ACCEPTS(v_email, "delegado@clinica.example.co", "a@b.co", "nombre.apellido+ihce@minsalud.gov.co",
	    "x_y-z@sub-dominio.example.com", "O'Brien@example.ie");
	REFUSES(v_email, NULL, "", "a@b.c", "sinarroba.example.co", "a@@b.co", "a@b@c.co",
	    "@example.co", ".a@example.co", "a.@example.co", "a..b@example.co",
	    "a@example..co", "a@-example.co", "a@.example.co", "a@example.", "a@example",
	    "a b@example.co", "a@exa mple.co", "a@exam_ple.co", "a\r\n@example.co",
	    "\xc3\xb1@example.co", "a@example.co>", "<a@example.co");
}

static void
test_telefono(void **state)
{
	(void)state;
	/* Mobile 3xx, landline 60x (10 digits), or an old 7-digit landline. */
	ACCEPTS(v_telefono, "3001234567", "6015893900", "6044445555", "2345678");
	REFUSES(v_telefono, NULL, "", "0345678", "300123456", "30012345678", "5001234567",
	    "6123456789", "+573001234567", "300 123 4567", "300-123-4567", "300123456a");
}

static void
test_fecha(void **state)
{
	(void)state;
	ACCEPTS(v_fecha, "2024-02-29", "2000-02-29", "1900-01-01", "2026-12-31", "2025-04-30");
	REFUSES(v_fecha, NULL, "", "2023-02-29", "1900-02-29", "2024-04-31", "2024-13-01",
	    "2024-00-10", "2024-01-00", "2024-01-32", "1899-12-31", "2024-1-01", "2024/01/01",
	    "2024-01-0a", "24-01-01", "2024-01-011", " 2024-01-01", "2024-+1-01");
}

static void
test_fecha_futura(void **state)
{
	/* 2026-03-01 04:00 UTC: still 2026-02-28 in Colombia, the request's day. */
	long long now = 1772337600;

	(void)state;
	/* Today is not in the future; tomorrow is; a key must not expire in the past. */
	assert_false(v_fecha_futura("2026-02-28", now));
	assert_true(v_fecha_futura("2026-03-01", now));
	assert_false(v_fecha_futura("2026-02-27", now));
	assert_false(v_fecha_futura("2025-01-24", now));
	assert_true(v_fecha_futura("2999-12-31", now));
	/* Later than today is not enough: it must be a real date. */
	assert_false(v_fecha_futura("2999-02-30", now));
	assert_false(v_fecha_futura("9999-99-99", now));
	assert_false(v_fecha_futura(NULL, now));
}

static void
test_https_url(void **state)
{
	(void)state;
	ACCEPTS(v_https_url, "https://a.co", "https://api.minsalud.gov.co/ihce/v1",
	    "https://login.microsoftonline.com:443/tenant/oauth2/v2.0/token?x=1#f",
	    "https://host.example/ruta@con-arroba");
	REFUSES(v_https_url, NULL, "", "https://", "https://a.c", "http://api.example.co",
	    "ftp://api.example.co", "javascript:alert(1)//", "//api.example.co/x",
	    "https://usuario@evil.example", "https://u:clave@evil.example/",
	    "https://api.example.co@evil.example", "https:///sin-host/x",
	    "https://a b.example", "https://x.example/\"><script>", "https://x.example/\\a",
	    "https://x.example/\x7f", "https://x.example/\xc3\xb1", " https://x.example");
}

static void
test_https_url_length(void **state)
{
	char url[520];

	(void)state;
	memcpy(url, "https://x.example/", 18);
	memset(url + 18, 'a', 482);
	url[500] = '\0';
	assert_true(v_https_url(url));
	url[500] = 'a';
	url[501] = '\0';
	assert_false(v_https_url(url));
}

static void
test_utf8_and_text(void **state)
{
	char s[420];
	size_t i;

	(void)state;
	ACCEPTS(v_utf8, "", "Cl\xc3\xadnica \xc3\x91" "and\xc3\xba", "\xf0\x9f\x98\x80",
	    "\xe2\x82\xac", "\xef\xbf\xbd", "\xf4\x8f\xbf\xbf");
	REFUSES(v_utf8, NULL, "a\x01", "a\x7f", "tab\there", "\xc3", "\xc3(", "\x80",
	    "\xc0\xaf", "\xc1\xbf", "\xe0\x80\xaf", "\xf0\x80\x80\xaf", "\xed\xa0\x80",
	    "\xc2\x85", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff", "\xe2\x82");
	/* The request parser's check: the encoding only, controls (C0, DEL, C1) let through. */
	ACCEPTS(v_utf8_bytes, "", "a\x01", "a\x7f", "tab\there", "\xc2\x85", "\xf0\x9f\x98\x80");
	REFUSES(v_utf8_bytes, NULL, "\xc3", "\xc3(", "\x80", "\xc0\xaf", "\xe0\x80\xaf",
	    "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xff", "\xe2\x82");

	ACCEPTS(v_text, "a", "Hospital San Jos\xc3\xa9", " x ");
	REFUSES(v_text, NULL, "", "   ", "\t", "dos\nlineas");
	/* 200 code points of two bytes each pass; 201 do not: the limit counts characters. */
	for (i = 0; i < 200; i++)
		memcpy(s + 2 * i, "\xc3\xb1", 2);
	s[400] = '\0';
	assert_true(v_text(s));
	memcpy(s + 400, "\xc3\xb1", 3);
	assert_false(v_text(s));

	ACCEPTS(v_longtext, "l\xc3\xadnea uno\r\nl\xc3\xadnea dos", "x\ty");
	REFUSES(v_longtext, NULL, "", "\n\n", "a\x01");

	/* utf8_chars counts characters, not bytes: one, two, three and four-byte ones. */
	assert_int_equal(utf8_chars(""), 0);
	assert_int_equal(utf8_chars("abc"), 3);
	assert_int_equal(utf8_chars("\xc3\xb1" "a\xe2\x82\xac" "\xf0\x9f\x98\x80"), 4);
	assert_int_equal(utf8_chars(s), 201);
}

static void
test_keys(void **state)
{
	(void)state;
	ACCEPTS(v_guid, "123e4567-e89b-12d3-a456-426614174000",
	    "ABCDEF01-2345-6789-ABCD-EF0123456789");
	REFUSES(v_guid, NULL, "123e4567e89b12d3a456426614174000",
	    "123e4567-e89b-12d3-a456-42661417400", "123e4567-e89b-12d3-a456-4266141740000",
	    "123e4567-e89b-12d3-a456_426614174000", "g23e4567-e89b-12d3-a456-426614174000",
	    "{123e4567-e89b-12d3-a456-426614174000}");
	ACCEPTS(v_client_id, "123e4567-e89b-12d3-a456-426614174000", "app_client-01", "x");
	REFUSES(v_client_id, NULL, "", "a b", "a.b", "cliente\xc3\xb1",
	    "0123456789012345678901234567890123456789012345678901234567890123x");
	ACCEPTS(v_client_secret, "s3cr3t!~", "a", "~Pq8Q~abc.-_/+=");
	REFUSES(v_client_secret, NULL, "", "con espacio", "tab\t", "\xc3\xb1",
	    "01234567890123456789012345678901234567890123456789012345678901234567890123456789"
	    "0123456789012345678901234567890123456789012345678");
}

static void
test_login_password_acepto(void **state)
{
	char pw[258];

	(void)state;
	ACCEPTS(v_login, "CC1010202030", "ADMINHCEIPS800100000", "a.b", "user_1-x");
	REFUSES(v_login, NULL, "", "ab", "con espacio", "a@b", "usu\xc3\xa1rio",
	    "0123456789012345678901234567890123456789x");
	ACCEPTS(v_password, "x", "contrase\xc3\xb1" "a larga con espacios");
	REFUSES(v_password, NULL, "", "a\x01", "\xc3");
	memset(pw, 'p', 256);
	pw[256] = '\0';
	assert_true(v_password(pw));
	pw[256] = 'p';
	pw[257] = '\0';
	assert_false(v_password(pw));
	ACCEPTS(v_acepto, "si");
	REFUSES(v_acepto, NULL, "", "SI", "on", "1", "si ");
}

/* Registration's names: letters (accents, ñ, ü, ç, ø ...), blanks, ' ’ and -, 1-60
 * characters starting with a letter; nothing an address or a URL needs. */
static void
test_nombre_persona(void **state)
{
	char largo[62];

	(void)state;
	ACCEPTS(v_nombre_persona, "Ana", "María José", "O'Neil-Pérez", "D’Alessandro",
	    "Ñuflo Ángel", "Müller Ørsted", "Çelik", "Łukasz", "Zoë", "de la Cruz");
	REFUSES(v_nombre_persona, "", " ", "-Ana", "'Ana", "Ana2", "Ana.", "Ana http://x.co",
	    "www.premio.example", "ana@correo.co", "Ana/José", "Ana:José", "Ana <b>", "Ana_José",
	    "Ana\tJosé", "Ana × José", "Ana ÷", "Анна", "李", "Ana 🙂", "Ana\xc3", "Ana\xc0\x80");
	memset(largo, 'a', 60);
	largo[60] = '\0';
	ACCEPTS(v_nombre_persona, largo);
	largo[60] = 'a';
	largo[61] = '\0';
	REFUSES(v_nombre_persona, largo);
	/* 60 characters of two bytes each are 60 characters. */
	{
		char acentos[121];
		int k;

		for (k = 0; k < 60; k++)
			memcpy(acentos + 2 * k, "\xc3\xa1", 2);	/* á */
		acentos[120] = '\0';
		ACCEPTS(v_nombre_persona, acentos);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nit_dv_known),
		cmocka_unit_test(test_nit_dv_refuses),
		cmocka_unit_test(test_digit_fields),
		cmocka_unit_test(test_email),
		cmocka_unit_test(test_telefono),
		cmocka_unit_test(test_fecha),
		cmocka_unit_test(test_fecha_futura),
		cmocka_unit_test(test_https_url),
		cmocka_unit_test(test_https_url_length),
		cmocka_unit_test(test_utf8_and_text),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_login_password_acepto),
		cmocka_unit_test(test_nombre_persona),
	};

	return cmocka_run_group_tests_name("valid", tests, NULL, NULL);
}
