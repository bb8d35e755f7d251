/* SAT pages of the funcionario MSPS (role Rol_IHCE_MSPS): the CCF and AP entities and their
 * activation, the catalog of services with their OpenAPI documents, and the services
 * enabled for each entity with the Client ID each assignment generates. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/audit.h"
#include "core/db.h"
#include "core/entidad.h"
#include "core/form.h"
#include "core/lista.h"
#include "sat/openapi.h"
#include "sat/conexion.h"
#include "sat/sat.h"
#include "sat/valid.h"
#include "core/session.h"
#include "core/text.h"
#include "core/valid.h"
#include "sat/sql.h"

#define ENTIDADES_MAX	50	/* rows of the entity list; more asks to refine */

static int
v_tipo_entidad(const char *s)
{
	return strcmp(s, "CCF") == 0 || strcmp(s, "AP") == 0;
}

static int
v_estado(const char *s)
{
	return strcmp(s, "Activo") == 0 || strcmp(s, "Inactivo") == 0;
}

static const struct field servicio_fields[] = {
	{ "nombre", "Nombre del servicio", "text", v_sat_nombre,
	    "Escriba el nombre del servicio (hasta 100 caracteres).", NULL },
	{ "descripcion", "Descripción", "textarea", v_sat_descripcion,
	    "Escriba la descripción del servicio (hasta 1000 caracteres).", NULL },
	{ "tipo_entidad", "Tipo de entidad", "select", v_tipo_entidad,
	    "Elija para qué tipo de entidad es el servicio.", NULL },
	{ "estado", "Estado", "select", v_estado, "Elija el estado del servicio.",
	    "Un servicio inactivo no se puede habilitar para más entidades." },
	{ "url_base", "URL base", "text", v_https_url,
	    "Escriba una URL absoluta que empiece por https:// (sin usuario ni espacios).",
	    "Por ejemplo https://sat.minsalud.gov.co/api/afiliados" },
	{ "metodo", "Método HTTP", "select", con_metodo_valido,
	    "Elija el método HTTP del servicio.", NULL },
};
#define NSERVICIO	(sizeof(servicio_fields) / sizeof(servicio_fields[0]))
enum { S_NOMBRE, S_DESCRIPCION, S_TIPO, S_ESTADO, S_URL, S_METODO };

static const char *const tipo_opts[] = { "CCF", "Caja de Compensación Familiar (CCF)",
	"AP", "Administradora de Pensiones (AP)", NULL };
static const char *const estado_opts[] = { "Activo", "Activo", "Inactivo", "Inactivo",
	NULL };
static const char *const metodo_opts[] = { "GET", "GET", "POST", "POST", "PUT", "PUT",
	"PATCH", "PATCH", "DELETE", "DELETE", NULL };
static const struct form_opts servicio_opts[] = {
	{ "tipo_entidad", tipo_opts }, { "estado", estado_opts }, { "metodo", metodo_opts },
};

/* The tabs of the SAT pages, current one marked. */
static void
tabs(struct view *v, const char *actual)
{
	view_show(view_include(v, "TABS", "sat/msps_tabs.tpl"), actual);
}

/* s as a LIKE pattern matching it anywhere ('%', '_' and '\' escaped with '\'). */
static const char *
patron(struct arena *a, const char *s)
{
	char *out = arena_alloc(a, 2 * strlen(s) + 3), *o = out;

	*o++ = '%';
	for (; *s != '\0'; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			*o++ = '\\';
		*o++ = *s;
	}
	*o++ = '%';
	*o = '\0';
	return out;
}

/* One CCF or AP entity of the list (ST_SAT_ENTIDADES). */
static void
entidad_fila(struct req *r, struct view *row, struct db_stmt *st)
{
	(void)r;
	view_setint(row, "ID", db_col_int64(st, 0));
	view_set(row, "NIT", db_col_text(st, 1));
	view_set(row, "RAZON", db_col_text(st, 2));
	view_set(row, "TIPO", db_col_text(st, 3));
	view_set(row, "ACTIVO", db_col_int(st, 4) ? "Activo" : "Sin activar");
	view_setint(row, "SERVICIOS", db_col_int64(st, 5));
}

/* GET /msps/sat: 200 with the CCF and AP entities matching ?q (NIT or razón social). */
enum http_status
page_msps_sat(struct req *r, struct resp *rs)
{
	static const struct lista entidades = { NULL, "FILA", "VACIA", ENTIDADES_MAX };
	const char *q = req_query(r, "q");
	struct view *v;
	long n;

	v = resp_page(rs, "sat/msps_entidades.tpl", "Entidades SAT");
	resp_crumb(rs, "Entidades SAT", NULL);
	tabs(v, "ENTIDADES");
	if (q == NULL || !v_utf8(q))
		q = "";
	view_set(v, "Q", q);
	if ((n = lista_filas(r, v, &entidades, db_stmt(ST_SAT_ENTIDADES, "tti", patron(r->a, q),
	    patron(r->a, fold_search(r->a, q)), (long long)ENTIDADES_MAX + 1),
	    entidad_fila)) < 0)
		return HTTP_ERROR;
	if (n > ENTIDADES_MAX)
		view_setint(view_section(v, "MAS"), "N", ENTIDADES_MAX);
	return HTTP_OK;
}

/* A CCF or AP entity as the ministry's pages need it. */
struct sat_ent {
	long long	 id;
	const char	*nit, *razon, *tipo, *quien;
	int		 activo;	/* -1 never activated, 0 deactivated, 1 active */
	long long	 activado, clave_fecha;
};

/* Reads entity id into e. Returns 1, 0 when it is not a CCF or AP entity, -1 on error. */
static int
sat_ent_get(struct req *r, long long id, struct sat_ent *e)
{
	struct db_stmt *st = db_stmt(ST_SAT_ENTIDAD_GET, "i", id);

	if (st == NULL)
		return -1;
	if (db_step(st) != DB_ROW)
		return 0;
	/* Every one-row read is reset after it: a statement left stepping keeps a read
	 * transaction open, and the next write of this worker would meet an old snapshot. */
	e->id = id;
	e->nit = db_text(r->a, st, 0);
	e->razon = db_text(r->a, st, 1);
	e->tipo = db_text(r->a, st, 2);
	e->activo = db_col_null(st, 3) ? -1 : db_col_int(st, 3);
	e->activado = db_col_int64(st, 4);
	e->quien = db_text(r->a, st, 5);
	e->clave_fecha = db_col_int64(st, 6);
	db_reset(st);
	return 1;
}

/* The assignments of e and the services that can still be enabled, into v. */
static int
asignaciones(struct req *r, struct view *v, const struct sat_ent *e)
{
	struct db_stmt *st = db_stmt(ST_SERVICIO_ASIGNADOS, "i", e->id);
	struct view *row, *f = NULL;
	int n = 0;

	if (st == NULL)
		return -1;
	while (db_step(st) == DB_ROW) {
		row = view_section(v, "ASIGNADO");
		view_setint(row, "ID", db_col_int64(st, 0));
		view_set(row, "NOMBRE", db_col_text(st, 1));
		view_set(row, "CLIENT_ID", db_col_text(st, 2));
		view_set(row, "ESTADO", !db_col_int(st, 3) ? "Desactivado" :
		    strcmp(db_col_text(st, 5), "Activo") == 0 ? "Habilitado" :
		    "Habilitado (servicio inactivo en el catálogo)");
		if (db_col_int(st, 3))
			view_show(row, "ACTIVO");
		view_set(row, "FECHA", fecha_local(r->a, db_col_int64(st, 4)));
		view_set(row, "QUIEN", db_col_text(st, 6));
		n++;
	}
	if (n == 0)
		view_show(v, "SIN_ASIGNADOS");
	if ((st = db_stmt(ST_SERVICIO_ASIGNABLES, "it", e->id, e->tipo)) == NULL)
		return -1;
	while (db_step(st) == DB_ROW) {
		if (f == NULL)
			f = view_section(v, "ASIGNAR");
		row = view_section(f, "OPCION");
		view_setint(row, "VALUE", db_col_int64(st, 0));
		view_set(row, "TEXT", db_col_text(st, 1));
	}
	if (f == NULL)
		view_show(v, "NADA_QUE_ASIGNAR");
	return 0;
}

/* The entity's page with an alert (or NULL) and status. */
static enum http_status
entidad_page(struct req *r, struct resp *rs, enum http_status status,
    const struct sat_ent *e, const char *alert)
{
	static const char *const oks[][2] = {
		{ "activada", "El módulo SAT fue activado para la entidad." },
		{ "desactivada", "El módulo SAT fue desactivado para la entidad." },
		{ "asignado", "El servicio fue habilitado y su Client ID generado." },
		{ "retirado", "El servicio fue desactivado para la entidad." },
	};
	struct view *v = resp_page(rs, "sat/msps_entidad.tpl", e->razon), *x;
	const char *ok = req_query(r, "ok");
	size_t i;

	resp_crumb(rs, "Entidades SAT", "/msps/sat");
	resp_crumb(rs, e->razon, NULL);
	tabs(v, "ENTIDADES");
	for (i = 0; alert == NULL && ok != NULL && i < sizeof(oks) / sizeof(oks[0]); i++)
		if (strcmp(ok, oks[i][0]) == 0)
			view_set(view_section(v, "OK"), "TEXT", oks[i][1]);
	if (alert != NULL)
		view_set(view_section(v, "ALERTA"), "TEXT", alert);
	view_setint(v, "ID", e->id);
	view_setf(v, "NIT", "%s-%d", e->nit, nit_dv(e->nit));
	view_set(v, "RAZON", e->razon);
	view_set(v, "TIPO", e->tipo);
	view_set(v, "ACTIVO", e->activo == 1 ? "Activo" : e->activo == 0 ? "Desactivado" :
	    "Sin activar");
	if (e->activo >= 0) {
		x = view_section(v, "ACTIVADO");
		view_set(x, "FECHA", fecha_local(r->a, e->activado));
		view_set(x, "QUIEN", e->quien);
	}
	view_show(v, e->activo == 1 ? "PUEDE_DESACTIVAR" : "PUEDE_ACTIVAR");
	view_set(v, "CLAVE", e->clave_fecha ? arena_printf(r->a, "Asignada el %s",
	    fecha_local(r->a, e->clave_fecha)) : "Sin asignar");
	return asignaciones(r, v, e) == 0 ? status : HTTP_ERROR;
}

/* GET /msps/sat/entidades/{id}: 200 with the entity, its activation and services; 404
 * when it is not a CCF or AP entity. */
enum http_status
page_msps_sat_entidad(struct req *r, struct resp *rs)
{
	struct sat_ent e;
	int rc = sat_ent_get(r, r->pathid[0], &e);

	if (rc <= 0)
		return rc < 0 ? HTTP_ERROR : HTTP_NOT_FOUND;
	return entidad_page(r, rs, HTTP_OK, &e, NULL);
}

/* Runs statement st with the entity's id and an audit entry in one transaction.
 * Returns the rows changed, or -1. */
static int
cambio_entidad(struct req *r, const struct sat_ent *e, int activar, const char *accion)
{
	int n;

	if (db_begin() != 0)
		return -1;
	if ((activar ? db_exec(ST_SAT_ACTIVAR, "iii", e->id, r->now, r->sess->usuario_id) :
	    db_exec(ST_SAT_DESACTIVAR, "i", e->id)) != 0 || (n = db_changes()) < 0 ||
	    (n > 0 && audit(r, accion, "entidad %s (%s) %s", e->nit, e->tipo,
	    e->razon) != 0) || db_commit() != 0) {
		db_rollback();
		return -1;
	}
	return n;
}

/* POST /msps/sat/entidades/{id}/activar: 303 to the entity; 409 when already active;
 * 404 when it is not a CCF or AP entity. */
enum http_status
page_msps_sat_activate(struct req *r, struct resp *rs)
{
	struct sat_ent e;
	int rc = sat_ent_get(r, r->pathid[0], &e);

	if (rc <= 0)
		return rc < 0 ? HTTP_ERROR : HTTP_NOT_FOUND;
	if (e.activo == 1)
		return entidad_page(r, rs, HTTP_CONFLICT, &e, "El módulo ya está activo.");
	if (cambio_entidad(r, &e, 1, "sat_activar") < 0)
		return HTTP_ERROR;
	return resp_redirect(rs, arena_printf(r->a, "/msps/sat/entidades/%lld?ok=activada",
	    e.id));
}

/* POST /msps/sat/entidades/{id}/desactivar: 303 to the entity; 409 when not active;
 * 404 when it is not a CCF or AP entity. */
enum http_status
page_msps_sat_deactivate(struct req *r, struct resp *rs)
{
	struct sat_ent e;
	int rc = sat_ent_get(r, r->pathid[0], &e);

	if (rc <= 0)
		return rc < 0 ? HTTP_ERROR : HTTP_NOT_FOUND;
	if ((rc = e.activo == 1 ? cambio_entidad(r, &e, 0, "sat_desactivar") : 0) < 0)
		return HTTP_ERROR;
	if (rc == 0)
		return entidad_page(r, rs, HTTP_CONFLICT, &e, "El módulo no está activo.");
	return resp_redirect(rs, arena_printf(r->a, "/msps/sat/entidades/%lld?ok=desactivada",
	    e.id));
}

void
sat_client_id(char out[37])
{
	unsigned char b[16];

	randombytes_buf(b, sizeof(b));
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8],
	    b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

/*
 * POST /msps/sat/entidades/{id}/asignar (servicio): 303 to the entity with the service
 * enabled and its Client ID generated (enabling it again keeps the one it had); 400 when
 * the service is unknown, inactive or of another entity type; 409 when already enabled;
 * 404 when the entity is not a CCF or AP entity.
 */
enum http_status
page_msps_sat_assign(struct req *r, struct resp *rs)
{
	long long sid = parse_id(req_form(r, "servicio"));
	const char *nombre = NULL, *tipo = NULL, *estado = NULL;
	struct sat_ent e;
	struct db_stmt *st;
	char cid[37];
	int rc = sat_ent_get(r, r->pathid[0], &e), n;

	if (rc <= 0)
		return rc < 0 ? HTTP_ERROR : HTTP_NOT_FOUND;
	if ((st = db_stmt(ST_SERVICIO_GET, "i", sid)) == NULL)
		return HTTP_ERROR;
	if (db_step(st) == DB_ROW) {
		nombre = db_text(r->a, st, SERVICIO_GET_NOMBRE);
		tipo = db_text(r->a, st, SERVICIO_GET_TIPO_ENTIDAD);
		estado = db_text(r->a, st, SERVICIO_GET_ESTADO);
	}
	db_reset(st);
	if (nombre == NULL || strcmp(tipo, e.tipo) != 0 || strcmp(estado, "Activo") != 0)
		return entidad_page(r, rs, HTTP_BAD_REQUEST, &e, arena_printf(r->a, "Elija un "
		    "servicio activo del catálogo para entidades %s.", e.tipo));
	sat_client_id(cid);
	if (db_begin() != 0)
		return HTTP_ERROR;
	if (db_exec(ST_SERVICIO_ASIGNAR, "iitii", sid, e.id, cid, r->now,
	    r->sess->usuario_id) != 0 || (n = db_changes()) < 0 || (n > 0 &&
	    audit(r, "sat_servicio_asignar", "servicio %s para la entidad %s", nombre,
	    e.nit) != 0) || db_commit() != 0) {
		db_rollback();
		return HTTP_ERROR;
	}
	if (n == 0)
		return entidad_page(r, rs, HTTP_CONFLICT, &e, "El servicio ya está habilitado "
		    "para la entidad.");
	return resp_redirect(rs, arena_printf(r->a, "/msps/sat/entidades/%lld?ok=asignado",
	    e.id));
}

/* POST /msps/sat/asignados/{id}/desactivar: 303 to the entity, the service no longer
 * enabled for it; 409 when it was not; 404 when the assignment is unknown. */
enum http_status
page_msps_sat_asignado_deactivate(struct req *r, struct resp *rs)
{
	long long id = r->pathid[0], ent;
	const char *nombre;
	struct sat_ent e;
	struct db_stmt *st;
	int n;

	if ((st = db_stmt(ST_SERVICIO_ASIGNADO_GET, "i", id)) == NULL)
		return HTTP_ERROR;
	if (db_step(st) != DB_ROW)
		return HTTP_NOT_FOUND;
	ent = db_col_int64(st, 0);
	nombre = db_text(r->a, st, 1);
	db_reset(st);
	if (sat_ent_get(r, ent, &e) <= 0)
		return HTTP_ERROR;
	if (db_begin() != 0)
		return HTTP_ERROR;
	if (db_exec(ST_SERVICIO_ASIGNADO_DESACTIVAR, "i", id) != 0 || (n = db_changes()) < 0 ||
	    (n > 0 && audit(r, "sat_servicio_retirar", "servicio %s para la entidad %s",
	    nombre, e.nit) != 0) || db_commit() != 0) {
		db_rollback();
		return HTTP_ERROR;
	}
	if (n == 0)
		return entidad_page(r, rs, HTTP_CONFLICT, &e, "El servicio ya estaba desactivado "
		    "para la entidad.");
	return resp_redirect(rs, arena_printf(r->a, "/msps/sat/entidades/%lld?ok=retirado",
	    e.id));
}

/* One service of the catalog (ST_SERVICIO_LIST). */
static void
servicio_fila(struct req *r, struct view *row, struct db_stmt *st)
{
	view_setint(row, "ID", db_col_int64(st, 0));
	view_set(row, "NOMBRE", db_col_text(st, 1));
	view_set(row, "TIPO", db_col_text(st, 2));
	view_set(row, "ESTADO", db_col_text(st, 3));
	view_set(row, "URL", db_col_text(st, 4));
	view_set(row, "METODO", db_col_text(st, 5));
	view_set(row, "FECHA", fecha_local(r->a, db_col_int64(st, 6)));
	view_setint(row, "ENTIDADES", db_col_int64(st, 7));
}

/* GET /msps/sat/servicios: 200 with the catalog. */
enum http_status
page_msps_sat_servicios(struct req *r, struct resp *rs)
{
	static const struct lista servicios = { NULL, "FILA", "VACIO", 0 };
	struct view *v;

	v = resp_page(rs, "sat/msps_servicios.tpl", "Catálogo de servicios");
	resp_crumb(rs, "Catálogo de servicios", NULL);
	tabs(v, "CATALOGO");
	if (req_query(r, "ok") != NULL)
		view_show(v, "OK");
	if (lista_filas(r, v, &servicios, db_stmt(ST_SERVICIO_LIST, ""), servicio_fila) < 0)
		return HTTP_ERROR;
	return HTTP_OK;
}

/* What the service form shows besides its fields: the stored document (edit), a valid
 * document received with a form that had other errors (kept in a hidden field), and the
 * document's error. */
struct doc_form {
	const char	*guardado;	/* the stored document, or NULL */
	const char	*conservado;	/* a valid document received, or NULL */
	const char	*error;		/* why the document was refused, or NULL */
};

/* The service form (id 0: new) with vals/errs (NULL: empty or stored) and status. */
static enum http_status
servicio_page(struct req *r, struct resp *rs, enum http_status status, long long id,
    const char **vals, const char **errs, const struct doc_form *d)
{
	const char *titulo = id ? "Editar servicio" : "Nuevo servicio";
	struct view *v = resp_page(rs, "sat/msps_servicio.tpl", titulo), *x;
	size_t bad = 0, i;

	resp_crumb(rs, "Catálogo de servicios", "/msps/sat/servicios");
	resp_crumb(rs, id ? vals[S_NOMBRE] : titulo, NULL);
	tabs(v, "CATALOGO");
	view_set(v, "TITULO", titulo);
	view_set(v, "ACTION", id ? arena_printf(r->a, "/msps/sat/servicios/%lld", id) :
	    "/msps/sat/servicios/nuevo");
	view_setint(v, "MAX_KIB", OPENAPI_MAX / 1024);
	if (status == HTTP_OK && req_query(r, "ok") != NULL)
		view_show(v, "OK");
	/* The field table shows the alert when a field is wrong; the document alone too. */
	for (i = 0; errs != NULL && i < NSERVICIO; i++)
		bad += errs[i] != NULL;
	if (d->error != NULL) {
		view_set(view_section(v, "DOC_ERROR"), "TEXT", d->error);
		if (bad == 0)
			view_show(v, "ERRORS");
	}
	view_set(v, "DOC_INVALID", d->error != NULL ? "true" : "false");
	form_show_opts(v, servicio_fields, NSERVICIO, vals, errs, servicio_opts,
	    sizeof(servicio_opts) / sizeof(servicio_opts[0]));
	if (d->guardado != NULL)
		view_show(v, "ACTUAL");
	if (d->conservado != NULL)
		view_set(view_section(v, "CONSERVADO"), "TEXTO", d->conservado);
	if (d->guardado != NULL && status == HTTP_OK) {
		x = view_section(v, "VISTA");
		sat_doc_show(r, x, d->guardado);
	}
	return status;
}

/* GET /msps/sat/servicios/nuevo: 200 with the empty form. */
enum http_status
page_msps_sat_servicio_nuevo(struct req *r, struct resp *rs)
{
	static const char *vacios[NSERVICIO] = { "", "", "CCF", "Activo", "", "" };
	struct doc_form d = { 0 };

	return servicio_page(r, rs, HTTP_OK, 0, vacios, NULL, &d);
}

/* Reads service id into vals and its document into *doc. Returns 1, 0 unknown, -1. */
static int
servicio_get(struct req *r, long long id, const char **vals, const char **doc)
{
	struct db_stmt *st = db_stmt(ST_SERVICIO_GET, "i", id);

	if (st == NULL)
		return -1;
	if (db_step(st) != DB_ROW)
		return 0;
	vals[S_NOMBRE] = db_text(r->a, st, SERVICIO_GET_NOMBRE);
	vals[S_DESCRIPCION] = db_text(r->a, st, SERVICIO_GET_DESCRIPCION);
	vals[S_TIPO] = db_text(r->a, st, SERVICIO_GET_TIPO_ENTIDAD);
	vals[S_ESTADO] = db_text(r->a, st, SERVICIO_GET_ESTADO);
	vals[S_URL] = db_text(r->a, st, SERVICIO_GET_URL_BASE);
	vals[S_METODO] = db_text(r->a, st, SERVICIO_GET_METODO);
	*doc = db_text(r->a, st, SERVICIO_GET_OPENAPI);
	db_reset(st);
	return 1;
}

/* GET /msps/sat/servicios/{id}: 200 with the form filled and the documentation as the
 * entities see it; 404 if unknown. */
enum http_status
page_msps_sat_servicio(struct req *r, struct resp *rs)
{
	const char *vals[NSERVICIO];
	struct doc_form d = { 0 };
	long long id = r->pathid[0];
	int rc = servicio_get(r, id, vals, &d.guardado);

	if (rc <= 0)
		return rc < 0 ? HTTP_ERROR : HTTP_NOT_FOUND;
	return servicio_page(r, rs, HTTP_OK, id, vals, NULL, &d);
}

/* The document of the form: a file uploaded, else the one kept from a previous attempt,
 * else (editing) the stored one. Sets d->error when there is none or it is refused, and
 * d->conservado to a valid document received. Returns the document or NULL. */
static const char *
documento(struct req *r, struct doc_form *d)
{
	const struct upload *u = req_file(r, "openapi");
	const char *kept = req_form(r, "openapi_actual"), *text = NULL;
	size_t n = 0;

	if (u != NULL && u->len > 0)
		text = u->data, n = u->len;
	else if (kept != NULL && kept[0] != '\0')
		text = kept, n = strlen(kept);
	else if (d->guardado != NULL)
		return d->guardado;
	if (text == NULL) {
		d->error = "Adjunte el documento OpenAPI del servicio (un archivo JSON).";
		return NULL;
	}
	if ((d->error = openapi_problema(r->a, text, n)) != NULL)
		return NULL;
	return d->conservado = text;
}

/* Validates and stores the service form (id 0: a new service). 303 to the catalog; 400
 * with the form when a field or the document is wrong (nothing stored). */
static enum http_status
servicio_save(struct req *r, struct resp *rs, long long id, struct doc_form *d)
{
	struct form *f = form_read(r, servicio_fields, NSERVICIO);
	const char **vals = f->val, *doc;
	int rc;

	doc = documento(r, d);
	if (f->bad > 0 || doc == NULL)
		return servicio_page(r, rs, HTTP_BAD_REQUEST, id, vals, f->err, d);
	if (db_begin() != 0)
		return HTTP_ERROR;
	rc = id ? db_exec(ST_SERVICIO_UPDATE, "tttttttii", vals[S_NOMBRE], vals[S_DESCRIPCION],
	    vals[S_TIPO], vals[S_ESTADO], vals[S_URL], vals[S_METODO], doc, r->now, id) :
	    db_exec(ST_SERVICIO_INSERT, "ttttttti", vals[S_NOMBRE], vals[S_DESCRIPCION],
	    vals[S_TIPO], vals[S_ESTADO], vals[S_URL], vals[S_METODO], doc, r->now);
	if (rc == DB_CONSTRAINT) {
		db_rollback();
		form_error(f, S_NOMBRE, "Ya existe un servicio con ese nombre en el catálogo.");
		return servicio_page(r, rs, HTTP_BAD_REQUEST, id, vals, f->err, d);
	}
	if (rc == 0 && id && db_changes() == 0) {
		db_rollback();
		form_error(f, S_TIPO, "No se puede cambiar el tipo de entidad: el servicio está "
		    "habilitado para entidades del tipo actual. Deshabilítelo en esas entidades "
		    "primero.");
		return servicio_page(r, rs, HTTP_BAD_REQUEST, id, vals, f->err, d);
	}
	if (rc != 0 || audit(r, id ? "sat_servicio_editar" : "sat_servicio_crear",
	    "servicio %s (%s, %s, %s %s)", vals[S_NOMBRE], vals[S_TIPO], vals[S_ESTADO],
	    vals[S_METODO], vals[S_URL]) != 0 || db_commit() != 0) {
		db_rollback();
		return HTTP_ERROR;
	}
	return resp_redirect(rs, "/msps/sat/servicios?ok=1");
}

/* POST /msps/sat/servicios/nuevo (multipart/form-data): see servicio_save. */
enum http_status
page_msps_sat_servicio_nuevo_post(struct req *r, struct resp *rs)
{
	struct doc_form d = { 0 };

	return servicio_save(r, rs, 0, &d);
}

/* POST /msps/sat/servicios/{id} (multipart/form-data): see servicio_save; without a
 * new document the stored one stays; 404 if unknown. */
enum http_status
page_msps_sat_servicio_post(struct req *r, struct resp *rs)
{
	const char *stored[NSERVICIO];
	struct doc_form d = { 0 };
	long long id = r->pathid[0];
	int rc = servicio_get(r, id, stored, &d.guardado);

	if (rc <= 0)
		return rc < 0 ? HTTP_ERROR : HTTP_NOT_FOUND;
	return servicio_save(r, rs, id, &d);
}
