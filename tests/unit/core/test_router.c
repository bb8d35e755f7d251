/*
 * The router (cgi/core/router.c) on the real route table (cgi/routes.c): matching, {param}
 * segments, 404 and 405, and the table's invariants, so a route added without CSRF or
 * roles fails here rather than in production.
 */
#include <stdio.h>
#include <string.h>

#include "pages.h"
#include "core/roles.h"
#include "core/router.h"
#include "support.h"

/* Looks method path up in the real table with a fresh request. */
static enum match
find(void **state, const char *method, const char *path, struct req *r,
    const struct route **rt)
{
	req_init(r, ARENA(state));
	*rt = NULL;
	return route_find(routes, nroutes, method, path, r, rt);
}

/* Asserts method path reaches handler fn with no {param}. */
static void
expect_exact(void **state, const char *method, const char *path, handler fn)
{
	const struct route *rt;
	struct req r;

	if (find(state, method, path, &r, &rt) != MATCH_OK)
		fail_msg("%s %s: no route", method, path);
	if (rt->fn != fn)
		fail_msg("%s %s: another handler (route %s %s)", method, path, rt->method,
		    rt->pattern);
	assert_int_equal(r.pathc, 0);
}

static void
test_exact_paths(void **state)
{
	expect_exact(state, "GET", "/", page_home);
	expect_exact(state, "GET", "/login", page_login);
	expect_exact(state, "POST", "/login", page_login_post);
	expect_exact(state, "POST", "/logout", page_logout);
	expect_exact(state, "GET", "/ihce", page_ihce_home);
	expect_exact(state, "POST", "/ihce/solicitud", page_ihce_solicitud_post);
	expect_exact(state, "GET", "/msps/asignar", page_msps_asignar);
	expect_exact(state, "POST", "/msps/ambientes", page_msps_ambientes_post);
	expect_exact(state, "GET", "/admin", page_admin_home);
	expect_exact(state, "GET", "/privacidad", page_privacidad);
	expect_exact(state, "GET", "/terminos", page_terminos);
	expect_exact(state, "GET", "/accesibilidad", page_accesibilidad);
	/* HEAD is answered by the GET route. */
	expect_exact(state, "HEAD", "/login", page_login);
}

static void
test_param_segments(void **state)
{
	const struct route *rt;
	struct req r;

	assert_int_equal(find(state, "GET", "/ihce/solicitudes/42", &r, &rt), MATCH_OK);
	assert_ptr_equal(rt->fn, page_ihce_detalle);
	assert_int_equal(r.pathc, 1);
	assert_string_equal(r.pathv[0], "42");

	/* The segment is taken as is; the handler validates it (parse_id). */
	assert_int_equal(find(state, "GET", "/msps/solicitudes/abc", &r, &rt), MATCH_OK);
	assert_ptr_equal(rt->fn, page_msps_solicitud);
	assert_string_equal(r.pathv[0], "abc");

	/* Same pattern, two methods; and a longer pattern sharing the prefix. */
	assert_int_equal(find(state, "POST", "/msps/solicitudes/7", &r, &rt), MATCH_OK);
	assert_ptr_equal(rt->fn, page_msps_guardar);
	assert_int_equal(find(state, "POST", "/msps/solicitudes/7/rechazar", &r, &rt), MATCH_OK);
	assert_ptr_equal(rt->fn, page_msps_rechazar);
	assert_int_equal(r.pathc, 1);
	assert_string_equal(r.pathv[0], "7");
}

static void
test_not_found(void **state)
{
	static const char *const paths[] = {
		"/nada", "", "/login/", "//login", "/LOGIN", "/ihce/", "/ihce/solicitudes",
		"/ihce/solicitudes/", "/ihce/solicitudes/1/", "/ihce/solicitudes/1/x",
		"/msps/solicitudes//rechazar", "/msps", "/msps/asignar/extra", "/loginx",
	};
	const struct route *rt;
	struct req r;
	size_t i;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		if (find(state, "GET", paths[i], &r, &rt) != MATCH_NONE)
			fail_msg("GET \"%s\" was not a 404", paths[i]);
	assert_null(rt);
}

static void
test_wrong_method(void **state)
{
	static const char *const cases[][2] = {
		{ "DELETE", "/login" }, { "GET", "/logout" }, { "POST", "/" },
		{ "PUT", "/msps/solicitudes/3" }, { "GET", "/msps/solicitudes/3/rechazar" },
		{ "POST", "/ihce/llaves" }, { "HEAD", "/logout" }, { "post", "/login" },
	};
	const struct route *rt;
	struct req r;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (find(state, cases[i][0], cases[i][1], &r, &rt) != MATCH_METHOD)
			fail_msg("%s %s was not a 405", cases[i][0], cases[i][1]);
}

/* A JSON API route matches its path in any case; its parameters keep theirs. */
static void
test_api_case_insensitive(void **state)
{
	static const struct route t[] = {
		{ "GET", "/WSSUMMIPRESNOPBS/api/Prescripcion/{nit}", R_PUBLIC, F_API, NULL },
		{ "GET", "/Ihce", R_IPS, 0, NULL },
	};
	const struct route *rt;
	struct req r;

	req_init(&r, ARENA(state));
	assert_int_equal(route_find(t, 2, "GET", "/wssummipresnopbs/API/prescripcion/AbC", &r,
	    &rt), MATCH_OK);
	assert_ptr_equal(rt, &t[0]);
	assert_string_equal(r.pathv[0], "AbC");
	/* Other routes stay case-sensitive. */
	assert_int_equal(route_find(t, 2, "GET", "/ihce", &r, &rt), MATCH_NONE);
}

static void
test_every_post_checks_csrf(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < nroutes; i++) {
		/* Pages: GET and POST only, and every POST checks CSRF. */
		if (!(routes[i].flags & F_API)) {
			if (strcmp(routes[i].method, "GET") != 0 &&
			    strcmp(routes[i].method, "POST") != 0)
				fail_msg("%s %s: pages serve only GET and POST", routes[i].method,
				    routes[i].pattern);
			/* The AP port's machine services have no session to forge: they are
			 * exempt, and only they (test_ap_routes). */
			if (strcmp(routes[i].method, "POST") == 0 &&
			    !(routes[i].flags & (F_CSRF | F_AP)))
				fail_msg("POST %s lacks F_CSRF", routes[i].pattern);
			continue;
		}
		/* The JSON API: GET and PUT under /WSSUMMIPRESNOPBS/api/, authenticated by the
		 * token in its path, never by a session cookie (so no CSRF to check). */
		if (strcmp(routes[i].method, "GET") != 0 && strcmp(routes[i].method, "PUT") != 0)
			fail_msg("%s %s: the API serves only GET and PUT", routes[i].method,
			    routes[i].pattern);
		if (strncmp(routes[i].pattern, "/WSSUMMIPRESNOPBS/api/", 22) != 0 ||
		    routes[i].roles != R_PUBLIC || (routes[i].flags & (F_CSRF | F_REAUTH)))
			fail_msg("%s %s: an API route is public, token-authenticated, without "
			    "F_CSRF, under /WSSUMMIPRESNOPBS/api/", routes[i].method,
			    routes[i].pattern);
		if (strstr(routes[i].pattern, "{token}") == NULL)
			fail_msg("%s %s: an API route takes its token in the path", routes[i].method,
			    routes[i].pattern);
	}
}

/* Only the API's paths are F_API, and the router treats them (and only them) as API. */
static void
test_api_routes(void **state)
{
	const struct route *rt;
	struct req r;
	size_t i, n = 0;

	for (i = 0; i < nroutes; i++) {
		if (route_is_api(routes[i].pattern) != ((routes[i].flags & F_API) != 0))
			fail_msg("%s %s: F_API and the API path disagree", routes[i].method,
			    routes[i].pattern);
		n += (routes[i].flags & F_API) != 0;
	}
	/* GenerarToken, 7 transactions, 6 annulments, 18 queries. */
	assert_int_equal(n, 32);
	assert_int_equal(find(state, "PUT", "/wssummipresnopbs/API/entrega/900123456/abc=", &r,
	    &rt), MATCH_OK);
	assert_ptr_equal(rt->fn, api_entrega);
	assert_string_equal(r.pathv[1], "abc=");
	assert_int_equal(find(state, "GET", "/WSSUMMIPRESNOPBS/api/EntregaXPacienteFecha/1/"
	    "2026-01-02/t/CC/9", &r, &rt), MATCH_OK);
	assert_ptr_equal(rt->fn, api_entrega_paciente);
	assert_string_equal(r.pathv[1], "2026-01-02");
	assert_string_equal(r.pathv[2], "t");
	assert_int_equal(find(state, "POST", "/WSSUMMIPRESNOPBS/api/Entrega/1/t", &r, &rt),
	    MATCH_METHOD);
	assert_true(route_is_api("/wssummipresnopbs/x"));
	assert_false(route_is_api("/mipres/token"));
}

/* F_AP (no CSRF, no session) is for exactly the AP services of spec/ap.md: public POSTs
 * authenticated by their own credentials, never a page, never with F_CSRF's cookie. */
static void
test_ap_routes(void **state)
{
	static const char *const ap[] = { "/token", "/ReportarAfiliaciontraslado",
	    "/ReportarRetractoAfiliacion" };
	size_t i, j, n = 0;

	(void)state;
	for (i = 0; i < nroutes; i++) {
		if (!(routes[i].flags & F_AP))
			continue;
		n++;
		for (j = 0; j < 3 && strcmp(routes[i].pattern, ap[j]) != 0; j++)
			;
		if (j == 3)
			fail_msg("%s %s: F_AP on a route that is not an AP service", routes[i].method,
			    routes[i].pattern);
		if (strcmp(routes[i].method, "POST") != 0 || routes[i].roles != R_PUBLIC ||
		    (routes[i].flags & (F_CSRF | F_REAUTH)))
			fail_msg("%s %s: an AP service is a public POST without CSRF or "
			    "re-authentication", routes[i].method, routes[i].pattern);
	}
	assert_int_equal(n, 3);
}

static void
test_every_route_names_roles(void **state)
{
	unsigned known = R_PUBLIC | R_USER | R_PICK | R_CODIGO | R_ENROLAR | R_INVITADO;
	size_t i;

	(void)state;
	for (i = 0; i < nroutes; i++) {
		if (routes[i].fn == NULL || routes[i].pattern[0] != '/')
			fail_msg("%s %s: no handler or not a path", routes[i].method,
			    routes[i].pattern);
		if (routes[i].roles == 0 || (routes[i].roles & ~known) != 0)
			fail_msg("%s %s: roles 0x%x", routes[i].method, routes[i].pattern,
			    routes[i].roles);
		/* Public means public: mixing in a role would read as if it were checked. */
		if ((routes[i].roles & R_PUBLIC) && routes[i].roles != R_PUBLIC)
			fail_msg("%s %s: public and role-restricted at once", routes[i].method,
			    routes[i].pattern);
	}
}

static void
test_no_duplicate_routes(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; i < nroutes; i++)
		for (j = i + 1; j < nroutes; j++)
			if (strcmp(routes[i].method, routes[j].method) == 0 &&
			    strcmp(routes[i].pattern, routes[j].pattern) == 0)
				fail_msg("%s %s appears twice", routes[i].method, routes[i].pattern);
}

/* Whether pattern is prefix itself or lies under prefix/. */
static int
under(const char *pattern, const char *prefix)
{
	size_t n = strlen(prefix);

	return strncmp(pattern, prefix, n) == 0 && (pattern[n] == '\0' || pattern[n] == '/');
}

static void
test_area_roles(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < nroutes; i++) {
		if (under(routes[i].pattern, "/msps") && routes[i].roles != R_MSPS)
			fail_msg("%s %s must allow only the MSPS role", routes[i].method,
			    routes[i].pattern);
		if (under(routes[i].pattern, "/ihce") && routes[i].roles != R_IPS)
			fail_msg("%s %s must allow only the IPS role", routes[i].method,
			    routes[i].pattern);
		if (under(routes[i].pattern, "/admin") && routes[i].roles != R_ADMIN)
			fail_msg("%s %s must allow only the administrator role", routes[i].method,
			    routes[i].pattern);
	}
}

/* A GET flagged F_REAUTH (a form asking for the password before it shows) is resumed
 * through its POST twin: that route must exist, be F_REAUTH | F_VOLVER (back to the page,
 * nothing carried) and allow the same roles. */
static void
test_reauth_get_has_post_twin(void **state)
{
	size_t i, j, n = 0;
	int twin;

	(void)state;
	for (i = 0; i < nroutes; i++) {
		if (strcmp(routes[i].method, "GET") != 0 || !(routes[i].flags & F_REAUTH))
			continue;
		n++;
		for (j = 0, twin = 0; j < nroutes; j++)
			if (strcmp(routes[j].method, "POST") == 0 &&
			    strcmp(routes[j].pattern, routes[i].pattern) == 0 &&
			    (routes[j].flags & (F_REAUTH | F_VOLVER)) == (F_REAUTH | F_VOLVER) &&
			    routes[j].roles == routes[i].roles)
				twin = 1;
		if (!twin)
			fail_msg("GET %s: F_REAUTH without a POST twin F_REAUTH | F_VOLVER",
			    routes[i].pattern);
	}
	assert_true(n >= 3);
}

/* The routes that change a credential ask for the password within REAUTH_MAX. */
static void
test_credentials_reauth(void **state)
{
	static const char *const paths[] = { "/sat/clave", "/sat/compartidos/1/credenciales",
		"/mipres/token", "/msps/solicitudes/1/confirmar", "/msps/ambientes", "/cuenta/dos-pasos" };
	const struct route *rt;
	struct req r;
	size_t i;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		if (find(state, "POST", paths[i], &r, &rt) != MATCH_OK)
			fail_msg("POST %s: no route", paths[i]);
		if (!(rt->flags & F_REAUTH))
			fail_msg("POST %s changes a credential without F_REAUTH", paths[i]);
	}
}

/* Every route is reached by its own path: none is shadowed by an earlier one. */
static void
test_every_route_reachable(void **state)
{
	const struct route *rt;
	struct req r;
	char path[256], *o;
	const char *p;
	size_t i;

	for (i = 0; i < nroutes; i++) {
		/* The pattern with each {param} replaced by "1". */
		for (p = routes[i].pattern, o = path; *p != '\0'; )
			if (*p == '{') {
				*o++ = '1';
				p = strchr(p, '}') + 1;
			} else
				*o++ = *p++;
		*o = '\0';
		if (find(state, routes[i].method, path, &r, &rt) != MATCH_OK || rt != &routes[i])
			fail_msg("%s %s does not reach its route", routes[i].method, path);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_paths),
		cmocka_unit_test(test_param_segments),
		cmocka_unit_test(test_not_found),
		cmocka_unit_test(test_wrong_method),
		cmocka_unit_test(test_api_case_insensitive),
		cmocka_unit_test(test_every_post_checks_csrf),
		cmocka_unit_test(test_api_routes),
		cmocka_unit_test(test_ap_routes),
		cmocka_unit_test(test_every_route_names_roles),
		cmocka_unit_test(test_no_duplicate_routes),
		cmocka_unit_test(test_area_roles),
		cmocka_unit_test(test_every_route_reachable),
		cmocka_unit_test(test_reauth_get_has_post_twin),
		cmocka_unit_test(test_credentials_reauth),
	};

	/* One arena for the group: route_find copies {param} values into it. */
	return cmocka_run_group_tests_name("router", tests, arena_setup, arena_teardown);
}
