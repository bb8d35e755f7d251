/* OpenAPI documents (cgi/sat/openapi.c): the upload check and the reading into structs. */
#include <stdio.h>
#include <string.h>

#include "sat/openapi.h"
#include "support.h"

static const char *
problema(struct arena *a, const char *s)
{
	return openapi_problema(a, s, strlen(s));
}

/* Fails unless s is refused with a message containing want. */
static void
refused(struct arena *a, const char *s, const char *want)
{
	const char *why = problema(a, s);

	if (why == NULL)
		fail_msg("accepted: %s", s);
	if (strstr(why, want) == NULL)
		fail_msg("\"%s\" lacks \"%s\" for %s", why, want, s);
}

#define INFO	"\"info\": {\"title\": \"API\", \"version\": \"1.0\"}"
#define OP	"\"paths\": {\"/a\": {\"get\": {\"responses\": {}}}}"

static void
test_accepts(void **state)
{
	struct arena *a = ARENA(state);

	assert_null(problema(a, "{\"openapi\": \"3.0.3\", " INFO ", " OP "}"));
	assert_null(problema(a, "{\"openapi\": \"3.1.0\", " INFO ", " OP "}"));
	assert_null(problema(a, "{\"swagger\": \"2.0\", " INFO ", " OP "}"));
	/* Other keys of a path item are not operations. */
	assert_null(problema(a, "{\"openapi\": \"3.0.0\", " INFO ", \"paths\": {\"/a\": "
	    "{\"parameters\": [], \"summary\": \"x\", \"post\": {}}}}"));
}

static void
test_refuses(void **state)
{
	struct arena *a = ARENA(state);
	char *big;

	refused(a, "", "vacío");
	refused(a, "{\n  \"openapi\": \"3.0.3\",\n  \"info\": ,\n}", "línea 3, columna");
	refused(a, "no es json", "no es JSON válido: error en la línea 1");
	refused(a, "{\"openapi\": \"3.0.3\", \"openapi\": \"3.0.3\"}", "no es JSON válido");
	refused(a, "{\"a\": \"\xff\"}", "no es JSON válido");
	refused(a, "[1, 2]", "debe ser un objeto JSON");
	refused(a, "\"3.0.3\"", "debe ser un objeto JSON");
	refused(a, "{" INFO ", " OP "}", "Falta la versión de OpenAPI");
	refused(a, "{\"swagger\": \"3.0\", " INFO ", " OP "}", "\"2.0\"");
	refused(a, "{\"swagger\": 2.0, " INFO ", " OP "}", "\"2.0\"");
	refused(a, "{\"openapi\": \"3.0\", " INFO ", " OP "}", "3.x.y");
	refused(a, "{\"openapi\": \"2.0.0\", " INFO ", " OP "}", "3.x.y");
	refused(a, "{\"openapi\": 3, " INFO ", " OP "}", "3.x.y");
	refused(a, "{\"openapi\": \"3.0.1\", \"swagger\": \"2.0\", " INFO ", " OP "}", "a la vez");
	refused(a, "{\"openapi\": \"3.0.3\", " OP "}", "info.title");
	refused(a, "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \" \", \"version\": \"1\"}, "
	    OP "}", "info.title");
	refused(a, "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"A\"}, " OP "}",
	    "info.version");
	refused(a, "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"A\", \"version\": 1}, "
	    OP "}", "info.version");
	refused(a, "{\"openapi\": \"3.0.3\", " INFO "}", "\"paths\"");
	refused(a, "{\"openapi\": \"3.0.3\", " INFO ", \"paths\": []}", "\"paths\"");
	refused(a, "{\"openapi\": \"3.0.3\", " INFO ", \"paths\": {}}", "ninguna operación");
	refused(a, "{\"openapi\": \"3.0.3\", " INFO ", \"paths\": {\"a\": {\"get\": {}}}}",
	    "La ruta \"a\"");
	refused(a, "{\"openapi\": \"3.0.3\", " INFO ", \"paths\": {\"/a\": []}}", "La ruta \"/a\"");
	refused(a, "{\"openapi\": \"3.0.3\", " INFO ", \"paths\": {\"/a\": {\"post\": \"x\"}}}",
	    "La operación post de la ruta \"/a\"");
	/* The size cap, checked before parsing. */
	big = arena_alloc(a, OPENAPI_MAX + 2);
	memset(big, ' ', OPENAPI_MAX + 1);
	big[OPENAPI_MAX + 1] = '\0';
	refused(a, big, "128 KiB");
}

static const char doc3[] =
    "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"Afiliados\", \"version\": \"1.2.0\","
    " \"description\": \"<script>alert(1)</script>\"},"
    " \"paths\": {\"/afiliados/{documento}\": {"
    "   \"parameters\": [{\"name\": \"documento\", \"in\": \"path\", \"required\": true,"
    "     \"schema\": {\"type\": \"string\"}, \"description\": \"compartido\"},"
    "     {\"$ref\": \"#/components/parameters/Tipo\"}],"
    "   \"get\": {\"summary\": \"Consulta\", \"operationId\": \"consultar\","
    "     \"parameters\": [{\"name\": \"documento\", \"in\": \"path\", \"required\": true,"
    "       \"schema\": {\"type\": \"string\", \"pattern\": \"^[0-9]+$\"}, \"description\": \"propio\"}],"
    "     \"responses\": {\"200\": {\"description\": \"El afiliado\", \"content\": {"
    "       \"application/json\": {\"schema\": {\"$ref\": \"#/components/schemas/Afiliado\"},"
    "       \"example\": {\"documento\": \"1020\", \"nombre\": \"Ana\"}}}},"
    "      \"404\": {\"$ref\": \"#/components/responses/NoEncontrado\"}}},"
    "   \"put\": {\"description\": \"Actualiza\", \"requestBody\": {\"required\": true,"
    "     \"content\": {\"application/json\": {\"schema\": {\"$ref\": \"#/components/schemas/Afiliado\"},"
    "     \"examples\": {\"uno\": {\"summary\": \"Un afiliado\", \"value\": {\"a\": 1}}}}}},"
    "     \"responses\": {\"204\": {\"description\": \"Hecho\"}}}}},"
    " \"components\": {"
    "   \"parameters\": {\"Tipo\": {\"name\": \"tipo\", \"in\": \"query\","
    "     \"schema\": {\"type\": \"string\", \"enum\": [\"CC\", \"TI\"]}}},"
    "   \"responses\": {\"NoEncontrado\": {\"description\": \"No existe\"}},"
    "   \"schemas\": {\"Afiliado\": {\"type\": \"object\", \"required\": [\"documento\"],"
    "     \"properties\": {\"documento\": {\"type\": \"string\", \"description\": \"Número <b>\"},"
    "       \"nacimiento\": {\"type\": \"string\", \"format\": \"date\"},"
    "       \"direccion\": {\"type\": \"object\", \"properties\": {\"ciudad\": {\"type\": \"string\"}}},"
    "       \"beneficiarios\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/components/schemas/Afiliado\"}},"
    "       \"eps\": {\"$ref\": \"#/components/schemas/Eps\"}}},"
    "     \"Eps\": {\"type\": \"object\", \"description\": \"La EPS\","
    "       \"properties\": {\"codigo\": {\"type\": \"string\"}}}}}}";

/* The row of sc named name, or NULL. */
static const struct oa_prop *
row(const struct oa_schema *sc, const char *name)
{
	size_t i;

	for (i = 0; i < sc->nprops; i++)
		if (strcmp(sc->props[i].name, name) == 0)
			return &sc->props[i];
	return NULL;
}

static void
test_read_v3(void **state)
{
	struct arena *a = ARENA(state);
	const struct oa_op *get, *put;
	const struct oa_schema *sc;
	struct oa_doc d;

	assert_int_equal(openapi_read(a, doc3, strlen(doc3), &d), 0);
	assert_string_equal(d.version, "3.0.3");
	assert_string_equal(d.title, "Afiliados");
	assert_string_equal(d.api_version, "1.2.0");
	/* The document's text as is: escaping is the template's job. */
	assert_string_equal(d.desc, "<script>alert(1)</script>");
	assert_int_equal(d.nops, 2);
	get = &d.ops[0], put = &d.ops[1];
	assert_string_equal(get->method, "GET");
	assert_string_equal(get->path, "/afiliados/{documento}");
	assert_string_equal(get->summary, "Consulta");
	assert_string_equal(get->id, "consultar");
	/* The operation's own parameter overrides the path item's; a $ref'd one is added. */
	assert_int_equal(get->nparams, 2);
	assert_string_equal(get->params[0].desc, "propio");
	assert_true(get->params[0].required);
	assert_string_equal(get->params[1].name, "tipo");
	assert_string_equal(get->params[1].in, "query");
	assert_string_equal(get->params[1].type, "string: \"CC\", \"TI\"");
	assert_false(get->params[1].required);
	assert_null(get->body);
	assert_int_equal(get->nresps, 2);
	assert_string_equal(get->resps[0].status, "200");
	assert_string_equal(get->resps[0].body.desc, "El afiliado");
	assert_string_equal(get->resps[0].body.media, "application/json");
	assert_string_equal(get->resps[0].body.schema.type, "Afiliado");
	assert_int_equal(get->resps[0].body.nex, 1);
	assert_string_equal(get->resps[0].body.ex[0].json,
	    "{\n  \"documento\": \"1020\",\n  \"nombre\": \"Ana\"\n}");
	assert_string_equal(get->resps[1].status, "404");
	assert_string_equal(get->resps[1].body.desc, "No existe");
	assert_null(get->resps[1].body.schema.type);

	/* The request body's schema, $ref resolved, nested, the cycle shown once. */
	assert_non_null(put->body);
	assert_true(put->body->required);
	sc = &put->body->schema;
	assert_string_equal(sc->type, "Afiliado");
	assert_non_null(row(sc, "documento"));
	assert_true(row(sc, "documento")->required);
	assert_string_equal(row(sc, "documento")->desc, "Número <b>");
	assert_string_equal(row(sc, "nacimiento")->type, "string (date)");
	assert_false(row(sc, "nacimiento")->required);
	assert_string_equal(row(sc, "direccion")->type, "object");
	assert_int_equal(row(sc, "direccion.ciudad")->depth, 1);
	assert_string_equal(row(sc, "beneficiarios")->type,
	    "array de Afiliado (se repite: ver arriba)");
	assert_null(row(sc, "beneficiarios[].documento"));
	assert_string_equal(row(sc, "eps")->type, "Eps");
	assert_string_equal(row(sc, "eps")->desc, "La EPS");
	assert_non_null(row(sc, "eps.codigo"));
	assert_int_equal(sc->nprops, 7);
	assert_int_equal(put->body->nex, 1);
	assert_string_equal(put->body->ex[0].label, "Un afiliado");
	assert_string_equal(put->body->ex[0].json, "{\n  \"a\": 1\n}");
}

static const char doc2[] =
    "{\"swagger\": \"2.0\", \"info\": {\"title\": \"Novedades\", \"version\": \"2\"},"
    " \"paths\": {\"/novedades\": {\"post\": {\"summary\": \"Reporta\","
    "   \"parameters\": [{\"name\": \"cuerpo\", \"in\": \"body\", \"required\": true,"
    "     \"schema\": {\"$ref\": \"#/definitions/Novedad\"}},"
    "     {\"name\": \"fecha\", \"in\": \"query\", \"type\": \"string\", \"format\": \"date\"},"
    "     {\"name\": \"ids\", \"in\": \"query\", \"type\": \"array\", \"items\": {\"type\": \"integer\"}}],"
    "   \"responses\": {\"201\": {\"description\": \"Creada\","
    "     \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Novedad\"}},"
    "     \"examples\": {\"application/json\": [{\"tipo\": \"N01\"}]}}}}}},"
    " \"definitions\": {\"Novedad\": {\"type\": \"object\", \"required\": [\"tipo\"],"
    "   \"example\": {\"tipo\": \"N02\"},"
    "   \"properties\": {\"tipo\": {\"type\": \"string\"}, \"valor\": {\"type\": \"number\"}}}}}";

static void
test_read_v2(void **state)
{
	struct arena *a = ARENA(state);
	const struct oa_op *op;
	struct oa_doc d;

	assert_int_equal(openapi_read(a, doc2, strlen(doc2), &d), 0);
	assert_string_equal(d.version, "2.0");
	assert_int_equal(d.nops, 1);
	op = &d.ops[0];
	assert_string_equal(op->method, "POST");
	/* The body parameter is the request body; the others stay parameters. */
	assert_int_equal(op->nparams, 2);
	assert_string_equal(op->params[0].type, "string (date)");
	assert_string_equal(op->params[1].type, "array de integer");
	assert_non_null(op->body);
	assert_true(op->body->required);
	assert_string_equal(op->body->schema.type, "Novedad");
	assert_true(row(&op->body->schema, "tipo")->required);
	assert_string_equal(row(&op->body->schema, "valor")->type, "number");
	assert_int_equal(op->body->nex, 1);
	assert_string_equal(op->body->ex[0].json, "{\n  \"tipo\": \"N02\"\n}");
	/* A response that is an array of objects: the items' rows under "[]". */
	assert_string_equal(op->resps[0].body.schema.type, "array de Novedad");
	assert_non_null(row(&op->resps[0].body.schema, "[].tipo"));
	assert_string_equal(op->resps[0].body.media, "application/json");
	assert_string_equal(op->resps[0].body.ex[0].json, "[\n  {\n    \"tipo\": \"N01\"\n  }\n]");
}

static void
test_depth_and_cycles(void **state)
{
	struct arena *a = ARENA(state);
	char doc[4096], *p;
	const struct oa_schema *sc;
	struct oa_doc d;
	size_t i;
	int maxd = 0;

	/* Twelve inline levels: only OPENAPI_DEPTH are expanded. */
	p = doc + sprintf(doc, "{\"openapi\": \"3.0.0\", " INFO ", \"paths\": {\"/a\": {\"post\":"
	    " {\"requestBody\": {\"content\": {\"application/json\": {\"schema\": ");
	for (i = 0; i < 12; i++)
		p += sprintf(p, "{\"type\": \"object\", \"properties\": {\"n%zu\": ", i);
	p += sprintf(p, "{\"type\": \"string\"}");
	for (i = 0; i < 12; i++)
		p += sprintf(p, "}}");
	sprintf(p, "}}}, \"responses\": {}}}}}");
	assert_null(problema(a, doc));
	assert_int_equal(openapi_read(a, doc, strlen(doc), &d), 0);
	sc = &d.ops[0].body->schema;
	for (i = 0; i < sc->nprops; i++)
		maxd = sc->props[i].depth > maxd ? sc->props[i].depth : maxd;
	assert_int_equal(maxd, OPENAPI_DEPTH - 1);
	assert_int_equal(sc->nprops, OPENAPI_DEPTH);

	/* A ↔ B through properties and allOf, and a $ref to itself: finite. */
	sprintf(doc, "{\"openapi\": \"3.0.0\", " INFO ", \"paths\": {\"/a\": {\"get\": "
	    "{\"responses\": {\"200\": {\"description\": \"x\", \"content\": {\"application/json\":"
	    " {\"schema\": {\"$ref\": \"#/components/schemas/A\"}}}}}}}},"
	    " \"components\": {\"schemas\": {"
	    "\"A\": {\"allOf\": [{\"$ref\": \"#/components/schemas/B\"}], \"properties\": "
	    "{\"b\": {\"$ref\": \"#/components/schemas/B\"}}},"
	    "\"B\": {\"allOf\": [{\"$ref\": \"#/components/schemas/A\"}], \"properties\": "
	    "{\"a\": {\"$ref\": \"#/components/schemas/A\"}, \"yo\": {\"$ref\": \"#/components/schemas/C\"}}},"
	    "\"C\": {\"$ref\": \"#/components/schemas/C\"}}}}");
	assert_null(problema(a, doc));
	assert_int_equal(openapi_read(a, doc, strlen(doc), &d), 0);
	sc = &d.ops[0].resps[0].body.schema;
	assert_true(sc->nprops > 0 && sc->nprops < 20);
	assert_non_null(row(sc, "a"));
	assert_non_null(row(sc, "b"));

	/* A document that is not accepted is not read. */
	assert_int_equal(openapi_read(a, "{}", 2, &d), -1);
}

/* The 3.0 document whose schemas are schemas[] (JSON text), the body of POST /a a $ref to
 * the first, and the response of n operations a $ref to ref (NULL: none). */
static char *
documento(struct arena *a, const char *schemas, const char *ref, int n)
{
	const char *paths = "";
	char *r;
	int i;

	for (i = 0; i < n; i++)
		paths = arena_printf(a, "%s, \"/o%d\": {\"get\": {\"responses\": {\"200\": "
		    "{\"description\": \"x\", \"content\": {\"application/json\": {\"schema\": "
		    "{\"$ref\": \"%s\"}}}}}}}", paths, i, ref);
	r = arena_printf(a, "{\"openapi\": \"3.0.3\", " INFO ", \"paths\": {\"/a\": {\"post\": "
	    "{\"requestBody\": {\"content\": {\"application/json\": {\"schema\": {\"$ref\": "
	    "\"#/components/schemas/S0\"}}}}, \"responses\": {}}}%s}, \"components\": "
	    "{\"schemas\": {%s}}}", paths, schemas);
	return r;
}

/* The attack of issue 11: 8 schemas, each an allOf naming the next 16 times (and one
 * property of its own). Each $ref is merged once per object: 8 rows, a few nodes. */
static void
test_budget_allof(void **state)
{
	struct arena *a = ARENA(state);
	const struct oa_schema *sc;
	const char *schemas = "", *parts;
	char *doc;
	struct oa_doc d;
	int i, j;

	for (i = 0; i < 8; i++) {
		parts = "";
		for (j = 0; i < 7 && j < 16; j++)
			parts = arena_printf(a, "%s%s{\"$ref\": \"#/components/schemas/S%d\"}",
			    parts, j ? ", " : "", i + 1);
		schemas = arena_printf(a, "%s%s\"S%d\": {\"allOf\": [%s], \"properties\": "
		    "{\"p%d\": {\"type\": \"string\"}}}", schemas, i ? ", " : "", i, parts, i);
	}
	doc = documento(a, schemas, NULL, 0);
	assert_true(strlen(doc) < 6 * 1024);
	assert_null(problema(a, doc));
	assert_int_equal(openapi_read(a, doc, strlen(doc), &d), 0);
	assert_false(d.incompleto);
	assert_true(d.nodos < 200);
	sc = &d.ops[0].body->schema;
	assert_int_equal(sc->nprops, 8);
	for (i = 0; i < 8; i++)
		assert_non_null(row(sc, arena_printf(a, "p%d", i)));

	/* A diamond (A = B + C, both with D): D's field once. */
	doc = documento(a, "\"S0\": {\"allOf\": [{\"$ref\": \"#/components/schemas/B\"}, "
	    "{\"$ref\": \"#/components/schemas/C\"}]}, "
	    "\"B\": {\"allOf\": [{\"$ref\": \"#/components/schemas/D\"}], \"properties\": "
	    "{\"b\": {\"type\": \"string\"}}}, "
	    "\"C\": {\"allOf\": [{\"$ref\": \"#/components/schemas/D\"}], \"properties\": "
	    "{\"c\": {\"type\": \"string\"}}}, "
	    "\"D\": {\"properties\": {\"d\": {\"type\": \"string\"}}}", NULL, 0);
	assert_int_equal(openapi_read(a, doc, strlen(doc), &d), 0);
	sc = &d.ops[0].body->schema;
	assert_int_equal(sc->nprops, 3);
	assert_non_null(row(sc, "b"));
	assert_non_null(row(sc, "c"));
	assert_non_null(row(sc, "d"));
}

/* The same attack with no $ref repeated: 8 levels of 16 schemas, each an allOf of the 16
 * of the next level (16^7 merges). Refused on upload; a reading stops at the budget. */
static void
test_budget_refused(void **state)
{
	struct arena *a = ARENA(state);
	const char *schemas, *parts;
	char *doc;
	struct oa_doc d;
	const char *why;
	int i, j, k;

	parts = "";
	for (k = 0; k < 16; k++)
		parts = arena_printf(a, "%s%s{\"$ref\": \"#/components/schemas/L0S%d\"}", parts,
		    k ? ", " : "", k);
	schemas = arena_printf(a, "\"S0\": {\"allOf\": [%s]}", parts);
	for (i = 0; i < 8; i++)
		for (j = 0; j < 16; j++) {
			parts = "";
			for (k = 0; i < 7 && k < 16; k++)
				parts = arena_printf(a, "%s%s{\"$ref\": \"#/components/schemas/"
				    "L%dS%d\"}", parts, k ? ", " : "", i + 1, k);
			schemas = arena_printf(a, "%s, \"L%dS%d\": {\"allOf\": [%s]}", schemas,
			    i, j, parts);
		}
	doc = documento(a, schemas, NULL, 0);
	assert_true(strlen(doc) <= OPENAPI_MAX);
	why = problema(a, doc);
	if (why == NULL)
		fail_msg("a document whose page needs 16^7 merges was accepted");
	assert_non_null(strstr(why, "demasiado extenso"));
	/* A document stored before the check: the page reads what the budget allows. */
	assert_int_equal(openapi_read(a, doc, strlen(doc), &d), 0);
	assert_true(d.incompleto);
	assert_true(d.nodos <= OPENAPI_NODOS);
}

/* Other amplifications: a schema of many fields named by many operations, and one large
 * example named by many: each copy counts. */
static void
test_budget_copies(void **state)
{
	struct arena *a = ARENA(state);
	const char *props = "", *paths = "";
	char *doc;
	struct oa_doc d;
	int i;

	for (i = 0; i < 40; i++)
		props = arena_printf(a, "%s%s\"campo%d\": {\"type\": \"string\"}", props,
		    i ? ", " : "", i);
	props = arena_printf(a, "\"S0\": {\"properties\": {\"x\": {\"type\": \"string\"}}}, "
	    "\"Ancho\": {\"properties\": {%s}}", props);
	/* Five operations: fine. */
	doc = documento(a, props, "#/components/schemas/Ancho", 5);
	assert_null(problema(a, doc));
	assert_int_equal(openapi_read(a, doc, strlen(doc), &d), 0);
	assert_int_equal(d.nops, 6);
	assert_int_equal(d.ops[5].resps[0].body.schema.nprops, 40);
	/* Two hundred (~16 KiB of text, 8,000 rows on the page): refused. */
	doc = documento(a, props, "#/components/schemas/Ancho", 200);
	assert_true(strlen(doc) < 32 * 1024);
	assert_non_null(problema(a, doc));
	assert_int_equal(openapi_read(a, doc, strlen(doc), &d), 0);
	assert_true(d.incompleto && d.nops < 200 && d.nodos <= OPENAPI_NODOS);

	/* An example of 2,000 values, named by 100 responses. */
	props = "";
	for (i = 0; i < 2000; i++)
		props = arena_printf(a, "%s%s%d", props, i ? ", " : "", i);
	for (i = 0; i < 100; i++)
		paths = arena_printf(a, "%s, \"/o%d\": {\"get\": {\"responses\": {\"200\": "
		    "{\"description\": \"x\", \"content\": {\"application/json\": {\"examples\": "
		    "{\"e\": {\"$ref\": \"#/components/examples/Grande\"}}}}}}}}", paths, i);
	doc = arena_printf(a, "{\"openapi\": \"3.0.3\", " INFO ", \"paths\": {\"/a\": {\"get\": "
	    "{}}%s}, \"components\": {\"examples\": {\"Grande\": {\"value\": [%s]}}}}", paths,
	    props);
	assert_true(strlen(doc) < 32 * 1024);
	assert_non_null(problema(a, doc));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepts),
		cmocka_unit_test(test_refuses),
		cmocka_unit_test(test_read_v3),
		cmocka_unit_test(test_read_v2),
		cmocka_unit_test(test_depth_and_cycles),
		cmocka_unit_test(test_budget_allof),
		cmocka_unit_test(test_budget_refused),
		cmocka_unit_test(test_budget_copies),
	};

	return cmocka_run_group_tests_name("openapi", tests, arena_setup, arena_teardown);
}
