/* The append-only audit trail, written in the caller's transaction (and, through cgi/core/outbox.h,
 * the mail outbox). */
#ifndef AUDIT_H
#define AUDIT_H
#include "core/outbox.h"
#include "core/req.h"

/* Records accion by the session's user (or anonymous) with a formatted detail.
 * Returns 0, or -1 when it could not be written (the caller's change must not commit). */
int audit(const struct req *, const char *accion, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Records accion for a user who has no session yet (login). */
int audit_as(const struct req *, long long usuario_id, const char *login,
    const char *accion, const char *detalle);
/* Tells who answers for a credential that it changed: with rol NULL the delegates of the
 * session's entity (outbox_delegados), else every active holder of rol. que is the
 * sentence saying what changed; the mail adds who, when and from which address, never the
 * secret. In the caller's transaction. Returns 0 or -1. */
int aviso_credencial(const struct req *, const char *rol, const char *que);
#endif
