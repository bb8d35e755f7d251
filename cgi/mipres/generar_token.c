/*
 * MIPRES pages: "Generar token" (/mipres/token) for a dispenser's or an EPS's users. The
 * entity's NIT, its current user token by its last characters, and a button that makes a
 * new GUID (revoking the previous one), shown once in full. An EPS's role is of one
 * régimen (securityAdmin_MIPRES_EPSC / _EPSS): its token is that régimen's, and a token
 * reaches only that régimen's lines (mipres_ve), so the role, never the form, says which.
 */
#include <string.h>

#include "core/audit.h"
#include "core/db.h"
#include "mipres/generar_token.h"
#include "mipres/mipres.h"
#include "core/roles.h"
#include "core/session.h"
#include "core/text.h"
#include "core/valid.h"

/* Whether the session's role is an EPS's. */
static int
es_eps(const struct req *r)
{
	return (r->sess->role & (R_EPSC | R_EPSS)) != 0;
}

void
mipres_quien_sesion(const struct req *r, struct mipres_quien *q)
{
	q->entidad_id = r->sess->entidad_id;
	q->nit = r->sess->nit;
	q->es_eps = es_eps(r);
	q->regimen = r->sess->role == R_EPSC ? "contributivo" :
	    r->sess->role == R_EPSS ? "subsidiado" : "";
}

/* Adds one current token to the page's list. */
static void
vigente(void *arg, const char *regimen, const char *final, long long creado)
{
	struct req *r = ((void **)arg)[0];
	struct view *row = view_section(((void **)arg)[1], "TOKEN");

	view_set(row, "REGIMEN", regimen[0] ? regimen : "—");
	view_setf(row, "FINAL", "••••••••-••••-••••-••••-••••••••%s", final);
	view_set(row, "CREADO", fecha_local(r->a, creado));
}

/* Renders the page: nuevo is the token just generated (shown once) or NULL. */
static enum http_status
token_page(struct req *r, struct resp *rs, const struct mipres_quien *q, const char *nuevo)
{
	struct view *v = resp_page(rs, "mipres/token.tpl", "Token del servicio web MIPRES");
	void *arg[2] = { r, v };

	rs->nostore = 1;
	resp_crumb(rs, "Token del servicio web MIPRES", NULL);
	view_setf(v, "NIT", "%s-%d", r->sess->nit, nit_dv(r->sess->nit));
	view_set(v, "NIT_SIN_DV", r->sess->nit);
	view_set(v, "ENTIDAD", r->sess->razon);
	mipres_token_vigentes(q->entidad_id, q->regimen, vigente, arg);
	if (nuevo != NULL)
		view_set(view_section(v, "NUEVO"), "TOKEN", nuevo);
	if (q->es_eps)
		view_set(view_section(v, "EPS"), "REGIMEN", q->regimen);
	return HTTP_OK;
}

/* GET /mipres/token: 200. */
enum http_status
page_mipres_token(struct req *r, struct resp *rs)
{
	struct mipres_quien q;

	mipres_quien_sesion(r, &q);
	return token_page(r, rs, &q, NULL);
}

/* POST /mipres/token (F_REAUTH): 200 with the new token (of the role's régimen for an
 * EPS) shown once, the entity's delegates told by mail (without the token); 500 when it
 * could not be stored. */
enum http_status
page_mipres_token_post(struct req *r, struct resp *rs)
{
	char guid[MP_GUID_LEN + 1];
	struct mipres_quien q;

	mipres_quien_sesion(r, &q);
	if (db_begin() < 0)
		return HTTP_ERROR;
	if (mipres_token_nuevo(q.entidad_id, q.regimen, r->sess->usuario_id, r->now, guid) < 0 ||
	    audit(r, "mipres_token", "token de usuario MIPRES generado%s%s (termina en %s); el "
	    "anterior queda revocado", q.es_eps ? " para el régimen " : "", q.regimen,
	    guid + MP_GUID_LEN - MP_FINAL_LEN) < 0 || aviso_credencial(r, NULL,
	    arena_printf(r->a, "Se generó un nuevo token de usuario del servicio web MIPRES para "
	    "su entidad%s%s. El token anterior%s quedó revocado: los programas que lo usen "
	    "dejarán de funcionar.", q.es_eps ? ", régimen " : "", q.regimen,
	    q.es_eps ? " de ese régimen" : "")) < 0 || db_commit() < 0) {
		db_rollback();
		return HTTP_ERROR;
	}
	return token_page(r, rs, &q, guid);
}
