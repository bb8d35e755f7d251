#include <stdarg.h>
#include <stdio.h>

#include "audit.h"
#include "db.h"
#include "session.h"

int
audit(const struct req *r, const char *accion, const char *fmt, ...)
{
	const struct session *s = r->sess;
	char detalle[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detalle, sizeof(detalle), fmt, ap);
	va_end(ap);
	return db_exec(ST_AUDIT_INSERT, "iittittt", r->now, s ? s->usuario_id : 0,
	    s ? s->login : NULL, s ? s->rol : NULL, s ? s->entidad_id : 0, r->ip, accion,
	    detalle) == 0 ? 0 : -1;
}

int
audit_as(const struct req *r, long long usuario_id, const char *login, const char *accion,
    const char *detalle)
{
	return db_exec(ST_AUDIT_INSERT, "iitnnttt", r->now, usuario_id, login, r->ip, accion,
	    detalle) == 0 ? 0 : -1;
}

int
outbox_add(const char *para, const char *asunto, const char *cuerpo, long long now)
{
	return db_exec(ST_CORREO_INSERT, "ttti", para, asunto, cuerpo, now) == 0 ? 0 : -1;
}

/* Queues the message to each address st (bound, not yet stepped) returns, up to 64.
 * Returns 0 or -1. */
static int
outbox_each(struct arena *a, sqlite3_stmt *st, const char *asunto, const char *cuerpo,
    long long now)
{
	const char *para[64];
	size_t n = 0, i;
	int rc;

	if (st == NULL)
		return -1;
	/* Collect first: the insert below uses the connection the read is stepping. */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < 64)
		para[n++] = db_text(a, st, 0);
	sqlite3_reset(st);
	for (i = 0; i < n; i++)
		if (outbox_add(para[i], asunto, cuerpo, now) < 0)
			return -1;
	return 0;
}

int
outbox_rol(struct arena *a, const char *rol, long long entidad_id, const char *asunto,
    const char *cuerpo, long long now)
{
	return outbox_each(a, entidad_id ? db_stmt(ST_USUARIOS_CORREO_BY_ROL_ENTIDAD, "ti", rol,
	    entidad_id) : db_stmt(ST_USUARIOS_CORREO_BY_ROL, "t", rol), asunto, cuerpo, now);
}

int
outbox_entidad(struct arena *a, long long entidad_id, long long excepto, const char *asunto,
    const char *cuerpo, long long now)
{
	return outbox_each(a, db_stmt(ST_USUARIOS_CORREO_BY_ENTIDAD, "ii", entidad_id, excepto),
	    asunto, cuerpo, now);
}
