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
#ifndef INTENTO_H
#define INTENTO_H
#include "core/req.h"

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
enum intento_res intento_reservar(struct req *, enum intento_tipo, const char *login);
/* Which lock holds now for login from the request's address (INTENTO_OK: none), without
 * counting anything. */
enum intento_res intento_estado(struct req *, enum intento_tipo, const char *login);
/* Gives the reserved attempt back: it was not a failure (right password, with a second
 * step still due; an account waiting for approval). Returns 0 or -1. */
int intento_devolver(struct req *, enum intento_tipo, const char *login);
/* After a complete authentication: the (login, address) count and the login's consecutive
 * failures start again, and the address gets its reserved attempt back. Returns 0 or -1. */
int intento_exito(struct req *, enum intento_tipo, const char *login);
/* The key a login is counted under: lower case for the portal's logins, the username
 * (up to 64 bytes) for the AP's. Allocated in the request's arena. */
const char *intento_clave(struct req *, enum intento_tipo, const char *login);
/* The tipo column's value. */
const char *intento_tipo_nombre(enum intento_tipo);
/* The audit detail of a refusal. */
const char *intento_motivo(enum intento_res);
#endif
