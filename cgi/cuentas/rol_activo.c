/* "Mi lista de roles": a user with several roles chooses the one to work in. Choosing
 * rotates the session id. */
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/db.h"
#include "core/log.h"
#include "cuentas/cuentas.h"
#include "core/roles.h"
#include "core/session.h"
#include "core/text.h"
#include "core/valid.h"

/* Adds one row of the role list from a row of ST_ROLES_BY_USUARIO. */
static void
rol_row(struct req *r, struct view *v, struct db_stmt *st)
{
	struct view *row = view_section(v, "ROL");
	const char *nit = db_text(r->a, st, 2);
	long long id = db_col_int64(st, 0);

	view_setint(row, "ID", id);
	view_set(row, "NOMBRE", rol_etiqueta(db_col_text(st, 1)));
	view_setf(row, "NIT", "%s-%d", nit, nit_dv(nit));
	view_set(row, "ENTIDAD", db_text(r->a, st, 3));
	if (r->sess->role != R_PICK && id == r->sess->rol_id)
		view_show(row, "ACTUAL");
	else
		view_show(row, "ELEGIR");
}

/* GET /roles: 200 with the user's roles (and, with ?invitacion, that the one just
 * accepted is among them); 303 home when the user holds only one. */
enum http_status
page_roles(struct req *r, struct resp *rs)
{
	struct view *v;
	struct db_stmt *st;

	if (session_roles(r->sess->usuario_id, NULL) <= 1 && r->sess->role != R_PICK)
		return resp_redirect(rs, role_home(r->sess->role));
	v = resp_page(rs, "cuentas/roles.tpl", "Mi lista de roles");
	resp_crumb(rs, "Mi lista de roles", NULL);
	if (r->sess->role == R_PICK)
		view_show(v, "ELIJA");
	if (req_query(r, "invitacion") != NULL)
		view_show(v, "ACEPTADA");
	if ((st = db_stmt(ST_ROLES_BY_USUARIO, "i", r->sess->usuario_id)) == NULL)
		return HTTP_ERROR;
	while (db_step(st) == DB_ROW)
		if (role_bit(db_col_text(st, 1)) != 0)
			rol_row(r, v, st);
	db_reset(st);
	return HTTP_OK;
}

/* POST /roles: 303 to the chosen role's home with a new session id (the old one ends);
 * 403 when the assignment is not an active role of this user. */
enum http_status
page_roles_post(struct req *r, struct resp *rs)
{
	long long id = parse_id(req_form(r, "rol")), uid = r->sess->usuario_id;
	struct db_stmt *st = db_stmt(ST_ROL_DEL_USUARIO, "ii", id, uid);
	const char *rol = NULL;
	unsigned bit = 0;

	if (st != NULL && db_step(st) == DB_ROW)
		rol = db_text(r->a, st, 0);
	if (st != NULL)
		db_reset(st);
	if (rol == NULL || (bit = role_bit(rol)) == 0) {
		log_info("roles: user %lld refused assignment %lld", uid, id);
		return HTTP_FORBIDDEN;
	}
	/* The audit entry names the old session's role; its detail the new one. */
	if (db_begin() < 0)
		return HTTP_ERROR;
	if (audit(r, "cambio_rol", "asignación %lld, rol %s", id, rol) < 0 ||
	    session_start(r, rs, uid, id) < 0 || db_commit() < 0) {
		db_rollback();
		return HTTP_ERROR;
	}
	return resp_redirect(rs, role_home(bit));
}
