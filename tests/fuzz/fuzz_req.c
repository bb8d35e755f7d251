/*
 * Request parsing (cgi/core/req.c): the input is a query string or an
 * application/x-www-form-urlencoded body (parse_urlencoded, length-delimited as a body is)
 * and, up to its first NUL, a Cookie header (parse_cookies). Invariants: the pairs are no
 * more than the separators allow, decoding never grows a value, and what was parsed, written
 * out again, parses to the same pairs.
 */
#include "fuzz.h"
#include "core/req.h"

static struct arena *a;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	a = arena_new();
	return 0;
}

/* ps written as a query string, every byte but [A-Za-z0-9._~-] percent-encoded. */
static char *
encode(const struct params *ps)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i, len = 1;
	const char *s;
	char *out, *o;
	int part;

	for (i = 0; i < ps->n; i++)
		len += 3 * (strlen(ps->v[i].key) + strlen(ps->v[i].val)) + 2;
	o = out = arena_alloc(a, len);
	for (i = 0; i < ps->n; i++) {
		if (i > 0)
			*o++ = '&';
		for (part = 0; part < 2; part++) {
			if (part == 1)
				*o++ = '=';
			for (s = part ? ps->v[i].val : ps->v[i].key; *s != '\0'; s++)
				if (strchr("._~-", *s) != NULL || (*s >= '0' && *s <= '9') ||
				    (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
					*o++ = *s;
				else {
					*o++ = '%';
					*o++ = hex[(unsigned char)*s >> 4];
					*o++ = hex[*s & 15];
				}
		}
	}
	*o = '\0';
	return out;
}

static void
same(const struct params *x, const struct params *y)
{
	size_t i;

	CHECK(x->n == y->n);
	for (i = 0; i < x->n; i++) {
		CHECK(strcmp(x->v[i].key, y->v[i].key) == 0);
		CHECK(strcmp(x->v[i].val, y->v[i].val) == 0);
	}
}

static void
urlencoded(const char *s, size_t n)
{
	struct params ps, again;
	size_t i, total = 0;
	int plain = memchr(s, '%', n) == NULL && memchr(s, '+', n) == NULL;
	const char *enc;

	if (parse_urlencoded(a, s, n, &ps) != 0)
		return;
	CHECK(ps.n <= fuzz_count(s, n, '&') + 1);
	for (i = 0; i < ps.n; i++) {
		total += strlen(ps.v[i].key) + strlen(ps.v[i].val);
		/* Without escapes each key and value is the input's own text. */
		CHECK(!plain || memmem(s, n, ps.v[i].key, strlen(ps.v[i].key)) != NULL);
		CHECK(!plain || memmem(s, n, ps.v[i].val, strlen(ps.v[i].val)) != NULL);
		CHECK(params_get(&ps, ps.v[i].key) != NULL);
	}
	CHECK(total <= n);
	enc = encode(&ps);
	CHECK(parse_urlencoded(a, enc, strlen(enc), &again) == 0);
	same(&ps, &again);
}

/* s[0..n) decoded on its own, with and without '+' for a space. */
static void
decode(const char *s, size_t n)
{
	char *d = arena_alloc(a, n + 1);
	long len;
	int plus;

	for (plus = 0; plus < 2; plus++)
		if ((len = url_decode(d, s, n, plus)) >= 0) {
			CHECK((size_t)len <= n);
			CHECK(strlen(d) == (size_t)len);
			CHECK(memchr(s, '\0', n) == NULL);
		}
}

static void
cookies(const char *s)
{
	struct params ps, again;
	size_t i, n = strlen(s);
	char *out, *o;

	parse_cookies(a, s, &ps);
	CHECK(ps.n <= fuzz_count(s, n, ';') + 1);
	o = out = arena_alloc(a, 3 * n + 1);
	for (i = 0; i < ps.n; i++) {
		const char *k = ps.v[i].key, *v = ps.v[i].val;
		size_t kl = strlen(k), vl = strlen(v);

		CHECK(kl > 0 && k[0] != ' ' && strchr(k, ';') == NULL && strchr(k, '=') == NULL);
		CHECK(strchr(v, ';') == NULL && (vl == 0 || v[vl - 1] != ' '));
		CHECK(memmem(s, n, k, kl) != NULL && memmem(s, n, v, vl) != NULL);
		o += sprintf(o, "%s%s=%s", i > 0 ? "; " : "", k, v);
	}
	*o = '\0';
	parse_cookies(a, out, &again);
	same(&ps, &again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	char *s = fuzz_cstr(data, n);

	urlencoded((const char *)data, n);
	decode((const char *)data, n);
	cookies(s);
	free(s);
	arena_reset(a);
	return 0;
}
