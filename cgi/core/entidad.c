#include <ctype.h>
#include <string.h>

#include "core/db.h"
#include "core/entidad.h"
#include "core/persona.h"

/* Folds the two-byte UTF-8 Latin letters Spanish uses (á é í ó ú ü ñ, either case). */
static char
fold2(unsigned char b)
{
	static const char map[] = "aaaaaaaceeeeiiiidnooooo/ouuuuyty";

	return (b >= 0x80 && b <= 0xbf && b != 0x97 && b != 0xb7) ? map[b & 0x1f] : 0;
}

char *
fold_search(struct arena *a, const char *s)
{
	char *out = arena_alloc(a, strlen(s) + 1), *o = out, f;
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		if (*p == 0xc3 && p[1] != '\0' && (f = fold2(p[1])) != 0) {
			*o++ = f;
			p += 2;
		} else
			*o++ = (char)tolower(*p++);
	}
	*o = '\0';
	return out;
}

/* Maps db_exec's answer and the new id to the accessors' convention: an INSERT ... ON
 * CONFLICT DO NOTHING that inserted nothing is 0, as a constraint's refusal. */
static long long
inserted(int rc)
{
	if (rc == 0)
		return db_changes() > 0 ? db_last_id() : 0;
	return rc == DB_CONSTRAINT ? 0 : -1;
}

long long
db_entidad_insert(struct arena *a, const char *nit, const char *razon, const char *tipo,
    const char *codigo, long long now)
{
	return inserted(db_exec(ST_ENTIDAD_INSERT, "ttttti", nit, razon, fold_search(a, razon),
	    tipo, codigo, now));
}

long long
db_usuario_insert(const char *login, const char *nombre, const char *correo,
    const char *tipo_doc, const char *num_doc, const char *pass_hash, long long now)
{
	return inserted(db_exec(ST_USUARIO_INSERT, "tttttti", login, nombre, correo, tipo_doc,
	    num_doc, pass_hash, now));
}

long long
db_usuario_insert_persona(struct arena *a, const char *login, const struct nombres *n,
    const char *correo, const char *tipo_doc, const char *num_doc, long long now)
{
	return inserted(db_exec(ST_USUARIO_INSERT_PERSONA, "tttttttttti", login,
	    nombres_junto(a, n), correo, tipo_doc, num_doc, NULL, n->pn, n->sn, n->pa, n->sa,
	    now));
}

long long
db_rol_insert(long long usuario_id, long long entidad_id, const char *rol)
{
	return inserted(db_exec(ST_ROL_INSERT, "iit", usuario_id, entidad_id, rol));
}

long long
db_entidad_id_by_nit(const char *nit)
{
	struct db_stmt *st = db_stmt(ST_ENTIDAD_BY_NIT, "t", nit);
	long long id = 0;

	if (st != NULL && db_step(st) == DB_ROW)
		id = db_col_int64(st, ENTIDAD_BY_NIT_ID);
	if (st != NULL)
		db_reset(st);
	return id;
}
