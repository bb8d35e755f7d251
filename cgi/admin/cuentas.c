/*
 * Account administration by the ministry administrator (Administrador_MSPS): staff accounts
 * waiting for their role (grant or reject), and logins locked after failed attempts
 * (unlock). Every decision is audited.
 */
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/db.h"
#include "core/entidad.h"
#include "cuentas/cuentas.h"
#include "admin/admin.h"
#include "core/lista.h"
#include "core/session.h"
#include "core/text.h"
#include "core/valid.h"

#define ROL_FUNCIONARIO	"Rol_IHCE_MSPS"

/* One account waiting for approval (ST_CUENTAS_PENDIENTES). */
static void
cuenta_fila(struct req *r, struct view *row, struct db_stmt *st)
{
	view_setint(row, "ID", db_col_int64(st, 0));
	view_set(row, "LOGIN", db_text(r->a, st, 1));
	view_set(row, "CORREO", db_text(r->a, st, 2));
	view_setf(row, "DOCUMENTO", "%s %s", db_col_text(st, 3),
	    db_col_text(st, 4));
	view_set(row, "FECHA", fecha_local(r->a, db_col_int64(st, 5)));
	view_set(row, "PN", db_text(r->a, st, 6));
	view_set(row, "SN", db_text(r->a, st, 7));
	view_set(row, "PA", db_text(r->a, st, 8));
	view_set(row, "SA", db_text(r->a, st, 9));
}

/* GET /admin/cuentas: 200 with the accounts waiting for approval. */
enum http_status
page_admin_cuentas(struct req *r, struct resp *rs)
{
	static const struct lista cuentas = { NULL, "CUENTA", "VACIA", 0 };
	struct view *v = resp_page(rs, "admin/cuentas.tpl", "Cuentas pendientes");
	const char *ok = req_query(r, "ok");

	resp_crumb(rs, "Administración", "/admin");
	resp_crumb(rs, "Cuentas pendientes", NULL);
	if (ok != NULL)
		view_set(view_section(v, "OK"), "TEXT", strcmp(ok, "aprobada") == 0 ?
		    "La cuenta fue habilitada con el rol de funcionario MSPS." :
		    "La cuenta fue rechazada.");
	if (lista_filas(r, v, &cuentas, db_stmt(ST_CUENTAS_PENDIENTES, ""), cuenta_fila) < 0)
		return HTTP_ERROR;
	return HTTP_OK;
}

/* Decides pending account uid: grants the staff role (aprobar) or rejects it, with the
 * mail to the person and the audit, in one transaction. Returns 0, 1 when the account is
 * not pending (unknown or already decided), 2 when there is no ministry entity, or -1. */
static int
decide(struct req *r, long long uid, int aprobar)
{
	const char *login = NULL, *nombre = NULL, *correo = NULL;
	struct db_stmt *st;
	long long ent = 0;

	if (db_begin() < 0)
		return -1;
	if ((st = db_stmt(ST_CUENTA_PENDIENTE_BY_ID, "i", uid)) != NULL &&
	    db_step(st) == DB_ROW) {
		login = db_text(r->a, st, 0);
		nombre = db_text(r->a, st, 1);
		correo = db_text(r->a, st, 2);
	}
	if (st != NULL)
		db_reset(st);
	if (login == NULL || (aprobar && (ent = db_int(ST_ENTIDAD_MSPS, 0, "")) == 0)) {
		db_rollback();
		return login == NULL ? 1 : 2;
	}
	if (db_exec(ST_USUARIO_SET_APROBACION, "tii", aprobar ? "aprobada" : "rechazada",
	    (long long)aprobar, uid) < 0 || db_changes() != 1 ||
	    (aprobar && db_rol_insert(uid, ent, ROL_FUNCIONARIO) <= 0) ||
	    (!aprobar && db_exec(ST_ENLACE_ANULAR, "ii", r->now, uid) < 0) ||
	    outbox_add(correo, aprobar ? "Portal de Interoperabilidad: su cuenta fue habilitada" :
	    "Portal de Interoperabilidad: su registro no fue aprobado", arena_printf(r->a,
	    "Señor(a) %s:\n\n%s\n", nombre, aprobar ? "Un administrador del Ministerio le asignó "
	    "el rol de funcionario MSPS: ya puede ingresar al portal con su usuario y su "
	    "contraseña." : "Un administrador del Ministerio no aprobó su registro en el portal. "
	    "Si cree que se trata de un error, comuníquese con la mesa de ayuda del Ministerio."),
	    r->now) < 0 ||
	    audit(r, aprobar ? "cuenta_aprobada" : "cuenta_rechazada", "usuario %s%s", login,
	    aprobar ? " rol " ROL_FUNCIONARIO : "") < 0) {
		db_rollback();
		return -1;
	}
	return db_commit();
}

/* Answers a decision's outcome. */
static enum http_status
decision(struct req *r, struct resp *rs, int aprobar)
{
	int rc = decide(r, r->pathid[0], aprobar);

	if (rc == 1)
		return HTTP_NOT_FOUND;
	if (rc == 2) {
		struct view *v = resp_page(rs, "error.tpl", "Falta la entidad del Ministerio");

		view_setint(v, "STATUS", HTTP_CONFLICT);
		view_set(v, "TEXT", "No hay una entidad de tipo MSPS registrada: créela con la "
		    "orden del operador «portal entidad-add NIT MSPS ...» y vuelva a intentar.");
		return HTTP_CONFLICT;
	}
	if (rc < 0)
		return HTTP_ERROR;
	return resp_redirect(rs, aprobar ? "/admin/cuentas?ok=aprobada" :
	    "/admin/cuentas?ok=rechazada");
}

/* POST /admin/cuentas/{id}/aprobar: 303 to the list; 404 when not pending; 409 when
 * there is no ministry entity to hold the role. */
enum http_status
page_admin_cuenta_approve(struct req *r, struct resp *rs)
{
	return decision(r, rs, 1);
}

/* POST /admin/cuentas/{id}/rechazar: 303 to the list; 404 when not pending. */
enum http_status
page_admin_cuenta_reject(struct req *r, struct resp *rs)
{
	return decision(r, rs, 0);
}

/* What the page calls a tipo of intento. */
static const char *
tipo_texto(const char *tipo)
{
	return strcmp(tipo, "ap") == 0 ? "Servicios web AP (/token)" : "Portal";
}

/* Fills one row of a lock list from st: tipo (column 0), login (1), name (nombre); the
 * caller adds the rest. */
static void
bloqueo_fila(struct req *r, struct view *row, struct db_stmt *st, int nombre)
{
	view_set(row, "TIPO", db_text(r->a, st, 0));
	view_set(row, "TIPO_TEXTO", tipo_texto(db_col_text(st, 0)));
	view_set(row, "LOGIN", db_text(r->a, st, 1));
	view_set(row, "NOMBRE", db_col_null(st, nombre) ?
	    "(no existe una cuenta con ese usuario)" : db_text(r->a, st, nombre));
}

/* A login locked until an administrator lifts it (ST_BLOQUEOS_LIST). */
static void
retenido_fila(struct req *r, struct view *row, struct db_stmt *st)
{
	bloqueo_fila(r, row, st, 4);
	view_setint(row, "FALLOS", db_col_int64(st, 2));
	view_set(row, "ULTIMO", fecha_local(r->a, db_col_int64(st, 3)));
}

/* A (login, address) pair locked for a while (ST_BLOQUEOS_PAR_LIST). */
static void
par_fila(struct req *r, struct view *row, struct db_stmt *st)
{
	bloqueo_fila(r, row, st, 5);
	view_set(row, "IP", db_text(r->a, st, 2));
	view_setint(row, "FALLOS", db_col_int64(st, 3));
	view_set(row, "HASTA", fecha_local(r->a, db_col_int64(st, 4) + INTENTO_VENTANA));
}

/* GET /admin/bloqueos: 200 with the logins locked until an administrator lifts it, and
 * the (login, address) pairs locked for 15 minutes; each login as last typed. */
enum http_status
page_admin_bloqueos(struct req *r, struct resp *rs)
{
	static const struct lista retenidos = { NULL, "RETENIDO", NULL, 0 };
	static const struct lista pares = { NULL, "BLOQUEO", NULL, 0 };
	struct view *v = resp_page(rs, "admin/bloqueos.tpl", "Usuarios bloqueados");
	long n, m;

	resp_crumb(rs, "Administración", "/admin");
	resp_crumb(rs, "Usuarios bloqueados", NULL);
	view_setint(v, "SEGUIDOS", INTENTO_SEGUIDOS_MAX);
	view_setint(v, "PAR", INTENTO_PAR_MAX);
	if (req_query(r, "ok") != NULL)
		view_show(v, "OK");
	if ((n = lista_filas(r, v, &retenidos, db_stmt(ST_BLOQUEOS_LIST, "i",
	    (long long)INTENTO_SEGUIDOS_MAX), retenido_fila)) < 0 ||
	    (m = lista_filas(r, v, &pares, db_stmt(ST_BLOQUEOS_PAR_LIST, "ii",
	    (long long)INTENTO_PAR_MAX, r->now - INTENTO_VENTANA), par_fila)) < 0)
		return HTTP_ERROR;
	if (n + m == 0)
		view_show(v, "VACIA");
	return HTTP_OK;
}

/* POST /admin/bloqueos/desbloquear: 303 to the list after lifting every lock of the form's
 * login (tipo "login", the default, or "ap": the lock until an administrator lifts it and
 * its 15-minute locks from any address), audited; 404 when that login is not locked. */
enum http_status
page_admin_unlock(struct req *r, struct resp *rs)
{
	const char *login = req_form(r, "login"), *tipo = req_form(r, "tipo"), *clave;
	enum intento_tipo t = INTENTO_LOGIN;
	int n;

	if (tipo != NULL && strcmp(tipo, "ap") == 0)
		t = INTENTO_AP;
	else if (tipo != NULL && *tipo != '\0' && strcmp(tipo, "login") != 0)
		return HTTP_NOT_FOUND;
	if (login == NULL || *login == '\0' || (t == INTENTO_LOGIN && !v_login(login)))
		return HTTP_NOT_FOUND;
	clave = cuentas_intento_clave(r, t, login);
	tipo = cuentas_intento_tipo_nombre(t);
	if (db_begin() < 0)
		return HTTP_ERROR;
	if (db_exec(ST_INTENTO_SEGUIDO_DESBLOQUEAR, "tti", tipo, clave,
	    (long long)INTENTO_SEGUIDOS_MAX) < 0)
		goto fail;
	n = db_changes();
	if (db_exec(ST_INTENTO_DESBLOQUEAR, "ttii", tipo, clave, (long long)INTENTO_PAR_MAX,
	    r->now - INTENTO_VENTANA) < 0)
		goto fail;
	if (n + db_changes() == 0) {
		db_rollback();
		return HTTP_NOT_FOUND;
	}
	if (audit(r, "login_desbloqueado", "%s %s", t == INTENTO_AP ? "usuario AP" : "usuario",
	    login) < 0 || db_commit() < 0)
		goto fail;
	return resp_redirect(rs, "/admin/bloqueos?ok=1");
fail:
	db_rollback();
	return HTTP_ERROR;
}
