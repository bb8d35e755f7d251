#include <string.h>

#include <sodium.h>

#include "core/db.h"
#include "cuentas/enlace.h"
#include "core/log.h"
#include "core/token.h"

const char *
cuentas_enlace_issue(struct req *r, long long usuario_id, const char *proposito)
{
	unsigned char h[32];
	char tok[TOKEN_LEN + 1];

	token_make(tok);
	token_hash(tok, h);
	if (db_exec(ST_ENLACE_ANULAR, "ii", r->now, usuario_id) < 0 ||
	    db_exec(ST_ENLACE_INSERT, "bitii", h, 32, usuario_id, proposito, r->now,
	    r->now + ENLACE_VIDA) < 0)
		return NULL;
	return arena_printf(r->a, "%s/clave/%s", req_site_url(r), tok);
}

enum enlace_estado
cuentas_enlace_find(struct req *r, const char *token, struct enlace *e)
{
	enum enlace_estado est = ENLACE_DESCONOCIDO;
	unsigned char h[32];
	struct db_stmt *st;

	memset(e, 0, sizeof(*e));
	if (token == NULL || strlen(token) != TOKEN_LEN)
		return ENLACE_DESCONOCIDO;
	token_hash(token, h);
	if ((st = db_stmt(ST_ENLACE_GET, "b", h, 32)) == NULL)
		return ENLACE_DESCONOCIDO;
	if (db_step(st) == DB_ROW) {
		e->id = db_col_int64(st, 0);
		e->usuario_id = db_col_int64(st, 1);
		e->proposito = db_text(r->a, st, 2);
		if (!db_col_null(st, 4))
			est = ENLACE_USADO;
		else if (db_col_int64(st, 3) <= r->now)
			est = ENLACE_VENCIDO;
		else
			est = ENLACE_VALIDO;
	}
	db_reset(st);
	return est;
}

int
cuentas_enlace_use(struct req *r, const struct enlace *e)
{
	if (db_exec(ST_ENLACE_USAR, "iii", r->now, e->id, r->now) < 0)
		return -1;
	return db_changes() == 1 ? 0 : -1;
}
