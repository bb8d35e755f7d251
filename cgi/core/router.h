/* The route table: method, path pattern with {param} segments, roles, flags, handler. */
#ifndef ROUTER_H
#define ROUTER_H
#include "core/http.h"
#include "core/req.h"

enum route_flag {
	F_CSRF = 1u << 0,	/* state change: CSRF token and Origin checked */
	F_API = 1u << 1,	/* JSON errors; path matched case-insensitively */
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

struct route {
	const char	*method;
	const char	*pattern;	/* "/msps/solicitud/{id}" */
	unsigned	 roles;		/* enum role bits allowed */
	unsigned	 flags;		/* enum route_flag */
	handler		 fn;
};

enum match {
	MATCH_OK,
	MATCH_NONE,	/* 404 */
	MATCH_METHOD,	/* 405: the path exists with another method */
};

extern const struct route routes[];
extern const size_t nroutes;

/* Finds the route for method and path in t[0..n); on MATCH_OK sets *out and the {param}
 * values in r->pathv. */
enum match route_find(const struct route *t, size_t n, const char *method, const char *path,
    struct req *r, const struct route **out);
/* Whether path belongs to a JSON API (/WSSUMMIPRESNOPBS/, any case): its errors answer
 * JSON even with no route, and its body has the API's smaller cap. */
int route_is_api(const char *path);
/* Runs the whole request: route, session, role, CSRF, handler, render. */
void dispatch(struct req *, struct resp *);
#endif
