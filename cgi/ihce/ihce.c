/* IHCE pages of the delegado administrativo (role securityAdmin_IHCE_IPS). Every query is
 * bound to the session's entity: ids from the URL or form only select within it. */
#include <stdio.h>
#include <string.h>

#include "ihce/activacion.h"
#include "core/audit.h"
#include "core/db.h"
#include "core/form.h"
#include "ihce/ihce.h"
#include "core/secret.h"
#include "core/session.h"
#include "core/text.h"
#include "core/valid.h"
#include "ihce/sql.h"

#define MSG_TELEFONO "Escriba un celular de 10 dígitos que empiece por 3, o un fijo de 10 " \
	"dígitos que empiece por 60 (o de 7 dígitos)."
#define HINT_TELEFONO "Por ejemplo 310 555 1234, (601) 555-12-34 o +57 601 5551234."

enum { S_PROVEEDOR, S_SOFTWARE, S_LIDER_NOMBRE, S_LIDER_CORREO, S_LIDER_TEL, S_RESP_NOMBRE,
	S_RESP_CORREO, S_RESP_TEL, S_ACEPTA, S_AUTORIZA, NSOL };
static const struct field solicitud_fields[NSOL] = {
	{ "proveedor_tec", "Proveedor tecnológico del SIH", "text", v_text,
	    "Escriba el nombre del proveedor tecnológico (máximo 200 caracteres).",
	    "Empresa que provee el sistema de información hospitalario." },
	{ "software", "Nombre del software", "text", v_text,
	    "Escriba el nombre del software (máximo 200 caracteres).", NULL },
	{ "lider_nombre", "Líder técnico: nombre completo", "text", v_text,
	    "Escriba el nombre del líder técnico.", NULL },
	{ "lider_correo", "Líder técnico: correo institucional", "email", v_email,
	    "Escriba un correo válido, por ejemplo nombre@entidad.gov.co.", NULL },
	{ "lider_tel", "Líder técnico: teléfono", "tel", v_telefono,
	    MSG_TELEFONO, HINT_TELEFONO },
	{ "resp_nombre", "Responsable de protección de datos: nombre completo", "text", v_text,
	    "Escriba el nombre del responsable de protección de datos.", NULL },
	{ "resp_correo", "Responsable de protección de datos: correo", "email", v_email,
	    "Escriba un correo válido, por ejemplo nombre@entidad.gov.co.", NULL },
	{ "resp_tel", "Responsable de protección de datos: teléfono", "tel", v_telefono,
	    MSG_TELEFONO, HINT_TELEFONO },
	{ "acepta_terminos", "Acepto los términos y condiciones para la solicitud de llaves",
	    "checkbox", v_acepto, "Debe aceptar los términos para enviar la solicitud.", NULL },
	{ "autoriza_datos", "Autorizo el tratamiento de mis datos personales", "checkbox",
	    v_acepto, "Debe autorizar el tratamiento de datos personales.", NULL },
};

/* Why the delegate cannot send a request now, or NULL when they can. */
static const char *
cannot_request(enum estado e, int tuvo)
{
	if (ihce_siguiente(e, tuvo, A_SOLICITAR) != E__INVALIDO)
		return NULL;
	return "Ya tiene una solicitud pendiente: espere la respuesta del Ministerio.";
}

/* GET /ihce: 200, the delegate's home with the state and the two buttons. */
enum http_status
page_ihce_home(struct req *r, struct resp *rs)
{
	struct solicitud cur;
	struct view *v, *row;
	struct db_stmt *st;
	int tuvo = ihce_tuvo_llaves(r->sess->entidad_id);
	const char *why;

	v = resp_page(rs, "ihce/home.tpl", "Administración de llaves IHCE");
	resp_crumb(rs, "Administración de llaves IHCE", NULL);
	ihce_vigente(r->a, r->sess->entidad_id, &cur);
	why = cannot_request(cur.estado, tuvo);
	if (req_query(r, "ok") != NULL)
		view_show(v, "CREADA");
	view_set(v, "ESTADO", estado_delegado(cur.estado));
	view_set(v, "ESTADO_CLASE", estado_name(cur.estado));
	if (cur.estado == E_RECHAZADO)
		view_set(view_section(v, "RECHAZO"), "MOTIVO", cur.motivo);
	if (!tuvo && why == NULL)
		view_show(v, "INSCRIPCION_ON");
	else
		view_set(view_section(v, "INSCRIPCION_OFF"), "WHY", tuvo ?
		    "Su entidad ya tiene llaves asignadas: use Resolicitud token." : why);
	if (tuvo && why == NULL)
		view_show(v, "RESOLICITUD_ON");
	else
		view_set(view_section(v, "RESOLICITUD_OFF"), "WHY", tuvo ? why :
		    "Disponible cuando el Ministerio haya asignado llaves a su entidad.");
	if (tuvo)
		view_show(v, "LLAVES");
	if (tuvo && activacion_pendiente(r->sess->entidad_id, NULL))
		view_show(v, "ACTIVAR");
	if ((st = db_stmt(ST_SOLICITUDES_BY_ENTIDAD, "i", r->sess->entidad_id)) == NULL)
		return HTTP_ERROR;
	while (db_step(st) == DB_ROW) {
		row = view_section(v, "SOLICITUD");
		view_setint(row, "ID", db_col_int64(st, 0));
		view_set(row, "TIPO", strcmp(db_col_text(st, 1),
		    "inscripcion") == 0 ? "Inscripción" : "Resolicitud");
		view_set(row, "ESTADO", estado_label(estado_parse(
		    db_col_text(st, 2))));
		view_set(row, "FECHA", fecha_local(r->a, db_col_int64(st, 3)));
		view_set(row, "RESPUESTA", fecha_local(r->a, db_col_int64(st, 4)));
	}
	db_reset(st);
	return HTTP_OK;
}

/* Shows the request form with values and errors. */
static enum http_status
solicitud_form(struct resp *rs, enum http_status status, const char **vals,
    const char **errs, const char *why)
{
	struct view *v = resp_page(rs, "ihce/solicitud.tpl", "Solicitud de llaves");

	resp_crumb(rs, "Administración de llaves IHCE", "/ihce");
	resp_crumb(rs, "Paso 1: Solicitud de llaves", NULL);
	if (why != NULL) {
		view_set(view_section(v, "BLOQUEADA"), "WHY", why);
		return status;
	}
	view_show(v, "FORM");
	form_show(v, solicitud_fields, NSOL, vals, errs);
	return status;
}

/* GET /ihce/solicitud: 200 with the form; 409 when a request is pending. */
enum http_status
page_ihce_solicitud(struct req *r, struct resp *rs)
{
	struct solicitud cur;
	const char *why;

	ihce_vigente(r->a, r->sess->entidad_id, &cur);
	why = cannot_request(cur.estado, ihce_tuvo_llaves(r->sess->entidad_id));
	return solicitud_form(rs, why ? HTTP_CONFLICT : HTTP_OK, NULL, NULL, why);
}

/* POST /ihce/solicitud: 303 to /ihce?ok=1; 400 with the form when a field is invalid;
 * 409 when a request is already pending. */
enum http_status
page_ihce_solicitud_post(struct req *r, struct resp *rs)
{
	struct form *f = form_read(r, solicitud_fields, NSOL);
	struct solicitud in;
	long long id;
	enum ihce_rc rc;

	if (f->bad > 0)
		return solicitud_form(rs, HTTP_BAD_REQUEST, f->val, f->err, NULL);
	memset(&in, 0, sizeof(in));
	in.proveedor_tec = f->val[S_PROVEEDOR];
	in.software = f->val[S_SOFTWARE];
	in.lider_nombre = f->val[S_LIDER_NOMBRE];
	in.lider_correo = f->val[S_LIDER_CORREO];
	in.lider_tel = f->val[S_LIDER_TEL];
	in.resp_nombre = f->val[S_RESP_NOMBRE];
	in.resp_correo = f->val[S_RESP_CORREO];
	in.resp_tel = f->val[S_RESP_TEL];
	rc = ihce_request(r, &in, &id);
	if (rc == IHCE_NO_PERMITIDO)
		return solicitud_form(rs, HTTP_CONFLICT, NULL, NULL,
		    cannot_request(E_PENDIENTE, 0));
	if (rc != IHCE_OK)
		return HTTP_ERROR;
	return resp_redirect(rs, "/ihce?ok=1");
}

/* GET /ihce/solicitudes/{id}: 200 with one of the entity's requests; 404 when the id is
 * not the entity's. */
enum http_status
page_ihce_detalle(struct req *r, struct resp *rs)
{
	struct solicitud s;
	struct view *v;

	if (!ihce_solicitud_get(r->a, r->pathid[0], &s) ||
	    s.entidad_id != r->sess->entidad_id)
		return HTTP_NOT_FOUND;
	v = resp_page(rs, "ihce/detalle.tpl", "Detalle de la solicitud");
	resp_crumb(rs, "Administración de llaves IHCE", "/ihce");
	resp_crumb(rs, "Detalle de la solicitud", NULL);
	view_setint(v, "ID", s.id);
	view_set(v, "ESTADO", estado_delegado(s.estado));
	view_set(v, "FECHA", fecha_local(r->a, s.fecha));
	view_set(v, "PROVEEDOR", s.proveedor_tec);
	view_set(v, "SOFTWARE", s.software);
	view_set(v, "LIDER_NOMBRE", s.lider_nombre);
	view_set(v, "LIDER_CORREO", s.lider_correo);
	view_set(v, "LIDER_TEL", s.lider_tel);
	view_set(v, "RESP_NOMBRE", s.resp_nombre);
	view_set(v, "RESP_CORREO", s.resp_correo);
	view_set(v, "RESP_TEL", s.resp_tel);
	if (s.motivo != NULL)
		view_set(view_section(v, "RECHAZO"), "MOTIVO", s.motivo);
	return HTTP_OK;
}

/* The environment's connection parameters (endpoint, tenant, scope of ST_LLAVES_VIGENTES) into b:
 * each one the ministry has not set yet says so rather than showing blank. */
static void
parametros(struct req *r, struct view *b, struct db_stmt *st)
{
	static const char *const nombre[] = { "EndPoint", "TenantID", "Scope" };
	static const char *const k[] = { "endpoint", "tenant", "scope" };
	struct view *p;
	const char *val;
	int i;

	for (i = 0; i < 3; i++) {
		p = view_section(b, "PARAMETRO");
		view_set(p, "NOMBRE", nombre[i]);
		view_set(p, "K", k[i]);
		val = db_text(r->a, st, LLAVES_VIGENTES_ENDPOINT + i);
		if (val == NULL || val[0] == '\0')
			view_set(view_section(p, "FALTA"), "K", k[i]);
		else {
			p = view_section(p, "VALOR");
			view_set(p, "K", k[i]);
			view_set(p, "TEXT", val);
		}
	}
}

/* The environment's APIM subscription key (column 8) into b: none configured says so
 * (nothing to reveal); else masked, shown (reveal) or waiting for the activation code. */
static void
apim_block(struct req *r, struct view *b, struct db_stmt *st, int i, int estado)
{
	const char *apim;
	char ad[64];

	if (db_col_null(st, LLAVES_VIGENTES_APIM_KEY) || db_col_bytes(st, LLAVES_VIGENTES_APIM_KEY) == 0) {
		view_show(b, "APIM_NO");
		return;
	}
	if (estado != 1) {
		view_show(b, estado < 0 ? "APIM_SIN_ACTIVAR" : "APIM_OCULTA");
		return;
	}
	snprintf(ad, sizeof(ad), "ambiente.apim_key:%s", ambiente_name[i]);
	apim = secret_open(r->a, db_col_blob(st, LLAVES_VIGENTES_APIM_KEY), (size_t)db_col_bytes(st, LLAVES_VIGENTES_APIM_KEY),
	    ad);
	view_set(view_section(b, "APIM_VISIBLE"), "TEXT", apim ? apim :
	    "(no se pudo descifrar: informe al Ministerio)");
}

/* Fills one environment's block of step 2; reveal shows its secrets, -1 (keys not
 * activated) offers no way to see them; copiar (the reveal asked by "Copiar todo")
 * points at the block's copy button. */
static void
llave_block(struct req *r, struct view *v, struct db_stmt *st, int i, long long reveal,
    int copiar)
{
	struct view *b = view_section(v, "AMBIENTE");
	char ad[64], limite[11], hoy[11];
	const char *expira, *secret;
	long long id = db_col_int64(st, LLAVES_VIGENTES_ID);

	view_set(b, "NOMBRE", ambiente_label[i]);
	view_set(b, "SLUG", ambiente_name[i]);
	if (db_col_null(st, LLAVES_VIGENTES_ID)) {
		view_show(b, "SIN_LLAVE");
		return;
	}
	view_show(b, "CON_LLAVE");
	view_setint(b, "ID", id);
	view_set(b, "CLIENT_ID", db_text(r->a, st, LLAVES_VIGENTES_CLIENT_ID));
	expira = db_text(r->a, st, LLAVES_VIGENTES_EXPIRA);
	view_set(b, "EXPIRA", fecha_es(r->a, expira));
	parametros(r, b, st);
	colombia_date(r->now + 30 * 86400LL, limite);
	colombia_date(r->now, hoy);
	if (strcmp(expira, hoy) < 0)
		view_set(view_section(b, "ALERTA"), "TEXT", "Llaves vencidas");
	else if (strcmp(expira, limite) <= 0)
		view_set(view_section(b, "ALERTA"), "TEXT", "Vence en 30 días o menos");
	apim_block(r, b, st, i, reveal < 0 ? -1 : id == reveal);
	if (reveal < 0) {
		view_show(b, "SIN_ACTIVAR");
		return;
	}
	if (id != reveal) {
		view_show(b, "OCULTO");
		return;
	}
	llave_ad(id, ad);
	secret = secret_open(r->a, db_col_blob(st, LLAVES_VIGENTES_CLIENT_SECRET),
	    (size_t)db_col_bytes(st, LLAVES_VIGENTES_CLIENT_SECRET), ad);
	if (copiar)
		view_show(b, "PARA_COPIAR");
	b = view_section(b, "VISIBLE");
	view_set(b, "SECRET", secret ? secret : "(no se pudo descifrar: informe al Ministerio)");
	if (copiar)
		view_show(b, "ENFOCAR");
}

/* Renders step 2 with the environment of key reveal (0: none) shown in clear; copiar:
 * the reveal came from that block's "Copiar todo". */
static enum http_status
llaves_page(struct req *r, struct resp *rs, long long reveal, int copiar)
{
	struct solicitud cur;
	struct view *v = resp_page(rs, "ihce/llaves.tpl", "Visualización de llaves");
	struct db_stmt *st;
	long long vence;
	int i = 0;

	resp_crumb(rs, "Administración de llaves IHCE", "/ihce");
	resp_crumb(rs, "Paso 2: Visualización de llaves", NULL);
	ihce_vigente(r->a, r->sess->entidad_id, &cur);
	view_set(v, "ESTADO", estado_delegado(cur.estado));
	if (activacion_pendiente(r->sess->entidad_id, &vence)) {
		view_set(view_section(v, "ACTIVAR"), "VENCE", fecha_local(r->a, vence));
		reveal = -1;
	}
	if (req_query(r, "activadas") != NULL && reveal >= 0)
		view_show(v, "ACTIVADAS");
	if ((st = db_stmt(ST_LLAVES_VIGENTES, "i", r->sess->entidad_id)) == NULL)
		return HTTP_ERROR;
	while (db_step(st) == DB_ROW && i < AMBIENTES)
		llave_block(r, v, st, i++, reveal, copiar);
	db_reset(st);
	return HTTP_OK;
}

/* GET /ihce/llaves: 200 with the keys, secrets masked. */
enum http_status
page_ihce_llaves(struct req *r, struct resp *rs)
{
	return llaves_page(r, rs, 0, 0);
}

/* POST /ihce/llaves/mostrar: 200 with one environment's secrets shown (audited; with
 * copiar, asked by the masked block's "Copiar todo", its copy button ready); 404
 * when the key is not one of the entity's current keys; 409 (no secret, no audit) while
 * the keys wait for their activation code. */
enum http_status
page_ihce_llaves_show(struct req *r, struct resp *rs)
{
	long long id = parse_id(req_form(r, "llave"));
	struct db_stmt *st = db_stmt(ST_LLAVE_BY_ID, "ii", id, r->sess->entidad_id);
	const char *amb = NULL;

	if (st != NULL && db_step(st) == DB_ROW)
		amb = db_text(r->a, st, 1);
	if (st != NULL)
		db_reset(st);
	if (amb == NULL)
		return HTTP_NOT_FOUND;
	if (activacion_pendiente(r->sess->entidad_id, NULL)) {
		llaves_page(r, rs, -1, 0);
		return HTTP_CONFLICT;
	}
	/* No audit entry, no secret. */
	if (audit(r, "ihce_mostrar_secreto", "llave %lld ambiente %s", id, amb) < 0)
		return HTTP_ERROR;
	return llaves_page(r, rs, id, req_form(r, "copiar") != NULL);
}

static const struct field activar_fields[] = {
	{ "codigo", "Código de activación", "text", v_codigo_activacion,
	    "Escriba el código de activación tal como llegó en el correo: 16 letras y números, "
	    "por ejemplo ABCD-EFGH-JKLM-NPQR.",
	    "Llegó en el correo «Llaves IHCE disponibles», como código QR y como texto." },
};

/* The activation form with value codigo and error err. */
static enum http_status
activacion_form(struct req *r, struct resp *rs, enum http_status status, const char *codigo,
    const char *err)
{
	struct view *v = resp_page(rs, "ihce/activar.tpl", "Activar llaves");
	long long vence;

	resp_crumb(rs, "Administración de llaves IHCE", "/ihce");
	resp_crumb(rs, "Activar llaves", NULL);
	if (!activacion_pendiente(r->sess->entidad_id, &vence))
		view_show(v, "SIN_PENDIENTE");
	form_show(v, activar_fields, 1, &codigo, &err);
	return status;
}

/* GET /ihce/activar?codigo=: 200 with the form, the code from the QR's link filled in
 * (nothing is activated by a GET). */
enum http_status
page_ihce_activacion(struct req *r, struct resp *rs)
{
	const char *c = req_query(r, "codigo");

	return activacion_form(r, rs, HTTP_OK, c && v_codigo_activacion(c) ? c : "", NULL);
}

/* POST /ihce/activar: 303 to step 2 with the keys enabled; 400 with the form and the
 * reason when the code is malformed, unknown or another entity's, used, replaced or
 * expired (nothing is written). */
enum http_status
page_ihce_activacion_post(struct req *r, struct resp *rs)
{
	struct form *f = form_read(r, activar_fields, 1);
	const char *val = f->val[0], *err;

	if (f->bad > 0)
		return activacion_form(r, rs, HTTP_BAD_REQUEST, val, f->err[0]);
	switch (ihce_activate(r, val)) {
	case ACT_OK:
		return resp_redirect(rs, "/ihce/llaves?activadas=1");
	case ACT_USADO:
		err = "Este código ya fue usado: cada código sirve una sola vez.";
		break;
	case ACT_ANULADO:
		err = "Este código fue reemplazado por uno más reciente: use el del último correo.";
		break;
	case ACT_VENCIDO:
		err = "Este código venció. Pida al Ministerio de Salud que le envíe uno nuevo.";
		break;
	case ACT_NO_VALIDO:
		err = "El código no corresponde a ninguna activación pendiente de su entidad.";
		break;
	default:
		return HTTP_ERROR;
	}
	return activacion_form(r, rs, HTTP_BAD_REQUEST, val, err);
}
