/* multipart/form-data parsing (cgi/core/multipart.c): boundaries, fields, files, limits and
 * every malformed shape refused. */
#include <stdio.h>
#include <string.h>

#include "core/multipart.h"
#include "support.h"

#define CT	"multipart/form-data; boundary=XyZ"

/* Parses body (a C string) sent with CT. */
static int
parse(struct arena *a, const char *body, struct params *f, struct uploads *u)
{
	return parse_multipart(a, CT, body, strlen(body), f, u);
}

static void
test_boundary(void **state)
{
	struct arena *a = ARENA(state);

	assert_string_equal(multipart_boundary(a, "multipart/form-data; boundary=abc"), "abc");
	assert_string_equal(multipart_boundary(a,
	    "Multipart/Form-Data;boundary=\"----WebKitFormBoundary7MA4YWxk\""),
	    "----WebKitFormBoundary7MA4YWxk");
	assert_string_equal(multipart_boundary(a,
	    "multipart/form-data; charset=utf-8; boundary=a'()+_,-./:=?b"), "a'()+_,-./:=?b");
	assert_null(multipart_boundary(a, "multipart/form-data"));
	assert_null(multipart_boundary(a, "multipart/form-data; boundary="));
	assert_null(multipart_boundary(a, "multipart/form-data; boundary=\"\""));
	assert_null(multipart_boundary(a, "multipart/form-data; boundary=\"abc"));
	assert_null(multipart_boundary(a, "multipart/form-data; boundary=a<b"));
	assert_null(multipart_boundary(a, "multipart/form-data; boundary=a; boundary=b"));
	assert_null(multipart_boundary(a, "multipart/mixed; boundary=abc"));
	assert_null(multipart_boundary(a, "multipart/form-dataX; boundary=abc"));
	assert_null(multipart_boundary(a, "multipart/form-data; boundary="
	    "12345678901234567890123456789012345678901234567890123456789012345678901"));
	assert_non_null(multipart_boundary(a, "multipart/form-data; boundary="
	    "1234567890123456789012345678901234567890123456789012345678901234567890"));
	assert_true(multipart_is("multipart/form-data; boundary=x"));
	assert_false(multipart_is("application/x-www-form-urlencoded"));
	assert_false(multipart_is(NULL));
}

static void
test_fields_and_file(void **state)
{
	struct arena *a = ARENA(state);
	struct params f;
	struct uploads u;
	static const char body[] =
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
	    "tok123\r\n"
	    "--XyZ\r\n"
	    "content-disposition: form-data; name=\"nombre\"\r\n\r\n"
	    "Consulta de afiliados\r\nsegunda l\xc3\xadnea\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"doc\"; filename=\"C:\\\\docs\\\\api.json\"\r\n"
	    "Content-Type: application/json\r\n\r\n"
	    "{\"a\":\0\"--XyZ\"}\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"vacio\"\r\n\r\n"
	    "\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"otro\"; filename=\"\"\r\n"
	    "Content-Type: application/octet-stream\r\n\r\n"
	    "\r\n"
	    "--XyZ--\r\n";

	assert_int_equal(parse_multipart(a, CT, body, sizeof(body) - 1, &f, &u), 0);
	assert_int_equal(f.n, 3);
	assert_string_equal(params_get(&f, "csrf"), "tok123");
	assert_string_equal(params_get(&f, "nombre"), "Consulta de afiliados\r\nsegunda l\xc3\xadnea");
	assert_string_equal(params_get(&f, "vacio"), "");
	assert_int_equal(u.n, 2);
	assert_string_equal(u.v[0].name, "doc");
	assert_string_equal(u.v[0].filename, "api.json");
	assert_string_equal(u.v[0].content_type, "application/json");
	/* The bytes as sent, a NUL and a near-delimiter inside included, and NUL-ended. */
	assert_int_equal(u.v[0].len, 14);
	assert_memory_equal(u.v[0].data, "{\"a\":\0\"--XyZ\"}", 14);
	assert_int_equal(u.v[0].data[14], '\0');
	/* No file chosen: the browser sends an empty filename and no bytes. */
	assert_string_equal(u.v[1].filename, "");
	assert_int_equal(u.v[1].len, 0);
}

static void
test_request_accessors(void **state)
{
	struct req r;
	static const char body[] =
	    "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a/b.csv\"\r\n\r\n"
	    "x;y\r\n--XyZ--";

	req_init(&r, ARENA(state));
	assert_int_equal(parse_multipart(r.a, CT, body, sizeof(body) - 1, &r.form, &r.files), 0);
	assert_non_null(req_file(&r, "f"));
	assert_string_equal(req_file(&r, "f")->filename, "b.csv");
	assert_string_equal(req_file(&r, "f")->content_type, "");
	assert_null(req_file(&r, "g"));
	assert_null(req_form(&r, "f"));
}

static void
test_malformed(void **state)
{
	static const char *const bad[] = {
		"",
		"--XyZ",					/* no closing delimiter */
		"--XyZ\r\n",
		"preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1",	/* unterminated */
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--junk",
		"--XyZ\r\n\r\n1\r\n--XyZ--",					/* no headers */
		"--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--",	/* no disposition */
		"--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data\r\n\r\n1\r\n--XyZ--",	/* no name */
		"--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"; name=\"b\"\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
		    "Content-Disposition: form-data; name=\"b\"\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=a\"b\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ\r\n",
		"--XyZx\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--",
		"--XyZ\nContent-Disposition: form-data; name=\"a\"\n\n1\n--XyZ--",	/* bare LF */
	};
	static const char nul[] =
	    "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\0002\r\n--XyZ--";
	struct params f;
	struct uploads u;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (parse(ARENA(state), bad[i], &f, &u) != -1)
			fail_msg("accepted malformed body %zu: %s", i, bad[i]);
	/* A field with a NUL (it would truncate the value), and a bad Content-Type. */
	assert_int_equal(parse_multipart(ARENA(state), CT, nul, sizeof(nul) - 1, &f, &u), -1);
	assert_int_equal(parse_multipart(ARENA(state), "multipart/form-data",
	    "--XyZ--", 7, &f, &u), -1);
	/* The empty form is well formed. */
	assert_int_equal(parse(ARENA(state), "--XyZ--", &f, &u), 0);
	assert_int_equal(f.n + u.n, 0);
}

static void
test_not_utf8(void **state)
{
	static const char *const bad[] = {
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nJos\xe9\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"\xff\"\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\xc3.csv\"\r\n\r\n"
		    "1\r\n--XyZ--",
	};
	static const char ok[] =
	    "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nJos\xc3\xa9\r\n"
	    "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\xc3\xb1.csv\"\r\n\r\n"
	    "\xff\xfe\r\n--XyZ--";
	struct params f;
	struct uploads u;
	size_t i;

	/* A field's value or name, or a file's name, that is not UTF-8: malformed. */
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (parse(ARENA(state), bad[i], &f, &u) != -1)
			fail_msg("accepted body %zu that is not UTF-8", i);
	/* A file's bytes are its own business. */
	assert_int_equal(parse(ARENA(state), ok, &f, &u), 0);
	assert_string_equal(params_get(&f, "a"), "Jos\xc3\xa9");
	assert_string_equal(u.v[0].filename, "a\xc3\xb1.csv");
	assert_memory_equal(u.v[0].data, "\xff\xfe", 2);
}

static void
test_limits(void **state)
{
	struct arena *a = ARENA(state);
	struct params f;
	struct uploads u;
	const char *part = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n";
	char *body, *p, *big;
	size_t i, n;

	/* MULTIPART_PARTS parts pass, one more does not. */
	n = strlen(part);
	body = arena_alloc(a, n * (MULTIPART_PARTS + 1) + 8);
	for (p = body, i = 0; i < MULTIPART_PARTS; i++, p += n)
		memcpy(p, part, n);
	strcpy(p, "--XyZ--");
	assert_int_equal(parse(a, body, &f, &u), 0);
	assert_int_equal(f.n, MULTIPART_PARTS);
	memcpy(p, part, n);
	strcpy(p + n, "--XyZ--");
	assert_int_equal(parse(a, body, &f, &u), -1);

	/* A field of MULTIPART_FIELD_MAX bytes passes, one more does not; a file may. */
	big = arena_alloc(a, MULTIPART_FIELD_MAX + 200);
	n = (size_t)sprintf(big, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n");
	memset(big + n, 'x', MULTIPART_FIELD_MAX);
	strcpy(big + n + MULTIPART_FIELD_MAX, "\r\n--XyZ--");
	assert_int_equal(parse(a, big, &f, &u), 0);
	memset(big + n, 'x', MULTIPART_FIELD_MAX + 1);
	strcpy(big + n + MULTIPART_FIELD_MAX + 1, "\r\n--XyZ--");
	assert_int_equal(parse(a, big, &f, &u), -1);
	n = (size_t)sprintf(big, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; "
	    "filename=\"x\"\r\n\r\n");
	memset(big + n, 'x', MULTIPART_FIELD_MAX + 1);
	strcpy(big + n + MULTIPART_FIELD_MAX + 1, "\r\n--XyZ--");
	assert_int_equal(parse(a, big, &f, &u), 0);
	assert_int_equal(u.v[0].len, MULTIPART_FIELD_MAX + 1);

	/* A header block over MULTIPART_HEAD_MAX is refused. */
	n = (size_t)sprintf(big, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Y: ");
	memset(big + n, 'h', MULTIPART_HEAD_MAX);
	strcpy(big + n + MULTIPART_HEAD_MAX, "\r\n\r\n1\r\n--XyZ--");
	assert_int_equal(parse(a, big, &f, &u), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boundary),
		cmocka_unit_test(test_fields_and_file),
		cmocka_unit_test(test_request_accessors),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_not_utf8),
		cmocka_unit_test(test_limits),
	};

	return cmocka_run_group_tests_name("multipart", tests, arena_setup, arena_teardown);
}
