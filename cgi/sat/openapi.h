/*
 * OpenAPI 2 ("swagger": "2.0") and 3 ("openapi": "3.x.y") JSON documents of the SAT
 * catalog: the check made on upload, and a reading of the document into plain structs
 * from which a page renders the documentation server-side. Nothing here is HTML: every
 * string is the document's own text, escaped by the template that shows it.
 */
#ifndef OPENAPI_H
#define OPENAPI_H
#include <stddef.h>

#include "core/arena.h"

#define OPENAPI_MAX	(128 * 1024)	/* bytes of a document */
#define OPENAPI_DEPTH	6		/* levels of nested schemas shown in a table */
#define OPENAPI_FILAS	200		/* rows of one schema table */
#define OPENAPI_EJEMPLO	(8 * 1024)	/* bytes of a pretty-printed example shown */
/* The budget of one reading (the documentation page): a node is an operation, a parameter,
 * a response, a schema table, a row, an allOf part, a type, a JSON value of an example or
 * enum, or 64 bytes of text shown. It bounds the page's work whatever the document: a
 * document whose reading needs more is refused on upload. */
#define OPENAPI_NODOS	6000

/* A row of a schema's table: a property, nested ones named by their path ("direccion.
 * ciudad", "beneficiarios[].documento"). */
struct oa_prop {
	const char	*name;
	const char	*type;		/* "string (date)", "array de Afiliado", "integer: 1, 2" */
	const char	*desc;		/* "" when none */
	int		 required;
	int		 depth;		/* 0 for the schema's own properties */
};

struct oa_schema {
	const char	*type;		/* the schema's type as above; NULL: no schema */
	struct oa_prop	*props;
	size_t		 nprops;
	int		 truncated;	/* more rows than OPENAPI_FILAS */
};

struct oa_example {
	const char	*label;		/* the example's name, or "Ejemplo" */
	const char	*json;		/* pretty-printed (2 spaces), capped at OPENAPI_EJEMPLO */
};

/* A request or response body: its media type, schema and examples. */
struct oa_body {
	const char		*media;		/* "application/json", or "" */
	const char		*desc;
	int			 required;
	struct oa_schema	 schema;
	struct oa_example	*ex;
	size_t			 nex;
};

struct oa_param {
	const char	*name, *in, *type, *desc;
	int		 required;
};

struct oa_resp {
	const char	*status;	/* "200", "default" */
	struct oa_body	 body;		/* body.desc is the response's description */
};

struct oa_op {
	const char	*method;	/* upper case: GET, POST, ... */
	const char	*path;
	const char	*summary, *desc, *id;	/* "" when absent */
	struct oa_param	*params;
	size_t		 nparams;
	struct oa_body	*body;		/* the request body, or NULL */
	struct oa_resp	*resps;
	size_t		 nresps;
};

struct oa_doc {
	const char	*version;	/* "2.0", "3.0.3", ... */
	const char	*title, *api_version, *desc;
	struct oa_op	*ops;
	size_t		 nops;
	long		 nodos;		/* of the budget, spent */
	int		 incompleto;	/* the budget ran out: the operations read so far */
};

/*
 * Checks that text[0..n) is an OpenAPI document this portal accepts: at most OPENAPI_MAX
 * bytes of JSON (UTF-8, no duplicate keys), an object with "swagger": "2.0" or
 * "openapi": "3.x.y", info.title and info.version strings, and a paths object whose keys
 * start with "/", whose items are objects and whose operations (get, put, post, delete,
 * options, head, patch, trace) are objects, at least one of them; and whose reading
 * (openapi_read, run here on a scratch arena) fits OPENAPI_NODOS. Returns NULL when it is,
 * else why not as a Spanish sentence in the arena (a syntax error with its line and column).
 */
const char *openapi_problema(struct arena *, const char *text, size_t n);

/*
 * Reads a document openapi_problema accepted into doc, allocated in the arena: the
 * operations in document order with their parameters (the path item's merged in), request
 * body, responses and examples; local $ref ("#/definitions/X", "#/components/schemas/X",
 * parameters, responses, request bodies) resolved, nested schemas expanded up to
 * OPENAPI_DEPTH levels; a $ref already on the current expansion path (a schema inside
 * itself) is named, not expanded, and an allOf part is merged once per object. The reading
 * stops when OPENAPI_NODOS is spent (doc->incompleto; only a document stored before the
 * budget existed can need more). Returns 0, or -1 when the text is not such a document
 * (the structural checks of openapi_problema; the budget is not one of them here).
 */
int openapi_read(struct arena *, const char *text, size_t n, struct oa_doc *doc);
#endif
