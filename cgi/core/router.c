#include <strings.h>
#include <string.h>

#include "ap/ap.h"
#include "core/log.h"
#include "pages.h"
#include "core/roles.h"
#include "core/router.h"
#include "core/session.h"
#include "core/vigia.h"

/* Matches one pattern against path, storing {param} segments. Returns 1 on a match. */
static int
match_one(const struct route *rt, const char *path, struct req *r)
{
	const char *p = rt->pattern, *s = path, *pe, *se;
	int nocase = (rt->flags & (F_API | F_AP)) != 0;
	size_t np = 0;

	while (*p == '/' && *s == '/') {
		p++, s++;
		pe = p + strcspn(p, "/");
		se = s + strcspn(s, "/");
		if (*p == '{') {
			if (se == s || np == PATH_PARAMS)
				return 0;
			r->pathv[np++] = arena_strndup(r->a, s, (size_t)(se - s));
		} else if (pe - p != se - s || (nocase ? strncasecmp(p, s, (size_t)(pe - p)) :
		    strncmp(p, s, (size_t)(pe - p))) != 0)
			return 0;
		p = pe, s = se;
	}
	if (*p != '\0' || *s != '\0')
		return 0;
	r->pathc = np;
	return 1;
}

enum match
route_find(const struct route *t, size_t n, const char *method, const char *path,
    struct req *r, const struct route **out)
{
	enum match m = MATCH_NONE;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!match_one(&t[i], path, r))
			continue;
		if (strcmp(t[i].method, method) == 0 ||
		    (strcmp(method, "HEAD") == 0 && strcmp(t[i].method, "GET") == 0)) {
			*out = &t[i];
			return MATCH_OK;
		}
		m = MATCH_METHOD;
	}
	return m;
}

int
route_is_api(const char *path)
{
	return path != NULL && strncasecmp(path, "/WSSUMMIPRESNOPBS/", 18) == 0;
}

/* Checks session and role: 0 to go on, or the status that stops the request. */
static enum http_status
authorize(const struct route *rt, struct req *r, struct resp *rs)
{
	if (rt->roles & R_PUBLIC)
		return 0;
	if (r->sess == NULL) {
		if (rt->flags & F_API)
			return HTTP_UNAUTHORIZED;
		return resp_redirect(rs, "/login");
	}
	if ((rt->flags & F_ESCRIBE) && r->sess->solo_consulta)
		return HTTP_FORBIDDEN;
	return (rt->roles & r->sess->role) ? 0 : HTTP_FORBIDDEN;
}

void
dispatch(struct req *r, struct resp *rs)
{
	const struct route *rt = NULL;
	enum match m;
	enum http_status st;

	rs->json = route_is_api(r->path);
	m = route_find(routes, nroutes, r->method, r->path, r, &rt);
	/* The AP port serves only the AP services (and the probes), and they answer only
	 * there. */
	if (m == MATCH_OK && !(rt->flags & F_SONDA) &&
	    ((rt->flags & F_AP) != 0) != (r->ap != 0))
		m = MATCH_NONE;
	if (r->ap && m != MATCH_OK) {
		rs->status = ap_error(rs, m == MATCH_METHOD ? HTTP_METHOD_NOT_ALLOWED :
		    HTTP_NOT_FOUND, "invalid_request", m == MATCH_METHOD ? "Use el método POST." :
		    "Este servicio no existe.");
		return;
	}
	if (m != MATCH_OK) {
		rs->status = m == MATCH_METHOD ? HTTP_METHOD_NOT_ALLOWED : HTTP_NOT_FOUND;
		if (!rs->json)
			session_load(r);
		resp_render(r, rs);
		return;
	}
	r->ruta = rt->pattern;
	r->route = rt;
	/* What the guard logs should it cut the request, and the time it allows. */
	vigia_ruta(r->method, rt->pattern, (rt->flags & F_LARGO) != 0);
	rs->json = (rt->flags & (F_API | F_AP)) != 0;
	rs->nostore = (rt->flags & F_NOSTORE) != 0;
	if (!rs->json && !(rt->flags & F_SONDA))
		session_load(r);
	if ((st = authorize(rt, r, rs)) == 0 && (rt->flags & F_CSRF) && !csrf_ok(r)) {
		/* The route's pattern, not the path: /clave/{token} names no live token. */
		log_info("csrf: refused %s %s from %s", r->method, rt->pattern, r->ip);
		st = HTTP_FORBIDDEN;
	}
	/* A secret shows (or a factor is enrolled) only shortly after the password: else ask
	 * for it, then go on. Mandatory enrollment follows the password the login just took. */
	if (st == 0 && (rt->flags & F_REAUTH) && !(r->sess->role & R_ENROLAR) &&
	    !session_reciente(r))
		st = page_reautenticar_pedir(r, rs);
	rs->status = st != 0 ? st : rt->fn(r, rs);
	resp_render(r, rs);
}
