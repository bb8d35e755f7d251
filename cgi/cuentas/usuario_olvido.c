/*
 * "¿Olvidó su usuario?" (issue 12 §7): a person gives the document number or the e-mail of
 * their account and the portal mails each matching account's own address the logins it
 * holds, with their roles. The page answers the same — the same redirect, the same notice,
 * one write transaction either way — whether or not anything matched, and never shows a
 * login: only the mailbox of the account learns it. nginx limits the form per client
 * address like the other public forms; every request is audited.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/audit.h"
#include "core/db.h"
#include "core/form.h"
#include "cuentas/cuentas.h"
#include "core/roles.h"
#include "core/session.h"
#include "core/text.h"
#include "core/valid.h"

#define OLVIDO_MAX	20	/* accounts one request mails about, at most */

/* A document number (digits) or an e-mail address. */
static int
v_doc_o_correo(const char *s)
{
	return v_documento(s) || v_email(s);
}

enum { U_DATO, NCAMPOS };
static const struct field campos[NCAMPOS] = {
	{ "dato", "Número de documento o correo electrónico", "text", v_doc_o_correo,
	    "Escriba su número de documento (solo dígitos, de 3 a 15, sin puntos ni espacios) o "
	    "el correo electrónico de su cuenta (hasta 254 caracteres).",
	    "El número de su documento de identidad, o el correo con el que se registró." },
};

/* The form with status st, values and errors; after a request (?enviado=1) the notice. */
static enum http_status
olvido_form(struct req *r, struct resp *rs, enum http_status st, const char **vals,
    const char **errs)
{
	struct view *v = resp_page(rs, "cuentas/usuario_olvido.tpl", "¿Olvidó su usuario?");

	resp_crumb(rs, "Iniciar sesión", "/login");
	resp_crumb(rs, "¿Olvidó su usuario?", NULL);
	if (req_query(r, "enviado") != NULL && vals == NULL)
		view_show(v, "ENVIADO");
	csrf_pre(r, rs);
	form_show(v, campos, NCAMPOS, vals, errs);
	return st;
}

/* GET /usuario/olvido: 200 with the form (and the notice after a request). */
enum http_status
page_usuario_olvido(struct req *r, struct resp *rs)
{
	return olvido_form(r, rs, HTTP_OK, NULL, NULL);
}

/* One line of the mail for account uid: its login and its active roles, by label, with
 * the entity's NIT. */
static const char *
linea(struct req *r, long long uid, const char *login)
{
	struct db_stmt *st = db_stmt(ST_ROLES_BY_USUARIO, "i", uid);
	const char *roles = "", *nit;

	while (st != NULL && db_step(st) == DB_ROW) {
		nit = db_col_text(st, 2);
		roles = arena_printf(r->a, "%s%s%s (NIT %s-%d)", roles, *roles ? "; " : "",
		    rol_etiqueta(db_col_text(st, 1)), nit, nit_dv(nit));
	}
	if (st != NULL)
		db_reset(st);
	return arena_printf(r->a, "- %s: %s\n", login, *roles ? roles : "sin un rol activo "
	    "en este momento");
}

/* Queues the mail to correo listing lista (lines of linea). Returns 0 or -1. */
static int
send_lista(struct req *r, const char *correo, const char *lista)
{
	return outbox_add(correo, "Portal de Interoperabilidad: su usuario", arena_printf(r->a,
	    "Recibimos una solicitud para recordar el usuario con el que usted ingresa al Portal "
	    "de Interoperabilidad del Ministerio de Salud y Protección Social. Estos son los "
	    "usuarios registrados con este correo electrónico:\n\n%s\nIngrese en %s/login con "
	    "uno de ellos. Si no recuerda la contraseña, use «¿Olvidó su contraseña?» en esa "
	    "misma página.\n\nSi usted no hizo esta solicitud, ignore este mensaje: solo este "
	    "correo lo recibió y su cuenta no cambió.\n", lista, req_site_url(r)), r->now);
}

/* Mails every account st finds (ordered by e-mail) at its own address, one mail per
 * address with all of its logins, each audited, in the caller's transaction. Returns the
 * number of accounts, or -1. */
static int
notify_logins(struct req *r, struct db_stmt *st)
{
	long long ids[OLVIDO_MAX];
	const char *logins[OLVIDO_MAX], *correos[OLVIDO_MAX], *lista = "";
	int n = 0, i;

	/* Collect first: the mails and audit entries write on the connection st reads. */
	while (n < OLVIDO_MAX && db_step(st) == DB_ROW) {
		ids[n] = db_col_int64(st, 0);
		logins[n] = db_text(r->a, st, 1);
		correos[n++] = db_text(r->a, st, 2);
	}
	db_reset(st);
	for (i = 0; i < n; i++) {
		lista = arena_printf(r->a, "%s%s", lista, linea(r, ids[i], logins[i]));
		if (audit_as(r, ids[i], logins[i], "usuario_olvido", "usuario enviado al correo de "
		    "la cuenta") < 0)
			return -1;
		/* The last account of this address: its mail goes. */
		if (i + 1 == n || strcasecmp(correos[i], correos[i + 1]) != 0) {
			if (send_lista(r, correos[i], lista) < 0)
				return -1;
			lista = "";
		}
	}
	return n;
}

/* POST /usuario/olvido: 303 to the same notice whether or not an account matched (the
 * matching accounts' own addresses get their logins by mail); 400 with the value kept when
 * it is neither a document number nor an e-mail. */
enum http_status
page_usuario_olvido_post(struct req *r, struct resp *rs)
{
	struct form *f = form_read(r, campos, NCAMPOS);
	const char *dato = f->val[U_DATO], *por;
	struct db_stmt *st;
	int n;

	if (f->bad > 0)
		return olvido_form(r, rs, HTTP_BAD_REQUEST, f->val, f->err);
	por = strchr(dato, '@') != NULL ? "correo" : "documento";
	if (db_begin() < 0)
		return HTTP_ERROR;
	st = db_stmt(*por == 'c' ? ST_USUARIOS_OLVIDO_CORREO : ST_USUARIOS_OLVIDO_DOC, "t", dato);
	if (st == NULL || (n = notify_logins(r, st)) < 0 || (n == 0 && audit_as(r, 0, NULL,
	    "usuario_olvido", arena_printf(r->a, "sin coincidencia (por %s)", por)) < 0) ||
	    db_commit() < 0) {
		db_rollback();
		return HTTP_ERROR;
	}
	return resp_redirect(rs, "/usuario/olvido?enviado=1");
}
