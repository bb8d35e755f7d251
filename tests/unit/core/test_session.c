/*
 * Sessions and CSRF (cgi/core/session.c): the Origin check, the CSRF token check, and a
 * session's life on a real database: start, load, idle and absolute expiry, rotation, end.
 */
#include <string.h>

#include <sodium.h>

#include "core/db.h"
#include "core/db_sqlite.h"
#include "core/entidad.h"
#include "core/roles.h"
#include "core/session.h"
#include "support.h"

/* A 43-character token, as the cookies carry. */
#define TOK_A	"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
#define TOK_B	"BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"

static void
test_origin_same_site(void **state)
{
	(void)state;
	/* No Origin header (an older browser, or a same-origin GET-like form): accepted. */
	assert_true(origin_ok(NULL, "localhost:8443"));
	assert_true(origin_ok("https://localhost:8443", "localhost:8443"));
	/* A Host without a port is HTTPS's 443, with or without it spelled in Origin. */
	assert_true(origin_ok("https://portal.example", "portal.example:443"));
	assert_true(origin_ok("https://portal.example", "portal.example"));
	assert_true(origin_ok("https://portal.example:443", "portal.example"));
	/* Host names compare without case. */
	assert_true(origin_ok("https://Portal.Example", "portal.example"));
	/* An IPv6 literal: its colons are not the port. */
	assert_true(origin_ok("https://[::1]", "[::1]:443"));
	assert_true(origin_ok("https://[::1]:8443", "[::1]:8443"));
	assert_false(origin_ok("https://[::1]", "[::1]:8443"));
}

static void
test_origin_cross_site_refused(void **state)
{
	static const char *const bad[] = {
		"https://localhost:9443",		/* another port */
		"https://localhost",			/* 443, not 8443 */
		"http://localhost:8443",		/* not HTTPS */
		"https://evil.example:8443",		/* another host */
		"https://localhost:8443.evil.com",	/* prefix tricks */
		"https://localhost.evil.com:8443",
		"https://evil.localhost:8443",
		"https://local:8443",			/* a prefix of the host */
		"https://LOCALHOST",
		"https://localhost:84430",
		"https://user@localhost:8443",
		"https://localhost:8443/",
		"null",					/* sandboxed or opaque origin */
		"",
		"https://",
		"localhost:8443",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (origin_ok(bad[i], "localhost:8443"))
			fail_msg("origin \"%s\" accepted for host localhost:8443", bad[i]);
	assert_false(origin_ok("https://portal.example", "portal.example:8443"));
	assert_false(origin_ok("https://localhost:8443", NULL));
}

/* Makes r's form hold csrf=tok (NULL: no field). */
static void
set_csrf(struct req *r, const char *tok)
{
	r->form.v = arena_alloc(r->a, sizeof(struct param));
	r->form.v[0].key = "csrf";
	r->form.v[0].val = tok;
	r->form.n = tok != NULL;
}

/* Makes r carry the one cookie "name=value". */
static void
set_cookie(struct req *r, const char *name, const char *value)
{
	parse_cookies(r->a, arena_printf(r->a, "%s=%s", name, value), &r->cookies);
}

/* Before login the token is the pre-session cookie's; the Origin must match too. */
static void
test_csrf_pre_session(void **state)
{
	struct req r;

	req_init(&r, ARENA(state));
	set_cookie(&r, PRE_COOKIE, TOK_A);
	set_csrf(&r, TOK_A);
	assert_true(csrf_ok(&r));
	r.origin = "https://localhost:8443";
	assert_true(csrf_ok(&r));
	r.origin = "https://evil.example";
	assert_false(csrf_ok(&r));
	/* "Origin: null" (a form POST under Referrer-Policy: no-referrer) passes only when the
	 * browser itself says the request is same-origin. */
	r.origin = "null";
	assert_false(csrf_ok(&r));
	r.fetch_site = "cross-site";
	assert_false(csrf_ok(&r));
	r.fetch_site = "same-site";
	assert_false(csrf_ok(&r));
	r.fetch_site = "same-origin";
	assert_true(csrf_ok(&r));
	r.origin = "https://evil.example";
	assert_false(csrf_ok(&r));
	r.fetch_site = NULL;
	r.origin = NULL;
	set_csrf(&r, TOK_B);
	assert_false(csrf_ok(&r));
	set_csrf(&r, NULL);
	assert_false(csrf_ok(&r));
	/* A short token never matches, even when cookie and form agree. */
	set_cookie(&r, PRE_COOKIE, "abc");
	set_csrf(&r, "abc");
	assert_false(csrf_ok(&r));
	/* No cookie at all. */
	r.cookies.n = 0;
	set_csrf(&r, TOK_A);
	assert_false(csrf_ok(&r));
}

/* csrf_pre keeps a valid pre-session cookie and otherwise sets a fresh one. */
static void
test_csrf_pre_cookie(void **state)
{
	struct req r;
	struct resp rs = { 0 };
	const char *tok;

	req_init(&r, ARENA(state));
	tok = csrf_pre(&r, &rs);
	assert_int_equal(strlen(tok), 43);
	assert_non_null(rs.head.p);
	assert_non_null(strstr(rs.head.p, "Set-Cookie: " PRE_COOKIE "="));
	assert_non_null(strstr(rs.head.p, tok));
	assert_non_null(strstr(rs.head.p, "; Secure; HttpOnly; SameSite=Strict"));

	buf_reset(&rs.head);
	set_cookie(&r, PRE_COOKIE, TOK_B);
	assert_string_equal(csrf_pre(&r, &rs), TOK_B);
	assert_int_equal(rs.head.len, 0);
	buf_free(&rs.head);
}

/* An entity, a delegate and the delegate's role; returns the role's id, sets *uid. */
static long long
delegate(struct arena *a, long long *uid)
{
	long long ent = db_entidad_insert(a, "900474727", "Cl\xc3\xadnica Prueba", "IPS",
	    "110010000001", 1);

	assert_true(ent > 0);
	*uid = db_usuario_insert("ADMINHCEIPS900474727", "Delegada", "d@clinica.example.co",
	    NULL, NULL, NULL, 1);
	assert_true(*uid > 0);
	return db_rol_insert(*uid, ent, "securityAdmin_IHCE_IPS");
}

/* Starts a session at time now; returns the cookie's token. */
static const char *
start(struct arena *a, long long uid, long long rol, long long now)
{
	struct req r;
	struct resp rs = { 0 };
	const char *p, *tok;

	req_init(&r, a);
	r.now = now;
	assert_int_equal(session_start(&r, &rs, uid, rol), 0);
	assert_non_null(p = strstr(rs.head.p, "Set-Cookie: " SESSION_COOKIE "="));
	assert_non_null(strstr(p, "; Path=/; Secure; HttpOnly; SameSite=Strict\r\n"));
	p += strlen("Set-Cookie: " SESSION_COOKIE "=");
	tok = arena_strndup(a, p, strcspn(p, ";"));
	buf_free(&rs.head);
	return tok;
}

/* Loads the session of token tok at time now into r; returns r->sess. */
static struct session *
load(struct arena *a, struct req *r, const char *tok, long long now)
{
	req_init(r, a);
	r->now = now;
	set_cookie(r, SESSION_COOKIE, tok);
	session_load(r);
	return r->sess;
}

static void
test_session_start_and_load(void **state)
{
	struct arena *a = ARENA(state);
	unsigned char h[32];
	long long uid, rol = delegate(a, &uid), t = 1700000000;
	const char *tok = start(a, uid, rol, t);
	struct session *s;
	sqlite3_stmt *st;
	struct req r;

	assert_int_equal(strlen(tok), 43);
	assert_non_null(s = load(a, &r, tok, t + 10));
	assert_int_equal(s->usuario_id, uid);
	assert_int_equal(s->rol_id, rol);
	assert_int_equal(s->role, R_IPS);
	assert_string_equal(s->login, "ADMINHCEIPS900474727");
	assert_string_equal(s->nit, "900474727");
	assert_string_equal(s->codigo, "110010000001");
	assert_int_equal(strlen(s->csrf), 43);
	/* The session's CSRF token is its own, not the cookie. */
	assert_string_not_equal(s->csrf, tok);

	/* The database holds the SHA-256 of the token, never the token. */
	crypto_hash_sha256(h, (const unsigned char *)tok, strlen(tok));
	assert_int_equal(sqlite3_prepare_v2(db_handle(), "SELECT id_hash FROM sesion", -1, &st,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_bytes(st, 0), 32);
	assert_memory_equal(sqlite3_column_blob(st, 0), h, 32);
	sqlite3_finalize(st);

	/* Another token of the right length, or a mangled one, loads nothing. */
	assert_null(load(a, &r, TOK_A, t + 10));
	assert_null(load(a, &r, arena_strndup(a, tok, 42), t + 10));
}

static void
test_session_idle_expiry(void **state)
{
	struct arena *a = ARENA(state);
	long long uid, rol = delegate(a, &uid), t = 1700000000;
	const char *tok = start(a, uid, rol, t);
	struct req r;

	assert_non_null(load(a, &r, tok, t + SESSION_IDLE));
	/* Use refreshed the idle clock: another full idle period from there is fine... */
	assert_non_null(load(a, &r, tok, t + 2 * SESSION_IDLE));
	/* ...one second more is not, and the expired session is deleted for good. */
	assert_null(load(a, &r, tok, t + 3 * SESSION_IDLE + 1));
	assert_null(load(a, &r, tok, t + 3 * SESSION_IDLE));
}

static void
test_session_absolute_expiry(void **state)
{
	struct arena *a = ARENA(state);
	long long uid, rol = delegate(a, &uid), t = 1700000000, now;
	const char *tok = start(a, uid, rol, t);
	struct req r;

	/* Active use every 20 minutes keeps it alive for 12 hours, and not one minute more. */
	for (now = t + 1200; now <= t + SESSION_MAX; now += 1200)
		if (load(a, &r, tok, now) == NULL)
			fail_msg("session lost after %lld s of activity", now - t);
	assert_null(load(a, &r, tok, t + SESSION_MAX + 60));
}

static void
test_session_rotation_and_end(void **state)
{
	struct arena *a = ARENA(state);
	long long uid, rol = delegate(a, &uid), t = 1700000000;
	const char *old = start(a, uid, rol, t), *tok;
	struct resp rs = { 0 };
	struct req r;

	/* Logging in again from a live session replaces it. */
	assert_non_null(load(a, &r, old, t + 5));
	assert_int_equal(session_start(&r, &rs, uid, rol), 0);
	assert_null(load(a, &r, old, t + 6));
	tok = strstr(rs.head.p, SESSION_COOKIE "=") + strlen(SESSION_COOKIE "=");
	tok = arena_strndup(a, tok, strcspn(tok, ";"));
	assert_non_null(load(a, &r, tok, t + 6));

	/* Logout clears the cookie and the row. */
	buf_reset(&rs.head);
	session_end(&r, &rs);
	assert_null(r.sess);
	assert_non_null(strstr(rs.head.p, SESSION_COOKIE "=; "));
	assert_non_null(strstr(rs.head.p, "Max-Age=0"));
	assert_null(load(a, &r, tok, t + 7));
	buf_free(&rs.head);
}

/* With a session, the form must carry the session's token, not the pre-session one. */
static void
test_csrf_with_session(void **state)
{
	struct arena *a = ARENA(state);
	long long uid, rol = delegate(a, &uid), t = 1700000000;
	const char *tok = start(a, uid, rol, t);
	struct session *s;
	struct req r;

	assert_non_null(s = load(a, &r, tok, t + 1));
	set_csrf(&r, s->csrf);
	assert_true(csrf_ok(&r));
	r.origin = "https://localhost:8443.evil.com";
	assert_false(csrf_ok(&r));
	r.origin = NULL;
	set_csrf(&r, tok);
	assert_false(csrf_ok(&r));
	parse_cookies(a, arena_printf(a, "%s=%s; %s=%s", SESSION_COOKIE, tok, PRE_COOKIE,
	    TOK_A), &r.cookies);
	set_csrf(&r, TOK_A);
	assert_false(csrf_ok(&r));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_origin_same_site),
		cmocka_unit_test(test_origin_cross_site_refused),
		cmocka_unit_test_setup_teardown(test_csrf_pre_session, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_csrf_pre_cookie, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_session_start_and_load, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_session_idle_expiry, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_session_absolute_expiry, db_setup,
		    db_teardown),
		cmocka_unit_test_setup_teardown(test_session_rotation_and_end, db_setup,
		    db_teardown),
		cmocka_unit_test_setup_teardown(test_csrf_with_session, db_setup, db_teardown),
	};

	return cmocka_run_group_tests_name("session", tests, NULL, NULL);
}
