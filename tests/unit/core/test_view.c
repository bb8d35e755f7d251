/* The HTML that view.cc's expansion writes: ctemplate's escaping (view.cc takes the place of
 * its html_escape with a faster one, also view_html_escape for C), x-cifras, and a buffer
 * left ending in a NUL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support.h"
#include "core/buf.h"
#include "core/view.h"

static char dir[] = "/tmp/portal-test-view-XXXXXX";
static char tpl[sizeof(dir) + 16];

/* ctemplate's HtmlEscape (template_modifiers.cc), written out: & " ' < > as entities,
 * \t \n \v \f \r as a space, any other byte as it is. */
static void
escape_expected(const char *s, struct buf *out)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&': buf_puts(out, "&amp;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		case '\'': buf_puts(out, "&#39;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '\t': case '\n': case '\v': case '\f': case '\r': buf_puts(out, " "); break;
		default: buf_put(out, s, 1); break;
		}
}

/* Expands prueba.tpl with A, U and C set. */
static void
expand(const char *a, const char *u, const char *c, struct buf *out)
{
	struct view *v = view_new();

	assert_non_null(v);
	view_set(v, "A", a);
	view_set(v, "U", u);
	view_set(v, "C", c);
	assert_int_equal(view_expand("prueba.tpl", v, out), 0);
	view_free(v);
	assert_int_equal(strlen(out->p), out->len);	/* the NUL after the text */
}

/* Every byte but NUL, alone and in runs of every length up to 40, in text and in a quoted
 * attribute: escaped as ctemplate escapes them. */
static void
test_every_byte_escaped_as_ctemplate(void **state)
{
	char a[300];
	struct buf want = { 0 }, got = { 0 };
	int i, n, k;

	(void)state;
	for (i = 1; i < 256; i++)
		a[i - 1] = (char)i;
	a[255] = '\0';
	for (k = 0; k <= 255; k++) {
		if (k > 0) {	/* byte k in runs among letters, a long one and a short one */
			n = 1 + k % 40;
			memset(a, 'x', sizeof(a));
			for (i = 0; i < n; i++)
				a[i * 3 % 60] = (char)k;
			a[n * 3 % 60 + 61] = '\0';
		}
		buf_reset(&want);
		buf_reset(&got);
		buf_puts(&want, "<p>");
		escape_expected(a, &want);
		buf_puts(&want, "</p><input value=\"");
		escape_expected(a, &want);
		buf_puts(&want, "\"><a href=\"/x\">u</a><p>1</p>\n");
		expand(a, "/x", "1", &got);
		assert_string_equal(got.p, want.p);
	}
	buf_free(&want);
	buf_free(&got);
}

/* A URL attribute: ctemplate's check of the scheme, then the same HTML escaping. */
static void
test_url_checked_then_escaped(void **state)
{
	struct buf out = { 0 };

	(void)state;
	expand("", "/x?a=<b>&c=\"'", "", &out);
	assert_non_null(strstr(out.p, "href=\"/x?a=&lt;b&gt;&amp;c=&quot;&#39;\""));
	buf_reset(&out);
	expand("", "javascript:alert(1)", "", &out);
	assert_non_null(strstr(out.p, "href=\"#\""));
	buf_free(&out);
}

/* x-cifras: digits, spaces and . / : - as they are; a value with any other byte left out. */
static void
test_cifras_left_out_unless_digits(void **state)
{
	struct buf out = { 0 };

	(void)state;
	expand("", "", "2026-12-03 10:15 900.123/4", &out);
	assert_non_null(strstr(out.p, "<p>2026-12-03 10:15 900.123/4</p>"));
	buf_reset(&out);
	expand("", "", "12345678<b>", &out);
	assert_non_null(strstr(out.p, "<p></p>"));
	buf_reset(&out);
	expand("", "", "1234567\"", &out);
	assert_non_null(strstr(out.p, "<p></p>"));
	buf_free(&out);
}

/* view_html_escape, for C that writes markup itself: every byte but NUL, alone and among
 * letters, the same bytes as the template's escaping of the same text. */
static void
test_c_escape_as_template(void **state)
{
	char a[8], o[6 * sizeof(a)], *end;
	struct buf want = { 0 };
	int k;

	(void)state;
	for (k = 1; k <= 255; k++) {
		snprintf(a, sizeof(a), "x%cy%c", k, k);
		buf_reset(&want);
		escape_expected(a, &want);
		end = view_html_escape(o, a);
		assert_int_equal((size_t)(end - o), want.len);
		assert_memory_equal(o, want.p, want.len);
	}
	buf_free(&want);
}

static int
write_template(void **state)
{
	FILE *f;

	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(tpl, sizeof(tpl), "%s/prueba.tpl", dir);
	if ((f = fopen(tpl, "w")) == NULL)
		return -1;
	fputs("{{%AUTOESCAPE context=\"HTML\"}}\n<p>{{A}}</p><input value=\"{{A}}\">"
	    "<a href=\"{{U}}\">u</a><p>{{C:x-cifras}}</p>\n", f);
	fclose(f);
	return view_load(dir);
}

static int
remove_template(void **state)
{
	(void)state;
	unlink(tpl);
	rmdir(dir);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_byte_escaped_as_ctemplate),
		cmocka_unit_test(test_url_checked_then_escaped),
		cmocka_unit_test(test_cifras_left_out_unless_digits),
		cmocka_unit_test(test_c_escape_as_template),
	};

	return cmocka_run_group_tests_name("view", tests, write_template, remove_template);
}
