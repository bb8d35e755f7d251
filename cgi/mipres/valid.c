/*
 * MIPRES Suministro validation (spec/mipres.md): the fields of each transaction, their
 * format (mipres_campos: what the API answers with 400 and ModelState) and the business rules
 * (mipres_reglas: 422). Pure functions: the caller loads the line's state into struct mipres_ctx.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mipres/codigos.h"
#include "mipres/valid.h"
#include "core/valid.h"

static const struct {
	const char	*nombre;
	enum mipres_tipo	 tipo;
	size_t		 max;		/* longest text accepted */
} campos[MC__N] = {
	[MC_ID] = { "ID", MP_ENTERO, 18 },
	[MC_NOPRESCRIPCION] = { "NoPrescripcion", MP_TEXTO, 20 },
	[MC_TIPOTEC] = { "TipoTec", MP_TEXTO, 1 },
	[MC_CONTEC] = { "ConTec", MP_ENTERO, 4 },
	[MC_TIPOIDPACIENTE] = { "TipoIDPaciente", MP_TEXTO, 2 },
	[MC_NOIDPACIENTE] = { "NoIDPaciente", MP_TEXTO, 20 },
	[MC_NOENTREGA] = { "NoEntrega", MP_ENTERO, 4 },
	[MC_NOSUBENTREGA] = { "NoSubEntrega", MP_ENTERO, 4 },
	[MC_TIPOIDPROV] = { "TipoIDProv", MP_TEXTO, 2 },
	[MC_NOIDPROV] = { "NoIDProv", MP_TEXTO, 20 },
	[MC_CODMUNENT] = { "CodMunEnt", MP_TEXTO, 5 },
	[MC_FECMAXENT] = { "FecMaxEnt", MP_FECHA, 10 },
	[MC_CANTTOTAENTREGAR] = { "CantTotAEntregar", MP_DIGITOS, 9 },
	[MC_DIRPACIENTE] = { "DirPaciente", MP_TEXTO, 200 },
	[MC_CODSERTECAENTREGAR] = { "CodSerTecAEntregar", MP_TEXTO, 30 },
	[MC_NOPRESCRIPCIONASOCIADA] = { "NoPrescripcionAsociada", MP_TEXTO, 20 },
	[MC_CONTECASOCIADA] = { "ConTecAsociada", MP_ENTERO, 4 },
	[MC_CAUSANOENTREGA] = { "CausaNoEntrega", MP_ENTERO, 2 },
	[MC_TIPOIDSEDEPROV] = { "TipoIDSedeProv", MP_TEXTO, 2 },
	[MC_NOIDSEDEPROV] = { "NoIDSedeProv", MP_TEXTO, 20 },
	[MC_CODSEDEPROV] = { "CodSedeProv", MP_TEXTO, 10 },
	[MC_CODSERTECENTREGADO] = { "CodSerTecEntregado", MP_TEXTO, 30 },
	[MC_CANTTOTENTREGADA] = { "CantTotEntregada", MP_DIGITOS, 9 },
	[MC_ENTTOTAL] = { "EntTotal", MP_ENTERO, 1 },
	[MC_FECENTREGA] = { "FecEntrega", MP_FECHA, 10 },
	[MC_NOLOTE] = { "NoLote", MP_TEXTO, 30 },
	[MC_TIPOIDRECIBE] = { "TipoIDRecibe", MP_TEXTO, 2 },
	[MC_NOIDRECIBE] = { "NoIDRecibe", MP_TEXTO, 20 },
	[MC_ESTADOENTREGA] = { "EstadoEntrega", MP_ENTERO, 1 },
	[MC_VALORENTREGADO] = { "ValorEntregado", MP_DIGITOS, 15 },
	[MC_ULTENTREGA] = { "UltEntrega", MP_ENTERO, 1 },
	[MC_ENTREGACOMPLETA] = { "EntregaCompleta", MP_ENTERO, 1 },
};

/* Each transaction's fields in the spec's order, and which are required. */
static const struct {
	const char		*objeto;
	enum mipres_paso		 paso;
	enum mipres_campo		 c[16];
	unsigned char		 req[16];
} txs[MT__N] = {
	[MT_DIRECCIONAMIENTO] = { "direccionamiento", MP_D, { MC_NOPRESCRIPCION, MC_TIPOTEC,
	    MC_CONTEC, MC_TIPOIDPACIENTE, MC_NOIDPACIENTE, MC_NOENTREGA, MC_NOSUBENTREGA,
	    MC_TIPOIDPROV, MC_NOIDPROV, MC_CODMUNENT, MC_FECMAXENT, MC_CANTTOTAENTREGAR,
	    MC_DIRPACIENTE, MC_CODSERTECAENTREGAR, MC__N },
	    { 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1 } },
	[MT_NODIRECCIONAMIENTO] = { "noDireccionamiento", MP_N, { MC_NOPRESCRIPCION,
	    MC_TIPOTEC, MC_CONTEC, MC_TIPOIDPACIENTE, MC_NOIDPACIENTE,
	    MC_NOPRESCRIPCIONASOCIADA, MC_CONTECASOCIADA, MC_CAUSANOENTREGA, MC__N },
	    { 1, 1, 1, 1, 1, 0, 0, 1 } },
	[MT_PROGRAMACION] = { "programacion", MP_P, { MC_ID, MC_FECMAXENT, MC_TIPOIDSEDEPROV,
	    MC_NOIDSEDEPROV, MC_CODSEDEPROV, MC_CODSERTECAENTREGAR, MC_CANTTOTAENTREGAR, MC__N },
	    { 1, 1, 1, 1, 1, 1, 1 } },
	[MT_ENTREGA] = { "entrega", MP_E, { MC_ID, MC_CODSERTECENTREGADO, MC_CANTTOTENTREGADA,
	    MC_ENTTOTAL, MC_CAUSANOENTREGA, MC_FECENTREGA, MC_NOLOTE, MC_TIPOIDRECIBE,
	    MC_NOIDRECIBE, MC__N },
	    { 1, 1, 1, 1, 0, 1, 0, 1, 1 } },
	[MT_ENTREGA_AMBITO] = { "entregaAmbito", MP_E, { MC_NOPRESCRIPCION, MC_TIPOTEC,
	    MC_CONTEC, MC_TIPOIDPACIENTE, MC_NOIDPACIENTE, MC_NOENTREGA, MC_CODSERTECENTREGADO,
	    MC_CANTTOTENTREGADA, MC_ENTTOTAL, MC_CAUSANOENTREGA, MC_FECENTREGA, MC_NOLOTE,
	    MC__N },
	    { 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0 } },
	[MT_REPORTE] = { "reporteEntrega", MP_R, { MC_ID, MC_ESTADOENTREGA, MC_CAUSANOENTREGA,
	    MC_VALORENTREGADO, MC__N },
	    { 1, 1, 0, 1 } },
	[MT_SUMINISTRO] = { "suministro", MP_S, { MC_ID, MC_ULTENTREGA, MC_ENTREGACOMPLETA,
	    MC_CAUSANOENTREGA, MC_NOPRESCRIPCIONASOCIADA, MC_CONTECASOCIADA,
	    MC_CANTTOTENTREGADA, MC_NOLOTE, MC_VALORENTREGADO, MC__N },
	    { 1, 1, 1, 0, 0, 0, 1, 0, 1 } },
};

/* The code tables (spec/mipres.md); mipres_codigos() gives them to the forms' selects. */
static const char *const tipos_doc[] = { "CC", "RC", "TI", "CE", "PA", "NV", "CD", "SC",
	"PR", "PE", "AS", "MS", "PT", NULL };
static const char *const tipos_tec[] = { "M", "P", "D", "N", "S", NULL };
static const char *const tipos_prov[] = { "NI", "CC", "CE", "PA", NULL };
#define CAUSA_MAX	19	/* CausaNoEntrega: 1 to 19 (0: none) */

const char *
mipres_campo_nombre(enum mipres_campo c)
{
	return c < MC__N ? campos[c].nombre : "";
}

enum mipres_tipo
mipres_campo_tipo(enum mipres_campo c)
{
	return campos[c].tipo;
}

size_t
mipres_campo_max(enum mipres_campo c)
{
	return c < MC__N ? campos[c].max : 0;
}

enum mipres_campo
mipres_campo_de(const char *nombre)
{
	int c;

	for (c = 0; nombre != NULL && c < MC__N; c++)
		if (strcasecmp(campos[c].nombre, nombre) == 0)
			return (enum mipres_campo)c;
	return MC__N;
}

const enum mipres_campo *
mipres_tx_campos(enum mipres_tx tx, const unsigned char **req)
{
	if (req != NULL)
		*req = txs[tx].req;
	return txs[tx].c;
}

const char *
mipres_tx_objeto(enum mipres_tx tx)
{
	return txs[tx].objeto;
}

enum mipres_paso
mipres_tx_paso(enum mipres_tx tx)
{
	return txs[tx].paso;
}

void
mipres_error_add(struct mipres_errores *e, enum mipres_campo c, const char *mensaje)
{
	mipres_regla_add(e, c, mensaje, NULL);
}

void
mipres_regla_add(struct mipres_errores *e, enum mipres_campo c, const char *mensaje,
    const char *forma)
{
	if (e->n < MP_ERRORES_MAX)
		e->v[e->n++] = (struct mipres_error){ c, mensaje, forma };
}

int
mipres_read_json(struct arena *a, json_t *o, struct mipres_in *in, struct mipres_errores *e)
{
	const enum mipres_campo *c;
	const char *key;
	size_t antes = e->n;
	json_t *v;

	json_object_foreach(o, key, v) {
		for (c = txs[in->tx].c; *c != MC__N; c++)
			if (strcasecmp(campos[*c].nombre, key) == 0)
				break;
		if (*c == MC__N)
			continue;
		if (json_is_string(v))
			in->v[*c] = arena_strndup(a, json_string_value(v), json_string_length(v));
		else if (json_is_integer(v))
			in->v[*c] = arena_printf(a, "%lld", (long long)json_integer_value(v));
		else if (!json_is_null(v)) {
			mipres_error_add(e, *c, "El valor no es válido para el tipo del campo.");
			in->malo[*c] = 1;
		}
	}
	return (int)(e->n - antes);
}

/* A non-negative integer of up to 18 digits (an optional leading '-' refused). */
static int
entero(const char *s, long long *out)
{
	if (!v_digits(s, 1, 18))
		return 0;
	*out = strtoll(s, NULL, 10);
	return 1;
}

/* Checks one present field's format; returns its message or NULL. */
static const char *
formato(enum mipres_campo c, const char *s, long long *n)
{
	switch (campos[c].tipo) {
	case MP_ENTERO:
		return entero(s, n) && strlen(s) <= campos[c].max ? NULL :
		    "El valor debe ser un número entero.";
	case MP_DIGITOS:
		return entero(s, n) && strlen(s) <= campos[c].max ? NULL :
		    "El valor debe ser una cadena de dígitos.";
	case MP_FECHA:
		return v_fecha(s) ? NULL : "La fecha debe tener el formato AAAA-MM-DD.";
	case MP_TEXTO:
		if (!v_utf8(s) || s[0] == '\0')
			return "El valor no puede estar vacío ni tener caracteres de control.";
		return utf8_chars(s) <= campos[c].max ? NULL : "El valor es demasiado largo.";
	}
	return NULL;
}

int
mipres_campos(struct mipres_in *in, struct mipres_errores *e)
{
	const enum mipres_campo *c = txs[in->tx].c;
	const unsigned char *req = txs[in->tx].req;
	const char *msg;
	size_t i, antes = e->n;

	for (i = 0; c[i] != MC__N; i++) {
		in->n[c[i]] = 0;
		/* Clients that post form values send "" for an optional field left blank. */
		if (!req[i] && in->v[c[i]] != NULL && in->v[c[i]][0] == '\0')
			in->v[c[i]] = NULL;
		if (in->v[c[i]] == NULL) {
			if ((in->malo[c[i]] = req[i]) != 0)
				mipres_error_add(e, c[i], "El campo es obligatorio.");
			continue;
		}
		msg = formato(c[i], in->v[c[i]], &in->n[c[i]]);
		if ((in->malo[c[i]] = msg != NULL) != 0)
			mipres_error_add(e, c[i], msg);
	}
	return (int)(e->n - antes);
}

/* Whether s is one of list. */
static int
en_lista(const char *s, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

/* Whether field c of in may be read by a rule: well formed, or an optional one left out. */
#define BIEN(in, c)	(!(in)->malo[c])
/* Whether field c is present and well formed. */
#define DADO(in, c)	((in)->v[c] != NULL && BIEN(in, c))

/* The code-table checks of the well-formed fields present in in: TipoTec, document types,
 * codes. */
static void
tablas(const struct mipres_in *in, struct mipres_errores *e)
{
	const char *const *v = in->v;
	const long long *n = in->n;

	if (DADO(in, MC_TIPOTEC) && !en_lista(v[MC_TIPOTEC], tipos_tec))
		mipres_regla_add(e, MC_TIPOTEC, "TipoTec debe ser M, P, D, N o S.",
		    "Tipo de tecnología: elija M, P, D, N o S.");
	if (DADO(in, MC_TIPOIDPACIENTE) && !en_lista(v[MC_TIPOIDPACIENTE], tipos_doc))
		mipres_regla_add(e, MC_TIPOIDPACIENTE,
		    "TipoIDPaciente no es un tipo de documento válido.",
		    "Tipo de documento del paciente: elija uno de la lista.");
	if (DADO(in, MC_TIPOIDRECIBE) && !en_lista(v[MC_TIPOIDRECIBE], tipos_doc))
		mipres_regla_add(e, MC_TIPOIDRECIBE,
		    "TipoIDRecibe no es un tipo de documento válido.",
		    "Tipo de documento de quien recibe: elija uno de la lista.");
	if (DADO(in, MC_TIPOIDPROV) && !en_lista(v[MC_TIPOIDPROV], tipos_prov))
		mipres_regla_add(e, MC_TIPOIDPROV, "TipoIDProv debe ser NI, CC, CE o PA.",
		    "Tipo de documento del proveedor: elija NI, CC, CE o PA.");
	if (DADO(in, MC_TIPOIDSEDEPROV) && !en_lista(v[MC_TIPOIDSEDEPROV], tipos_prov))
		mipres_regla_add(e, MC_TIPOIDSEDEPROV, "TipoIDSedeProv debe ser NI, CC, CE o PA.",
		    "Tipo de documento de la sede: elija NI, CC, CE o PA.");
	if (DADO(in, MC_NOPRESCRIPCION) && !v_digits(v[MC_NOPRESCRIPCION], 1, 20))
		mipres_regla_add(e, MC_NOPRESCRIPCION,
		    "NoPrescripcion debe tener solo dígitos (hasta 20).",
		    "Número de prescripción: solo dígitos, máximo 20.");
	if (DADO(in, MC_NOIDPACIENTE) && strspn(v[MC_NOIDPACIENTE], "0123456789"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") != strlen(v[MC_NOIDPACIENTE]))
		mipres_regla_add(e, MC_NOIDPACIENTE,
		    "NoIDPaciente debe tener solo letras y dígitos, sin "
		    "puntos ni espacios.", "Número de documento del paciente: solo letras y "
		    "dígitos, sin puntos ni espacios (máximo 20).");
	if (DADO(in, MC_NOIDPROV) && !v_nit(v[MC_NOIDPROV]))
		mipres_regla_add(e, MC_NOIDPROV,
		    "NoIDProv debe ser un NIT de 9 dígitos sin dígito de "
		    "verificación.", "NIT del proveedor: 9 dígitos, sin dígito de verificación.");
	if (DADO(in, MC_CODMUNENT) && !v_digits(v[MC_CODMUNENT], 5, 5))
		mipres_regla_add(e, MC_CODMUNENT,
		    "CodMunEnt debe ser el código DANE de 5 dígitos del "
		    "municipio.", "Municipio de entrega: el código DANE del municipio, 5 dígitos.");
	if (DADO(in, MC_CODSEDEPROV) && (strncmp(v[MC_CODSEDEPROV], "PROV", 4) != 0 ||
	    !v_digits(v[MC_CODSEDEPROV] + 4, 6, 6)))
		mipres_regla_add(e, MC_CODSEDEPROV,
		    "CodSedeProv debe ser PROV seguido de 6 dígitos.",
		    "Código de la sede: PROV seguido de 6 dígitos.");
	if (DADO(in, MC_CONTEC) && n[MC_CONTEC] < 1)
		mipres_regla_add(e, MC_CONTEC, "ConTec debe ser 1 o mayor.",
		    "Consecutivo de la tecnología: 1 o mayor.");
	if (DADO(in, MC_NOENTREGA) && n[MC_NOENTREGA] < 1)
		mipres_regla_add(e, MC_NOENTREGA, "NoEntrega debe ser 1 o mayor.",
		    "Número de la entrega: 1 o mayor.");
	if (DADO(in, MC_CAUSANOENTREGA) && n[MC_CAUSANOENTREGA] > CAUSA_MAX)
		mipres_regla_add(e, MC_CAUSANOENTREGA,
		    "CausaNoEntrega debe ser un código de 1 a 19.",
		    "Causa de no entrega: elija una causa de la lista (1 a 19).");
	if (DADO(in, MC_ENTTOTAL) && n[MC_ENTTOTAL] > 1)
		mipres_regla_add(e, MC_ENTTOTAL, "EntTotal debe ser 0 (parcial) o 1 (total).",
		    "Entrega total: elija Sí (total) o No (parcial).");
	if (DADO(in, MC_ESTADOENTREGA) && n[MC_ESTADOENTREGA] > 1)
		mipres_regla_add(e, MC_ESTADOENTREGA, "EstadoEntrega debe ser 0 (no entregado) o 1 "
		    "(entregado).", "Estado de la entrega: elija Entregado o No entregado.");
	if (DADO(in, MC_ULTENTREGA) && n[MC_ULTENTREGA] > 1)
		mipres_regla_add(e, MC_ULTENTREGA, "UltEntrega debe ser 0 o 1.",
		    "Última entrega: elija Sí o No.");
	if (DADO(in, MC_ENTREGACOMPLETA) && n[MC_ENTREGACOMPLETA] > 1)
		mipres_regla_add(e, MC_ENTREGACOMPLETA, "EntregaCompleta debe ser 0 o 1.",
		    "Entrega completa: elija Sí o No.");
}

const char *const *
mipres_codigos(enum mipres_campo c)
{
	switch (c) {
	case MC_TIPOTEC:
		return tipos_tec;
	case MC_TIPOIDPACIENTE:
	case MC_TIPOIDRECIBE:
		return tipos_doc;
	case MC_TIPOIDPROV:
	case MC_TIPOIDSEDEPROV:
		return tipos_prov;
	default:
		return NULL;
	}
}

long long
mipres_codigo_max(enum mipres_campo c)
{
	switch (c) {
	case MC_CAUSANOENTREGA:
		return CAUSA_MAX;
	case MC_ENTTOTAL:
	case MC_ESTADOENTREGA:
	case MC_ULTENTREGA:
	case MC_ENTREGACOMPLETA:
		return 1;
	default:
		return 0;
	}
}

/* The cause given (0: none; clients send 0 or null for "no cause"). */
#define CAUSA(in)	((in)->n[MC_CAUSANOENTREGA])

/* A form message quoting values (a limit, a date), when the caller gave an arena. */
#define FORMA(x, ...)	((x)->a != NULL ? arena_printf((x)->a, __VA_ARGS__) : NULL)
/* Date d (YYYY-MM-DD) as the pages write it, DD/MM/YYYY, into out[11]. */
static const char *
dia(const char *d, char out[11])
{
	snprintf(out, 11, "%.2s/%.2s/%.4s", d + 8, d + 5, d);
	return out;
}

/* Whether the caller may act on the line: a provider on lines directed to its NIT, an
 * EPS on its own. Adds the error naming ID when not (the same words whether the line
 * does not exist or is another's: nothing to learn about other entities' lines). */
static int
duena(const struct mipres_ctx *x, struct mipres_errores *e)
{
	int ok = x->linea && (x->es_eps ? x->linea_eps_id == x->entidad_id &&
	    x->linea_regimen != NULL && x->regimen != NULL &&
	    strcmp(x->linea_regimen, x->regimen) == 0 :
	    x->linea_prov_nit != NULL && x->nit != NULL && strcmp(x->linea_prov_nit, x->nit) == 0);

	if (!ok && x->es_eps)
		mipres_regla_add(e, MC_ID,
		    "ID: no existe un direccionamiento con ese ID de esta EPS "
		    "en este régimen.", "Esta línea no es un direccionamiento de su EPS en este "
		    "régimen.");
	else if (!ok)
		mipres_regla_add(e, MC_ID, "ID: no existe un direccionamiento con ese ID para este "
		    "proveedor (NoIDProv).", "Esta línea no está direccionada a su entidad.");
	return ok;
}

/* The order of the cycle: the previous step prev must be active and this kind free.
 * Returns 1 when the step may be recorded, else adds why. */
static int
en_orden(const struct mipres_ctx *x, enum mipres_paso prev, enum mipres_paso este,
    struct mipres_errores *e)
{
	static const char *const falta[MP__NPASOS][2] = {
		[MP_D] = { "ID: la programación necesita un direccionamiento activo.",
		    "La programación necesita un direccionamiento activo en esta línea." },
		[MP_P] = { "ID: la entrega necesita una programación activa.",
		    "La entrega necesita una programación activa en esta línea." },
		[MP_E] = { "ID: el reporte de entrega necesita una entrega activa.",
		    "El reporte de entrega necesita una entrega activa en esta línea." },
		[MP_R] = { "ID: el suministro necesita un reporte de entrega activo.",
		    "El suministro necesita un reporte de entrega activo en esta línea." },
	};
	static const char *const ya[MP__NPASOS][2] = {
		[MP_P] = { "ID: la línea ya tiene una programación; anúlela para registrar otra.",
		    "La línea ya tiene una programación: anúlela para registrar otra." },
		[MP_E] = { "ID: la línea ya tiene una entrega; anúlela para registrar otra.",
		    "La línea ya tiene una entrega: anúlela para registrar otra." },
		[MP_R] = { "ID: la línea ya tiene un reporte de entrega; anúlelo para registrar "
		    "otro.", "La línea ya tiene un reporte de entrega: anúlelo para registrar "
		    "otro." },
		[MP_S] = { "ID: la línea ya tiene un suministro; anúlelo para registrar otro.",
		    "La línea ya tiene un suministro: anúlelo para registrar otro." },
	};

	if (x->est[este] == MP_ACTIVO || x->est[este] == MP_PROCESADO) {
		mipres_regla_add(e, MC_ID, ya[este][0], ya[este][1]);
		return 0;
	}
	if (x->est[prev] != MP_ACTIVO) {
		mipres_regla_add(e, MC_ID, falta[prev][0], falta[prev][1]);
		return 0;
	}
	return 1;
}

/* An entrega's quantity, cause and date (with or without a line: tope 0 = no ceiling);
 * each rule only when the fields it reads are well formed. */
static void
entrega(const struct mipres_in *in, const struct mipres_ctx *x, long long tope,
    struct mipres_errores *e)
{
	long long cant = in->n[MC_CANTTOTENTREGADA], causa = CAUSA(in);
	int no_entrega = causa == 7 || causa == 8 || causa == 9;
	int cant_ok = BIEN(in, MC_CANTTOTENTREGADA), causa_ok = BIEN(in, MC_CAUSANOENTREGA);
	char d[11];

	if (cant_ok && causa_ok && cant == 0 && !no_entrega)
		mipres_regla_add(e, MC_CAUSANOENTREGA, "CausaNoEntrega: una no entrega "
		    "(CantTotEntregada 0) necesita la causa 7, 8 o 9.", "Causa de no entrega: con "
		    "cantidad total entregada 0 (una no entrega), elija la causa 7, 8 o 9.");
	else if (cant_ok && causa_ok && cant > 0 && no_entrega)
		mipres_regla_add(e, MC_CANTTOTENTREGADA, "CantTotEntregada debe ser 0 cuando la "
		    "CausaNoEntrega es 7, 8 o 9 (no entrega).",
		    "Cantidad total entregada: debe ser "
		    "0 con la causa de no entrega 7, 8 o 9 (una no entrega).");
	if (cant_ok && tope > 0 && cant > tope)
		mipres_regla_add(e, MC_CANTTOTENTREGADA,
		    "CantTotEntregada supera la cantidad programada.",
		    FORMA(x, "Cantidad total entregada: máximo %lld, la cantidad programada.",
		    tope));
	if (cant_ok && causa_ok && BIEN(in, MC_ENTTOTAL) && cant > 0 && in->n[MC_ENTTOTAL] == 0 &&
	    !(causa == 4 || (causa >= 11 && causa <= 13)))
		mipres_regla_add(e, MC_CAUSANOENTREGA,
		    "CausaNoEntrega: una entrega parcial (EntTotal 0) "
		    "necesita la causa 4, 11, 12 o 13.", "Causa de no entrega: una entrega parcial "
		    "(Entrega total: No) necesita la causa 4, 11, 12 o 13.");
	if (!BIEN(in, MC_FECENTREGA))
		return;
	if (strcmp(in->v[MC_FECENTREGA], x->hoy) > 0)
		mipres_regla_add(e, MC_FECENTREGA, "FecEntrega no puede ser posterior a hoy.",
		    FORMA(x, "Fecha de entrega: no puede ser posterior a hoy (%s).", dia(x->hoy,
		    d)));
	if (causa_ok && x->fec_max_ent != NULL && strcmp(in->v[MC_FECENTREGA],
	    x->fec_max_ent) > 0 &&
	    causa == 0)
		mipres_regla_add(e, MC_FECENTREGA,
		    "FecEntrega es posterior a FecMaxEnt: indique la "
		    "CausaNoEntrega que justifica la demora.", FORMA(x, "Fecha de entrega: es "
		    "posterior a la fecha máxima de entrega (%s); elija la causa de no entrega que "
		    "justifica la demora.", dia(x->fec_max_ent, d)));
}

/* Which kind of entity a transaction is for: EPS or provider. */
static int
de_eps(enum mipres_tx tx)
{
	return tx == MT_DIRECCIONAMIENTO || tx == MT_NODIRECCIONAMIENTO || tx == MT_SUMINISTRO;
}

/* CantTotAEntregar above 0 and, on a line (linea), at most what was directed; FecMaxEnt
 * not before today. */
static void
cantidad_y_fecha(const struct mipres_in *in, const struct mipres_ctx *x, int linea,
    struct mipres_errores *e)
{
	char d[11];

	if (BIEN(in, MC_CANTTOTAENTREGAR) && in->n[MC_CANTTOTAENTREGAR] < 1)
		mipres_regla_add(e, MC_CANTTOTAENTREGAR, "CantTotAEntregar debe ser mayor que 0.",
		    "Cantidad total a entregar: debe ser mayor que 0.");
	else if (BIEN(in, MC_CANTTOTAENTREGAR) && linea &&
	    in->n[MC_CANTTOTAENTREGAR] > x->cant_total)
		mipres_regla_add(e, MC_CANTTOTAENTREGAR, "CantTotAEntregar supera la cantidad "
		    "direccionada.", FORMA(x, "Cantidad total a entregar: máximo %lld, la cantidad "
		    "direccionada.", x->cant_total));
	if (BIEN(in, MC_FECMAXENT) && strcmp(in->v[MC_FECMAXENT], x->hoy) < 0)
		mipres_regla_add(e, MC_FECMAXENT, "FecMaxEnt no puede ser anterior a hoy.",
		    FORMA(x, "Fecha máxima de entrega: no puede ser anterior a hoy (%s).",
		    dia(x->hoy, d)));
}

/* A reporte's state, cause and value. */
static void
reporte(const struct mipres_in *in, const struct mipres_ctx *x, struct mipres_errores *e)
{
	const long long *n = in->n;

	if (!BIEN(in, MC_ESTADOENTREGA))
		return;
	if (BIEN(in, MC_CAUSANOENTREGA) && n[MC_ESTADOENTREGA] == 0 &&
	    !(CAUSA(in) >= 7 && CAUSA(in) <= 9))
		mipres_regla_add(e, MC_CAUSANOENTREGA, "CausaNoEntrega: un reporte de no entrega "
		    "(EstadoEntrega 0) necesita la causa 7, 8 o 9.", "Causa de no entrega: un "
		    "reporte de no entrega (Estado de la entrega: No entregado) necesita la causa 7, "
		    "8 o 9.");
	if (n[MC_ESTADOENTREGA] == 1 && x->cant_ent == 0)
		mipres_regla_add(e, MC_ESTADOENTREGA,
		    "EstadoEntrega: la entrega registrada fue una no "
		    "entrega (CantTotEntregada 0).", "Estado de la entrega: la entrega registrada "
		    "fue una no entrega (cantidad total entregada 0); elija No entregado.");
	if (BIEN(in, MC_VALORENTREGADO) && n[MC_ESTADOENTREGA] == 1 && n[MC_VALORENTREGADO] < 1)
		mipres_regla_add(e, MC_VALORENTREGADO,
		    "ValorEntregado debe ser mayor que 0 cuando se "
		    "entregó.", "Valor entregado: debe ser mayor que 0 cuando se entregó.");
}

/* A suministro's quantity and cause. */
static void
suministro(const struct mipres_in *in, const struct mipres_ctx *x, struct mipres_errores *e)
{
	if (BIEN(in, MC_CANTTOTENTREGADA) && in->n[MC_CANTTOTENTREGADA] > x->cant_total)
		mipres_regla_add(e, MC_CANTTOTENTREGADA, "CantTotEntregada supera la cantidad "
		    "direccionada.", FORMA(x, "Cantidad total entregada: máximo %lld, la cantidad "
		    "direccionada.", x->cant_total));
	if (BIEN(in, MC_ENTREGACOMPLETA) && BIEN(in, MC_CAUSANOENTREGA) &&
	    in->n[MC_ENTREGACOMPLETA] == 0 && CAUSA(in) < 1)
		mipres_regla_add(e, MC_CAUSANOENTREGA, "CausaNoEntrega: un suministro incompleto "
		    "(EntregaCompleta 0) necesita la causa.", "Causa de no entrega: un suministro "
		    "incompleto (Entrega completa: No) necesita la causa.");
}

int
mipres_reglas(const struct mipres_in *in, const struct mipres_ctx *x, struct mipres_errores *e)
{
	size_t antes = e->n;

	if (de_eps(in->tx) != (x->es_eps != 0)) {
		mipres_regla_add(e, MC_NINGUNO,
		    x->es_eps ? "Esta operación corresponde a un proveedor; "
		    "el NIT del token es de una EPS." : "Esta operación corresponde a una EPS; el NIT "
		    "del token no es de una EPS.", x->es_eps ? "Esta operación corresponde a un "
		    "proveedor." : "Esta operación corresponde a una EPS.");
		return (int)(e->n - antes);
	}
	tablas(in, e);
	/* A step on a line needs its ID: the forms take it from the path. */
	if (in->tx != MT_DIRECCIONAMIENTO && in->tx != MT_NODIRECCIONAMIENTO &&
	    in->tx != MT_ENTREGA_AMBITO && !BIEN(in, MC_ID))
		return (int)(e->n - antes);
	switch (in->tx) {
	case MT_DIRECCIONAMIENTO:
		cantidad_y_fecha(in, x, 0, e);
		break;
	case MT_NODIRECCIONAMIENTO:
		if (BIEN(in, MC_CAUSANOENTREGA) && CAUSA(in) < 1)
			mipres_regla_add(e, MC_CAUSANOENTREGA,
			    "CausaNoEntrega: indique la causa (1 a "
			    "19).", "Causa de no entrega: elija la causa (1 a 19).");
		break;
	case MT_PROGRAMACION:
		if (duena(x, e) && en_orden(x, MP_D, MP_P, e))
			cantidad_y_fecha(in, x, 1, e);
		break;
	case MT_ENTREGA:
		if (duena(x, e) && en_orden(x, MP_P, MP_E, e))
			entrega(in, x, x->cant_prog > 0 ? x->cant_prog : x->cant_total, e);
		break;
	case MT_ENTREGA_AMBITO:
		entrega(in, x, 0, e);
		break;
	case MT_REPORTE:
		if (duena(x, e) && en_orden(x, MP_E, MP_R, e))
			reporte(in, x, e);
		break;
	case MT_SUMINISTRO:
		if (duena(x, e) && en_orden(x, MP_R, MP_S, e))
			suministro(in, x, e);
		break;
	case MT__N:
		break;
	}
	return (int)(e->n - antes);
}

const char *
mipres_anulable(enum mipres_paso paso, int est, int siguiente)
{
	static const char *const activo[MP__NPASOS] = {
		[MP_D] = "No se puede anular el direccionamiento mientras su programación está "
		    "activa: anule primero la programación.",
		[MP_P] = "No se puede anular la programación mientras su entrega está activa: "
		    "anule primero la entrega.",
		[MP_E] = "No se puede anular la entrega mientras su reporte de entrega está "
		    "activo: anule primero el reporte.",
		[MP_R] = "No se puede anular el reporte de entrega mientras su suministro está "
		    "activo: anule primero el suministro.",
		[MP_N] = "No se puede anular el registro.",
		[MP_S] = "No se puede anular el registro.",
	};

	if (est == MP_ANULADO)
		return "El registro ya estaba anulado.";
	if (est == MP_PROCESADO || siguiente == MP_ACTIVO || siguiente == MP_PROCESADO)
		return activo[paso];
	return NULL;
}
