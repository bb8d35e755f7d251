/*
 * MIPRES pages: "Generar token" (/mipres/token) for a dispenser's or an EPS's users. The
 * entity's NIT, its current user tokens by their last characters, and a button that makes
 * a new GUID (revoking the previous one of that régimen), shown once in full.
 */
#include <string.h>

#include "audit.h"
#include "db.h"
#include "form.h"
#include "mipres.h"
#include "pages.h"
#include "roles.h"
#include "session.h"
#include "text.h"
#include "valid.h"

static int
v_regimen(const char *s)
{
	return strcmp(s, "contributivo") == 0 || strcmp(s, "subsidiado") == 0;
}

static const struct field eps_fields[] = {
	{ "regimen", "Régimen", "select", v_regimen,
	    "Elija el régimen del token: contributivo o subsidiado.",
	    "Una EPS tiene un token por régimen; generar uno nuevo reemplaza el anterior del "
	    "mismo régimen." },
};
static const char *const regimenes[] = { "contributivo", "Contributivo", "subsidiado",
	"Subsidiado", NULL };
static const struct form_opts eps_opts[] = { { "regimen", regimenes } };

/* Whether the session's role is an EPS's. */
static int
es_eps(const struct req *r)
{
	return (r->sess->role & (R_EPSC | R_EPSS)) != 0;
}

void
mp_quien_sesion(const struct req *r, struct mp_quien *q)
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
token_page(struct req *r, struct resp *rs, enum http_status st, const char *nuevo,
    const char **vals, const char **errs)
{
	struct view *v = resp_page(rs, "mipres_token.tpl", "Token del servicio web MIPRES");
	void *arg[2] = { r, v };
	const char *def[1];

	rs->nostore = 1;
	resp_crumb(rs, "Token del servicio web MIPRES", NULL);
	view_set(v, "CSRF", r->sess->csrf);
	view_setf(v, "NIT", "%s-%d", r->sess->nit, nit_dv(r->sess->nit));
	view_set(v, "NIT_SIN_DV", r->sess->nit);
	view_set(v, "ENTIDAD", r->sess->razon);
	mp_token_vigentes(r->sess->entidad_id, vigente, arg);
	if (nuevo != NULL)
		view_set(view_section(v, "NUEVO"), "TOKEN", nuevo);
	if (es_eps(r)) {
		def[0] = r->sess->role == R_EPSS ? "subsidiado" : "contributivo";
		if (vals == NULL)
			vals = def;
		form_show_opts(view_section(v, "EPS"), eps_fields, 1, vals, errs, eps_opts, 1);
	}
	return st;
}

/* GET /mipres/token: 200. */
enum http_status
page_mipres_token(struct req *r, struct resp *rs)
{
	return token_page(r, rs, HTTP_OK, NULL, NULL, NULL);
}

/* POST /mipres/token: 200 with the new token shown once; 400 with the régimen's message
 * (EPS) and nothing written; 500 when it could not be stored. */
enum http_status
page_mipres_token_post(struct req *r, struct resp *rs)
{
	const char *vals[1] = { "" }, *errs[1] = { NULL };
	char guid[MP_GUID_LEN + 1];

	if (es_eps(r) && form_read(r, eps_fields, 1, vals, errs) > 0)
		return token_page(r, rs, HTTP_BAD_REQUEST, NULL, vals, errs);
	if (db_begin() < 0)
		return HTTP_ERROR;
	if (mp_token_nuevo(r->sess->entidad_id, vals[0], r->sess->usuario_id, r->now,
	    guid) < 0 || audit(r, "mipres_token", "token de usuario MIPRES generado%s%s "
	    "(termina en %s); el anterior queda revocado", vals[0][0] ? " para el régimen " : "",
	    vals[0], guid + MP_GUID_LEN - MP_FINAL_LEN) < 0 || db_commit() < 0) {
		db_rollback();
		return HTTP_ERROR;
	}
	return token_page(r, rs, HTTP_OK, guid, es_eps(r) ? vals : NULL, NULL);
}
