/*
 * The MIPRES cycle's HTML forms: one generic form over the transactions of cgi/mipres/valid.h.
 * Each page names its transaction; the fields, their order and which are required come
 * from mipres_tx_campos(), the selects' codes from mipres_codigos(), and a POST goes through
 * mipres_register() (or mipres_annul()), so the form and the JSON API accept and refuse exactly
 * the same input. The forms word the messages their own way (cgi/mipres/mensajes.c: fields by
 * their labels, limits stated) and report the format errors and the broken rules of the
 * well-formed fields in one answer (mipres_in.juntos). Statuses of the form pages:
 *   200 the form (GET); 303 to the record's page after it was recorded
 *   400 a field is missing or malformed (messages next to the fields, values kept; the
 *       rules the other fields break too)
 *   422 a business rule refused it (messages next to the field, or at the top)
 *   403 a paso the role does not annul; 404 a line or record that is not the entity's
 *   500 the database failed
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/db.h"
#include "core/form.h"
#include "core/log.h"
#include "mipres/generar_token.h"
#include "mipres/codigos.h"
#include "mipres/forms.h"
#include "mipres/mipres.h"
#include "core/session.h"
#include "core/text.h"
#include "core/valid.h"
#include "mipres/sql.h"

/* What each code means (spec/mipres.md, "Code tables"). */
static const char *const significados[][2] = {
	{ "M", "Medicamento" }, { "P", "Procedimiento" }, { "D", "Dispositivo médico" },
	{ "N", "Producto nutricional" }, { "S", "Servicio complementario" },
	{ "CC", "Cédula de ciudadanía" }, { "RC", "Registro civil" },
	{ "TI", "Tarjeta de identidad" }, { "CE", "Cédula de extranjería" },
	{ "PA", "Pasaporte" }, { "NV", "Certificado de nacido vivo" },
	{ "CD", "Carné diplomático" }, { "SC", "Salvoconducto de permanencia" },
	{ "PR", "Pasaporte de la ONU" }, { "PE", "Permiso especial de permanencia" },
	{ "AS", "Adulto sin identificación" }, { "MS", "Menor sin identificación" },
	{ "PT", "Permiso por protección temporal" }, { "NI", "NIT" },
};
static const char *const causas[] = {
	NULL, "Misma solicitud en otra prescripción",
	"Evidencia de interacción o reacción medicamentosa",
	"Indicación no aprobada por el INVIMA",
	"Presentación no fraccionable", "Suministro por tutela", "Paciente corresponde a otra EPS",
	"No fue posible contactar al paciente", "Paciente fallecido",
	"Paciente se niega a recibir el suministro",
	"No se han agotado los topes o corresponde a condicionamientos de cobertura del PBS",
	"Excede la dosis máxima recomendada", "Excede tres meses en formulación de primera vez",
	"Excede el año y no está formulada como sucesiva", "El INVIMA no aprobó el MVND",
	"El paciente tiene suministro de otra prescripción", "Prescriptor y paciente son el mismo",
	"Tecnología incluida en el PBS", "Exclusión del PBS", "Cubierta por otro plan adicional",
};
/* The 0 and 1 of the yes/no fields. */
static const char *
si_no(enum mipres_campo c, long long k)
{
	switch (c) {
	case MC_ENTTOTAL:
		return k ? "Sí, entrega total" : "No, entrega parcial";
	case MC_ESTADOENTREGA:
		return k ? "Entregado" : "No entregado";
	default:
		return k ? "Sí" : "No";
	}
}

/* The kinds of step: the path's word, the name, the Id<Step> and whose they are. */
static const struct {
	const char	*ruta, *nombre, *idpaso;
	int		 de_eps;	/* the EPS records and annuls it (else the provider) */
} pasos[MP__NPASOS] = {
	[MP_D] = { "direccionamiento", "Direccionamiento", "IdDireccionamiento", 1 },
	[MP_N] = { "nodireccionamiento", "No direccionamiento", "IdNODireccionamiento", 1 },
	[MP_P] = { "programacion", "Programación", "IdProgramacion", 0 },
	[MP_E] = { "entrega", "Entrega", "IdEntrega", 0 },
	[MP_R] = { "reporte", "Reporte de entrega", "IdReporteEntrega", 0 },
	[MP_S] = { "suministro", "Suministro", "IdSuministro", 1 },
};
static const char *const estados[] = { "Anulado", "Activo", "Procesado" };
#define ESTADO(e)	((e) >= 0 && (e) <= 2 ? estados[e] : "—")

/* Each form page: its transaction, title, words and path ("%lld": the line's ID). */
static const struct {
	const char	*titulo, *intro, *boton, *accion;
} paginas[MT__N] = {
	[MT_DIRECCIONAMIENTO] = { "Nuevo direccionamiento", "Dirija una tecnología prescrita a "
	    "un proveedor: él la verá en sus direccionamientos y podrá programarla.",
	    "Registrar direccionamiento", "/mipres/direccionar" },
	[MT_NODIRECCIONAMIENTO] = { "No direccionamiento", "Registre que una tecnología "
	    "prescrita no se direcciona y la causa.", "Registrar no direccionamiento",
	    "/mipres/nodireccionar" },
	[MT_PROGRAMACION] = { "Programar entrega", "Programe la entrega de este "
	    "direccionamiento: sede, tecnología, cantidad y fecha máxima.",
	    "Registrar programación", "/mipres/programar/%lld" },
	[MT_ENTREGA] = { "Registrar entrega", "Registre lo que se entregó al paciente (o la no "
	    "entrega y su causa).", "Registrar entrega", "/mipres/entregar/%lld" },
	[MT_ENTREGA_AMBITO] = { "Entrega ámbito", "Entregas en urgencias u hospitalización, sin "
	    "direccionamiento previo.", "Registrar entrega ámbito", "/mipres/ambito" },
	[MT_REPORTE] = { "Reportar entrega", "Reporte el estado y el valor de la entrega "
	    "registrada.", "Registrar reporte de entrega", "/mipres/reportar/%lld" },
	[MT_SUMINISTRO] = { "Registrar suministro", "Cierre el ciclo de esta línea con el "
	    "suministro, a partir del reporte de entrega del proveedor.", "Registrar suministro",
	    "/mipres/suministrar/%lld" },
};

/* A line as the pages show it, and the live steps' data for prefilling. */
struct linea {
	long long	 id, eps_id, con_tec, no_entrega, cant_total;
	const char	*prov_nit, *regimen, *presc, *tipo_tec, *tipo_id, *no_id, *fec_max;
	json_t		*datos[MP__NPASOS];	/* the live step's fields, or NULL */
	long long	 cant[MP__NPASOS];	/* the live step's quantity */
};

/* A step as the record and annulment pages show it. */
struct registro {
	enum mipres_paso	 k;
	long long	 id, linea_id, eps_id, fecha, anulado;
	int		 estado, ambito;
	const char	*prov_nit, *regimen, *datos;	/* regimen: its line's */
};

const char *
mipres_form_significado(enum mipres_campo c, const char *codigo)
{
	size_t i;
	long long k;

	if (c == MC_CAUSANOENTREGA) {
		k = parse_id(codigo);
		return k >= 1 && k < (long long)(sizeof(causas) / sizeof(causas[0])) ? causas[k] :
		    NULL;
	}
	if (mipres_codigo_max(c) == 1)
		return strcmp(codigo, "0") == 0 ? si_no(c, 0) : strcmp(codigo, "1") == 0 ?
		    si_no(c, 1) : NULL;
	for (i = 0; i < sizeof(significados) / sizeof(significados[0]); i++)
		if (strcmp(significados[i][0], codigo) == 0)
			return significados[i][1];
	return NULL;
}

int
mipres_form_causa_ofrecida(enum mipres_tx tx, long long causa)
{
	/* A reporte's cause only tells a non-delivery (EstadoEntrega 0): the dispenser's 7, 8
	 * and 9 (mipres_reglas refuses any other there). */
	if (tx == MT_REPORTE)
		return causa >= 7 && causa <= 9;
	return causa >= 1 && causa <= mipres_codigo_max(MC_CAUSANOENTREGA);
}

enum mipres_paso
mipres_form_paso_de_ruta(const char *s)
{
	enum mipres_paso k;

	for (k = 0; k < MP__NPASOS; k++)
		if (s != NULL && strcmp(s, pasos[k].ruta) == 0)
			return k;
	return MP__NPASOS;
}

/* Whether the page shows field c of in->tx (the line's ID comes from the path). */
static int
en_pantalla(enum mipres_campo c)
{
	return c != MC_ID;
}

/* The options of select field c of tx into sel, cur selected; a value the list lacks (a
 * bad one sent back) stays selected as it came, marked as not valid. */
static void
opciones(struct req *r, struct view *sel, enum mipres_tx tx, enum mipres_campo c, const char *cur)
{
	const char *const *cod = mipres_codigos(c);
	const char *code, *sig;
	long long k, max = mipres_codigo_max(c);
	int hay = cur == NULL || cur[0] == '\0';

	for (k = 0; cod != NULL ? cod[k] != NULL : k <= max; k++) {
		if (cod == NULL && c == MC_CAUSANOENTREGA && !mipres_form_causa_ofrecida(tx, k))
			continue;
		code = cod != NULL ? cod[k] : arena_printf(r->a, "%lld", k);
		sig = mipres_form_significado(c, code);
		form_option(sel, code, sig ? arena_printf(r->a, "%s – %s", code, sig) : code,
		    cur);
		hay |= cur != NULL && strcmp(cur, code) == 0;
	}
	if (!hay)
		form_option(sel, cur, arena_printf(r->a, "%s (no es un valor válido)", cur), cur);
}

/* Whether field c is a select on the page. */
static int
es_select(enum mipres_campo c)
{
	return mipres_codigos(c) != NULL || mipres_codigo_max(c) > 0;
}

/* Error i of e as the form words it: a rule's own form wording, or the format message
 * of the field it refused (in: the values as sent), naming fields by their labels. */
static const char *
texto(struct arena *a, const struct mipres_in *in, const struct mipres_errores *e, size_t i)
{
	enum mipres_campo c = e->v[i].campo;

	if (e->v[i].forma != NULL)
		return e->v[i].forma;
	if (c < MC__N && in->malo[c])
		return mipres_form_formato(a, c, in->v[c], es_select(c));
	return e->v[i].mensaje;
}

/* The messages of field c in e joined, or NULL. */
static const char *
mensajes(struct arena *a, const struct mipres_in *in, const struct mipres_errores *e,
    enum mipres_campo c)
{
	const char *m = NULL, *t;
	size_t i;

	for (i = 0; e != NULL && i < e->n; i++)
		if (e->v[i].campo == c) {
			t = texto(a, in, e, i);
			m = m == NULL ? t : arena_printf(a, "%s %s", m, t);
		}
	return m;
}

/* Field c of transaction tx as cgi/core/form.c describes a field: its Spanish label (marked when
 * optional), input type (a select for a code table, a date) and help, which states the
 * longest text accepted. */
static struct field
campo_de(struct req *r, enum mipres_tx tx, enum mipres_campo c, int requerido)
{
	struct field f = { mipres_campo_nombre(c), mipres_form_etiqueta(r->a, c), "text", NULL,
	    NULL,
		mipres_form_ayuda(c) };

	if (!requerido)
		f.label = arena_printf(r->a, "%s (opcional)", f.label);
	if (es_select(c))
		f.type = "select";
	else if (mipres_campo_tipo(c) == MP_FECHA)
		f.type = "date";
	else if (mipres_campo_tipo(c) == MP_TEXTO)
		f.hint = arena_printf(r->a, "%s%sMáximo %zu caracteres.", f.hint ? f.hint : "",
		    f.hint ? " " : "", mipres_campo_max(c));
	if (c == MC_CAUSANOENTREGA && tx == MT_REPORTE)
		f.hint = "Solo para una no entrega (EstadoEntrega 0): 7, 8 o 9.";
	else if (c == MC_CAUSANOENTREGA && (tx == MT_ENTREGA || tx == MT_ENTREGA_AMBITO))
		f.hint = "Entrega parcial (EntTotal: No): 4, 11, 12 o 13. No entrega (cantidad 0): "
		    "7, 8 o 9. Entrega después de la fecha máxima: la causa de la demora.";
	return f;
}

/* Puts the fields of in->tx into v (section CAMPO) with in's values and e's messages;
 * the messages of no field on the page go to the top (section ERRORES). */
static void
campos(struct req *r, struct view *v, const struct mipres_in *in, const struct mipres_errores *e)
{
	const unsigned char *req;
	const enum mipres_campo *c = mipres_tx_campos(in->tx, &req);
	struct view *s, *sel, *top = NULL, *res;
	struct field f;
	const char *m;
	size_t i;
	int visto[MC__N + 1] = { 0 };

	for (i = 0; c[i] != MC__N; i++) {
		if (!en_pantalla(c[i]))
			continue;
		visto[c[i]] = 1;
		f = campo_de(r, in->tx, c[i], req[i]);
		s = view_section(v, "CAMPO");
		sel = form_field(s, "FIELD", &f, in->v[c[i]] ? in->v[c[i]] : "",
		    mensajes(r->a, in, e, c[i]));
		if (sel != NULL)
			opciones(r, sel, in->tx, c[i], in->v[c[i]]);
	}
	if (e == NULL || e->n == 0)
		return;
	top = view_section(v, "ERRORES");
	view_setint(top, "N", (long long)e->n);
	/* The summary links to each field in error on the page. */
	res = form_resumen(top);
	for (i = 0; c[i] != MC__N; i++)
		if (en_pantalla(c[i]) && (m = mensajes(r->a, in, e, c[i])) != NULL)
			form_resumen_enlace(res, mipres_campo_nombre(c[i]), m);
	for (i = 0; i < e->n; i++)
		if (!visto[e->v[i].campo])
			view_set(view_section(top, "GENERAL"), "TEXTO", texto(r->a, in, e, i));
}

/* Loads line id into l with its live steps' data. Returns 1, 0 when there is none, or -1. */
static int
linea_load(struct req *r, long long id, struct linea *l)
{
	struct db_stmt *st;
	enum mipres_paso k;
	int rc;

	memset(l, 0, sizeof(*l));
	l->id = id;
	if ((st = db_stmt(ST_MIPRES_LINEA_BY_ID, "i", id)) == NULL)
		return -1;
	if ((rc = db_step(st)) == DB_ROW) {
		l->eps_id = db_col_int64(st, MIPRES_LINEA_BY_ID_EPS_ID);
		l->prov_nit = db_text(r->a, st, MIPRES_LINEA_BY_ID_PROV_NIT);
		l->fec_max = db_text(r->a, st, MIPRES_LINEA_BY_ID_FEC_MAX_ENT);
		l->cant_total = db_col_int64(st, MIPRES_LINEA_BY_ID_CANT_TOTAL);
		l->regimen = db_text(r->a, st, MIPRES_LINEA_BY_ID_REGIMEN);
		l->presc = db_text(r->a, st, MIPRES_LINEA_BY_ID_NO_PRESCRIPCION);
		l->tipo_tec = db_text(r->a, st, MIPRES_LINEA_BY_ID_TIPO_TEC);
		l->con_tec = db_col_int64(st, MIPRES_LINEA_BY_ID_CON_TEC);
		l->tipo_id = db_text(r->a, st, MIPRES_LINEA_BY_ID_TIPO_ID_PACIENTE);
		l->no_id = db_text(r->a, st, MIPRES_LINEA_BY_ID_NO_ID_PACIENTE);
		l->no_entrega = db_col_int64(st, MIPRES_LINEA_BY_ID_NO_ENTREGA);
	}
	db_reset(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? 0 : -1;
	if ((st = db_stmt(ST_MIPRES_PASOS_LINEA, "i", id)) == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		k = mipres_paso_de(db_col_text(st, MIPRES_PASOS_LINEA_TIPO));
		if (k == MP__NPASOS || db_col_int(st, MIPRES_PASOS_LINEA_ESTADO) == MP_ANULADO)
			continue;
		json_decref(l->datos[k]);
		l->datos[k] = json_loads(db_col_text(st, MIPRES_PASOS_LINEA_DATOS), 0, NULL);
		l->cant[k] = db_col_int64(st, MIPRES_PASOS_LINEA_CANTIDAD);
	}
	db_reset(st);
	return rc == DB_DONE ? 1 : -1;
}

static void
linea_free(struct linea *l)
{
	enum mipres_paso k;

	for (k = 0; k < MP__NPASOS; k++)
		json_decref(l->datos[k]);
}

/* Whether q sees line l (mipres_ve). */
static int
linea_visible(const struct mipres_quien *q, const struct linea *l)
{
	return mipres_ve(q, l->eps_id, l->regimen, l->prov_nit);
}

/* Field name of the live step k of l as text, or NULL. */
static const char *
dato(struct arena *a, const struct linea *l, enum mipres_paso k, const char *name)
{
	json_t *v = l->datos[k] ? json_object_get(l->datos[k], name) : NULL;

	if (json_is_string(v))
		return arena_strdup(a, json_string_value(v));
	if (json_is_integer(v))
		return arena_printf(a, "%lld", (long long)json_integer_value(v));
	return NULL;
}

/* The form's first values on a GET: what the line already says. */
static void
prefill_in(struct req *r, const struct mipres_quien *q, const struct linea *l, struct mipres_in *in)
{
	const char **v = in->v;
	char hoy[11];
	const char *cod;

	colombia_date(r->now, hoy);
	switch (in->tx) {
	case MT_DIRECCIONAMIENTO:
		v[MC_CONTEC] = "1";
		v[MC_NOENTREGA] = "1";
		v[MC_NOSUBENTREGA] = "0";
		v[MC_TIPOIDPROV] = "NI";
		break;
	case MT_NODIRECCIONAMIENTO:
		v[MC_CONTEC] = "1";
		break;
	case MT_PROGRAMACION:
		/* The direccionamiento's date, or today once it has passed (the rule refuses a
		 * FecMaxEnt before today). */
		v[MC_FECMAXENT] = l->fec_max != NULL && strcmp(l->fec_max, hoy) >= 0 ? l->fec_max :
		    arena_strdup(r->a, hoy);
		v[MC_TIPOIDSEDEPROV] = "NI";
		v[MC_NOIDSEDEPROV] = q->nit;
		v[MC_CODSERTECAENTREGAR] = dato(r->a, l, MP_D, "CodSerTecAEntregar");
		v[MC_CANTTOTAENTREGAR] = arena_printf(r->a, "%lld", l->cant_total);
		break;
	case MT_ENTREGA:
		cod = dato(r->a, l, MP_P, "CodSerTecAEntregar");
		v[MC_CODSERTECENTREGADO] = cod ? cod : dato(r->a, l, MP_D, "CodSerTecAEntregar");
		v[MC_CANTTOTENTREGADA] = arena_printf(r->a, "%lld", l->datos[MP_P] ? l->cant[MP_P] :
		    l->cant_total);
		v[MC_ENTTOTAL] = "1";
		v[MC_FECENTREGA] = arena_strdup(r->a, hoy);
		v[MC_TIPOIDRECIBE] = l->tipo_id;
		v[MC_NOIDRECIBE] = l->no_id;
		break;
	case MT_ENTREGA_AMBITO:
		v[MC_CONTEC] = "1";
		v[MC_NOENTREGA] = "1";
		v[MC_ENTTOTAL] = "1";
		v[MC_FECENTREGA] = arena_strdup(r->a, hoy);
		break;
	case MT_REPORTE:
		v[MC_ESTADOENTREGA] = l->datos[MP_E] && l->cant[MP_E] == 0 ? "0" : "1";
		break;
	case MT_SUMINISTRO:
		v[MC_ULTENTREGA] = "1";
		v[MC_ENTREGACOMPLETA] = "1";
		v[MC_CANTTOTENTREGADA] = arena_printf(r->a, "%lld", l->cant[MP_E]);
		v[MC_NOLOTE] = dato(r->a, l, MP_E, "NoLote");
		v[MC_VALORENTREGADO] = dato(r->a, l, MP_R, "ValorEntregado");
		break;
	case MT__N:
		break;
	}
}

/* Puts line l's data into section LINEA of v (include LINEA_DATOS, templates/mipres/linea.tpl),
 * with the link to its direccionamientos. */
static void
linea_show(struct req *r, struct view *v, const struct linea *l)
{
	struct view *x = view_section(v, "LINEA");
	struct view *s = view_include(x, "LINEA_DATOS", "mipres/linea.tpl");
	const char *sig = mipres_form_significado(MC_TIPOTEC, l->tipo_tec);

	view_setint(s, "ID", l->id);
	view_set(s, "PRESC", l->presc);
	view_setf(s, "TEC", "%s%s%s, consecutivo %lld", l->tipo_tec, sig ? " – " : "",
	    sig ? sig : "", l->con_tec);
	view_setf(s, "PACIENTE", "%s %s", l->tipo_id, l->no_id);
	view_set(s, "NOENTREGA", l->no_entrega ? arena_printf(r->a, "%lld", l->no_entrega) : "—");
	view_set(s, "CANT", l->eps_id ? arena_printf(r->a, "%lld", l->cant_total) : "—");
	view_set(s, "FECMAX", l->fec_max ? fecha_es(r->a, l->fec_max) : "—");
	view_set(s, "PROV", l->prov_nit ? l->prov_nit : "—");
	view_set(x, "PRESC", l->presc);
	view_set(x, "LISTA", arena_printf(r->a, "/mipres/direccionamientos?por=prescripcion&"
	    "prescripcion=%s", url_encode(r->a, l->presc)));
}

/* Renders the form page of in->tx with status st. */
static enum http_status
form_page(struct req *r, struct resp *rs, enum http_status st, const struct linea *l,
    const struct mipres_in *in, const struct mipres_errores *e)
{
	struct view *v = resp_page(rs, "mipres/form.tpl", paginas[in->tx].titulo);

	resp_crumb(rs, "MIPRES", "/mipres");
	resp_crumb(rs, paginas[in->tx].titulo, NULL);
	view_set(v, "TITULO", paginas[in->tx].titulo);
	view_set(v, "INTRO", paginas[in->tx].intro);
	view_set(v, "BOTON", paginas[in->tx].boton);
	view_set(v, "ACCION", l != NULL ? arena_printf(r->a, paginas[in->tx].accion, l->id) :
	    paginas[in->tx].accion);
	if (l != NULL)
		linea_show(r, v, l);
	campos(r, v, in, e);
	return st;
}

/* Reads the page's fields of in->tx from the POST: blank-trimmed, NULL when blank. A form
 * reports format and rule errors in one answer (juntos). */
static void
read_fields(struct req *r, struct mipres_in *in)
{
	const enum mipres_campo *c = mipres_tx_campos(in->tx, NULL);

	in->juntos = 1;
	for (; *c != MC__N; c++) {
		if (!en_pantalla(*c))
			continue;
		in->v[*c] = trim_blanks(r->a, req_form(r, mipres_campo_nombre(*c)));
		if (in->v[*c][0] == '\0')
			in->v[*c] = NULL;
	}
}

/* Records in for the session's entity: 303 to the new record's page, or the form again
 * with 400 / 422 and the messages, or 500. */
static enum http_status
register_paso(struct req *r, struct resp *rs, const struct mipres_quien *q, const struct linea *l,
    struct mipres_in *in)
{
	struct mipres_errores e;
	long long id, idpaso;

	memset(&e, 0, sizeof(e));
	switch (mipres_register(r, q, in, &e, &id, &idpaso)) {
	case MP_OK:
		return resp_redirect(rs, arena_printf(r->a, "/mipres/registro/%s/%lld?hecho="
		    "registrado", pasos[mipres_tx_paso(in->tx)].ruta, idpaso));
	case MP_CAMPOS:
		return form_page(r, rs, HTTP_BAD_REQUEST, l, in, &e);
	case MP_REGLA:
		return form_page(r, rs, HTTP_UNPROCESSABLE, l, in, &e);
	default:
		return HTTP_ERROR;
	}
}

/* A form on no line (direccionar, nodireccionar, ámbito), the route's argument its
 * transaction (enum mipres_tx): GET 200; POST 303, 400, 422, 500. */
enum http_status
page_mipres_form(struct req *r, struct resp *rs)
{
	enum mipres_tx tx = (enum mipres_tx)r->arg;
	int post = strcmp(r->method, "POST") == 0;
	struct mipres_quien q;
	struct mipres_in in;

	mipres_quien_sesion(r, &q);
	memset(&in, 0, sizeof(in));
	in.tx = tx;
	if (!post) {
		prefill_in(r, &q, NULL, &in);
		return form_page(r, rs, HTTP_OK, NULL, &in, NULL);
	}
	read_fields(r, &in);
	return register_paso(r, rs, &q, NULL, &in);
}

/* A form on the line of the path ({id:int}: programar, entregar, reportar, suministrar),
 * the route's argument its transaction: as page_mipres_form, and 404 when the entity does
 * not see the line (the same page as a line that does not exist). */
enum http_status
page_mipres_form_linea(struct req *r, struct resp *rs)
{
	enum mipres_tx tx = (enum mipres_tx)r->arg;
	int post = strcmp(r->method, "POST") == 0;
	struct mipres_quien q;
	struct mipres_in in;
	struct linea l;
	long long id = r->pathid[0];
	enum http_status st;
	int rc;

	mipres_quien_sesion(r, &q);
	if ((rc = linea_load(r, id, &l)) <= 0 || !linea_visible(&q, &l)) {
		linea_free(&l);
		return rc < 0 ? HTTP_ERROR : HTTP_NOT_FOUND;
	}
	memset(&in, 0, sizeof(in));
	in.tx = tx;
	if (!post) {
		prefill_in(r, &q, &l, &in);
		st = form_page(r, rs, HTTP_OK, &l, &in, NULL);
	} else {
		read_fields(r, &in);
		in.v[MC_ID] = arena_printf(r->a, "%lld", id);
		st = register_paso(r, rs, &q, &l, &in);
	}
	linea_free(&l);
	return st;
}

/* Loads step idpaso of kind k into p. Returns 1, 0 when there is none, or -1. */
static int
paso_load(struct req *r, enum mipres_paso k, long long idpaso, struct registro *p)
{
	struct db_stmt *st;
	int rc;

	memset(p, 0, sizeof(*p));
	p->k = k;
	p->id = idpaso;
	if ((st = db_stmt(ST_MIPRES_PASO_BY_ID, "it", idpaso, mipres_paso_tipo(k))) == NULL)
		return -1;
	if ((rc = db_step(st)) == DB_ROW) {
		p->linea_id = db_col_int64(st, MIPRES_PASO_BY_ID_LINEA_ID);
		p->estado = db_col_int(st, MIPRES_PASO_BY_ID_ESTADO);
		p->ambito = db_col_int(st, MIPRES_PASO_BY_ID_AMBITO);
		p->prov_nit = db_text(r->a, st, MIPRES_PASO_BY_ID_PROV_NIT);
		p->eps_id = db_col_int64(st, MIPRES_PASO_BY_ID_EPS_ID);
		p->regimen = db_text(r->a, st, MIPRES_PASO_BY_ID_REGIMEN);
		p->datos = db_text(r->a, st, MIPRES_PASO_BY_ID_DATOS);
		p->fecha = db_col_int64(st, MIPRES_PASO_BY_ID_FECHA);
		p->anulado = db_col_int64(st, MIPRES_PASO_BY_ID_FEC_ANULACION);
	}
	db_reset(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* Whether q sees step p: whether it sees its line (mipres_ve). */
static int
paso_visible(const struct mipres_quien *q, const struct registro *p)
{
	return mipres_ve(q, p->eps_id, p->regimen, p->prov_nit);
}

/* Loads the step of the path ({paso}/{idpaso}) and its line for q. Returns 0, or the
 * status to answer: 404 for an unknown paso or a step q does not see; with anular, 403
 * for a kind of step q's role does not annul. */
static enum http_status
paso_de_ruta(struct req *r, const struct mipres_quien *q, int anular, struct registro *p,
    struct linea *l)
{
	enum mipres_paso k = mipres_form_paso_de_ruta(r->pathv[0]);
	long long id = r->pathid[1];
	int rc;

	memset(l, 0, sizeof(*l));
	if (k == MP__NPASOS)
		return HTTP_NOT_FOUND;
	if (anular && pasos[k].de_eps != (q->es_eps != 0))
		return HTTP_FORBIDDEN;
	if ((rc = paso_load(r, k, id, p)) <= 0)
		return rc < 0 ? HTTP_ERROR : HTTP_NOT_FOUND;
	if (!paso_visible(q, p))
		return HTTP_NOT_FOUND;
	if ((rc = linea_load(r, p->linea_id, l)) <= 0)
		return rc < 0 ? HTTP_ERROR : HTTP_NOT_FOUND;
	return 0;
}

/* One stored field of a record into s: its label (the wire name beside it, as the API
 * and the bulk upload name it) and its value as the forms offer it: a code with its
 * meaning, a date dd/mm/aaaa. A key that names no field shows as it is. */
static void
dato_show(struct req *r, struct view *s, const char *key, const char *val)
{
	enum mipres_campo c = mipres_campo_de(key);
	const char *sig;

	view_set(s, "CAMPO", key);
	if (c == MC__N) {
		view_set(s, "NOMBRE", key);
		view_set(s, "VALOR", val);
		return;
	}
	view_set(s, "NOMBRE", mipres_form_nombre(c));
	view_set(view_section(s, "API"), "TEXT", mipres_campo_nombre(c));
	sig = es_select(c) ? mipres_form_significado(c, val) : NULL;
	if (sig != NULL)
		view_setf(s, "VALOR", "%s – %s", val, sig);
	else if (mipres_campo_tipo(c) == MP_FECHA && v_fecha(val))
		view_set(s, "VALOR", fecha_es(r->a, val));
	else
		view_set(s, "VALOR", val);
}

/* Puts step p (its kind, ids, state, dates and own fields) into include REGISTRO of v
 * (templates/mipres/paso.tpl), and its line. */
static void
paso_show(struct req *r, struct view *v, const struct registro *p, const struct linea *l)
{
	json_t *d = json_loads(p->datos ? p->datos : "{}", 0, NULL), *x;
	const char *key;
	struct view *s, *w = view_include(v, "REGISTRO", "mipres/paso.tpl");

	view_set(v, "PASO", p->ambito ? "Entrega ámbito" : pasos[p->k].nombre);
	linea_show(r, v, l);
	v = w;
	view_set(v, "PASO", p->ambito ? "Entrega ámbito" : pasos[p->k].nombre);
	view_set(v, "IDNOMBRE", pasos[p->k].idpaso);
	view_setint(v, "ID", p->linea_id);
	view_setint(v, "IDPASO", p->id);
	view_set(v, "ESTADO", ESTADO(p->estado));
	view_set(v, "FECHA", fecha_local(r->a, p->fecha));
	if (p->anulado)
		view_set(view_section(v, "ANULADO"), "FECHA", fecha_local(r->a, p->anulado));
	json_object_foreach(d, key, x) {
		if (json_is_null(x))
			continue;
		s = view_section(v, "DATO");
		dato_show(r, s, key, json_is_string(x) ? json_string_value(x) :
		    arena_printf(r->a, "%lld", (long long)json_integer_value(x)));
	}
	json_decref(d);
}

/* The link to the form of the step that follows an active record p, when it is q's side's
 * (a direccionamiento's programación, ..., a reporte's suministro). */
static void
siguiente(struct req *r, struct view *v, const struct mipres_quien *q, const struct registro *p)
{
	static const struct {
		enum mipres_paso	 k;
		int		 eps;
		const char	*ruta, *texto;
	} sig[] = {
		{ MP_D, 0, "programar", "Programar la entrega" },
		{ MP_P, 0, "entregar", "Registrar la entrega" },
		{ MP_E, 0, "reportar", "Reportar la entrega" },
		{ MP_R, 1, "suministrar", "Registrar el suministro" },
	};
	struct view *s;
	size_t i;

	if (p->estado != MP_ACTIVO)
		return;
	for (i = 0; i < sizeof(sig) / sizeof(sig[0]); i++)
		if (sig[i].k == p->k && sig[i].eps == (q->es_eps != 0)) {
			s = view_section(v, "SIGUIENTE");
			view_set(s, "HREF", arena_printf(r->a, "/mipres/%s/%lld", sig[i].ruta,
			    p->linea_id));
			view_set(s, "TEXTO", sig[i].texto);
		}
}

/* GET /mipres/registro/{paso}/{idpaso}: 200 the record of the entity (after it was
 * recorded or annulled: ?hecho=registrado|anulado); 404 when it is not the entity's. */
enum http_status
page_mipres_registro(struct req *r, struct resp *rs)
{
	struct mipres_quien q;
	struct registro p;
	struct linea l;
	struct view *v;
	const char *hecho = req_query(r, "hecho");
	enum http_status st;

	mipres_quien_sesion(r, &q);
	if ((st = paso_de_ruta(r, &q, 0, &p, &l)) != 0) {
		linea_free(&l);
		return st;
	}
	v = resp_page(rs, "mipres/registro.tpl", pasos[p.k].nombre);
	resp_crumb(rs, "MIPRES", "/mipres");
	resp_crumb(rs, pasos[p.k].nombre, NULL);
	if (hecho != NULL && strcmp(hecho, "registrado") == 0)
		view_show(v, "REGISTRADO");
	else if (hecho != NULL && strcmp(hecho, "anulado") == 0)
		view_show(v, "ANULADO_OK");
	paso_show(r, v, &p, &l);
	siguiente(r, v, &q, &p);
	if (p.estado == MP_ACTIVO && pasos[p.k].de_eps == (q.es_eps != 0))
		view_set(view_section(v, "ANULAR"), "HREF", arena_printf(r->a,
		    "/mipres/anular/%s/%lld", pasos[p.k].ruta, p.id));
	linea_free(&l);
	return HTTP_OK;
}

/* The annulment's confirmation page with status st and the refusal e (or NULL). */
static enum http_status
anulacion_page(struct req *r, struct resp *rs, enum http_status st, const struct registro *p,
    const struct linea *l, const struct mipres_errores *e)
{
	struct view *v = resp_page(rs, "mipres/anular.tpl", "Anular registro");
	const char *why;
	size_t i;

	resp_crumb(rs, "MIPRES", "/mipres");
	resp_crumb(rs, "Anular registro", NULL);
	view_set(v, "ACCION", arena_printf(r->a, "/mipres/anular/%s/%lld", pasos[p->k].ruta,
	    p->id));
	paso_show(r, v, p, l);
	for (i = 0; e != NULL && i < e->n; i++)
		view_set(view_section(v, "ERROR"), "TEXTO", e->v[i].mensaje);
	/* A record already annulled or processed says so at once (the POST would refuse). */
	if (e == NULL && (why = mipres_anulable(p->k, p->estado, MP_NINGUNO)) != NULL)
		view_set(view_section(v, "ERROR"), "TEXTO", why);
	else
		view_show(v, "CONFIRMAR");
	return st;
}

/* GET /mipres/anular/{paso}/{idpaso}: 200 what will be annulled, with a confirm button;
 * 403 a kind of step the role does not annul; 404 not the entity's. */
enum http_status
page_mipres_anulacion(struct req *r, struct resp *rs)
{
	struct mipres_quien q;
	struct registro p;
	struct linea l;
	enum http_status st;

	mipres_quien_sesion(r, &q);
	if ((st = paso_de_ruta(r, &q, 1, &p, &l)) == 0)
		st = anulacion_page(r, rs, HTTP_OK, &p, &l, NULL);
	linea_free(&l);
	return st;
}

/* POST /mipres/anular/{paso}/{idpaso}: 303 to the record, now annulled; 422 with the
 * reason when it cannot be annulled (mipres_anulable); 403, 404 as the GET; 500. */
enum http_status
page_mipres_anulacion_post(struct req *r, struct resp *rs)
{
	struct mipres_quien q;
	struct mipres_errores e;
	struct registro p;
	struct linea l;
	enum http_status st;

	mipres_quien_sesion(r, &q);
	if ((st = paso_de_ruta(r, &q, 1, &p, &l)) != 0) {
		linea_free(&l);
		return st;
	}
	memset(&e, 0, sizeof(e));
	switch (mipres_annul(r, &q, p.k, p.id, &e)) {
	case MP_OK:
		st = resp_redirect(rs, arena_printf(r->a, "/mipres/registro/%s/%lld?hecho=anulado",
		    pasos[p.k].ruta, p.id));
		break;
	case MP_REGLA:
	case MP_CAMPOS:
		st = anulacion_page(r, rs, HTTP_UNPROCESSABLE, &p, &l, &e);
		break;
	default:
		st = HTTP_ERROR;
	}
	linea_free(&l);
	return st;
}
