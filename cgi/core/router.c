#include <ctype.h>
#include <strings.h>
#include <string.h>

#include "core/log.h"
#include "core/roles.h"
#include "core/router.h"
#include "core/session.h"
#include "core/text.h"
#include "core/vigia.h"

/* Whether the pattern segment p..pe is a {name:int} parameter. */
static int
param_int(const char *p, const char *pe)
{
	return pe - p > 6 && strncmp(pe - 5, ":int}", 5) == 0;
}

/* Matches one pattern against path, storing {param} segments (and parsing {name:int} ones,
 * which must be ids). Returns 1 on a match. */
static int
match_one(const struct route *rt, const char *path, struct req *r)
{
	const char *p = rt->pattern, *s = path, *pe, *se;
	int nocase = (rt->flags & (F_API | F_AP)) != 0;
	size_t np = 0;

	/* The first segment's first byte rules out most routes before any scan (this runs
	 * for each route until one matches, twice a request). */
	if (p[0] == '/' && s[0] == '/' && p[1] != '{' && p[1] != s[1] &&
	    (!nocase || tolower((unsigned char)p[1]) != tolower((unsigned char)s[1])))
		return 0;
	while (*p == '/' && *s == '/') {
		p++, s++;
		pe = p + strcspn(p, "/");
		se = s + strcspn(s, "/");
		if (*p == '{') {
			if (se == s || np == PATH_PARAMS)
				return 0;
			r->pathv[np] = arena_strndup(r->a, s, (size_t)(se - s));
			r->pathid[np] = param_int(p, pe) ? parse_id(r->pathv[np]) : 0;
			if (param_int(p, pe) && r->pathid[np] <= 0)
				return 0;
			np++;
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

const struct route_area *
route_area(const struct req *r)
{
	const char *path = r->path != NULL ? r->path : "";
	size_t i;

	for (i = 0; i < nroute_areas; i++)
		if ((route_areas[i].ap != 0) == (r->ap != 0) && strncasecmp(path,
		    route_areas[i].prefix, strlen(route_areas[i].prefix)) == 0)
			return &route_areas[i];
	return NULL;
}

enum dialect
route_area_dialect(const struct req *r)
{
	const struct route_area *ar = route_area(r);

	return ar != NULL ? ar->dialect : DIALECT_HTML;
}

long
route_body_max(struct req *r)
{
	const struct route *rt = NULL;
	const struct route_area *ar;
	long max = 0;

	if (route_find(routes, nroutes, r->method, r->path, r, &rt) == MATCH_OK)
		max = rt->body_max;
	else if ((ar = route_area(r)) != NULL)
		max = ar->body_max;
	return max > 0 ? max : BODY_MAX;
}

/* Checks session and role: 0 to go on, or the status that stops the request. */
static enum http_status
authorize(const struct route *rt, struct req *r, struct resp *rs)
{
	if (rt->roles & R_PUBLIC)
		return 0;
	if (r->sess == NULL) {
		if (rt->dialect != DIALECT_HTML)
			return HTTP_UNAUTHORIZED;
		return resp_redirect(rs, "/login");
	}
	if ((rt->flags & F_ESCRIBE) && r->sess->solo_consulta)
		return HTTP_FORBIDDEN;
	return (rt->roles & r->sess->role) ? 0 : HTTP_FORBIDDEN;
}

void
route_label(const char *pattern, char *out, size_t n)
{
	size_t k = 0;

	for (; *pattern != '\0' && k + 1 < n; pattern++) {
		if (strncmp(pattern, ":int}", 5) == 0)
			pattern += 4;
		out[k++] = *pattern;
	}
	out[k] = '\0';
}

/* route_label of rt's pattern, in r's arena. */
static const char *
ruta_de(struct req *r, const struct route *rt)
{
	char s[256];

	route_label(rt->pattern, s, sizeof(s));
	return arena_strdup(r->a, s);
}

enum http_status
route_run(const struct route *rt, struct req *r, struct resp *rs)
{
	enum http_status st;

	r->arg = rt->arg;
	rs->nostore = (rt->flags & F_NOSTORE) != 0;
	if ((st = authorize(rt, r, rs)) == 0 && (rt->flags & F_CSRF) && !csrf_ok(r)) {
		/* The route's pattern, not the path: /clave/{token} names no live token. */
		log_info("csrf: refused %s %s from %s", r->method, ruta_de(r, rt),
		    r->ip);
		st = HTTP_FORBIDDEN;
	}
	/* A secret shows (or a factor is enrolled) only shortly after the password: else ask
	 * for it, then go on. Mandatory enrollment follows the password the login just took. */
	if (st == 0 && (rt->flags & F_REAUTH) && !(r->sess->role & R_ENROLAR) &&
	    !session_reciente(r))
		st = route_reautenticar(r, rs);
	return st != 0 ? st : rt->fn(r, rs);
}

void
dispatch(struct req *r, struct resp *rs)
{
	const struct route *rt = NULL;
	enum match m;

	m = route_find(routes, nroutes, r->method, r->path, r, &rt);
	/* The AP port serves only the AP services (and the probes), and they answer only
	 * there. */
	if (m == MATCH_OK && !(rt->flags & F_SONDA) &&
	    ((rt->flags & F_AP) != 0) != (r->ap != 0))
		m = MATCH_NONE;
	if (m != MATCH_OK) {
		rs->status = m == MATCH_METHOD ? HTTP_METHOD_NOT_ALLOWED : HTTP_NOT_FOUND;
		rs->dialect = route_area_dialect(r);
		if (rs->dialect == DIALECT_HTML)
			session_load(r);
		resp_render(r, rs);
		return;
	}
	r->ruta = ruta_de(r, rt);
	r->route = rt;
	/* What the guard logs should it cut the request, and the time it allows. */
	vigia_ruta(r->method, r->ruta, (rt->flags & F_LARGO) != 0);
	rs->dialect = rt->dialect;
	if (rs->dialect == DIALECT_HTML && !(rt->flags & F_SONDA))
		session_load(r);
	rs->status = route_run(rt, r, rs);
	resp_render(r, rs);
}
