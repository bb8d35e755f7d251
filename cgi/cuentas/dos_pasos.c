/*
 * "Verificación en dos pasos" (Resolución 1888 de 2025): TOTP enrolled from a QR code with
 * one-time recovery codes, the login's second step, re-authentication before a secret
 * shows, and the ministry administrator's reset of a lost factor. Mandatory for ministry
 * staff (Rol_IHCE_MSPS, Administrador_MSPS), offered to everyone else.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/audit.h"
#include "core/db.h"
#include "core/form.h"
#include "core/lista.h"
#include "core/log.h"
#include "cuentas/ingreso.h"
#include "core/metricas.h"
#include "cuentas/cuentas.h"
#include "core/passwd.h"
#include "core/qr.h"
#include "core/roles.h"
#include "core/router.h"
#include "core/secret.h"
#include "core/session.h"
#include "core/text.h"
#include "cuentas/totp.h"
#include "core/valid.h"
#include "cuentas/sql.h"

#define ISSUER		"Portal MinSalud"

enum factor_estado { FACTOR_NINGUNO, FACTOR_PENDIENTE, FACTOR_ACTIVO };

/* A user's factor; key and b32 only once opened. */
struct factor {
	enum factor_estado	 estado;
	long long		 ultimo;		/* last accepted step, -1 when none */
	long long		 activado;
	unsigned char		 key[TOTP_KEYLEN];
	char			 b32[TOTP_B32LEN + 1];
};

static const struct field codigo_fields[] = {
	{ "codigo", "Código de verificación", "text", cuentas_v_segundo_factor,
	    "Escriba el código de 6 dígitos que muestra su aplicación, o uno de sus códigos "
	    "de recuperación (xxxx-xxxx-xxxx-xxxx).",
	    "Ábralo en su aplicación de autenticación (Google Authenticator, Microsoft "
	    "Authenticator, FreeOTP…). Si perdió el teléfono, use un código de recuperación." },
};

static const struct field activar_fields[] = {
	{ "codigo", "Código de 6 dígitos", "text", cuentas_v_totp,
	    "Escriba el código de 6 dígitos que muestra su aplicación.", NULL },
};

/* The code is asked only of a user with an active factor: the form's first RA_CON_CODIGO
 * fields, else the first RA_SIN_CODIGO. */
enum { RA_CLAVE, RA_CODIGO, RA_CON_CODIGO, RA_SIN_CODIGO = RA_CODIGO };
static const struct field reauth_fields[RA_CON_CODIGO] = {
	[RA_CLAVE] = { "clave", "Contraseña", "password", v_password, "Escriba su contraseña.",
	    NULL },
	[RA_CODIGO] = { "codigo", "Código de verificación", "text", cuentas_v_segundo_factor,
	    "Escriba el código de 6 dígitos de su aplicación o un código de recuperación.",
	    NULL },
};

/* The additional data that binds a sealed secret to its user's row. */
static const char *
secret_ad(struct req *r, long long uid)
{
	return arena_printf(r->a, "totp.secreto:%lld", uid);
}

/* Loads uid's factor into f, opening the secret when open is set. Returns 0, or -1 on a
 * database error or a secret that does not open (tampered, or another key). */
static int
factor_get(struct req *r, long long uid, int open, struct factor *f)
{
	struct db_stmt *st = db_stmt(ST_TOTP_GET, "i", uid);
	const void *ct = NULL;
	size_t ctlen = 0;
	char *b32 = NULL;
	int rc = 0;

	memset(f, 0, sizeof(*f));
	f->ultimo = -1;
	if (st == NULL)
		return -1;
	if (db_step(st) == DB_ROW) {
		f->estado = db_col_int(st, 1) ? FACTOR_ACTIVO : FACTOR_PENDIENTE;
		if (!db_col_null(st, 2))
			f->ultimo = db_col_int64(st, 2);
		f->activado = db_col_int64(st, 3);
		ctlen = (size_t)db_col_bytes(st, 0);
		if ((ct = db_col_blob(st, 0)) != NULL && open)
			b32 = secret_open(r->a, ct, ctlen, secret_ad(r, uid));
		if (open && (b32 == NULL || strlen(b32) != TOTP_B32LEN ||
		    cuentas_base32_decode(b32, f->key, sizeof(f->key)) != TOTP_KEYLEN)) {
			log_err("totp: the secret of user %lld does not open", uid);
			rc = -1;
		} else if (open)
			memcpy(f->b32, b32, TOTP_B32LEN + 1);
	}
	db_reset(st);
	return rc;
}

enum paso
cuentas_segundo_paso(long long uid)
{
	struct db_stmt *st = db_stmt(ST_TOTP_GET, "i", uid);
	int activo = 0;

	if (st != NULL && db_step(st) == DB_ROW)
		activo = db_col_int(st, 1);
	if (st != NULL)
		db_reset(st);
	if (activo)
		return PASO_CODIGO;
	return db_int(ST_USUARIO_ES_MINISTERIO, 0, "i", uid) ? PASO_ENROLAR : PASO_LISTO;
}

/* Checks a second-factor answer of uid: a TOTP code (its step recorded, so it never works
 * again) or an unused recovery code (spent). Returns 1 for a code, 2 for a recovery code,
 * 0 when neither is right, -1 on error. */
static int
factor_ok(struct req *r, long long uid, const char *typed)
{
	char six[TOTP_DIGITS + 1], canon[17];
	unsigned char h[32];
	struct factor f;
	long long step;

	if (cuentas_totp_normalize(typed, six) == 0) {
		if (factor_get(r, uid, 1, &f) < 0 || f.estado != FACTOR_ACTIVO)
			return f.estado == FACTOR_ACTIVO ? -1 : 0;
		if ((step = cuentas_totp_check(f.key, sizeof(f.key), six, r->now, f.ultimo)) < 0)
			return 0;
		sodium_memzero(f.key, sizeof(f.key));
		/* Only when the step is still after the last: a concurrent use loses. */
		if (db_exec(ST_TOTP_PASO, "iii", step, uid, step) < 0)
			return -1;
		return db_changes() == 1 ? 1 : 0;
	}
	if (cuentas_recup_normalize(typed, canon) < 0)
		return 0;
	cuentas_recup_hash(uid, canon, h);
	if (db_exec(ST_RECUP_USAR, "iib", r->now, uid, h, 32) < 0)
		return -1;
	return db_changes() == 1 ? 2 : 0;
}

/* ---- The login's second step ---- */

/* The second-step form. */
static enum http_status
codigo_form(struct resp *rs, enum http_status st, const char **vals,
    const char **errs, const char *fail)
{
	struct view *v = resp_page(rs, "cuentas/login_codigo.tpl", "Verificación en dos pasos");

	resp_crumb(rs, "Verificación en dos pasos", NULL);
	form_show(v, codigo_fields, 1, vals, errs);
	if (fail != NULL)
		view_set(view_section(v, "FAIL"), "TEXT", fail);
	return st;
}

/* The page of a login locked during the second step (its session already ended). */
static enum http_status
bloqueado(struct resp *rs, const char *msg)
{
	struct view *v = resp_page(rs, "error.tpl", "Usuario bloqueado");

	view_setint(v, "STATUS", HTTP_TOO_MANY);
	view_set(v, "TEXT", msg);
	return HTTP_TOO_MANY;
}

/* GET /login/codigo: 200 with the form for the code. */
enum http_status
page_login_codigo(struct req *r, struct resp *rs)
{
	(void)r;
	return codigo_form(rs, HTTP_OK, NULL, NULL, NULL);
}

/* Completes the login of the session after a right code, in the caller's transaction: new
 * session id, nothing more due, audited. Returns 0 or -1. */
static int
complete(struct req *r, struct resp *rs, int kind)
{
	long long uid = r->sess->usuario_id, rol_id = r->sess->rol_id;
	int elegir = r->sess->elegir;

	if (audit(r, "login", kind == 2 ? "código de recuperación usado (quedan %lld)" :
	    "código de verificación correcto", db_int(ST_RECUP_RESTANTES, 0, "i", uid)) < 0 ||
	    session_start_login(r, rs, uid, rol_id, elegir, PASO_LISTO) < 0)
		return -1;
	return 0;
}

/* POST /login/codigo: 303 home with a new session id when the code (or a recovery code)
 * is right; 400 with the form when it is malformed, wrong or used already (counted as a
 * failed login, before the check); 429 when the login is locked (the session ends). */
enum http_status
page_login_codigo_post(struct req *r, struct resp *rs)
{
	struct form *f = form_read(r, codigo_fields, 1);
	const char *login = r->sess->login;
	long long uid = r->sess->usuario_id;
	enum intento_res res;
	int kind;

	if (f->bad > 0)
		return codigo_form(rs, HTTP_BAD_REQUEST, f->val, f->err, NULL);
	if ((res = cuentas_intento_reserve(r, INTENTO_LOGIN, login)) != INTENTO_OK) {
		if (res == INTENTO_ERROR)
			return HTTP_ERROR;
		metricas_login_fallido(MET_LOGIN_BLOQUEADO);
		audit_as(r, uid, login, "login_bloqueado", "en el segundo paso");
		session_end(r, rs);
		return bloqueado(rs, cuentas_login_aviso(res));
	}
	if (db_begin() < 0)
		return HTTP_ERROR;
	if ((kind = factor_ok(r, uid, f->val[0])) > 0) {
		if (complete(r, rs, kind) < 0 || db_commit() < 0) {
			db_rollback();
			return HTTP_ERROR;
		}
		cuentas_intento_exito(r, INTENTO_LOGIN, login);
		return resp_redirect(rs, "/");
	}
	db_rollback();
	if (kind < 0)
		return HTTP_ERROR;
	metricas_login_fallido(MET_LOGIN_CODIGO);
	audit_as(r, uid, login, "login_codigo_fallido", NULL);
	/* The failure that reaches a limit ends the session at once. */
	if ((res = cuentas_intento_estado(r, INTENTO_LOGIN, login)) != INTENTO_OK) {
		session_end(r, rs);
		return bloqueado(rs, cuentas_login_aviso(res));
	}
	form_error(f, 0, "El código no es correcto o ya fue usado. Espere el siguiente código "
	    "de su aplicación e intente de nuevo.");
	return codigo_form(rs, HTTP_BAD_REQUEST, f->val, f->err, NULL);
}

/* ---- Enrollment ---- */

/* A new secret for uid, sealed and stored as pending (unless a factor is active). Fills
 * f. Returns 0 or -1. */
static int
nuevo_pendiente(struct req *r, long long uid, struct factor *f)
{
	unsigned char *ct;
	size_t len;

	memset(f, 0, sizeof(*f));
	randombytes_buf(f->key, sizeof(f->key));
	cuentas_base32_encode(f->key, sizeof(f->key), f->b32);
	f->estado = FACTOR_PENDIENTE;
	f->ultimo = -1;
	ct = secret_seal(r->a, f->b32, secret_ad(r, uid), &len);
	if (ct == NULL || db_exec(ST_TOTP_PENDIENTE, "ibi", uid, ct, (int)len, r->now) < 0)
		return -1;
	return db_changes() == 1 ? 0 : -1;
}

/* The secret in groups of four, as people copy it into an app. */
static const char *
agrupado(struct req *r, const char *b32)
{
	char *out = arena_alloc(r->a, TOTP_B32LEN + TOTP_B32LEN / 4 + 1), *o = out;
	int i;

	for (i = 0; b32[i] != '\0'; i++) {
		if (i > 0 && i % 4 == 0)
			*o++ = ' ';
		*o++ = b32[i];
	}
	*o = '\0';
	return out;
}

/* The enrollment or status page, with the pending secret f when enrolling. */
static enum http_status
dos_pasos_page(struct req *r, struct resp *rs, enum http_status st, const struct factor *f,
    const char **vals, const char **errs)
{
	struct view *v = resp_page(rs, "cuentas/dos_pasos.tpl", "Verificación en dos pasos"), *s;

	resp_crumb(rs, "Verificación en dos pasos", NULL);
	if (f->estado == FACTOR_ACTIVO) {
		s = view_section(v, "ACTIVO");
		view_set(s, "DESDE", fecha_local(r->a, f->activado));
		view_setint(s, "RESTANTES", db_int(ST_RECUP_RESTANTES, 0, "i",
		    r->sess->usuario_id));
		return st;
	}
	rs->nostore = 1;
	if (r->sess->role == R_ENROLAR)
		view_show(v, "OBLIGATORIO");
	s = view_section(v, "ENROLAR");
	view_set(s, "SECRETO", agrupado(r, f->b32));
	form_show(s, activar_fields, 1, vals, errs);
	return st;
}

/* GET /cuenta/dos-pasos: 200 with the state of the user's factor, or the enrollment (QR
 * code and the secret as text, the same pending secret until a code confirms it). */
enum http_status
page_dos_pasos(struct req *r, struct resp *rs)
{
	long long uid = r->sess->usuario_id;
	struct factor f;

	if (factor_get(r, uid, 1, &f) < 0)
		return HTTP_ERROR;
	if (f.estado == FACTOR_NINGUNO && nuevo_pendiente(r, uid, &f) < 0)
		return HTTP_ERROR;
	return dos_pasos_page(r, rs, HTTP_OK, &f, NULL, NULL);
}

/* GET /cuenta/dos-pasos/qr: 200 with the PNG of the user's pending secret (no-store);
 * 404 when none is pending (an active secret never shows again). */
enum http_status
page_dos_pasos_qr(struct req *r, struct resp *rs)
{
	struct factor f;

	if (factor_get(r, r->sess->usuario_id, 1, &f) < 0)
		return HTTP_ERROR;
	if (f.estado != FACTOR_PENDIENTE)
		return HTTP_NOT_FOUND;
	if (qr_png(&rs->body, cuentas_totp_uri(r->a, ISSUER, r->sess->login, f.b32)) < 0) {
		buf_reset(&rs->body);	/* no half image: the error page instead */
		return HTTP_ERROR;
	}
	rs->ctype = "image/png";
	rs->nostore = 1;
	return HTTP_OK;
}

/* Activates uid's pending factor at step with new recovery codes (into codes), audited; a
 * session that had to enroll is complete now. Returns 0, 1 when nothing was pending
 * (activated meanwhile), or -1. */
static int
activate(struct req *r, struct resp *rs, long long step, char codes[RECUP_N][RECUP_LEN + 1])
{
	long long uid = r->sess->usuario_id;
	unsigned char h[32];
	char canon[17];
	int i;

	if (db_begin() < 0)
		return -1;
	if (db_exec(ST_TOTP_ACTIVAR, "iii", r->now, step, uid) < 0 || db_changes() != 1) {
		db_rollback();
		return 1;
	}
	if (db_exec(ST_RECUP_DELETE, "i", uid) < 0)
		goto fail;
	for (i = 0; i < RECUP_N; i++) {
		cuentas_recup_new(codes[i]);
		cuentas_recup_normalize(codes[i], canon);
		cuentas_recup_hash(uid, canon, h);
		if (db_exec(ST_RECUP_INSERT, "ib", uid, h, 32) < 0)
			goto fail;
	}
	if (audit(r, "totp_activado", "con %d códigos de recuperación", RECUP_N) < 0)
		goto fail;
	if (r->sess->role == R_ENROLAR && session_start_login(r, rs, uid, r->sess->rol_id,
	    r->sess->elegir, PASO_LISTO) < 0)
		goto fail;
	return db_commit();
fail:
	db_rollback();
	return -1;
}

/* POST /cuenta/dos-pasos: 200 with the recovery codes, shown this once, when the code
 * confirms the pending secret; 400 with the form when it does not; 409 when no secret is
 * pending (already active). */
enum http_status
page_dos_pasos_post(struct req *r, struct resp *rs)
{
	char codes[RECUP_N][RECUP_LEN + 1], six[TOTP_DIGITS + 1];
	struct form *c;
	struct factor f;
	struct view *v;
	long long step = -1;
	int i, rc;

	if (factor_get(r, r->sess->usuario_id, 1, &f) < 0)
		return HTTP_ERROR;
	if (f.estado != FACTOR_PENDIENTE)
		return HTTP_CONFLICT;
	if ((c = form_read(r, activar_fields, 1))->bad == 0 &&
	    (cuentas_totp_normalize(c->val[0], six) < 0 ||
	    (step = cuentas_totp_check(f.key, sizeof(f.key), six, r->now, -1)) < 0))
		form_error(c, 0, "El código no corresponde. Revise que agregó la clave de este "
		    "código QR y que la hora de su teléfono es correcta, y escriba el código "
		    "actual.");
	if (c->bad > 0)
		return dos_pasos_page(r, rs, HTTP_BAD_REQUEST, &f, c->val, c->err);
	if ((rc = activate(r, rs, step, codes)) != 0)
		return rc > 0 ? HTTP_CONFLICT : HTTP_ERROR;
	rs->nostore = 1;
	v = resp_page(rs, "cuentas/dos_pasos_codigos.tpl", "Códigos de recuperación");
	resp_crumb(rs, "Verificación en dos pasos", NULL);
	for (i = 0; i < RECUP_N; i++)
		view_set(view_section(v, "CODIGO"), "TEXT", codes[i]);
	sodium_memzero(codes, sizeof(codes));
	return HTTP_OK;
}

/* ---- Re-authentication before a secret shows ---- */

/* Whether uid has an active factor. */
static int
factor_activo(long long uid)
{
	return cuentas_segundo_paso(uid) == PASO_CODIGO;
}

/* The POST route flagged F_REAUTH at path destino that the session's role may use (its
 * {param} values set in r), or NULL. */
static const struct route *
reauth_destino(struct req *r, const char *destino)
{
	const struct route *rt = NULL;

	if (destino == NULL || route_find(routes, nroutes, "POST", destino, r, &rt) != MATCH_OK ||
	    !(rt->flags & F_REAUTH) || !(rt->roles & r->sess->role))
		return NULL;
	return rt;
}

/* The re-authentication form for destino, carrying the fields of the request it
 * interrupted (all but the token and the form's own); nothing when the route goes back
 * to its page afterwards (F_VOLVER), which says so. */
static enum http_status
reauth_form(struct req *r, struct resp *rs, enum http_status st, const char *destino,
    const char **errs, const char *fail)
{
	struct view *v = resp_page(rs, "cuentas/reautenticar.tpl", "Confirme su identidad"), *c;
	const struct route *rt = reauth_destino(r, destino);
	const struct param *p;
	size_t i;

	resp_crumb(rs, "Confirme su identidad", NULL);
	rs->nostore = 1;
	view_set(v, "DESTINO", destino);
	if (rt != NULL && (rt->flags & F_VOLVER))
		view_show(v, "VOLVER");
	for (i = 0; (rt == NULL || !(rt->flags & F_VOLVER)) && i < r->form.n; i++) {
		p = &r->form.v[i];
		if (strcmp(p->key, "csrf") == 0 || strcmp(p->key, "clave") == 0 ||
		    strcmp(p->key, "codigo") == 0 || strcmp(p->key, "destino") == 0)
			continue;
		c = view_section(v, "CAMPO");
		view_set(c, "NAME", p->key);
		view_set(c, "VALUE", p->val);
	}
	form_show(v, reauth_fields, factor_activo(r->sess->usuario_id) ? RA_CON_CODIGO :
	    RA_SIN_CODIGO, NULL, errs);
	if (fail != NULL)
		view_set(view_section(v, "FAIL"), "TEXT", fail);
	return st;
}

/* For a route flagged F_REAUTH whose session authenticated too long ago: 200 with the
 * form that asks for the password (and code) and then goes on to the route (for a GET,
 * to the page again through its POST twin, F_VOLVER). */
enum http_status
page_reautenticacion(struct req *r, struct resp *rs)
{
	log_info("reauth: user %lld asked again before %s", r->sess->usuario_id, r->path);
	return reauth_form(r, rs, HTTP_OK, r->path, NULL, NULL);
}

/* Checks the password (and, when uid has a factor, the code) of the re-authentication
 * form: 1 right, 0 wrong, -1 on error. The code is tried only after a right password. */
static int
reauth_ok(struct req *r, long long uid, const struct form *f, int con_codigo)
{
	struct usuario_fila u;

	cuentas_usuario_get(r->a, uid, &u);	/* none: no hash, which no password matches */
	if (!passwd_check(u.pass_hash, f->val[RA_CLAVE]))
		return 0;
	return con_codigo ? (factor_ok(r, uid, f->val[RA_CODIGO]) > 0) : 1;
}

/* POST /reautenticar: when the password (and code) are right, records the time and answers
 * as the interrupted route (destino, a POST route flagged F_REAUTH that the session's role
 * may use) with the carried fields, through route_run (403 for a read-only perfil on an
 * F_ESCRIBE route); 400 with the form when they are wrong (counted as a
 * failed login, before the check) or malformed; 404 for any other destino; 429 when the
 * login is locked, or at once with Retry-After when every hashing slot is taken. */
enum http_status
page_reautenticacion_post(struct req *r, struct resp *rs)
{
	const char *destino = req_form(r, "destino");
	const char *login = r->sess->login;
	long long uid = r->sess->usuario_id;
	const struct route *rt = reauth_destino(r, destino);
	int con = factor_activo(uid), ok;
	enum intento_res res;
	struct form *f;

	if (rt == NULL)
		return HTTP_NOT_FOUND;
	f = form_read(r, reauth_fields, con ? RA_CON_CODIGO : RA_SIN_CODIGO);
	if (f->bad > 0)
		return reauth_form(r, rs, HTTP_BAD_REQUEST, destino, f->err, NULL);
	if (passwd_cupo_take() < 0)
		return reauth_form(r, rs, cuentas_login_ocupado(rs), destino, NULL, PASSWD_OCUPADO_TEXTO);
	if ((res = cuentas_intento_reserve(r, INTENTO_LOGIN, login)) != INTENTO_OK) {
		passwd_cupo_release();
		if (res == INTENTO_ERROR)
			return HTTP_ERROR;
		metricas_login_fallido(MET_LOGIN_BLOQUEADO);
		audit(r, "reautenticacion_bloqueada", "%s", destino);
		return reauth_form(r, rs, HTTP_TOO_MANY, destino, NULL, cuentas_login_aviso(res));
	}
	ok = reauth_ok(r, uid, f, con);
	passwd_cupo_release();
	if (ok < 0)
		return HTTP_ERROR;
	if (!ok) {
		metricas_login_fallido(MET_LOGIN_REAUT);
		audit(r, "reautenticacion_fallida", "%s", destino);
		return reauth_form(r, rs, HTTP_BAD_REQUEST, destino, NULL, con ?
		    "La contraseña o el código de verificación no son correctos." :
		    "La contraseña no es correcta.");
	}
	cuentas_intento_exito(r, INTENTO_LOGIN, login);
	if (session_reautenticado(r) < 0 || audit(r, "reautenticacion", "%s", destino) < 0)
		return HTTP_ERROR;
	if (rt->flags & F_VOLVER)
		return resp_redirect(rs, destino);
	/* Through the router: the route's every check (the read-only perfil, its CSRF) holds. */
	return route_run(rt, r, rs);
}

/* ---- The ministry administrator's reset of a lost factor ---- */

/* One user with an active factor (ST_TOTP_LIST). */
static void
usuario_fila(struct req *r, struct view *row, struct db_stmt *st)
{
	view_setint(row, "ID", db_col_int64(st, 0));
	view_set(row, "LOGIN", db_text(r->a, st, 1));
	view_set(row, "DESDE", fecha_local(r->a, db_col_int64(st, 2)));
	view_setint(row, "RESTANTES", db_col_int64(st, 3));
	view_set(row, "PN", db_text(r->a, st, 4));
	view_set(row, "SN", db_text(r->a, st, 5));
	view_set(row, "PA", db_text(r->a, st, 6));
	view_set(row, "SA", db_text(r->a, st, 7));
}

/* GET /admin/dos-pasos: 200 with the users who have an active factor. */
enum http_status
page_admin_dos_pasos(struct req *r, struct resp *rs)
{
	static const struct lista usuarios = { NULL, "USUARIO", "VACIA", 0 };
	struct view *v = resp_page(rs, "admin/dos_pasos.tpl", "Verificación en dos pasos");

	resp_crumb(rs, "Administración", "/admin");
	resp_crumb(rs, "Verificación en dos pasos", NULL);
	if (req_query(r, "ok") != NULL)
		view_show(v, "OK");
	if (lista_filas(r, v, &usuarios, db_stmt(ST_TOTP_LIST, ""), usuario_fila) < 0)
		return HTTP_ERROR;
	return HTTP_OK;
}

/* Removes uid's factor and recovery codes, ends the user's sessions and mails the user,
 * audited, in one transaction. Returns 0, 1 when uid has no active factor, or -1. */
static int
reset_dos_pasos(struct req *r, long long uid)
{
	const char *login = NULL, *nombre, *correo;
	struct usuario_fila u;
	struct db_stmt *st;

	if (db_begin() < 0)
		return -1;
	cuentas_usuario_get(r->a, uid, &u);
	nombre = u.nombre;
	correo = u.correo;
	if ((st = db_stmt(ST_TOTP_LOGIN, "i", uid)) != NULL && db_step(st) == DB_ROW)
		login = db_text(r->a, st, 0);
	if (st != NULL)
		db_reset(st);
	if (login == NULL || correo == NULL) {
		db_rollback();
		return 1;
	}
	if (db_exec(ST_TOTP_DELETE, "i", uid) < 0 || db_exec(ST_RECUP_DELETE, "i", uid) < 0 ||
	    db_exec(ST_SESION_DELETE_USUARIO, "i", uid) < 0 ||
	    outbox_add(correo, "Portal de Interoperabilidad: verificación en dos pasos "
	    "restablecida", arena_printf(r->a, "Señor(a) %s:\n\nUn administrador del Ministerio "
	    "restableció la verificación en dos pasos del usuario %s. La próxima vez que ingrese "
	    "podrá activarla de nuevo con su aplicación de autenticación.\n\nSi usted no lo "
	    "pidió, comuníquese de inmediato con la mesa de ayuda del Ministerio.\n", nombre,
	    login), r->now) < 0 ||
	    audit(r, "totp_restablecido", "usuario %s", login) < 0) {
		db_rollback();
		return -1;
	}
	return db_commit();
}

/* POST /admin/dos-pasos/{id}/restablecer: 303 to the list; 404 when the user has no
 * active factor. */
enum http_status
page_admin_dos_pasos_reset(struct req *r, struct resp *rs)
{
	int rc = reset_dos_pasos(r, r->pathid[0]);

	if (rc == 1)
		return HTTP_NOT_FOUND;
	if (rc < 0)
		return HTTP_ERROR;
	return resp_redirect(rs, "/admin/dos-pasos?ok=1");
}
