#include <stdarg.h>
#include <stdio.h>

#include "core/audit.h"
#include "core/db.h"
#include "core/roles.h"
#include "core/session.h"
#include "core/text.h"

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
aviso_credencial(const struct req *r, const char *rol, const char *que)
{
	const struct session *s = r->sess;
	const char *asunto = arena_printf(r->a, "Portal de Interoperabilidad: cambio de "
	    "credenciales de %s", s->razon);
	const char *cuerpo = arena_printf(r->a, "Señor(a) %s:\n\n%s\n\n"
	    "Quién: %s (usuario %s), con el rol %s de %s (NIT %s).\n"
	    "Cuándo: %s.\nDesde la dirección: %s.\n\n"
	    "Por seguridad, este mensaje no incluye la credencial. Si no reconoce este cambio, "
	    "comuníquese de inmediato con la mesa de ayuda del Ministerio de Salud y Protección "
	    "Social y revise las personas autorizadas de su entidad.\n",
	    rol == NULL ? "delegado(a) administrativo(a)" : rol_etiqueta(rol), que,
	    s->nombre, s->login, role_label(s->role), s->razon, s->nit, fecha_local(r->a, r->now),
	    r->ip);

	if (rol != NULL)
		return outbox_rol(r->a, rol, 0, asunto, cuerpo, r->now);
	return outbox_delegados(r->a, s->entidad_id, asunto, cuerpo, r->now);
}
