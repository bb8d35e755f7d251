/* SAT pages of a CCF's autorizado (role Rol_SAT_CCF): the gate, the terms and the main menu.
 * Every query is bound to the session's entity. */
#include <string.h>

#include "core/audit.h"
#include "core/db.h"
#include "core/roles.h"
#include "sat/sat.h"
#include "core/session.h"

int
sat_activa(long long entidad_id)
{
	return db_int(ST_SAT_ACTIVA, 0, "i", entidad_id) == 1;
}

int
sat_terminos(long long usuario_id, long long entidad_id)
{
	return (int)db_int(ST_SAT_TERMINOS_ULTIMA, -1, "iit", usuario_id, entidad_id,
	    SAT_TERMINOS_VERSION);
}

/* The page saying the module is closed for the entity, with status s. */
static enum http_status
inactiva(struct resp *rs, enum http_status s)
{
	resp_page(rs, "sat/inactiva.tpl", "Servicios web SAT");
	resp_crumb(rs, "Servicios web SAT", NULL);
	return s;
}

enum http_status
sat_cerrado(struct req *r, struct resp *rs)
{
	if (!sat_activa(r->sess->entidad_id))
		return inactiva(rs, HTTP_FORBIDDEN);
	if (sat_terminos(r->sess->usuario_id, r->sess->entidad_id) != 1)
		return resp_redirect(rs, "/sat/terminos");
	return 0;
}

/* GET /sat: the catalog of services the ministry enabled for the CCF and the actions. */
enum http_status
page_sat_home(struct req *r, struct resp *rs)
{
	struct view *v, *row;
	struct db_stmt *st;
	int n = 0;

	if (!sat_activa(r->sess->entidad_id))
		return inactiva(rs, HTTP_OK);
	if (sat_terminos(r->sess->usuario_id, r->sess->entidad_id) != 1)
		return resp_redirect(rs, "/sat/terminos");
	v = resp_page(rs, "sat/home.tpl", "Servicios web SAT");
	resp_crumb(rs, "Servicios web SAT", NULL);
	st = db_stmt(ST_SAT_CATALOGO_ENTIDAD, "i", r->sess->entidad_id);
	while (st != NULL && db_step(st) == DB_ROW) {
		row = view_section(v, "SERVICIO");
		view_setint(row, "ID", db_col_int64(st, 0));
		view_set(row, "NOMBRE", db_col_text(st, 1));
		view_set(row, "DESCRIPCION", db_col_text(st, 2));
		n++;
	}
	if (n == 0)
		view_show(v, "SIN_SERVICIOS");
	/* A CCF shares its own services; an AP reads its follow-up report. */
	view_show(v, r->sess->role == R_AP ? "AP" : "CCF");
	return HTTP_OK;
}

/* GET /sat/terminos: the terms and the privacy policy, with "Acepto" / "No acepto". */
enum http_status
page_sat_terminos(struct req *r, struct resp *rs)
{
	struct view *v;

	if (!sat_activa(r->sess->entidad_id))
		return inactiva(rs, HTTP_FORBIDDEN);
	v = resp_page(rs, "sat/terminos.tpl", "Términos y condiciones");
	resp_crumb(rs, "Servicios web SAT", "/sat");
	resp_crumb(rs, "Términos y condiciones", NULL);
	view_set(v, "VERSION", SAT_TERMINOS_VERSION);
	switch (sat_terminos(r->sess->usuario_id, r->sess->entidad_id)) {
	case 0:
		view_show(v, "DECLINADO");
		break;
	case 1:
		view_show(v, "ACEPTADO");
		break;
	}
	return HTTP_OK;
}

/* POST /sat/terminos: records the answer (who, when, from where, which version). */
enum http_status
page_sat_terminos_post(struct req *r, struct resp *rs)
{
	const char *d = req_form(r, "decision");
	int acepto;

	if (!sat_activa(r->sess->entidad_id))
		return inactiva(rs, HTTP_FORBIDDEN);
	if (d == NULL || (strcmp(d, "acepto") != 0 && strcmp(d, "no_acepto") != 0))
		return HTTP_BAD_REQUEST;
	acepto = strcmp(d, "acepto") == 0;
	if (db_begin() != 0)
		return HTTP_ERROR;
	if (db_exec(ST_SAT_TERMINOS_INSERT, "iitiit", r->sess->usuario_id, r->sess->entidad_id,
	    SAT_TERMINOS_VERSION, (long long)acepto, r->now, r->ip) != 0 ||
	    audit(r, acepto ? "sat_terminos_acepto" : "sat_terminos_no_acepto",
	    "versión %s", SAT_TERMINOS_VERSION) != 0 || db_commit() != 0) {
		db_rollback();
		return HTTP_ERROR;
	}
	return resp_redirect(rs, acepto ? "/sat" : "/sat/terminos");
}
