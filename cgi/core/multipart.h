/*
 * A small, strict multipart/form-data parser (RFC 7578) for uploads: the form's plain
 * fields go where application/x-www-form-urlencoded ones go (struct params), its files into
 * struct uploads. Anything it does not expect is malformed: the request gets a 400.
 */
#ifndef MULTIPART_H
#define MULTIPART_H
#include <stddef.h>

#include "core/arena.h"
#include "core/req.h"

#define MULTIPART_PARTS		64		/* parts in one body */
#define MULTIPART_HEAD_MAX	2048		/* bytes of one part's header block */
#define MULTIPART_FIELD_MAX	(160 * 1024)	/* bytes of a plain field (an OpenAPI document kept
						 * in a form, cgi/sat/openapi.h) */

/* Whether ctype is multipart/form-data (any parameters). */
int multipart_is(const char *ctype);

/* The boundary parameter of a multipart/form-data Content-Type (token or quoted string,
 * 1-70 characters of RFC 2046's bchars), in the arena; NULL when absent or malformed. */
const char *multipart_boundary(struct arena *, const char *ctype);

/*
 * Parses body[0..n) sent with Content-Type ctype. Each part needs a Content-Disposition
 * "form-data" with a non-empty name; a part with a filename parameter (even empty, as a
 * browser sends for no file chosen) is a file, the others are fields, whose values must be
 * at most MULTIPART_FIELD_MAX bytes of UTF-8 without NUL; names and file names must be
 * UTF-8 too (a file's bytes may be anything). The body starts with the first delimiter
 * (no preamble) and ends with the closing one (an optional CRLF after it). Everything is
 * allocated in the arena; form and files are set even when empty.
 * Returns 0, or -1 when the body is malformed or beyond the limits above.
 */
int parse_multipart(struct arena *, const char *ctype, const char *body, size_t n,
    struct params *form, struct uploads *files);
#endif
