/*
 * Cuentas' public header: the accounts' pages (login, second factor, passwords, roles,
 * registration, authorizations, invitations, the delegates' queue), named in the route
 * table (cgi/routes.c), and the registration's body cap.
 */
#ifndef CUENTAS_H
#define CUENTAS_H
#include "core/http.h"
#include "core/req.h"

#define CARTA_MAX	(2 * 1024 * 1024)	/* the designation letter, a PDF */
/* POST /registro's body: the letter, the fields and the multipart framing, so that a letter
 * somewhat over CARTA_MAX gets the form's own message (nginx's client_max_body_size for
 * that location matches: 2176k). Every other route keeps BODY_MAX. */
#define REGISTRO_BODY_MAX	(CARTA_MAX + 128 * 1024)

/* The pages: each returns its answer's status. */
/* cgi/cuentas/ingreso.c: home, login and logout */
enum http_status page_home(struct req *, struct resp *);
enum http_status page_login(struct req *, struct resp *);
enum http_status page_login_post(struct req *, struct resp *);
enum http_status page_logout(struct req *, struct resp *);
/* cgi/cuentas/rol_activo.c: the role list of a user with several roles */
enum http_status page_roles(struct req *, struct resp *);
enum http_status page_roles_post(struct req *, struct resp *);
/* cgi/cuentas/autorizados.c: the delegate's authorized people */
enum http_status page_autorizados(struct req *, struct resp *);
enum http_status page_autorizado_nuevo(struct req *, struct resp *);
enum http_status page_autorizado_nuevo_post(struct req *, struct resp *);
enum http_status page_autorizado(struct req *, struct resp *);
enum http_status page_autorizado_post(struct req *, struct resp *);
enum http_status page_autorizado_inactivar(struct req *, struct resp *);
enum http_status page_autorizado_reactivar(struct req *, struct resp *);
/* cgi/cuentas/usuario_olvido.c: "¿Olvidó su usuario?" */
enum http_status page_usuario_olvido(struct req *, struct resp *);
enum http_status page_usuario_olvido_post(struct req *, struct resp *);
/* cgi/cuentas/invitaciones.c: the invited person's waiting invitations, accepted or declined */
enum http_status page_invitaciones(struct req *, struct resp *);
enum http_status page_invitacion(struct req *, struct resp *);
enum http_status page_invitacion_post(struct req *, struct resp *);
/* cgi/cuentas/registro.c: self-registration */
enum http_status page_registro(struct req *, struct resp *);
enum http_status page_registro_post(struct req *, struct resp *);
enum http_status page_registro_otro(struct req *, struct resp *);
enum http_status page_registro_otro_post(struct req *, struct resp *);
/* cgi/cuentas/reto.c: the anti-automation challenge of the public forms (its image) */
enum http_status page_reto_imagen(struct req *, struct resp *);
/* cgi/cuentas/contrasena.c: passwords */
enum http_status page_clave_olvido(struct req *, struct resp *);
enum http_status page_clave_olvido_post(struct req *, struct resp *);
enum http_status page_clave_enlace(struct req *, struct resp *);
enum http_status page_clave_enlace_post(struct req *, struct resp *);
enum http_status page_cuenta_clave(struct req *, struct resp *);
enum http_status page_cuenta_clave_post(struct req *, struct resp *);
/* cgi/cuentas/delegados.c: the funcionario MSPS's queue of delegate registrations */
enum http_status page_msps_delegados(struct req *, struct resp *);
enum http_status page_msps_delegado(struct req *, struct resp *);
enum http_status page_msps_delegado_carta(struct req *, struct resp *);
enum http_status page_msps_delegado_aprobar(struct req *, struct resp *);
enum http_status page_msps_delegado_rechazar(struct req *, struct resp *);
/* cgi/cuentas/dos_pasos.c: second factor, re-authentication, the administrator's reset */
enum http_status page_login_codigo(struct req *, struct resp *);
enum http_status page_login_codigo_post(struct req *, struct resp *);
enum http_status page_dos_pasos(struct req *, struct resp *);
enum http_status page_dos_pasos_qr(struct req *, struct resp *);
enum http_status page_dos_pasos_post(struct req *, struct resp *);
enum http_status page_reautenticar_pedir(struct req *, struct resp *);
enum http_status page_reautenticar_post(struct req *, struct resp *);
enum http_status page_admin_dos_pasos(struct req *, struct resp *);
enum http_status page_admin_dos_pasos_restablecer(struct req *, struct resp *);
#endif
