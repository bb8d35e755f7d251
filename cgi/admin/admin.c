/* The ministry administrator's pages (role Administrador_MSPS): the home, the outbox with
 * its delivery state, and the SMTP settings (read only: an operator command edits them). */
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/db.h"
#include "admin/admin.h"
#include "core/session.h"
#include "core/text.h"

#define CORREO_PAGE	50

/* GET /admin: 200. */
enum http_status
page_admin_home(struct req *r, struct resp *rs)
{
	(void)r;
	resp_page(rs, "admin/home.tpl", "Administración");
	resp_crumb(rs, "Administración", NULL);
	return HTTP_OK;
}

/* The outbox states and their labels; the filter accepts only these. */
static const char *const estados[][2] = {
	{ "pendiente", "Pendiente" }, { "enviado", "Enviado" }, { "fallido", "Fallido" },
};
#define NESTADOS (sizeof(estados) / sizeof(estados[0]))

/* The state named by the query's estado, or "" (every state) when absent or unknown. */
static const char *
estado_filtro(struct req *r)
{
	const char *e = req_query(r, "estado");
	size_t i;

	for (i = 0; e != NULL && i < NESTADOS; i++)
		if (strcmp(e, estados[i][0]) == 0)
			return estados[i][0];
	return "";
}

/* One filter link (or, for the current filter, its label). */
static void
filtro(struct view *v, const char *label, const char *href, int actual)
{
	v = view_section(v, "FILTRO");
	view_set(v, "LABEL", label);
	if (actual)
		view_show(v, "ACTUAL");
	else
		view_set(view_section(v, "LINK"), "HREF", href);
}

/* The filter links: Todos and one per state, the current one marked. */
static void
filtros(struct req *r, struct view *v, const char *estado)
{
	size_t i;

	filtro(v, "Todos", "/admin/correo", estado[0] == '\0');
	for (i = 0; i < NESTADOS; i++)
		filtro(v, estados[i][1], arena_printf(r->a, "/admin/correo?estado=%s",
		    estados[i][0]), strcmp(estado, estados[i][0]) == 0);
}

/* Adds Anterior / Siguiente links around page of pages. */
static void
paginate(struct view *v, const char *estado, long long page, long long pages)
{
	if (pages <= 1)
		return;
	v = view_section(v, "PAGINAS");
	view_setint(v, "N", page);
	view_setint(v, "DE", pages);
	if (page > 1)
		view_setf(view_section(v, "ANTERIOR"), "HREF", "/admin/correo?estado=%s&p=%lld",
		    estado, page - 1);
	if (page < pages)
		view_setf(view_section(v, "SIGUIENTE"), "HREF", "/admin/correo?estado=%s&p=%lld",
		    estado, page + 1);
}

/* One message's row: never its body, which may hold a one-time link; whether it is still
 * kept (sealed) or was wiped. Reintentar only for a failed message whose body is kept. */
static void
correo_row(struct req *r, struct view *v, struct db_stmt *st)
{
	struct view *row = view_section(v, "CORREO");
	const char *estado = db_col_text(st, 3);

	view_setint(row, "ID", db_col_int64(st, 0));
	view_set(row, "PARA", db_col_text(st, 1));
	view_set(row, "ASUNTO", db_col_text(st, 2));
	view_set(row, "ESTADO", estado);
	view_set(row, "CREADO", fecha_local(r->a, db_col_int64(st, 4)));
	view_setint(row, "INTENTOS", db_col_int(st, 5));
	if (strcmp(estado, "pendiente") == 0)
		view_set(row, "PROXIMO", db_col_int64(st, 6) <= r->now ?
		    "En el próximo ciclo" : fecha_local(r->a, db_col_int64(st, 6)));
	view_set(row, "ERROR", db_col_text(st, 7));
	view_set(row, "CONTENIDO", db_col_int(st, 8) ? "Guardado cifrado" : "Borrado");
	if (strcmp(estado, "fallido") == 0 && db_col_int(st, 8)) {
		row = view_section(row, "REINTENTAR");
		view_setint(row, "ID", db_col_int64(st, 0));
	}
}

/* GET /admin/correo?estado=&p=: 200, the outbox newest first, 50 a page. */
enum http_status
page_admin_correo(struct req *r, struct resp *rs)
{
	const char *estado = estado_filtro(r);
	long long page = parse_id(req_query(r, "p")), total, pages;
	struct view *v;
	struct db_stmt *st;

	v = resp_page(rs, "admin/correo.tpl", "Correo saliente");
	resp_crumb(rs, "Administración", "/admin");
	resp_crumb(rs, "Correo saliente", NULL);
	if (req_query(r, "ok") != NULL)
		view_show(v, "OK");
	filtros(r, v, estado);
	total = db_int(ST_CORREO_ADMIN_COUNT, 0, "t", estado);
	pages = (total + CORREO_PAGE - 1) / CORREO_PAGE;
	if (page < 1 || page > pages)
		page = 1;
	view_set(v, "TOTAL", numero_es(r->a, total));
	if ((st = db_stmt(ST_CORREO_ADMIN_PAGE, "tii", estado, (long long)CORREO_PAGE,
	    (page - 1) * CORREO_PAGE)) == NULL)
		return HTTP_ERROR;
	while (db_step(st) == DB_ROW)
		correo_row(r, v, st);
	db_reset(st);
	if (total == 0)
		view_show(v, "VACIA");
	paginate(v, estado, page, pages);
	return HTTP_OK;
}

/* POST /admin/correo/{id}/reintentar: 303 to the failed messages; 404 when the message
 * does not exist; 409 when it is not failed or its body was wiped (nothing changes).
 * Audited. */
enum http_status
page_admin_retry(struct req *r, struct resp *rs)
{
	long long id = r->pathid[0], existe;
	struct view *v;

	if (db_begin() < 0)
		return HTTP_ERROR;
	if (db_exec(ST_CORREO_REINTENTAR, "ii", r->now, id) < 0)
		goto fail;
	if (db_changes() != 1) {
		db_rollback();
		if ((existe = db_int(ST_CORREO_ADMIN_EXISTE, 0, "i", id)) == 0)
			return HTTP_NOT_FOUND;
		v = resp_page(rs, "error.tpl", "Correo saliente");
		view_setint(v, "STATUS", HTTP_CONFLICT);
		view_set(v, "TEXT", existe == 2 ? "Este mensaje ya no se puede reintentar: su "
		    "contenido se borró al entregarse o al vencer el enlace o código que llevaba. "
		    "Si la persona lo necesita, pida en el portal un enlace o código nuevo." :
		    "Solo se puede reintentar un mensaje fallido; este ya está pendiente o fue "
		    "enviado.");
		return HTTP_CONFLICT;
	}
	if (audit(r, "correo_reintentar", "correo %lld", id) < 0 || db_commit() < 0)
		goto fail;
	return resp_redirect(rs, "/admin/correo?estado=fallido&ok=1");
fail:
	db_rollback();
	return HTTP_ERROR;
}

/* GET /admin/smtp: 200, where mail goes; the password is never shown. */
enum http_status
page_admin_smtp(struct req *r, struct resp *rs)
{
	struct view *v = resp_page(rs, "admin/smtp.tpl", "Servidor de correo");
	struct db_stmt *st = db_stmt(ST_SMTP_GET, "");

	resp_crumb(rs, "Administración", "/admin");
	resp_crumb(rs, "Servidor de correo", NULL);
	if (st == NULL)
		return HTTP_ERROR;
	if (db_step(st) == DB_ROW) {
		v = view_section(v, "SMTP");
		view_set(v, "URL", db_col_text(st, 0));
		view_set(v, "USUARIO", db_col_null(st, 1) ?
		    "(sin autenticación)" : db_col_text(st, 1));
		view_set(v, "CLAVE", db_col_null(st, 2) ?
		    "No configurada" : "Guardada cifrada (no se muestra)");
		view_set(v, "REMITENTE", db_col_text(st, 3));
		view_set(v, "TLS", db_col_int(st, 4) ? "Exigido" :
		    "Sin TLS (solo para un relé local)");
		view_set(v, "ACTUALIZADO", fecha_local(r->a, db_col_int64(st, 5)));
	} else
		view_show(v, "SIN_SMTP");
	db_reset(st);
	return HTTP_OK;
}
