/* SAT pages of a CCF's autorizado for the ministry's services: "Información del servicio" with
 * the documentation rendered from the OpenAPI document, and "Asignar contraseña". Every
 * query is bound to the session's entity; the gate (sat_cerrado) comes first. */
#include <string.h>

#include "core/audit.h"
#include "core/claves_comunes.h"
#include "core/db.h"
#include "core/form.h"
#include "sat/openapi.h"
#include "core/passwd.h"
#include "sat/sat.h"
#include "core/session.h"
#include "core/text.h"
#include "core/valid.h"

/* Sets section name of v to text when text is not empty. */
static void
texto(struct view *v, const char *name, const char *text)
{
	if (text != NULL && text[0] != '\0')
		view_set(view_section(v, name), "TEXT", text);
}

/* A body's schema and examples into include ESQUEMA of v (templates/sat/esquema.tpl). */
static void
esquema_show(struct view *v, const struct oa_body *b)
{
	struct view *e = view_include(v, "ESQUEMA", "sat/esquema.tpl"), *t, *p;
	size_t i;

	texto(e, "DESC", b->desc);
	if (b->schema.type != NULL) {
		t = view_section(e, "TIPO");
		view_set(t, "TEXT", b->schema.type);
		texto(t, "MEDIA", b->media);
	}
	if (b->schema.nprops > 0) {
		t = view_section(e, "PROPS");
		for (i = 0; i < b->schema.nprops; i++) {
			p = view_section(t, "PROP");
			view_set(p, "NOMBRE", b->schema.props[i].name);
			view_set(p, "TIPO", b->schema.props[i].type);
			view_set(p, "REQ", b->schema.props[i].required ? "Sí" : "No");
			view_set(p, "DESC", b->schema.props[i].desc);
			view_setint(p, "NIVEL", b->schema.props[i].depth);
		}
		if (b->schema.truncated)
			view_show(t, "TRUNCADO");
	}
	for (i = 0; i < b->nex; i++) {
		p = view_section(e, "EJEMPLO");
		view_set(p, "LABEL", b->ex[i].label);
		view_set(p, "JSON", b->ex[i].json);
	}
}

/* One operation into section OP of v. */
static void
operacion_show(struct view *v, const struct oa_op *op)
{
	struct view *o = view_section(v, "OP"), *t, *p;
	size_t i;

	view_set(o, "METODO", op->method);
	view_set(o, "RUTA", op->path);
	texto(o, "RESUMEN", op->summary);
	texto(o, "DESC", op->desc);
	texto(o, "OPID", op->id);
	t = op->nparams > 0 ? view_section(o, "PARAMS") : NULL;
	for (i = 0; i < op->nparams; i++) {
		p = view_section(t, "PARAM");
		view_set(p, "NOMBRE", op->params[i].name);
		view_set(p, "EN", op->params[i].in);
		view_set(p, "REQ", op->params[i].required ? "Sí" : "No");
		view_set(p, "TIPO", op->params[i].type);
		view_set(p, "DESC", op->params[i].desc);
	}
	if (op->body != NULL) {
		t = view_section(o, "CUERPO");
		if (op->body->required)
			view_show(t, "REQUERIDO");
		esquema_show(t, op->body);
	}
	if (op->nresps == 0)
		view_show(o, "SIN_RESP");
	for (i = 0; i < op->nresps; i++) {
		t = view_section(o, "RESP");
		view_set(t, "CODIGO", op->resps[i].status);
		view_set(t, "DESC", op->resps[i].body.desc);
		esquema_show(t, &(struct oa_body){ .media = op->resps[i].body.media,
		    .schema = op->resps[i].body.schema, .ex = op->resps[i].body.ex,
		    .nex = op->resps[i].body.nex, .desc = "" });
	}
}

void
sat_doc_show(struct req *r, struct view *v, const char *openapi)
{
	struct view *d = view_include(v, "DOC", "sat/doc.tpl"), *x;
	struct oa_doc doc;
	size_t i;

	if (openapi == NULL || openapi_read(r->a, openapi, strlen(openapi), &doc) != 0) {
		view_show(d, "SIN_DOC");
		return;
	}
	x = view_section(d, "DOC");
	view_set(x, "TITULO", doc.title);
	view_set(x, "VERSION_API", doc.api_version);
	view_set(x, "VERSION", doc.version);
	texto(x, "DESC", doc.desc);
	/* Only a document stored before the budget existed can exceed it. */
	if (doc.incompleto)
		view_setint(view_section(x, "INCOMPLETO"), "N", (long long)doc.nops);
	for (i = 0; i < doc.nops; i++)
		operacion_show(x, &doc.ops[i]);
}

/* GET /sat/servicios/{id}: 200 with the service enabled for the session's entity and its
 * documentation; 404 when the assignment is not the entity's or not active (another
 * entity's service is never revealed); the gate's answer when the module is closed. */
enum http_status
page_sat_servicio(struct req *r, struct resp *rs)
{
	enum http_status s = sat_cerrado(r, rs);
	struct db_stmt *st;
	struct view *v;
	const char *nombre, *doc;

	if (s)
		return s;
	st = db_stmt(ST_SAT_SERVICIO_ENTIDAD, "ii", r->pathid[0], r->sess->entidad_id);
	if (st == NULL)
		return HTTP_ERROR;
	if (db_step(st) != DB_ROW)
		return HTTP_NOT_FOUND;
	nombre = db_text(r->a, st, 0);
	v = resp_page(rs, "sat/servicio.tpl", "Información del servicio");
	resp_crumb(rs, "Servicios web SAT", "/sat");
	resp_crumb(rs, nombre, NULL);
	view_set(v, "NOMBRE", nombre);
	view_set(v, "CLIENT_ID", db_text(r->a, st, 1));
	view_set(v, "ESTADO", db_text(r->a, st, 2));
	view_set(v, "URL", db_text(r->a, st, 3));
	view_set(v, "METODO", db_text(r->a, st, 4));
	view_set(v, "DESCRIPCION", db_text(r->a, st, 5));
	view_set(v, "NIT", r->sess->nit);
	doc = db_text(r->a, st, 6);
	db_reset(st);	/* no read left open for the worker's next request */
	sat_doc_show(r, v, doc);
	return HTTP_OK;
}

enum { K_NUEVA, K_CONFIRMACION, NCLAVE };
static const struct field clave_fields[NCLAVE] = {
	[K_NUEVA] = { "nueva", "Nueva contraseña", "password", v_password,
	    "Escriba la nueva contraseña.", NULL },
	[K_CONFIRMACION] = { "confirmacion", "Confirmación de la contraseña", "password",
	    v_password, "Escriba de nuevo la contraseña para confirmarla.", NULL },
};

/* The password page with errs (NULL: none) and status. */
static enum http_status
clave_page(struct req *r, struct resp *rs, enum http_status status, const char **errs)
{
	struct view *v = resp_page(rs, "sat/clave.tpl", "Asignar contraseña"), *x;
	struct db_stmt *st;

	resp_crumb(rs, "Servicios web SAT", "/sat");
	resp_crumb(rs, "Asignar contraseña", NULL);
	view_set(v, "NIT", r->sess->nit);
	if (status == HTTP_OK && req_query(r, "ok") != NULL)
		view_show(v, "OK");
	form_show(v, clave_fields, NCLAVE, NULL, errs);
	if ((st = db_stmt(ST_SAT_CLAVE_GET, "i", r->sess->entidad_id)) == NULL)
		return HTTP_ERROR;
	if (db_step(st) == DB_ROW && !db_col_null(st, 0)) {
		x = view_section(v, "ASIGNADA");
		view_set(x, "FECHA", fecha_local(r->a, db_col_int64(st, 0)));
		view_set(x, "QUIEN", db_col_text(st, 1));
	} else
		view_show(v, "SIN_CLAVE");
	db_reset(st);
	return status;
}

/* GET /sat/clave: 200 with the connection user (the NIT) and whether a password is set. */
enum http_status
page_sat_clave(struct req *r, struct resp *rs)
{
	enum http_status s = sat_cerrado(r, rs);

	return s ? s : clave_page(r, rs, HTTP_OK, NULL);
}

/* POST /sat/clave (F_REAUTH): 303 to the page saying it was set, the entity's delegates
 * told by mail; 400 with the reason next to the field when the password is weak or the
 * confirmation differs (nothing stored); 429 with Retry-After, at once, when every hashing
 * slot is taken. The hash is computed before the transaction; neither the audit nor the
 * mail holds the password. */
enum http_status
page_sat_clave_post(struct req *r, struct resp *rs)
{
	enum http_status s = sat_cerrado(r, rs);
	const char *nueva, *e;
	char mcf[PASSWD_MCF_LEN];
	struct form *f;
	int rc;

	if (s)
		return s;
	nueva = (f = form_read(r, clave_fields, NCLAVE))->val[K_NUEVA];
	/* The rules only for a well-formed pair; a refused password leaves no other error. */
	if (f->bad == 0 && (e = clave_problema(nueva, r->sess->nit, NULL)) != NULL)
		form_error(f, K_NUEVA, e);
	else if (f->bad == 0 && strcmp(nueva, f->val[K_CONFIRMACION]) != 0)
		form_error(f, K_CONFIRMACION, "La confirmación no coincide con la nueva "
		    "contraseña.");
	if (f->bad > 0)
		return clave_page(r, rs, HTTP_BAD_REQUEST, f->err);
	if (passwd_cupo_take() < 0) {
		form_error(f, K_NUEVA, PASSWD_OCUPADO_CLAVE);
		resp_header(rs, "Retry-After", PASSWD_REINTENTAR);
		return clave_page(r, rs, HTTP_TOO_MANY, f->err);
	}
	rc = passwd_hash(nueva, mcf);
	passwd_cupo_release();
	if (rc != 0)
		return HTTP_ERROR;
	if (db_begin() != 0)
		return HTTP_ERROR;
	if (db_exec(ST_SAT_CLAVE_SET, "tiii", mcf, r->now, r->sess->usuario_id,
	    r->sess->entidad_id) != 0 || db_changes() != 1 ||
	    audit(r, "sat_clave_asignada", "contraseña de conexión de la entidad %s",
	    r->sess->nit) != 0 || aviso_credencial(r, NULL, arena_printf(r->a, "Se asignó una "
	    "nueva contraseña de conexión a los servicios web del Ministerio para su entidad "
	    "(usuario de conexión %s). La contraseña anterior dejó de servir.",
	    r->sess->nit)) != 0 || db_commit() != 0) {
		db_rollback();
		return HTTP_ERROR;
	}
	return resp_redirect(rs, "/sat/clave?ok=1");
}
