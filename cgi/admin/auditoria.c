/*
 * Auditoría (issue 15 §2): the administrator's view of the audit trail, /admin/auditoria,
 * filtered by person (login), entity (NIT), action and a date range, 50 rows a page, newest
 * first, and the same rows as CSV. Audit rows hold no secrets; their macs are not shown.
 * Role Administrador_MSPS only (the route table's R_ADMIN).
 */
#include <string.h>

#include "ap/ap.h"
#include "core/audit.h"
#include "core/csv.h"
#include "core/db.h"
#include "core/entidad.h"
#include "admin/admin.h"
#include "core/session.h"
#include "core/text.h"
#include "core/valid.h"

#define AUDITORIA_PAGINA	50
#define AUDITORIA_CSV_MAX	100000	/* rows one CSV may hold; more: narrow the filter */
#define FIN_DE_LOS_TIEMPOS	(1LL << 62)

/* What the page shows: the filter as typed, and as the statements take it. */
struct filtro {
	const char	*persona, *nit, *accion, *desde_txt, *hasta_txt;
	long long	 entidad, desde, hasta;	/* 0: any entity; [desde, hasta) seconds */
	const char	*err_persona, *err_nit, *err_accion, *err_desde, *err_hasta;
};

/* A query value, trimmed ("" when absent). */
static const char *
consulta(struct req *r, const char *k)
{
	return recortar(r->a, req_query(r, k));
}

/* The start of day "YYYY-MM-DD" in Colombia (seconds), or -1 when it is not a date. */
static long long
inicio_dia(const char *s)
{
	long d = v_fecha(s) ? ap_fecha_dias(s) : -1;

	return d < 0 ? -1 : (long long)d * 86400 + COLOMBIA_UTC;
}

/* Reads and checks the filter. Returns the number of wrong fields. */
static int
leer_filtro(struct req *r, struct filtro *f)
{
	int n = 0;

	memset(f, 0, sizeof(*f));
	f->persona = consulta(r, "persona");
	f->nit = consulta(r, "nit");
	f->accion = consulta(r, "accion");
	f->desde_txt = consulta(r, "desde");
	f->hasta_txt = consulta(r, "hasta");
	f->desde = 0, f->hasta = FIN_DE_LOS_TIEMPOS;
	if (*f->persona != '\0' && !v_text(f->persona))
		f->err_persona = "Escriba el usuario (login) tal como ingresa, hasta 200 "
		    "caracteres.", n++;
	if (*f->nit != '\0' && !v_nit(f->nit))
		f->err_nit = "Escriba el NIT con 9 dígitos, sin dígito de verificación.", n++;
	else if (*f->nit != '\0' && (f->entidad = db_entidad_id_by_nit(f->nit)) == 0)
		f->err_nit = "No hay una entidad con ese NIT.", n++;
	if (*f->accion != '\0' && (strlen(f->accion) > 64 ||
	    strspn(f->accion, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") !=
	    strlen(f->accion)))
		f->err_accion = "Elija una acción de la lista.", n++;
	if (*f->desde_txt != '\0' && (f->desde = inicio_dia(f->desde_txt)) < 0)
		f->err_desde = "Escriba una fecha válida.", n++;
	if (*f->hasta_txt != '\0' && (f->hasta = inicio_dia(f->hasta_txt)) < 0)
		f->err_hasta = "Escriba una fecha válida.", n++;
	else if (*f->hasta_txt != '\0')
		f->hasta += 86400;	/* the whole last day */
	if (f->err_desde == NULL && f->err_hasta == NULL && f->hasta <= f->desde)
		f->err_hasta = "La fecha final no puede ser anterior a la inicial.", n++;
	return n;
}

/* The statements that read f, led by the most selective index it can use. */
static void
sentencias(const struct filtro *f, enum stmt *pagina, enum stmt *cuenta)
{
	if (*f->persona != '\0')
		*pagina = ST_AUDITORIA_PAGINA_LOGIN, *cuenta = ST_AUDITORIA_CUENTA_LOGIN;
	else if (f->entidad != 0)
		*pagina = ST_AUDITORIA_PAGINA_ENTIDAD, *cuenta = ST_AUDITORIA_CUENTA_ENTIDAD;
	else if (*f->accion != '\0')
		*pagina = ST_AUDITORIA_PAGINA_ACCION, *cuenta = ST_AUDITORIA_CUENTA_ACCION;
	else
		*pagina = ST_AUDITORIA_PAGINA, *cuenta = ST_AUDITORIA_CUENTA;
}

/* How many rows match f. */
static long long
contar(const struct filtro *f)
{
	enum stmt pagina, cuenta;

	sentencias(f, &pagina, &cuenta);
	return db_int(cuenta, 0, "titii", f->persona, f->entidad, f->accion, f->desde, f->hasta);
}

/* The rows of f from offset on, at most limite; the caller steps and resets it. */
static struct db_stmt *
filas(const struct filtro *f, long long limite, long long offset)
{
	enum stmt pagina, cuenta;

	sentencias(f, &pagina, &cuenta);
	return db_stmt(pagina, "titiiii", f->persona, f->entidad, f->accion, f->desde, f->hasta,
	    limite, offset);
}

/* The filter as a query string, for the pages' and the CSV's links. */
static const char *
consulta_de(struct req *r, const struct filtro *f)
{
	return arena_printf(r->a, "persona=%s&nit=%s&accion=%s&desde=%s&hasta=%s",
	    url_encode(r->a, f->persona), url_encode(r->a, f->nit), url_encode(r->a, f->accion),
	    url_encode(r->a, f->desde_txt), url_encode(r->a, f->hasta_txt));
}

/* Sets field k's value and, when it is wrong, its message in section sec. */
static void
campo(struct view *v, const char *k, const char *sec, const char *valor, const char *err)
{
	view_set(v, k, valor);
	if (err != NULL)
		view_set(view_section(v, sec), "TEXT", err);
}

/* The filter form: the values as typed, the errors, and the recorded actions. */
static void
formulario(struct view *v, const struct filtro *f)
{
	struct db_stmt *st = db_stmt(ST_AUDITORIA_ACCIONES, "");
	struct view *o;
	const char *a;

	campo(v, "PERSONA", "ERR_PERSONA", f->persona, f->err_persona);
	campo(v, "NIT", "ERR_NIT", f->nit, f->err_nit);
	campo(v, "DESDE", "ERR_DESDE", f->desde_txt, f->err_desde);
	campo(v, "HASTA", "ERR_HASTA", f->hasta_txt, f->err_hasta);
	if (f->err_accion != NULL)
		view_set(view_section(v, "ERR_ACCION"), "TEXT", f->err_accion);
	while (st != NULL && db_step(st) == DB_ROW) {
		a = db_col_text(st, 0);
		o = view_section(v, "ACCION");
		view_set(o, "VALUE", a);
		if (strcmp(a, f->accion) == 0)
			view_show(o, "SELECTED");
	}
	if (st != NULL)
		db_reset(st);
}

/* The entity of a row as people read it: "NIT-DV razón social", or "" when none. */
static const char *
entidad_txt(struct req *r, struct db_stmt *st)
{
	const char *nit = db_col_text(st, 4);

	return nit == NULL ? "" : arena_printf(r->a, "%s-%d %s", nit, nit_dv(nit),
	    db_col_text(st, 5));
}

/* One row of the table. */
static void
fila(struct req *r, struct view *v, struct db_stmt *st)
{
	v = view_section(v, "FILA");
	view_setint(v, "ID", db_col_int64(st, 0));
	view_set(v, "FECHA", fecha_local_segundos(r->a, db_col_int64(st, 1)));
	view_set(v, "LOGIN", db_col_text(st, 2));
	view_set(v, "ROL", db_col_text(st, 3));
	view_set(v, "ENTIDAD", entidad_txt(r, st));
	view_set(v, "IP", db_col_text(st, 6));
	view_set(v, "ACCION", db_col_text(st, 7));
	view_set(v, "DETALLE", db_col_text(st, 8));
}

/* Anterior / Siguiente around page of pages, keeping the filter q. */
static void
paginar(struct req *r, struct view *v, const char *q, long long page, long long pages)
{
	if (pages <= 1)
		return;
	v = view_section(v, "PAGINAS");
	view_set(v, "N", numero_es(r->a, page));
	view_set(v, "DE", numero_es(r->a, pages));
	if (page > 1)
		view_setf(view_section(v, "ANTERIOR"), "HREF", "/admin/auditoria?%s&p=%lld", q,
		    page - 1);
	if (page < pages)
		view_setf(view_section(v, "SIGUIENTE"), "HREF", "/admin/auditoria?%s&p=%lld", q,
		    page + 1);
}

/* The page for filter f (malos: how many fields are wrong). 200, 400 with the errors, or
 * 422 when a CSV was asked for more than AUDITORIA_CSV_MAX rows (csv_grande). */
static enum http_status
pagina(struct req *r, struct resp *rs, const struct filtro *f, int malos, long long csv_grande)
{
	struct view *v = resp_page(rs, "admin/auditoria.tpl", "Auditoría");
	long long total, pages, page = parse_id(req_query(r, "p"));
	const char *q;
	struct db_stmt *st;

	resp_crumb(rs, "Administración", "/admin");
	resp_crumb(rs, "Auditoría", NULL);
	formulario(v, f);
	if (malos > 0) {
		view_setint(view_section(v, "ERRORES"), "COUNT", malos);
		return HTTP_BAD_REQUEST;
	}
	total = contar(f);
	pages = (total + AUDITORIA_PAGINA - 1) / AUDITORIA_PAGINA;
	if (page < 1 || page > pages)
		page = 1;
	q = consulta_de(r, f);
	view_set(v, "TOTAL", numero_es(r->a, total));
	if (csv_grande > 0)
		view_set(view_section(v, "CSV_GRANDE"), "TOTAL", numero_es(r->a, csv_grande));
	if (total == 0)
		view_show(v, "VACIA");
	else if (total <= AUDITORIA_CSV_MAX)
		view_setf(view_section(v, "CSV"), "HREF", "/admin/auditoria.csv?%s", q);
	else
		view_show(v, "SIN_CSV");
	if ((st = filas(f, AUDITORIA_PAGINA, (page - 1) * AUDITORIA_PAGINA)) == NULL)
		return HTTP_ERROR;
	while (db_step(st) == DB_ROW)
		fila(r, v, st);
	db_reset(st);
	paginar(r, v, q, page, pages);
	return csv_grande > 0 ? HTTP_UNPROCESSABLE : HTTP_OK;
}

/* GET /admin/auditoria?persona=&nit=&accion=&desde=&hasta=&p=: 200, the rows newest first,
 * 50 a page; 400 with the form's errors (values kept) and no rows. */
enum http_status
page_admin_auditoria(struct req *r, struct resp *rs)
{
	struct filtro f;
	int malos = leer_filtro(r, &f);

	return pagina(r, rs, &f, malos, 0);
}

/* The filter in words, for the export's audit entry. */
static const char *
filtro_txt(struct req *r, const struct filtro *f)
{
	return arena_printf(r->a, "persona «%s», NIT «%s», acción «%s», desde «%s», hasta «%s»",
	    f->persona, f->nit, f->accion, f->desde_txt, f->hasta_txt);
}

/* GET /admin/auditoria.csv?(the page's filter): 200 text/csv (";", UTF-8 BOM) with every
 * matching row, newest first, and the export audited; 400 (the page with the errors) for a
 * wrong filter; 422 (the page, saying so) past AUDITORIA_CSV_MAX rows. */
enum http_status
page_admin_auditoria_csv(struct req *r, struct resp *rs)
{
	struct filtro f;
	struct db_stmt *st;
	long long total;
	int malos = leer_filtro(r, &f), i;

	if (malos > 0)
		return pagina(r, rs, &f, malos, 0);
	if ((total = contar(&f)) > AUDITORIA_CSV_MAX)
		return pagina(r, rs, &f, 0, total);
	if (audit(r, "auditoria_exportada", "exportación CSV de %lld fila(s) de la auditoría; "
	    "filtro: %s", total, filtro_txt(r, &f)) < 0 ||
	    (st = filas(&f, AUDITORIA_CSV_MAX, 0)) == NULL)
		return HTTP_ERROR;
	csv_inicio(&rs->body);
	buf_puts(&rs->body, "id;fecha;usuario;rol;entidad;ip;accion;detalle\r\n");
	while (db_step(st) == DB_ROW) {
		buf_printf(&rs->body, "%lld;", (long long)db_col_int64(st, 0));
		csv_campo(&rs->body, fecha_local_segundos(r->a, db_col_int64(st, 1)), 0);
		for (i = 2; i <= 3; i++)
			csv_campo(&rs->body, db_col_text(st, i), 0);
		csv_campo(&rs->body, entidad_txt(r, st), 0);
		for (i = 6; i <= 8; i++)
			csv_campo(&rs->body, db_col_text(st, i), i == 8);
	}
	db_reset(st);
	rs->ctype = "text/csv; charset=utf-8";
	resp_header(rs, "Content-Disposition", "attachment; filename=\"auditoria.csv\"");
	return HTTP_OK;
}
