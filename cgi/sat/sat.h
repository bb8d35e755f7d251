/* SAT for Cajas de Compensación Familiar: whether the module is open for the session's
 * autorizado (activated by the ministry, terms accepted), shared by every /sat page. */
#ifndef SAT_H
#define SAT_H
#include "core/http.h"
#include "core/req.h"

/* The version of the terms and privacy/retention text (templates/sat/terminos.tpl);
 * changing the text means a new version, which everyone accepts again. */
#define SAT_TERMINOS_VERSION	"2026-11"

/* Whether the ministry activated the module for the entity. */
int sat_activa(long long entidad_id);
/* The user's newest answer to the current terms for the entity: 1 accepted, 0 declined,
 * -1 none yet. */
int sat_terminos(long long usuario_id, long long entidad_id);
/*
 * Every /sat page but the terms starts with this: 0 when the module is open for the
 * session; otherwise the answer is already made (the page explaining that the ministry has
 * not activated the module, or a redirect to the terms) and its status is returned.
 */
enum http_status sat_cerrado(struct req *, struct resp *);
/* A new Client ID: a random version 4 UUID (libsodium's randombytes), lower case. */
void sat_client_id(char out[37]);
/* The documentation of an OpenAPI document (NULL or unreadable: a note saying there is
 * none) into include DOC of v (templates/sat/doc.tpl). */
void sat_doc_show(struct req *, struct view *, const char *openapi);

/* ---- The pages (the route table's handlers, cgi/routes.c): each returns its answer's
 * status ---- */
/* cgi/sat/sat.c: a CCF autorizado's SAT module: gate, terms, main menu */
enum http_status page_sat_home(struct req *, struct resp *);
enum http_status page_sat_terminos(struct req *, struct resp *);
enum http_status page_sat_terminos_post(struct req *, struct resp *);
/* cgi/sat/servicio.c: the autorizado's "Información del servicio" and "Asignar contraseña" */
enum http_status page_sat_servicio(struct req *, struct resp *);
enum http_status page_sat_clave(struct req *, struct resp *);
enum http_status page_sat_clave_post(struct req *, struct resp *);
/* cgi/sat/msps.c: the ministry's SAT entities, catalog and assignments (Rol_IHCE_MSPS) */
enum http_status page_msps_sat(struct req *, struct resp *);
enum http_status page_msps_sat_entidad(struct req *, struct resp *);
enum http_status page_msps_sat_activate(struct req *, struct resp *);
enum http_status page_msps_sat_deactivate(struct req *, struct resp *);
enum http_status page_msps_sat_assign(struct req *, struct resp *);
enum http_status page_msps_sat_asignado_deactivate(struct req *, struct resp *);
enum http_status page_msps_sat_servicios(struct req *, struct resp *);
enum http_status page_msps_sat_servicio_nuevo(struct req *, struct resp *);
enum http_status page_msps_sat_servicio_nuevo_post(struct req *, struct resp *);
enum http_status page_msps_sat_servicio(struct req *, struct resp *);
enum http_status page_msps_sat_servicio_post(struct req *, struct resp *);
/* cgi/sat/compartir.c: the services a CCF shares with the ministry and "Probar conexión" */
enum http_status page_sat_compartidos(struct req *, struct resp *);
enum http_status page_sat_compartido_nuevo(struct req *, struct resp *);
enum http_status page_sat_compartido_nuevo_post(struct req *, struct resp *);
enum http_status page_sat_compartido(struct req *, struct resp *);
enum http_status page_sat_compartido_post(struct req *, struct resp *);
enum http_status page_sat_credenciales(struct req *, struct resp *);
enum http_status page_sat_credenciales_post(struct req *, struct resp *);
enum http_status page_sat_compartido_eliminacion(struct req *, struct resp *);
enum http_status page_sat_compartido_eliminacion_post(struct req *, struct resp *);
enum http_status page_sat_prueba(struct req *, struct resp *);
enum http_status page_sat_prueba_post(struct req *, struct resp *);

/* Start-up of `portal serve` (cgi/main.c's table): the operator's limits of "Probar
 * conexión" (PORTAL_CONEXION_*), warning when they let a test outlast a request's limit.
 * Returns 0, or -1 with the message in err. */
int sat_config(char *err, size_t n);
/* `portal probar-conexion [KEY=VALUE ... | -]` (cgi/main.c's command table): asks for a
 * token, calls the service with it, prints each step in Spanish. Exit status 0 when both
 * succeed, 1 when one failed, 2 on a bad parameter. */
int sat_comando_test_conexion(int argc, char **argv);
#endif
