/* The request as handlers see it: method, path, decoded parameters, cookies, session. */
#ifndef REQ_H
#define REQ_H
#include <stddef.h>

#include "core/arena.h"

#define BODY_MAX	(256 * 1024)	/* nginx's client_max_body_size matches */
#define PATH_PARAMS	8

struct param {
	const char	*key;
	const char	*val;
};

struct params {
	struct param	*v;
	size_t		 n;
};

/* A file of a multipart/form-data body (cgi/core/multipart.h): the form field's name, the
 * file name the browser gave (its last path component; "" when none was chosen), the
 * part's Content-Type ("" when absent) and the bytes, NUL-terminated after len. */
struct upload {
	const char	*name;
	const char	*filename;
	const char	*content_type;
	const char	*data;
	size_t		 len;
};

struct uploads {
	struct upload	*v;
	size_t		 n;
};

struct session;
struct route;

struct req {
	struct arena	*a;
	const char	*method;
	const char	*path;		/* decoded, normalized by nginx (DOCUMENT_URI) */
	const char	*ip;
	const char	*origin;	/* Origin header or NULL */
	const char	*host;		/* Host header */
	const char	*url;		/* the site's public https URL from nginx, or NULL */
	const char	*ua;		/* User-Agent header or NULL */
	const char	*ctype;
	const char	*body;
	size_t		 blen;
	struct params	 query, form, cookies;
	struct uploads	 files;		/* the files of a multipart/form-data body */
	const char	*ruta;		/* the matched route's pattern, or NULL: what logs name
					 * (the path may carry a token) */
	const char	*pathv[PATH_PARAMS];	/* {param} segments of the matched route */
	long long	 pathid[PATH_PARAMS];	/* the same, parsed where the pattern says
						 * {name:int} (always > 0); 0 for the others */
	size_t		 pathc;
	int		 arg;		/* the running route's argument (struct route) */
	struct session	*sess;		/* NULL when not logged in */
	long long	 now;		/* time of the request, seconds */
	const char	*fetch_site;	/* Sec-Fetch-Site header or NULL */
	const char	*authz;		/* Authorization header or NULL (AP services) */
	int		 ap;		/* came through the AP services' server (nginx says
					 * PORTAL_SERVIDOR=ap): only F_AP routes answer */
	int		 metricas;	/* nginx's location that allows /metricas passed it
					 * (PORTAL_METRICAS=1, a fastcgi_param, never a header) */
	const struct route *route;	/* the matched route, or NULL (cgi/core/metricas.h counts by it) */
};

/*
 * Decodes %XX and '+' (when plus is set) from src[0..n) into dst, which must hold n+1 bytes.
 * Returns the decoded length, or -1 on a bad or truncated escape or a decoded NUL.
 */
long url_decode(char *dst, const char *src, size_t n, int plus);

/* Parses "a=1&b=2" into out. Returns 0, or -1 when any part is malformed: a bad escape, a
 * NUL, or a name or value that is not UTF-8 once decoded. */
int parse_urlencoded(struct arena *, const char *, size_t, struct params *);
/* Parses a Cookie header ("a=1; b=2"); malformed pairs, and pairs that are not UTF-8, are
 * skipped. */
void parse_cookies(struct arena *, const char *, struct params *);

/* Returns the first value of key, or NULL. */
const char *params_get(const struct params *, const char *key);
#define req_query(r, k)		params_get(&(r)->query, (k))
#define req_form(r, k)		params_get(&(r)->form, (k))
#define req_cookie(r, k)	params_get(&(r)->cookies, (k))
/* The first uploaded file of form field name, or NULL. */
const struct upload *req_file(const struct req *, const char *name);
/* The site's public address for links in mail: nginx's PORTAL_URL (its configured
 * server_name, never the Host header a client sends), or https://localhost. */
#define req_site_url(r)		((r)->url != NULL ? (r)->url : "https://localhost")
#endif
