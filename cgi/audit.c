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
