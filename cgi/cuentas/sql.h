/*
 * The rows of the accounts' statements (cgi/cuentas/sql.c) read in more than one place,
 * by name: a column is <statement>_<column>, a whole row a fill function beside its SQL.
 */
#ifndef CUENTAS_SQL_H
#define CUENTAS_SQL_H
#include "core/arena.h"

enum usuario_by_login_col {	/* ST_USUARIO_BY_LOGIN */
	USUARIO_BY_LOGIN_ID, USUARIO_BY_LOGIN_LOGIN, USUARIO_BY_LOGIN_PASS_HASH,
	USUARIO_BY_LOGIN_ACTIVO, USUARIO_BY_LOGIN_APROBACION,
};

/* A user as ST_USUARIO_BY_ID reads it; the strings in the caller's arena, NULL when NULL. */
struct usuario_fila {
	const char	*login, *num_doc, *pass_hash, *nombre, *correo;
	int		 activo;
};
/* Reads user id into *u (cgi/cuentas/usuario.c). Returns 1, 0 when there is no such user (u zeroed), or -1 (u
 * zeroed). */
int cuentas_usuario_get(struct arena *, long long id, struct usuario_fila *u);
#endif
