#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "ihce/activacion.h"
#include "core/audit.h"
#include "core/buf.h"
#include "core/db.h"
#include "core/log.h"
#include "core/qr.h"
#include "core/session.h"
#include "core/text.h"

/* 32 letters and digits that cannot be mistaken for one another (no I, O, 0, 1). */
static const char alfabeto[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/* The code's 16 characters, upper case, without dashes and blanks, into out[17].
 * Returns 0, or -1 when s is not a code. */
static int
normalize_codigo(const char *s, char out[17])
{
	size_t n = 0;

	for (; *s; s++) {
		if (*s == '-' || *s == ' ')
			continue;
		if (n == 16 || strchr(alfabeto, toupper((unsigned char)*s)) == NULL)
			return -1;
		out[n++] = (char)toupper((unsigned char)*s);
	}
	out[n] = '\0';
	return n == 16 ? 0 : -1;
}

int
v_codigo_activacion(const char *s)
{
	char n[17];

	return strlen(s) <= 40 && normalize_codigo(s, n) == 0;
}

static void
hash_codigo(const char norm[17], unsigned char h[crypto_hash_sha256_BYTES])
{
	crypto_hash_sha256(h, (const unsigned char *)norm, 16);
}

/* A new random code: 80 bits as four groups of four characters joined by dashes (the
 * alphabet below), into out[CODIGO_LEN + 1]. */
static void
nuevo_codigo(char out[CODIGO_LEN + 1])
{
	unsigned char b[16];
	int i, o = 0;

	randombytes_buf(b, sizeof(b));
	for (i = 0; i < 16; i++) {
		if (i > 0 && i % 4 == 0)
			out[o++] = '-';
		out[o++] = alfabeto[b[i] & 31];
	}
	out[o] = '\0';
}

/* Queues the activation mail with the QR of link to each delegate of the entity. */
static int
mail_activacion(struct req *r, const struct solicitud *s, const char *codigo,
    const char *link, long long expira)
{
	struct buf png = { 0 };
	const char *para[64], *cuerpo;
	struct db_stmt *st;
	size_t n = 0, i;
	long long id;
	int rc = -1;

	if (qr_png(&png, link) < 0)
		return -1;
	cuerpo = arena_printf(r->a, "El Ministerio de Salud registró las llaves de "
	    "interoperabilidad de su entidad. Ingrese al portal, opción Visualización de llaves, "
	    "para consultarlas.\n\nAntes de verlas, active las llaves: escanee el código QR de "
	    "este mensaje, o abra este enlace:\n%s\n\no escriba en la opción Activar llaves "
	    "este código de activación:\n\nCódigo de activación: %s\n\nEl código sirve una sola "
	    "vez y vence el %s (hora de Colombia). Al ingresarlo, usted firma la declaración de "
	    "seguridad del proveedor: queda registrado quién lo ingresó, cuándo y desde dónde.\n",
	    link, codigo, fecha_local(r->a, expira));
	st = db_stmt(ST_USUARIOS_CORREO_BY_ROL_ENTIDAD, "ti", "securityAdmin_IHCE_IPS",
	    s->entidad_id);
	while (st != NULL && n < 64 && db_step(st) == DB_ROW)
		para[n++] = db_text(r->a, st, 0);
	if (st == NULL)
		goto out;
	db_reset(st);
	for (i = 0; i < n; i++)
		if ((id = outbox_add_secreto(para[i], "Llaves IHCE disponibles", cuerpo, r->now,
		    expira)) < 0 || outbox_adjunto(id, "qr-activacion@portal", "activacion.png",
		    "image/png", png.p, png.len) < 0)
			goto out;
	rc = 0;
out:
	buf_free(&png);
	return rc;
}

int
activacion_issue(struct req *r, const struct solicitud *s, char *out)
{
	char codigo[CODIGO_LEN + 1], norm[17];
	unsigned char h[crypto_hash_sha256_BYTES];
	long long expira = r->now + ACTIVACION_DIAS * 86400LL;
	const char *link;

	nuevo_codigo(codigo);
	normalize_codigo(codigo, norm);
	hash_codigo(norm, h);
	link = arena_printf(r->a, "%s/ihce/activar?codigo=%s", req_site_url(r), codigo);
	if (db_exec(ST_ACTIVACION_ANULAR, "ii", r->now, s->entidad_id) < 0 ||
	    db_exec(ST_ACTIVACION_INSERT, "iibiii", s->entidad_id, s->id, h, (int)sizeof(h),
	    r->now, expira, r->sess->usuario_id) < 0 ||
	    mail_activacion(r, s, codigo, link, expira) < 0)
		return -1;
	if (out != NULL)
		memcpy(out, codigo, CODIGO_LEN + 1);
	sodium_memzero(codigo, sizeof(codigo));
	return 0;
}

int
activacion_pendiente(long long entidad_id, long long *expira)
{
	struct db_stmt *st = db_stmt(ST_ACTIVACION_PENDIENTE, "i", entidad_id);
	int found = 0;

	if (st != NULL && db_step(st) == DB_ROW) {
		found = 1;
		if (expira != NULL)
			*expira = db_col_int64(st, 2);
	}
	if (st != NULL)
		db_reset(st);
	return found;
}

/* Why code row (id, entidad, expira, usado, anulado) cannot be used by entidad_id now. */
static enum activar_rc
motivo(struct req *r, struct db_stmt *st, long long *id)
{
	*id = db_col_int64(st, 0);
	if (db_col_int64(st, 1) != r->sess->entidad_id)
		return ACT_NO_VALIDO;
	if (!db_col_null(st, 3))
		return ACT_USADO;
	if (!db_col_null(st, 4))
		return ACT_ANULADO;
	if (db_col_int64(st, 2) <= r->now)
		return ACT_VENCIDO;
	return ACT_OK;
}

enum activar_rc
ihce_activate(struct req *r, const char *codigo)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char norm[17];
	struct db_stmt *st;
	enum activar_rc rc = ACT_NO_VALIDO;
	long long id = 0;

	if (normalize_codigo(codigo, norm) < 0)
		return ACT_NO_VALIDO;
	hash_codigo(norm, h);
	if (db_begin() < 0)
		return ACT_ERROR;
	if ((st = db_stmt(ST_ACTIVACION_BY_HASH, "b", h, (int)sizeof(h))) == NULL)
		rc = ACT_ERROR;
	else if (db_step(st) == DB_ROW)
		rc = motivo(r, st, &id);
	if (st != NULL)
		db_reset(st);
	if (rc != ACT_OK)
		goto fail;
	rc = ACT_ERROR;
	if (db_exec(ST_ACTIVACION_USAR, "iittiii", r->now, r->sess->usuario_id, r->ip,
	    r->ua ? r->ua : "", id, r->sess->entidad_id, r->now) < 0 || db_changes() != 1)
		goto fail;
	if (audit(r, "ihce_activar_llaves", "activacion %lld entidad %s agente %.300s", id,
	    r->sess->nit, r->ua ? r->ua : "") < 0 || db_commit() < 0)
		goto fail;
	return ACT_OK;
fail:
	db_rollback();
	return rc;
}

enum ihce_rc
ihce_reissue(struct req *r, long long id)
{
	struct solicitud s;

	if (!ihce_solicitud_get(r->a, id, &s))
		return IHCE_NO_EXISTE;
	if (db_begin() < 0)
		return IHCE_ERROR;
	if (!s.vigente || !activacion_pendiente(s.entidad_id, NULL)) {
		db_rollback();
		return IHCE_NO_PERMITIDO;
	}
	if (activacion_issue(r, &s, NULL) < 0 ||
	    audit(r, "ihce_reemitir_activacion", "solicitud %lld entidad %s", id, s.nit) < 0 ||
	    db_commit() < 0) {
		db_rollback();
		return IHCE_ERROR;
	}
	return IHCE_OK;
}
