/* One-time links that set or reset a password: a random 256-bit token in the URL, only its
 * SHA-256 stored, usable once and for 24 hours. */
#ifndef ENLACE_H
#define ENLACE_H
#include "core/req.h"

#define ENLACE_VIDA	(24 * 60 * 60)

enum enlace_estado {
	ENLACE_VALIDO,
	ENLACE_USADO,		/* used, or superseded by a newer link */
	ENLACE_VENCIDO,
	ENLACE_DESCONOCIDO,
};

struct enlace {
	long long	 id, usuario_id;
	const char	*proposito;	/* 'activar' or 'restablecer' */
};

/* Issues a link for the user (in the caller's transaction): the user's earlier links stop
 * working. Returns the absolute URL to mail, in the arena, or NULL on error. */
const char *cuentas_enlace_issue(struct req *, long long usuario_id, const char *proposito);
/* Looks token up and fills e. Returns its state. */
enum enlace_estado cuentas_enlace_find(struct req *, const char *token, struct enlace *e);
/* Marks e used (in the caller's transaction). Returns 0, or -1 when it was used or expired
 * meanwhile. */
int cuentas_enlace_use(struct req *, const struct enlace *e);
#endif
