/*
 * The MIPRES Suministro JSON API under /WSSUMMIPRESNOPBS/api/ (spec/mipres.md): GenerarToken,
 * the seven PUT transactions, the six Anular and the eighteen queries, answering exactly the
 * shapes the ministry's clients parse. Routes are F_API (case-insensitive, JSON errors, no
 * session, no CSRF: the temporary token in the path authenticates). Errors:
 *   401 {"Message"}                              bad, expired or another NIT's token
 *   400 {"Message","ModelState":{"obj.Campo":[]}} malformed body or field
 *   422 {"Message","Errors":[...]}               a business rule
 *   500 {"Message":"Error."}                     the detail only in the log
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json_causa.h"
#include "core/log.h"
#include "mipres/generar_token.h"
#include "mipres/mipres.h"
#include "core/text.h"
#include "core/valid.h"

#define JSON_CTYPE	"application/json; charset=utf-8"
#define NO_VALIDA	"La solicitud no es válida."

/* Sends j (consumed) as the body with status s. */
static enum http_status
send_json(struct resp *rs, enum http_status s, json_t *j)
{
	char *txt = j ? json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;

	json_decref(j);
	if (txt == NULL)
		return resp_json_message(rs, HTTP_ERROR, "Error.");
	buf_reset(&rs->body);
	buf_puts(&rs->body, txt);
	free(txt);
	rs->ctype = JSON_CTYPE;
	return s;
}

/* 400 with ModelState {key: [msg]} built from pairs in ms (consumed). */
static enum http_status
modelstate(struct resp *rs, json_t *ms)
{
	return send_json(rs, HTTP_BAD_REQUEST, json_pack("{s:s,s:o}", "Message", NO_VALIDA,
	    "ModelState", ms));
}

/* 400 with one ModelState entry. */
static enum http_status
modelstate1(struct resp *rs, const char *key, const char *msg)
{
	return modelstate(rs, json_pack("{s:[s]}", key, msg));
}

/* Checks the token of the path; on failure answers 401 (or 500) and returns it. */
static enum http_status
authenticate_api(struct req *r, struct resp *rs, const char *nit, const char *tok,
    struct mipres_quien *q)
{
	const char *why;
	int err;

	if ((why = mipres_token_check(r, nit, tok, q, &err)) == NULL)
		return 0;
	if (err) {
		log_err("mipres: token check failed");
		return resp_json_message(rs, HTTP_ERROR, "Error.");
	}
	return resp_json_message(rs, HTTP_UNAUTHORIZED, why);
}

/* GET /GenerarToken/{nit}/{userToken}: 200 with the temporary token as a JSON string;
 * 401 when the NIT and user token do not match a current token. */
enum http_status
api_generate_token(struct req *r, struct resp *rs)
{
	char tmp[MP_TEMP_LEN + 1];

	switch (mipres_token_temporal(r, r->pathv[0], r->pathv[1], tmp)) {
	case 0:
		return send_json(rs, HTTP_OK, json_string(tmp));
	case 1:
		return resp_json_message(rs, HTTP_UNAUTHORIZED,
		    "El NIT o el token de usuario no son "
		    "válidos. Genere el token de usuario en el portal (Generar token) y use el NIT "
		    "sin dígito de verificación.");
	default:
		log_err("mipres: GenerarToken failed for NIT %s", r->pathv[0]);
		return resp_json_message(rs, HTTP_ERROR, "Error.");
	}
}

/* The 400 of field errors or the 422 of rule errors in e. */
static enum http_status
errores(struct req *r, struct resp *rs, enum mipres_tx tx, const struct mipres_errores *e,
    int regla)
{
	json_t *ms, *list;
	size_t i;

	if (!regla) {
		ms = json_object();
		for (i = 0; i < e->n; i++)
			json_object_set_new(ms, arena_printf(r->a, "%s.%s", mipres_tx_objeto(tx),
			    mipres_campo_nombre(e->v[i].campo)), json_pack("[s]", e->v[i].mensaje));
		return modelstate(rs, ms);
	}
	list = json_array();
	for (i = 0; i < e->n; i++)
		json_array_append_new(list, json_string(e->v[i].mensaje));
	return send_json(rs, HTTP_UNPROCESSABLE, json_pack("{s:s,s:o}", "Message",
	    e->n == 1 ? e->v[0].mensaje : "La solicitud no cumple las reglas de MIPRES.",
	    "Errors", list));
}

/* PUT /<Transaction>/{nit}/{token} with a JSON object, the route's argument its transaction
 * (enum mipres_tx): 200 [{"Id","Id<X>"}], 400, 401, 413 (over MP_BODY_MAX), 422 or 500. */
enum http_status
api_put(struct req *r, struct resp *rs)
{
	static const char *const id_de[MT__N] = { "IdDireccionamiento", "IdNODireccionamiento",
		"IdProgramacion", "IdEntrega", "IdEntrega", "IdReporteEntrega", "IdSuministro" };
	struct mipres_quien q;
	struct mipres_in in;
	struct mipres_errores e;
	json_error_t jerr;
	json_t *o;
	long long id, idpaso;
	enum mipres_tx tx = (enum mipres_tx)r->arg;
	enum http_status st;

	if ((st = authenticate_api(r, rs, r->pathv[0], r->pathv[1], &q)) != 0)
		return st;
	if (r->blen > MP_BODY_MAX)
		return resp_json_message(rs, HTTP_TOO_LARGE, "El cuerpo de la solicitud supera el "
		    "tamaño permitido (64 KiB).");
	o = json_loadb(r->body, r->blen, JSON_REJECT_DUPLICATES, &jerr);
	if (o == NULL || !json_is_object(o)) {
		json_decref(o);
		return modelstate1(rs, mipres_tx_objeto(tx), o == NULL ? arena_printf(r->a,
		    "El cuerpo "
		    "no es un JSON válido (línea %d, columna %d): %s.", jerr.line, jerr.column,
		    json_causa(&jerr)) : "El cuerpo debe ser un objeto JSON.");
	}
	memset(&in, 0, sizeof(in));
	memset(&e, 0, sizeof(e));
	in.tx = tx;
	if (mipres_read_json(r->a, o, &in, &e) > 0) {
		json_decref(o);
		return errores(r, rs, tx, &e, 0);
	}
	json_decref(o);
	switch (mipres_register(r, &q, &in, &e, &id, &idpaso)) {
	case MP_OK:
		return send_json(rs, HTTP_OK, json_pack("[{s:I,s:I}]", "Id", (json_int_t)id, id_de[tx],
		    (json_int_t)idpaso));
	case MP_CAMPOS:
		return errores(r, rs, tx, &e, 0);
	case MP_REGLA:
		return errores(r, rs, tx, &e, 1);
	default:
		return resp_json_message(rs, HTTP_ERROR, "Error.");
	}
}

/* PUT /Anular<X>/{nit}/{token}/{IdX}, the route's argument the step (enum mipres_paso): 200
 * [{"Mensaje":"Anulación Exitosa ID: n"}], 400 for an id that is not a number (the
 * ministry's ModelState, so {IdX} is not a {name:int} segment, whose 404 it would not be),
 * 401, 422 (another's, already annulled, next step active). */
enum http_status
api_annul(struct req *r, struct resp *rs)
{
	enum mipres_paso paso = (enum mipres_paso)r->arg;
	struct mipres_quien q;
	struct mipres_errores e;
	long long id;
	enum http_status st;

	if ((st = authenticate_api(r, rs, r->pathv[0], r->pathv[1], &q)) != 0)
		return st;
	if ((id = parse_id(r->pathv[2])) <= 0)
		return modelstate1(rs, "id", "El número del registro debe ser un entero positivo.");
	memset(&e, 0, sizeof(e));
	switch (mipres_annul(r, &q, paso, id, &e)) {
	case MP_OK:
		return send_json(rs, HTTP_OK, json_pack("[{s:s}]", "Mensaje",
		    arena_printf(r->a, "Anulación Exitosa ID: %lld", id)));
	case MP_REGLA:
		return errores(r, rs, MT_DIRECCIONAMIENTO, &e, 1);
	default:
		return resp_json_message(rs, HTTP_ERROR, "Error.");
	}
}

/* A query by key k with the token tok, of the step that is the route's argument (enum
 * mipres_paso); a, b, c the key's values as mipres_consulta takes them (a date for MQ_FECHA's a
 * and MQ_PACIENTE's c). 200 with the array ([] when nothing matches), 400 for a malformed
 * date, 401, 500. */
static enum http_status
query_api(struct req *r, struct resp *rs, enum mipres_clave k, const char *tok, const char *a,
    const char *b, const char *c)
{
	const char *fecha = k == MQ_FECHA ? a : c;
	enum mipres_paso paso = (enum mipres_paso)r->arg;
	struct mipres_quien q;
	enum http_status st;
	int rc;

	if ((st = authenticate_api(r, rs, r->pathv[0], tok, &q)) != 0)
		return st;
	if (fecha != NULL && !v_fecha(fecha))
		return modelstate1(rs, "fecha", "La fecha debe tener el formato AAAA-MM-DD.");
	/* Written as text straight into the body: a day's hundreds of rows stay cheap. */
	buf_reset(&rs->body);
	rc = mipres_consulta_texto(r->a, &rs->body, &q, paso, k, a, b, c);
	if (rc < 0) {
		log_err("mipres: query of %d by %d failed for NIT %s", (int)paso, (int)k, q.nit);
		return resp_json_message(rs, HTTP_ERROR, "Error.");
	}
	rs->ctype = JSON_CTYPE;
	return HTTP_OK;
}

/* GET /<X>XFecha/{nit}/{token}/{fecha}, the route's argument the step (enum mipres_paso), as
 * consultar. */
enum http_status
api_consulta_fecha(struct req *r, struct resp *rs)
{
	return query_api(r, rs, MQ_FECHA, r->pathv[1], r->pathv[2], NULL, NULL);
}

/* GET /<X>XPrescripcion/{nit}/{token}/{NoPrescripcion}, as api_consulta_fecha. */
enum http_status
api_consulta_prescripcion(struct req *r, struct resp *rs)
{
	return query_api(r, rs, MQ_PRESCRIPCION, r->pathv[1], r->pathv[2], NULL, NULL);
}

/* GET /<X>XPacienteFecha/{nit}/{fecha}/{token}/{tipodoc}/{numdoc}, as api_consulta_fecha. */
enum http_status
api_consulta_paciente(struct req *r, struct resp *rs)
{
	return query_api(r, rs, MQ_PACIENTE, r->pathv[2], r->pathv[3], r->pathv[4], r->pathv[1]);
}
