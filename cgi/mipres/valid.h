/*
 * MIPRES Suministro: the fields of each transaction and their validation, one code for the
 * JSON API (cgi/mipres/api.c) and the HTML forms. A caller fills a struct mipres_in with the
 * text of each field (as a form or the JSON body gives it; NULL when absent), calls
 * mipres_campos() for the format of each field, loads the line's state into a struct mipres_ctx and
 * calls mipres_reglas() for the business rules. Errors come back as (campo, mensaje) pairs.
 */
#ifndef MIPRES_VALID_H
#define MIPRES_VALID_H
#include <stddef.h>

#include <jansson.h>

#include "core/arena.h"

/* Every field of every transaction, by its name on the wire (enum order = table order). */
enum mipres_campo {
	MC_ID, MC_NOPRESCRIPCION, MC_TIPOTEC, MC_CONTEC, MC_TIPOIDPACIENTE, MC_NOIDPACIENTE,
	MC_NOENTREGA, MC_NOSUBENTREGA, MC_TIPOIDPROV, MC_NOIDPROV, MC_CODMUNENT, MC_FECMAXENT,
	MC_CANTTOTAENTREGAR, MC_DIRPACIENTE, MC_CODSERTECAENTREGAR, MC_NOPRESCRIPCIONASOCIADA,
	MC_CONTECASOCIADA, MC_CAUSANOENTREGA, MC_TIPOIDSEDEPROV, MC_NOIDSEDEPROV, MC_CODSEDEPROV,
	MC_CODSERTECENTREGADO, MC_CANTTOTENTREGADA, MC_ENTTOTAL, MC_FECENTREGA, MC_NOLOTE,
	MC_TIPOIDRECIBE, MC_NOIDRECIBE, MC_ESTADOENTREGA, MC_VALORENTREGADO, MC_ULTENTREGA,
	MC_ENTREGACOMPLETA,
	MC__N,
	MC_NINGUNO = MC__N	/* a rule error about no single field */
};

/* How a field is written: its JSON type in the spec. */
enum mipres_tipo {
	MP_ENTERO,	/* a JSON integer (a form's digits) */
	MP_DIGITOS,	/* a JSON string of digits ("2") */
	MP_TEXTO,	/* a JSON string */
	MP_FECHA,	/* a JSON string YYYY-MM-DD */
};

/* The seven transactions (PUT) and the step each one records. */
enum mipres_tx {
	MT_DIRECCIONAMIENTO, MT_NODIRECCIONAMIENTO, MT_PROGRAMACION, MT_ENTREGA,
	MT_ENTREGA_AMBITO, MT_REPORTE, MT_SUMINISTRO,
	MT__N
};

/* The kinds of step, in the order of the cycle (a no-direccionamiento stands alone). */
enum mipres_paso { MP_D, MP_N, MP_P, MP_E, MP_R, MP_S, MP__NPASOS };

/* States of a step (spec: 0 Anulado, 1 Activo, 2 Procesado); MP_NINGUNO: none recorded. */
#define MP_ANULADO	0
#define MP_ACTIVO	1
#define MP_PROCESADO	2
#define MP_NINGUNO	(-1)

/* A transaction's input: the text of each field, NULL when absent. mipres_campos() fills n[]
 * with the value of each integer and digits field it accepted, and malo[] with 1 for each
 * field it refused (missing or malformed): mipres_reglas() checks no rule that reads one. */
struct mipres_in {
	enum mipres_tx	 tx;
	const char	*v[MC__N];
	long long	 n[MC__N];
	unsigned char	 malo[MC__N];
	int		 juntos;	/* the forms: the rules of the well-formed fields are
					 * checked even when another field is malformed, so
					 * both kinds of error come back in one answer */
};

/* The state a transaction's rules look at, loaded by the caller (cgi/mipres/db.c). */
struct mipres_ctx {
	const char	*hoy;		/* today in Colombia, YYYY-MM-DD */
	int		 es_eps;	/* the caller is an EPS (else a provider) */
	long long	 entidad_id;	/* the caller's entity */
	const char	*nit;		/* the caller's NIT */
	const char	*regimen;	/* the caller's régimen (EPS; "" for a provider) */
	int		 linea;		/* ID names an existing line (steps on a line) */
	long long	 linea_eps_id;	/* the line's EPS (0: none) */
	const char	*linea_regimen;	/* the line's régimen */
	const char	*linea_prov_nit; /* the line's provider NIT (NULL: none) */
	const char	*fec_max_ent;	/* the line's FecMaxEnt, or NULL */
	long long	 cant_total;	/* what was directed (CantTotAEntregar) */
	long long	 cant_prog;	/* what the live programación programmed */
	long long	 cant_ent;	/* what the live entrega delivered */
	int		 est[MP__NPASOS]; /* state of each kind of step on the line */
	long long	 vivo[MP__NPASOS]; /* the id of its live step of each kind (0: none) */
	struct arena	*a;		/* for the forms' messages that quote a value (a
					 * limit, a date); NULL: they go without it */
};

struct mipres_error {
	enum mipres_campo	 campo;		/* MC_NINGUNO: the whole request */
	const char	*mensaje;	/* Spanish, naming the field by its wire name (the
					 * API, the bulk upload) */
	const char	*forma;		/* a rule's message as the forms word it, naming fields
					 * by their labels; NULL for a format error (the form
					 * words it from the field: cgi/mipres/forms.c) */
};

#define MP_ERRORES_MAX	24
struct mipres_errores {
	struct mipres_error	 v[MP_ERRORES_MAX];
	size_t		 n;
};

/* The name of a field on the wire ("CantTotEntregada"), its type and the longest value
 * accepted (characters of a text, digits of a number); the field of a wire name (any
 * case), MC__N for none. */
const char *mipres_campo_nombre(enum mipres_campo);
enum mipres_tipo mipres_campo_tipo(enum mipres_campo);
size_t mipres_campo_max(enum mipres_campo);
enum mipres_campo mipres_campo_de(const char *nombre);
/* The fields transaction tx takes, in the spec's order, ending in MC__N; *req tells which
 * are required (1) or optional (0), in the same order. */
const enum mipres_campo *mipres_tx_campos(enum mipres_tx, const unsigned char **req);
/* The name of the body's object in ModelState keys ("entrega" for "entrega.ID"). */
const char *mipres_tx_objeto(enum mipres_tx);
/* The kind of step a transaction records. */
enum mipres_paso mipres_tx_paso(enum mipres_tx);

/* Reads JSON object o (a body of the API, an element of a JSON upload) into in, whose tx is
 * set, as ASP.NET binds it: a key names a field of in->tx in any case (other keys are
 * ignored), a string is taken as it is and an integer as its digits, both copied into the
 * arena; null is absent. Appends (campo, mensaje) for a value of another JSON type.
 * Returns how many it appended (0: every value could be read). */
int mipres_read_json(struct arena *, json_t *o, struct mipres_in *in, struct mipres_errores *e);
/* Checks the format of every field of in->tx (present when required, integer, digits, a
 * real date, lengths in characters), fills in->n and in->malo. Appends a (campo, mensaje)
 * per bad field. Returns how many it appended (0: every field is well formed). */
int mipres_campos(struct mipres_in *, struct mipres_errores *);
/* Checks the business rules of in->tx (after mipres_campos(): a rule that reads a field it
 * refused is not checked) against ctx: the code tables (a well-typed value MIPRES does not
 * know is a 422, as the ministry's service answers), owner of the line, order of the
 * steps, quantities, causes, dates. Appends one error per broken rule, with the forms'
 * wording. Returns how many it appended. */
int mipres_reglas(const struct mipres_in *, const struct mipres_ctx *, struct mipres_errores *);
/* Checks that the step of kind paso in state est, on a line whose next step is in state
 * siguiente (MP_NINGUNO when none), can be annulled. Returns NULL or the Spanish reason. */
const char *mipres_anulable(enum mipres_paso paso, int est, int siguiente);

/* Appends an error (forma NULL); quietly drops it when the list is full. */
void mipres_error_add(struct mipres_errores *, enum mipres_campo, const char *mensaje);
/* The same with the forms' wording of a rule. */
void mipres_regla_add(struct mipres_errores *, enum mipres_campo, const char *mensaje,
    const char *forma);
#endif
