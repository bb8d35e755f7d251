/*
 * The route table: method, path pattern with {param} segments, roles, flags, handler, and
 * what the handler needs of its row (an argument, the error dialect, the body cap). The
 * table and the areas are the wiring's (cgi/routes.c); the router names no feature.
 */
#ifndef ROUTER_H
#define ROUTER_H
#include "core/http.h"
#include "core/req.h"

enum route_flag {
	F_CSRF = 1u << 0,	/* state change: CSRF token and Origin checked */
	F_API = 1u << 1,	/* the JSON API: path matched case-insensitively, its token in
				 * the path (no session, no CSRF) */
	F_NOSTORE = 1u << 2,	/* shows a secret: Cache-Control: no-store */
	F_REAUTH = 1u << 3,	/* reveals or changes a secret: the password (and code)
				 * within REAUTH_MAX, else the re-authentication form, then
				 * the route (a POST) with the fields carried; on a GET (a
				 * form that asks before it shows) the POST of the same path
				 * must be F_REAUTH | F_VOLVER */
	F_VOLVER = 1u << 4,	/* with F_REAUTH: after it, back to the page (GET), with
				 * nothing carried: the form's own input (a TOTP code) may
				 * have expired, or is a secret never sent back to the page */
	F_AP = 1u << 5,		/* a machine service of the AP port (spec/ap.md): answers only
				 * there (and nothing else does); no session, cookie or CSRF —
				 * the handler authenticates the client itself (password grant
				 * or bearer token) and answers JSON in the OAuth error shape */
	F_ESCRIBE = 1u << 6,	/* changes data (or shows a form that would): refused, 403,
				 * to a perfil that only consults */
	F_LARGO = 1u << 7,	/* a bulk job: may hold its worker VIGIA_LARGO seconds rather
				 * than the limit (cgi/core/vigia.h) */
	F_SONDA = 1u << 8,	/* a probe for machines (/salud, /metricas): no session is
				 * read, it answers on both nginx servers, and its own 503
				 * is never replaced by the locked database's */
};

typedef enum http_status (*handler)(struct req *, struct resp *);

/* A row; the fields after fn may be left out (zero): no argument, HTML errors, BODY_MAX. */
struct route {
	const char	*method;
	const char	*pattern;	/* "/msps/solicitudes/{id:int}/rechazar": a {name} segment
					 * is any non-empty text (r->pathv), a {name:int} one also
					 * an id, 1..18 digits and not 0, parsed into r->pathid (else
					 * the route does not match: 404) */
	unsigned	 roles;		/* enum role bits allowed */
	unsigned	 flags;		/* enum route_flag */
	handler		 fn;
	int		 arg;		/* for the handler (r->arg): a constant that one generic
					 * handler serves several routes with */
	enum dialect	 dialect;	/* the shape of its errors (cgi/core/http.h) */
	long		 body_max;	/* the body's cap; 0: BODY_MAX (nginx's caps match) */
};

struct met_llamadas;	/* cgi/core/metricas.h */

/* Where no route answers (and before one is looked for): a request's errors take its area's
 * dialect and its body the area's cap. The first area that holds the request counts; none:
 * HTML and BODY_MAX. /metricas counts an area's requests no route answers on a row of its
 * own. */
struct route_area {
	int		 ap;		/* holds the AP port's requests (1) or the site's (0) */
	const char	*prefix;	/* of the path, in any case; "" holds every path */
	enum dialect	 dialect;
	long		 body_max;	/* 0: BODY_MAX */
	const char	*sin_ruta;	/* /metricas' route label of that row: "(ninguna: …)" */
	const struct met_llamadas *llamadas;	/* NULL, or its calls counted by operation */
};

enum match {
	MATCH_OK,
	MATCH_NONE,	/* 404 */
	MATCH_METHOD,	/* 405: the path exists with another method */
};

extern const struct route routes[];
extern const size_t nroutes;
extern const struct route_area route_areas[];
extern const size_t nroute_areas;
/* Answers an F_REAUTH route whose session authenticated more than REAUTH_MAX ago: asks for
 * the password (and code), then resumes the route through route_run. */
extern const handler route_reautenticar;

/* Finds the route for method and path in t[0..n); on MATCH_OK sets *out and the {param}
 * values in r->pathv (and r->pathid). */
enum match route_find(const struct route *t, size_t n, const char *method, const char *path,
    struct req *r, const struct route **out);
/* The area that holds r (r->ap, r->path; a NULL path as ""), or NULL. */
const struct route_area *route_area(const struct req *r);
/* The dialect of r's errors where no route answers: its area's, else HTML. */
enum dialect route_area_dialect(const struct req *r);
/* The body cap of r (method and path read): its route's, else its area's, else BODY_MAX. */
long route_body_max(struct req *r);
/* Runs route rt (found by route_find, its {param} values in r) for r, session loaded:
 * role, read-only perfil, CSRF, re-authentication, then the handler with the row's
 * argument. Returns the status to render. A handler that resumes an interrupted request
 * (re-authentication) goes through here too, so every check applies. */
enum http_status route_run(const struct route *rt, struct req *r, struct resp *rs);
/* The pattern as logs, the guard and the metrics show it, {name:int} segments as {name},
 * into out[0..n) (truncated, always terminated). */
void route_label(const char *pattern, char *out, size_t n);
/* Runs the whole request: route, session, route_run, render. */
void dispatch(struct req *, struct resp *);
#endif
