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
enum http_status page_admin_retry(struct req *, struct resp *);
enum http_status page_admin_smtp(struct req *, struct resp *);
/* cgi/admin/cuentas.c: pending staff accounts and locked logins */
enum http_status page_admin_cuentas(struct req *, struct resp *);
enum http_status page_admin_cuenta_approve(struct req *, struct resp *);
enum http_status page_admin_cuenta_reject(struct req *, struct resp *);
enum http_status page_admin_bloqueos(struct req *, struct resp *);
enum http_status page_admin_unlock(struct req *, struct resp *);
/* cgi/admin/auditoria.c: the audit trail, filtered, and as CSV */
enum http_status page_admin_auditoria(struct req *, struct resp *);
enum http_status page_admin_auditoria_csv(struct req *, struct resp *);
/* cgi/admin/salud.c: probes for machines (no session): the load balancer's and Prometheus's */
enum http_status page_salud(struct req *, struct resp *);
enum http_status page_metricas(struct req *, struct resp *);

/* Start-up of `portal serve` and the periodic job (cgi/main.c's tables). */
/* Reads PORTAL_SALUD_DISCO_MIB (0..10^9) and PORTAL_SALUD_CORREO_MINUTOS (0..525600; 0
 * turns the mail check off). Returns 0, or -1 with a Spanish message naming the variable
 * in err. */
int salud_config(char *err, size_t n);
/* Reads the policy from the environment into the process's policy. Returns 0, or -1 with
 * err naming the variable and its allowed values (portal serve stops on it). */
int retencion_config(char *err, size_t n);
/* The periodic job (cgi/core/tareas.h; the arena unused): runs the policy when
 * PORTAL_RETENCION_CADA_MINUTOS have passed since its last run in this process (the first
 * call runs it). Returns the rows removed, or -1 when a pass failed. */
int retencion_tarea(struct arena *, long long now);
/* `portal retencion` (cgi/main.c's command table): the policy now, by hand; prints what it
 * removed. Exit status 0, 1 when a pass failed, 2 for a bad variable. */
int retencion_comando(int argc, char **argv);
#endif
