/*
 * The router (cgi/core/router.c) on the real route table (cgi/routes.c): matching, {param}
 * and {name:int} segments, 404 and 405, the dialect of errors where no route answers, body
 * caps, and the table's invariants, so a route added without CSRF or roles, or answering
 * in another shape than its area, fails here rather than in production.
 */
#include <stdio.h>
#include <string.h>

#include "admin/admin.h"
#include "core/roles.h"
#include "core/router.h"
#include "core/session.h"
#include "core/view.h"
#include "cuentas/cuentas.h"
#include "ihce/ihce.h"
#include "mipres/generar_token.h"
#include "mipres/mipres.h"
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
	expect_exact(state, "GET", "/msps/asignar", page_msps_asignacion);
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
	assert_int_equal(r.pathid[0], 42);

	/* A {name} segment is taken as is. */
	assert_int_equal(find(state, "GET", "/invitaciones/abc", &r, &rt), MATCH_OK);
	assert_ptr_equal(rt->fn, page_invitacion);
	assert_string_equal(r.pathv[0], "abc");
	assert_int_equal(r.pathid[0], 0);

	/* Same pattern, two methods; and a longer pattern sharing the prefix. */
	assert_int_equal(find(state, "POST", "/msps/solicitudes/7", &r, &rt), MATCH_OK);
	assert_ptr_equal(rt->fn, page_msps_save);
	assert_int_equal(find(state, "POST", "/msps/solicitudes/7/rechazar", &r, &rt), MATCH_OK);
	assert_ptr_equal(rt->fn, page_msps_reject);
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
		{ "GET", "/WSSUMMIPRESNOPBS/api/Prescripcion/{nit}", R_PUBLIC, F_API, NULL, 0,
		    DIALECT_MESSAGE, MP_BODY_MAX },
		{ "GET", "/Ihce", R_IPS, 0, NULL, 0, DIALECT_HTML, 0 },
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

/* The area of a route's own requests: its pattern, on its port. */
static const struct route_area *
area_of(const struct route *rt)
{
	struct req r;

	memset(&r, 0, sizeof(r));
	r.path = rt->pattern;
	r.ap = (rt->flags & F_AP) != 0;
	return route_area(&r);
}

/* Every route answers its errors in its area's shape (so a 404 next to it looks the same),
 * and F_API (the JSON API) and F_AP (the AP port) are what say JSON. */
static void
test_dialect_agrees_with_area(void **state)
{
	const struct route_area *ar;
	enum dialect want;
	size_t i, n = 0;

	(void)state;
	for (i = 0; i < nroutes; i++) {
		ar = area_of(&routes[i]);
		want = ar != NULL ? ar->dialect : DIALECT_HTML;
		if (routes[i].dialect != want)
			fail_msg("%s %s: dialect %d, its area's %d", routes[i].method,
			    routes[i].pattern, (int)routes[i].dialect, (int)want);
		if (((routes[i].flags & F_API) != 0) != (routes[i].dialect == DIALECT_MESSAGE) ||
		    ((routes[i].flags & F_AP) != 0) != (routes[i].dialect == DIALECT_OAUTH))
			fail_msg("%s %s: F_API / F_AP and the dialect disagree", routes[i].method,
			    routes[i].pattern);
		n += (routes[i].flags & F_API) != 0;
	}
	/* GenerarToken, 7 transactions, 6 annulments, 18 queries. */
	assert_int_equal(n, 32);
}

/* The API's rows: one generic handler per kind, the row's argument naming the transaction
 * or the step. */
static void
test_api_routes(void **state)
{
	const struct route *rt;
	struct req r;

	assert_int_equal(find(state, "PUT", "/wssummipresnopbs/API/entrega/900123456/abc=", &r,
	    &rt), MATCH_OK);
	assert_ptr_equal(rt->fn, api_put);
	assert_int_equal(rt->arg, MT_ENTREGA);
	assert_string_equal(r.pathv[1], "abc=");
	assert_int_equal(find(state, "PUT", "/WSSUMMIPRESNOPBS/api/EntregaAmbito/1/t", &r, &rt),
	    MATCH_OK);
	assert_int_equal(rt->arg, MT_ENTREGA_AMBITO);
	assert_int_equal(find(state, "PUT", "/WSSUMMIPRESNOPBS/api/AnularSuministro/1/t/x", &r,
	    &rt), MATCH_OK);
	assert_ptr_equal(rt->fn, api_annul);
	assert_int_equal(rt->arg, MP_S);
	assert_int_equal(find(state, "GET", "/WSSUMMIPRESNOPBS/api/EntregaXPacienteFecha/1/"
	    "2026-01-02/t/CC/9", &r, &rt), MATCH_OK);
	assert_ptr_equal(rt->fn, api_consulta_paciente);
	assert_int_equal(rt->arg, MP_E);
	assert_string_equal(r.pathv[1], "2026-01-02");
	assert_string_equal(r.pathv[2], "t");
	assert_int_equal(find(state, "GET", "/WSSUMMIPRESNOPBS/api/NODireccionamientoXFecha/1/t/"
	    "2026-01-02", &r, &rt), MATCH_OK);
	assert_ptr_equal(rt->fn, api_consulta_fecha);
	assert_int_equal(rt->arg, MP_N);
	assert_int_equal(find(state, "POST", "/WSSUMMIPRESNOPBS/api/Entrega/1/t", &r, &rt),
	    MATCH_METHOD);
	/* The forms: one handler on no line, one on the line of the path. */
	assert_int_equal(find(state, "POST", "/mipres/suministrar/5", &r, &rt), MATCH_OK);
	assert_ptr_equal(rt->fn, page_mipres_form_linea);
	assert_int_equal(rt->arg, MT_SUMINISTRO);
	assert_int_equal(r.pathid[0], 5);
	assert_int_equal(find(state, "GET", "/mipres/nodireccionar", &r, &rt), MATCH_OK);
	assert_ptr_equal(rt->fn, page_mipres_form);
	assert_int_equal(rt->arg, MT_NODIRECCIONAMIENTO);
}

/* The areas: the API's paths (any case) on the site, every path on the AP port. */
static void
test_areas(void **state)
{
	struct req r;

	req_init(&r, ARENA(state));
	r.path = "/wssummipresnopbs/x";
	assert_int_equal(route_area_dialect(&r), DIALECT_MESSAGE);
	r.path = "/mipres/token";
	assert_int_equal(route_area_dialect(&r), DIALECT_HTML);
	r.path = NULL;
	assert_int_equal(route_area_dialect(&r), DIALECT_HTML);
	r.ap = 1;
	assert_int_equal(route_area_dialect(&r), DIALECT_OAUTH);
	r.path = "/WSSUMMIPRESNOPBS/x";
	assert_int_equal(route_area_dialect(&r), DIALECT_OAUTH);
}

/* What a request with the method and path (on the AP port if ap) may send. */
static long
cap(void **state, const char *method, const char *path, int ap)
{
	struct req r;

	req_init(&r, ARENA(state));
	r.method = method;
	r.path = path;
	r.ap = ap;
	return route_body_max(&r);
}

/* Body caps: BODY_MAX but where a row or an area says (nginx's locations match). */
static void
test_body_caps(void **state)
{
	size_t i;

	assert_int_equal(cap(state, "POST", "/login", 0), BODY_MAX);
	assert_int_equal(cap(state, "POST", "/registro", 0), REGISTRO_BODY_MAX);
	assert_int_equal(cap(state, "POST", "/registro/otro", 0), BODY_MAX);
	assert_int_equal(cap(state, "POST", "/mipres/cargue", 0), MP_CARGUE_BODY_MAX);
	assert_int_equal(cap(state, "PUT", "/WSSUMMIPRESNOPBS/api/Entrega/1/t", 0), MP_BODY_MAX);
	/* No route: the area's, or BODY_MAX. */
	assert_int_equal(cap(state, "PUT", "/wssummipresnopbs/api/nada", 0), MP_BODY_MAX);
	assert_int_equal(cap(state, "POST", "/nada", 0), BODY_MAX);
	assert_int_equal(cap(state, "POST", "/ReportarAfiliaciontraslado", 1), BODY_MAX);
	assert_int_equal(cap(state, "POST", "/nada", 1), BODY_MAX);
	/* The rows that say a cap: the API's (all of it) and the two uploads. */
	for (i = 0; i < nroutes; i++)
		if (routes[i].body_max != ((routes[i].flags & F_API) ? MP_BODY_MAX :
		    strcmp(routes[i].pattern, "/registro") == 0 &&
		    strcmp(routes[i].method, "POST") == 0 ? REGISTRO_BODY_MAX :
		    strcmp(routes[i].pattern, "/mipres/cargue") == 0 &&
		    strcmp(routes[i].method, "POST") == 0 ? MP_CARGUE_BODY_MAX : 0))
			fail_msg("%s %s: body cap %ld", routes[i].method, routes[i].pattern,
			    routes[i].body_max);
}

/* A {name:int} segment takes an id: 1..18 digits, not 0 (leading zeros as before); else
 * the route does not match. Every id of the pages is one: the handlers never parse it. */
static void
test_int_params(void **state)
{
	static const char *const bad[] = { "abc", "0", "00", "-1", "+1", "1x", " 1", "1.0",
	    "0x10", "1234567890123456789", "99999999999999999999" };
	const struct route *rt;
	struct req r;
	char path[64];
	size_t i;

	assert_int_equal(find(state, "GET", "/msps/solicitudes/123456789012345678", &r, &rt),
	    MATCH_OK);
	assert_int_equal(r.pathid[0], 123456789012345678LL);
	assert_int_equal(find(state, "GET", "/autorizados/007", &r, &rt), MATCH_OK);
	assert_int_equal(r.pathid[0], 7);
	assert_int_equal(find(state, "GET", "/mipres/registro/entrega/9", &r, &rt), MATCH_OK);
	assert_string_equal(r.pathv[0], "entrega");
	assert_int_equal(r.pathid[0], 0);
	assert_int_equal(r.pathid[1], 9);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(path, sizeof(path), "/msps/solicitudes/%s", bad[i]);
		if (find(state, "GET", path, &r, &rt) != MATCH_NONE)
			fail_msg("GET %s matched", path);
		snprintf(path, sizeof(path), "/msps/solicitudes/%s/rechazar", bad[i]);
		if (find(state, "POST", path, &r, &rt) != MATCH_NONE)
			fail_msg("POST %s matched", path);
	}
	/* An {id} of a page is an integer; the challenge's image is named by a token, and the
	 * API's annulments answer a bad id with the ministry's 400 (cgi/mipres/api.c). */
	for (i = 0; i < nroutes; i++)
		if (strstr(routes[i].pattern, "id}") != NULL && !(routes[i].flags & F_API) &&
		    strcmp(routes[i].pattern, "/registro/reto/{id}") != 0)
			fail_msg("%s %s: an id that is not {name:int}", routes[i].method,
			    routes[i].pattern);
}

/* Runs method path (on the AP port if ap) through dispatch with no session; the answer's
 * status, its body in *body (the arena's copy). */
static enum http_status
run(void **state, const char *method, const char *path, int ap, const char **body)
{
	struct resp rs;
	struct req r;
	enum http_status st;

	req_init(&r, ARENA(state));
	r.method = method;
	r.path = path;
	r.ap = ap;
	r.ip = "";
	memset(&rs, 0, sizeof(rs));
	resp_reset(&rs);
	dispatch(&r, &rs);
	st = rs.status;
	*body = arena_strndup(ARENA(state), rs.body.p ? rs.body.p : "", rs.body.len);
	if (strstr(rs.head.p ? rs.head.p : "", "Location:") != NULL)
		*body = "(redirect)";
	resp_reset(&rs);
	buf_free(&rs.head);
	buf_free(&rs.body);
	return st;
}

/* An id that does not parse is a 404 before anything of its route runs: not even the
 * sign-in an anonymous request to the same route with a good id is sent to (so its handler,
 * which runs after that, never does). */
static void
test_bad_id_is_404_without_handler(void **state)
{
	static const char *const paths[] = { "/ihce/solicitudes/abc", "/ihce/solicitudes/0",
	    "/autorizados/1x", "/sat/compartidos/-3/credenciales", "/mipres/programar/x" };
	const char *body;
	size_t i;

	assert_int_equal(run(state, "GET", "/ihce/solicitudes/7", 0, &body), HTTP_SEE_OTHER);
	assert_string_equal(body, "(redirect)");
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		if (run(state, "GET", paths[i], 0, &body) != HTTP_NOT_FOUND)
			fail_msg("GET %s was not a 404", paths[i]);
		assert_non_null(strstr(body, "Página no encontrada"));
	}
}

/* Where no route answers, the error takes the shape of the request's area. */
static void
test_no_route_dialects(void **state)
{
	const char *body;

	assert_int_equal(run(state, "GET", "/WSSUMMIPRESNOPBS/api/nada", 0, &body),
	    HTTP_NOT_FOUND);
	assert_string_equal(body, "{\"Message\":\"No se encontró ningún recurso HTTP que "
	    "coincida con la URI de la solicitud.\"}");
	assert_int_equal(run(state, "GET", "/token", 1, &body), HTTP_METHOD_NOT_ALLOWED);
	assert_string_equal(body, "{\"error\":\"invalid_request\",\"error_description\":"
	    "\"Use el método POST.\"}");
	/* A site's route is not the AP port's. */
	assert_int_equal(run(state, "POST", "/login", 1, &body), HTTP_NOT_FOUND);
	assert_string_equal(body, "{\"error\":\"invalid_request\",\"error_description\":"
	    "\"Este servicio no existe.\"}");
}

static int corridas;

/* A handler that counts its runs and answers its row's argument as the status. */
static enum http_status
contar(struct req *r, struct resp *rs)
{
	(void)rs;
	corridas++;
	return (enum http_status)r->arg;
}

/* route_run, which both dispatch and the re-authentication's resumption (POST /reautenticar,
 * cgi/cuentas/dos_pasos.c) go through, refuses an F_ESCRIBE route to a perfil that only
 * consults before its handler, and hands the handler its row's argument. */
static void
test_route_run_checks(void **state)
{
	static const struct route t[] = {
		{ "POST", "/x/{id:int}", R_PROVEEDOR, F_ESCRIBE, contar, HTTP_CONFLICT, DIALECT_HTML,
		    0 },
	};
	struct session s = { .role = R_PROVEEDOR, .paso = PASO_LISTO, .solo_consulta = 1 };
	const struct route *rt;
	struct resp rs;
	struct req r;

	req_init(&r, ARENA(state));
	memset(&rs, 0, sizeof(rs));
	resp_reset(&rs);
	assert_int_equal(route_find(t, 1, "POST", "/x/3", &r, &rt), MATCH_OK);
	r.sess = &s;
	corridas = 0;
	assert_int_equal(route_run(rt, &r, &rs), HTTP_FORBIDDEN);
	assert_int_equal(corridas, 0);
	s.solo_consulta = 0;
	assert_int_equal(route_run(rt, &r, &rs), HTTP_CONFLICT);
	assert_int_equal(corridas, 1);
	assert_int_equal(r.arg, HTTP_CONFLICT);
	assert_int_equal(r.pathid[0], 3);
	/* Another role: refused as well, the handler never run. */
	s.role = R_EPS;
	assert_int_equal(route_run(rt, &r, &rs), HTTP_FORBIDDEN);
	assert_int_equal(corridas, 1);
	resp_reset(&rs);
	buf_free(&rs.head);
	buf_free(&rs.body);
}

/* The re-authentication the router asks for is the wiring's page. */
static void
test_reauth_hook(void **state)
{
	(void)state;
	assert_ptr_equal(route_reautenticar, page_reautenticacion);
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

/* The group's arena, and the real templates: dispatch renders the error page. */
static int
setup(void **state)
{
	return arena_setup(state) < 0 ? -1 : view_load(PORTAL_ROOT "/templates");
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
		cmocka_unit_test(test_dialect_agrees_with_area),
		cmocka_unit_test(test_api_routes),
		cmocka_unit_test(test_areas),
		cmocka_unit_test(test_body_caps),
		cmocka_unit_test(test_int_params),
		cmocka_unit_test(test_bad_id_is_404_without_handler),
		cmocka_unit_test(test_no_route_dialects),
		cmocka_unit_test(test_route_run_checks),
		cmocka_unit_test(test_reauth_hook),
		cmocka_unit_test(test_ap_routes),
		cmocka_unit_test(test_every_route_names_roles),
		cmocka_unit_test(test_no_duplicate_routes),
		cmocka_unit_test(test_area_roles),
		cmocka_unit_test(test_every_route_reachable),
		cmocka_unit_test(test_reauth_get_has_post_twin),
		cmocka_unit_test(test_credentials_reauth),
	};

	/* One arena for the group: route_find copies {param} values into it. */
	return cmocka_run_group_tests_name("router", tests, setup, arena_teardown);
}
