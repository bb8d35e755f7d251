/*
 * Invitations to an authorization (cgi/cuentas/invitaciones.h): issuing one for "Administrar
 * autorizados", and the invited person's pages — their waiting invitations, and one
 * invitation by its mailed link, where they accept or decline it logged in as themselves.
 * An invitation is found only by its token and answers only its own person: any other
 * user, a used, voided or expired one reads the same "cannot be used" page.
 */
#include <string.h>

#include <sodium.h>

#include "core/audit.h"
#include "core/db.h"
#include "cuentas/invitaciones.h"
#include "core/lista.h"
#include "core/log.h"
#include "cuentas/cuentas.h"
#include "core/roles.h"
#include "core/session.h"
#include "core/text.h"
#include "core/token.h"
#include "core/valid.h"

/* An invitation with its authorization, as INVITACION_Q reads it. */
struct invitacion {
	long long	 id, expira, rol_id, usuario_id, entidad_id, creada;
	int		 cuenta_nueva;
	const char	*estado, *rol, *nit, *razon, *rol_nombre, *perfil, *sede, *municipio;
	const char	*invito, *invito_correo, *tipo_doc, *num_doc;
};

const char *
cuentas_invitacion_issue(struct req *r, long long rol_id, int cuenta_nueva, const struct invitado *p)
{
	unsigned char h[32];
	char tok[TOKEN_LEN + 1];

	token_make(tok);
	token_hash(tok, h);
	if (db_exec(ST_INVITACION_ANULAR, "ii", r->now, rol_id) < 0 ||
	    db_exec(ST_INVITACION_INSERT, "ibittttttttiii", rol_id, h, 32, (long long)cuenta_nueva,
	    p->tipo_doc, p->num_doc, p->sexo, p->correo, p->pn, p->sn, p->pa, p->sa,
	    r->sess->usuario_id, r->now, r->now + INVITACION_VIDA) < 0)
		return NULL;
	return arena_printf(r->a, "%s/invitaciones/%s", req_site_url(r), tok);
}

/* Reads the invitation st found into inv (then resets st): 1, or 0 when there is none. */
static int
invitacion_fill(struct req *r, struct db_stmt *st, struct invitacion *inv)
{
	int found = 0;

	memset(inv, 0, sizeof(*inv));
	if (st != NULL && db_step(st) == DB_ROW) {
		inv->id = db_col_int64(st, 0);
		inv->estado = db_text(r->a, st, 1);
		inv->expira = db_col_int64(st, 2);
		inv->cuenta_nueva = db_col_int(st, 3);
		inv->rol_id = db_col_int64(st, 4);
		inv->usuario_id = db_col_int64(st, 5);
		inv->rol = db_text(r->a, st, 6);
		inv->entidad_id = db_col_int64(st, 7);
		inv->nit = db_text(r->a, st, 8);
		inv->razon = db_text(r->a, st, 9);
		inv->rol_nombre = rol_etiqueta(inv->rol);
		inv->perfil = db_text(r->a, st, 10);
		inv->sede = db_text(r->a, st, 11);
		inv->municipio = db_text(r->a, st, 12);
		inv->invito = db_text(r->a, st, 13);
		inv->invito_correo = db_text(r->a, st, 14);
		inv->creada = db_col_int64(st, 15);
		inv->tipo_doc = db_text(r->a, st, 16);
		inv->num_doc = db_text(r->a, st, 17);
		found = 1;
	}
	if (st != NULL)
		db_reset(st);
	return found;
}

/* Whether inv still waits for an answer. */
static int
esperando(const struct req *r, const struct invitacion *inv)
{
	return strcmp(inv->estado, "pendiente") == 0 && inv->expira > r->now;
}

/* Finds the waiting invitation of token for the session's user: 1, or 0 when the token is
 * malformed or unknown, or the invitation is another user's, answered, voided or
 * expired (all alike to the caller). */
static int
invitacion_mia(struct req *r, const char *token, struct invitacion *inv)
{
	unsigned char h[32];

	memset(inv, 0, sizeof(*inv));
	if (token == NULL || strlen(token) != TOKEN_LEN ||
	    strspn(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != TOKEN_LEN)
		return 0;
	token_hash(token, h);
	if (!invitacion_fill(r, db_stmt(ST_INVITACION_BY_TOKEN, "b", h, 32), inv))
		return 0;
	return inv->usuario_id == r->sess->usuario_id && esperando(r, inv);
}

/* Answers inv for its person uid (login) in the caller's transaction: the answer, the
 * authorization active when accepted, the audit entry (como says how) and the notice to
 * the delegate who invited (by the document they typed: nothing of the account when it is
 * declined). Returns 0, 1 when it was answered, voided or expired meanwhile, or -1. */
static int
respond(struct req *r, const struct invitacion *inv, int aceptar, long long uid,
    const char *login, const char *como)
{
	const char *que = aceptar ? "aceptada" : "rechazada";

	if (db_exec(ST_INVITACION_RESPONDER, "tii", que, r->now, inv->id) < 0)
		return -1;
	if (db_changes() != 1)
		return 1;
	/* An authorization waiting on an invitation is inactive: were it active, the
	 * invitation is stale. */
	if (aceptar && db_exec(ST_AUTORIZADO_ACEPTAR, "ii", r->now, inv->rol_id) < 0)
		return -1;
	if (aceptar && db_changes() != 1)
		return 1;
	if (audit_as(r, uid, login, aceptar ? "invitacion_aceptada" : "invitacion_rechazada",
	    arena_printf(r->a, "invitación %lld: asignación %lld, entidad %s, rol %s%s", inv->id,
	    inv->rol_id, inv->nit, inv->rol, como)) < 0)
		return -1;
	return outbox_add(inv->invito_correo, arena_printf(r->a, "Invitación %s: %s %s",
	    que, inv->tipo_doc, inv->num_doc), arena_printf(r->a, "Señor(a) %s:\n\n"
	    "La persona con documento %s %s a quien invitó con el rol %s en %s (NIT %s) %s la "
	    "invitación%s.\n\nPuede verlo en Administrar autorizados del Portal de "
	    "Interoperabilidad.\n", inv->invito, inv->tipo_doc, inv->num_doc, inv->rol_nombre,
	    inv->razon, inv->nit, aceptar ? "aceptó" : "rechazó", aceptar ? ": la autorización "
	    "ya está activa" : ""), r->now);
}

int
cuentas_invitaciones_cuenta_nueva(struct req *r, long long uid, const char *login)
{
	struct db_stmt *st = db_stmt(ST_INVITACIONES_DEL_USUARIO, "ii", uid, r->now);
	long long ids[32];
	struct invitacion inv;
	int n = 0, i, done = 0, rc;

	if (st == NULL)
		return -1;
	/* Collect first: answering writes on the connection the read is stepping. */
	while (db_step(st) == DB_ROW && n < 32)
		if (db_col_int(st, 8))
			ids[n++] = db_col_int64(st, 0);
	db_reset(st);
	for (i = 0; i < n; i++) {
		if (!invitacion_fill(r, db_stmt(ST_INVITACION_BY_ID, "i", ids[i]), &inv))
			continue;
		if ((rc = respond(r, &inv, 1, uid, login, ", al crear su primera contraseña")) < 0)
			return -1;
		done += rc == 0;
	}
	return done;
}

long long
cuentas_invitacion_pendiente_rol(struct req *r, long long uid)
{
	struct db_stmt *st = db_stmt(ST_INVITACIONES_DEL_USUARIO, "ii", uid, r->now);
	long long id = 0;

	if (st != NULL && db_step(st) == DB_ROW)
		id = db_col_int64(st, 1);
	if (st != NULL)
		db_reset(st);
	return id;
}

/* One waiting invitation (ST_INVITACIONES_DEL_USUARIO). */
static void
invitacion_fila(struct req *r, struct view *row, struct db_stmt *st)
{
	view_set(row, "ENTIDAD", db_text(r->a, st, 3));
	view_setf(row, "NIT", "%s-%d", db_text(r->a, st, 2), nit_dv(db_text(r->a, st, 2)));
	view_set(row, "ROL", rol_etiqueta(db_col_text(st, 4)));
	view_set(row, "PERFIL", db_text(r->a, st, 5));
	view_set(row, "SEDE", db_text(r->a, st, 6));
	view_set(row, "VENCE", fecha_local(r->a, db_col_int64(st, 7)));
}

/* GET /invitaciones: 200 with the user's waiting invitations (each is answered from its
 * mailed link); the home of a user without an active role. */
enum http_status
page_invitaciones(struct req *r, struct resp *rs)
{
	static const struct lista invitaciones = { "LISTA", "FILA", "VACIA", 0 };
	struct view *v = resp_page(rs, "cuentas/invitaciones.tpl", "Invitaciones pendientes");
	const char *ok = req_query(r, "ok");

	resp_crumb(rs, "Invitaciones pendientes", NULL);
	if (ok != NULL && strcmp(ok, "rechazada") == 0)
		view_set(view_section(v, "OK"), "TEXT", "Rechazó la invitación: la entidad no lo "
		    "autorizó y le avisamos de su respuesta.");
	if (r->sess->role == R_INVITADO)
		view_show(v, "SIN_ROL");
	if (lista_filas(r, v, &invitaciones, db_stmt(ST_INVITACIONES_DEL_USUARIO, "ii",
	    r->sess->usuario_id, r->now), invitacion_fila) < 0)
		return HTTP_ERROR;
	return HTTP_OK;
}

/* The page of invitation inv with status st and an optional error, or (inv NULL) the 404
 * of a link that cannot be used. */
static enum http_status
invitacion_page(struct req *r, struct resp *rs, enum http_status st,
    const struct invitacion *inv, const char *error)
{
	struct view *v = resp_page(rs, "cuentas/invitacion.tpl", "Invitación"), *x;

	resp_crumb(rs, "Invitación", NULL);
	rs->nostore = 1;
	if (inv == NULL) {
		view_set(view_section(v, "NO_VALIDA"), "LOGIN", r->sess->login);
		return HTTP_NOT_FOUND;
	}
	x = view_section(v, "INVITACION");
	if (error != NULL)
		view_set(view_section(x, "ERROR"), "TEXT", error);
	view_set(x, "ENTIDAD", inv->razon);
	view_setf(x, "NIT", "%s-%d", inv->nit, nit_dv(inv->nit));
	view_set(x, "ROL", inv->rol_nombre);
	view_set(x, "PERFIL", inv->perfil);
	view_setf(x, "SEDE", "%s (%s)", inv->sede, inv->municipio);
	view_set(x, "INVITO", inv->invito);
	view_set(x, "CREADA", fecha_local(r->a, inv->creada));
	view_set(x, "VENCE", fecha_local(r->a, inv->expira));
	view_set(x, "TOKEN", r->pathv[0]);
	return st;
}

/* GET /invitaciones/{token}: 200 with the invitation and its Aceptar / Rechazar; 404 when
 * the link cannot be used by the session's user. */
enum http_status
page_invitacion(struct req *r, struct resp *rs)
{
	struct invitacion inv;

	if (!invitacion_mia(r, r->pathv[0], &inv))
		return invitacion_page(r, rs, HTTP_NOT_FOUND, NULL, NULL);
	return invitacion_page(r, rs, HTTP_OK, &inv, NULL);
}

/* Starts the session that follows an accepted invitation (a new id, the roles counted
 * again) and returns where to go: a user who had no active role works in the new one; one
 * who had not chosen yet, or who works in another, finds it in the role list. */
static const char *
after_accept(struct req *r, struct resp *rs, const struct invitacion *inv)
{
	long long uid = r->sess->usuario_id;
	unsigned role = r->sess->role;

	if (role == R_INVITADO)
		return session_start(r, rs, uid, inv->rol_id) < 0 ? NULL :
		    role_home(role_bit(inv->rol));
	if (role == R_PICK)
		return session_start_pick(r, rs, uid, r->sess->rol_id) < 0 ? NULL : "/roles";
	return session_start(r, rs, uid, r->sess->rol_id) < 0 ? NULL :
	    "/roles?invitacion=aceptada";
}

/* POST /invitaciones/{token}: 303 after the answer (decision aceptar: the authorization
 * active, a new session id, to the new role or the role list; rechazar: to the waiting
 * invitations); 400 with the page when the decision is missing; 404 when the link cannot
 * be used by the session's user (or stopped working meanwhile). */
enum http_status
page_invitacion_post(struct req *r, struct resp *rs)
{
	const char *decision = req_form(r, "decision"), *destino = "/invitaciones?ok=rechazada";
	struct invitacion inv;
	int aceptar, rc;

	if (!invitacion_mia(r, r->pathv[0], &inv))
		return invitacion_page(r, rs, HTTP_NOT_FOUND, NULL, NULL);
	aceptar = decision != NULL && strcmp(decision, "aceptar") == 0;
	if (!aceptar && (decision == NULL || strcmp(decision, "rechazar") != 0))
		return invitacion_page(r, rs, HTTP_BAD_REQUEST, &inv,
		    "Elija «Aceptar» o «Rechazar».");
	if (db_begin() < 0)
		return HTTP_ERROR;
	if ((rc = respond(r, &inv, aceptar, r->sess->usuario_id, r->sess->login, "")) != 0 ||
	    (aceptar && (destino = after_accept(r, rs, &inv)) == NULL) || db_commit() < 0) {
		db_rollback();
		return rc == 1 ? invitacion_page(r, rs, HTTP_NOT_FOUND, NULL, NULL) : HTTP_ERROR;
	}
	log_info("invitacion: user %lld %s invitation %lld", r->sess ? r->sess->usuario_id :
	    inv.usuario_id, aceptar ? "accepted" : "declined", inv.id);
	return resp_redirect(rs, destino);
}
