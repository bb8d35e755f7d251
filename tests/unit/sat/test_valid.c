/* The SAT forms' validators (cgi/sat/valid.c): lengths count characters, not bytes. */
#include <string.h>

#include "sat/valid.h"
#include "support.h"

/* s as n copies of the two-byte "ñ", then NUL; s has room for 2 * n + 1 bytes. */
static const char *
enes(char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		memcpy(s + 2 * i, "\xc3\xb1", 2);
	s[2 * n] = '\0';
	return s;
}

static void
test_nombre(void **state)
{
	char s[2 * 101 + 1];

	(void)state;
	assert_true(v_sat_nombre("Certificado de afiliaci\xc3\xb3n"));
	assert_true(v_sat_nombre(enes(s, 100)));	/* 200 bytes, 100 characters */
	assert_false(v_sat_nombre(enes(s, 101)));
	assert_false(v_sat_nombre(""));
	assert_false(v_sat_nombre("   "));
	assert_false(v_sat_nombre("dos\nlineas"));
}

static void
test_descripcion(void **state)
{
	char s[2 * 1001 + 1];

	(void)state;
	assert_true(v_sat_descripcion("l\xc3\xadnea uno\r\nl\xc3\xadnea dos"));
	assert_true(v_sat_descripcion(enes(s, 1000)));	/* 2000 bytes, 1000 characters */
	assert_false(v_sat_descripcion(enes(s, 1001)));
	assert_false(v_sat_descripcion(""));
	assert_false(v_sat_descripcion("a\x01"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nombre),
		cmocka_unit_test(test_descripcion),
	};

	return cmocka_run_group_tests_name("sat_valid", tests, NULL, NULL);
}
