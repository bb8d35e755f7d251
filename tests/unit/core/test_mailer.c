/*
 * The mailer (cgi/core/mailer.c): the RFC 5322 message it writes, the retry schedule, and what
 * a pass does to the outbox when there is no server or the server cannot be reached.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/audit.h"
#include "core/db.h"
#include "core/db_sqlite.h"
#include "core/mailer.h"
#include "support.h"
#include "core/valid.h"

#define FROM	"portal@minsalud.example.co"
#define TO	"delegado@clinica.example.co"
#define NOW	1700000000LL	/* Tue, 14 Nov 2023 22:13:20 UTC */

/* Decodes base64 src[0..n) into out (which has room); returns the length. */
static size_t
unbase64(unsigned char *out, size_t cap, const char *src, size_t n)
{
	size_t len;

	if (sodium_base642bin(out, cap, src, n, NULL, &len, NULL,
	    sodium_base64_VARIANT_ORIGINAL) != 0)
		fail_msg("not base64: %.*s", (int)n, src);
	return len;
}

/* Formats a message into out with the fixed from, to, id and time. */
static void
format(struct buf *out, const char *subject, const char *body)
{
	assert_int_equal(mail_format(out, FROM, TO, subject, body, NULL, 0, 42, NOW), 0);
}

static void
test_headers(void **state)
{
	struct buf m = { 0 };
	const char *p;

	(void)state;
	format(&m, "Hola", "Cuerpo");
	assert_memory_equal(m.p, "Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n", 39);
	assert_non_null(strstr(m.p, "\r\nFrom: <" FROM ">\r\n"));
	assert_non_null(strstr(m.p, "\r\nTo: <" TO ">\r\n"));
	assert_non_null(strstr(m.p, "\r\nMessage-ID: <42.1700000000@portal.minsalud>\r\n"));
	assert_non_null(strstr(m.p, "\r\nMIME-Version: 1.0\r\n"));
	assert_non_null(strstr(m.p, "\r\nContent-Type: text/plain; charset=UTF-8\r\n"));
	assert_non_null(strstr(m.p, "\r\nContent-Transfer-Encoding: base64\r\n\r\n"));
	/* Every line ends in CRLF: no bare LF or CR anywhere. */
	for (p = m.p; *p != '\0'; p++)
		if ((*p == '\n' && (p == m.p || p[-1] != '\r')) || (*p == '\r' && p[1] != '\n'))
			fail_msg("bare line break at offset %td", p - m.p);
	buf_free(&m);
}

/* The decoded words of the Subject header, joined, into out[cap]. Each encoded word must
 * be 45 bytes of text or less and decode to whole UTF-8 characters. */
static void
subject_of(const char *msg, char *out, size_t cap)
{
	const char *p = strstr(msg, "\r\nSubject: "), *e;
	size_t o = 0, n;

	assert_non_null(p);
	p += strlen("\r\nSubject: ");
	for (;;) {
		if (strncmp(p, "=?UTF-8?B?", 10) != 0)
			fail_msg("not an encoded word: %.20s", p);
		p += 10;
		assert_non_null(e = strstr(p, "?="));
		n = unbase64((unsigned char *)out + o, cap - o - 1, p, (size_t)(e - p));
		assert_true(n <= 45);
		out[o + n] = '\0';
		if (!v_utf8(out + o))
			fail_msg("an encoded word splits a character: %s", out + o);
		o += n;
		p = e + 2;
		/* Folded continuation lines start with a space. */
		if (strncmp(p, "\r\n ", 3) != 0)
			break;
		p += 3;
	}
	assert_memory_equal(p, "\r\n", 2);
}

static void
test_subject_rfc2047(void **state)
{
	/* Two ASCII bytes, then 2-byte characters: byte 45 falls inside "ñ", so the first
	 * word must stop at 44; the second cut falls inside a 3-byte "€". */
	const char *subject = "Re\xc3\xb1\xc3\xb1\xc3\xb1\xc3\xb1\xc3\xb1\xc3\xb1\xc3\xb1\xc3\xb1"
	    "\xc3\xb1\xc3\xb1\xc3\xb1\xc3\xb1\xc3\xb1\xc3\xb1\xc3\xb1\xc3\xb1\xc3\xb1\xc3\xb1"
	    "\xc3\xb1\xc3\xb1\xc3\xb1\xc3\xb1 Solicitud de token nueva en Bogot\xc3\xa1 D.C. \xe2\x82\xac"
	    "\xe2\x82\xac\xe2\x82\xac y m\xc3\xa1s texto para una tercera palabra";
	struct buf m = { 0 };
	char got[512];

	(void)state;
	format(&m, subject, "x");
	/* The raw UTF-8 never appears in the header. */
	assert_null(strstr(m.p, "\xc3\xad"));
	subject_of(m.p, got, sizeof(got));
	assert_string_equal(got, subject);
	buf_free(&m);

	format(&m, "Corto", "x");
	assert_non_null(strstr(m.p, "\r\nSubject: =?UTF-8?B?Q29ydG8=?=\r\n"));
	buf_free(&m);
}

/* Invalid UTF-8 with no character boundary in a word's reach still ends, every byte kept. */
static void
test_subject_invalid_utf8(void **state)
{
	char subject[101];
	struct buf m = { 0 };
	const char *p;
	int words = 0;

	(void)state;
	memset(subject, 0x80, 100);
	subject[100] = '\0';
	format(&m, subject, "x");	/* returns: before the fix it looped forever */
	for (p = m.p; (p = strstr(p, "=?UTF-8?B?")) != NULL; p++)
		words++;
	assert_int_equal(words, 3);	/* 45 + 45 + 10 bytes */
	buf_free(&m);
}

static void
test_body_base64(void **state)
{
	char body[700], got[700], *p, *e;
	unsigned char chunk[80];
	struct buf m = { 0 };
	size_t o = 0, n, i;

	(void)state;
	/* Several lines of text with UTF-8, CRLF and a line starting with a dot. */
	for (i = 0; i < 12; i++)
		o += (size_t)snprintf(body + o, sizeof(body) - o,
		    "%sL\xc3\xadnea %zu del mensaje, con texto suficiente.\r\n", i == 3 ? "." : "", i);
	format(&m, "x", body);
	o = 0;
	p = strstr(m.p, "\r\n\r\n") + 4;
	for (; *p != '\0'; p = e + 2) {
		assert_non_null(e = strstr(p, "\r\n"));
		/* 57 bytes per line: 76 characters, the MIME limit. */
		assert_true(e - p <= 76);
		n = unbase64(chunk, sizeof(chunk), p, (size_t)(e - p));
		memcpy(got + o, chunk, n);
		o += n;
	}
	got[o] = '\0';
	assert_int_equal(o, strlen(body));
	assert_string_equal(got, body);
	buf_free(&m);
}

/* An address with a line break would let a value add headers or recipients. */
static void
test_refuses_header_injection(void **state)
{
	static const char *const bad[] = {
		TO "\r\nBcc: victima@example.co", TO "\nBcc: x@example.co", TO "\r",
		"<" TO, TO ">", "x@example.co>, <y@example.co",
	};
	struct buf m = { 0 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (mail_format(&m, FROM, bad[i], "s", "b", NULL, 0, 1, NOW) != -1)
			fail_msg("accepted To \"%s\"", bad[i]);
		if (mail_format(&m, bad[i], TO, "s", "b", NULL, 0, 1, NOW) != -1)
			fail_msg("accepted From \"%s\"", bad[i]);
	}
	/* Nothing half-written. */
	assert_int_equal(m.len, 0);
	buf_free(&m);
}

static void
test_backoff(void **state)
{
	static const long long want[] = { 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600, 3600 };
	int i;

	(void)state;
	for (i = 1; i <= 10; i++)
		if (mail_backoff(i) != want[i - 1])
			fail_msg("mail_backoff(%d) = %lld, want %lld", i, mail_backoff(i), want[i - 1]);
	assert_int_equal(mail_backoff(MAIL_MAX_ATTEMPTS), 3600);
	assert_int_equal(mail_backoff(1000), 3600);
	assert_int_equal(mail_backoff(INT_MAX), 3600);
}

/* One integer from the correo row id. */
static long long
correo_int(const char *col, long long id)
{
	char sql[128];
	sqlite3_stmt *st;
	long long v = -1;

	snprintf(sql, sizeof(sql), "SELECT %s FROM correo WHERE id = %lld", col, id);
	assert_int_equal(sqlite3_prepare_v2(db_handle(), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Without an SMTP server the pass says so and the outbox keeps every message. */
static void
test_pass_without_server(void **state)
{
	assert_int_equal(outbox_add(TO, "Asunto", "Cuerpo", NOW), 0);
	assert_int_equal(mailer_pass(ARENA(state), NOW), -1);
	assert_int_equal(correo_int("estado = 'pendiente'", 1), 1);
	assert_int_equal(correo_int("intentos", 1), 0);
}

/*
 * A server that refuses connections (127.0.0.1 port 1): each due message gets its attempt
 * counted, the error and the next try after mail_backoff; the tenth failure gives up. A bad
 * address fails without a connection.
 */
static void
test_pass_failures_scheduled(void **state)
{
	assert_int_equal(db_exec(ST_SMTP_SET, "tnntii", "smtp://127.0.0.1:1", FROM, 0LL, NOW),
	    0);
	assert_int_equal(outbox_add(TO, "Uno", "Cuerpo", NOW - 10), 0);
	assert_int_equal(outbox_add(TO, "Dos", "Cuerpo", NOW - 10), 0);
	assert_int_equal(outbox_add("x@example.co\r\nBcc: y@example.co", "Tres", "C", NOW), 0);
	assert_int_equal(sqlite3_exec(db_handle(), "UPDATE correo SET intentos = 9 WHERE id = 2",
	    NULL, NULL, NULL), SQLITE_OK);

	quiet(1);
	assert_int_equal(mailer_pass(ARENA(state), NOW), 0);
	quiet(0);
	assert_int_equal(correo_int("intentos", 1), 1);
	assert_int_equal(correo_int("proximo", 1), NOW + 60);
	assert_int_equal(correo_int("estado = 'pendiente'", 1), 1);
	assert_int_equal(correo_int("ultimo_error IS NOT NULL", 1), 1);
	assert_int_equal(correo_int("intentos", 2), 10);
	assert_int_equal(correo_int("estado = 'fallido'", 2), 1);
	assert_int_equal(correo_int("intentos", 3), 1);
	assert_int_equal(correo_int("ultimo_error = 'invalid address'", 3), 1);

	/* Not due again before its time: a second pass at once leaves it alone. */
	quiet(1);
	assert_int_equal(mailer_pass(ARENA(state), NOW + 1), 0);
	quiet(0);
	assert_int_equal(correo_int("intentos", 1), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headers),
		cmocka_unit_test(test_subject_rfc2047),
		cmocka_unit_test(test_subject_invalid_utf8),
		cmocka_unit_test(test_body_base64),
		cmocka_unit_test(test_refuses_header_injection),
		cmocka_unit_test(test_backoff),
		cmocka_unit_test_setup_teardown(test_pass_without_server, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_pass_failures_scheduled, db_setup, db_teardown),
	};

	return cmocka_run_group_tests_name("mailer", tests, NULL, NULL);
}
