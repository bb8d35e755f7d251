/* The append-only audit trail and the mail outbox, written in the caller's transaction. */
#ifndef AUDIT_H
#define AUDIT_H
#include "req.h"

/* Records accion by the session's user (or anonymous) with a formatted detail.
 * Returns 0, or -1 when it could not be written (the caller's change must not commit). */
int audit(const struct req *, const char *accion, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Records accion for a user who has no session yet (login). */
int audit_as(const struct req *, long long usuario_id, const char *login,
    const char *accion, const char *detalle);

/* Queues a message. Returns 0 or -1. */
int outbox_add(const char *para, const char *asunto, const char *cuerpo, long long now);
/* Queues a message to every active holder of rol (for entidad_id, or any when 0).
 * Returns 0 or -1. */
int outbox_rol(struct arena *, const char *rol, long long entidad_id, const char *asunto,
    const char *cuerpo, long long now);
/* Queues a message to every active person of entity entidad_id (any role: its delegates and
 * autorizados) but user excepto. Returns 0 or -1. */
int outbox_entidad(struct arena *, long long entidad_id, long long excepto, const char *asunto,
    const char *cuerpo, long long now);
#endif
