/* MIPRES Suministro: web-service tokens (cgi/mipres/token.c) and the cycle's records
 * (cgi/mipres/db.c), shared by the JSON API (cgi/mipres/api.c) and the pages (cgi/mipres/generar_token.c). */
#ifndef MIPRES_GENERAR_TOKEN_H
#define MIPRES_GENERAR_TOKEN_H
#include <jansson.h>

#include "core/buf.h"
#include "mipres/valid.h"
#include "core/req.h"

#define MP_GUID_LEN	36		/* a user token: 8-4-4-4-12 hexadecimal digits */
#define MP_FINAL_LEN	4		/* its last characters, shown after the first time */
#define MP_TEMP_LEN	44		/* a temporary token: base64url of 32 bytes, ending '=' */
#define MP_TEMP_TTL	(24 * 60 * 60)
/* Cargue masivo (cgi/mipres/cargue.c): the file (its body's cap, MP_CARGUE_BODY_MAX, is in
 * cgi/mipres/mipres.h). */
#define MP_CARGUE_MAX		(1024 * 1024)

/* Who calls: the entity of a temporary token (or of a session's role). */
struct mipres_quien {
	long long	 entidad_id;
	const char	*nit;
	int		 es_eps;	/* entity type EPSC or EPSS */
	const char	*regimen;	/* the token's régimen ("" for a provider) */
};

/* Writes an audit entry for q (the API has no session: the entity and "API MIPRES" stand
 * for the actor) in the caller's transaction. Returns 0 or -1. */
int mipres_audit(struct req *, const struct mipres_quien *q, const char *accion,
    const char *detalle);
/* The session's entity as the one who calls (pages): EPS roles carry their régimen. */
void mipres_quien_sesion(const struct req *, struct mipres_quien *q);
/* Whether q sees a line with that EPS and régimen and provider NIT: a provider the lines
 * directed to its NIT (and its entregas ámbito), an EPS its own of its token's régimen. */
int mipres_ve(const struct mipres_quien *q, long long eps_id, const char *regimen,
    const char *prov_nit);
/* Whether an entity type is an EPS. */
int mipres_tipo_es_eps(const char *tipo);

/* Creates a user token for entidad_id (regimen "" or contributivo/subsidiado), revoking
 * the current one of that régimen, in the caller's transaction; usuario_id 0 for the
 * operator. Writes the GUID to out. Returns 0 or -1. */
int mipres_token_nuevo(long long entidad_id, const char *regimen, long long usuario_id,
    long long now, char out[MP_GUID_LEN + 1]);
/* GenerarToken: when user_token is the current one of the entity with nit, issues a
 * temporary token valid MP_TEMP_TTL into out (audited). Returns 0, 1 when refused, -1 on
 * error. */
int mipres_token_temporal(struct req *, const char *nit, const char *user_token,
    char out[MP_TEMP_LEN + 1]);
/* Checks a temporary token for the nit of the path; fills q. Returns NULL when valid, or
 * the Spanish reason to answer with 401; *err is set on a database failure. */
const char *mipres_token_check(struct req *, const char *nit, const char *tmp,
    struct mipres_quien *q,
    int *err);
/* The current user token of an entity of a régimen ("" for a provider) for the page:
 * calls fn for it. */
void mipres_token_vigentes(long long entidad_id, const char *regimen, void (*fn)(void *,
    const char *regimen,
    const char *final, long long creado), void *arg);

/* The letter a kind of step is stored as ("D", "N", "P", "E", "R", "S"), and back
 * (MP__NPASOS for anything else, NULL included). */
const char *mipres_paso_tipo(enum mipres_paso);
enum mipres_paso mipres_paso_de(const char *tipo);

enum mipres_res {
	MP_OK,
	MP_CAMPOS,	/* a field is missing or malformed (API 400, ModelState) */
	MP_REGLA,	/* a business rule refused it (API 422) */
	MP_FALLA,	/* the database failed (500, logged) */
};

/* Validates and records transaction in->tx for q, with its state change and an audit
 * entry, in one transaction. On MP_OK *id is the line's ID and *idpaso the new step's id;
 * on MP_CAMPOS (a field is missing or malformed; with in->juntos e also holds the broken
 * rules of the well-formed fields) or MP_REGLA e holds why. */
enum mipres_res mipres_register(struct req *, const struct mipres_quien *q, struct mipres_in *in,
    struct mipres_errores *e, long long *id, long long *idpaso);
/* mipres_register that also calls hecho(arg, id, idpaso) inside the transaction, after the
 * step and its audit entry are written and before the commit (the bulk upload records
 * what it applied there); a non-zero return rolls everything back: MP_FALLA. Called with
 * a transaction open (the bulk upload's group of rows), the step is a savepoint of it:
 * kept or undone on its own, durable when the caller commits; if undoing it fails, the
 * caller's transaction is rolled back (none is open on return). */
enum mipres_res mipres_register_con(struct req *, const struct mipres_quien *q,
    struct mipres_in *in,
    struct mipres_errores *e, long long *id, long long *idpaso,
    int (*hecho)(void *, long long id, long long idpaso), void *arg);
/* Annuls step idpaso of kind paso for q and returns the previous step to Activo, in one
 * transaction with an audit entry. On MP_REGLA e holds why. */
enum mipres_res mipres_annul(struct req *, const struct mipres_quien *q, enum mipres_paso paso,
    long long idpaso, struct mipres_errores *e);

/* The queries: by date of the step, by prescription, or by patient and date. */
enum mipres_clave { MQ_FECHA, MQ_PRESCRIPCION, MQ_PACIENTE };
/* Returns the JSON array of the steps of kind paso q may see matching the key (a: date or
 * NoPrescripcion or tipo de documento; b: NoIDPaciente; c: date), or NULL on error. The
 * API answers with mipres_consulta_texto; this is its reference (tests/unit/mipres/test_consulta.c
 * checks both give the same bytes). */
json_t *mipres_consulta(struct arena *, const struct mipres_quien *q, enum mipres_paso paso,
    enum mipres_clave k, const char *a, const char *b, const char *c);
/* The same array as JSON text (what json_dumps of mipres_consulta's answer writes, compact),
 * appended to out, for the API. Returns 0 or -1 (out then holds part of it). */
int mipres_consulta_texto(struct arena *, struct buf *out, const struct mipres_quien *q,
    enum mipres_paso paso, enum mipres_clave k, const char *a, const char *b, const char *c);
#endif
