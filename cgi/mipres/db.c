/*
 * The MIPRES cycle in the database (009_mipres.sql): recording a step with the previous
 * one's state change and an audit entry in one transaction, annulling, and the queries.
 * The rules themselves are in cgi/mipres/valid.c; this file loads what they look at.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/log.h"
#include "mipres/generar_token.h"
#include "core/text.h"
#include "core/valid.h"
#include "mipres/sql.h"

/* The kinds of step as stored (mipres_paso.tipo), by enum mipres_paso. */
static const char tipo_de[MP__NPASOS][2] = { "D", "N", "P", "E", "R", "S" };

/* What each kind is called in the answers: ID<x> in reads, Id<x> in writes, Fec/Est. */
static const struct {
	const char	*id, *fec, *est;
} nombres[MP__NPASOS] = {
	[MP_D] = { "Direccionamiento", "FecDireccionamiento", "EstDireccionamiento" },
	[MP_N] = { "NODireccionamiento", "FecNODireccionamiento", "EstNODireccionamiento" },
	[MP_P] = { "Programacion", "FecProgramacion", "EstProgramacion" },
	[MP_E] = { "Entrega", "FecEntrega", "EstEntrega" },
	[MP_R] = { "ReporteEntrega", "FecRepEntrega", "EstRepEntrega" },
	[MP_S] = { "Suministro", "FecSuministro", "EstSuministro" },
};

/* The step before and after each kind in the cycle (MP__NPASOS: none). */
static const enum mipres_paso anterior[MP__NPASOS] = {
	[MP_D] = MP__NPASOS, [MP_N] = MP__NPASOS, [MP_P] = MP_D, [MP_E] = MP_P, [MP_R] = MP_E,
	[MP_S] = MP_R,
};
static const enum mipres_paso siguiente[MP__NPASOS] = {
	[MP_D] = MP_P, [MP_N] = MP__NPASOS, [MP_P] = MP_E, [MP_E] = MP_R, [MP_R] = MP_S,
	[MP_S] = MP__NPASOS,
};

const char *
mipres_paso_tipo(enum mipres_paso k)
{
	return tipo_de[k];
}

enum mipres_paso
mipres_paso_de(const char *tipo)
{
	const char *p = tipo ? strchr("DNPERS", tipo[0]) : NULL;

	return p != NULL && *p != '\0' ? (enum mipres_paso)(p - "DNPERS") : MP__NPASOS;
}

/* Loads the state of line id into x (x->linea 0 when there is none): the line and its
 * steps in one statement. Returns 0 or -1. */
static int
ctx_load(struct arena *a, long long id, struct mipres_ctx *x)
{
	struct db_stmt *st;
	enum mipres_paso k;
	int rc, est;

	for (k = 0; k < MP__NPASOS; k++) {
		x->est[k] = MP_NINGUNO;
		x->vivo[k] = 0;
	}
	x->linea = 0;
	if ((st = db_stmt(ST_MIPRES_LINEA_ESTADOS, "i", id)) == NULL)
		return -1;
	/* At most one live step of a kind: the highest state of each kind is the live one's,
	 * or 0 when all were annulled (so the rows' order does not matter). A line without
	 * steps is one row whose step columns are NULL. */
	while ((rc = db_step(st)) == DB_ROW) {
		if (!x->linea) {
			x->linea = 1;
			x->linea_eps_id = db_col_int64(st, MIPRES_LINEA_ESTADOS_EPS_ID);
			x->linea_prov_nit = db_text(a, st, MIPRES_LINEA_ESTADOS_PROV_NIT);
			x->fec_max_ent = db_text(a, st, MIPRES_LINEA_ESTADOS_FEC_MAX_ENT);
			x->cant_total = db_col_int64(st, MIPRES_LINEA_ESTADOS_CANT_TOTAL);
			x->linea_regimen = db_text(a, st, MIPRES_LINEA_ESTADOS_REGIMEN);
		}
		if ((k = mipres_paso_de(db_col_text(st, MIPRES_LINEA_ESTADOS_TIPO))) == MP__NPASOS)
			continue;
		est = db_col_int(st, MIPRES_LINEA_ESTADOS_ESTADO);
		if (est > x->est[k])
			x->est[k] = est;
		if (est > 0)
			x->vivo[k] = db_col_int64(st, MIPRES_LINEA_ESTADOS_ID);
		if (est > 0 && k == MP_P)
			x->cant_prog = db_col_int64(st, MIPRES_LINEA_ESTADOS_CANTIDAD);
		if (est > 0 && k == MP_E)
			x->cant_ent = db_col_int64(st, MIPRES_LINEA_ESTADOS_CANTIDAD);
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : -1;
}

/* The step's own fields as the queries return them: integers as numbers, quantities as
 * strings of digits, dates "YYYY-MM-DD 00:00", absent fields null. Caller frees. */
static char *
datos_json(const struct mipres_in *in)
{
	const enum mipres_campo *c = mipres_tx_campos(in->tx, NULL);
	json_t *o = json_object(), *v;
	char txt[32];
	char *out;

	for (; *c != MC__N; c++) {
		if (*c == MC_ID)
			continue;
		if (in->v[*c] == NULL || (*c == MC_CAUSANOENTREGA && in->n[*c] == 0))
			v = json_null();
		else if (mipres_campo_tipo(*c) == MP_ENTERO)
			v = json_integer(in->n[*c]);
		else if (mipres_campo_tipo(*c) == MP_DIGITOS) {
			snprintf(txt, sizeof(txt), "%lld", in->n[*c]);
			v = json_string(txt);
		} else if (mipres_campo_tipo(*c) == MP_FECHA) {
			snprintf(txt, sizeof(txt), "%.10s 00:00", in->v[*c]);
			v = json_string(txt);
		} else
			v = json_string(in->v[*c]);
		json_object_set_new(o, mipres_campo_nombre(*c), v);
	}
	out = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return out;
}

/* A nullable integer bound as text (the column's INTEGER affinity stores a number). */
static const char *
num(struct arena *a, long long v, int present)
{
	return present ? arena_printf(a, "%lld", v) : NULL;
}

/* Inserts the line a direccionamiento, no-direccionamiento or entrega ámbito opens.
 * Returns its id, or -1. */
static long long
linea_insert(struct req *r, const struct mipres_quien *q, const struct mipres_in *in)
{
	const char *const *v = in->v;
	const long long *n = in->n;
	int dir = in->tx == MT_DIRECCIONAMIENTO, amb = in->tx == MT_ENTREGA_AMBITO;

	if (db_exec(ST_MIPRES_LINEA_INSERT, "tttttittttti",
	    num(r->a, q->entidad_id, !amb), q->regimen ? q->regimen : "",
	    dir ? v[MC_NOIDPROV] : amb ? q->nit : NULL, v[MC_NOPRESCRIPCION], v[MC_TIPOTEC],
	    n[MC_CONTEC], v[MC_TIPOIDPACIENTE], v[MC_NOIDPACIENTE],
	    num(r->a, n[MC_NOENTREGA], dir || amb), dir ? v[MC_FECMAXENT] : NULL,
	    num(r->a, n[MC_CANTTOTAENTREGAR], dir), r->now) != 0)
		return -1;
	return db_last_id();
}

/* The quantity a step records (programmed, delivered), when it has one. */
static const char *
cantidad(struct arena *a, const struct mipres_in *in)
{
	switch (in->tx) {
	case MT_DIRECCIONAMIENTO:
	case MT_PROGRAMACION:
		return num(a, in->n[MC_CANTTOTAENTREGAR], 1);
	case MT_ENTREGA:
	case MT_ENTREGA_AMBITO:
	case MT_SUMINISTRO:
		return num(a, in->n[MC_CANTTOTENTREGADA], 1);
	default:
		return NULL;
	}
}

/* Records the step of in on its line (new or in->n[MC_ID]) after the rules passed, inside
 * the transaction, with its fields datos (datos_json). Returns 0 or -1. */
static int
write_paso(struct req *r, const struct mipres_quien *q, const struct mipres_in *in,
    const struct mipres_ctx *x, const char *datos, long long *id, long long *idpaso)
{
	enum mipres_paso paso = mipres_tx_paso(in->tx), prev = anterior[paso];
	const char *prov, *eps;
	char dia[11];
	int rc;

	if (in->tx == MT_DIRECCIONAMIENTO || in->tx == MT_NODIRECCIONAMIENTO ||
	    in->tx == MT_ENTREGA_AMBITO) {
		if ((*id = linea_insert(r, q, in)) < 0)
			return -1;
		prov = in->tx == MT_DIRECCIONAMIENTO ? in->v[MC_NOIDPROV] :
		    in->tx == MT_ENTREGA_AMBITO ? q->nit : NULL;
		eps = num(r->a, q->entidad_id, in->tx != MT_ENTREGA_AMBITO);
	} else {
		*id = in->n[MC_ID];
		prov = x->linea_prov_nit;
		eps = num(r->a, x->linea_eps_id, x->linea_eps_id != 0);
		/* The previous step is now processed: exactly the one live row, active. */
		if (db_exec(ST_MIPRES_PASO_ESTADO_ID, "iii", (long long)MP_PROCESADO,
		    x->vivo[prev], (long long)MP_ACTIVO) != 0 || db_changes() != 1)
			return -1;
	}
	colombia_date(r->now, dia);
	rc = db_exec(ST_MIPRES_PASO_INSERT, "itiittttt", *id, tipo_de[paso],
	    (long long)(in->tx == MT_ENTREGA_AMBITO), r->now, dia, prov, eps,
	    cantidad(r->a, in), datos);
	if (rc != 0)
		return -1;
	*idpaso = db_last_id();
	return 0;
}

/* Runs savepoint statement st (ST_PASO_*) of a step in the caller's transaction. On
 * PostgreSQL it goes with the next statement that is waited for (db_exec_diferido): no
 * round trip of its own; its failure then loses the whole transaction, whose commit rolls
 * it back. Returns 0 or -1. */
static int
savepoint_run(enum stmt st)
{
	struct db_stmt *s = db_stmt(st, "");

	if (s == NULL)
		return -1;
	if (db_exec_diferido(s) == 0)
		return 0;
	log_err("db: step %d: %s", (int)st, db_errmsg());
	return -1;
}

/* Opens the step's own transaction: BEGIN IMMEDIATE or, when the caller has one open
 * (Cargue masivo applies its rows in groups), a savepoint of it, so the step still
 * succeeds or fails on its own. Sets *anidado. Returns 0 or -1. */
static int
paso_open(int *anidado)
{
	*anidado = db_in_transaction();
	return *anidado ? savepoint_run(ST_PASO_SAVEPOINT) : db_begin();
}

/* Keeps what paso_open opened: COMMIT, or RELEASE into the caller's transaction (which
 * commits it). Returns 0 or -1. */
static int
paso_close(int anidado)
{
	return anidado ? savepoint_run(ST_PASO_RELEASE) : db_commit();
}

/* Undoes what paso_open opened: ROLLBACK, or back to the savepoint. When that fails the
 * caller's whole transaction is rolled back: it must not commit half a step (the caller
 * sees no transaction open, or, on PostgreSQL, one lost that the commit rolls back). */
static void
paso_undo(int anidado)
{
	if (!anidado)
		db_rollback();
	else if (savepoint_run(ST_PASO_ROLLBACK_TO) != 0 || savepoint_run(ST_PASO_RELEASE) != 0)
		db_rollback();
}

enum mipres_res
mipres_register(struct req *r, const struct mipres_quien *q, struct mipres_in *in,
    struct mipres_errores *e,
    long long *id, long long *idpaso)
{
	return mipres_register_con(r, q, in, e, id, idpaso, NULL, NULL);
}

enum mipres_res
mipres_register_con(struct req *r, const struct mipres_quien *q, struct mipres_in *in,
    struct mipres_errores *e, long long *id, long long *idpaso,
    int (*hecho)(void *, long long id, long long idpaso), void *arg)
{
	struct mipres_ctx x;
	char hoy[11], *datos = NULL;
	enum mipres_paso k;
	int formato, anidado;

	/* The API answers the format errors alone; the forms (in->juntos) also the rules of
	 * the well-formed fields, in the same answer. */
	if ((formato = mipres_campos(in, e)) > 0 && !in->juntos)
		return MP_CAMPOS;
	/* The step's stored fields are made before the transaction: the writers' lock covers
	 * the database's work alone. */
	if (formato == 0 && (datos = datos_json(in)) == NULL)
		return MP_FALLA;
	memset(&x, 0, sizeof(x));
	colombia_date(r->now, hoy);
	x.hoy = hoy;
	x.a = r->a;
	x.es_eps = q->es_eps;
	x.entidad_id = q->entidad_id;
	x.nit = q->nit;
	x.regimen = q->regimen;
	for (k = 0; k < MP__NPASOS; k++)
		x.est[k] = MP_NINGUNO;
	if (paso_open(&anidado) < 0) {
		free(datos);
		return MP_FALLA;
	}
	/* The line is read inside the write transaction: no other request moves it meanwhile. */
	if (in->v[MC_ID] != NULL && !in->malo[MC_ID] && ctx_load(r->a, in->n[MC_ID], &x) < 0)
		goto falla;
	if (mipres_reglas(in, &x, e) > 0 || formato > 0) {
		paso_undo(anidado);
		free(datos);
		return formato > 0 ? MP_CAMPOS : MP_REGLA;
	}
	if (write_paso(r, q, in, &x, datos, id, idpaso) < 0 ||
	    mipres_audit(r, q, arena_printf(r->a, "mipres_%s", nombres[mipres_tx_paso(in->tx)].id),
	    arena_printf(r->a, "%s ID %lld Id%s %lld", in->tx == MT_ENTREGA_AMBITO ?
	    "EntregaAmbito" : nombres[mipres_tx_paso(in->tx)].id, *id,
	    nombres[mipres_tx_paso(in->tx)].id, *idpaso)) < 0 ||
	    (hecho != NULL && hecho(arg, *id, *idpaso) != 0) || paso_close(anidado) < 0)
		goto falla;
	free(datos);
	return MP_OK;
falla:
	log_err("mipres: %s for NIT %s failed", mipres_tx_objeto(in->tx), q->nit);
	paso_undo(anidado);
	free(datos);
	return MP_FALLA;
}

int
mipres_ve(const struct mipres_quien *q, long long eps_id, const char *regimen, const char *prov_nit)
{
	if (q->es_eps)
		return eps_id == q->entidad_id && regimen != NULL && strcmp(regimen,
		    q->regimen) == 0;
	return prov_nit != NULL && strcmp(prov_nit, q->nit) == 0;
}

/* Whether q may annul a step of kind paso on a line it sees: the provider its
 * programaciones, entregas and reportes; the EPS the rest. */
static int
can_annul(const struct mipres_quien *q, enum mipres_paso paso, long long eps,
    const char *regimen,
    const char *prov)
{
	if (!mipres_ve(q, eps, regimen, prov))
		return 0;
	return (paso == MP_P || paso == MP_E || paso == MP_R) ? !q->es_eps : q->es_eps;
}

enum mipres_res
mipres_annul(struct req *r, const struct mipres_quien *q, enum mipres_paso paso, long long idpaso,
    struct mipres_errores *e)
{
	struct mipres_ctx x;
	struct db_stmt *st;
	long long linea = 0, eps = 0;
	const char *prov = NULL, *regimen = NULL, *why;
	int est = MP_NINGUNO, ambito = 0, rc;

	memset(&x, 0, sizeof(x));
	if (db_begin() < 0)
		return MP_FALLA;
	if ((st = db_stmt(ST_MIPRES_PASO_BY_ID, "it", idpaso, tipo_de[paso])) == NULL)
		goto falla;
	if ((rc = db_step(st)) == DB_ROW) {
		linea = db_col_int64(st, MIPRES_PASO_BY_ID_LINEA_ID);
		est = db_col_int(st, MIPRES_PASO_BY_ID_ESTADO);
		ambito = db_col_int(st, MIPRES_PASO_BY_ID_AMBITO);
		prov = db_text(r->a, st, MIPRES_PASO_BY_ID_PROV_NIT);
		eps = db_col_int64(st, MIPRES_PASO_BY_ID_EPS_ID);
		regimen = db_text(r->a, st, MIPRES_PASO_BY_ID_REGIMEN);
	}
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		goto falla;
	if (rc != DB_ROW || !can_annul(q, paso, eps, regimen, prov)) {
		mipres_error_add(e, MC_NINGUNO, arena_printf(r->a,
		    "Id%s: no existe un registro con ese "
		    "número de esta entidad.", nombres[paso].id));
		db_rollback();
		return MP_REGLA;
	}
	if (ctx_load(r->a, linea, &x) < 0)
		goto falla;
	why = mipres_anulable(paso, est, siguiente[paso] == MP__NPASOS ? MP_NINGUNO :
	    x.est[siguiente[paso]]);
	if (why != NULL) {
		mipres_error_add(e, MC_NINGUNO, why);
		db_rollback();
		return MP_REGLA;
	}
	if (db_exec(ST_MIPRES_PASO_ANULAR, "ii", r->now, idpaso) != 0 || db_changes() != 1)
		goto falla;
	/* The previous step is active again (an entrega ámbito has none). */
	if (anterior[paso] != MP__NPASOS && !ambito && db_exec(ST_MIPRES_PASO_ESTADO_ID, "iii",
	    (long long)MP_ACTIVO, x.vivo[anterior[paso]], (long long)MP_PROCESADO) != 0)
		goto falla;
	if (mipres_audit(r, q, arena_printf(r->a, "mipres_anular_%s", nombres[paso].id),
	    arena_printf(r->a, "Anular%s ID %lld Id%s %lld", nombres[paso].id, linea,
	    nombres[paso].id, idpaso)) < 0 || db_commit() < 0)
		goto falla;
	return MP_OK;
falla:
	log_err("mipres: Anular%s %lld for NIT %s failed", nombres[paso].id, idpaso, q->nit);
	db_rollback();
	return MP_FALLA;
}

/* One row of a query as the spec's object: ID, ID<kind>, the prescription and patient,
 * the step's own fields, Fec<kind>, Est<kind>, FecAnulacion. */
static json_t *
fila(struct arena *a, struct db_stmt *st, enum mipres_paso paso)
{
	json_t *o = json_object(), *d;
	const char *fec = nombres[paso].fec;

	json_object_set_new(o, "ID", json_integer(db_col_int64(st, MIPRES_Q_LINEA_ID)));
	json_object_set_new(o, arena_printf(a, "ID%s", nombres[paso].id),
	    json_integer(db_col_int64(st, MIPRES_Q_ID)));
	json_object_set_new(o, "NoPrescripcion",
	    json_string(db_text(a, st, MIPRES_Q_NO_PRESCRIPCION)));
	json_object_set_new(o, "TipoTec", json_string(db_text(a, st, MIPRES_Q_TIPO_TEC)));
	json_object_set_new(o, "ConTec", json_integer(db_col_int64(st, MIPRES_Q_CON_TEC)));
	json_object_set_new(o, "TipoIDPaciente",
	    json_string(db_text(a, st, MIPRES_Q_TIPO_ID_PACIENTE)));
	json_object_set_new(o, "NoIDPaciente", json_string(db_text(a, st,
	    MIPRES_Q_NO_ID_PACIENTE)));
	if (!db_col_null(st, MIPRES_Q_NO_ENTREGA))
		json_object_set_new(o, "NoEntrega", json_integer(db_col_int64(st,
		    MIPRES_Q_NO_ENTREGA)));
	if ((d = json_loads(db_col_text(st, MIPRES_Q_DATOS), 0, NULL)) != NULL) {
		json_object_update(o, d);
		json_decref(d);
	}
	/* An entrega's date is its FecEntrega, already among its fields. */
	if (json_object_get(o, fec) == NULL)
		json_object_set_new(o, fec, json_string(fecha_iso_local(a,
		    db_col_int64(st, MIPRES_Q_FECHA))));
	json_object_set_new(o, nombres[paso].est, json_integer(db_col_int(st, MIPRES_Q_ESTADO)));
	json_object_set_new(o, "FecAnulacion", db_col_null(st, MIPRES_Q_FEC_ANULACION) ?
	    json_null() : json_string(fecha_iso_local(a, db_col_int64(st,
	    MIPRES_Q_FEC_ANULACION))));
	return o;
}

/* The query of q for steps of kind paso by key k (see mipres_consulta), bound, or NULL. */
static struct db_stmt *
consulta_stmt(const struct mipres_quien *q, enum mipres_paso paso, enum mipres_clave k,
    const char *x,
    const char *y, const char *z)
{
	const char *t = tipo_de[paso];
	struct db_stmt *st = NULL;

	switch (k) {
	case MQ_FECHA:
		st = q->es_eps ? db_stmt(ST_MIPRES_Q_FECHA_EPS, "titt", t, q->entidad_id, x,
		    q->regimen) :
		    db_stmt(ST_MIPRES_Q_FECHA_PROV, "ttt", t, q->nit, x);
		break;
	case MQ_PRESCRIPCION:
		st = q->es_eps ? db_stmt(ST_MIPRES_Q_PRESC_EPS, "ttit", x, t, q->entidad_id,
		    q->regimen) :
		    db_stmt(ST_MIPRES_Q_PRESC_PROV, "ttt", x, t, q->nit);
		break;
	case MQ_PACIENTE:
		st = q->es_eps ? db_stmt(ST_MIPRES_Q_PAC_EPS, "ttttit", y, x, t, z,
		    q->entidad_id, q->regimen) :
		    db_stmt(ST_MIPRES_Q_PAC_PROV, "ttttt", y, x, t, z, q->nit);
		break;
	}
	return st;
}

json_t *
mipres_consulta(struct arena *a, const struct mipres_quien *q, enum mipres_paso paso,
    enum mipres_clave k,
    const char *x, const char *y, const char *z)
{
	struct db_stmt *st = consulta_stmt(q, paso, k, x, y, z);
	json_t *arr;
	int rc;

	if (st == NULL)
		return NULL;
	arr = json_array();
	while ((rc = db_step(st)) == DB_ROW)
		json_array_append_new(arr, fila(a, st, paso));
	db_reset(st);
	if (rc != DB_DONE) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

/*
 * The same answer as json_dumps(mipres_consulta(...), JSON_COMPACT), written as text: parsing
 * each step's fields and building objects cost nine tenths of a 100-row query. A row is
 * written directly when its texts are plain ASCII and its fields a flat object of such
 * strings, canonical integers, null, true or false (what datos_json writes); any other row
 * goes through fila() and jansson, so the answer is the same in every case.
 */

/* One member of a row being written: key and value as JSON text. */
struct miembro {
	const char	*k, *v;
	size_t		 kn, vn;
};
#define MIEMBROS	48

/* Whether s[0..n) can stand between quotes as it is: printable ASCII, no '"' or '\'. */
static int
llano(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < 0x20 || s[i] > 0x7e || s[i] == '"' || s[i] == '\\')
			return 0;
	return 1;
}

/* Sets key k to v in m[0..*n) as jansson does: in place when present, else at the end. */
static int
put_member(struct miembro *m, int *n, const char *k, size_t kn, const char *v, size_t vn)
{
	int i;

	for (i = 0; i < *n; i++)
		if (m[i].kn == kn && memcmp(m[i].k, k, kn) == 0)
			break;
	if (i == *n && (*n)++ == MIEMBROS)
		return -1;
	m[i] = (struct miembro){ k, v, kn, vn };
	return 0;
}

/* put_member() with two C strings. */
static int
put_member_s(struct miembro *m, int *n, const char *k, const char *v)
{
	return put_member(m, n, k, strlen(k), v, strlen(v));
}

/* The end of the plain value at s (see above), or NULL. */
static const char *
valor_llano(const char *s)
{
	const char *p = s;

	if (*p == '"') {
		for (p++; *p != '"'; p++)
			if (!llano(p, 1))
				return NULL;
		return p + 1;
	}
	if (strncmp(p, "null", 4) == 0 || strncmp(p, "true", 4) == 0)
		return p + 4;
	if (strncmp(p, "false", 5) == 0)
		return p + 5;
	if (*p == '-' && *++p == '0')
		return NULL;		/* jansson reads -0 as 0 */
	if (*p == '0')
		return p[1] >= '0' && p[1] <= '9' ? NULL : p + 1;
	for (s = p; *p >= '0' && *p <= '9'; p++)
		continue;
	return p > s && p - s <= 18 ? p : NULL;
}

/* Merges the compact flat object d into m (json_object_update). 0, or -1 for any other. */
static int
merge_flat(struct miembro *m, int *n, const char *d)
{
	const char *k, *v, *fin;

	if (*d++ != '{')
		return -1;
	if (*d == '}')
		return d[1] == '\0' ? 0 : -1;
	for (;;) {
		if (*d != '"' || (fin = strchr(d + 1, '"')) == NULL || !llano(d + 1,
		    (size_t)(fin - d - 1)) || fin[1] != ':')
			return -1;
		k = d + 1;
		v = fin + 2;
		if ((d = valor_llano(v)) == NULL ||
		    put_member(m, n, k, (size_t)(fin - k), v, (size_t)(d - v)) < 0)
			return -1;
		if (*d == '}')
			return d[1] == '\0' ? 0 : -1;
		if (*d++ != ',')
			return -1;
	}
}

/* s[0..n) between quotes in a. */
static const char *
quote_texto(struct arena *a, const char *s, size_t n)
{
	char *out = arena_alloc(a, n + 3);

	out[0] = '"';
	memcpy(out + 1, s, n);
	out[n + 1] = '"';
	out[n + 2] = '\0';
	return out;
}

/* A text column of st as a JSON string in a, or NULL when it is not plain. */
static const char *
cadena(struct arena *a, struct db_stmt *st, int i)
{
	const char *s = db_col_text(st, i);
	size_t n = s != NULL ? (size_t)db_col_bytes(st, i) : 0;

	return s != NULL && llano(s, n) ? quote_texto(a, s, n) : NULL;
}

/* A date column of st as "YYYY-MM-DD HH:MM" between quotes, in a. */
static const char *
fecha_texto(struct arena *a, struct db_stmt *st, int i)
{
	const char *f = fecha_iso_local(a, db_col_int64(st, i));

	return quote_texto(a, f, strlen(f));
}

/* Writes members m[0..n) as a JSON object: into one piece when it fits, then once into
 * out (a buf_put per key and value was a seventh of an answer's instructions). */
static void
write_members(struct buf *out, const struct miembro *m, int n)
{
	char fila[2048], *p = fila;
	size_t total = 2;
	int i;

	for (i = 0; i < n; i++)
		total += m[i].kn + m[i].vn + 4;
	if (total > sizeof(fila)) {
		for (i = 0; i < n; i++) {
			buf_put(out, i ? ",\"" : "{\"", 2);
			buf_put(out, m[i].k, m[i].kn);
			buf_put(out, "\":", 2);
			buf_put(out, m[i].v, m[i].vn);
		}
		buf_put(out, "}", 1);
		return;
	}
	for (i = 0; i < n; i++) {
		*p++ = i ? ',' : '{';
		*p++ = '"';
		memcpy(p, m[i].k, m[i].kn);
		p += m[i].kn;
		*p++ = '"';
		*p++ = ':';
		memcpy(p, m[i].v, m[i].vn);
		p += m[i].vn;
	}
	if (n == 0)
		*p++ = '{';
	*p++ = '}';
	buf_put(out, fila, (size_t)(p - fila));
}

/* Writes row st as fila() would be dumped. Returns 0, or -1 when it is not plain. */
static int
fila_texto(struct arena *a, struct buf *out, struct db_stmt *st, enum mipres_paso paso)
{
	static const char *const txt[] = { "NoPrescripcion", "TipoTec", "ConTec",
		"TipoIDPaciente", "NoIDPaciente" };
	static char ids[MP__NPASOS][24];	/* "ID" and the kind, made once */
	struct miembro m[MIEMBROS];
	const char *v, *fec = nombres[paso].fec;
	int n = 0, i;

	if (db_col_type(st, MIPRES_Q_DATOS) != DB_TEXT)
		return -1;
	if (ids[paso][0] == '\0')
		snprintf(ids[paso], sizeof(ids[paso]), "ID%s", nombres[paso].id);
	put_member_s(m, &n, "ID", digits_text(a, db_col_int64(st, MIPRES_Q_LINEA_ID)));
	put_member_s(m, &n, ids[paso], digits_text(a, db_col_int64(st, MIPRES_Q_ID)));
	/* The columns from the prescription to the patient's number, in txt's order. */
	for (i = MIPRES_Q_NO_PRESCRIPCION; i <= MIPRES_Q_NO_ID_PACIENTE; i++) {
		v = i == MIPRES_Q_CON_TEC ? digits_text(a, db_col_int64(st, i)) :
		    cadena(a, st, i);
		if (v == NULL)
			return -1;
		put_member_s(m, &n, txt[i - MIPRES_Q_NO_PRESCRIPCION], v);
	}
	if (!db_col_null(st, MIPRES_Q_NO_ENTREGA))
		put_member_s(m, &n, "NoEntrega", digits_text(a,
		    db_col_int64(st, MIPRES_Q_NO_ENTREGA)));
	/* Room left for the three members added after the fields. */
	if (merge_flat(m, &n, db_col_text(st, MIPRES_Q_DATOS)) < 0 || n > MIEMBROS - 3)
		return -1;
	for (i = 0; i < n && !(m[i].kn == strlen(fec) && memcmp(m[i].k, fec, m[i].kn) == 0); i++)
		continue;
	if (i == n)
		put_member_s(m, &n, fec, fecha_texto(a, st, MIPRES_Q_FECHA));
	put_member_s(m, &n, nombres[paso].est, digits_text(a, db_col_int(st, MIPRES_Q_ESTADO)));
	put_member_s(m, &n, "FecAnulacion", db_col_null(st, MIPRES_Q_FEC_ANULACION) ? "null" :
	    fecha_texto(a, st, MIPRES_Q_FEC_ANULACION));
	write_members(out, m, n);
	return 0;
}

/* Writes row st through fila() and jansson. Returns 0 or -1. */
static int
fila_jansson(struct arena *a, struct buf *out, struct db_stmt *st, enum mipres_paso paso)
{
	json_t *o = fila(a, st, paso);
	char *t = json_dumps(o, JSON_COMPACT);

	json_decref(o);
	if (t == NULL)
		return -1;
	buf_puts(out, t);
	free(t);
	return 0;
}

int
mipres_consulta_texto(struct arena *a, struct buf *out, const struct mipres_quien *q,
    enum mipres_paso paso, enum mipres_clave k, const char *x, const char *y, const char *z)
{
	struct db_stmt *st = consulta_stmt(q, paso, k, x, y, z);
	size_t filas = 0, antes;
	int rc;

	if (st == NULL)
		return -1;
	buf_put(out, "[", 1);
	while ((rc = db_step(st)) == DB_ROW) {
		if (filas++ > 0)
			buf_put(out, ",", 1);
		antes = out->len;
		if (fila_texto(a, out, st, paso) < 0) {
			out->len = antes;
			if (fila_jansson(a, out, st, paso) < 0)
				break;
		}
	}
	db_reset(st);
	if (rc != DB_DONE)
		return -1;
	buf_put(out, "]", 1);
	return 0;
}
