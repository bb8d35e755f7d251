/*
 * Auditoría (issue 15 §2): the administrator's view of the audit trail, /admin/auditoria,
 * filtered by person (login), entity (NIT), action and a date range, 50 rows a page, newest
 * first, and the same rows as CSV. A page goes on from the last row of the one before
 * (keyset), and a filter's rows are counted up to a cap, so no page reads the whole trail.
 * Audit rows hold no secrets; their macs are not shown. Role Administrador_MSPS only (the
 * route table's R_ADMIN).
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
#define AUDITORIA_CUENTA_MAX	(AUDITORIA_CSV_MAX + 1)	/* a filter's rows counted up to */
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
	return trim_blanks(r->a, req_query(r, k));
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
read_filter(struct req *r, struct filtro *f)
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

/* The statements that read f, led by the most selective index it can use: the page, the
 * row a page before, the count. */
static void
sentencias(const struct filtro *f, enum stmt *pagina, enum stmt *antes, enum stmt *cuenta)
{
	if (*f->persona != '\0')
		*pagina = ST_AUDITORIA_PAGINA_LOGIN, *antes = ST_AUDITORIA_ANTES_LOGIN,
		    *cuenta = ST_AUDITORIA_CUENTA_LOGIN;
	else if (f->entidad != 0)
		*pagina = ST_AUDITORIA_PAGINA_ENTIDAD, *antes = ST_AUDITORIA_ANTES_ENTIDAD,
		    *cuenta = ST_AUDITORIA_CUENTA_ENTIDAD;
	else if (*f->accion != '\0')
		*pagina = ST_AUDITORIA_PAGINA_ACCION, *antes = ST_AUDITORIA_ANTES_ACCION,
		    *cuenta = ST_AUDITORIA_CUENTA_ACCION;
	else
		*pagina = ST_AUDITORIA_PAGINA, *antes = ST_AUDITORIA_ANTES,
		    *cuenta = ST_AUDITORIA_CUENTA;
}

/* How many rows match f: exact with no filter at all (the chain's ids, nothing read), else
 * counted up to AUDITORIA_CUENTA_MAX (more: AUDITORIA_CUENTA_MAX): a person's or an entity's
 * index entries, at most that many; an action's or the dates' days (auditoria_dia), one
 * row a day and action. *tope says it stopped there. */
static long long
count_matches(const struct filtro *f, int *tope)
{
	enum stmt pagina, antes, cuenta;
	long long n;

	*tope = 0;
	if (*f->persona == '\0' && f->entidad == 0 && *f->accion == '\0' && f->desde == 0 &&
	    f->hasta == FIN_DE_LOS_TIEMPOS)
		return db_int(ST_AUDITORIA_CUENTA_TODAS, 0, "");
	sentencias(f, &pagina, &antes, &cuenta);
	n = db_int(cuenta, 0, "titiii", f->persona, f->entidad, f->accion, f->desde, f->hasta,
	    (long long)AUDITORIA_CUENTA_MAX);
	*tope = n >= AUDITORIA_CUENTA_MAX;
	return n;
}

/* Where a page starts: after row id (whose time is ts), or the first page (id 0). */
struct desde_fila {
	long long	id, ts;
};

/* At most limite rows of f listed after row d (the first page for id 0), newest first;
 * the caller steps and resets it. Keyset: the index range starts at that row. */
static struct db_stmt *
filas(const struct filtro *f, const struct desde_fila *d, long long limite)
{
	enum stmt pagina, antes, cuenta;
	long long hasta = d->id != 0 && d->ts < f->hasta ? d->ts + 1 : f->hasta;

	sentencias(f, &pagina, &antes, &cuenta);
	return db_stmt(pagina, "titiiiii", f->persona, f->entidad, f->accion, f->desde, hasta,
	    limite, d->id != 0 ? d->ts : FIN_DE_LOS_TIEMPOS, d->id);
}

/* The row a page before row d: listed AUDITORIA_PAGINA + 1 places before it, so the page
 * after it ends just before d. 0 when there are fewer (the previous page is the first). */
static long long
pagina_antes(const struct filtro *f, const struct desde_fila *d)
{
	enum stmt pagina, antes, cuenta;

	sentencias(f, &pagina, &antes, &cuenta);
	return db_int(antes, 0, "titiiiii", f->persona, f->entidad, f->accion,
	    d->ts > f->desde ? d->ts : f->desde, f->hasta, (long long)AUDITORIA_PAGINA, d->ts,
	    d->id);
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

/* A count as people read it: "1.234", or "más de 100.000" when it stopped at its cap. */
static const char *
cuenta_txt(struct req *r, long long n, int tope)
{
	return tope ? arena_printf(r->a, "más de %s", numero_es(r->a, n - 1)) :
	    numero_es(r->a, n);
}

/* A page of f's rows as shown: its number (as the link said), where it starts, its first
 * and last rows, and whether more follow. */
struct hoja {
	long long		 n;
	struct desde_fila	 desde, primera, ultima;
	int			 mas;
};

/* Renders the rows of page h (listed after h->desde), noting its first and last and
 * whether more follow. Returns how many, or -1 on an error. */
static int
hoja_filas(struct req *r, struct view *v, const struct filtro *f, struct hoja *h)
{
	struct db_stmt *st = filas(f, &h->desde, AUDITORIA_PAGINA + 1);
	int n = 0;

	if (st == NULL)
		return -1;
	for (; db_step(st) == DB_ROW; n++) {
		if (n == AUDITORIA_PAGINA) {
			h->mas = 1;
			break;
		}
		h->ultima.id = db_col_int64(st, 0), h->ultima.ts = db_col_int64(st, 1);
		if (n == 0)
			h->primera = h->ultima;
		fila(r, v, st);
	}
	db_reset(st);
	return n;
}

/* Page h is the first. */
static void
hoja_primera(struct hoja *h)
{
	memset(h, 0, sizeof(*h));
	h->n = 1;
}

/* Which page the query asks for: after row "tras" (keyset; "p" only numbers it), or the
 * first when there is none or that row is gone. */
static void
hoja_pedida(struct req *r, struct hoja *h, long long pages)
{
	hoja_primera(h);
	if ((h->desde.id = parse_id(req_query(r, "tras"))) > 0 &&
	    (h->desde.ts = db_int(ST_AUDITORIA_TS, -1, "i", h->desde.id)) >= 0) {
		h->n = parse_id(req_query(r, "p"));
		h->n = h->n < 2 ? 2 : pages > 1 && h->n > pages ? pages : h->n;
	} else
		h->desde.id = 0;
}

/* Página N de M, Anterior / Siguiente around page h, keeping the filter q (pages: M, or
 * tope when the count stopped at its cap). */
static void
paginate(struct req *r, struct view *v, const struct filtro *f, const char *q,
    const struct hoja *h, long long pages, int tope)
{
	long long antes;

	if (h->n <= 1 && !h->mas)
		return;
	v = view_section(v, "PAGINAS");
	view_set(v, "N", numero_es(r->a, h->n));
	view_set(v, "DE", tope ? arena_printf(r->a, "más de %s", numero_es(r->a, pages - 1)) :
	    numero_es(r->a, pages));
	if (h->n > 1 && (antes = h->n > 2 ? pagina_antes(f, &h->primera) : 0) > 0)
		view_setf(view_section(v, "ANTERIOR"), "HREF", "/admin/auditoria?%s&p=%lld&tras=%lld",
		    q, h->n - 1, antes);
	else if (h->n > 1)
		view_setf(view_section(v, "ANTERIOR"), "HREF", "/admin/auditoria?%s&p=1", q);
	if (h->mas)
		view_setf(view_section(v, "SIGUIENTE"), "HREF", "/admin/auditoria?%s&p=%lld&tras=%lld",
		    q, h->n + 1, h->ultima.id);
}

/* The page for filter f (malos: how many fields are wrong). 200, 400 with the errors, or
 * 422 when a CSV was asked for more than AUDITORIA_CSV_MAX rows (csv_grande, tope_csv when
 * its count stopped at the cap). */
static enum http_status
pagina(struct req *r, struct resp *rs, const struct filtro *f, int malos, long long csv_grande,
    int tope_csv)
{
	struct view *v = resp_page(rs, "admin/auditoria.tpl", "Auditoría");
	long long total, pages;
	struct hoja h;
	const char *q;
	int tope, n;

	resp_crumb(rs, "Administración", "/admin");
	resp_crumb(rs, "Auditoría", NULL);
	formulario(v, f);
	if (malos > 0) {
		view_setint(view_section(v, "ERRORES"), "COUNT", malos);
		return HTTP_BAD_REQUEST;
	}
	total = count_matches(f, &tope);
	pages = (total + AUDITORIA_PAGINA - 1) / AUDITORIA_PAGINA;
	q = consulta_de(r, f);
	view_set(v, "TOTAL", tope ? arena_printf(r->a, "Más de %s",
	    numero_es(r->a, AUDITORIA_CSV_MAX)) : numero_es(r->a, total));
	if (csv_grande > 0)
		view_set(view_section(v, "CSV_GRANDE"), "TOTAL", cuenta_txt(r, csv_grande, tope_csv));
	if (total == 0)
		view_show(v, "VACIA");
	else if (total <= AUDITORIA_CSV_MAX)
		view_setf(view_section(v, "CSV"), "HREF", "/admin/auditoria.csv?%s", q);
	else
		view_show(v, "SIN_CSV");
	hoja_pedida(r, &h, pages);
	if ((n = hoja_filas(r, v, f, &h)) == 0 && h.desde.id != 0) {
		hoja_primera(&h);	/* past the last row: the first page */
		n = hoja_filas(r, v, f, &h);
	}
	if (n < 0)
		return HTTP_ERROR;
	paginate(r, v, f, q, &h, pages, tope);
	return csv_grande > 0 ? HTTP_UNPROCESSABLE : HTTP_OK;
}

/* GET /admin/auditoria?persona=&nit=&accion=&desde=&hasta=&p=&tras=: 200, the rows newest
 * first, 50 a page (those listed after row "tras"; "p" numbers it); 400 with the form's
 * errors (values kept) and no rows. */
enum http_status
page_admin_auditoria(struct req *r, struct resp *rs)
{
	struct filtro f;
	int malos = read_filter(r, &f);

	return pagina(r, rs, &f, malos, 0, 0);
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
	struct desde_fila primera = { 0, 0 };
	struct db_stmt *st;
	long long total;
	int malos = read_filter(r, &f), i, tope;

	if (malos > 0)
		return pagina(r, rs, &f, malos, 0, 0);
	if ((total = count_matches(&f, &tope)) > AUDITORIA_CSV_MAX)
		return pagina(r, rs, &f, 0, total, tope);
	if (audit(r, "auditoria_exportada", "exportación CSV de %lld fila(s) de la auditoría; "
	    "filtro: %s", total, filtro_txt(r, &f)) < 0 ||
	    (st = filas(&f, &primera, AUDITORIA_CSV_MAX)) == NULL)
		return HTTP_ERROR;
	csv_inicio(&rs->body);
	buf_puts(&rs->body, "id;fecha;usuario;rol;entidad;ip;accion;detalle\r\n");
	while (db_step(st) == DB_ROW) {
		buf_printf(&rs->body, "%lld;", db_col_int64(st, 0));
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
