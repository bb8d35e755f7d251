/* multipart/form-data bodies (RFC 7578, RFC 2046 §5.1), strictly: see cgi/core/multipart.h. */
#include <string.h>
#include <strings.h>

#include "core/multipart.h"
#include "core/valid.h"

#define BOUNDARY_MAX	70

int
multipart_is(const char *ctype)
{
	size_t n = strlen("multipart/form-data");

	return ctype != NULL && strncasecmp(ctype, "multipart/form-data", n) == 0 &&
	    (ctype[n] == '\0' || ctype[n] == ';' || ctype[n] == ' ');
}

/* Whether c may appear in a boundary (RFC 2046 bchars, the space excepted). */
static int
bchar(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    strchr("'()+_,-./:=?", c) != NULL;
}

/*
 * Reads the parameter at *p of a header value ("; key=value" or "; key=\"value\""), moving
 * *p past it. A quoted value ends at the next quote (browsers percent-encode a quote, CR
 * and LF in names and file names). Returns 1 with key/value set, 0 at the end, -1 when
 * malformed.
 */
static int
next_param(struct arena *a, const char **p, const char *end, const char **key,
    const char **val)
{
	const char *s = *p, *k, *v;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s == end)
		return 0;
	if (*s++ != ';')
		return -1;
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	for (k = s; s < end && *s != '=' && *s != ';' && *s != ' '; s++)
		;
	if (s == k || s == end || *s != '=')
		return -1;
	*key = arena_strndup(a, k, (size_t)(s - k));
	if (++s < end && *s == '"') {
		for (v = ++s; s < end && *s != '"'; s++)
			;
		if (s == end)
			return -1;
		*val = arena_strndup(a, v, (size_t)(s - v));
		s++;
	} else {
		for (v = s; s < end && *s != ';' && *s != ' ' && *s != '\t' && *s != '"'; s++)
			;
		if (s == v || (s < end && *s == '"'))
			return -1;
		*val = arena_strndup(a, v, (size_t)(s - v));
	}
	*p = s;
	return 1;
}

const char *
multipart_boundary(struct arena *a, const char *ctype)
{
	const char *p, *end, *key, *val, *b = NULL;
	size_t i, n;
	int rc;

	if (!multipart_is(ctype))
		return NULL;
	p = ctype + strlen("multipart/form-data");
	end = ctype + strlen(ctype);
	while ((rc = next_param(a, &p, end, &key, &val)) == 1)
		if (strcasecmp(key, "boundary") == 0) {
			if (b != NULL)
				return NULL;
			b = val;
		}
	if (rc < 0 || b == NULL || (n = strlen(b)) == 0 || n > BOUNDARY_MAX)
		return NULL;
	for (i = 0; i < n; i++)
		if (!bchar((unsigned char)b[i]))
			return NULL;
	return b;
}

/* One part's headers: the Content-Disposition's name and filename (NULL when absent) and
 * the Content-Type. */
struct part_head {
	const char	*name, *filename, *ctype;
};

/* Parses a Content-Disposition value: "form-data" and its parameters. Returns 0 or -1. */
static int
disposition(struct arena *a, const char *s, const char *end, struct part_head *h)
{
	const char *key, *val;
	int rc;

	if ((size_t)(end - s) < 9 || strncasecmp(s, "form-data", 9) != 0)
		return -1;
	s += 9;
	while ((rc = next_param(a, &s, end, &key, &val)) == 1) {
		if (strcasecmp(key, "name") == 0) {
			if (h->name != NULL)
				return -1;
			h->name = val;
		} else if (strcasecmp(key, "filename") == 0) {
			if (h->filename != NULL)
				return -1;
			h->filename = val;
		}
	}
	return rc < 0 || h->name == NULL || h->name[0] == '\0' ? -1 : 0;
}

/* Parses the header block s[0..n) (lines ending in CRLF, without the empty line).
 * Returns 0 or -1. */
static int
part_headers(struct arena *a, const char *s, size_t n, struct part_head *h)
{
	const char *end = s + n, *eol, *colon, *v;

	memset(h, 0, sizeof(*h));
	while (s < end) {
		if ((eol = memmem(s, (size_t)(end - s), "\r\n", 2)) == NULL)
			return -1;
		if ((colon = memchr(s, ':', (size_t)(eol - s))) == NULL || colon == s ||
		    memchr(s, '\0', (size_t)(eol - s)) != NULL)
			return -1;
		for (v = colon + 1; v < eol && (*v == ' ' || *v == '\t'); v++)
			;
		if ((size_t)(colon - s) == 19 && strncasecmp(s, "Content-Disposition", 19) == 0) {
			if (h->name != NULL || disposition(a, v, eol, h) != 0)
				return -1;
		} else if ((size_t)(colon - s) == 12 && strncasecmp(s, "Content-Type", 12) == 0) {
			if (h->ctype != NULL)
				return -1;
			h->ctype = arena_strndup(a, v, (size_t)(eol - v));
		}
		s = eol + 2;
	}
	return h->name == NULL ? -1 : 0;
}

/* The last path component of a file name (some browsers send the whole path). */
static const char *
base_name(const char *f)
{
	const char *s;

	for (s = f; *s != '\0'; s++)
		if (*s == '/' || *s == '\\')
			f = s + 1;
	return f;
}

/* Stores part h with content d[0..n) as a field or a file. Returns 0 or -1. */
static int
store(struct arena *a, const struct part_head *h, const char *d, size_t n,
    struct params *form, struct uploads *files)
{
	struct upload *u;
	char *v;

	if (!v_utf8_bytes(h->name) || (h->filename != NULL && !v_utf8_bytes(h->filename)))
		return -1;
	if (h->filename == NULL) {
		if (n > MULTIPART_FIELD_MAX || memchr(d, '\0', n) != NULL ||
		    !v_utf8_bytes(v = arena_strndup(a, d, n)))
			return -1;
		form->v[form->n].key = h->name;
		form->v[form->n++].val = v;
		return 0;
	}
	u = &files->v[files->n++];
	u->name = h->name;
	u->filename = base_name(h->filename);
	u->content_type = h->ctype != NULL ? h->ctype : "";
	u->data = arena_strndup(a, d, n);	/* copies n bytes, NULs included, and ends it */
	u->len = n;
	return 0;
}

int
parse_multipart(struct arena *a, const char *ctype, const char *body, size_t n,
    struct params *form, struct uploads *files)
{
	const char *b = multipart_boundary(a, ctype), *p, *end = body + n, *hend, *next;
	struct part_head h;
	char *delim;
	size_t dl, parts = 0;

	form->n = files->n = 0;
	form->v = arena_alloc(a, MULTIPART_PARTS * sizeof(struct param));
	files->v = arena_alloc(a, MULTIPART_PARTS * sizeof(struct upload));
	if (b == NULL)
		return -1;
	/* Every delimiter but the first is preceded by CRLF: search for "\r\n--boundary". */
	delim = arena_printf(a, "\r\n--%s", b);
	dl = strlen(delim);
	if (n < dl - 2 || memcmp(body, delim + 2, dl - 2) != 0)
		return -1;
	p = body + dl - 2;
	for (;;) {
		/* After a delimiter: "--" closes the body, CRLF opens a part. */
		if (end - p >= 2 && memcmp(p, "--", 2) == 0) {
			p += 2;
			break;
		}
		if (end - p < 2 || memcmp(p, "\r\n", 2) != 0 || ++parts > MULTIPART_PARTS)
			return -1;
		p += 2;
		/* The header block ends at the first empty line. */
		if (end - p >= 2 && memcmp(p, "\r\n", 2) == 0)
			return -1;	/* no Content-Disposition */
		if ((hend = memmem(p, (size_t)(end - p), "\r\n\r\n", 4)) == NULL ||
		    hend - p + 2 > MULTIPART_HEAD_MAX ||
		    part_headers(a, p, (size_t)(hend - p) + 2, &h) != 0)
			return -1;
		p = hend + 4;
		if ((next = memmem(p, (size_t)(end - p), delim, dl)) == NULL ||
		    store(a, &h, p, (size_t)(next - p), form, files) != 0)
			return -1;
		p = next + dl;
	}
	/* Nothing but an optional CRLF after the closing delimiter. */
	return p == end || (end - p == 2 && memcmp(p, "\r\n", 2) == 0) ? 0 : -1;
}
