/*
 * Cuentas' public header, the only one of its headers other features include: the
 * accounts' pages (login, second factor, passwords, roles, registration, authorizations,
 * invitations, the delegates' queue), named in the route table (cgi/routes.c), the
 * registration's body cap, the failed-login throttle (intento.c, which the AP port's
 * POST /token and the administrators' pages use too) and the challenges' life.
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
enum http_status page_autorizado_deactivate(struct req *, struct resp *);
enum http_status page_autorizado_reactivate(struct req *, struct resp *);
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
enum http_status page_msps_delegado_approve(struct req *, struct resp *);
enum http_status page_msps_delegado_reject(struct req *, struct resp *);
/* cgi/cuentas/dos_pasos.c: second factor, re-authentication, the administrator's reset */
enum http_status page_login_codigo(struct req *, struct resp *);
enum http_status page_login_codigo_post(struct req *, struct resp *);
enum http_status page_dos_pasos(struct req *, struct resp *);
enum http_status page_dos_pasos_qr(struct req *, struct resp *);
enum http_status page_dos_pasos_post(struct req *, struct resp *);
enum http_status page_reautenticacion(struct req *, struct resp *);
enum http_status page_reautenticacion_post(struct req *, struct resp *);
enum http_status page_admin_dos_pasos(struct req *, struct resp *);
enum http_status page_admin_dos_pasos_reset(struct req *, struct resp *);

/* The life of a challenge of the public forms (reto.c), and of its row. */
#define RETO_VIDA	(30 * 60)

/*
 * Failed logins (issue 11 §6): the throttle of the portal's logins (password, second-step
 * code, re-authentication, current password of "Cambiar contraseña") and of the AP
 * usernames of POST /token. Three counts, checked and raised together in one write
 * transaction BEFORE the password is checked, so concurrent guesses cannot overrun them:
 *  - per (login, client address): INTENTO_PAR_MAX failures within INTENTO_VENTANA lock
 *    that pair for a window; the owner from another address still gets in;
 *  - per client address: INTENTO_DIRECCION_MAX failures within the window lock it;
 *  - per login, from any address: INTENTO_SEGUIDOS_MAX consecutive failures (NIST SP
 *    800-63B §5.2.2) lock it until an administrator lifts it (/admin/bloqueos).
 * A login without an account is counted the same, so no answer tells whether it exists.
 */
#define INTENTO_VENTANA		(15 * 60)
#define INTENTO_PAR_MAX		5	/* failures of (login, address) in the window */
#define INTENTO_DIRECCION_MAX	20	/* failures of an address in the window */
#define INTENTO_SEGUIDOS_MAX	100	/* consecutive failures of a login: hard lock */
#define INTENTO_SIN_CUENTA_MAX	10000	/* hard-lock counts kept of logins with no account */

enum intento_tipo { INTENTO_LOGIN, INTENTO_AP };

enum intento_res {
	INTENTO_OK,		/* reserved: one failure counted in advance */
	INTENTO_PAR,		/* (login, address) locked for the window */
	INTENTO_DIRECCION,	/* the address locked for the window */
	INTENTO_RETENIDO,	/* the login locked until an administrator lifts it */
	INTENTO_ERROR,
};

/* Reserves one attempt of login from the request's address: when no count is at its
 * limit, counts one failure on all three and returns INTENTO_OK; else returns which lock
 * holds and counts nothing. Never call it inside a transaction, nor hold one during the
 * check that follows. */
enum intento_res cuentas_intento_reserve(struct req *, enum intento_tipo, const char *login);
/* Which lock holds now for login from the request's address (INTENTO_OK: none), without
 * counting anything. */
enum intento_res cuentas_intento_estado(struct req *, enum intento_tipo, const char *login);
/* Gives the reserved attempt back: it was not a failure (right password, with a second
 * step still due; an account waiting for approval). Returns 0 or -1. */
int cuentas_intento_give_back(struct req *, enum intento_tipo, const char *login);
/* After a complete authentication: the (login, address) count and the login's consecutive
 * failures start again, and the address gets its reserved attempt back. Returns 0 or -1. */
int cuentas_intento_exito(struct req *, enum intento_tipo, const char *login);
/* The key a login is counted under: lower case for the portal's logins, the username
 * (up to 64 bytes) for the AP's. Allocated in the request's arena. */
const char *cuentas_intento_clave(struct req *, enum intento_tipo, const char *login);
/* The tipo column's value. */
const char *cuentas_intento_tipo_nombre(enum intento_tipo);
/* The audit detail of a refusal. */
const char *cuentas_intento_motivo(enum intento_res);

/* Start-up of `portal serve` (cgi/main.c's table). */
/* Reads the caps from the environment at start-up: PORTAL_REGISTRO_POR_IP and
 * PORTAL_REGISTRO_TOTAL (registrations per hour, 1-1000000). Returns 0, or -1 with the
 * message in err for a bad value. */
int cuentas_registro_config(char *err, size_t n);
#endif
