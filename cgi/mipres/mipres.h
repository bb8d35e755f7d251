/*
 * MIPRES Suministro's public header: its pages and the JSON API's handlers, named in the
 * route table (cgi/routes.c), and their body caps. The module's shared data layer (tokens,
 * the cycle's records) is cgi/mipres/generar_token.h.
 */
#ifndef MIPRES_H
#define MIPRES_H
#include "core/http.h"
#include "core/req.h"

#define MP_BODY_MAX	(64 * 1024)	/* an API body; nginx's client_max_body_size matches */
/* POST /mipres/cargue's body: larger than the file's cap (MP_CARGUE_MAX) so that a file
 * somewhat over it gets the page's message (nginx's client_max_body_size for that location
 * matches). */
#define MP_CARGUE_BODY_MAX	(2 * 1024 * 1024)

/* The pages and services: each returns its answer's status. */
/* cgi/mipres/generar_token.c: the web-service token of a dispenser or EPS */
enum http_status page_mipres_token(struct req *, struct resp *);
enum http_status page_mipres_token_post(struct req *, struct resp *);
/* cgi/mipres/lista.c: the MIPRES home and Direccionamientos (search, table, CSV) */
enum http_status page_mipres(struct req *, struct resp *);
enum http_status page_mipres_direccionamientos(struct req *, struct resp *);
/* cgi/mipres/cargue.c: Cargue masivo of entregas and reportes de entrega (provider) */
enum http_status page_mipres_cargue(struct req *, struct resp *);
enum http_status page_mipres_cargue_post(struct req *, struct resp *);
enum http_status page_mipres_cargue_plantilla(struct req *, struct resp *);
/* cgi/mipres/forms.c: the MIPRES cycle's forms (r->arg: the enum mipres_tx they record), its
 * records and their annulment */
enum http_status page_mipres_form(struct req *, struct resp *);
enum http_status page_mipres_form_linea(struct req *, struct resp *);
enum http_status page_mipres_registro(struct req *, struct resp *);
enum http_status page_mipres_anulacion(struct req *, struct resp *);
enum http_status page_mipres_anulacion_post(struct req *, struct resp *);
/* cgi/mipres/api.c: the MIPRES Suministro JSON API (spec/mipres.md); r->arg: a PUT's enum
 * mipres_tx, the others' enum mipres_paso */
enum http_status api_generate_token(struct req *, struct resp *);
enum http_status api_put(struct req *, struct resp *);
enum http_status api_annul(struct req *, struct resp *);
enum http_status api_consulta_fecha(struct req *, struct resp *);
enum http_status api_consulta_prescripcion(struct req *, struct resp *);
enum http_status api_consulta_paciente(struct req *, struct resp *);

/* `portal mipres-token NIT [REGIMEN]` (cgi/main.c's command table): a new user token for the
 * entity, its current one of that régimen revoked, audited, printed. Exit status. */
int mipres_comando_token(int argc, char **argv);
#endif
