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

#include "core/log.h"
#include "mipres/generar_token.h"
#include "pages.h"
#include "core/text.h"
#include "core/valid.h"

#define JSON_CTYPE	"application/json; charset=utf-8"
#define NO_VALIDA	"La solicitud no es válida."

/* Sends j (consumed) as the body with status s. */
static enum http_status
enviar(struct resp *rs, enum http_status s, json_t *j)
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
	return enviar(rs, HTTP_BAD_REQUEST, json_pack("{s:s,s:o}", "Message", NO_VALIDA,
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
autenticar(struct req *r, struct resp *rs, const char *nit, const char *tok,
    struct mp_quien *q)
{
	const char *why;
	int err;

	if ((why = mp_token_check(r, nit, tok, q, &err)) == NULL)
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
api_generar_token(struct req *r, struct resp *rs)
{
	char tmp[MP_TEMP_LEN + 1];

	switch (mp_token_temporal(r, r->pathv[0], r->pathv[1], tmp)) {
	case 0:
		return enviar(rs, HTTP_OK, json_string(tmp));
	case 1:
		return resp_json_message(rs, HTTP_UNAUTHORIZED, "El NIT o el token de usuario no son "
		    "válidos. Genere el token de usuario en el portal (Generar token) y use el NIT "
		    "sin dígito de verificación.");
	default:
		log_err("mipres: GenerarToken failed for NIT %s", r->pathv[0]);
		return resp_json_message(rs, HTTP_ERROR, "Error.");
	}
}

/* The 400 of field errors or the 422 of rule errors in e. */
static enum http_status
errores(struct req *r, struct resp *rs, enum mp_tx tx, const struct mp_errores *e, int regla)
{
	json_t *ms, *list;
	size_t i;

	if (!regla) {
		ms = json_object();
		for (i = 0; i < e->n; i++)
			json_object_set_new(ms, arena_printf(r->a, "%s.%s", mp_tx_objeto(tx),
			    mp_campo_nombre(e->v[i].campo)), json_pack("[s]", e->v[i].mensaje));
		return modelstate(rs, ms);
	}
	list = json_array();
	for (i = 0; i < e->n; i++)
		json_array_append_new(list, json_string(e->v[i].mensaje));
	return enviar(rs, HTTP_UNPROCESSABLE, json_pack("{s:s,s:o}", "Message",
	    e->n == 1 ? e->v[0].mensaje : "La solicitud no cumple las reglas de MIPRES.",
	    "Errors", list));
}

/* PUT /<Transaction>/{nit}/{token} with a JSON object: 200 [{"Id","Id<X>"}], 400, 401,
 * 413 (over MP_BODY_MAX), 422 or 500. */
static enum http_status
api_put(struct req *r, struct resp *rs, enum mp_tx tx)
{
	static const char *const id_de[MT__N] = { "IdDireccionamiento", "IdNODireccionamiento",
		"IdProgramacion", "IdEntrega", "IdEntrega", "IdReporteEntrega", "IdSuministro" };
	struct mp_quien q;
	struct mp_in in;
	struct mp_errores e;
	json_error_t jerr;
	json_t *o;
	long long id, idpaso;
	enum http_status st;

	if ((st = autenticar(r, rs, r->pathv[0], r->pathv[1], &q)) != 0)
		return st;
	if (r->blen > MP_BODY_MAX)
		return resp_json_message(rs, HTTP_TOO_LARGE, "El cuerpo de la solicitud supera el "
		    "tamaño permitido (64 KiB).");
	o = json_loadb(r->body, r->blen, JSON_REJECT_DUPLICATES, &jerr);
	if (o == NULL || !json_is_object(o)) {
		json_decref(o);
		return modelstate1(rs, mp_tx_objeto(tx), o == NULL ? arena_printf(r->a, "El cuerpo "
		    "no es un JSON válido (línea %d, columna %d): %s", jerr.line, jerr.column,
		    jerr.text) : "El cuerpo debe ser un objeto JSON.");
	}
	memset(&in, 0, sizeof(in));
	memset(&e, 0, sizeof(e));
	in.tx = tx;
	if (mp_leer_json(r->a, o, &in, &e) > 0) {
		json_decref(o);
		return errores(r, rs, tx, &e, 0);
	}
	json_decref(o);
	switch (mp_registrar(r, &q, &in, &e, &id, &idpaso)) {
	case MP_OK:
		return enviar(rs, HTTP_OK, json_pack("[{s:I,s:I}]", "Id", (json_int_t)id, id_de[tx],
		    (json_int_t)idpaso));
	case MP_CAMPOS:
		return errores(r, rs, tx, &e, 0);
	case MP_REGLA:
		return errores(r, rs, tx, &e, 1);
	default:
		return resp_json_message(rs, HTTP_ERROR, "Error.");
	}
}

/* PUT /Anular<X>/{nit}/{token}/{IdX}: 200 [{"Mensaje":"Anulación Exitosa ID: n"}], 400 for
 * an id that is not a number, 401, 422 (another's, already annulled, next step active). */
static enum http_status
api_anular(struct req *r, struct resp *rs, enum mp_paso paso)
{
	struct mp_quien q;
	struct mp_errores e;
	long long id;
	enum http_status st;

	if ((st = autenticar(r, rs, r->pathv[0], r->pathv[1], &q)) != 0)
		return st;
	if ((id = parse_id(r->pathv[2])) <= 0)
		return modelstate1(rs, "id", "El número del registro debe ser un entero positivo.");
	memset(&e, 0, sizeof(e));
	switch (mp_anular(r, &q, paso, id, &e)) {
	case MP_OK:
		return enviar(rs, HTTP_OK, json_pack("[{s:s}]", "Mensaje",
		    arena_printf(r->a, "Anulación Exitosa ID: %lld", id)));
	case MP_REGLA:
		return errores(r, rs, MT_DIRECCIONAMIENTO, &e, 1);
	default:
		return resp_json_message(rs, HTTP_ERROR, "Error.");
	}
}

/* GET /<X>XFecha/{nit}/{token}/{fecha}, /<X>XPrescripcion/{nit}/{token}/{NoPrescripcion},
 * /<X>XPacienteFecha/{nit}/{fecha}/{token}/{tipodoc}/{numdoc}: 200 with the array ([] when
 * nothing matches), 400 for a malformed date, 401, 500. */
static enum http_status
api_consulta(struct req *r, struct resp *rs, enum mp_paso paso, enum mp_clave k)
{
	const char *fecha = k == MQ_FECHA ? r->pathv[2] : k == MQ_PACIENTE ? r->pathv[1] : NULL;
	const char *tok = k == MQ_PACIENTE ? r->pathv[2] : r->pathv[1];
	struct mp_quien q;
	enum http_status st;
	int rc;

	if ((st = autenticar(r, rs, r->pathv[0], tok, &q)) != 0)
		return st;
	if (fecha != NULL && !v_fecha(fecha))
		return modelstate1(rs, "fecha", "La fecha debe tener el formato AAAA-MM-DD.");
	/* Written as text straight into the body: a day's hundreds of rows stay cheap. */
	buf_reset(&rs->body);
	rc = k == MQ_FECHA ? mp_consulta_texto(r->a, &rs->body, &q, paso, k, fecha, NULL, NULL) :
	    k == MQ_PRESCRIPCION ? mp_consulta_texto(r->a, &rs->body, &q, paso, k, r->pathv[2],
	    NULL, NULL) : mp_consulta_texto(r->a, &rs->body, &q, paso, k, r->pathv[3],
	    r->pathv[4], fecha);
	if (rc < 0) {
		log_err("mipres: query of %d by %d failed for NIT %s", (int)paso, (int)k, q.nit);
		return resp_json_message(rs, HTTP_ERROR, "Error.");
	}
	rs->ctype = JSON_CTYPE;
	return HTTP_OK;
}

/* One handler per route of the table (cgi/routes.c), each naming its transaction. */
#define PUT(fn, tx) enum http_status fn(struct req *r, struct resp *rs) \
	{ return api_put(r, rs, tx); }
#define ANULAR(fn, paso) enum http_status fn(struct req *r, struct resp *rs) \
	{ return api_anular(r, rs, paso); }
#define CONSULTAS(x, paso) \
	enum http_status api_##x##_fecha(struct req *r, struct resp *rs) \
	{ return api_consulta(r, rs, paso, MQ_FECHA); } \
	enum http_status api_##x##_prescripcion(struct req *r, struct resp *rs) \
	{ return api_consulta(r, rs, paso, MQ_PRESCRIPCION); } \
	enum http_status api_##x##_paciente(struct req *r, struct resp *rs) \
	{ return api_consulta(r, rs, paso, MQ_PACIENTE); }

PUT(api_direccionamiento, MT_DIRECCIONAMIENTO)
PUT(api_nodireccionamiento, MT_NODIRECCIONAMIENTO)
PUT(api_programacion, MT_PROGRAMACION)
PUT(api_entrega, MT_ENTREGA)
PUT(api_entrega_ambito, MT_ENTREGA_AMBITO)
PUT(api_reporte, MT_REPORTE)
PUT(api_suministro, MT_SUMINISTRO)
ANULAR(api_anular_direccionamiento, MP_D)
ANULAR(api_anular_nodireccionamiento, MP_N)
ANULAR(api_anular_programacion, MP_P)
ANULAR(api_anular_entrega, MP_E)
ANULAR(api_anular_reporte, MP_R)
ANULAR(api_anular_suministro, MP_S)
CONSULTAS(direccionamiento, MP_D)
CONSULTAS(nodireccionamiento, MP_N)
CONSULTAS(programacion, MP_P)
CONSULTAS(entrega, MP_E)
CONSULTAS(reporte, MP_R)
CONSULTAS(suministro, MP_S)
