/*
 * The template section scanner (cgi/core/tpl_check.c) that turns ctemplate's bare "syntax
 * error" into a file and line, and the real templates, which must all pass it and load.
 */
#include <glob.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"
#include "core/tpl_check.h"
#include "core/view.h"

static void
test_balanced(void **state)
{
	char msg[128] = "";

	(void)state;
	assert_int_equal(tpl_check("", msg, sizeof(msg)), 0);
	assert_int_equal(tpl_check("plain {text} } {", msg, sizeof(msg)), 0);
	assert_int_equal(tpl_check("{{%AUTOESCAPE context=\"HTML\"}}\n{{#A}}{{X}}\n{{#B}}"
	    "{{>INC}}{{/B}}{{!comment}}\n{{/A}}{{#A}}again{{/A}}", msg, sizeof(msg)), 0);
}

static void
test_unclosed_section(void **state)
{
	char msg[128] = "";

	(void)state;
	/* The line reported is where the unclosed section opened. */
	assert_int_equal(tpl_check("x\n\n{{#ROWS}}\n{{#A}}{{/A}}\n", msg, sizeof(msg)), 3);
	assert_non_null(strstr(msg, "{{#ROWS}} is never closed"));
}

static void
test_mismatched_close(void **state)
{
	char msg[128] = "";

	(void)state;
	assert_int_equal(tpl_check("{{#A}}\n{{#B}}\n{{/A}}\n{{/B}}", msg, sizeof(msg)), 3);
	assert_non_null(strstr(msg, "{{/A}} closes a section that is not open; open is B"));
	/* A close with nothing open; a prefix of the open name is not its name. */
	assert_int_equal(tpl_check("a\nb\n{{/X}}", msg, sizeof(msg)), 3);
	assert_int_equal(tpl_check("{{#ABC}}\n{{/AB}}", msg, sizeof(msg)), 2);
	assert_int_equal(tpl_check("{{#AB}}\n{{/ABC}}", msg, sizeof(msg)), 2);
}

static void
test_unterminated_marker(void **state)
{
	char msg[128] = "";

	(void)state;
	/* Lines inside a marker are counted too. */
	assert_int_equal(tpl_check("{{#A\n}}\n{{X\n", msg, sizeof(msg)), 3);
	assert_non_null(strstr(msg, "without a closing"));
}

static void
test_limits(void **state)
{
	char text[64 * 8 + 16], name[80], msg[128] = "";
	size_t i;

	(void)state;
	/* A name longer than the scanner keeps is an error, not an overflow. */
	memset(name, 'N', 70);
	name[70] = '\0';
	snprintf(text, sizeof(text), "{{#%s}}", name);
	assert_int_equal(tpl_check(text, msg, sizeof(msg)), 1);
	assert_non_null(strstr(msg, "too long"));
	/* 65 nested sections exceed the depth it tracks. */
	for (i = 0, text[0] = '\0'; i < 65; i++)
		strcat(text, "{{#S}}");
	assert_int_equal(tpl_check(text, msg, sizeof(msg)), 1);
	assert_non_null(strstr(msg, "too deep"));
	/* A short message buffer is filled, never overrun (ASan watches). */
	assert_int_equal(tpl_check("{{/LONGNAME}}", msg, 8), 1);
	assert_int_equal(strlen(msg), 7);
}

/* Reads a whole file into a malloc'd string. */
static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *s;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	s = malloc((size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, f), n);
	s[n] = '\0';
	fclose(f);
	return s;
}

/* Every template in templates/ and its feature folders balances its sections, and ctemplate
 * loads them all. */
static void
test_real_templates(void **state)
{
	glob_t g;
	char msg[200];
	char *text;
	int line;

	(void)state;
	assert_int_equal(glob(PORTAL_ROOT "/templates/*.tpl", 0, NULL, &g), 0);
	assert_int_equal(glob(PORTAL_ROOT "/templates/*/*.tpl", GLOB_APPEND, NULL, &g), 0);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		text = slurp(g.gl_pathv[i]);
		line = tpl_check(text, msg, sizeof(msg));
		free(text);
		if (line != 0)
			fail_msg("%s:%d: %s", g.gl_pathv[i], line, msg);
	}
	assert_true(g.gl_pathc >= 60);
	globfree(&g);
	assert_int_equal(view_load(PORTAL_ROOT "/templates"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_balanced),
		cmocka_unit_test(test_unclosed_section),
		cmocka_unit_test(test_mismatched_close),
		cmocka_unit_test(test_unterminated_marker),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_real_templates),
	};

	return cmocka_run_group_tests_name("tpl_check", tests, NULL, NULL);
}
