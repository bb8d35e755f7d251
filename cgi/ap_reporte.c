/*
 * The production follow-up report of the AP web services (issue 6 §3): per service, calls
 * and records per day and per hour, response time median / p95 / max and incidents by
 * type, over a date range, with a bar chart drawn here as SVG and the same figures as CSV.
 * Ministry staff see every AP (or one, /msps/ap/reporte); an AP's autorizado only its own
 * (/sat/reporte): the entity comes from the session, never from the URL.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ap.h"
#include "ap_registro.h"
#include "buf.h"
#include "csv.h"
#include "db.h"
#include "pages.h"
#include "sat.h"
#include "session.h"
#include "text.h"

#define RANGO_MAX	92	/* days a report may span */
#define COLOMBIA	(5 * 3600)	/* UTC-5, no daylight saving */

static const char *const servicios[] = { "token", "ReportarAfiliaciontraslado",
    "ReportarRetractoAfiliacion" };
static const char *const colores[] = { "#6c757d", "#3366cc", "#e07b00" };
#define NSERVICIOS	3

/* The figures of one service in one period. */
struct grupo {
	char		 servicio[40], periodo[24];
	long long	 llamadas, recibidos, aceptados, rechazados;
	long long	 aut, val, srv;		/* incidents by type */
	long long	 mediana, p95, max;	/* microseconds */
};

struct grupos {
	struct grupo	*v;
	size_t		 n;
};

/* What the report covers: [desde, hasta) in seconds, and one AP (0: all). */
struct filtro {
	const char	*desde_txt, *hasta_txt;
	long long	 desde, hasta, entidad;
	const char	*entidad_txt;
	const char	*err_desde, *err_hasta, *err_ap;
};

/* Nearest-rank percentile p (0..100] of the sorted durations d[0..n). */
static long long
percentil(const long long *d, size_t n, int p)
{
	size_t k = (n * (size_t)p + 99) / 100;

	return n == 0 ? 0 : d[k > 0 ? k - 1 : 0];
}

/* Closes group g with its n sorted durations. */
static void
cerrar(struct grupo *g, const long long *d, size_t n)
{
	g->mediana = percentil(d, n, 50);
	g->p95 = percentil(d, n, 95);
	g->max = n > 0 ? d[n - 1] : 0;
}

/* Reads the measurements of f grouped by service and period (strftime format fmt) into
 * out, in order. Returns 0, or -1 (out freed). */
static int
agrupar(const struct filtro *f, const char *fmt, struct grupos *out)
{
	sqlite3_stmt *st = db_stmt(ST_AP_REPORTE_FILAS, "tiii", fmt, f->desde, f->hasta,
	    f->entidad);
	long long *d = NULL, *nd;
	size_t nd_n = 0, nd_cap = 0;
	struct grupo *g = NULL, *ng;
	const char *srv, *per, *inc;

	out->v = NULL, out->n = 0;
	while (st != NULL && sqlite3_step(st) == SQLITE_ROW) {
		srv = (const char *)sqlite3_column_text(st, 0);
		per = (const char *)sqlite3_column_text(st, 1);
		inc = (const char *)sqlite3_column_text(st, 6);
		if (g == NULL || strcmp(g->servicio, srv) != 0 || strcmp(g->periodo, per) != 0) {
			if (g != NULL)
				cerrar(g, d, nd_n);
			if ((ng = realloc(out->v, (out->n + 1) * sizeof(*ng))) == NULL)
				goto fail;
			out->v = ng;
			g = &out->v[out->n++];
			memset(g, 0, sizeof(*g));
			snprintf(g->servicio, sizeof(g->servicio), "%s", srv);
			snprintf(g->periodo, sizeof(g->periodo), "%s", per);
			nd_n = 0;
		}
		if (nd_n == nd_cap) {
			nd_cap = nd_cap ? 2 * nd_cap : 256;
			if ((nd = realloc(d, nd_cap * sizeof(*d))) == NULL)
				goto fail;
			d = nd;
		}
		d[nd_n++] = sqlite3_column_int64(st, 5);
		g->llamadas++;
		g->recibidos += sqlite3_column_int64(st, 2);
		g->aceptados += sqlite3_column_int64(st, 3);
		g->rechazados += sqlite3_column_int64(st, 4);
		if (inc != NULL)
			*(inc[0] == 'a' ? &g->aut : inc[0] == 'v' ? &g->val : &g->srv) += 1;
	}
	if (g != NULL)
		cerrar(g, d, nd_n);
	free(d);
	return st != NULL ? 0 : -1;
fail:
	free(d);
	free(out->v);
	out->v = NULL, out->n = 0;
	return -1;
}

/* Today in Colombia, days since 1970-01-01. */
static long
hoy(long long now)
{
	return (long)((now - COLOMBIA) / 86400);
}

/* Formats day number d (since 1970-01-01) as YYYY-MM-DD in the arena. */
static const char *
fecha_txt(struct arena *a, long d)
{
	time_t t = (time_t)d * 86400;
	struct tm tm;
	char s[11];

	gmtime_r(&t, &tm);
	strftime(s, sizeof(s), "%Y-%m-%d", &tm);
	return arena_strdup(a, s);
}

/* Whether entity id is an AP with SAT enabled. */
static int
es_ap(long long id)
{
	sqlite3_stmt *st = db_stmt(ST_AP_ENTIDADES, "");
	int si = 0;

	while (!si && st != NULL && sqlite3_step(st) == SQLITE_ROW)
		si = sqlite3_column_int64(st, 0) == id;
	if (st != NULL)
		sqlite3_reset(st);
	return si;
}

/* Reads and validates the filter: desde, hasta (YYYY-MM-DD, default the last 7 days) and,
 * for ministry staff (todas), ap. Returns the number of wrong fields. */
static int
leer_filtro(struct req *r, int todas, struct filtro *f)
{
	const char *d = req_query(r, "desde"), *h = req_query(r, "hasta");
	const char *ap = req_query(r, "ap");
	long dd, hd;
	char *end;
	int n = 0;

	memset(f, 0, sizeof(f[0]));
	f->desde_txt = d != NULL && *d != '\0' ? d : fecha_txt(r->a, hoy(r->now) - 6);
	f->hasta_txt = h != NULL && *h != '\0' ? h : fecha_txt(r->a, hoy(r->now));
	f->entidad_txt = todas && ap != NULL ? ap : "";
	if ((dd = ap_fecha_dias(f->desde_txt)) < 0)
		f->err_desde = "Escriba una fecha válida (AAAA-MM-DD).", n++;
	if ((hd = ap_fecha_dias(f->hasta_txt)) < 0)
		f->err_hasta = "Escriba una fecha válida (AAAA-MM-DD).", n++;
	else if (dd >= 0 && hd < dd)
		f->err_hasta = "La fecha final no puede ser anterior a la inicial.", n++;
	else if (dd >= 0 && hd - dd >= RANGO_MAX)
		f->err_hasta = "El periodo puede abarcar hasta 92 días.", n++;
	if (*f->entidad_txt != '\0') {
		f->entidad = strtoll(f->entidad_txt, &end, 10);
		if (*end != '\0' || f->entidad <= 0 || !es_ap(f->entidad))
			f->err_ap = "Elija una administradora de la lista.", n++;
	}
	if (!todas)
		f->entidad = r->sess->entidad_id;
	f->desde = (long long)dd * 86400 + COLOMBIA;
	f->hasta = ((long long)hd + 1) * 86400 + COLOMBIA;
	return n;
}

/* The name of what the report covers. */
static const char *
alcance(struct req *r, const struct filtro *f)
{
	sqlite3_stmt *st;
	const char *s = NULL;

	if (f->entidad == 0)
		return "Todas las administradoras";
	st = db_stmt(ST_AP_ENTIDAD_RAZON, "i", f->entidad);
	if (st != NULL && sqlite3_step(st) == SQLITE_ROW)
		s = db_text(r->a, st, 0);
	if (st != NULL)
		sqlite3_reset(st);
	return s != NULL ? s : "";
}

/* One row of figures, as Colombians write them: "12.500" calls, "1,940" ms (the
 * durations are microseconds). */
static void
fila(struct arena *a, struct view *v, const struct grupo *g)
{
	view_set(v, "SERVICIO", g->servicio);
	view_set(v, "PERIODO", fecha_es(a, g->periodo));
	view_set(v, "LLAMADAS", numero_es(a, g->llamadas));
	view_set(v, "RECIBIDOS", numero_es(a, g->recibidos));
	view_set(v, "ACEPTADOS", numero_es(a, g->aceptados));
	view_set(v, "RECHAZADOS", numero_es(a, g->rechazados));
	view_set(v, "MEDIANA", milesimas_es(a, g->mediana));
	view_set(v, "P95", milesimas_es(a, g->p95));
	view_set(v, "MAX", milesimas_es(a, g->max));
	view_set(v, "AUT", numero_es(a, g->aut));
	view_set(v, "VAL", numero_es(a, g->val));
	view_set(v, "SRV", numero_es(a, g->srv));
}

/* The index of service s in servicios[]. */
static size_t
serie(const char *s)
{
	size_t i;

	for (i = 0; i < NSERVICIOS && strcmp(servicios[i], s) != 0; i++)
		;
	return i < NSERVICIOS ? i : 0;
}

#define SVG_ALTO	220	/* plot height; the labels go below */
#define SVG_BARRA	14
#define SVG_IZQ		40
#define SVG_LEYENDA	16	/* one legend entry a line, under the day labels */
#define SVG_MIN		260	/* room for the longest legend entry */

/* The bar chart of calls per day and service, as SVG elements in the template. */
static void
grafica(struct view *v, struct arena *a, const struct filtro *f, const struct grupos *dias,
    const char *titulo)
{
	long d0 = (long)((f->desde - COLOMBIA) / 86400), d1 = (long)((f->hasta - COLOMBIA) / 86400);
	long ndias = d1 - d0, k;
	long long maxv = 1;
	struct view *s;
	size_t i, j;
	int x;

	for (i = 0; i < dias->n; i++)
		if (dias->v[i].llamadas > maxv)
			maxv = dias->v[i].llamadas;
	view_set(v, "GRAFICA_TITULO", titulo);
	/* The page scales the drawing down to the screen (viewBox); the legend is drawn inside. */
	x = SVG_IZQ + (int)ndias * (NSERVICIOS * SVG_BARRA + 12) + 10;
	view_setint(v, "SVG_ANCHO", x > SVG_MIN ? x : SVG_MIN);
	view_setint(v, "SVG_ALTO", SVG_ALTO + 26 + NSERVICIOS * SVG_LEYENDA);
	view_setint(v, "EJE_Y", SVG_ALTO);
	view_set(v, "MAXIMO", numero_es(a, maxv));
	for (k = 0; k < ndias; k++) {
		const char *dia = fecha_txt(a, d0 + k);

		x = SVG_IZQ + (int)k * (NSERVICIOS * SVG_BARRA + 12);
		s = view_section(v, "DIA");
		view_setint(s, "X", x);
		view_setint(s, "Y", SVG_ALTO + 14);
		view_setf(s, "TEXTO", "%.2s/%.2s", dia + 8, dia + 5);
		for (i = 0; i < dias->n; i++) {
			const struct grupo *g = &dias->v[i];
			int h;

			if (strcmp(g->periodo, dia) != 0)
				continue;
			j = serie(g->servicio);
			h = (int)(g->llamadas * (SVG_ALTO - 10) / maxv);
			s = view_section(v, "BARRA");
			view_setint(s, "X", x + (int)j * SVG_BARRA);
			view_setint(s, "Y", SVG_ALTO - h);
			view_setint(s, "ANCHO", SVG_BARRA - 2);
			view_setint(s, "ALTO", h);
			view_set(s, "COLOR", colores[j]);
			view_setf(s, "ETIQUETA", "%s %s: %s llamada(s)", g->servicio,
			    fecha_es(a, dia), numero_es(a, g->llamadas));
		}
	}
	for (j = 0; j < NSERVICIOS; j++) {
		s = view_section(v, "LEYENDA");
		view_setint(s, "Y", SVG_ALTO + 24 + (int)j * SVG_LEYENDA);
		view_setint(s, "X", SVG_IZQ);
		view_setint(s, "TX", SVG_IZQ + 14);
		view_set(s, "COLOR", colores[j]);
		view_set(s, "TEXTO", servicios[j]);
	}
}

/* Fills the filter form. */
static void
formulario(struct req *r, struct view *v, const struct filtro *f, int todas, const char *base)
{
	struct view *o;
	sqlite3_stmt *st;

	view_set(v, "ACCION", base);
	view_set(v, "DESDE", f->desde_txt);
	view_set(v, "HASTA", f->hasta_txt);
	if (f->err_desde != NULL)
		view_set(view_section(v, "ERR_DESDE"), "TEXT", f->err_desde);
	if (f->err_hasta != NULL)
		view_set(view_section(v, "ERR_HASTA"), "TEXT", f->err_hasta);
	if (!todas)
		return;
	o = view_section(v, "FILTRO_AP");
	if (f->err_ap != NULL)
		view_set(view_section(o, "ERR_AP"), "TEXT", f->err_ap);
	st = db_stmt(ST_AP_ENTIDADES, "");
	while (st != NULL && sqlite3_step(st) == SQLITE_ROW) {
		struct view *op = view_section(o, "OPCION");
		const char *id = (const char *)sqlite3_column_text(st, 0);

		view_set(op, "VALUE", id);
		view_setf(op, "TEXT", "%s (NIT %s)", (const char *)sqlite3_column_text(st, 2),
		    (const char *)sqlite3_column_text(st, 1));
		if (strcmp(id, f->entidad_txt) == 0)
			view_show(op, "SELECTED");
	}
	(void)r;
}

/* The query string of the filter, for the CSV link. */
static const char *
consulta(struct req *r, const struct filtro *f, int todas)
{
	return arena_printf(r->a, "desde=%s&hasta=%s%s%s", f->desde_txt, f->hasta_txt,
	    todas && f->entidad ? "&ap=" : "", todas && f->entidad ?
	    arena_printf(r->a, "%lld", f->entidad) : "");
}

/* The report page: 200, or 400 with the filter's errors and nothing else. */
static enum http_status
reporte(struct req *r, struct resp *rs, int todas, const char *base)
{
	struct grupos tot = { 0 }, dias = { 0 }, horas = { 0 };
	struct filtro f;
	struct view *v;
	const char *nombre;
	size_t i;
	int malos = leer_filtro(r, todas, &f);

	v = resp_page(rs, "ap_reporte.tpl", "Reporte de seguimiento de servicios web AP");
	if (todas)
		resp_crumb(rs, "Funcionario MSPS", "/msps/asignar");
	else
		resp_crumb(rs, "Servicios web", "/sat");
	resp_crumb(rs, "Reporte de seguimiento", NULL);
	formulario(r, v, &f, todas, base);
	if (malos > 0)
		return HTTP_BAD_REQUEST;
	if (agrupar(&f, "total", &tot) < 0 || agrupar(&f, "%Y-%m-%d", &dias) < 0 ||
	    agrupar(&f, "%Y-%m-%d %H:00", &horas) < 0) {
		free(tot.v), free(dias.v), free(horas.v);
		return HTTP_ERROR;
	}
	nombre = alcance(r, &f);
	v = view_section(v, "DATOS");
	view_set(v, "ALCANCE", nombre);
	view_set(v, "CSV", arena_printf(r->a, "%s.csv?%s", base, consulta(r, &f, todas)));
	for (i = 0; i < tot.n; i++)
		fila(r->a, view_section(v, "TOTAL"), &tot.v[i]);
	for (i = 0; i < dias.n; i++)
		fila(r->a, view_section(v, "DIA_FILA"), &dias.v[i]);
	for (i = 0; i < horas.n; i++)
		fila(r->a, view_section(v, "HORA_FILA"), &horas.v[i]);
	if (tot.n == 0)
		view_show(v, "SIN_DATOS");
	grafica(v, r->a, &f, &dias, arena_printf(r->a, "Llamadas por día y servicio — %s",
	    nombre));
	free(tot.v), free(dias.v), free(horas.v);
	return HTTP_OK;
}

/* The CSV rows of groups g, kind periodo ("total", "dia", "hora"). */
static void
csv_filas(struct buf *b, const char *nombre, const char *tipo, const struct grupos *g)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		csv_campo(b, nombre, 0);
		csv_campo(b, g->v[i].servicio, 0);
		csv_campo(b, tipo, 0);
		csv_campo(b, g->v[i].periodo, 0);
		buf_printf(b, "%lld;%lld;%lld;%lld;%lld;%lld;%lld;%lld;%lld;%lld\r\n",
		    g->v[i].llamadas, g->v[i].recibidos, g->v[i].aceptados, g->v[i].rechazados,
		    g->v[i].mediana, g->v[i].p95, g->v[i].max, g->v[i].aut, g->v[i].val,
		    g->v[i].srv);
	}
}

/* The CSV download: 200 text/csv as an attachment; 400 (the page with the errors) for a
 * wrong filter. */
static enum http_status
reporte_csv(struct req *r, struct resp *rs, int todas, const char *base)
{
	struct grupos tot = { 0 }, dias = { 0 }, horas = { 0 };
	struct filtro f;
	const char *nombre;

	if (leer_filtro(r, todas, &f) > 0)
		return reporte(r, rs, todas, base);
	if (agrupar(&f, "total", &tot) < 0 || agrupar(&f, "%Y-%m-%d", &dias) < 0 ||
	    agrupar(&f, "%Y-%m-%d %H:00", &horas) < 0) {
		free(tot.v), free(dias.v), free(horas.v);
		return HTTP_ERROR;
	}
	nombre = alcance(r, &f);
	csv_inicio(&rs->body);
	buf_puts(&rs->body, "administradora;servicio;periodo;fecha;llamadas;registros_recibidos;"
	    "registros_aceptados;registros_rechazados;mediana_us;p95_us;max_us;"
	    "incidentes_autenticacion;incidentes_validacion;incidentes_servidor\r\n");
	csv_filas(&rs->body, nombre, "total", &tot);
	csv_filas(&rs->body, nombre, "dia", &dias);
	csv_filas(&rs->body, nombre, "hora", &horas);
	free(tot.v), free(dias.v), free(horas.v);
	rs->ctype = "text/csv; charset=utf-8";
	resp_header(rs, "Content-Disposition", arena_printf(r->a, "attachment; "
	    "filename=\"reporte-ap-%s-%s.csv\"", f.desde_txt, f.hasta_txt));
	return HTTP_OK;
}

/* GET /msps/ap/reporte: every AP, or one (ap=<id>). 200, or 400 for a wrong filter. */
enum http_status
page_ap_reporte_msps(struct req *r, struct resp *rs)
{
	return reporte(r, rs, 1, "/msps/ap/reporte");
}

/* GET /msps/ap/reporte.csv: the same figures as CSV. */
enum http_status
page_ap_reporte_msps_csv(struct req *r, struct resp *rs)
{
	return reporte_csv(r, rs, 1, "/msps/ap/reporte");
}

/* GET /sat/reporte: the session's AP only (an ap= in the URL is ignored). 200, 400 for a
 * wrong filter, or the SAT gate's answer. */
enum http_status
page_ap_reporte_sat(struct req *r, struct resp *rs)
{
	enum http_status s;

	if ((s = sat_cerrado(r, rs)) != 0)
		return s;
	return reporte(r, rs, 0, "/sat/reporte");
}

/* GET /sat/reporte.csv: the same figures as CSV. */
enum http_status
page_ap_reporte_sat_csv(struct req *r, struct resp *rs)
{
	enum http_status s;

	if ((s = sat_cerrado(r, rs)) != 0)
		return s;
	return reporte_csv(r, rs, 0, "/sat/reporte");
}
