/* OpenAPI 2 and 3 documents: the upload check and the reading for the documentation page
 * (see cgi/sat/openapi.h). jansson parses; every string handed out is copied into the arena. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "sat/openapi.h"

static const char *const metodos[] = {
	"get", "put", "post", "delete", "options", "head", "patch", "trace",
};
#define NMETODOS	(sizeof(metodos) / sizeof(metodos[0]))

/* Whether key names an operation of a path item. */
static int
es_metodo(const char *key)
{
	size_t i;

	for (i = 0; i < NMETODOS; i++)
		if (strcmp(key, metodos[i]) == 0)
			return 1;
	return 0;
}

/* Whether v is "3.<digits>.<digits>" (a suffix such as "-rc1" is not accepted). */
static int
version3(const char *v)
{
	size_t a, b;

	if (strncmp(v, "3.", 2) != 0)
		return 0;
	v += 2;
	if ((a = strspn(v, "0123456789")) == 0 || v[a] != '.')
		return 0;
	v += a + 1;
	return (b = strspn(v, "0123456789")) > 0 && v[b] == '\0';
}

/* Whether o[key] is a non-empty string. */
static int
texto(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL && s[strspn(s, " \t\r\n")] != '\0';
}

/* The Spanish reason the version fields are wrong, or NULL. */
static const char *
problema_version(struct arena *a, json_t *root)
{
	json_t *sw = json_object_get(root, "swagger"), *oa = json_object_get(root, "openapi");

	if (sw != NULL && oa != NULL)
		return "El documento tiene a la vez \"swagger\" y \"openapi\": use solo uno.";
	if (sw == NULL && oa == NULL)
		return "Falta la versión de OpenAPI: \"swagger\": \"2.0\" (OpenAPI 2) u "
		    "\"openapi\": \"3.0.3\" (OpenAPI 3).";
	if (sw != NULL && (!json_is_string(sw) || strcmp(json_string_value(sw), "2.0") != 0))
		return "La versión \"swagger\" debe ser el texto \"2.0\".";
	if (oa != NULL && (!json_is_string(oa) || !version3(json_string_value(oa))))
		return arena_printf(a, "La versión \"openapi\" debe ser un texto 3.x.y "
		    "(por ejemplo \"3.0.3\")%s.", json_is_string(oa) ? ", no otra" : "");
	return NULL;
}

/* The Spanish reason the paths object is wrong, or NULL. */
static const char *
problema_paths(struct arena *a, json_t *paths)
{
	const char *p, *m;
	json_t *item, *op;
	size_t ops = 0;

	if (!json_is_object(paths))
		return "Falta el objeto \"paths\" con las operaciones de la API.";
	json_object_foreach(paths, p, item) {
		if (p[0] != '/' || !json_is_object(item))
			return arena_printf(a, "La ruta \"%.80s\" de \"paths\" debe empezar por / y "
			    "describirse con un objeto.", p);
		json_object_foreach(item, m, op) {
			if (!es_metodo(m))
				continue;
			if (!json_is_object(op))
				return arena_printf(a, "La operación %s de la ruta \"%.80s\" debe "
				    "describirse con un objeto.", m, p);
			ops++;
		}
	}
	if (ops == 0)
		return "El objeto \"paths\" no describe ninguna operación (get, post, put, "
		    "patch, delete…).";
	return NULL;
}

/* The structural check of openapi_problema (everything but the budget). Returns NULL and
 * sets *out to the parsed document (the caller's to json_decref), or the Spanish reason. */
static const char *
problema_json(struct arena *a, const char *text, size_t n, json_t **out)
{
	json_error_t e;
	json_t *root, *info;
	const char *why;

	*out = NULL;
	if (n == 0)
		return "El archivo está vacío.";
	if (n > OPENAPI_MAX)
		return arena_printf(a, "El documento supera el máximo de %d KiB.",
		    OPENAPI_MAX / 1024);
	if (memchr(text, '\0', n) != NULL)
		return "El archivo no es JSON válido: contiene un carácter nulo.";
	if ((root = json_loadb(text, n, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &e)) == NULL)
		return arena_printf(a, "El archivo no es JSON válido: error en la línea %d, "
		    "columna %d.", e.line, e.column);
	info = json_object_get(root, "info");
	if (!json_is_object(root))
		why = "El documento debe ser un objeto JSON con la descripción OpenAPI.";
	else if ((why = problema_version(a, root)) != NULL)
		;
	else if (!json_is_object(info) || !texto(info, "title"))
		why = "Falta info.title, el título de la API.";
	else if (!texto(info, "version"))
		why = "Falta info.version, la versión de la API (un texto, por ejemplo \"1.0.0\").";
	else
		why = problema_paths(a, json_object_get(root, "paths"));
	if (why != NULL)
		json_decref(root);
	else
		*out = root;
	return why;
}

/* What a reading carries: the arena, the document, the $refs on the current expansion path
 * (pila: a schema inside itself is not expanded again), the $refs already merged into the
 * object being read (mezcla[base..nmezcla): an allOf part is merged once per object), and
 * the budget spent. */
struct lector {
	struct arena	*a;
	json_t		*root;
	int		 v2;
	const char	*pila[OPENAPI_DEPTH + 2];
	int		 npila;
	const char	*mezcla[64];
	int		 nmezcla, base;
	long		 nodos;		/* spent of OPENAPI_NODOS */
	int		 agotado;	/* the budget ran out: nothing more is read */
};

/* Charges n nodes to the budget. Returns 0, or -1 when they do not fit: the reading is
 * then exhausted, and every loop stops at its next step. */
static int
spend(struct lector *l, long n)
{
	if (l->agotado || n > OPENAPI_NODOS - l->nodos) {
		l->agotado = 1;
		return -1;
	}
	l->nodos += n;
	return 0;
}

/* What showing text s costs beyond its row: a node per 64 bytes. */
static long
peso_texto(const char *s)
{
	return s != NULL ? (long)(strlen(s) / 64) : 0;
}

/* What showing JSON value x costs: a node per value, and per 64 bytes of its strings and
 * keys. Stops counting once over max. */
static long
peso_json(json_t *x, long max)
{
	const char *k;
	json_t *v;
	size_t i;
	long n = 1;

	if (json_is_string(x))
		return 1 + (long)(json_string_length(x) / 64);
	if (json_is_object(x)) {
		json_object_foreach(x, k, v) {
			if (n > max)
				break;
			n += (long)(strlen(k) / 64) + peso_json(v, max - n);
		}
	} else if (json_is_array(x)) {
		json_array_foreach(x, i, v) {
			if (n > max)
				break;
			n += peso_json(v, max - n);
		}
	}
	return n;
}

/* Charges what showing JSON value x costs (peso_json). Returns 0 or -1 as gastar. */
static int
spend_json(struct lector *l, json_t *x)
{
	return spend(l, peso_json(x, OPENAPI_NODOS - l->nodos));
}

/* A copy of o[key] when it is a string, else "". */
static const char *
str(struct arena *a, json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return arena_strdup(a, s != NULL ? s : "");
}

/* The value a local JSON pointer ("#/components/schemas/X") names, or NULL. */
static json_t *
puntero(json_t *root, const char *ref)
{
	char seg[256];
	const char *p, *e;
	json_t *j = root;
	size_t i, o;

	if (strncmp(ref, "#/", 2) != 0)
		return NULL;
	for (p = ref + 2; j != NULL; p = e + 1) {
		e = p + strcspn(p, "/");
		for (i = 0, o = 0; p + i < e && o < sizeof(seg) - 1; i++, o++) {
			seg[o] = p[i];
			if (p[i] == '~' && p + i + 1 < e && (p[i + 1] == '0' || p[i + 1] == '1'))
				seg[o] = p[++i] == '0' ? '~' : '/';
		}
		seg[o] = '\0';
		j = json_is_array(j) ? json_array_get(j, strtoul(seg, NULL, 10)) :
		    json_object_get(j, seg);
		if (*e == '\0')
			break;
	}
	return j;
}

/* o with its $ref followed (up to 10 hops); *ref gets the last $ref seen, or NULL. */
static json_t *
resolve_ref(struct lector *l, json_t *o, const char **ref)
{
	const char *r;
	int hops;

	*ref = NULL;
	for (hops = 0; hops < 10 && json_is_object(o); hops++) {
		if ((r = json_string_value(json_object_get(o, "$ref"))) == NULL)
			return o;
		*ref = r;
		o = puntero(l->root, r);
	}
	return json_is_object(o) ? o : NULL;
}

/* The last segment of a $ref: the schema's name. */
static const char *
ref_name(const char *ref)
{
	const char *s = strrchr(ref, '/');

	return s != NULL ? s + 1 : ref;
}

/* Whether ref is on the current expansion path (a schema inside itself), or the path is
 * full. */
static int
en_pila(const struct lector *l, const char *ref)
{
	int i;

	if (l->npila == (int)(sizeof(l->pila) / sizeof(l->pila[0])))
		return 1;
	for (i = 0; i < l->npila; i++)
		if (strcmp(l->pila[i], ref) == 0)
			return 1;
	return 0;
}

/* Whether ref was merged into the object being read already (an allOf that names it
 * twice, or two parts that share it); if not, records it (while there is room). */
static int
mezclado(struct lector *l, const char *ref)
{
	int i;

	for (i = l->base; i < l->nmezcla; i++)
		if (strcmp(l->mezcla[i], ref) == 0)
			return 1;
	if (l->nmezcla < (int)(sizeof(l->mezcla) / sizeof(l->mezcla[0])))
		l->mezcla[l->nmezcla++] = ref;
	return 0;
}

static const char *tipo(struct lector *, json_t *, int);

/* The alternatives of a oneOf/anyOf joined by " | ": the first 20, then "…". */
static const char *
alternativas(struct lector *l, json_t *arr, int depth)
{
	const char *out = "";
	json_t *x;
	size_t i;

	json_array_foreach(arr, i, x) {
		if (i == 20) {
			out = arena_printf(l->a, "%s | …", out);
			break;
		}
		out = arena_printf(l->a, "%s%s%s", out, i ? " | " : "", tipo(l, x, depth + 1));
	}
	return out;
}

/* The enum values of s appended to t ("string: CC, TI"). */
static const char *
con_enum(struct lector *l, const char *t, json_t *en)
{
	const char *out = t, *sep = ": ";
	json_t *x;
	size_t i;
	char *d;

	json_array_foreach(en, i, x) {
		if (i == 20) {
			out = arena_printf(l->a, "%s, …", out);
			break;
		}
		if (spend_json(l, x) != 0)
			break;
		d = json_dumps(x, JSON_ENCODE_ANY | JSON_COMPACT);
		out = arena_printf(l->a, "%s%s%s", out, sep, d != NULL ? d : "");
		free(d);
		sep = ", ";
	}
	return out;
}

/* A schema's type as one line of text: a $ref's name, "array de X", "string (date)". */
static const char *
tipo(struct lector *l, json_t *s, int depth)
{
	const char *ref, *t, *f;
	json_t *x;

	if (spend(l, 1) != 0)
		return "—";
	s = resolve_ref(l, s, &ref);
	if (ref != NULL)
		return arena_strdup(l->a, ref_name(ref));
	if (s == NULL || depth > OPENAPI_DEPTH + 2)
		return "—";
	if ((x = json_object_get(s, "oneOf")) != NULL || (x = json_object_get(s, "anyOf")))
		return arena_printf(l->a, "uno de: %s", alternativas(l, x, depth));
	t = json_string_value(json_object_get(s, "type"));
	if (t == NULL)
		t = json_object_get(s, "properties") || json_object_get(s, "allOf") ? "object" :
		    "cualquiera";
	if (strcmp(t, "array") == 0)
		t = arena_printf(l->a, "array de %s", tipo(l, json_object_get(s, "items"),
		    depth + 1));
	else if ((f = json_string_value(json_object_get(s, "format"))) != NULL)
		t = arena_printf(l->a, "%s (%s)", t, f);
	if (json_is_array(x = json_object_get(s, "enum")))
		t = con_enum(l, t, x);
	return arena_strdup(l->a, t);	/* t may be the document's, freed after the reading */
}

/* Whether name is in the schema's required list (a long list costs a node per 16). */
static int
requerido(struct lector *l, json_t *s, const char *name)
{
	json_t *req = json_object_get(s, "required"), *x;
	size_t i;

	if (spend(l, (long)(json_array_size(req) / 16)) != 0)
		return 0;
	json_array_foreach(req, i, x)
		if (json_is_string(x) && strcmp(json_string_value(x), name) == 0)
			return 1;
	return 0;
}

/* Appends a row to sc (the array grows by doubling), unless the table is full. Returns the
 * row or NULL. */
static struct oa_prop *
fila(struct lector *l, struct oa_schema *sc)
{
	struct oa_prop *p;
	size_t cap = sc->nprops < 8 ? 8 : sc->nprops * 2;

	if (sc->nprops == OPENAPI_FILAS) {
		sc->truncated = 1;
		return NULL;
	}
	/* A power of two (or 8) rows are full: move them to an array twice as long. */
	if (sc->nprops == 0 || (sc->nprops >= 8 && (sc->nprops & (sc->nprops - 1)) == 0)) {
		p = arena_alloc(l->a, cap * sizeof(*p));
		if (sc->nprops > 0)
			memcpy(p, sc->props, sc->nprops * sizeof(*p));
		sc->props = p;
	}
	return &sc->props[sc->nprops++];
}

static void objeto(struct lector *, struct oa_schema *, json_t *, const char *, int);

/* Expands the nested properties of s (an object, or an array of objects) under prefix. */
static void
nest(struct lector *l, struct oa_schema *sc, json_t *s, const char *prefix, int depth)
{
	const char *ref;
	json_t *r;

	if (depth + 1 >= OPENAPI_DEPTH || l->agotado)
		return;
	r = resolve_ref(l, s, &ref);
	if (r == NULL || (ref != NULL && en_pila(l, ref)))
		return;
	if (ref != NULL)
		l->pila[l->npila++] = ref;
	if (json_is_string(json_object_get(r, "type")) &&
	    strcmp(json_string_value(json_object_get(r, "type")), "array") == 0)
		nest(l, sc, json_object_get(r, "items"), arena_printf(l->a, "%s[]", prefix),
		    depth);
	else
		objeto(l, sc, r, arena_printf(l->a, "%s.", prefix), depth + 1);
	if (ref != NULL)
		l->npila--;
}

/* The $ref of s, or of the items of s when s is an array (of arrays...), or NULL. */
static const char *
ref_de(struct lector *l, json_t *s)
{
	const char *ref, *t;
	int i;

	for (i = 0; i < 10; i++) {
		s = resolve_ref(l, s, &ref);
		if (ref != NULL || s == NULL)
			return ref;
		if ((t = json_string_value(json_object_get(s, "type"))) == NULL ||
		    strcmp(t, "array") != 0)
			return NULL;
		s = json_object_get(s, "items");
	}
	return NULL;
}

/* The rows of s's properties (and those of its allOf parts, each $ref once), names
 * prefixed. Stops when the table is full or the budget is spent. */
static void
propiedades(struct lector *l, struct oa_schema *sc, json_t *s, const char *prefix,
    int depth)
{
	const char *k, *ref, *t;
	json_t *p, *x, *r;
	struct oa_prop *row;
	size_t i;

	json_array_foreach(json_object_get(s, "allOf"), i, x) {
		if (sc->truncated || spend(l, 1) != 0)
			return;
		if ((r = resolve_ref(l, x, &ref)) == NULL || (ref != NULL && (en_pila(l, ref) ||
		    mezclado(l, ref))))
			continue;
		if (ref != NULL)
			l->pila[l->npila++] = ref;
		propiedades(l, sc, r, prefix, depth);
		if (ref != NULL)
			l->npila--;
	}
	json_object_foreach(json_object_get(s, "properties"), k, p) {
		if (l->agotado || (row = fila(l, sc)) == NULL)
			return;
		r = resolve_ref(l, p, &ref);
		t = tipo(l, p, depth);
		row->name = arena_printf(l->a, "%s%s", prefix, k);
		row->required = requerido(l, s, k);
		row->depth = depth;
		row->desc = str(l->a, r, "description");
		if ((ref = ref_de(l, p)) != NULL && en_pila(l, ref))
			t = arena_printf(l->a, "%s (se repite: ver arriba)", t);
		row->type = t;
		if (spend(l, 1 + peso_texto(row->name) + peso_texto(t) +
		    peso_texto(row->desc)) != 0) {
			sc->nprops--;
			return;
		}
		nest(l, sc, p, row->name, depth);
	}
}

/* The rows of object s, a level of its own: its allOf parts are merged once each. */
static void
objeto(struct lector *l, struct oa_schema *sc, json_t *s, const char *prefix, int depth)
{
	int base = l->base, n = l->nmezcla;

	l->base = l->nmezcla;
	propiedades(l, sc, s, prefix, depth);
	l->nmezcla = n;
	l->base = base;
}

/* The table of schema s (NULL: none). */
static void
esquema(struct lector *l, json_t *s, struct oa_schema *sc)
{
	const char *ref;
	json_t *r;

	memset(sc, 0, sizeof(*sc));
	if (s == NULL || spend(l, 1) != 0)
		return;
	sc->type = tipo(l, s, 0);
	l->npila = l->nmezcla = l->base = 0;
	if ((r = resolve_ref(l, s, &ref)) == NULL)
		return;
	if (ref != NULL)
		l->pila[l->npila++] = ref;
	if (json_is_string(json_object_get(r, "type")) &&
	    strcmp(json_string_value(json_object_get(r, "type")), "array") == 0)
		nest(l, sc, json_object_get(r, "items"), "[]", -1);
	else
		objeto(l, sc, r, "", 0);
	l->npila = 0;
}

/* Appends example value x (pretty-printed) labelled label to b. */
static void
ejemplo(struct lector *l, struct oa_body *b, const char *label, json_t *x)
{
	char *d;
	size_t n;

	if (x == NULL || b->nex == 8 || spend_json(l, x) != 0)
		return;
	if ((d = json_dumps(x, JSON_ENCODE_ANY | JSON_INDENT(2))) == NULL)
		return;
	n = strlen(d);
	b->ex[b->nex].label = arena_strdup(l->a, label);
	b->ex[b->nex++].json = n > OPENAPI_EJEMPLO ? arena_printf(l->a, "%.*s\n…",
	    OPENAPI_EJEMPLO, d) : arena_strdup(l->a, d);
	free(d);
}
/* The examples of schema s (its "example"), when the body has none of its own. */
static void
ejemplo_esquema(struct lector *l, struct oa_body *b, json_t *s)
{
	const char *ref;

	if (b->nex == 0 && (s = resolve_ref(l, s, &ref)) != NULL)
		ejemplo(l, b, "Ejemplo", json_object_get(s, "example"));
}

/* An OpenAPI 3 content map into b: application/json when present, else the first. */
static void
contenido(struct lector *l, json_t *content, struct oa_body *b)
{
	const char *k, *m = NULL, *ref;
	json_t *mt = NULL, *x, *e;

	b->ex = arena_alloc(l->a, 8 * sizeof(struct oa_example));
	if ((x = json_object_get(content, "application/json")) != NULL)
		m = "application/json", mt = x;
	else
		json_object_foreach(content, k, x) {
			m = k, mt = x;
			break;
		}
	b->media = arena_strdup(l->a, m != NULL ? m : "");
	if (!json_is_object(mt))
		return;
	esquema(l, json_object_get(mt, "schema"), &b->schema);
	ejemplo(l, b, "Ejemplo", json_object_get(mt, "example"));
	json_object_foreach(json_object_get(mt, "examples"), k, x) {
		if ((e = resolve_ref(l, x, &ref)) != NULL)
			ejemplo(l, b, texto(e, "summary") ? json_string_value(json_object_get(e,
			    "summary")) : k, json_object_get(e, "value"));
	}
	ejemplo_esquema(l, b, json_object_get(mt, "schema"));
}

/* A parameter's type: its schema's (OpenAPI 3, or 2 in body) or its own (OpenAPI 2). */
static const char *
tipo_param(struct lector *l, json_t *p)
{
	if (json_object_get(p, "schema") != NULL)
		return tipo(l, json_object_get(p, "schema"), 0);
	return tipo(l, p, 0);
}

/* Adds parameter p (resolved) to op unless one with its name and place is there. */
static void
parametro(struct lector *l, struct oa_op *op, json_t *p, size_t max)
{
	const char *ref, *name, *in;
	struct oa_param *x;
	size_t i;

	if ((p = resolve_ref(l, p, &ref)) == NULL || !texto(p, "name") || !texto(p, "in") ||
	    spend(l, 1 + (long)(op->nparams / 32) + peso_texto(json_string_value(
	    json_object_get(p, "description")))) != 0)
		return;
	name = json_string_value(json_object_get(p, "name"));
	in = json_string_value(json_object_get(p, "in"));
	if (l->v2 && strcmp(in, "body") == 0) {
		if (op->body != NULL)
			return;
		op->body = arena_alloc(l->a, sizeof(*op->body));
		memset(op->body, 0, sizeof(*op->body));
		op->body->ex = arena_alloc(l->a, 8 * sizeof(struct oa_example));
		op->body->media = "application/json";
		op->body->desc = str(l->a, p, "description");
		op->body->required = json_is_true(json_object_get(p, "required"));
		esquema(l, json_object_get(p, "schema"), &op->body->schema);
		ejemplo_esquema(l, op->body, json_object_get(p, "schema"));
		return;
	}
	for (i = 0; i < op->nparams; i++)
		if (strcmp(op->params[i].name, name) == 0 && strcmp(op->params[i].in, in) == 0)
			return;
	if (op->nparams == max)
		return;
	x = &op->params[op->nparams++];
	x->name = arena_strdup(l->a, name);
	x->in = arena_strdup(l->a, in);
	x->type = tipo_param(l, p);
	x->desc = str(l->a, p, "description");
	x->required = json_is_true(json_object_get(p, "required"));
}

/* The responses of operation o into op. */
static void
respuestas(struct lector *l, struct oa_op *op, json_t *o)
{
	json_t *rs = json_object_get(o, "responses"), *r, *x;
	const char *code, *ref, *k;
	struct oa_body *b;

	op->resps = arena_alloc(l->a, (json_object_size(rs) + 1) * sizeof(struct oa_resp));
	json_object_foreach(rs, code, r) {
		if ((r = resolve_ref(l, r, &ref)) == NULL)
			continue;
		if (spend(l, 1 + peso_texto(json_string_value(json_object_get(r,
		    "description")))) != 0)
			return;
		op->resps[op->nresps].status = arena_strdup(l->a, code);
		b = &op->resps[op->nresps++].body;
		memset(b, 0, sizeof(*b));
		if (!l->v2)
			contenido(l, json_object_get(r, "content"), b);
		else {
			b->ex = arena_alloc(l->a, 8 * sizeof(struct oa_example));
			b->media = "";
			esquema(l, json_object_get(r, "schema"), &b->schema);
			json_object_foreach(json_object_get(r, "examples"), k, x) {
				b->media = arena_strdup(l->a, k);
				ejemplo(l, b, "Ejemplo", x);
			}
			ejemplo_esquema(l, b, json_object_get(r, "schema"));
		}
		b->desc = str(l->a, r, "description");
	}
}

/* Operation o (method m) of path item item at path p into op. */
static void
operacion(struct lector *l, struct oa_op *op, const char *p, const char *m, json_t *item,
    json_t *o)
{
	json_t *own = json_object_get(o, "parameters"), *shared = json_object_get(item,
	    "parameters"), *x, *rb;
	size_t i, max = json_array_size(own) + json_array_size(shared);
	const char *ref;
	char *up;

	memset(op, 0, sizeof(*op));
	spend(l, 1 + peso_texto(json_string_value(json_object_get(o, "summary"))) +
	    peso_texto(json_string_value(json_object_get(o, "description"))));
	up = arena_strdup(l->a, m);
	for (i = 0; up[i] != '\0'; i++)
		up[i] = (char)toupper((unsigned char)up[i]);
	op->method = up;
	op->path = arena_strdup(l->a, p);
	op->summary = str(l->a, o, "summary");
	op->desc = str(l->a, o, "description");
	op->id = str(l->a, o, "operationId");
	op->params = arena_alloc(l->a, (max + 1) * sizeof(struct oa_param));
	/* The operation's own parameters first: they override the path item's. */
	json_array_foreach(own, i, x)
		parametro(l, op, x, max);
	json_array_foreach(shared, i, x)
		parametro(l, op, x, max);
	if (!l->v2 && (rb = resolve_ref(l, json_object_get(o, "requestBody"), &ref)) != NULL) {
		op->body = arena_alloc(l->a, sizeof(*op->body));
		memset(op->body, 0, sizeof(*op->body));
		contenido(l, json_object_get(rb, "content"), op->body);
		op->body->desc = str(l->a, rb, "description");
		op->body->required = json_is_true(json_object_get(rb, "required"));
	}
	respuestas(l, op, o);
}

/* Reads document root (checked by problema_json) into doc, within the budget: the
 * operations in order until it is spent (doc->incompleto then says so). */
static void
read_doc(struct arena *a, json_t *root, struct oa_doc *doc)
{
	struct lector l = { .a = a, .root = root };
	json_t *info, *item, *o;
	const char *p, *m;
	size_t nops = 0;

	memset(doc, 0, sizeof(*doc));
	l.v2 = json_object_get(root, "swagger") != NULL;
	info = json_object_get(root, "info");
	doc->version = str(a, root, l.v2 ? "swagger" : "openapi");
	doc->title = str(a, info, "title");
	doc->api_version = str(a, info, "version");
	doc->desc = str(a, info, "description");
	json_object_foreach(json_object_get(root, "paths"), p, item)
		json_object_foreach(item, m, o)
			nops += es_metodo(m);
	doc->ops = arena_alloc(a, (nops + 1) * sizeof(struct oa_op));
	json_object_foreach(json_object_get(root, "paths"), p, item)
		json_object_foreach(item, m, o)
			if (es_metodo(m) && !l.agotado)
				operacion(&l, &doc->ops[doc->nops++], p, m, item, o);
	doc->nodos = l.nodos;
	doc->incompleto = l.agotado;
}

const char *
openapi_problema(struct arena *a, const char *text, size_t n)
{
	struct arena *borrador;
	struct oa_doc doc;
	json_t *root;
	const char *why;

	if ((why = problema_json(a, text, n, &root)) != NULL)
		return why;
	/* A dry run of the page's reading, in an arena of its own: it must fit the budget. */
	borrador = arena_new();
	read_doc(borrador != NULL ? borrador : a, root, &doc);
	if (borrador != NULL)
		arena_free(borrador);
	json_decref(root);
	if (doc.incompleto)
		return arena_printf(a, "El documento es demasiado extenso para mostrarlo a las "
		    "entidades: al expandir sus esquemas ($ref, allOf, propiedades anidadas) y "
		    "ejemplos resultan más de %d.%03d elementos. Simplifique los esquemas o "
		    "reparta las operaciones en varios servicios.", OPENAPI_NODOS / 1000,
		    OPENAPI_NODOS % 1000);
	return NULL;
}

int
openapi_read(struct arena *a, const char *text, size_t n, struct oa_doc *doc)
{
	json_t *root;

	memset(doc, 0, sizeof(*doc));
	if (problema_json(a, text, n, &root) != NULL)
		return -1;
	read_doc(a, root, doc);
	json_decref(root);
	return 0;
}
