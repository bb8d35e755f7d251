/* Responses: a status, headers and a body built in buffers, written once by the server. */
#ifndef HTTP_H
#define HTTP_H
#include "core/buf.h"
#include "core/req.h"
#include "core/view.h"

enum http_status {
	HTTP_OK = 200,
	HTTP_SEE_OTHER = 303,
	HTTP_BAD_REQUEST = 400,
	HTTP_UNAUTHORIZED = 401,
	HTTP_FORBIDDEN = 403,
	HTTP_NOT_FOUND = 404,
	HTTP_METHOD_NOT_ALLOWED = 405,
	HTTP_CONFLICT = 409,
	HTTP_GONE = 410,
	HTTP_TOO_LARGE = 413,
	HTTP_UNPROCESSABLE = 422,
	HTTP_TOO_MANY = 429,
	HTTP_ERROR = 500,
	HTTP_UNAVAILABLE = 503,
};

/* The shape of a route's errors (cgi/core/router.h): a page, the JSON API's {"Message"}
 * (ASP.NET's), or OAuth's {"error","error_description"} (RFC 6749 §5.2). */
enum dialect {
	DIALECT_HTML,
	DIALECT_MESSAGE,
	DIALECT_OAUTH,
};

struct resp {
	enum http_status status;
	const char	*ctype;
	struct buf	 head;		/* extra header lines, each ending in \r\n */
	struct buf	 body;
	struct view	*root;		/* layout dictionary, when a page is rendered */
	struct view	*page;		/* the page's own dictionary (include BODY) */
	const char	*title;
	const char	*csrf;		/* the token the page's forms carry when it is not the
					 * session's: csrf_pre's (a form before the login) */
	int		 nostore;	/* the page shows a secret */
	enum dialect	 dialect;	/* the shape of an error left without a body */
};

/* Starts page tpl (a file in templates/) titled title; returns the page's dictionary. */
struct view *resp_page(struct resp *, const char *tpl, const char *title);
/* Appends a breadcrumb step after "Inicio"; href NULL marks the current page. */
void resp_crumb(struct resp *, const char *label, const char *href);
/* Adds a header line. */
void resp_header(struct resp *, const char *name, const char *value);
/* 303 See Other to location (a path of this site). */
enum http_status resp_redirect(struct resp *, const char *location);
/* Error JSON {"Message": msg} with status. */
enum http_status resp_json_message(struct resp *, enum http_status, const char *msg);
/* Error JSON {"error": error, "error_description": descripcion} with status s (OAuth's);
 * returns s, or 500 when the JSON cannot be made. */
enum http_status resp_json_oauth(struct resp *, enum http_status s, const char *error,
    const char *descripcion);

/* Renders what the handler left (page, error page, or body as is) into rs->body. Every
 * page gets CSRF, the token its forms carry: rs->csrf when set, else the session's (none
 * without either); a handler never sets it. */
void resp_render(struct req *, struct resp *);
/* Frees what rendering allocated and empties the buffers for the next request. */
void resp_reset(struct resp *);
/* The reason phrase of a status. */
const char *http_reason(enum http_status);
#endif
