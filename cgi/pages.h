/* Page handlers named in the route table. Each returns the HTTP status of its answer. */
#ifndef PAGES_H
#define PAGES_H
#include "http.h"
#include "req.h"

/* accounts.c */
enum http_status page_home(struct req *, struct resp *);
enum http_status page_login(struct req *, struct resp *);
enum http_status page_login_post(struct req *, struct resp *);
enum http_status page_logout(struct req *, struct resp *);

/* ihce.c: delegado administrativo */
enum http_status page_ihce_home(struct req *, struct resp *);
enum http_status page_ihce_solicitud(struct req *, struct resp *);
enum http_status page_ihce_solicitud_post(struct req *, struct resp *);
enum http_status page_ihce_detalle(struct req *, struct resp *);
enum http_status page_ihce_llaves(struct req *, struct resp *);
enum http_status page_ihce_mostrar(struct req *, struct resp *);
enum http_status page_ihce_activar(struct req *, struct resp *);
enum http_status page_ihce_activar_post(struct req *, struct resp *);

/* ihce_msps.c: funcionario MSPS */
enum http_status page_msps_asignar(struct req *, struct resp *);
enum http_status page_msps_actualizar(struct req *, struct resp *);
enum http_status page_msps_solicitud(struct req *, struct resp *);
enum http_status page_msps_guardar(struct req *, struct resp *);
enum http_status page_msps_rechazar(struct req *, struct resp *);
enum http_status page_msps_reemitir(struct req *, struct resp *);
enum http_status page_msps_ambientes(struct req *, struct resp *);
enum http_status page_msps_ambientes_post(struct req *, struct resp *);

/* admin.c: administrador MSPS */
enum http_status page_admin_home(struct req *, struct resp *);
enum http_status page_admin_correo(struct req *, struct resp *);
enum http_status page_admin_reintentar(struct req *, struct resp *);
enum http_status page_admin_smtp(struct req *, struct resp *);
#endif
