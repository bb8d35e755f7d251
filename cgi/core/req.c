#include <string.h>

#include "core/req.h"
#include "core/valid.h"

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long
url_decode(char *dst, const char *src, size_t n, int plus)
{
	size_t i, o = 0;
	int hi, lo;

	for (i = 0; i < n; i++) {
		if (src[i] == '%') {
			if (i + 2 >= n)
				return -1;
			if ((hi = hexval(src[i + 1])) < 0 ||
			    (lo = hexval(src[i + 2])) < 0)
				return -1;
			dst[o] = (char)(hi << 4 | lo);
			if (dst[o++] == '\0')
				return -1;
			i += 2;
		} else if (src[i] == '\0') {
			return -1;
		} else
			dst[o++] = (plus && src[i] == '+') ? ' ' : src[i];
	}
	dst[o] = '\0';
	return (long)o;
}

/* Counts the pairs separated by sep, to size the array once. */
static size_t
count_pairs(const char *s, size_t n, char sep)
{
	size_t i, c = 1;

	for (i = 0; i < n; i++)
		if (s[i] == sep)
			c++;
	return c;
}

int
parse_urlencoded(struct arena *a, const char *s, size_t n, struct params *out)
{
	const char *p = s, *end = s + n, *amp, *eq;
	char *k, *v;

	out->n = 0;
	out->v = arena_alloc(a, count_pairs(s, n, '&') * sizeof(struct param));
	while (p < end) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if (amp == p) {
			p++;
			continue;
		}
		if ((eq = memchr(p, '=', (size_t)(amp - p))) == NULL)
			eq = amp;
		k = arena_alloc(a, (size_t)(eq - p) + 1);
		if (url_decode(k, p, (size_t)(eq - p), 1) < 0)
			return -1;
		v = arena_alloc(a, (size_t)(amp - eq) + 1);
		if (eq == amp)
			v[0] = '\0';
		else if (url_decode(v, eq + 1, (size_t)(amp - eq - 1), 1) < 0)
			return -1;
		if (!v_utf8_bytes(k) || !v_utf8_bytes(v))
			return -1;
		out->v[out->n].key = k;
		out->v[out->n++].val = v;
		p = amp + 1;
	}
	return 0;
}

void
parse_cookies(struct arena *a, const char *s, struct params *out)
{
	size_t n = strlen(s), kl, vl;
	const char *p = s, *end = s + n, *semi, *eq;

	out->n = 0;
	out->v = arena_alloc(a, count_pairs(s, n, ';') * sizeof(struct param));
	while (p < end) {
		while (p < end && (*p == ' ' || *p == ';'))
			p++;
		if ((semi = memchr(p, ';', (size_t)(end - p))) == NULL)
			semi = end;
		eq = memchr(p, '=', (size_t)(semi - p));
		if (eq != NULL && eq > p) {
			kl = (size_t)(eq - p);
			vl = (size_t)(semi - eq - 1);
			while (vl > 0 && eq[vl] == ' ')
				vl--;
			out->v[out->n].key = arena_strndup(a, p, kl);
			out->v[out->n].val = arena_strndup(a, eq + 1, vl);
			/* Another application's cookie on this host may hold any bytes: one
			 * that is not UTF-8 is left out, like a malformed pair. */
			if (v_utf8_bytes(out->v[out->n].key) && v_utf8_bytes(out->v[out->n].val))
				out->n++;
		}
		p = semi;
	}
}

const char *
params_get(const struct params *ps, const char *key)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		if (strcmp(ps->v[i].key, key) == 0)
			return ps->v[i].val;
	return NULL;
}

const struct upload *
req_file(const struct req *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->files.n; i++)
		if (strcmp(r->files.v[i].name, name) == 0)
			return &r->files.v[i];
	return NULL;
}
