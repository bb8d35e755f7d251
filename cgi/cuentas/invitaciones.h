/* Invitations to an authorization (issue 11 §2): a delegate's "Nuevo" writes the
 * authorization inactive and invites the person; it becomes active only when the person
 * accepts, logged in as themselves with the mailed one-time link (a random 256-bit token,
 * only its SHA-256 stored, INVITACION_VIDA), or — for an account the entity itself created
 * and that has no password yet — by setting that account's first password. */
#ifndef INVITACION_H
#define INVITACION_H
#include "core/req.h"

#define INVITACION_VIDA	(7 * 24 * 60 * 60)

/* The person as the delegate typed them: kept with the invitation, shown to the delegate
 * until the person accepts, never written to an existing account. */
struct invitado {
	const char	*tipo_doc, *num_doc, *sexo, *correo, *pn, *sn, *pa, *sa;
};

/* Writes the invitation to authorization rol_id (any earlier waiting one is voided) in the
 * caller's transaction. cuenta_nueva: the account was created by the entity and its first
 * password accepts. Returns the absolute URL of the acceptance page to mail (in the arena),
 * or NULL on error. */
const char *cuentas_invitacion_issue(struct req *, long long rol_id, int cuenta_nueva,
    const struct invitado *);
/* After uid's first password was set through a mailed link (in the caller's transaction):
 * accepts uid's waiting invitations with cuenta_nueva, audited as login. Returns how many,
 * or -1. */
int cuentas_invitaciones_cuenta_nueva(struct req *, long long uid, const char *login);
/* The authorization of uid's oldest waiting invitation (a login without an active role
 * rests its session on it), 0 when none. */
long long cuentas_invitacion_pendiente_rol(struct req *, long long uid);
#endif
