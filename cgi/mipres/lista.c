/*
 * MIPRES pages: the home of the four MIPRES roles (/mipres) and "Direccionamientos"
 * (/mipres/direccionamientos): the lines a provider (its NIT is NoIDProv, or it made the
 * entrega ámbito) or an EPS (its own, of the session's régimen) may see, found by date, by
 * prescription or by patient and date, with the state of each step and links to the next
 * actions (the forms of cgi/mipres/forms.c); the same result as CSV with &formato=csv.
 */
#include <stdio.h>
#include <string.h>

#include "core/csv.h"
#include "core/db.h"
#include "core/form.h"
#include "mipres/generar_token.h"
#include "mipres/codigos.h"
#include "mipres/forms.h"
#include "mipres/mipres.h"
#include "core/roles.h"
#include "core/session.h"
#include "core/text.h"
#include "core/valid.h"

#define LISTA_MAX	500	/* lines a page shows */
#define CSV_MAX		5000	/* lines a download holds */

/* The steps the table shows, in the cycle's order (a no-direccionamiento stands apart). */
enum { PD, PP, PE, PR, PS, NPASOS };
static const struct {
	enum mipres_paso	 paso;
	const char	*url;		/* {paso} of /mipres/anular/{paso}/{idpaso} */
	const char	*nombre;	/* the link "Anular <nombre>" */
	const char	*csv;		/* the CSV's columns ID<csv>, Est<csv> */
	const char	*titulo;	/* the step in the line's detail and state */
} pasos[NPASOS] = {
	[PD] = { MP_D, "direccionamiento", "direccionamiento", "Direccionamiento",
	    "Direccionamiento" },
	[PP] = { MP_P, "programacion", "programación", "Programacion", "Programación" },
	[PE] = { MP_E, "entrega", "entrega", "Entrega", "Entrega" },
	[PR] = { MP_R, "reporte", "reporte", "ReporteEntrega", "Reporte de entrega" },
	[PS] = { MP_S, "suministro", "suministro", "Suministro", "Suministro" },
};

/* One line as the table shows it. */
struct linea {
	long long	 id;
	const char	*presc, *tipo_tec, *con_tec, *tipo_id, *no_id, *no_entrega, *cant;
	const char	*fec_max, *dia, *cod;
	int		 ambito;
	long long	 paso[NPASOS];	/* the step's id shown for each kind (0: none) */
	int		 est[NPASOS];	/* its state, MP_NINGUNO when there is none */
};

/* A search as the query string gives it, and the message of each wrong field. */
struct busqueda {
	const char	*por, *fecha, *presc, *tipodoc, *numdoc;
	const char	*e_por, *e_fecha, *e_presc, *e_tipodoc, *e_numdoc;
};

static int
vivo(int est)
{
	return est == MP_ACTIVO || est == MP_PROCESADO;
}

static const char *
estado_txt(int est)
{
	return est == MP_ACTIVO ? "Activo" : est == MP_PROCESADO ? "Procesado" :
	    est == MP_ANULADO ? "Anulado" : NULL;
}

/* GET /mipres: the MIPRES pages the role may use (the header names the entity). 200. */
enum http_status
page_mipres(struct req *r, struct resp *rs)
{
	struct view *v = resp_page(rs, "mipres/home.tpl", "MIPRES Suministro");

	resp_crumb(rs, "MIPRES", NULL);
	view_show(v, (r->sess->role & R_EPS) ? "EPS" : "PROVEEDOR");
	view_show(v, r->sess->solo_consulta ? "CONSULTA" : "ESCRIBE");
	if (r->sess->role & R_DELEGADO)
		view_show(v, "DELEGADO");
	return HTTP_OK;
}

/* A patient's document type: one of the codes the validation accepts. */
static int
v_tipodoc(const char *s)
{
	const char *const *c;

	for (c = mipres_codigos(MC_TIPOIDPACIENTE); *c != NULL; c++)
		if (strcmp(s, *c) == 0)
			return 1;
	return 0;
}

/* A patient's document number as MIPRES takes it: 1-20 letters and digits. */
static int
v_numdoc(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= 20 && strspn(s, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz") == n;
}

/* Reads and validates the search. Returns -1 when none was asked (no por), else the
 * number of wrong fields. */
static int
read_busqueda(struct req *r, struct busqueda *b)
{
	int n = 0, fecha = 0;

	memset(b, 0, sizeof(*b));
	b->por = trim_blanks(r->a, req_query(r, "por"));
	b->fecha = trim_blanks(r->a, req_query(r, "fecha"));
	b->presc = trim_blanks(r->a, req_query(r, "prescripcion"));
	b->tipodoc = trim_blanks(r->a, req_query(r, "tipodoc"));
	b->numdoc = trim_blanks(r->a, req_query(r, "numdoc"));
	if (*b->por == '\0' && strcmp(trim_blanks(r->a, req_query(r, "formato")), "csv") != 0)
		return -1;
	if (strcmp(b->por, "fecha") == 0)
		fecha = 1;
	else if (strcmp(b->por, "prescripcion") == 0) {
		if (!v_digits(b->presc, 1, 20))
			b->e_presc = "Escriba el número de prescripción: solo dígitos, hasta 20.",
			    n++;
	} else if (strcmp(b->por, "paciente") == 0) {
		fecha = 1;
		if (!v_tipodoc(b->tipodoc))
			b->e_tipodoc = "Elija el tipo de documento del paciente.", n++;
		if (!v_numdoc(b->numdoc))
			b->e_numdoc = "Escriba el número de documento del paciente: solo letras y "
			    "dígitos, sin puntos ni espacios (hasta 20).", n++;
	} else
		b->e_por = "Elija cómo buscar: por fecha, por número de prescripción o por "
		    "paciente.", n++;
	if (fecha && !v_fecha(b->fecha))
		b->e_fecha = *b->fecha == '\0' ? "Escriba la fecha del direccionamiento "
		    "(AAAA-MM-DD)." : "Escriba una fecha válida con el formato AAAA-MM-DD.", n++;
	return n;
}

/* Copies the line's own columns of row st into l, with no step yet. */
static void
linea_nueva(struct arena *a, struct db_stmt *st, struct linea *l)
{
	int k;

	memset(l, 0, sizeof(*l));
	l->id = db_col_int64(st, 0);
	l->presc = db_text(a, st, 1);
	l->tipo_tec = db_text(a, st, 2);
	l->con_tec = db_text(a, st, 3);
	l->tipo_id = db_text(a, st, 4);
	l->no_id = db_text(a, st, 5);
	l->no_entrega = db_text(a, st, 6);
	l->cant = db_text(a, st, 7);
	l->fec_max = db_text(a, st, 8);
	for (k = 0; k < NPASOS; k++)
		l->est[k] = MP_NINGUNO;
}

/* Adds the step of row st to l: the live one of a kind is shown, else the latest
 * annulled. The line's date and technology code are its direccionamiento's (an entrega
 * ámbito's for such a line). */
static void
linea_paso(struct arena *a, struct db_stmt *st, struct linea *l)
{
	const char *tipo = db_col_text(st, 9);
	int k, ambito = db_col_int(st, 12);

	for (k = 0; k < NPASOS && (tipo == NULL || strcmp(tipo,
	    mipres_paso_tipo(pasos[k].paso)) != 0); k++)
		;
	if (k == NPASOS)
		return;
	if (l->est[k] <= MP_ANULADO) {
		l->est[k] = db_col_int(st, 11);
		l->paso[k] = db_col_int64(st, 10);
	}
	if (k == PD || (k == PE && ambito)) {
		l->ambito |= ambito;
		l->dia = db_text(a, st, 13);
		l->cod = db_text(a, st, 14);
	}
}

/* Runs search b for q and calls fn for each of the first max lines. Returns the number of
 * lines, max + 1 when there were more, or -1 on a database error. */
static long long
find_lines(struct req *r, const struct mipres_quien *q, const struct busqueda *b, long long max,
    void (*fn)(void *, const struct linea *), void *arg)
{
	struct db_stmt *st;
	struct linea l;
	long long n = 0;
	int rc;

	st = q->es_eps ? db_stmt(ST_MIPRES_LISTA_EPS, "tittttti", b->por, q->entidad_id,
	    b->fecha, b->presc, b->numdoc, b->tipodoc, q->regimen, max + 1) :
	    db_stmt(ST_MIPRES_LISTA_PROV, "tttttti", b->por, q->nit, b->fecha, b->presc,
	    b->numdoc, b->tipodoc, max + 1);
	if (st == NULL)
		return -1;
	l.id = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		if (db_col_int64(st, 0) != l.id) {
			if (l.id != 0 && n++ < max)
				fn(arg, &l);
			linea_nueva(r->a, st, &l);
		}
		linea_paso(r->a, st, &l);
	}
	db_reset(st);
	if (rc != DB_DONE)
		return -1;
	if (l.id != 0 && n++ < max)
		fn(arg, &l);
	return n;
}

/* A line's next actions as they are added: its list is made with the first one. */
struct acciones {
	struct view	*row;
	struct view	*lista;	/* section ACCIONES of row, or NULL while there is none */
};

/* One link to a next action. */
static void
accion(struct acciones *x, const char *texto, const char *href, const char *k)
{
	struct view *a;

	if (x->lista == NULL)
		x->lista = view_section(x->row, "ACCIONES");
	a = view_section(x->lista, "ACCION");

	view_set(a, "TEXTO", texto);
	view_set(a, "HREF", href);
	view_set(a, "K", k);
	if (strncmp(k, "anular-", 7) == 0)
		view_show(a, "ANULAR");
}

/* The "Anular" link of step k when mipres_anulable allows it. */
static void
annul_link(struct arena *a, struct acciones *row, const struct linea *l, int k)
{
	int sig = k + 1 < NPASOS ? l->est[k + 1] : MP_NINGUNO;

	if (l->est[k] == MP_NINGUNO || mipres_anulable(pasos[k].paso, l->est[k], sig) != NULL)
		return;
	accion(row, arena_printf(a, "Anular %s", pasos[k].nombre), arena_printf(a,
	    "/mipres/anular/%s/%lld", pasos[k].url, l->paso[k]), arena_printf(a, "anular-%s",
	    pasos[k].url));
}

/* The next actions on line l for q: a provider programs, delivers, reports and annuls
 * those; an EPS records the suministro and annuls the direccionamiento or suministro. */
static void
acciones(struct arena *a, struct acciones *row, const struct mipres_quien *q,
    const struct linea *l)
{
	const int *e = l->est;

	if (q->es_eps) {
		if (e[PR] == MP_ACTIVO && !vivo(e[PS]))
			accion(row, "Registrar suministro", arena_printf(a,
			    "/mipres/suministrar/%lld", l->id), "suministrar");
		annul_link(a, row, l, PD);
		annul_link(a, row, l, PS);
		return;
	}
	if (e[PD] == MP_ACTIVO && !vivo(e[PP]))
		accion(row, "Programar", arena_printf(a, "/mipres/programar/%lld", l->id),
		    "programar");
	if (e[PP] == MP_ACTIVO && !vivo(e[PE]))
		accion(row, "Entregar", arena_printf(a, "/mipres/entregar/%lld", l->id),
		    "entregar");
	if (e[PE] == MP_ACTIVO && !vivo(e[PR]))
		accion(row, "Reportar entrega", arena_printf(a, "/mipres/reportar/%lld", l->id),
		    "reportar");
	annul_link(a, row, l, PP);
	annul_link(a, row, l, PE);
	annul_link(a, row, l, PR);
}

/* What fila() needs. */
struct tabla {
	struct req		*r;
	struct view		*v;	/* the result; its TABLA section once a line came */
	struct view		*tabla;
	const struct mipres_quien	*q;
};

/* The line's state in a few words: its last live step and that step's state ("Programación:
 * Activo"), or the last step annulled when none lives. */
static const char *
estado_linea(struct arena *a, const struct linea *l)
{
	int k, ultimo = -1;

	for (k = NPASOS - 1; k >= 0; k--) {
		if (vivo(l->est[k]))
			break;
		if (ultimo < 0 && l->est[k] != MP_NINGUNO)
			ultimo = k;
	}
	if (k < 0)
		k = ultimo;
	if (k < 0)
		return "—";
	return arena_printf(a, "%s: %s", pasos[k].titulo, estado_txt(l->est[k]));
}

/* The state and step id of each step, for the line's detail. */
static void
detalle(struct view *row, const struct linea *l)
{
	struct view *p;
	const char *s;
	int k;

	for (k = 0; k < NPASOS; k++) {
		p = view_section(row, "PASO");
		s = estado_txt(l->est[k]);
		view_set(p, "NOMBRE", pasos[k].titulo);
		view_set(p, "K", pasos[k].url);
		view_set(p, "EST", s ? s : "—");
		if (l->paso[k] != 0) {
			view_setint(p, "IDPASO", l->paso[k]);
			view_setf(view_section(p, "CON_ID"), "IDNOMBRE", "ID%s", pasos[k].csv);
		}
	}
}

/* One line of the list: the key data, its state and next actions; the rest in its detail. */
static void
fila(void *arg, const struct linea *l)
{
	struct tabla *t = arg;
	struct arena *a = t->r->a;
	struct acciones x;
	struct view *row;

	if (t->tabla == NULL)
		t->tabla = view_section(t->v, "TABLA");
	row = view_section(t->tabla, "LINEA");
	view_setint(row, "ID", l->id);
	view_set(row, "PRESCRIPCION", l->presc);
	view_set(row, "TIPOTEC", l->tipo_tec);
	view_set(row, "CONTEC", l->con_tec);
	view_set(row, "CODSERTEC", l->cod);
	view_set(row, "TIPODOC", l->tipo_id);
	view_set(row, "NUMDOC", l->no_id);
	view_set(row, "NOENTREGA", l->no_entrega ? l->no_entrega : "—");
	view_set(row, "CANTIDAD", l->cant ? l->cant : "—");
	view_set(row, "FECMAXENT", l->fec_max ? fecha_es(a, l->fec_max) : "—");
	view_set(row, "FECHA", fecha_es(a, l->dia));
	view_set(row, "ESTADO", estado_linea(a, l));
	if (l->ambito)
		view_show(row, "AMBITO");
	detalle(row, l);
	x.row = row;
	x.lista = NULL;
	if (!t->r->sess->solo_consulta)
		acciones(a, &x, t->q, l);
	/* No action: the place says why. */
	if (x.lista == NULL)
		view_set(view_section(row, "SIN_ACCIONES"), "TEXTO", t->r->sess->solo_consulta ?
		    "Su perfil es de consulta." : "Sin acciones pendientes.");
}

/* The search as a query string (validated values), for the CSV link. */
static const char *
consulta(struct req *r, const struct busqueda *b)
{
	struct arena *a = r->a;

	if (strcmp(b->por, "fecha") == 0)
		return arena_printf(a, "por=fecha&fecha=%s", url_encode(a, b->fecha));
	if (strcmp(b->por, "prescripcion") == 0)
		return arena_printf(a, "por=prescripcion&prescripcion=%s", url_encode(a, b->presc));
	return arena_printf(a, "por=paciente&tipodoc=%s&numdoc=%s&fecha=%s",
	    url_encode(a, b->tipodoc), url_encode(a, b->numdoc), url_encode(a, b->fecha));
}

/* The summary on top of a wrong search: a link to each wrong field (the choice of search,
 * which has no field, says so in words). */
static void
resumen(struct view *v, const struct busqueda *b, int pac)
{
	struct view *r = form_resumen(view_section(v, "ERRORES"));

	if (b->e_fecha != NULL)
		form_resumen_enlace(r, pac ? "pfecha" : "fecha", b->e_fecha);
	if (b->e_presc != NULL)
		form_resumen_enlace(r, "prescripcion", b->e_presc);
	if (b->e_tipodoc != NULL)
		form_resumen_enlace(r, "tipodoc", b->e_tipodoc);
	if (b->e_numdoc != NULL)
		form_resumen_enlace(r, "numdoc", b->e_numdoc);
}

/* The three search forms with b's values (or the date of now) and messages. */
static void
formularios(struct view *v, const struct busqueda *b, long long now)
{
	int pac = strcmp(b->por, "paciente") == 0;
	char hoy[11];
	const char *const *c;
	struct view *o;

	colombia_date(now, hoy);
	view_set(v, "FECHA", !pac && *b->fecha ? b->fecha : hoy);
	view_set(v, "PFECHA", pac && *b->fecha ? b->fecha : hoy);
	view_set(v, "PRESCRIPCION", b->presc);
	view_set(v, "NUMDOC", b->numdoc);
	for (c = mipres_codigos(MC_TIPOIDPACIENTE); *c != NULL; c++) {
		o = view_section(v, "TIPODOC");
		view_set(o, "VALUE", *c);
		view_setf(o, "TEXT", "%s — %s", *c, mipres_form_significado(MC_TIPOIDPACIENTE, *c));
		if (strcmp(*c, b->tipodoc) == 0)
			view_show(o, "SELECTED");
	}
	if (b->e_por != NULL)
		view_set(view_section(v, "E_POR"), "TEXT", b->e_por);
	if (b->e_fecha != NULL)
		view_set(view_section(v, pac ? "E_PFECHA" : "E_FECHA"), "TEXT", b->e_fecha);
	if (b->e_presc != NULL)
		view_set(view_section(v, "E_PRESCRIPCION"), "TEXT", b->e_presc);
	if (b->e_tipodoc != NULL)
		view_set(view_section(v, "E_TIPODOC"), "TEXT", b->e_tipodoc);
	if (b->e_numdoc != NULL)
		view_set(view_section(v, "E_NUMDOC"), "TEXT", b->e_numdoc);
	if (b->e_por || b->e_fecha || b->e_presc || b->e_tipodoc || b->e_numdoc)
		resumen(v, b, pac);
}

/* What was searched, in words. */
static const char *
descripcion(struct arena *a, const struct busqueda *b)
{
	if (strcmp(b->por, "fecha") == 0)
		return arena_printf(a, "direccionadas el %s", fecha_es(a, b->fecha));
	if (strcmp(b->por, "prescripcion") == 0)
		return arena_printf(a, "de la prescripción %s", b->presc);
	return arena_printf(a, "del paciente %s %s direccionadas el %s", b->tipodoc, b->numdoc,
	    fecha_es(a, b->fecha));
}

/* The page: the forms and, for a valid search, the results. 200; 400 with the messages
 * next to the wrong fields and the values kept; 500 on a database error. */
static enum http_status
lista(struct req *r, struct resp *rs, struct busqueda *b, int malos)
{
	struct view *v = resp_page(rs, "mipres/direccionamientos.tpl", "Direccionamientos");
	struct mipres_quien q;
	struct tabla t;
	long long n;

	resp_crumb(rs, "MIPRES", "/mipres");
	resp_crumb(rs, "Direccionamientos", NULL);
	formularios(v, b, r->now);
	if (malos > 0)
		return HTTP_BAD_REQUEST;
	if (malos < 0)
		return HTTP_OK;
	mipres_quien_sesion(r, &q);
	t.r = r;
	t.q = &q;
	t.v = view_section(v, "RESULTADO");
	t.tabla = NULL;
	if ((n = find_lines(r, &q, b, LISTA_MAX, fila, &t)) < 0)
		return HTTP_ERROR;
	view_set(t.v, "DESCRIPCION", descripcion(r->a, b));
	view_set(t.v, "TOTAL", numero_es(r->a, n > LISTA_MAX ? LISTA_MAX : n));
	if (t.tabla == NULL)
		view_show(t.v, "VACIO");
	else
		view_set(t.tabla, "CSV", arena_printf(r->a,
		    "/mipres/direccionamientos?%s&formato=csv", consulta(r, b)));
	if (n > LISTA_MAX) {
		v = view_section(t.v, "TOPE");
		view_set(v, "MAX", numero_es(r->a, LISTA_MAX));
		view_set(v, "CSV_MAX", numero_es(r->a, CSV_MAX));
	}
	return HTTP_OK;
}

/* One line of the CSV. */
static void
csv_fila(void *arg, const struct linea *l)
{
	struct buf *b = arg;
	char id[24];
	int k;

	snprintf(id, sizeof(id), "%lld", l->id);
	csv_campo(b, id, 0);
	csv_campo(b, l->presc, 0);
	csv_campo(b, l->tipo_tec, 0);
	csv_campo(b, l->con_tec, 0);
	csv_campo(b, l->cod, 0);
	csv_campo(b, l->tipo_id, 0);
	csv_campo(b, l->no_id, 0);
	csv_campo(b, l->no_entrega, 0);
	csv_campo(b, l->cant, 0);
	csv_campo(b, l->fec_max, 0);
	csv_campo(b, l->dia, 0);
	csv_campo(b, l->ambito ? "1" : "0", 0);
	for (k = 0; k < NPASOS; k++) {
		snprintf(id, sizeof(id), "%lld", l->paso[k]);
		csv_campo(b, l->paso[k] ? id : NULL, 0);
		csv_campo(b, estado_txt(l->est[k]), k == NPASOS - 1);
	}
}

/* The CSV download of search b: 200 text/csv as an attachment, or 500. */
static enum http_status
lista_csv(struct req *r, struct resp *rs, const struct busqueda *b)
{
	struct mipres_quien q;
	const char *nombre;
	int k;

	mipres_quien_sesion(r, &q);
	csv_inicio(&rs->body);
	buf_puts(&rs->body, "ID;NoPrescripcion;TipoTec;ConTec;CodSerTecAEntregar;TipoIDPaciente;"
	    "NoIDPaciente;NoEntrega;CantTotAEntregar;FecMaxEnt;FecDireccionamiento;EntregaAmbito");
	for (k = 0; k < NPASOS; k++)
		buf_printf(&rs->body, ";ID%s;Est%s", pasos[k].csv, pasos[k].csv);
	buf_puts(&rs->body, "\r\n");
	if (find_lines(r, &q, b, CSV_MAX, csv_fila, &rs->body) < 0)
		return HTTP_ERROR;
	/* The values are validated: digits, letters, dates. */
	nombre = strcmp(b->por, "fecha") == 0 ? b->fecha : strcmp(b->por, "prescripcion") == 0 ?
	    b->presc : arena_printf(r->a, "%s%s-%s", b->tipodoc, b->numdoc, b->fecha);
	rs->ctype = "text/csv; charset=utf-8";
	resp_header(rs, "Content-Disposition", arena_printf(r->a, "attachment; "
	    "filename=\"direccionamientos-%s.csv\"", nombre));
	return HTTP_OK;
}

/* GET /mipres/direccionamientos[?por=...][&formato=csv]: the search page (200, 400 with
 * the messages), or the CSV of the result (200; a wrong search gives the page with 400). */
enum http_status
page_mipres_direccionamientos(struct req *r, struct resp *rs)
{
	struct busqueda b;
	int malos = read_busqueda(r, &b);

	if (malos == 0 && strcmp(trim_blanks(r->a, req_query(r, "formato")), "csv") == 0)
		return lista_csv(r, rs, &b);
	return lista(r, rs, &b, malos);
}
