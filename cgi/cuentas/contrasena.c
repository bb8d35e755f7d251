/*
 * Password pages: "¿Olvidó su contraseña?", the one-time link that sets a password (after
 * registration or a reset), and "Cambiar contraseña" for a logged-in user. A new password
 * ends the user's other sessions.
 */
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/claves_comunes.h"
#include "core/db.h"
#include "cuentas/enlace.h"
#include "core/entidad.h"
#include "core/form.h"
#include "cuentas/cuentas.h"
#include "cuentas/invitaciones.h"
#include "cuentas/ingreso.h"
#include "core/metricas.h"
#include "core/passwd.h"
#include "core/session.h"
#include "core/valid.h"
#include "cuentas/sql.h"

enum { O_USUARIO, O_CORREO, NOLVIDO };
static const struct field olvido_fields[NOLVIDO] = {
	[O_USUARIO] = { "usuario", "Usuario", "text", v_login, "Escriba su usuario (login).",
	    NULL },
	[O_CORREO] = { "correo", "Correo electrónico registrado", "email", v_email,
	    "Escriba un correo válido, por ejemplo nombre@entidad.gov.co.", NULL },
};

#define NUEVA_FIELDS \
	{ "nueva", "Nueva contraseña", "password", v_password, "Escriba la nueva contraseña.", \
	    "Al menos 12 caracteres. Puede usar una frase con espacios; no use su usuario, " \
	    "su documento ni contraseñas comunes." }, \
	{ "confirmar", "Confirme la nueva contraseña", "password", v_password, \
	    "Escriba de nuevo la contraseña.", NULL }

enum { N_NUEVA, N_CONFIRMAR, NNUEVA };
static const struct field nueva_fields[NNUEVA] = { NUEVA_FIELDS };

enum { C_ACTUAL, C_NUEVA, C_CONFIRMAR, NCAMBIAR };
static const struct field cambiar_fields[NCAMBIAR] = {
	{ "actual", "Contraseña actual", "password", v_password, "Escriba su contraseña actual.",
	    NULL },
	NUEVA_FIELDS,
};

/* The account's login, document and password hash. Returns 0, or -1 when it is gone. */
static int
cuenta(struct req *r, long long uid, const char **login, const char **doc, const char **hash)
{
	struct usuario_fila u;

	if (cuentas_usuario_get(r->a, uid, &u) <= 0)
		return -1;
	*login = u.login;
	*doc = u.num_doc;
	*hash = u.pass_hash;
	return u.activo ? 0 : -1;
}

/* Checks the new password pair of f (fields k and k + 1: NUEVA_FIELDS) against the
 * rules, marking the first that breaks one. */
static void
reglas(struct form *f, int k, const char *login, const char *doc)
{
	const char *why;

	if (f->err[k] != NULL)
		return;
	if ((why = clave_problema(f->val[k], login, doc)) != NULL)
		form_error(f, k, why);
	else if (f->err[k + 1] == NULL && strcmp(f->val[k], f->val[k + 1]) != 0)
		form_error(f, k + 1, "Las dos contraseñas no coinciden.");
}

/* GET /clave/olvido: 200 with the form, or the notice after a request (?enviado=1). */
static enum http_status
olvido_form(struct req *r, struct resp *rs, enum http_status st, const char **vals,
    const char **errs, const char *fail)
{
	struct view *v = resp_page(rs, "cuentas/clave_olvido.tpl", "¿Olvidó su contraseña?");

	resp_crumb(rs, "Iniciar sesión", "/login");
	resp_crumb(rs, "¿Olvidó su contraseña?", NULL);
	if (req_query(r, "enviado") != NULL && vals == NULL)
		view_show(v, "ENVIADO");
	csrf_pre(r, rs);
	form_show(v, olvido_fields, NOLVIDO, vals, errs);
	if (fail != NULL)
		view_set(view_section(v, "FAIL"), "TEXT", fail);
	return st;
}

enum http_status
page_clave_olvido(struct req *r, struct resp *rs)
{
	return olvido_form(r, rs, HTTP_OK, NULL, NULL, NULL);
}

/* Issues a reset link for uid and mails it, in one transaction. Returns 0 or -1. */
static int
send_enlace(struct req *r, long long uid, const char *nombre, const char *login,
    const char *correo)
{
	const char *url;

	if (db_begin() < 0)
		return -1;
	if ((url = cuentas_enlace_issue(r, uid, "restablecer")) == NULL ||
	    outbox_add_secreto(correo, "Portal de Interoperabilidad: restablecer su contraseña",
	    arena_printf(r->a, "Señor(a) %s:\n\nRecibimos una solicitud para restablecer la "
	    "contraseña del usuario %s.\n\nPara asignar una nueva abra este enlace (sirve una "
	    "sola vez y durante 24 horas):\n%s\n\nSi usted no lo pidió, ignore este mensaje: su "
	    "contraseña actual sigue vigente.\n", nombre, login, url), r->now,
	    r->now + ENLACE_VIDA) < 0 ||
	    audit_as(r, uid, login, "clave_olvido", "enlace enviado") < 0) {
		db_rollback();
		return -1;
	}
	return db_commit();
}

/* POST /clave/olvido: 303 to the same notice whether or not login and e-mail match an
 * account (and the same work: one password hash either way); 400 when a field is not
 * even well formed; 429 with Retry-After, at once, when every hashing slot is taken. */
enum http_status
page_clave_olvido_post(struct req *r, struct resp *rs)
{
	struct form *f = form_read(r, olvido_fields, NOLVIDO);
	const char *usuario = f->val[O_USUARIO], *nombre = NULL, *correo = NULL, *login = NULL;
	struct db_stmt *st;
	long long uid = 0;

	if (f->bad > 0)
		return olvido_form(r, rs, HTTP_BAD_REQUEST, f->val, f->err, NULL);
	if ((st = db_stmt(ST_USUARIO_BY_LOGIN_CORREO, "tt", usuario, f->val[O_CORREO])) != NULL &&
	    db_step(st) == DB_ROW) {
		uid = db_col_int64(st, 0);
		nombre = db_text(r->a, st, 1);
		correo = db_text(r->a, st, 2);
		login = db_text(r->a, st, 3);
	}
	if (st != NULL)
		db_reset(st);
	/* The cost of a login attempt, match or not, so timing does not tell. */
	if (passwd_cupo_take() < 0)
		return olvido_form(r, rs, cuentas_login_ocupado(rs), f->val, NULL, PASSWD_OCUPADO_CLAVE);
	passwd_check(NULL, usuario);
	passwd_cupo_release();
	/* Sent to the address on record, as spelled there. */
	if (uid != 0 && send_enlace(r, uid, nombre, login, correo) < 0)
		return HTTP_ERROR;
	if (uid == 0 && audit_as(r, 0, usuario, "clave_olvido", "sin coincidencia") < 0)
		return HTTP_ERROR;
	return resp_redirect(rs, "/clave/olvido?enviado=1");
}

/* The page of a link that does not work: 410 when used or expired, 404 when unknown. */
static enum http_status
enlace_invalido(struct resp *rs, enum enlace_estado e)
{
	struct view *v = resp_page(rs, "cuentas/clave_nueva.tpl", "Enlace no válido");

	resp_crumb(rs, "Asignar contraseña", NULL);
	view_set(view_section(v, "INVALIDO"), "TEXT", e == ENLACE_USADO ?
	    "Este enlace ya fue usado (o fue reemplazado por uno más reciente). Cada enlace "
	    "sirve una sola vez." : e == ENLACE_VENCIDO ? "Este enlace venció: los enlaces "
	    "sirven durante 24 horas." : "Este enlace no existe. Revise que lo copió completo.");
	return e == ENLACE_DESCONOCIDO ? HTTP_NOT_FOUND : HTTP_GONE;
}

/* The set-password form of a valid link. */
static enum http_status
nueva_form(struct req *r, struct resp *rs, enum http_status st, const char *login,
    const char **vals, const char **errs)
{
	struct view *v = resp_page(rs, "cuentas/clave_nueva.tpl", "Asignar contraseña");

	resp_crumb(rs, "Asignar contraseña", NULL);
	v = view_section(v, "FORM");
	view_set(v, "LOGIN", login);
	view_set(v, "TOKEN", r->pathv[0]);
	csrf_pre(r, rs);
	form_show(v, nueva_fields, NNUEVA, vals, errs);
	return st;
}

/* GET /clave/{token}: 200 with the form; 410 or 404 with the page of a bad link. */
enum http_status
page_clave_enlace(struct req *r, struct resp *rs)
{
	const char *login, *doc, *hash;
	enum enlace_estado e;
	struct enlace en;

	if ((e = cuentas_enlace_find(r, r->pathv[0], &en)) != ENLACE_VALIDO)
		return enlace_invalido(rs, e);
	if (cuenta(r, en.usuario_id, &login, &doc, &hash) < 0)
		return enlace_invalido(rs, ENLACE_DESCONOCIDO);
	rs->nostore = 1;
	return nueva_form(r, rs, HTTP_OK, login, NULL, NULL);
}

/* Sets uid's password from a link in one transaction: link used, hash, every session
 * ended, every lock of the login lifted (the mailbox proved the owner), audit; the
 * account's first password (primera) also accepts the invitations of the entity that
 * created it (cuentas_invitaciones_cuenta_nueva). Returns 0, 1 when the link was used meanwhile,
 * or -1. */
static int
set_by_enlace(struct req *r, const struct enlace *en, const char *login, const char *mcf,
    int primera)
{
	const char *clave = cuentas_intento_clave(r, INTENTO_LOGIN, login);

	if (db_begin() < 0)
		return -1;
	if (cuentas_enlace_use(r, en) < 0) {
		db_rollback();
		return 1;
	}
	if (db_exec(ST_USUARIO_SET_HASH, "ti", mcf, en->usuario_id) < 0 ||
	    db_exec(ST_SESION_DELETE_USUARIO, "i", en->usuario_id) < 0 ||
	    db_exec(ST_INTENTO_SEGUIDO_DESBLOQUEAR, "tti", "login", clave, 0LL) < 0 ||
	    db_exec(ST_INTENTO_DESBLOQUEAR, "ttii", "login", clave, 0LL, 0LL) < 0 ||
	    audit_as(r, en->usuario_id, login, strcmp(en->proposito, "activar") == 0 ?
	    "clave_asignada" : "clave_restablecida", "por enlace de un solo uso") < 0 ||
	    (primera && cuentas_invitaciones_cuenta_nueva(r, en->usuario_id, login) < 0)) {
		db_rollback();
		return -1;
	}
	return db_commit();
}

/* POST /clave/{token}: 303 to /login?clave=1; 400 with the form when the password breaks
 * a rule; 410 or 404 when the link does not work; 429 with Retry-After, at once, when
 * every hashing slot is taken. */
enum http_status
page_clave_enlace_post(struct req *r, struct resp *rs)
{
	const char *login, *doc, *hash;
	char mcf[PASSWD_MCF_LEN];
	enum enlace_estado e;
	struct enlace en;
	struct form *f;
	int rc;

	if ((e = cuentas_enlace_find(r, r->pathv[0], &en)) != ENLACE_VALIDO)
		return enlace_invalido(rs, e);
	if (cuenta(r, en.usuario_id, &login, &doc, &hash) < 0)
		return enlace_invalido(rs, ENLACE_DESCONOCIDO);
	f = form_read(r, nueva_fields, NNUEVA);
	reglas(f, N_NUEVA, login, doc);
	if (f->bad > 0)
		return nueva_form(r, rs, HTTP_BAD_REQUEST, login, f->val, f->err);
	if (passwd_cupo_take() < 0) {
		form_error(f, N_NUEVA, PASSWD_OCUPADO_CLAVE);
		return nueva_form(r, rs, cuentas_login_ocupado(rs), login, f->val, f->err);
	}
	/* Hashed before the write transaction, never inside it. */
	rc = passwd_hash(f->val[N_NUEVA], mcf);
	passwd_cupo_release();
	if (rc < 0)
		return HTTP_ERROR;
	if ((rc = set_by_enlace(r, &en, login, mcf, hash == NULL)) == 1)
		return enlace_invalido(rs, ENLACE_USADO);
	if (rc < 0)
		return HTTP_ERROR;
	session_end(r, rs);
	return resp_redirect(rs, "/login?clave=1");
}

/* The change-password form. */
static enum http_status
change_form(struct req *r, struct resp *rs, enum http_status st, const char **vals,
    const char **errs)
{
	struct view *v = resp_page(rs, "cuentas/clave_cambiar.tpl", "Cambiar contraseña");

	resp_crumb(rs, "Cambiar contraseña", NULL);
	if (req_query(r, "ok") != NULL && vals == NULL)
		view_show(v, "OK");
	form_show(v, cambiar_fields, NCAMBIAR, vals, errs);
	return st;
}

/* GET /cuenta/clave: 200 with the form. */
enum http_status
page_cuenta_clave(struct req *r, struct resp *rs)
{
	return change_form(r, rs, HTTP_OK, NULL, NULL);
}

/* Checks the current password of "Cambiar contraseña" (field C_ACTUAL of f), a login:
 * locked, counted and audited like one. The caller holds a hashing slot. Returns 0 when
 * right, 1 with the field's error set when wrong or locked, -1 on error. */
static int
clave_actual(struct req *r, const char *login, const char *hash, struct form *f)
{
	enum intento_res res = cuentas_intento_reserve(r, INTENTO_LOGIN, login);

	if (res == INTENTO_ERROR)
		return -1;
	if (res != INTENTO_OK) {
		metricas_login_fallido(MET_LOGIN_BLOQUEADO);
		form_error(f, C_ACTUAL, cuentas_login_aviso(res));
		return 1;
	}
	if (!passwd_check(hash, f->val[C_ACTUAL])) {
		metricas_login_fallido(MET_LOGIN_CLAVE_ACTUAL);
		audit(r, "clave_actual_fallida", "cambio de contraseña");
		form_error(f, C_ACTUAL, "La contraseña actual no es correcta.");
		return 1;
	}
	/* Right: the attempt is given back (not cleared: that is the login's business). */
	return cuentas_intento_give_back(r, INTENTO_LOGIN, login);
}

/* POST /cuenta/clave: 303 to /cuenta/clave?ok=1, the other sessions ended; 400 with the
 * form when the current password is wrong or locked, or the new one breaks a rule; 429
 * with Retry-After, at once, when every hashing slot is taken. */
enum http_status
page_cuenta_clave_post(struct req *r, struct resp *rs)
{
	const char *login, *doc, *hash;
	char mcf[PASSWD_MCF_LEN];
	struct form *f;
	int rc = 0;

	if (cuenta(r, r->sess->usuario_id, &login, &doc, &hash) < 0)
		return HTTP_ERROR;
	f = form_read(r, cambiar_fields, NCAMBIAR);
	if (f->err[C_ACTUAL] == NULL && passwd_cupo_take() < 0) {
		form_error(f, C_ACTUAL, PASSWD_OCUPADO_TEXTO);
		return change_form(r, rs, cuentas_login_ocupado(rs), f->val, f->err);
	}
	/* The slot is taken when the current password is well formed. */
	if (f->err[C_ACTUAL] == NULL && (rc = clave_actual(r, login, hash, f)) < 0)
		return HTTP_ERROR;
	reglas(f, C_NUEVA, login, doc);
	if (f->bad > 0) {
		passwd_cupo_release();
		return change_form(r, rs, HTTP_BAD_REQUEST, f->val, f->err);
	}
	/* The new password is hashed in the same slot, before the write transaction. */
	rc = passwd_hash(f->val[C_NUEVA], mcf);
	passwd_cupo_release();
	if (rc < 0 || db_begin() < 0)
		return HTTP_ERROR;
	if (db_exec(ST_USUARIO_SET_HASH, "ti", mcf, r->sess->usuario_id) < 0 ||
	    db_exec(ST_ENLACE_ANULAR, "ii", r->now, r->sess->usuario_id) < 0 ||
	    db_exec(ST_SESION_DELETE_OTRAS, "ib", r->sess->usuario_id, r->sess->hash, 32) < 0 ||
	    audit(r, "clave_cambiada", "otras sesiones cerradas: %d", db_changes()) < 0) {
		db_rollback();
		return HTTP_ERROR;
	}
	if (db_commit() < 0)
		return HTTP_ERROR;
	return resp_redirect(rs, "/cuenta/clave?ok=1");
}
