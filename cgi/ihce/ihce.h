/* The IHCE key workflow: its data and transactions, shared by the pages and the demo seed, and
 * its pages (the route table's handlers). */
#ifndef IHCE_H
#define IHCE_H
#include "core/http.h"
#include "ihce/estado.h"
#include "core/req.h"

#define AMBIENTES 3
extern const char *const ambiente_name[AMBIENTES];	/* "desarrollo", ... */
extern const char *const ambiente_label[AMBIENTES];	/* "Desarrollo", ... */

struct solicitud {
	long long	 id, entidad_id, fecha, respondida, version;
	enum estado	 estado;
	int		 vigente;
	const char	*tipo, *motivo;
	const char	*proveedor_tec, *software;
	const char	*lider_nombre, *lider_correo, *lider_tel;
	const char	*resp_nombre, *resp_correo, *resp_tel;
	const char	*nit, *razon, *codigo;	/* of the entity (ihce_solicitud_get) */
};

/* What the official types for one environment; client_secret NULL keeps the stored one. */
struct llave_in {
	const char	*client_id, *client_secret, *expira;
};

/* An environment's current key (id 0: none), its secret still sealed. */
struct llave_actual {
	long long	 id;
	const char	*client_id, *expira;
	const void	*secret;
	size_t		 secret_len;
};

enum ihce_rc {
	IHCE_OK = 0,
	IHCE_ERROR = -1,	/* database failure (logged) */
	IHCE_NO_PERMITIDO = -2,	/* the state does not allow the action */
	IHCE_CAMBIO = -3,	/* someone else changed the request first */
	IHCE_NO_EXISTE = -4,
};

/* The entity's current request into out: 1 found, 0 none. */
int ihce_vigente(struct arena *, long long entidad_id, struct solicitud *out);
/* Whether keys were ever assigned to the entity. */
int ihce_tuvo_llaves(long long entidad_id);
/* A request by id, with its entity: 1 found, 0 none. */
int ihce_solicitud_get(struct arena *, long long id, struct solicitud *out);

/* The delegate of r's session requests keys for the session's entity: the new request,
 * the notice to the ministry and the audit entry in one transaction. */
enum ihce_rc ihce_request(struct req *, const struct solicitud *in, long long *id);
/* The same in the caller's transaction: it commits nothing, and on an error the caller
 * rolls back (seed-demo's extra providers, many to a transaction). */
enum ihce_rc ihce_request_en(struct req *, const struct solicitud *in, long long *id);
/* The entity's current key of each environment into out (id 0 where there is none).
 * Returns 0, or -1 on a database failure. */
int ihce_llaves_actuales(struct arena *, long long entidad_id,
    struct llave_actual out[AMBIENTES]);
/* Whether in changes cur: no key yet, or a new ClientID, ClientSecret or expiry date. */
int llave_cambia(const struct llave_actual *cur, const struct llave_in *in);
/* An official saves the three environments' keys for request id seen at version: each
 * environment that changes gets a new key (a blank ClientSecret keeps the stored one,
 * sealed again to the new row), the others keep theirs; the replaced keys stay as
 * history. One transaction with the activation code, its notice and the audit entry; the
 * code goes to codigo (CODIGO_LEN + 1 bytes) when not NULL. IHCE_CAMBIO also when a
 * ClientSecret to keep is not there. */
enum ihce_rc ihce_assign(struct req *, long long id, long long version,
    const struct llave_in in[AMBIENTES], char *codigo);
/* An official rejects request id seen at version, with a reason. */
enum ihce_rc ihce_reject(struct req *, long long id, long long version, const char *motivo);

/* Sealing context of a key's secret: "llave.client_secret:<id>" into out[64]. */
void llave_ad(long long id, char out[64]);

/* ---- The pages (the route table's handlers, cgi/routes.c): each returns its answer's
 * status ---- */
/* cgi/ihce/ihce.c: delegado administrativo */
enum http_status page_ihce_home(struct req *, struct resp *);
enum http_status page_ihce_solicitud(struct req *, struct resp *);
enum http_status page_ihce_solicitud_post(struct req *, struct resp *);
enum http_status page_ihce_detalle(struct req *, struct resp *);
enum http_status page_ihce_llaves(struct req *, struct resp *);
enum http_status page_ihce_llaves_show(struct req *, struct resp *);
enum http_status page_ihce_activacion(struct req *, struct resp *);
enum http_status page_ihce_activacion_post(struct req *, struct resp *);
/* cgi/ihce/msps.c: funcionario MSPS */
enum http_status page_msps_asignacion(struct req *, struct resp *);
enum http_status page_msps_actualizacion(struct req *, struct resp *);
enum http_status page_msps_solicitud(struct req *, struct resp *);
enum http_status page_msps_save(struct req *, struct resp *);
enum http_status page_msps_reject(struct req *, struct resp *);
enum http_status page_msps_reissue(struct req *, struct resp *);
/* cgi/ihce/confirmar.c: the confirmation steps of the key form and the rejection */
enum http_status page_msps_confirmacion(struct req *, struct resp *);
enum http_status page_msps_rechazo_confirmacion(struct req *, struct resp *);
/* cgi/ihce/ambientes.c: the ministry's environments (their URLs and keys' settings) */
enum http_status page_msps_ambientes(struct req *, struct resp *);
enum http_status page_msps_ambientes_post(struct req *, struct resp *);

/* Expiry warnings of IHCE keys (90, 45, 30 and 7 days before), each sent once (avisos.c):
 * the periodic job of cgi/main.c's table and `portal avisos`. */
/* Queues the warnings that are due at now: one mail per entity and threshold to the
 * entity's delegates and to the request's líder técnico, recorded per key and threshold
 * in the same transaction (so a restart or a second sender never repeats one), audited.
 * Returns how many warnings were queued, or -1 on a database error. */
int avisos_pass(struct arena *, long long now);

/* The search's periodic job (busqueda.c): at its first pass and every hour, the trigram
 * index merged into one segment, a short transaction a step (the writers' lock let go
 * between them), and its trigrams' counts read outside any transaction, then written in one
 * (busqueda_trigrama), which choose the trigrams a search asks. Returns 1 when it ran, 0
 * when not due, -1 on an error (logged). */
int busqueda_tarea(struct arena *, long long now);
#endif
