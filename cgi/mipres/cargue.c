/*
 * MIPRES "Cargue masivo" (/mipres/cargue): a provider uploads a CSV (a header row with the
 * API's field names, ',' or ';', quotes, UTF-8 with or without BOM) or a JSON array of
 * objects shaped like the API's bodies, of entregas or of reportes de entrega. Each row is
 * validated and applied on its own through mipres_register (the API's validation and
 * transaction), so a bad row does not stop the others; the page lists every row.
 *
 * Idempotence: each applied row's normalised content (kind and fields) is hashed and kept
 * (mipres_cargue_fila) with the ids it created, in the step's own transaction. A row whose
 * hash names a live step (estado > 0) is not applied again: "Ya registrada" with the
 * original ids. Once that step was annulled, applying the row again is legitimate (the
 * provider annulled it on purpose) and the hash then names the new step.
 *
 * Rows are applied CARGUE_LOTE to a transaction, each step (and its hash) in a savepoint
 * of its own, so a row still succeeds or fails alone; a commit per row spent most of a
 * large upload's time. A group that fails to serialize with another transaction
 * (PostgreSQL: an upload of the same rows at the same time) runs again from its first row,
 * the rows read again. A group that does not commit turns its registered rows into
 * failures: the page never claims a row the database does not hold.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/audit.h"
#include "core/csv.h"
#include "core/csv_reader.h"
#include "core/json_causa.h"
#include "core/db.h"
#include "core/form.h"
#include "core/log.h"
#include "mipres/generar_token.h"
#include "mipres/mipres.h"
#include "core/session.h"
#include "core/text.h"
#include "core/valid.h"

#define CARGUE_FILAS_MAX	5000	/* data rows of one upload */
#define CARGUE_LOTE		100	/* rows applied in one transaction */
#define CARGUE_VECES		5	/* runs of a group that fails to serialize */

/* The kinds of upload. */
static const struct tipo {
	const char	*clave;		/* the form's value */
	const char	*nombre;
	enum mipres_tx	 tx;
	const char	*paso;		/* mipres_paso.tipo */
	const char	*idpaso;	/* the step's id as the API's answer names it */
	const char	*plantilla;	/* the template's file name */
} tipos[] = {
	{ "entrega", "Entregas", MT_ENTREGA, "E", "IdEntrega", "plantilla-entregas.csv" },
	{ "reporte", "Reportes de entrega", MT_REPORTE, "R", "IdReporteEntrega",
	    "plantilla-reportes-entrega.csv" },
};
#define NTIPOS	(sizeof(tipos) / sizeof(tipos[0]))

static const struct tipo *
tipo_de(const char *clave)
{
	size_t i;

	for (i = 0; clave != NULL && i < NTIPOS; i++)
		if (strcmp(tipos[i].clave, clave) == 0)
			return &tipos[i];
	return NULL;
}

static int
v_tipo(const char *s)
{
	return tipo_de(s) != NULL;
}

enum { C_TIPO, NCAMPOS_FORM };
static const struct field campos_form[NCAMPOS_FORM] = {
	[C_TIPO] = { "tipo", "Tipo de registros", "select", v_tipo,
	    "Elija qué registra el archivo: entregas o reportes de entrega.", NULL },
};
static const char *const tipo_opts[] = { "entrega", "Entregas", "reporte",
	"Reportes de entrega", NULL };
static const struct form_opts opts_form[] = { { "tipo", tipo_opts } };

enum resultado { FR_REGISTRADA, FR_REPETIDA, FR_RECHAZADA };

/* Why a row failed on the portal's side. */
static const char error_portal[] = "No se pudo registrar la fila por un error del portal; "
    "vuelva a cargar el archivo más tarde (las filas ya registradas no se repiten).";


/* One row's outcome for the page. */
struct fila {
	size_t		 num;		/* CSV: its line in the file; JSON: its position */
	enum resultado	 res;
	long long	 id, idpaso;
	const char	**motivos;
	size_t		 nmotivos;
};

/* What an upload produced. */
struct cargue {
	const struct tipo *tipo;
	const char	*archivo;
	struct fila	*filas;
	size_t		 n, cuenta[3];
};

/* Appends a reason to f. */
static void
motivo(struct arena *a, struct fila *f, const char *m)
{
	const char **v = arena_alloc(a, (f->nmotivos + 1) * sizeof(*v));

	if (f->nmotivos > 0)
		memcpy(v, f->motivos, f->nmotivos * sizeof(*v));
	v[f->nmotivos++] = m;
	f->motivos = v;
}

/* The reasons of e: format errors prefixed with their field's name (the rules' messages
 * already name it). */
static void
motivos_de(struct arena *a, struct fila *f, const struct mipres_errores *e, int formato)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		motivo(a, f, formato && e->v[i].campo != MC_NINGUNO ? arena_printf(a, "%s: %s",
		    mipres_campo_nombre(e->v[i].campo), e->v[i].mensaje) : e->v[i].mensaje);
}

/* The SHA-256 of a well-formed row (mipres_campos filled in->n): its kind and each field,
 * numbers by their value ("010" and 10 alike; a CausaNoEntrega 0 as absent, as the API
 * stores it), texts as given. */
static void
huella(const struct tipo *t, const struct mipres_in *in, unsigned char h[32])
{
	const enum mipres_campo *c = mipres_tx_campos(t->tx, NULL);
	crypto_hash_sha256_state st;
	char v[32];
	const char *s;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)t->paso, 1);
	for (; *c != MC__N; c++) {
		s = in->v[*c];
		if (s != NULL && (mipres_campo_tipo(*c) == MP_ENTERO ||
		    mipres_campo_tipo(*c) == MP_DIGITOS)) {
			snprintf(v, sizeof(v), "%lld", in->n[*c]);
			s = *c == MC_CAUSANOENTREGA && in->n[*c] == 0 ? NULL : v;
		}
		crypto_hash_sha256_update(&st, (const unsigned char *)"\x1f", 1);
		crypto_hash_sha256_update(&st, (const unsigned char *)mipres_campo_nombre(*c),
		    strlen(mipres_campo_nombre(*c)));
		crypto_hash_sha256_update(&st, (const unsigned char *)(s ? "=" : "!"), 1);
		if (s != NULL)
			crypto_hash_sha256_update(&st, (const unsigned char *)s, strlen(s));
	}
	crypto_hash_sha256_final(&st, h);
}

/* What the hook writes inside mipres_register's transaction. */
struct save_hash {
	long long	 entidad_id, now;
	const unsigned char *h;		/* NULL: the row had no hash */
	const char	*paso;
};

/* mipres_register_con's hook: records the applied row's hash with the ids it created. On
 * PostgreSQL it goes with the next statement waited for (db_exec_diferido), as the step's
 * audit row and its release do: a failure of it loses the group's transaction, whose rows
 * are then reported as not registered (lote_perdido). */
static int
save_hash(void *arg, long long id, long long idpaso)
{
	const struct save_hash *g = arg;
	struct db_stmt *st;

	if (g->h == NULL)
		return 0;
	if ((st = db_stmt(ST_MIPRES_CARGUE_GUARDAR, "ibtiii", g->entidad_id, g->h, 32, g->paso,
	    id, idpaso, g->now)) == NULL)
		return -1;
	if (db_exec_diferido(st) == 0)
		return 0;
	log_err("db: step %d: %s", (int)ST_MIPRES_CARGUE_GUARDAR, db_errmsg());
	return -1;
}

/* Looks up a row applied before whose step is live. Returns 1 (ids set), 0, or -1. */
static int
ya_registrada(long long entidad_id, const unsigned char h[32], long long *id, long long *idpaso)
{
	struct db_stmt *st = db_stmt(ST_MIPRES_CARGUE_BUSCAR, "ib", entidad_id, h, 32);
	int rc;

	if (st == NULL)
		return -1;
	if ((rc = db_step(st)) == DB_ROW) {
		*id = db_col_int64(st, 0);
		*idpaso = db_col_int64(st, 1);
	}
	db_reset(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* Applies one row read into in (format errors of its reading already in f): skipped when
 * it was applied before and its step is live, else through mipres_register. */
static void
apply_row(struct req *r, const struct mipres_quien *q, struct cargue *c, struct mipres_in *in,
    struct fila *f)
{
	struct mipres_in norm = *in;
	struct mipres_errores e = { 0 };
	unsigned char h[32];
	struct save_hash g = { q->entidad_id, r->now, NULL, c->tipo->paso };
	enum mipres_res res;
	int rc;

	if (f->nmotivos > 0) {
		f->res = FR_RECHAZADA;
		return;
	}
	if (mipres_campos(&norm, &e) == 0) {
		huella(c->tipo, &norm, h);
		g.h = h;
		if ((rc = ya_registrada(q->entidad_id, h, &f->id, &f->idpaso)) == 1) {
			f->res = FR_REPETIDA;
			return;
		}
		if (rc < 0)
			goto falla;
	}
	memset(&e, 0, sizeof(e));
	res = mipres_register_con(r, q, in, &e, &f->id, &f->idpaso, save_hash, &g);
	if (res == MP_OK) {
		f->res = FR_REGISTRADA;
		return;
	}
	/* Refused because an upload of the same row running at the same time applied it
	 * first: what that one recorded is this row's outcome too. */
	if (res == MP_REGLA && g.h != NULL &&
	    ya_registrada(q->entidad_id, h, &f->id, &f->idpaso) == 1) {
		f->res = FR_REPETIDA;
		return;
	}
	if (res == MP_CAMPOS || res == MP_REGLA) {
		f->res = FR_RECHAZADA;
		f->id = f->idpaso = 0;
		motivos_de(r->a, f, &e, res == MP_CAMPOS);
		return;
	}
falla:
	f->res = FR_RECHAZADA;
	f->id = f->idpaso = 0;
	motivo(r->a, f, error_portal);
}

/* Where an upload's rows are read from: a CSV (csv, its columns' fields col) or a JSON
 * array (arr). */
struct origen {
	const struct csv	*csv;
	const enum mipres_campo	*col;
	json_t			*arr;
};

/* Reads row i into in, its outcome f cleared and given the reasons of its reading. */
static void
read_fila(struct req *r, struct cargue *c, const struct origen *o, size_t i,
    struct mipres_in *in)
{
	struct fila *f = &c->filas[i];
	const struct csv_row *row, *h;
	struct mipres_errores e;
	json_t *x;
	size_t k;

	memset(in, 0, sizeof(*in));
	in->tx = c->tipo->tx;
	memset(f, 0, sizeof(*f));
	if (o->csv != NULL) {
		h = &o->csv->rows[0];
		row = &o->csv->rows[i + 1];
		f->num = row->line;
		if (row->n != h->n)
			motivo(r->a, f, arena_printf(r->a, "La fila tiene %zu columnas; el "
			    "encabezado tiene %zu.", row->n, h->n));
		for (k = 0; k < row->n && k < h->n; k++)
			if (row->v[k][0] != '\0')
				in->v[o->col[k]] = row->v[k];
		return;
	}
	f->num = i + 1;
	memset(&e, 0, sizeof(e));
	x = json_array_get(o->arr, i);
	if (!json_is_object(x))
		motivo(r->a, f, "El elemento no es un objeto JSON ({…}).");
	else if (mipres_read_json(r->a, x, in, &e) > 0)
		motivos_de(r->a, f, &e, 1);
}

/* A group of rows applied in one transaction: rows [desde, fin), of which [desde, hasta)
 * were applied in its last run (corrio: it ran at all). */
struct grupo {
	struct req		*r;
	const struct mipres_quien *q;
	struct cargue		*c;
	const struct origen	*o;
	size_t			 desde, hasta, fin;
	int			 corrio;
};

/* db_tx_run's body: reads and applies the group's rows. Returns 0; DB_RETRY as soon as a
 * row failed to serialize with another transaction (PostgreSQL: the group runs again from
 * its first row, read again); DB_ERROR when a row's failure rolled the whole transaction
 * back: the group ends after that row. */
static int
apply_grupo(void *arg)
{
	struct grupo *g = arg;
	struct db_marca antes, ahora;
	struct mipres_in in;
	size_t i;

	g->corrio = 1;
	for (i = g->desde; i < g->fin; i++) {
		read_fila(g->r, g->c, g->o, i, &in);
		db_marca(&antes);
		apply_row(g->r, g->q, g->c, &in, &g->c->filas[i]);
		db_marca(&ahora);
		g->hasta = i + 1;
		if (ahora.reintentos != antes.reintentos)
			return DB_RETRY;
		if (!db_in_transaction())
			return DB_ERROR;
	}
	return 0;
}

/* Rows [desde, hasta) were registered in a transaction that did not commit: failures. */
static void
lote_perdido(struct req *r, struct cargue *c, size_t desde, size_t hasta)
{
	size_t i;

	log_err("mipres: an upload's rows %zu to %zu were not committed", desde + 1, hasta);
	for (i = desde; i < hasta; i++)
		if (c->filas[i].res == FR_REGISTRADA) {
			c->filas[i].res = FR_RECHAZADA;
			c->filas[i].id = c->filas[i].idpaso = 0;
			motivo(r->a, &c->filas[i], error_portal);
		}
}

/* Reads and applies every row of the upload, CARGUE_LOTE to a transaction. A group that
 * fails to serialize with another transaction (PostgreSQL: an upload of the same rows at
 * the same time) runs again, CARGUE_VECES times at most; one that does not commit in the
 * end turns its registered rows into failures, which the page shows as such: the server
 * does not answer 503 for them. When the transaction cannot begin the row is applied
 * alone, as mipres_register does. */
static void
apply_filas(struct req *r, const struct mipres_quien *q, struct cargue *c,
    const struct origen *o)
{
	struct grupo g = { r, q, c, o, 0, 0, 0, 0 };
	struct db_marca antes;
	struct mipres_in in;
	int rc;

	while (g.desde < c->n) {
		g.fin = g.desde + CARGUE_LOTE < c->n ? g.desde + CARGUE_LOTE : c->n;
		g.hasta = g.desde;
		g.corrio = 0;
		db_marca(&antes);
		rc = db_tx_run(apply_grupo, &g, CARGUE_VECES);
		if (!g.corrio) {
			read_fila(r, c, o, g.desde, &in);
			apply_row(r, q, c, &in, &c->filas[g.desde]);
			g.hasta = g.desde + 1;
		} else if (rc != 0) {
			lote_perdido(r, c, g.desde, g.hasta);
			db_reintentos_absorb(&antes);
		}
		g.desde = g.hasta;
	}
}

/* Joins the names of fields list[0..n) with ", ". */
static const char *
nombres(struct arena *a, const char *const *list, size_t n)
{
	const char *s = "";
	size_t i;

	for (i = 0; i < n; i++)
		s = arena_printf(a, "%s%s%s", s, i ? ", " : "", list[i]);
	return s;
}

/* Maps the CSV header to fields of t (col[i]); returns NULL or why the file is refused:
 * unknown or repeated columns, required ones missing. */
static const char *
encabezado(struct arena *a, const struct tipo *t, const struct csv_row *h, enum mipres_campo *col)
{
	const unsigned char *req;
	const enum mipres_campo *c = mipres_tx_campos(t->tx, &req);
	const char *malas[CSV_MAX_COLS], *faltan[MC__N], *rep = NULL;
	size_t i, j, nmalas = 0, nfaltan = 0;

	for (i = 0; i < h->n; i++) {
		for (col[i] = MC__N, j = 0; c[j] != MC__N; j++)
			if (strcasecmp(h->v[i], mipres_campo_nombre(c[j])) == 0)
				col[i] = c[j];
		if (col[i] == MC__N)
			malas[nmalas++] = h->v[i][0] ? h->v[i] : "(vacía)";
		for (j = 0; col[i] != MC__N && j < i; j++)
			if (col[j] == col[i])
				rep = mipres_campo_nombre(col[i]);
	}
	for (j = 0; c[j] != MC__N; j++) {
		for (i = 0; i < h->n && col[i] != c[j]; i++)
			continue;
		if (i == h->n && req[j])
			faltan[nfaltan++] = mipres_campo_nombre(c[j]);
	}
	if (nmalas > 0)
		return arena_printf(a,
		    "La primera fila debe ser el encabezado con los nombres de los "
		    "campos de %s. Columnas desconocidas: %s.", t->nombre, nombres(a, malas,
		    nmalas));
	if (rep != NULL)
		return arena_printf(a, "La columna %s está repetida en el encabezado.", rep);
	if (nfaltan > 0)
		return arena_printf(a, "Faltan columnas obligatorias de %s: %s.", t->nombre,
		    nombres(a, faltan, nfaltan));
	return NULL;
}

/* Reads a CSV upload and applies each row. Returns NULL or why the file is refused
 * (then nothing was applied). */
static const char *
load_csv(struct req *r, const struct mipres_quien *q, struct cargue *c, const char *s,
    size_t n)
{
	enum mipres_campo col[CSV_MAX_COLS];
	struct csv csv;
	const char *why;

	if ((why = csv_read(r->a, s, n, CARGUE_FILAS_MAX + 1, &csv)) != NULL)
		return why;
	if (csv.n < 2)
		return csv.n == 0 ? "El archivo está vacío." : "El archivo solo tiene el "
		    "encabezado: agregue una fila por registro.";
	if ((why = encabezado(r->a, c->tipo, &csv.rows[0], col)) != NULL)
		return why;
	c->n = csv.n - 1;
	c->filas = arena_alloc(r->a, c->n * sizeof(*c->filas));
	apply_filas(r, q, c, &(struct origen){ &csv, col, NULL });
	return NULL;
}

/* How many elements the top-level array of s[0..n) has (its commas outside strings and
 * nested values, plus one), counting no further than max + 1: an oversized upload is
 * refused before jansson builds every element. A malformed text is left to the parser. */
static size_t
elementos(const char *s, size_t n, size_t max)
{
	size_t i, comas = 0, prof = 0;
	int cadena = 0;

	for (i = 0; i < n && comas < max; i++) {
		if (cadena) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"')
				cadena = 0;
		} else if (s[i] == '"')
			cadena = 1;
		else if (s[i] == '[' || s[i] == '{')
			prof++;
		else if ((s[i] == ']' || s[i] == '}') && prof > 0)
			prof--;
		else if (s[i] == ',' && prof == 1)
			comas++;
	}
	return comas + 1;
}

/* Reads a JSON array upload and applies each object. Returns NULL or why the file is
 * refused (then nothing was applied). */
static const char *
load_json(struct req *r, const struct mipres_quien *q, struct cargue *c, const char *s,
    size_t n)
{
	json_error_t jerr;
	json_t *arr;
	const char *why = NULL;

	if (elementos(s, n, CARGUE_FILAS_MAX) > CARGUE_FILAS_MAX)
		return arena_printf(r->a, "El archivo tiene más de %d registros.",
		    CARGUE_FILAS_MAX);
	if ((arr = json_loadb(s, n, JSON_REJECT_DUPLICATES, &jerr)) == NULL)
		return arena_printf(r->a, "El archivo no es un JSON válido (línea %d, columna %d): "
		    "%s.", jerr.line, jerr.column, json_causa(&jerr));
	if (!json_is_array(arr))
		why = "El JSON debe ser un arreglo de objetos ([{…}, {…}]), cada uno como el "
		    "cuerpo de una llamada al servicio web.";
	else if (json_array_size(arr) == 0)
		why = "El arreglo JSON está vacío.";
	else if (json_array_size(arr) > CARGUE_FILAS_MAX)
		why = arena_printf(r->a, "El archivo tiene más de %d registros.", CARGUE_FILAS_MAX);
	if (why != NULL) {
		json_decref(arr);
		return why;
	}
	c->n = json_array_size(arr);
	c->filas = arena_alloc(r->a, c->n * sizeof(*c->filas));
	apply_filas(r, q, c, &(struct origen){ NULL, NULL, arr });
	json_decref(arr);
	return NULL;
}

/* The upload's bytes as text: *s, *n from its first character (after a UTF-8 byte order
 * mark and blanks), to tell JSON from CSV. Returns NULL or why the file is refused. */
static const char *
como_texto(const struct upload *u, const char **s, size_t *n)
{
	if (u == NULL || (u->len == 0 && u->filename[0] == '\0'))
		return "Adjunte el archivo CSV o JSON con los registros.";
	if (u->len > MP_CARGUE_MAX)
		return "El archivo supera el tamaño permitido (1 MiB): divídalo en varios archivos.";
	*s = u->data, *n = u->len;
	if (*n >= 3 && memcmp(*s, "\xEF\xBB\xBF", 3) == 0)
		*s += 3, *n -= 3;
	while (*n > 0 && strchr(" \t\r\n", **s) != NULL)
		(*s)++, (*n)--;
	if (*n == 0)
		return "El archivo está vacío.";
	if (memchr(*s, '\0', *n) != NULL)
		return "El archivo no es un CSV ni un JSON: parece un archivo binario (por ejemplo, "
		    "un libro de Excel .xlsx). En Excel use Guardar como «CSV UTF-8 (delimitado por "
		    "comas)».";
	/* No NUL inside: the text ends where the upload does (multipart ends it). */
	if (!v_utf8_lineas(*s))
		return "El archivo no está en UTF-8 o tiene caracteres de control. En Excel use "
		    "Guardar como «CSV UTF-8 (delimitado por comas)».";
	return NULL;
}

/* Adds the description of each kind's columns and its template to v. */
static void
formatos(struct view *v)
{
	const enum mipres_campo *c;
	const unsigned char *req;
	struct view *t, *col;
	size_t i, j;

	for (i = 0; i < NTIPOS; i++) {
		t = view_section(v, "FORMATO");
		view_set(t, "NOMBRE", tipos[i].nombre);
		view_set(t, "CLAVE", tipos[i].clave);
		c = mipres_tx_campos(tipos[i].tx, &req);
		for (j = 0; c[j] != MC__N; j++) {
			col = view_section(t, "COLUMNA");
			view_set(col, "NOMBRE", mipres_campo_nombre(c[j]));
			if (req[j])
				view_show(col, "OBLIGATORIA");
		}
	}
}

/* Adds the result of upload c to v (numbers written with the thousands point, in a). */
static void
resultado(struct arena *a, struct view *v, const struct cargue *c)
{
	static const char *const txt[] = { "Registrada", "Ya registrada", "Rechazada" };
	static const char *const clase[] = { "ok", "repetida", "rechazada" };
	struct view *res = view_section(v, "RESULTADO"), *f;
	size_t i, k;

	view_set(res, "ARCHIVO", c->archivo[0] ? c->archivo : "(sin nombre)");
	view_set(res, "TIPO", c->tipo->nombre);
	view_set(res, "IDPASO_NOMBRE", c->tipo->idpaso);
	view_set(res, "FILAS", numero_es(a, (long long)c->n));
	view_set(res, "APLICADAS", numero_es(a, (long long)c->cuenta[FR_REGISTRADA]));
	view_set(res, "REPETIDAS", numero_es(a, (long long)c->cuenta[FR_REPETIDA]));
	view_set(res, "RECHAZADAS", numero_es(a, (long long)c->cuenta[FR_RECHAZADA]));
	for (i = 0; i < c->n; i++) {
		f = view_section(res, "FILA");
		view_setint(f, "NUM", (long long)c->filas[i].num);
		view_set(f, "RESULTADO", txt[c->filas[i].res]);
		view_set(f, "CLASE", clase[c->filas[i].res]);
		if (c->filas[i].res != FR_RECHAZADA) {
			view_setint(f, "ID", c->filas[i].id);
			view_setint(f, "IDPASO", c->filas[i].idpaso);
		} else {
			view_set(f, "ID", "—");
			view_set(f, "IDPASO", "—");
		}
		for (k = 0; k < c->filas[i].nmotivos; k++)
			view_set(view_section(f, "MOTIVO"), "TEXTO", c->filas[i].motivos[k]);
	}
}

/* Renders the page: the form with vals and errs (and the file's message archivo), and
 * the result of an upload when c is set. */
static enum http_status
cargue_page(struct req *r, struct resp *rs, enum http_status st, const char **vals,
    const char **errs, const char *archivo, const struct cargue *c)
{
	struct view *v = resp_page(rs, "mipres/cargue.tpl", "Cargue masivo MIPRES"), *res;
	size_t i;

	resp_crumb(rs, "Cargue masivo", NULL);
	view_setint(v, "MAX_KIB", MP_CARGUE_MAX / 1024);
	view_set(v, "MAX_FILAS", numero_es(r->a, CARGUE_FILAS_MAX));
	view_set(v, "FORM_TITULO", c != NULL ? "Cargar otro archivo" : "Archivo");
	form_show_opts(v, campos_form, NCAMPOS_FORM, vals, errs, opts_form, 1);
	if (st == HTTP_BAD_REQUEST) {
		/* The summary links to each wrong field: the type, the file. */
		res = form_resumen(view_section(v, "ERRORES"));
		for (i = 0; errs != NULL && i < NCAMPOS_FORM; i++)
			if (errs[i] != NULL)
				form_resumen_enlace(res, campos_form[i].name, errs[i]);
		if (archivo != NULL)
			form_resumen_enlace(res, "archivo", archivo);
	}
	if (archivo != NULL)
		view_set(view_section(v, "ARCHIVO_ERROR"), "TEXT", archivo);
	view_set(v, "ARCHIVO_INVALIDO", archivo != NULL ? "true" : "false");
	formatos(v);
	if (c != NULL)
		resultado(r->a, v, c);
	return st;
}

/* GET /mipres/cargue: 200, the form. */
enum http_status
page_mipres_cargue(struct req *r, struct resp *rs)
{
	return cargue_page(r, rs, HTTP_OK, NULL, NULL, NULL, NULL);
}

/* An upload's own audit entry. */
struct entrada {
	const struct req	*r;
	const struct cargue	*c;
};

/* db_tx_run's body: writes the entry. */
static int
audit_cargue(void *arg)
{
	const struct entrada *e = arg;
	const struct cargue *c = e->c;

	return audit(e->r, "mipres_cargue", "cargue masivo de %s (archivo %.120s): %zu filas, "
	    "%zu registradas, %zu ya registradas, %zu rechazadas", c->tipo->nombre, c->archivo,
	    c->n, c->cuenta[FR_REGISTRADA], c->cuenta[FR_REPETIDA], c->cuenta[FR_RECHAZADA]);
}

/* POST /mipres/cargue (multipart/form-data: tipo, archivo): 200 with every row's outcome
 * (each row applied or refused on its own; a repeat shows "Ya registrada"); 400 with the
 * form (the kind kept) and the file's message when the kind is missing or the file is
 * not a usable CSV or JSON array: then nothing was applied. Not a redirect: the result
 * is this response's, and posting it again applies nothing twice. */
enum http_status
page_mipres_cargue_post(struct req *r, struct resp *rs)
{
	struct form *f = form_read(r, campos_form, NCAMPOS_FORM);
	const char **vals = f->val, *archivo, *s = NULL;
	const struct upload *u = req_file(r, "archivo");
	struct cargue c = { 0 };
	struct mipres_quien q;
	struct db_marca antes;
	size_t n = 0, i;

	archivo = como_texto(u, &s, &n);
	if (f->bad > 0 || archivo != NULL)
		return cargue_page(r, rs, HTTP_BAD_REQUEST, vals, f->err, archivo, NULL);
	c.tipo = tipo_de(vals[C_TIPO]);
	c.archivo = u->filename;
	mipres_quien_sesion(r, &q);
	archivo = s[0] == '[' ? load_json(r, &q, &c, s, n) : s[0] == '{' ? "El JSON debe ser "
	    "un arreglo de objetos ([{…}, {…}]), cada uno como el cuerpo de una llamada al "
	    "servicio web." : load_csv(r, &q, &c, u->data, u->len);
	if (archivo != NULL)
		return cargue_page(r, rs, HTTP_BAD_REQUEST, vals, f->err, archivo, NULL);
	for (i = 0; i < c.n; i++)
		c.cuenta[c.filas[i].res]++;
	/* One entry for the upload besides each row's own; the rows are already recorded
	 * (and a repeat would not apply them twice), so a failure here is only logged. */
	db_marca(&antes);
	if (db_tx_run(audit_cargue, &(struct entrada){ r, &c }, CARGUE_VECES) != 0) {
		log_err("mipres: the audit entry of an upload by NIT %s failed", q.nit);
		db_reintentos_absorb(&antes);
	}
	return cargue_page(r, rs, HTTP_OK, vals, NULL, NULL, &c);
}

/* GET /mipres/cargue/plantilla?tipo=entrega|reporte: 200 text/csv, the header row of the
 * kind (';' as Excel in Colombia expects, with a BOM); 404 for another tipo. */
enum http_status
page_mipres_cargue_plantilla(struct req *r, struct resp *rs)
{
	const struct tipo *t = tipo_de(req_query(r, "tipo"));
	const enum mipres_campo *c;

	if (t == NULL)
		return HTTP_NOT_FOUND;
	buf_reset(&rs->body);
	csv_inicio(&rs->body);
	for (c = mipres_tx_campos(t->tx, NULL); *c != MC__N; c++)
		buf_printf(&rs->body, "%s%s", c == mipres_tx_campos(t->tx, NULL) ? "" : ";",
		    mipres_campo_nombre(*c));
	buf_puts(&rs->body, "\r\n");
	rs->ctype = "text/csv; charset=utf-8";
	resp_header(rs, "Content-Disposition", arena_printf(r->a, "attachment; filename=\"%s\"",
	    t->plantilla));
	return HTTP_OK;
}
