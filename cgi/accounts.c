/* Login, logout and the home redirect. */
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "db.h"
#include "entidad.h"
#include "form.h"
#include "invitacion.h"
#include "log.h"
#include "login.h"
#include "pages.h"
#include "passwd.h"
#include "roles.h"
#include "session.h"
#include "valid.h"

#define FAIL_WINDOW	(15 * 60)
#define FAIL_MAX_USER	5	/* failures per login in the window */
#define FAIL_MAX_IP	20	/* failures per client address in the window */

static const char nomatch[] = "Los datos de usuario no corresponden";
/* The same for a login that exists and one that does not: the lock tells nothing more. */
static const char locked[] = "Por seguridad, este usuario está bloqueado durante 15 minutos "
    "por demasiados intentos fallidos. Espere e intente de nuevo, o pida al administrador del "
    "Ministerio que lo desbloquee.";
static const char too_many[] = "Demasiados intentos fallidos. Espere 15 minutos antes de "
    "intentar de nuevo.";
static const char pending[] = "Su cuenta aún no ha sido habilitada: un administrador del "
    "Ministerio debe asignarle el rol. Le avisaremos por correo.";

static const struct field login_fields[] = {
	{ "usuario", "Usuario", "text", v_login, "Escriba su usuario.", NULL },
	{ "clave", "Contraseña", "password", v_password, "Escriba su contraseña.", NULL },
};
#define NLOGIN (sizeof(login_fields) / sizeof(login_fields[0]))

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
	struct view *v = resp_page(rs, "login.tpl", "Iniciar sesión");

	resp_crumb(rs, "Iniciar sesión", NULL);
	view_set(v, "CSRF", csrf_pre(r, rs));
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

/* Whether key has reached max failures within the window. */
static int
throttled(const char *key, long long now, int max)
{
	sqlite3_stmt *st = db_stmt(ST_FALLO_GET, "t", key);
	int over = 0;

	if (st != NULL && sqlite3_step(st) == SQLITE_ROW)
		over = sqlite3_column_int(st, 0) >= max &&
		    sqlite3_column_int64(st, 1) >= now - FAIL_WINDOW;
	if (st != NULL)
		sqlite3_reset(st);
	return over;
}

/* The throttle keys of login and of the client's address. */
static void
fail_keys(struct req *r, const char *login, char ukey[64], char ipkey[80])
{
	snprintf(ukey, 64, "u:%s", fold_search(r->a, login));
	snprintf(ipkey, 80, "ip:%s", r->ip);
}

const char *
login_bloqueado(struct req *r, const char *login)
{
	char ukey[64], ipkey[80];

	fail_keys(r, login, ukey, ipkey);
	if (throttled(ukey, r->now, FAIL_MAX_USER))
		return locked;
	return throttled(ipkey, r->now, FAIL_MAX_IP) ? too_many : NULL;
}

void
login_fallo(struct req *r, const char *login)
{
	char ukey[64], ipkey[80];

	fail_keys(r, login, ukey, ipkey);
	db_exec(ST_FALLO_ADD, "tiii", ukey, r->now, r->now - FAIL_WINDOW,
	    (long long)FAIL_MAX_USER);
	db_exec(ST_FALLO_ADD, "tiii", ipkey, r->now, r->now - FAIL_WINDOW,
	    (long long)FAIL_MAX_IP);
}

void
login_fallo_clear(struct req *r, const char *login)
{
	char ukey[64], ipkey[80];

	fail_keys(r, login, ukey, ipkey);
	db_exec(ST_FALLO_CLEAR, "t", ukey);
}

/* Looks the user up and checks the password (always one scrypt). Returns the user id, or 0
 * when the user, the password or the account's state does not allow a login; *waiting is
 * set when the account still waits for a ministry administrator's approval. */
static long long
authenticate(struct req *r, const char *login, const char *pw, int *waiting)
{
	sqlite3_stmt *st = db_stmt(ST_USUARIO_BY_LOGIN, "t", login);
	const char *hash = NULL, *aprobacion = NULL;
	long long id = 0;
	int activo = 0;

	if (st != NULL && sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		hash = db_text(r->a, st, 2);
		activo = sqlite3_column_int(st, 3);
		aprobacion = db_text(r->a, st, 4);
	}
	if (st != NULL)
		sqlite3_reset(st);
	if (!passwd_check(hash, pw) || !activo)
		return 0;
	*waiting = aprobacion != NULL && strcmp(aprobacion, "pendiente") == 0;
	return id;
}

/* POST /login: 303 home on success (the role list for a user with several roles, the
 * waiting invitations for one with no active role but invited); 400 with
 * the same message for any wrong user or password; 403 for the right password of an
 * account waiting for approval; 429 when the login (locked, whether it exists or not) or
 * the address failed too often. */
enum http_status
page_login_post(struct req *r, struct resp *rs)
{
	const char *vals[NLOGIN], *errs[NLOGIN], *lock;
	long long uid, rol_id = 0;
	int nroles = 0, waiting = 0, elegir = 0;
	enum paso paso;

	if (form_read(r, login_fields, NLOGIN, vals, errs) > 0)
		return login_form(r, rs, HTTP_BAD_REQUEST, vals, errs, NULL);
	if ((lock = login_bloqueado(r, vals[0])) != NULL) {
		audit_as(r, 0, vals[0], "login_bloqueado", "demasiados intentos");
		return login_form(r, rs, HTTP_TOO_MANY, vals, NULL, lock);
	}
	/* A user without an active role this portal serves cannot log in either, unless
	 * invited to one: then only the invitations answer (R_INVITADO). */
	if ((uid = authenticate(r, vals[0], vals[1], &waiting)) != 0)
		nroles = session_roles(uid, &rol_id);
	if (uid != 0 && nroles == 0 && waiting) {
		audit_as(r, 0, vals[0], "login_pendiente", "cuenta sin aprobar");
		return login_form(r, rs, HTTP_FORBIDDEN, vals, NULL, pending);
	}
	if (uid != 0 && nroles == 0 && (rol_id = invitacion_pendiente_rol(r, uid)) > 0)
		elegir = ELEGIR_INVITADO;
	else if (nroles > 1)
		elegir = 1;
	if (uid == 0 || (nroles == 0 && elegir != ELEGIR_INVITADO)) {
		login_fallo(r, vals[0]);
		audit_as(r, 0, vals[0], "login_fallido", NULL);
		return login_form(r, rs, HTTP_BAD_REQUEST, vals, NULL, nomatch);
	}
	/* With a second factor the failures are cleared only after its code: a known
	 * password must not buy fresh guesses at the code. */
	if ((paso = segundo_paso(uid)) == PASO_LISTO)
		login_fallo_clear(r, vals[0]);
	/* Several roles: the session starts without one, and "/" leads to the role list
	 * (after the second step, when one is due). */
	if (session_start_login(r, rs, uid, rol_id, elegir, paso) < 0)
		return HTTP_ERROR;
	audit_as(r, uid, vals[0], "login", paso == PASO_CODIGO ? "contraseña correcta; "
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
