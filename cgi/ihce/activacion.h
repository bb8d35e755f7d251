/* Activation of IHCE keys by the delegate (manual IHCE v2): a one-time code, mailed as a
 * QR image and as text, whose entry enables the keys and signs the security declaration. */
#ifndef ACTIVACION_H
#define ACTIVACION_H
#include "ihce/ihce.h"
#include "core/req.h"

#define ACTIVACION_DIAS		7	/* a code works this many days */
#define CODIGO_LEN		19	/* four groups of four characters and three dashes */

/* Why an entered code was refused (ihce_activate). */
enum activar_rc {
	ACT_OK = 0,
	ACT_ERROR = -1,		/* database failure (logged) */
	ACT_NO_VALIDO = -2,	/* unknown, or another entity's */
	ACT_USADO = -3,
	ACT_ANULADO = -4,	/* a newer code replaced it */
	ACT_VENCIDO = -5,
};

/* Inside the caller's transaction: voids the entity's waiting code, issues a new one for
 * request s and queues the mail with its QR image to the entity's delegates. The code
 * (CODIGO_LEN characters) goes to codigo when not NULL. Returns 0 or -1. */
int activacion_issue(struct req *, const struct solicitud *s, char *codigo);
/* Whether the entity has a code waiting to be entered (its keys are not enabled yet);
 * its expiry goes to expira when not NULL. Entities with no codes at all (keys older
 * than activation) count as enabled. */
int activacion_pendiente(long long entidad_id, long long *expira);
/* The delegate of r's session enters codigo (any case, dashes and blanks ignored): one
 * transaction recording who, when, the address and the user agent, audited. */
enum activar_rc ihce_activate(struct req *, const char *codigo);
/* An official issues a new code for request id (the waiting one is voided), with its
 * mail and audit entry. IHCE_NO_PERMITIDO when the entity has no code waiting. */
enum ihce_rc ihce_reissue(struct req *, long long id);
/* Whether s (CODIGO_LEN or 16 characters after dropping dashes and blanks) looks like a
 * code. */
int v_codigo_activacion(const char *s);
#endif
