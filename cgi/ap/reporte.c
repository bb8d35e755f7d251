/*
 * The production follow-up report of the AP web services (issue 6 §3): per service, calls
 * and records per day and per hour, response time median / p95 / max and incidents by
 * type, over a date range, with a bar chart drawn here as SVG and the same figures as CSV.
 * Ministry staff see every AP (or one, /msps/ap/reporte); an AP's autorizado only its own
 * (/sat/reporte): the entity comes from the session, never from the URL.
 * It reads the rollups per day and per hour (ap_resumen, cgi/ap/resumen.h), never the
 * calls themselves: counts, sums and maximum are exact, the median and p95 come from the
 * rollups' histograms (within 2.2% of the exact values). The page lists the hours of a
 * range up to HORAS_DIAS days; the CSV always has them.
 */
#include <stdlib.h>
#include <string.h>

#include "ap/ap.h"
#include "ap/resumen.h"
#include "ap/registro.h"
#include "core/buf.h"
#include "core/csv.h"
#include "core/db.h"
#include "core/log.h"
#include "sat/sat.h"
#include "core/session.h"
#include "core/text.h"
#include "core/view.h"

#define RANGO_MAX	92	/* days a report may span */
#define HORAS_DIAS	7	/* the page shows the hours of a range up to this long */

static const char *const servicios[] = { "token", "ReportarAfiliaciontraslado",
    "ReportarRetractoAfiliacion" };
static const char *const colores[] = { "#6c757d", "#3366cc", "#e07b00" };
#define NSERVICIOS	3
/* The services in name order: the order of the report's rows. */
static const char *const orden[] = { "ReportarAfiliaciontraslado",
    "ReportarRetractoAfiliacion", "token" };

/* The figures of one service in one period. */
struct grupo {
	char		 servicio[40], periodo[24];
	long long	 llamadas, recibidos, aceptados, rechazados;
	long long	 aut, val, srv;		/* incidents by type */
	long long	 mediana, p95, max;	/* microseconds */
	long long	 inicio;		/* the period's first second (0: the total) */
};

struct grupos {
	struct grupo	*v;
	size_t		 n, cap;
};

/* What the report covers: [desde, hasta) in seconds, and one AP (0: all). */
struct filtro {
	const char	*desde_txt, *hasta_txt;
	long long	 desde, hasta, entidad;
	const char	*entidad_txt;
	const char	*err_desde, *err_hasta, *err_ap;
};

/* A group being summed from the rollups: its figures and its durations' histogram;
 * inicio is the first second of the period it sums. */
struct suma {
	struct grupo	 g;
	struct ap_hist	 h;
	long long	 inicio;
	int		 abierta;
};

/* Copies src into dst[cap], cut to fit (a report opens hundreds of periods: no printf). */
static void
copy_cut(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);

	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Opens s for service srv and period per (starting at inicio). */
static void
suma_open(struct suma *s, const char *srv, const char *per, long long inicio)
{
	memset(&s->g, 0, sizeof(s->g));
	copy_cut(s->g.servicio, sizeof(s->g.servicio), srv);
	copy_cut(s->g.periodo, sizeof(s->g.periodo), per);
	ap_hist_clear(&s->h);
	s->g.inicio = s->inicio = inicio;
	s->abierta = 1;
}

/* Closes s, when open: its median and p95 from the histogram, appended to out. Returns 0
 * or -1. */
static int
suma_close(struct suma *s, struct grupos *out)
{
	static const int percentiles[2] = { 50, 95 };
	struct grupo *ng;
	long long v[2];

	if (!s->abierta)
		return 0;
	s->abierta = 0;
	ap_hist_percentiles(&s->h, percentiles, v, 2, s->g.max);
	s->g.mediana = v[0];
	s->g.p95 = v[1];
	if (out->n == out->cap) {
		out->cap = out->cap ? 2 * out->cap : 64;
		if ((ng = realloc(out->v, out->cap * sizeof(*ng))) == NULL)
			return -1;
		out->v = ng;
	}
	out->v[out->n++] = s->g;
	return 0;
}

/* Adds the rollup row at st (ST_AP_RESUMEN_*) to s. Returns 0, or -1 for a malformed
 * histogram. */
static int
suma_add(struct suma *s, struct db_stmt *st)
{
	struct grupo *g = &s->g;
	long long max = db_col_int64(st, 8);

	g->llamadas += db_col_int64(st, 1);
	g->recibidos += db_col_int64(st, 2);
	g->aceptados += db_col_int64(st, 3);
	g->rechazados += db_col_int64(st, 4);
	g->aut += db_col_int64(st, 5);
	g->val += db_col_int64(st, 6);
	g->srv += db_col_int64(st, 7);
	if (max > g->max)
		g->max = max;
	return ap_hist_add(&s->h, db_col_blob(st, 9),
	    (size_t)db_col_bytes(st, 9));
}

/* The groupings of one report, each by service and period. */
struct informe {
	struct grupos	 tot, dias, horas;
};

static void
informe_free(struct informe *in)
{
	free(in->tot.v), free(in->dias.v), free(in->horas.v);
	memset(in, 0, sizeof(*in));
}

/* Adds the closed sum s to tot: figures and histogram. */
static void
suma_merge(struct suma *tot, const struct suma *s)
{
	tot->g.llamadas += s->g.llamadas;
	tot->g.recibidos += s->g.recibidos;
	tot->g.aceptados += s->g.aceptados;
	tot->g.rechazados += s->g.rechazados;
	tot->g.aut += s->g.aut;
	tot->g.val += s->g.val;
	tot->g.srv += s->g.srv;
	if (s->g.max > tot->g.max)
		tot->g.max = s->g.max;
	ap_hist_merge(&tot->h, &s->h);
}

/* The period starting at ini (Unix time) of length segundos, in Colombia: "YYYY-MM-DD"
 * for a day, "YYYY-MM-DD HH:00" for an hour, into per[17] (without strftime: a report
 * opens hundreds of periods). */
static void
periodo_txt(char per[17], long long ini, long long segundos)
{
	int hora = (int)((((ini - COLOMBIA_UTC) % 86400) + 86400) % 86400 / 3600);

	colombia_date(ini, per);
	if (segundos == AP_DIA)
		return;
	per[10] = ' ';
	per[11] = (char)('0' + hora / 10);
	per[12] = (char)('0' + hora % 10);
	memcpy(per + 13, ":00", 4);
}

/* Sums service srv's rollups of f of one length (AP_HORA or AP_DIA) into out, a group
 * per period in order (all APs' rows of a period together), and each period into tot
 * when not NULL. s is the period's sum. Returns 0 or -1. */
static int
periodos(const struct filtro *f, const char *srv, long long segundos, struct suma *s,
    struct grupos *out, struct suma *tot)
{
	struct db_stmt *st = f->entidad ? db_stmt(ST_AP_RESUMEN_ENTIDAD, "tiiii", srv, segundos,
	    f->desde, f->hasta, f->entidad) : db_stmt(ST_AP_RESUMEN_TODAS, "tiii", srv,
	    segundos, f->desde, f->hasta);
	char per[24];
	long long ini;
	int rc = 0;

	s->abierta = 0;
	while (rc == 0 && st != NULL && db_step(st) == DB_ROW) {
		ini = db_col_int64(st, 0);
		if (s->abierta && s->inicio != ini) {
			if (tot != NULL)
				suma_merge(tot, s);
			rc = suma_close(s, out);
		}
		if (!s->abierta) {
			periodo_txt(per, ini, segundos);
			suma_open(s, srv, per, ini);
		}
		if (rc == 0 && suma_add(s, st) != 0)
			rc = -1;
	}
	if (st != NULL)
		db_reset(st);
	if (tot != NULL && s->abierta)
		suma_merge(tot, s);
	return st == NULL || rc != 0 || suma_close(s, out) != 0 ? -1 : 0;
}

/* Reads the rollups of f into in: per service (in name order), the total and the days
 * and, when horas, the hours. Returns 0, or -1 (in freed). */
static int
read_informe(const struct filtro *f, int horas, struct informe *in)
{
	static struct suma s, tot;	/* 8 KB of histogram each: not on the stack */
	size_t i;
	int rc = 0;

	memset(in, 0, sizeof(*in));
	for (i = 0; rc == 0 && i < NSERVICIOS; i++) {
		suma_open(&tot, orden[i], "total", 0);
		rc = periodos(f, orden[i], AP_DIA, &s, &in->dias, &tot);
		/* A service without calls in the range has no total row. */
		if (rc == 0 && tot.g.llamadas > 0)
			rc = suma_close(&tot, &in->tot);
		if (rc == 0 && horas)
			rc = periodos(f, orden[i], AP_HORA, &s, &in->horas, NULL);
	}
	if (rc != 0) {
		log_err("ap_reporte: the rollups of %s could not be read", orden[i - 1]);
		informe_free(in);
	}
	return rc;
}

/* Today in Colombia, days since 1970-01-01. */
static long
hoy(long long now)
{
	return (long)((now - COLOMBIA_UTC) / 86400);
}

/* Formats day number d (since 1970-01-01) as YYYY-MM-DD in the arena. */
static const char *
fecha_txt(struct arena *a, long d)
{
	char s[11];

	colombia_date((long long)d * 86400 + COLOMBIA_UTC, s);
	return arena_strdup(a, s);
}

/* Whether entity id is an AP with SAT enabled. */
static int
es_ap(long long id)
{
	struct db_stmt *st = db_stmt(ST_AP_ENTIDADES, "");
	int si = 0;

	while (!si && st != NULL && db_step(st) == DB_ROW)
		si = db_col_int64(st, 0) == id;
	if (st != NULL)
		db_reset(st);
	return si;
}

/* Reads and validates the filter: desde, hasta (YYYY-MM-DD, default the last 7 days) and,
 * for ministry staff (todas), ap. Returns the number of wrong fields. */
static int
read_filter(struct req *r, int todas, struct filtro *f)
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
	f->desde = (long long)dd * 86400 + COLOMBIA_UTC;
	f->hasta = ((long long)hd + 1) * 86400 + COLOMBIA_UTC;
	return n;
}

/* The name of what the report covers. */
static const char *
alcance(struct req *r, const struct filtro *f)
{
	struct db_stmt *st;
	const char *s = NULL;

	if (f->entidad == 0)
		return "Todas las administradoras";
	st = db_stmt(ST_AP_ENTIDAD_RAZON, "i", f->entidad);
	if (st != NULL && db_step(st) == DB_ROW)
		s = db_text(r->a, st, 0);
	if (st != NULL)
		db_reset(st);
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

/*
 * The page's long repeated parts, written here: the rows of the tables by day and by hour
 * and the chart's bars and day labels, the same short markup hundreds of times (92 days x 3
 * services). As sections of the template each of their ~5,900 values cost ctemplate some
 * 450 instructions (a dictionary entry, its look-up, a modifier, the emitter): a third of
 * the page's work. Each part is one value here, which the template puts as it is
 * ({{VALUE:none}}): every byte is the portal's own, numbers and dates formatted here and
 * the colours and service names of this file's lists (escaped all the same, by
 * view_html_escape, as the templates escape text). The markup is that of the sections
 * before, byte for byte.
 */
#define LINEA	1024	/* one row's bytes, at most: 40-byte names escaped, 10 numbers */

static char *
put_bytes(char *o, const char *s, size_t n)
{
	memcpy(o, s, n);
	return o + n;
}
#define PUT(o, lit)	put_bytes((o), (lit), sizeof(lit) - 1)

/* n, with the thousands point when miles. */
static char *
put_int(char *o, long long n, int miles)
{
	char d[32], *end = d + sizeof(d), *p = digits_back(end, n, miles);

	return put_bytes(o, p, (size_t)(end - p));
}

/* Microseconds as milliseconds: "1,940". */
static char *
put_ms(char *o, long long us)
{
	char d[40], *end = d + sizeof(d), *p = milesimas_back(end, us);

	return put_bytes(o, p, (size_t)(end - p));
}

/* The rows of g as the tables by day and by hour show them, into b (emptied first); as
 * fila() and the template's <tr> of DIA_FILA and HORA_FILA wrote them. */
static void
filas_html(struct buf *b, const struct grupos *g)
{
	char linea[LINEA], *o;
	size_t i, n;

	buf_reset(b);
	for (i = 0; i < g->n; i++) {
		const struct grupo *x = &g->v[i];

		o = view_html_escape(PUT(linea, "<tr><td>"), x->servicio);
		o = PUT(o, "</td><td>");
		/* A day's or an hour's period (periodo_txt): "YYYY-MM-DD[ HH:00]". */
		n = strlen(x->periodo);
		fecha_es_write(o, x->periodo, n);
		o = put_int(PUT(o + n, "</td><td>"), x->llamadas, 1);
		o = put_int(PUT(o, "</td><td>"), x->recibidos, 1);
		o = put_int(PUT(o, "</td><td>"), x->aceptados, 1);
		o = put_int(PUT(o, "</td><td>"), x->rechazados, 1);
		o = put_ms(PUT(o, "</td><td>"), x->mediana);
		o = put_ms(PUT(o, "</td><td>"), x->p95);
		o = put_ms(PUT(o, "</td><td>"), x->max);
		o = put_int(PUT(o, "</td><td>"), x->aut, 1);
		o = put_int(PUT(o, "</td><td>"), x->val, 1);
		o = put_int(PUT(o, "</td><td>"), x->srv, 1);
		o = PUT(o, "</td></tr>");
		buf_put(b, linea, (size_t)(o - linea));
	}
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
	long d0 = (long)((f->desde - COLOMBIA_UTC) / 86400), d1 = (long)((f->hasta - COLOMBIA_UTC) / 86400);
	long ndias = d1 - d0, k;
	static struct buf barras, etiquetas;	/* kept from page to page: one thread */
	long long maxv = 1;
	const struct grupo **celda;
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
	/* Each day's group of each service (in name order), NULL when it had no calls. */
	celda = arena_alloc(a, (size_t)ndias * NSERVICIOS * sizeof(*celda));
	if (celda == NULL)
		return;
	memset(celda, 0, (size_t)ndias * NSERVICIOS * sizeof(*celda));
	for (i = 0; i < dias->n; i++) {
		k = (long)((dias->v[i].inicio - COLOMBIA_UTC) / 86400) - d0;
		for (j = 0; j < NSERVICIOS && strcmp(orden[j], dias->v[i].servicio) != 0; j++)
			;
		if (k >= 0 && k < ndias && j < NSERVICIOS)
			celda[k * NSERVICIOS + (long)j] = &dias->v[i];
	}
	buf_reset(&barras);
	buf_reset(&etiquetas);
	for (k = 0; k < ndias; k++) {
		char dia[11], fecha[10], linea[LINEA], *o;

		colombia_date((long long)(d0 + k) * 86400 + COLOMBIA_UTC, dia);
		fecha_es_write(fecha, dia, 10);
		x = SVG_IZQ + (int)k * (NSERVICIOS * SVG_BARRA + 12);
		/* <text x="X" y="Y" font-size="10">dd/mm</text> */
		o = put_int(PUT(linea, "<text x=\""), x, 0);
		o = put_int(PUT(o, "\" y=\""), SVG_ALTO + 14, 0);
		o = put_bytes(PUT(o, "\" font-size=\"10\">"), fecha, 5);
		o = PUT(o, "</text>");
		buf_put(&etiquetas, linea, (size_t)(o - linea));
		for (i = 0; i < NSERVICIOS; i++) {
			const struct grupo *g = celda[k * NSERVICIOS + (long)i];
			int h;

			if (g == NULL)
				continue;
			j = serie(g->servicio);
			h = (int)(g->llamadas * (SVG_ALTO - 10) / maxv);
			/* <rect x y width height fill><title>service dd/mm/aaaa: N
			 * llamada(s)</title></rect> */
			o = put_int(PUT(linea, "<rect x=\""), x + (int)j * SVG_BARRA, 0);
			o = put_int(PUT(o, "\" y=\""), SVG_ALTO - h, 0);
			o = put_int(PUT(o, "\" width=\""), SVG_BARRA - 2, 0);
			o = put_int(PUT(o, "\" height=\""), h, 0);
			o = view_html_escape(PUT(o, "\" fill=\""), colores[j]);
			o = view_html_escape(PUT(o, "\"><title>"), g->servicio);
			o = put_bytes(PUT(o, " "), fecha, sizeof(fecha));
			o = put_int(PUT(o, ": "), g->llamadas, 1);
			o = PUT(o, " llamada(s)</title></rect>");
			buf_put(&barras, linea, (size_t)(o - linea));
		}
	}
	view_set(v, "BARRAS", barras.p);
	view_set(v, "ETIQUETAS", etiquetas.p);
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
	struct db_stmt *st;

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
	while (st != NULL && db_step(st) == DB_ROW) {
		struct view *op = view_section(o, "OPCION");
		const char *id = db_col_text(st, 0);

		view_set(op, "VALUE", id);
		view_setf(op, "TEXT", "%s (NIT %s)", db_col_text(st, 2),
		    db_col_text(st, 1));
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
	static struct buf filas;	/* kept from page to page: a worker is one thread */
	struct informe in;
	struct filtro f;
	struct view *v, *h;
	const char *nombre;
	size_t i;
	int malos = read_filter(r, todas, &f);

	v = resp_page(rs, "ap/reporte.tpl", "Reporte de seguimiento de servicios web AP");
	if (todas)
		resp_crumb(rs, "Funcionario MSPS", "/msps/asignar");
	else
		resp_crumb(rs, "Servicios web", "/sat");
	resp_crumb(rs, "Reporte de seguimiento", NULL);
	formulario(r, v, &f, todas, base);
	if (malos > 0)
		return HTTP_BAD_REQUEST;
	if (read_informe(&f, f.hasta - f.desde <= HORAS_DIAS * 86400, &in) < 0)
		return HTTP_ERROR;
	nombre = alcance(r, &f);
	v = view_section(v, "DATOS");
	view_set(v, "ALCANCE", nombre);
	view_set(v, "CSV", arena_printf(r->a, "%s.csv?%s", base, consulta(r, &f, todas)));
	for (i = 0; i < in.tot.n; i++)
		fila(r->a, view_section(v, "TOTAL"), &in.tot.v[i]);
	filas_html(&filas, &in.dias);
	view_set(v, "DIA_FILAS", filas.p);
	h = f.hasta - f.desde <= HORAS_DIAS * 86400 ? view_section(v, "HORAS") : NULL;
	if (h != NULL) {
		filas_html(&filas, &in.horas);
		view_set(h, "HORA_FILAS", filas.p);
	}
	if (in.tot.n == 0)
		view_show(v, "SIN_DATOS");
	if (h == NULL)
		view_setint(view_section(v, "HORAS_CSV"), "DIAS", HORAS_DIAS);
	grafica(v, r->a, &f, &in.dias, arena_printf(r->a, "Llamadas por día y servicio — %s",
	    nombre));
	informe_free(&in);
	return HTTP_OK;
}

/* The CSV rows of groups g, kind periodo ("total", "dia", "hora"). */
static void
csv_filas(struct buf *b, const char *nombre, const char *tipo, const struct grupos *g)
{
	char linea[LINEA], *o;
	size_t i, j;

	for (i = 0; i < g->n; i++) {
		const struct grupo *x = &g->v[i];
		const long long n[] = { x->llamadas, x->recibidos, x->aceptados, x->rechazados,
		    x->mediana, x->p95, x->max, x->aut, x->val, x->srv };

		csv_campo(b, nombre, 0);
		csv_campo(b, x->servicio, 0);
		csv_campo(b, tipo, 0);
		csv_campo(b, x->periodo, 0);
		/* The ten figures as "%lld", ';' between them, without printf: the CSV of 92
		 * days has some 20,000 hour rows (printf was 40 % of it). */
		for (o = linea, j = 0; j < sizeof(n) / sizeof(n[0]); j++)
			o = put_int(j > 0 ? PUT(o, ";") : o, n[j], 0);
		o = PUT(o, "\r\n");
		buf_put(b, linea, (size_t)(o - linea));
	}
}

/* The CSV download: 200 text/csv as an attachment; 400 (the page with the errors) for a
 * wrong filter. */
static enum http_status
reporte_csv(struct req *r, struct resp *rs, int todas, const char *base)
{
	struct informe in;
	struct filtro f;
	const char *nombre;

	if (read_filter(r, todas, &f) > 0)
		return reporte(r, rs, todas, base);
	if (read_informe(&f, 1, &in) < 0)
		return HTTP_ERROR;
	nombre = alcance(r, &f);
	csv_inicio(&rs->body);
	buf_puts(&rs->body, "administradora;servicio;periodo;fecha;llamadas;registros_recibidos;"
	    "registros_aceptados;registros_rechazados;mediana_us;p95_us;max_us;"
	    "incidentes_autenticacion;incidentes_validacion;incidentes_servidor\r\n");
	csv_filas(&rs->body, nombre, "total", &in.tot);
	csv_filas(&rs->body, nombre, "dia", &in.dias);
	csv_filas(&rs->body, nombre, "hora", &in.horas);
	informe_free(&in);
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
