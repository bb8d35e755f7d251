/* Login, logout and the home redirect. */
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/db.h"
#include "cuentas/delegados.h"
#include "core/entidad.h"
#include "core/form.h"
#include "cuentas/cuentas.h"
#include "cuentas/invitaciones.h"
#include "core/log.h"
#include "cuentas/ingreso.h"
#include "core/metricas.h"
#include "cuentas/registro.h"
#include "core/passwd.h"
#include "core/roles.h"
#include "core/session.h"
#include "core/valid.h"
#include "cuentas/sql.h"

static const char nomatch[] = "Los datos de usuario no corresponden";
/* The same for a login that exists and one that does not: the locks tell nothing more. */
static const char locked[] = "Por seguridad, el ingreso de este usuario desde su dirección "
    "de red está bloqueado durante 15 minutos por demasiados intentos fallidos. Espere e "
    "intente de nuevo, o pida al administrador del Ministerio que lo desbloquee.";
static const char too_many[] = "Demasiados intentos fallidos. Espere 15 minutos antes de "
    "intentar de nuevo.";
static const char retenido[] = "Por seguridad, este usuario está bloqueado por demasiados "
    "intentos fallidos seguidos. Pida al administrador del Ministerio que lo desbloquee.";
static const char pending[] = "Su cuenta aún no ha sido habilitada: un administrador del "
    "Ministerio debe asignarle el rol. Le avisaremos por correo.";

enum { L_USUARIO, L_CLAVE, NLOGIN };
static const struct field login_fields[NLOGIN] = {
	[L_USUARIO] = { "usuario", "Usuario", "text", v_login, "Escriba su usuario.", NULL },
	[L_CLAVE] = { "clave", "Contraseña", "password", v_password, "Escriba su contraseña.",
	    NULL },
};

/* GET /: 303 to the role's home, or to the login page. */
enum http_status
page_home(struct req *r, struct resp *rs)
{
	return resp_redirect(rs, r->sess ? role_home(r->sess->role) : "/login");
}

/* Shows the login form with status st and an optional failure message. */
static enum http_status
login_form(struct req *r, struct resp *rs, enum http_status st, const char **vals,
    const char **errs, const char *fail)
{
	struct view *v = resp_page(rs, "cuentas/login.tpl", "Iniciar sesión");

	resp_crumb(rs, "Iniciar sesión", NULL);
	csrf_pre(r, rs);
	cuentas_registro_formatos(v);
	form_show(v, login_fields, NLOGIN, vals, errs);
	if (fail != NULL)
		view_set(view_section(v, "FAIL"), "TEXT", fail);
	if (req_query(r, "salio") != NULL)
		view_show(v, "BYE");
	if (req_query(r, "clave") != NULL && fail == NULL)
		view_show(v, "CLAVE");
	return st;
}

/* GET /login: 200 with the form, or 303 home when already logged in. */
enum http_status
page_login(struct req *r, struct resp *rs)
{
	if (r->sess != NULL)
		return resp_redirect(rs, role_home(r->sess->role));
	return login_form(r, rs, HTTP_OK, NULL, NULL, NULL);
}

const char *
cuentas_login_aviso(enum intento_res res)
{
	return res == INTENTO_RETENIDO ? retenido : res == INTENTO_DIRECCION ? too_many :
	    locked;
}

enum http_status
cuentas_login_ocupado(struct resp *rs)
{
	resp_header(rs, "Retry-After", PASSWD_REINTENTAR);
	return HTTP_TOO_MANY;
}

/* Looks the user up and checks the password (always one scrypt). Returns the user id, or 0
 * when the user, the password or the account's state does not allow a login; *waiting is
 * set when the account still waits for a ministry administrator's approval. */
static long long
authenticate(struct req *r, const char *login, const char *pw, int *waiting)
{
	struct db_stmt *st = db_stmt(ST_USUARIO_BY_LOGIN, "t", login);
	const char *hash = NULL, *aprobacion = NULL;
	long long id = 0;
	int activo = 0;

	if (st != NULL && db_step(st) == DB_ROW) {
		id = db_col_int64(st, USUARIO_BY_LOGIN_ID);
		hash = db_text(r->a, st, USUARIO_BY_LOGIN_PASS_HASH);
		activo = db_col_int(st, USUARIO_BY_LOGIN_ACTIVO);
		aprobacion = db_text(r->a, st, USUARIO_BY_LOGIN_APROBACION);
	}
	if (st != NULL)
		db_reset(st);
	if (!passwd_check(hash, pw) || !activo)
		return 0;
	*waiting = aprobacion != NULL && strcmp(aprobacion, "pendiente") == 0;
	return id;
}

/* POST /login: 303 home on success (the role list for a user with several roles, the
 * waiting invitations for one with no active role but invited); 400 with
 * the same message for any wrong user or password; 403 for the right password of an
 * account waiting for approval, or of a registrant whose delegate request waits or was
 * rejected (a page saying so, no session); 429 when the login is locked (from this
 * address, or until an administrator lifts it: whether it exists or not), when the
 * address failed too often, or at once with Retry-After when every hashing slot is taken. */
enum http_status
page_login_post(struct req *r, struct resp *rs)
{
	struct form *f = form_read(r, login_fields, NLOGIN);
	const char *usuario = f->val[L_USUARIO];
	long long uid, rol_id = 0;
	int nroles = 0, waiting = 0, elegir = 0;
	enum intento_res res;
	enum http_status st;
	enum paso paso;

	if (f->bad > 0)
		return login_form(r, rs, HTTP_BAD_REQUEST, f->val, f->err, NULL);
	if (passwd_cupo_take() < 0)
		return login_form(r, rs, cuentas_login_ocupado(rs), f->val, NULL, PASSWD_OCUPADO_TEXTO);
	/* The attempt is counted before the check: concurrent guesses cannot overrun it. */
	if ((res = cuentas_intento_reserve(r, INTENTO_LOGIN, usuario)) != INTENTO_OK) {
		passwd_cupo_release();
		if (res == INTENTO_ERROR)
			return HTTP_ERROR;
		metricas_login_fallido(MET_LOGIN_BLOQUEADO);
		audit_as(r, 0, usuario, "login_bloqueado", cuentas_intento_motivo(res));
		return login_form(r, rs, HTTP_TOO_MANY, f->val, NULL, cuentas_login_aviso(res));
	}
	uid = authenticate(r, usuario, f->val[L_CLAVE], &waiting);
	passwd_cupo_release();
	/* A user without an active role this portal serves cannot log in either, unless
	 * invited to one: then only the invitations answer (R_INVITADO). */
	if (uid != 0)
		nroles = session_roles(uid, &rol_id);
	if (uid != 0 && nroles == 0 && waiting) {
		cuentas_intento_give_back(r, INTENTO_LOGIN, usuario);
		audit_as(r, 0, usuario, "login_pendiente", "cuenta sin aprobar");
		return login_form(r, rs, HTTP_FORBIDDEN, f->val, NULL, pending);
	}
	/* A delegate's registration gives no role until the ministry approves it. */
	if (uid != 0 && nroles == 0 && (st = cuentas_delegado_estado_login(r, rs, uid, usuario)) != 0) {
		cuentas_intento_give_back(r, INTENTO_LOGIN, usuario);
		return st;
	}
	if (uid != 0 && nroles == 0 && (rol_id = cuentas_invitacion_pendiente_rol(r, uid)) > 0)
		elegir = ELEGIR_INVITADO;
	else if (nroles > 1)
		elegir = 1;
	if (uid == 0 || (nroles == 0 && elegir != ELEGIR_INVITADO)) {
		metricas_login_fallido(MET_LOGIN_CLAVE);
		audit_as(r, 0, usuario, "login_fallido", NULL);
		return login_form(r, rs, HTTP_BAD_REQUEST, f->val, NULL, nomatch);
	}
	/* With a second factor the failures are cleared only after its code: a known
	 * password must not buy fresh guesses at the code. */
	if ((paso = cuentas_segundo_paso(uid)) == PASO_LISTO)
		cuentas_intento_exito(r, INTENTO_LOGIN, usuario);
	else
		cuentas_intento_give_back(r, INTENTO_LOGIN, usuario);
	/* Several roles: the session starts without one, and "/" leads to the role list
	 * (after the second step, when one is due). */
	if (session_start_login(r, rs, uid, rol_id, elegir, paso) < 0)
		return HTTP_ERROR;
	audit_as(r, uid, usuario, "login", paso == PASO_CODIGO ? "contraseña correcta; "
	    "falta el código de verificación" : paso == PASO_ENROLAR ? "contraseña correcta; "
	    "debe activar la verificación en dos pasos" : elegir == ELEGIR_INVITADO ?
	    "ingreso sin roles activos, con invitaciones pendientes" : "ingreso");
	return resp_redirect(rs, "/");
}

/* POST /logout: 303 to the login page. */
enum http_status
page_logout(struct req *r, struct resp *rs)
{
	audit(r, "logout", "salida");
	session_end(r, rs);
	return resp_redirect(rs, "/login?salio=1");
}
