/* IHCE pages of the funcionario MSPS (role Rol_IHCE_MSPS): the queues, the key form,
 * rejection and the environments' connection parameters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ihce/activacion.h"
#include "ihce/busqueda.h"
#include "core/audit.h"
#include "core/db.h"
#include "core/entidad.h"
#include "core/form.h"
#include "ihce/ihce.h"
#include "ihce/msps.h"
#include "core/secret.h"
#include "core/session.h"
#include "core/text.h"
#include "core/valid.h"
#include "ihce/sql.h"

#define PAGE_SIZE 20
#define VENCE_DIAS 30	/* the queue flags keys expiring this soon ("Por vencer") */

/* A blank ClientSecret keeps the stored one (read_llaves refuses it where there is none). */
static int
v_secret_o_blanco(const char *s)
{
	return s[0] == '\0' || v_client_secret(s);
}

/* The fields of one environment, KEY_FIELDS; environment i's field k is NLLAVE1 * i + k. */
enum { K_CLIENT_ID, K_SECRET, K_EXPIRA, NLLAVE1 };
#define KEY_FIELDS(amb, label) \
	{ "client_id_" amb, "Client ID", "text", v_client_id, \
	    "Client ID: un GUID o de 1 a 64 letras, dígitos, guiones o guiones bajos.", NULL }, \
	{ "client_secret_" amb, "Client Secret", "text", v_secret_o_blanco, \
	    "Client Secret: de 1 a 128 caracteres ASCII imprimibles, sin espacios.", NULL }, \
	{ "expira_" amb, "Fecha de expiración", "date", v_fecha, \
	    "Fecha de expiración: una fecha válida (AAAA-MM-DD) posterior a hoy.", NULL }

#define NLLAVE	(NLLAVE1 * AMBIENTES)
static const struct field llave_fields[NLLAVE] = {
	KEY_FIELDS("desarrollo", "Desarrollo"),
	KEY_FIELDS("preproduccion", "Preproducción"),
	KEY_FIELDS("produccion", "Producción"),
};

#define HINT_SECRETO_GUARDADO "Hay uno guardado (no se muestra). Déjelo en blanco para " \
	"conservarlo; escriba uno nuevo solo si cambia."
#define HINT_SECRETO_NUEVO "Este ambiente aún no tiene Client Secret: escríbalo (de 1 a 128 " \
	"caracteres ASCII imprimibles, sin espacios)."
#define MSG_SECRETO_FALTA "Escriba el Client Secret: este ambiente aún no tiene uno guardado " \
	"que se pueda conservar."

static const struct field rechazo_fields[] = {
	{ "motivo", "Motivo del rechazo", "textarea", v_longtext,
	    "Escriba el motivo del rechazo (hasta 2000 caracteres): la entidad lo leerá.", NULL },
};

#define pages_of(total)	(((total) + PAGE_SIZE - 1) / PAGE_SIZE)
#define BUSQUEDA_MAX	200	/* a search counts this many matches, then asks to refine */
#define TODOS_MAX	100000	/* a search with few candidates reads at most this many */


static const struct cola asignar = { "Asignar token", "/msps/asignar", "Ingresar llaves",
	"asignar" };
static const struct cola actualizar = { "Actualizar token", "/msps/actualizar",
	"Actualizar llaves", "actualizar" };

/* Sets HREF of v to base (n bytes) + "&p=" + page, without printf's machinery (ten links
 * a page) when it fits here (a search's base is at most 320 bytes: 100 escaped). */
static void
set_href(struct view *v, const char *base, size_t n, long long page)
{
	char s[512], d[24], *o = d + sizeof(d);

	if (n + 3 + sizeof(d) >= sizeof(s)) {
		view_setf(v, "HREF", "%s&p=%lld", base, page);
		return;
	}
	do
		*--o = (char)('0' + page % 10);
	while ((page /= 10) > 0);
	memcpy(s, base, n);
	memcpy(s + n, "&p=", 3);
	memcpy(s + n + 3, o, (size_t)(d + sizeof(d) - o));
	s[n + 3 + (size_t)(d + sizeof(d) - o)] = '\0';
	view_set(v, "HREF", s);
}

/* x and y, one after the other, in a's memory (without printf's machinery: twice a queue
 * page). */
static char *
join_text(struct arena *a, const char *x, const char *y)
{
	size_t n = strlen(x), m = strlen(y) + 1;
	char *o = arena_alloc(a, n + m);

	memcpy(o, x, n);
	memcpy(o + n, y, m);
	return o;
}

/* Adds the page links: Anterior, up to 9 numbers around the current page, Siguiente;
 * base is the queue's path with its filter query ("/msps/asignar?q=..."). */
static void
paginate(struct view *v, const char *base, long long page, long long pages)
{
	long long i, from = page - 4 < 1 ? 1 : page - 4, to = from + 8 > pages ? pages : from + 8;
	size_t n = strlen(base);
	struct view *p;

	if (pages <= 1)
		return;
	v = view_section(v, "PAGINAS");
	if (page > 1)
		set_href(view_section(v, "ANTERIOR"), base, n, page - 1);
	for (i = from; i <= to; i++) {
		p = view_section(v, "PAGINA");
		view_setint(p, "N", i);
		if (i == page)
			view_show(p, "ACTUAL");
		else
			set_href(view_section(p, "LINK"), base, n, i);
	}
	if (page < pages)
		set_href(view_section(v, "SIGUIENTE"), base, n, page + 1);
}

/* The badge of an entity whose first key expires on the date in column col of st
 * (YYYY-MM-DD; NULL: no keys; hoy: today's day, fecha_dia): expired, or due within
 * VENCE_DIAS. */
static void
vence_badge(struct req *r, struct view *row, struct db_stmt *st, int col, long long hoy)
{
	char d[24], *cifras;
	long long dias;

	if (db_col_null(st, col) || !fecha_dia(db_col_text(st, col), &dias))
		return;
	dias -= hoy;
	if (dias > VENCE_DIAS)
		return;
	d[sizeof(d) - 1] = '\0';
	cifras = digits_back(d + sizeof(d) - 1, dias, 0);
	view_set(view_section(row, "VENCE"), "TEXT", dias < 0 ? "Llaves vencidas" :
	    dias == 0 ? "Vence hoy" : join_text(r->a, join_text(r->a, "Vence en ", cifras),
	    dias == 1 ? " día" : " días"));
}

/* A match of a search: its request's date and id, the queue's order. */
struct acierto {
	long long	fecha, id;
};

/* The queue's order: oldest request first, then by id. */
static int
by_cola(const void *x, const void *y)
{
	const struct acierto *a = x, *b = y;

	if (a->fecha != b->fecha)
		return a->fecha < b->fecha ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* Steps st (fecha, id) to its end into *out, an array of the arena's; returns how many,
 * or -1 on an error. */
static long long
read_aciertos(struct arena *ar, struct db_stmt *st, struct acierto **out)
{
	long long n = 0, max = 0;
	struct acierto *v = NULL, *w;
	int rc;

	while ((rc = db_step(st)) == DB_ROW) {
		if (n == max) {
			max = max == 0 ? 256 : 2 * max;
			w = arena_alloc(ar, (size_t)max * sizeof(*w));
			if (n > 0)
				memcpy(w, v, (size_t)n * sizeof(*w));
			v = w;
		}
		v[n].fecha = db_col_int64(st, 0);
		v[n++].id = db_col_int64(st, 1);
	}
	db_reset(st);
	*out = v;
	return rc == DB_DONE ? n : -1;
}

/* A search of queue c: the text, folded, the FTS5 query over the trigram index (NULL: the
 * index cannot answer it), whether its candidates are few. */
struct busqueda {
	const struct cola	*c;
	const char		*q, *fq, *frase;
	int			 pocos;
};

/* Search b's matches: opens page *page of them (page 1 when *page is past them) and steps
 * to its first row; *total is their number, counted up to BUSQUEDA_MAX + 1 (more through
 * the trigram index when its candidates are few: they are all read, however many match).
 * The matches are read once, as (fecha, id): through the index in no order, then sorted;
 * or in the queue's order (ST_COLA_BUSCA: under 3 characters, a state name), where the
 * first BUSQUEDA_MAX + 1 are the pages. Only the page's rows are read in full
 * (ST_COLA_FILAS). Past BUSQUEDA_MAX + 1 matches through the index (or TODOS_MAX when
 * few), they are not all at hand: the page is read from the queue in order until it is
 * full (ST_COLA_PAGE). Returns the statement, *rc the step's result; NULL on an error. */
static struct db_stmt *
find_page(struct req *r, const struct busqueda *b, long long *page, long long *total,
    int *rc)
{
	long long cap = b->frase != NULL && b->pocos ? TODOS_MAX : BUSQUEDA_MAX + 1, n, i;
	struct acierto *v;
	struct db_stmt *st;
	char *ids, *o, cifras[24], *d;

	if (*page < 1 || *page > pages_of(BUSQUEDA_MAX))
		*page = 1;
	st = b->frase != NULL ? db_stmt(ST_COLA_BUSCA_FTS, "tttti", b->c->name, b->q, b->fq,
	    b->frase, cap) : db_stmt(ST_COLA_BUSCA, "ttti", b->c->name, b->q, b->fq, cap);
	if (st == NULL || (*total = read_aciertos(r->a, st, &v)) < 0) {
		*rc = DB_ERROR;
		return NULL;
	}
	if (*total >= cap && b->frase != NULL) {
		*total = BUSQUEDA_MAX + 1;
		st = db_stmt(ST_COLA_PAGE, "tttii", b->c->name, b->q, b->fq,
		    (long long)PAGE_SIZE, (*page - 1) * PAGE_SIZE);
		*rc = st != NULL ? db_step(st) : DB_ERROR;
		return st;
	}
	if (b->frase != NULL)
		qsort(v, (size_t)*total, sizeof(*v), by_cola);
	n = *total > BUSQUEDA_MAX ? BUSQUEDA_MAX : *total;
	if (*page > pages_of(n))
		*page = 1;
	/* The ids without sprintf (~900 instructions each, 20 a page). */
	o = ids = arena_alloc(r->a, 24 * PAGE_SIZE + 3);
	*o++ = '[';
	for (i = (*page - 1) * PAGE_SIZE; i < n && i < *page * PAGE_SIZE; i++) {
		if (o[-1] != '[')
			*o++ = ',';
		d = digits_back(cifras + sizeof(cifras), v[i].id, 0);
		memcpy(o, d, (size_t)(cifras + sizeof(cifras) - d));
		o += cifras + sizeof(cifras) - d;
	}
	memcpy(o, "]", 2);
	st = db_stmt(ST_COLA_FILAS, "t", ids);
	*rc = st != NULL ? db_step(st) : DB_ERROR;
	return st;
}

/* Opens a page of queue c and steps to its first row (*rc the step's result): the entities
 * with keys expiring within VENCE_DIAS days when vence is set, else those matching search q
 * (counted up to BUSQUEDA_MAX + 1, in *total). Its rows give the first key's expiry as its
 * date (entidad.llave_expira). Returns the statement, or NULL on an error. */
static struct db_stmt *
cola_query(struct req *r, const struct cola *c, const char *q, int vence, long long *page,
    long long *total, int *rc)
{
	struct busqueda b = { c, q, fold_search(r->a, q), NULL, 0 };
	/* In the arena, not on this stack: db_stmt binds text without copying it, and the
	 * statement reads its parameters again as the caller steps it after this returns. */
	char *limite;
	struct db_stmt *st;

	if (!vence && q[0] != '\0') {
		b.frase = busqueda_consulta(r->a, b.fq, &b.pocos);
		return find_page(r, &b, page, total, rc);
	}
	colombia_date(r->now + VENCE_DIAS * 86400LL, limite = arena_alloc(r->a, 11));
	*total = vence ? db_int(ST_COLA_VENCE_COUNT, 0, "tt", c->name, limite) :
	    db_int(ST_COLA_COUNT, 0, "t", c->name);
	if (*page < 1 || *page > pages_of(*total))
		*page = 1;
	st = vence ? db_stmt(ST_COLA_VENCE_PAGE, "ttii", c->name, limite, (long long)PAGE_SIZE,
	    (*page - 1) * PAGE_SIZE) : db_stmt(ST_COLA_TODAS, "tii", c->name,
	    (long long)PAGE_SIZE, (*page - 1) * PAGE_SIZE);
	*rc = st != NULL ? db_step(st) : DB_ERROR;
	return st;
}

/* Renders queue c: search q over NIT, código, razón social and state, or (vence=1) the
 * entities whose keys expire within VENCE_DIAS days; 20 a page. */
static enum http_status
cola_page(struct req *r, struct resp *rs, const struct cola *c)
{
	const char *q = req_query(r, "q"), *v1 = req_query(r, "vence");
	int vence = v1 != NULL && strcmp(v1, "1") == 0;
	long long page = parse_id(req_query(r, "p")), total, n;
	long long hoy = (r->now - COLOMBIA_UTC) / 86400;	/* r->now is after 1970 */
	struct view *v, *row;
	struct db_stmt *st;
	int rc;

	q = (q && v_utf8(q) && strlen(q) <= 100 && !vence) ? q : "";
	v = resp_page(rs, "ihce/msps_cola.tpl", c->title);
	resp_crumb(rs, c->title, NULL);
	view_set(v, "PATH", c->path);
	view_set(v, "Q", q);
	view_show(v, vence ? "FILTRO_VENCE" : "FILTRO_TODAS");
	if (req_query(r, "ok") != NULL)
		view_set(view_section(v, "OK"), "TEXT", req_query(r, "ok")[0] == 'r' ?
		    "La solicitud fue rechazada y la entidad fue notificada." :
		    "Las llaves fueron guardadas y la entidad fue notificada.");
	if ((st = cola_query(r, c, q, vence, &page, &total, &rc)) == NULL)
		return HTTP_ERROR;
	if (q[0] != '\0' && total > BUSQUEDA_MAX) {
		view_setf(v, "TOTAL", "Más de %s", numero_es(r->a, BUSQUEDA_MAX));
		view_show(v, "MAS");
		total = BUSQUEDA_MAX;
	} else
		view_set(v, "TOTAL", numero_es(r->a, total));
	for (n = (page - 1) * PAGE_SIZE + 1; rc == DB_ROW; n++, rc = db_step(st)) {
		row = view_section(v, "FILA");
		view_setint(row, "N", n);
		view_setint(row, "ID", db_col_int64(st, 0));
		view_set(row, "NIT", db_col_text(st, 1));
		view_set(row, "CODIGO", db_col_text(st, 2));
		view_set(row, "RAZON", db_col_text(st, 3));
		view_set(row, "FECHA", fecha_local(r->a, db_col_int64(st, 4)));
		view_set(row, "ESTADO", estado_label(estado_parse(
		    db_col_text(st, 5))));
		view_set(row, "ACCION", c->accion);
		vence_badge(r, row, st, 6, hoy);
	}
	db_reset(st);
	if (total == 0)
		view_show(v, "VACIA");
	paginate(v, vence ? join_text(r->a, c->path, "?vence=1") : join_text(r->a,
	    join_text(r->a, c->path, "?q="), url_encode(r->a, q)), page, pages_of(total));
	return HTTP_OK;
}

/* GET /msps/asignar: 200, requests pendiente or resolicitado. */
enum http_status
page_msps_asignacion(struct req *r, struct resp *rs)
{
	return cola_page(r, rs, &asignar);
}

/* GET /msps/actualizar: 200, entities asignado or reasignado. */
enum http_status
page_msps_actualizacion(struct req *r, struct resp *rs)
{
	return cola_page(r, rs, &actualizar);
}

/* Prefills the key form with the entity's current client ids and expiry dates. */
static void
prefill(struct req *r, long long entidad_id, const char **vals)
{
	struct db_stmt *st = db_stmt(ST_LLAVES_VIGENTES, "i", entidad_id);
	int i = 0;

	memset(vals, 0, NLLAVE * sizeof(*vals));
	while (st != NULL && db_step(st) == DB_ROW && i < AMBIENTES) {
		vals[NLLAVE1 * i + K_CLIENT_ID] = db_text(r->a, st, LLAVES_VIGENTES_CLIENT_ID);
		vals[NLLAVE1 * i + K_EXPIRA] = db_text(r->a, st, LLAVES_VIGENTES_EXPIRA);
		i++;
	}
	if (st != NULL)
		db_reset(st);
	for (i = 0; i < (int)NLLAVE; i++)
		if (vals[i] == NULL)
			vals[i] = "";
}

/* Lists the entity's keys, current and replaced (no secrets). */
static void
historial(struct req *r, struct view *v, long long entidad_id)
{
	struct db_stmt *st = db_stmt(ST_LLAVES_HISTORIAL, "i", entidad_id);
	struct view *row;
	size_t i;

	while (st != NULL && db_step(st) == DB_ROW) {
		row = view_section(v, "HISTORIAL");
		for (i = 0; i < AMBIENTES; i++)
			if (strcmp(ambiente_name[i], db_col_text(st, 0)) == 0)
				view_set(row, "AMBIENTE", ambiente_label[i]);
		view_set(row, "CLIENT_ID", db_col_text(st, 1));
		view_set(row, "EXPIRA", fecha_es(r->a, db_col_text(st, 2)));
		view_set(row, "VIGENTE", db_col_int(st, 3) ? "Vigente" : "Reemplazada");
		view_set(row, "CREADA", fecha_local(r->a, db_col_int64(st, 4)));
		view_set(row, "REEMPLAZADA", fecha_local(r->a, db_col_int64(st, 5)));
		view_set(row, "POR", db_col_text(st, 6));
	}
	if (st != NULL)
		db_reset(st);
}

/* Shows whether the entity's keys wait for their activation code (with the button that
 * sends a new one) or who activated them, when and from where. */
static void
activacion_estado(struct req *r, struct view *v, const struct solicitud *s)
{
	struct db_stmt *st;
	long long vence;

	if (s->vigente && activacion_pendiente(s->entidad_id, &vence)) {
		v = view_section(v, "ACTIVACION_PENDIENTE");
		view_set(v, "VENCE", fecha_local(r->a, vence));
		view_show(v, vence <= r->now ? "VENCIDO" : "VIGENTE");
		view_setint(v, "ID", s->id);
		return;
	}
	if ((st = db_stmt(ST_ACTIVACION_ULTIMA, "i", s->entidad_id)) == NULL)
		return;
	if (db_step(st) == DB_ROW) {
		v = view_section(v, "ACTIVACION_HECHA");
		view_set(v, "CUANDO", fecha_local(r->a, db_col_int64(st, 0)));
		view_set(v, "QUIEN", db_col_text(st, 1));
		view_set(v, "IP", db_col_text(st, 2));
		view_set(v, "UA", db_col_text(st, 3));
	}
	db_reset(st);
}

/* The key form with vals and errs: each ClientSecret's hint says whether a blank one
 * keeps a stored secret (cur: the entity's current keys). */
static void
llaves_form(struct view *v, const struct llave_actual *cur, const char **vals,
    const char **errs)
{
	struct field f[NLLAVE];
	int i;

	memcpy(f, llave_fields, sizeof(f));
	for (i = 0; i < AMBIENTES; i++)
		f[3 * i + 1].hint = cur[i].id != 0 ? HINT_SECRETO_GUARDADO : HINT_SECRETO_NUEVO;
	view_show(v, "LLAVES_FORM");
	form_show(v, f, NLLAVE, vals, errs);
}

const struct cola *
msps_cola_de(const struct solicitud *s)
{
	return s->estado == E_ASIGNADO || s->estado == E_REASIGNADO ? &actualizar : &asignar;
}

enum http_status
msps_solicitud_page(struct req *r, struct resp *rs, enum http_status status,
    const struct solicitud *s, const char **vals, const char **errs, const char **motivo,
    const char *alert)
{
	int asignada = s->estado == E_ASIGNADO || s->estado == E_REASIGNADO;
	const struct cola *c = msps_cola_de(s);
	struct view *v = resp_page(rs, "ihce/msps_solicitud.tpl", c->title);
	struct llave_actual cur[AMBIENTES];
	const char *pre[NLLAVE];

	resp_crumb(rs, c->title, c->path);
	resp_crumb(rs, s->razon, NULL);
	if (alert != NULL)
		view_set(view_section(v, "ALERTA"), "TEXT", alert);
	else if (req_query(r, "ok") != NULL)
		view_show(v, "CODIGO_ENVIADO");
	view_setint(v, "ID", s->id);
	view_setint(v, "VERSION", s->version);
	view_setf(v, "NIT", "%s-%d", s->nit, nit_dv(s->nit));
	view_set(v, "RAZON", s->razon);
	view_set(v, "CODIGO", s->codigo);
	view_set(v, "ESTADO", estado_label(s->estado));
	view_set(v, "TIPO", strcmp(s->tipo, "inscripcion") ? "Resolicitud" : "Inscripción");
	view_set(v, "FECHA", fecha_local(r->a, s->fecha));
	view_set(v, "PROVEEDOR", s->proveedor_tec);
	view_set(v, "SOFTWARE", s->software);
	view_set(v, "LIDER", arena_printf(r->a, "%s · %s · %s", s->lider_nombre,
	    s->lider_correo, s->lider_tel));
	view_set(v, "RESPONSABLE", arena_printf(r->a, "%s · %s · %s", s->resp_nombre,
	    s->resp_correo, s->resp_tel));
	view_set(v, "BOTON", asignada ? "Actualizar llaves" : "Guardar llaves");
	if (vals == NULL)
		prefill(r, s->entidad_id, vals = pre);
	if (ihce_siguiente(s->estado, 1, A_ASIGNAR) != E__INVALIDO && s->vigente) {
		if (ihce_llaves_actuales(r->a, s->entidad_id, cur) < 0)
			return HTTP_ERROR;
		llaves_form(v, cur, vals, errs);
	}
	if (ihce_siguiente(s->estado, 1, A_RECHAZAR) != E__INVALIDO && s->vigente) {
		view_show(v, "RECHAZO_FORM");
		form_show(v, rechazo_fields, 1, motivo, motivo ? motivo + 1 : NULL);
	}
	activacion_estado(r, v, s);
	historial(r, v, s->entidad_id);
	return status;
}

/* GET /msps/solicitudes/{id}: 200 with the request and its forms; 404 if unknown. */
enum http_status
page_msps_solicitud(struct req *r, struct resp *rs)
{
	struct solicitud s;

	if (!ihce_solicitud_get(r->a, r->pathid[0], &s))
		return HTTP_NOT_FOUND;
	return msps_solicitud_page(r, rs, HTTP_OK, &s, NULL, NULL, NULL, NULL);
}

enum http_status
msps_conflicto(enum ihce_rc rc, const char **msg)
{
	*msg = rc == IHCE_NO_PERMITIDO ? "El estado actual de la solicitud no permite esta "
	    "acción." : "La solicitud cambió mientras usted la editaba (otro funcionario la "
	    "atendió). Revise el estado actual antes de volver a intentarlo.";
	return rc == IHCE_ERROR ? HTTP_ERROR : HTTP_CONFLICT;
}

/* Whether request s, seen at the form's version, still allows action a: IHCE_OK, or the
 * ihce_rc its transaction would give (the form is stale, or the state moved on). */
static enum ihce_rc
vigente_para(const struct solicitud *s, long long version, enum accion a)
{
	if (s->version != version || !s->vigente)
		return IHCE_CAMBIO;
	return ihce_siguiente(s->estado, 1, a) == E__INVALIDO ? IHCE_NO_PERMITIDO : IHCE_OK;
}

/* The request page again, with status and the message of rc (409; 500 on IHCE_ERROR):
 * the request as it is now, what the official typed kept (vals, motivo). */
static enum http_status
conflicto_page(struct req *r, struct resp *rs, struct solicitud *s, enum ihce_rc rc,
    const char **vals, const char **motivo)
{
	const char *msg;
	enum http_status st = msps_conflicto(rc, &msg);

	if (st == HTTP_ERROR)
		return st;
	ihce_solicitud_get(r->a, s->id, s);
	return msps_solicitud_page(r, rs, st, s, vals, NULL, motivo, msg);
}

/* Reads the key form, and into in its keys (cur: the current ones): a blank ClientSecret
 * keeps the stored one (in[i].client_secret NULL), an error only where there is none; an
 * expiry must be after the request's day (v_fecha_futura). Returns the form. */
static struct form *
read_llaves(struct req *r, const struct llave_actual *cur, struct llave_in *in)
{
	struct form *f = form_read(r, llave_fields, NLLAVE);
	const char **v;
	int i, k;

	for (i = 0; i < AMBIENTES; i++) {
		v = f->val + (k = NLLAVE1 * i);
		in[i].client_id = v[K_CLIENT_ID];
		in[i].client_secret = v[K_SECRET][0] != '\0' ? v[K_SECRET] : NULL;
		in[i].expira = v[K_EXPIRA];
		if (f->err[k + K_EXPIRA] == NULL && !v_fecha_futura(in[i].expira, r->now))
			form_error(f, k + K_EXPIRA, llave_fields[k + K_EXPIRA].error);
		if (f->err[k + K_SECRET] == NULL && in[i].client_secret == NULL && cur[i].id == 0)
			form_error(f, k + K_SECRET, MSG_SECRETO_FALTA);
	}
	return f;
}

/* POST /msps/solicitudes/{id}: 200 with the confirmation page (what will change, secrets
 * masked, the values sealed in its form); 400 with the form when a field is invalid, a
 * blank ClientSecret has nothing stored to keep, or (Actualizar token) nothing changes;
 * 409 when the request changed meanwhile; 404 if unknown. Nothing is written. */
enum http_status
page_msps_save(struct req *r, struct resp *rs)
{
	struct llave_actual cur[AMBIENTES];
	struct llave_in in[AMBIENTES];
	struct solicitud s;
	long long version = parse_id(req_form(r, "version"));
	const char **vals;
	struct form *f;
	enum ihce_rc rc;
	int i, cambia = 0;

	if (!ihce_solicitud_get(r->a, r->pathid[0], &s))
		return HTTP_NOT_FOUND;
	if (ihce_llaves_actuales(r->a, s.entidad_id, cur) < 0)
		return HTTP_ERROR;
	vals = (f = read_llaves(r, cur, in))->val;
	if (f->bad > 0) {
		if ((rc = vigente_para(&s, version, A_ASIGNAR)) != IHCE_OK)
			return conflicto_page(r, rs, &s, rc, vals, NULL);
		return msps_solicitud_page(r, rs, HTTP_BAD_REQUEST, &s, vals, f->err, NULL,
		    "Revise los campos marcados: las llaves no se han guardado.");
	}
	if ((rc = vigente_para(&s, version, A_ASIGNAR)) != IHCE_OK)
		return conflicto_page(r, rs, &s, rc, vals, NULL);
	for (i = 0; i < AMBIENTES; i++)
		cambia |= llave_cambia(&cur[i], &in[i]);
	if (!cambia && (s.estado == E_ASIGNADO || s.estado == E_REASIGNADO))
		return msps_solicitud_page(r, rs, HTTP_BAD_REQUEST, &s, vals, NULL, NULL,
		    "No cambió ningún ambiente: modifique al menos un Client ID, Client Secret o "
		    "fecha de expiración. Las llaves no se han guardado.");
	return msps_confirm_llaves(r, rs, &s, in, cur);
}

/* POST /msps/solicitudes/{id}/rechazar: 200 with the confirmation page (the reason
 * sealed in its form); 400 without a reason; 409 when the request changed meanwhile; 404
 * if unknown. Nothing is written. */
enum http_status
page_msps_reject(struct req *r, struct resp *rs)
{
	struct form *f = form_read(r, rechazo_fields, 1);
	const char *motivo[2] = { f->val[0], f->err[0] };	/* as the page shows it */
	struct solicitud s;
	enum ihce_rc rc;

	if (!ihce_solicitud_get(r->a, r->pathid[0], &s))
		return HTTP_NOT_FOUND;
	if (f->bad > 0)
		return msps_solicitud_page(r, rs, HTTP_BAD_REQUEST, &s, NULL, NULL, motivo,
		    "Escriba el motivo del rechazo.");
	if ((rc = vigente_para(&s, parse_id(req_form(r, "version")), A_RECHAZAR)) != IHCE_OK)
		return conflicto_page(r, rs, &s, rc, NULL, motivo);
	return msps_confirm_rechazo(r, rs, &s, motivo[0]);
}

/* POST /msps/solicitudes/{id}/activacion: 303 to the request with a new activation code
 * mailed to the delegates (the waiting one is voided); 409 when the entity has no code
 * waiting; 404 if unknown. */
enum http_status
page_msps_reissue(struct req *r, struct resp *rs)
{
	struct solicitud s;
	enum ihce_rc rc;

	if (!ihce_solicitud_get(r->a, r->pathid[0], &s))
		return HTTP_NOT_FOUND;
	rc = ihce_reissue(r, s.id);
	if (rc == IHCE_OK)
		return resp_redirect(rs, arena_printf(r->a, "/msps/solicitudes/%lld?ok=codigo", s.id));
	if (rc != IHCE_NO_PERMITIDO)
		return HTTP_ERROR;
	return msps_solicitud_page(r, rs, HTTP_CONFLICT, &s, NULL, NULL, NULL,
	    "Las llaves de esta entidad no esperan activación: no hay código que reenviar.");
}
