/*
 * The user row of ST_USUARIO_BY_ID (cgi/cuentas/sql.c), read by name (cgi/cuentas/sql.h). Apart
 * from the statement tables, which tests/pg/preparar.c links alone.
 */
#include <string.h>

#include "core/db.h"
#include "cuentas/sql.h"

int
cuentas_usuario_get(struct arena *a, long long id, struct usuario_fila *u)
{
	struct db_stmt *st = db_stmt(ST_USUARIO_BY_ID, "i", id);
	int rc;

	memset(u, 0, sizeof(*u));
	if (st == NULL)
		return -1;
	if ((rc = db_step(st)) == DB_ROW) {
		u->login = db_text(a, st, 0);
		u->num_doc = db_text(a, st, 1);
		u->pass_hash = db_text(a, st, 2);
		u->nombre = db_text(a, st, 3);
		u->correo = db_text(a, st, 4);
		u->activo = db_col_int(st, 5);
	}
	db_reset(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}
