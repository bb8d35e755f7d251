/*
 * The OpenAPI documents of the SAT catalog (cgi/sat/openapi.c): the upload check
 * (openapi_problema) and the reading the documentation page renders (openapi_read), on the
 * input as uploaded (length-delimited, no NUL after it). Invariants: the reading succeeds
 * exactly when the check accepts; a document read has its operations with upper-case
 * methods and paths starting with '/', every string set, schema tables within
 * OPENAPI_FILAS rows (truncated only when full) and OPENAPI_DEPTH levels, at most 8
 * examples of at most OPENAPI_EJEMPLO bytes each.
 */
#include <ctype.h>

#include "fuzz.h"
#include "sat/openapi.h"

static struct arena *a;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	a = arena_new();
	return 0;
}

static void
cuerpo(const struct oa_body *b)
{
	size_t i;

	CHECK(b->media != NULL && b->desc != NULL);
	CHECK(b->schema.nprops <= OPENAPI_FILAS);
	CHECK(!b->schema.truncated || b->schema.nprops == OPENAPI_FILAS);
	CHECK(b->schema.nprops == 0 || b->schema.type != NULL);
	for (i = 0; i < b->schema.nprops; i++) {
		CHECK(b->schema.props[i].name != NULL && b->schema.props[i].type != NULL &&
		    b->schema.props[i].desc != NULL);
		CHECK(b->schema.props[i].depth >= 0 && b->schema.props[i].depth < OPENAPI_DEPTH);
	}
	CHECK(b->nex <= 8);
	for (i = 0; i < b->nex; i++) {
		CHECK(b->ex[i].label != NULL && b->ex[i].json != NULL);
		CHECK(strlen(b->ex[i].json) <= OPENAPI_EJEMPLO + strlen("\n…"));
	}
}

static void
operacion(const struct oa_op *op)
{
	size_t i;

	CHECK(op->method != NULL && op->method[0] != '\0');
	for (i = 0; op->method[i] != '\0'; i++)
		CHECK(!islower((unsigned char)op->method[i]));
	CHECK(op->path != NULL && op->path[0] == '/');
	CHECK(op->summary != NULL && op->desc != NULL && op->id != NULL);
	for (i = 0; i < op->nparams; i++) {
		CHECK(op->params[i].name[0] != '\0' && op->params[i].in[0] != '\0');
		CHECK(op->params[i].type != NULL && op->params[i].desc != NULL);
	}
	if (op->body != NULL)
		cuerpo(op->body);
	for (i = 0; i < op->nresps; i++) {
		CHECK(op->resps[i].status != NULL);
		cuerpo(&op->resps[i].body);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	const char *s = (const char *)data;
	const char *why = openapi_problema(a, s, n);
	struct oa_doc doc;
	size_t i;
	int rc = openapi_read(a, s, n, &doc);

	CHECK((why == NULL) == (rc == 0));
	if (rc == 0) {
		CHECK(doc.version != NULL && doc.title != NULL && doc.api_version != NULL &&
		    doc.desc != NULL);
		CHECK(doc.nops >= 1);
		for (i = 0; i < doc.nops; i++)
			operacion(&doc.ops[i]);
	}
	arena_reset(a);
	return 0;
}
