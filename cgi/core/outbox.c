#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/log.h"
#include "core/outbox.h"
#include "core/secret.h"

#define LEGADO_LOTE	64	/* clear bodies sealed per read (outbox_seal_legado) */

/* The additional data binding a sealed body to its message row. */
static void
cuerpo_ad(long long id, char out[64])
{
	snprintf(out, 64, "correo.cuerpo:%lld", id);
}

/* The additional data binding an attachment's sealed data to its row and its message. */
static void
adjunto_ad(long long correo_id, long long adjunto_id, char out[80])
{
	snprintf(out, 80, "correo_adjunto.datos:%lld:%lld", correo_id, adjunto_id);
}

/* Seals body to message id's row. Returns 0 or -1. */
static int
seal_cuerpo(long long id, const char *cuerpo)
{
	struct arena *a = arena_new();
	unsigned char *ct;
	char ad[64];
	size_t len;
	int rc = -1;

	if (a == NULL)
		return -1;
	cuerpo_ad(id, ad);
	ct = secret_seal(a, cuerpo, ad, &len);
	if (db_exec(ST_CORREO_SELLAR, "bi", ct, (int)len, id) == 0 && db_changes() == 1)
		rc = 0;
	arena_free(a);
	return rc;
}

/* Seals n bytes of data to attachment adjunto_id of message correo_id. Returns 0 or -1. */
static int
seal_adjunto(long long correo_id, long long adjunto_id, const void *datos, size_t n)
{
	struct arena *a = arena_new();
	unsigned char *ct;
	char ad[80];
	size_t len;
	int rc = -1;

	if (a == NULL)
		return -1;
	adjunto_ad(correo_id, adjunto_id, ad);
	ct = secret_seal_n(a, datos, n, ad, &len);
	if (db_exec(ST_ADJUNTO_SELLAR, "bi", ct, (int)len, adjunto_id) == 0 && db_changes() == 1)
		rc = 0;
	arena_free(a);
	return rc;
}

long long
outbox_add_secreto(const char *para, const char *asunto, const char *cuerpo, long long now,
    long long caduca)
{
	long long id;

	/* The row first: its id is what the sealed body is bound to. */
	if ((caduca > 0 ? db_exec(ST_CORREO_INSERT, "ttii", para, asunto, now, caduca) :
	    db_exec(ST_CORREO_INSERT, "ttin", para, asunto, now)) != 0)
		return -1;
	id = db_last_id();
	return seal_cuerpo(id, cuerpo) == 0 ? id : -1;
}

int
outbox_add(const char *para, const char *asunto, const char *cuerpo, long long now)
{
	return outbox_add_secreto(para, asunto, cuerpo, now, 0) > 0 ? 0 : -1;
}

/* Queues the message to each address st (bound, not yet stepped) returns, up to 64.
 * Returns 0 or -1. */
static int
outbox_each(struct arena *a, struct db_stmt *st, const char *asunto, const char *cuerpo,
    long long now)
{
	const char *para[64];
	size_t n = 0, i;
	int rc;

	if (st == NULL)
		return -1;
	/* Collect first: the insert below uses the connection the read is stepping. */
	while ((rc = db_step(st)) == DB_ROW && n < 64)
		para[n++] = db_text(a, st, 0);
	db_reset(st);
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
outbox_delegados(struct arena *a, long long entidad_id, const char *asunto,
    const char *cuerpo, long long now)
{
	return outbox_each(a, db_stmt(ST_DELEGADOS_CORREO_BY_ENTIDAD, "i", entidad_id), asunto,
	    cuerpo, now);
}

int
outbox_entidad(struct arena *a, long long entidad_id, long long excepto, const char *asunto,
    const char *cuerpo, long long now)
{
	return outbox_each(a, db_stmt(ST_USUARIOS_CORREO_BY_ENTIDAD, "ii", entidad_id, excepto),
	    asunto, cuerpo, now);
}

int
outbox_adjunto(long long correo_id, const char *cid, const char *nombre, const char *tipo,
    const void *datos, size_t len)
{
	if (db_exec(ST_ADJUNTO_INSERT, "ittt", correo_id, cid, nombre, tipo) != 0)
		return -1;
	return seal_adjunto(correo_id, db_last_id(), datos, len);
}

char *
outbox_open(struct arena *a, long long id, const void *ct, size_t len)
{
	char ad[64];

	cuerpo_ad(id, ad);
	return secret_open(a, ct, len, ad);
}

void *
outbox_adjunto_open(struct arena *a, long long correo_id, long long adjunto_id,
    const void *ct, size_t len, size_t *n)
{
	char ad[80];

	adjunto_ad(correo_id, adjunto_id, ad);
	return secret_open_n(a, ct, len, ad, n);
}

/* outbox_clean's transaction: what expired wiped, n how many messages. */
struct limpieza {
	long long	now;
	int		n;
};

static int
clean_tx(void *arg)
{
	struct limpieza *l = arg;
	int rc;

	if ((rc = db_exec(ST_CORREO_CADUCAR, "i", l->now)) != 0)
		return rc;
	l->n = db_changes();
	return db_exec(ST_ADJUNTOS_HUERFANOS, "");
}

int
outbox_clean(long long now)
{
	struct limpieza l = { now, 0 };

	if (db_exec(ST_SECURE_DELETE, "") != 0)
		return -1;
	/* Every command and each mailer pass run it: on PostgreSQL, another host doing the
	 * same at once fails one of them to serialize; it runs again instead of stopping a
	 * host's start-up. */
	return db_tx_run(clean_tx, &l, 5) == 0 ? l.n : -1;
}

/* Seals the attachments of message id (queued in clear before 016). Returns 0 or -1. */
static int
seal_adjuntos_legado(struct arena *a, long long id)
{
	struct db_stmt *st = db_stmt(ST_ADJUNTOS_BY_CORREO, "i", id);
	long long ids[8];
	const void *datos[8];
	size_t len[8], n = 0, i;

	/* Collect first: sealing writes on the connection the read is stepping. */
	while (st != NULL && n < 8 && db_step(st) == DB_ROW) {
		ids[n] = db_col_int64(st, 0);
		len[n] = (size_t)db_col_bytes(st, 4);
		datos[n] = memcpy(arena_alloc(a, len[n] + 1), db_col_blob(st, 4) ?
		    db_col_blob(st, 4) : "", len[n]);
		n++;
	}
	if (st == NULL)
		return -1;
	db_reset(st);
	for (i = 0; i < n; i++)
		if (seal_adjunto(id, ids[i], datos[i], len[i]) < 0)
			return -1;
	return 0;
}

/* Seals up to LEGADO_LOTE clear bodies and their attachments in one transaction.
 * Returns how many, or -1. */
static int
seal_lote(struct arena *a)
{
	struct db_stmt *st;
	long long ids[LEGADO_LOTE];
	const char *cuerpos[LEGADO_LOTE];
	int n = 0, i;

	if (db_begin() < 0 || (st = db_stmt(ST_CORREO_EN_CLARO, "")) == NULL)
		goto fail;
	while (n < LEGADO_LOTE && db_step(st) == DB_ROW) {
		ids[n] = db_col_int64(st, 0);
		cuerpos[n++] = db_text(a, st, 1);
	}
	db_reset(st);
	for (i = 0; i < n; i++)
		if (seal_cuerpo(ids[i], cuerpos[i]) < 0 || seal_adjuntos_legado(a, ids[i]) < 0)
			goto fail;
	if (db_commit() < 0)
		goto fail;
	return n;
fail:
	db_rollback();
	return -1;
}

int
outbox_seal_legado(void)
{
	struct arena *a = arena_new();
	int n, total = 0;

	if (a == NULL || db_exec(ST_SECURE_DELETE, "") != 0) {
		arena_free(a);
		return -1;
	}
	while ((n = seal_lote(a)) > 0) {
		total += n;
		arena_reset(a);
	}
	arena_free(a);
	if (n < 0) {
		log_err("outbox: could not seal the bodies queued in clear");
		return -1;
	}
	/* The clear text's old page images leave the WAL too. */
	if (total > 0) {
		db_exec(ST_WAL_TRUNCAR, "");
		log_info("outbox: sealed %d message(s) queued in clear", total);
	}
	return total;
}
