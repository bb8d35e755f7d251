/*
 * Admin's public header: the ministry administrator's pages, the footer's public pages and
 * the probes for machines, named in the route table (cgi/routes.c).
 */
#ifndef ADMIN_H
#define ADMIN_H
#include "core/http.h"
#include "core/req.h"

/* The pages: each returns its answer's status. */
/* cgi/admin/legal.c: the footer's public pages (personal data, terms of use, accessibility) */
enum http_status page_privacidad(struct req *, struct resp *);
enum http_status page_terminos(struct req *, struct resp *);
enum http_status page_accesibilidad(struct req *, struct resp *);
/* cgi/admin/admin.c: administrador MSPS */
enum http_status page_admin_home(struct req *, struct resp *);
enum http_status page_admin_correo(struct req *, struct resp *);
enum http_status page_admin_reintentar(struct req *, struct resp *);
enum http_status page_admin_smtp(struct req *, struct resp *);
/* cgi/admin/cuentas.c: pending staff accounts and locked logins */
enum http_status page_admin_cuentas(struct req *, struct resp *);
enum http_status page_admin_cuenta_aprobar(struct req *, struct resp *);
enum http_status page_admin_cuenta_rechazar(struct req *, struct resp *);
enum http_status page_admin_bloqueos(struct req *, struct resp *);
enum http_status page_admin_desbloquear(struct req *, struct resp *);
/* cgi/admin/auditoria.c: the audit trail, filtered, and as CSV */
enum http_status page_admin_auditoria(struct req *, struct resp *);
enum http_status page_admin_auditoria_csv(struct req *, struct resp *);
/* cgi/admin/salud.c: probes for machines (no session): the load balancer's and Prometheus's */
enum http_status page_salud(struct req *, struct resp *);
enum http_status page_metricas(struct req *, struct resp *);
#endif
