/*
 * The MIPRES JSON bodies (cgi/mipres/valid.c): the input is parsed as the API parses a PUT
 * body (an object) or as the Cargue masivo parses a JSON file (an array of such objects);
 * each object goes through every transaction's reading (mipres_read_json), field formats
 * (mipres_campos) and, when well formed, business rules (mipres_reglas) against a provider's and an
 * EPS's line state with the steps before active. Invariants: errors are few and name a
 * field of the transaction; a value read is the body's whole value; a body accepted has
 * every required field, digits that are their number, dates of 10 characters.
 */
#include <strings.h>

#include "fuzz.h"
#include "mipres/valid.h"

static struct arena *a;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	a = arena_new();
	return 0;
}

/* Whether field c belongs to transaction tx; *req tells whether it is required. */
static int
de_tx(enum mipres_tx tx, enum mipres_campo c, int *req)
{
	const unsigned char *r;
	const enum mipres_campo *f = mipres_tx_campos(tx, &r);
	size_t i;

	for (i = 0; f[i] != MC__N; i++)
		if (f[i] == c) {
			*req = r[i];
			return 1;
		}
	return 0;
}

static void
errores_validos(enum mipres_tx tx, const struct mipres_errores *e, int reglas)
{
	size_t i;
	int req;

	CHECK(e->n <= MP_ERRORES_MAX);
	for (i = 0; i < e->n; i++) {
		CHECK(e->v[i].mensaje != NULL && e->v[i].mensaje[0] != '\0');
		/* Rules may speak of the whole request or of ID (the line); formats of a field. */
		CHECK(de_tx(tx, e->v[i].campo, &req) || (reglas && (e->v[i].campo == MC_NINGUNO ||
		    e->v[i].campo == MC_ID)));
	}
}

/* The state of a line whose steps before tx's are active, for a provider or an EPS. */
static struct mipres_ctx
linea(enum mipres_tx tx, int eps)
{
	struct mipres_ctx x = { .hoy = "2026-06-15", .es_eps = eps, .entidad_id = 3,
		.nit = "900000001", .regimen = eps ? "contributivo" : "", .linea = 1,
		.linea_eps_id = 3, .linea_regimen = "contributivo", .linea_prov_nit = "900000001",
		.fec_max_ent = "2026-06-30", .cant_total = 30, .cant_prog = 20, .cant_ent = 10 };
	int k;

	for (k = 0; k < MP__NPASOS; k++)
		x.est[k] = k < (int)mipres_tx_paso(tx) ? MP_ACTIVO : MP_NINGUNO;
	return x;
}

/* Field c as o gives it: its value when some key names it in any case, else NULL. */
static json_t *
valor(json_t *o, enum mipres_campo c)
{
	const char *key;
	json_t *v, *found = NULL;

	json_object_foreach(o, key, v)
		if (strcasecmp(key, mipres_campo_nombre(c)) == 0)
			found = v;
	return found;
}

/* The rules against both kinds of line, as the forms run them after e's first n errors
 * (also when a field was refused: each rule reads only well-formed fields): valid errors,
 * each with the forms' wording. e is left with its first n errors. */
static void
reglas(struct mipres_in *in, enum mipres_tx tx, struct mipres_errores *e, size_t n)
{
	struct mipres_ctx x;
	size_t i;
	int eps;

	for (eps = 0; eps < 2; eps++) {
		x = linea(tx, eps);
		x.a = a;
		e->n = n;
		mipres_reglas(in, &x, e);
		errores_validos(tx, e, 1);
		for (i = n; i < e->n; i++)
			CHECK(e->v[i].forma != NULL && e->v[i].forma[0] != '\0');
	}
	e->n = n;
}

static void
transaccion(json_t *o, enum mipres_tx tx)
{
	const enum mipres_campo *f = mipres_tx_campos(tx, NULL);
	struct mipres_in in = { .tx = tx };
	struct mipres_errores e = { .n = 0 };
	json_t *v;
	size_t i;
	int req;

	if (mipres_read_json(a, o, &in, &e) > 0) {
		errores_validos(tx, &e, 0);
		return;
	}
	/* What was read is the body's whole string: nothing cut at a NUL. */
	for (i = 0; f[i] != MC__N; i++)
		if (in.v[f[i]] != NULL && json_is_string(v = valor(o, f[i])))
			CHECK(strlen(in.v[f[i]]) == json_string_length(v));
	if (mipres_campos(&in, &e) > 0) {
		errores_validos(tx, &e, 0);
		reglas(&in, tx, &e, e.n);
		return;
	}
	CHECK(e.n == 0);
	for (i = 0; f[i] != MC__N; i++) {
		CHECK(de_tx(tx, f[i], &req) && (!req || in.v[f[i]] != NULL));
		if (in.v[f[i]] == NULL)
			continue;
		if (mipres_campo_tipo(f[i]) == MP_ENTERO || mipres_campo_tipo(f[i]) == MP_DIGITOS)
			CHECK(in.n[f[i]] >= 0 && in.n[f[i]] == strtoll(in.v[f[i]], NULL, 10));
		if (mipres_campo_tipo(f[i]) == MP_FECHA)
			CHECK(strlen(in.v[f[i]]) == 10);
	}
	reglas(&in, tx, &e, 0);
}

static void
objeto(json_t *o)
{
	int tx;

	for (tx = 0; tx < MT__N; tx++)
		transaccion(o, (enum mipres_tx)tx);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	json_t *j = json_loadb((const char *)data, n, JSON_REJECT_DUPLICATES, NULL), *o;
	size_t i;

	if (json_is_object(j))
		objeto(j);
	else if (json_is_array(j))
		json_array_foreach(j, i, o)
			if (json_is_object(o))
				objeto(o);
	json_decref(j);
	arena_reset(a);
	return 0;
}
