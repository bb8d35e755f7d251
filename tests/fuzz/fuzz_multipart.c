/*
 * multipart/form-data (cgi/core/multipart.c). The input is a Content-Type header, a newline,
 * then the body (length-delimited). Invariants on a body accepted: at most
 * MULTIPART_PARTS parts, fields within MULTIPART_FIELD_MAX bytes without NUL, every file's
 * bytes found in the body and NUL-terminated after them, file names without a directory,
 * and the parts, written out again with the same boundary, parse to the same parts.
 */
#include "fuzz.h"
#include "core/multipart.h"

static struct arena *a;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	a = arena_new();
	return 0;
}

/* Appends the header block and the bytes of one part to o; returns the end, or NULL when
 * the header block would be over MULTIPART_HEAD_MAX (the input may have said it in fewer
 * bytes: no quotes, no spaces). */
static char *
part(char *o, const char *b, const char *name, const char *filename, const char *ctype,
    const char *d, size_t n)
{
	char *h;

	o += sprintf(o, "--%s\r\n", b);
	h = o;
	o += sprintf(o, "Content-Disposition: form-data; name=\"%s\"", name);
	if (filename != NULL)
		o += sprintf(o, "; filename=\"%s\"", filename);
	if (ctype != NULL && ctype[0] != '\0')
		o += sprintf(o, "\r\nContent-Type: %s", ctype);
	o += sprintf(o, "\r\n");
	if (o - h > MULTIPART_HEAD_MAX)
		return NULL;
	o += sprintf(o, "\r\n");
	memcpy(o, d, n);
	o += n;
	return o + sprintf(o, "\r\n");
}

/* The parts in form and files written as a body with boundary b, into *len bytes; NULL
 * when a part's header block would be too long. */
static char *
rebuild(const char *b, const struct params *form, const struct uploads *files, size_t *len)
{
	size_t i, cap = 64 + strlen(b);
	char *out, *o;

	for (i = 0; i < form->n; i++)
		cap += 128 + strlen(b) + strlen(form->v[i].key) + strlen(form->v[i].val);
	for (i = 0; i < files->n; i++)
		cap += 160 + strlen(b) + strlen(files->v[i].name) + strlen(files->v[i].filename) +
		    strlen(files->v[i].content_type) + files->v[i].len;
	o = out = arena_alloc(a, cap);
	/* The fields first, then the files: each list keeps its order. */
	for (i = 0; o != NULL && i < form->n; i++)
		o = part(o, b, form->v[i].key, NULL, NULL, form->v[i].val, strlen(form->v[i].val));
	for (i = 0; o != NULL && i < files->n; i++)
		o = part(o, b, files->v[i].name, files->v[i].filename, files->v[i].content_type,
		    files->v[i].data, files->v[i].len);
	if (o == NULL)
		return NULL;
	o += sprintf(o, "--%s--\r\n", b);
	*len = (size_t)(o - out);
	return out;
}

static void
same(const struct params *f1, const struct uploads *u1, const struct params *f2,
    const struct uploads *u2)
{
	size_t i;

	CHECK(f1->n == f2->n && u1->n == u2->n);
	for (i = 0; i < f1->n; i++)
		CHECK(strcmp(f1->v[i].key, f2->v[i].key) == 0 &&
		    strcmp(f1->v[i].val, f2->v[i].val) == 0);
	for (i = 0; i < u1->n; i++) {
		CHECK(strcmp(u1->v[i].name, u2->v[i].name) == 0);
		CHECK(strcmp(u1->v[i].filename, u2->v[i].filename) == 0);
		CHECK(strcmp(u1->v[i].content_type, u2->v[i].content_type) == 0);
		CHECK(u1->v[i].len == u2->v[i].len &&
		    memcmp(u1->v[i].data, u2->v[i].data, u1->v[i].len) == 0);
	}
}

static void
check(const char *ctype, const char *body, size_t n)
{
	struct params form, form2;
	struct uploads files, files2;
	const char *b, *rb;
	size_t i, total = 0, rn;
	int rc = parse_multipart(a, ctype, body, n, &form, &files);

	CHECK(form.v != NULL && files.v != NULL);
	b = multipart_boundary(a, ctype);
	CHECK(b == NULL || (strlen(b) >= 1 && strlen(b) <= 70));
	if (rc != 0)
		return;
	CHECK(b != NULL && multipart_is(ctype));
	CHECK(form.n + files.n <= MULTIPART_PARTS);
	for (i = 0; i < form.n; i++) {
		CHECK(form.v[i].key[0] != '\0');
		CHECK(strlen(form.v[i].val) <= MULTIPART_FIELD_MAX);
		CHECK(memmem(body, n, form.v[i].val, strlen(form.v[i].val)) != NULL);
		total += strlen(form.v[i].val);
	}
	for (i = 0; i < files.n; i++) {
		CHECK(files.v[i].name[0] != '\0');
		CHECK(strpbrk(files.v[i].filename, "/\\") == NULL);
		CHECK(files.v[i].data[files.v[i].len] == '\0');
		CHECK(memmem(body, n, files.v[i].data, files.v[i].len) != NULL);
		total += files.v[i].len;
	}
	CHECK(total <= n);
	if ((rb = rebuild(b, &form, &files, &rn)) == NULL)
		return;
	CHECK(parse_multipart(a, ctype, rb, rn, &form2, &files2) == 0);
	same(&form, &files, &form2, &files2);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	const uint8_t *nl = memchr(data, '\n', n);
	size_t hl = nl != NULL ? (size_t)(nl - data) : n, bl = nl != NULL ? n - hl - 1 : 0;
	char *ctype = fuzz_cstr(data, hl), *body = malloc(bl + 1);

	/* The body in a buffer of its own size: reading past it is caught. */
	CHECK(body != NULL);
	memcpy(body, data + hl + (nl != NULL), bl);
	check(ctype, body, bl);
	free(body);
	free(ctype);
	arena_reset(a);
	return 0;
}
