/* Entity types as registration offers them: login prefix and role of their delegate. */
#ifndef REGISTRO_H
#define REGISTRO_H
#include <stddef.h>

struct tipo_entidad {
	const char	*tipo;		/* entidad.tipo */
	const char	*nombre;	/* as the form shows it */
	const char	*prefijo;	/* login = prefijo + NIT */
	const char	*rol;		/* the delegado administrativo's role */
	const char	*modulo;	/* the module the type belongs to, as mails name it */
	const char	*mod;		/* its code in the form's module select */
};

/* Every type but MSPS, ending with a NULL tipo. */
extern const struct tipo_entidad tipos_entidad[];
/* The type named tipo, or NULL. */
const struct tipo_entidad *cuentas_tipo_entidad_find(const char *tipo);

/* Fills v's FORMATO rows (PREFIJO, TIPO, MODULO: a delegate's login is PREFIJO + NIT) and
 * TIPO_DOC rows (CODIGO, NOMBRE: a person's login is CODIGO + document number), for the
 * pages that explain the logins. */
struct view;
void cuentas_registro_formatos(struct view *);

/* Registrations (both forms) per hour by default: from one client address, and in all. */
#define REGISTRO_CUPO_IP	5
#define REGISTRO_CUPO_TOTAL	200
#endif
