/* Request parsing (cgi/core/req.c): percent-decoding, query strings and forms, cookies. */
#include <string.h>

#include "core/req.h"
#include "support.h"

/* Decodes the whole of s; dst holds strlen(s) + 1 bytes. */
static long
decode(char *dst, const char *s, int plus)
{
	return url_decode(dst, s, strlen(s), plus);
}

static void
test_decode_plain_and_plus(void **state)
{
	char out[32];

	(void)state;
	assert_int_equal(decode(out, "abc", 1), 3);
	assert_string_equal(out, "abc");
	/* '+' is a space only in form encoding. */
	assert_int_equal(decode(out, "a+b+", 1), 4);
	assert_string_equal(out, "a b ");
	assert_int_equal(decode(out, "a+b", 0), 3);
	assert_string_equal(out, "a+b");
	assert_int_equal(decode(out, "", 1), 0);
	assert_string_equal(out, "");
}

static void
test_decode_escapes(void **state)
{
	char out[32];

	(void)state;
	/* Both hex cases; an escaped '+' stays a plus; %C3%B1 is the two bytes of "ñ". */
	assert_int_equal(decode(out, "%41%62%2b%2B%C3%b1%20", 1), 7);
	assert_string_equal(out, "Ab++\xc3\xb1 ");
	assert_int_equal(decode(out, "100%25", 1), 4);
	assert_string_equal(out, "100%");
	/* Only n bytes are read: a body need not end in NUL. */
	assert_int_equal(url_decode(out, "abc%41def", 6, 1), 4);
	assert_string_equal(out, "abcA");
}

static void
test_decode_rejects(void **state)
{
	static const char *const bad[] = {
		"%00", "a%00b", "%G1", "%1G", "%%41", "%4", "%", "abc%", "ab%4", "%-1", "% 1",
	};
	char out[32];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (decode(out, bad[i], 1) != -1)
			fail_msg("url_decode accepted \"%s\"", bad[i]);
	/* A raw NUL inside the given length is refused too: it would truncate the value. */
	assert_int_equal(url_decode(out, "a\0b", 3, 1), -1);
	/* "%4" is truncated even when a digit follows outside the given length. */
	assert_int_equal(url_decode(out, "%41", 2, 1), -1);
}

static void
test_urlencoded_pairs(void **state)
{
	struct params p;
	const char *s = "nit=900474727&razon=Cl%C3%ADnica+Norte&q=a%26b%3Dc";

	assert_int_equal(parse_urlencoded(ARENA(state), s, strlen(s), &p), 0);
	assert_int_equal(p.n, 3);
	assert_string_equal(p.v[0].key, "nit");
	assert_string_equal(p.v[0].val, "900474727");
	assert_string_equal(params_get(&p, "razon"), "Cl\xc3\xadnica Norte");
	/* Escaped separators are data, not separators. */
	assert_string_equal(params_get(&p, "q"), "a&b=c");
}

static void
test_urlencoded_empty_parts(void **state)
{
	struct params p;
	const char *s = "&a=&=b&&c&d=x=y&";

	assert_int_equal(parse_urlencoded(ARENA(state), s, strlen(s), &p), 0);
	/* Empty segments between '&' are skipped; the rest keep their order. */
	assert_int_equal(p.n, 4);
	assert_string_equal(p.v[0].key, "a");
	assert_string_equal(p.v[0].val, "");
	assert_string_equal(p.v[1].key, "");
	assert_string_equal(p.v[1].val, "b");
	assert_string_equal(p.v[2].key, "c");
	assert_string_equal(p.v[2].val, "");
	/* Only the first '=' splits. */
	assert_string_equal(p.v[3].key, "d");
	assert_string_equal(p.v[3].val, "x=y");

	assert_int_equal(parse_urlencoded(ARENA(state), "", 0, &p), 0);
	assert_int_equal(p.n, 0);
}

static void
test_urlencoded_repeated_and_length(void **state)
{
	struct params p;
	const char body[] = "x=1&x=2&y=3TRAILING";

	/* The body is read up to its length, not its NUL. */
	assert_int_equal(parse_urlencoded(ARENA(state), body, 11, &p), 0);
	assert_int_equal(p.n, 3);
	assert_string_equal(params_get(&p, "x"), "1");
	assert_string_equal(p.v[1].val, "2");
	assert_string_equal(params_get(&p, "y"), "3");
}

static void
test_urlencoded_rejects(void **state)
{
	static const char *const bad[] = {
		"a=%00", "a=1&b=%G1", "%4=x", "a=b%4", "k%00=v", "a=1&b=2%",
	};
	struct params p;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (parse_urlencoded(ARENA(state), bad[i], strlen(bad[i]), &p) != -1)
			fail_msg("parse_urlencoded accepted \"%s\"", bad[i]);
}

static void
test_urlencoded_not_utf8(void **state)
{
	static const char *const bad[] = {
		"q=%FF", "q=abc%C3", "q=%C0%AF", "q=%ED%A0%80", "q=%F4%90%80%80", "%FF=1",
		"a=1&b=%E2%82", "q=\xff", "q=\xc3\x28",
	};
	static const char *const good[] = {
		"q=%C3%B1", "q=\xc3\xb1" "and\xc3\xba", "q=%E2%82%AC", "q=%F0%9F%98%80", "q=%7F%01",
		"q=%C2%85",
	};
	struct params p;
	size_t i;

	/* Bytes that are not UTF-8, escaped or raw, in a value or a name: malformed. */
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (parse_urlencoded(ARENA(state), bad[i], strlen(bad[i]), &p) != -1)
			fail_msg("parse_urlencoded accepted \"%s\"", bad[i]);
	/* UTF-8 of any length passes, control characters too (the fields' validators judge
	 * those). */
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (parse_urlencoded(ARENA(state), good[i], strlen(good[i]), &p) != 0)
			fail_msg("parse_urlencoded refused \"%s\"", good[i]);
}

static void
test_cookies(void **state)
{
	struct params p;

	parse_cookies(ARENA(state), "__Host-sid=abc123; theme=oscuro;x=1", &p);
	assert_int_equal(p.n, 3);
	assert_string_equal(params_get(&p, "__Host-sid"), "abc123");
	assert_string_equal(params_get(&p, "theme"), "oscuro");
	assert_string_equal(params_get(&p, "x"), "1");

	/* Cookie values are not percent-decoded, may hold '=', and lose trailing blanks. */
	parse_cookies(ARENA(state), "  t=a=b%20 ;e=", &p);
	assert_int_equal(p.n, 2);
	assert_string_equal(params_get(&p, "t"), "a=b%20");
	assert_string_equal(params_get(&p, "e"), "");
}

static void
test_cookies_malformed_skipped(void **state)
{
	struct params p;

	parse_cookies(ARENA(state), "sinvalor; =huerfano; ;; ok=1", &p);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.v[0].key, "ok");
	assert_string_equal(p.v[0].val, "1");

	parse_cookies(ARENA(state), "", &p);
	assert_int_equal(p.n, 0);

	/* Another application's cookie that is not UTF-8 is left out, the rest kept. */
	parse_cookies(ARENA(state), "otra=\xff\xfe; \xc0x=1; ok=\xc3\xb1", &p);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.v[0].key, "ok");
	assert_string_equal(p.v[0].val, "\xc3\xb1");
}

static void
test_params_get(void **state)
{
	struct params p;
	const char *s = "a=1&A=2&ab=3";

	assert_int_equal(parse_urlencoded(ARENA(state), s, strlen(s), &p), 0);
	/* Keys match exactly: no case folding, no prefixes. */
	assert_string_equal(params_get(&p, "a"), "1");
	assert_string_equal(params_get(&p, "A"), "2");
	assert_string_equal(params_get(&p, "ab"), "3");
	assert_null(params_get(&p, "b"));
	assert_null(params_get(&p, ""));

	p.n = 0;
	assert_null(params_get(&p, "a"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_plain_and_plus),
		cmocka_unit_test(test_decode_escapes),
		cmocka_unit_test(test_decode_rejects),
		cmocka_unit_test_setup_teardown(test_urlencoded_pairs, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_urlencoded_empty_parts, arena_setup,
		    arena_teardown),
		cmocka_unit_test_setup_teardown(test_urlencoded_repeated_and_length, arena_setup,
		    arena_teardown),
		cmocka_unit_test_setup_teardown(test_urlencoded_rejects, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_urlencoded_not_utf8, arena_setup,
		    arena_teardown),
		cmocka_unit_test_setup_teardown(test_cookies, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_cookies_malformed_skipped, arena_setup,
		    arena_teardown),
		cmocka_unit_test_setup_teardown(test_params_get, arena_setup, arena_teardown),
	};

	return cmocka_run_group_tests_name("req", tests, NULL, NULL);
}
