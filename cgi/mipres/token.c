/*
 * MIPRES web-service tokens (spec/mipres.md, "Tokens"): the user token is a GUID made in
 * the portal, stored only as SHA-256 with its last characters; GenerarToken trades it for a
 * temporary token (44 characters of base64url ending in '=') valid 24 hours, also stored
 * only hashed, that dies with its user token.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <strings.h>

#include <sodium.h>

#include "core/audit.h"
#include "core/comando.h"
#include "core/db.h"
#include "core/entidad.h"
#include "core/log.h"
#include "mipres/generar_token.h"
#include "mipres/mipres.h"
#include "core/session.h"
#include "core/valid.h"

#define TOKEN_VECES	5	/* runs of mipres-token's transaction that fails to serialize */

int
mipres_tipo_es_eps(const char *tipo)
{
	return tipo != NULL && (strcmp(tipo, "EPSC") == 0 || strcmp(tipo, "EPSS") == 0);
}

int
mipres_audit(struct req *r, const struct mipres_quien *q, const char *accion, const char *detalle)
{
	struct session *keep = r->sess, s;
	int rc;

	/* Pages audit as their session; the API as its token's entity. */
	if (keep == NULL) {
		memset(&s, 0, sizeof(s));
		s.login = arena_printf(r->a, "API MIPRES %s", q->nit);
		s.rol = "API_MIPRES";
		s.entidad_id = q->entidad_id;
		r->sess = &s;
	}
	rc = audit(r, accion, "%s", detalle);
	r->sess = keep;
	return rc;
}

/* SHA-256 of a token's text, lower-cased first (GUIDs travel in either case). */
static void
hash_de(const char *tok, unsigned char out[32])
{
	char low[64];
	size_t i, n = strlen(tok);

	if (n >= sizeof(low))
		n = sizeof(low) - 1;
	for (i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)tok[i]);
	low[n] = '\0';
	crypto_hash_sha256(out, (const unsigned char *)low, n);
}

int
mipres_token_nuevo(long long entidad_id, const char *regimen, long long usuario_id, long long now,
    char out[MP_GUID_LEN + 1])
{
	unsigned char b[16], h[32];

	randombytes_buf(b, sizeof(b));
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);	/* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);	/* RFC 4122 variant */
	snprintf(out, MP_GUID_LEN + 1, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8],
	    b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
	hash_de(out, h);
	if (db_exec(ST_MIPRES_TOKEN_REVOCAR, "iit", now, entidad_id, regimen) < 0)
		return -1;
	/* The operator command has no user: creado_por stays NULL. */
	if (usuario_id == 0)
		return db_exec(ST_MIPRES_TOKEN_INSERT, "itbtin", entidad_id, regimen, h, 32,
		    out + MP_GUID_LEN - MP_FINAL_LEN, now) == 0 ? 0 : -1;
	return db_exec(ST_MIPRES_TOKEN_INSERT, "itbtii", entidad_id, regimen, h, 32,
	    out + MP_GUID_LEN - MP_FINAL_LEN, now, usuario_id) == 0 ? 0 : -1;
}

int
mipres_token_temporal(struct req *r, const char *nit, const char *user_token,
    char out[MP_TEMP_LEN + 1])
{
	unsigned char h[32], raw[32], th[32];
	struct mipres_quien q = { .nit = nit };
	struct db_stmt *st;
	long long tid;
	int rc;

	if (!v_nit(nit) || !v_guid(user_token))
		return 1;
	hash_de(user_token, h);
	/* No such token is a 401; a database that fails is not (db_int would say 0 for both). */
	if ((st = db_stmt(ST_MIPRES_TOKEN_BY_HASH, "bt", h, 32, nit)) == NULL ||
	    ((rc = db_step(st)) != DB_ROW && rc != DB_DONE))
		return -1;
	if (rc == DB_DONE || (tid = db_col_int64(st, 0)) <= 0)
		return 1;
	db_reset(st);
	q.entidad_id = db_entidad_id_by_nit(nit);
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, MP_TEMP_LEN + 1, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE);
	crypto_hash_sha256(th, (const unsigned char *)out, MP_TEMP_LEN);
	if (db_begin() < 0)
		return -1;
	if (db_exec(ST_MIPRES_TEMP_PURGE, "i", r->now) < 0 ||
	    db_exec(ST_MIPRES_TEMP_INSERT, "bii", th, 32, tid, r->now + MP_TEMP_TTL) != 0 ||
	    mipres_audit(r, &q, "mipres_token_temporal",
	    "GenerarToken: token temporal emitido") < 0 ||
	    db_commit() < 0) {
		db_rollback();
		return -1;
	}
	return 0;
}

const char *
mipres_token_check(struct req *r, const char *nit, const char *tmp, struct mipres_quien *q,
    int *err)
{
	unsigned char h[32];
	struct db_stmt *st;
	char tok[MP_TEMP_LEN + 1];
	size_t n = strlen(tmp);
	const char *why = NULL;
	int rc;

	*err = 0;
	/* nginx decodes the path; a "%3D" left encoded is the same '=' all the same. */
	if (n == MP_TEMP_LEN + 2 && strcasecmp(tmp + n - 3, "%3D") == 0) {
		memcpy(tok, tmp, MP_TEMP_LEN - 1);
		tok[MP_TEMP_LEN - 1] = '=';
		tok[MP_TEMP_LEN] = '\0';
		tmp = tok;
		n = MP_TEMP_LEN;
	}
	if (n != MP_TEMP_LEN)
		return "El token no es válido. Genere un token temporal con GenerarToken.";
	crypto_hash_sha256(h, (const unsigned char *)tmp, n);
	if ((st = db_stmt(ST_MIPRES_TEMP_CHECK, "b", h, 32)) == NULL) {
		*err = 1;
		return "Error.";
	}
	if ((rc = db_step(st)) != DB_ROW) {
		*err = rc != DB_DONE;
		db_reset(st);
		return "El token no es válido o fue reemplazado. Genere un token temporal con "
		    "GenerarToken.";
	}
	q->entidad_id = db_col_int64(st, 0);
	q->nit = db_text(r->a, st, 1);
	q->es_eps = mipres_tipo_es_eps(db_col_text(st, 2));
	q->regimen = db_text(r->a, st, 3);
	if (db_col_int64(st, 4) <= r->now)
		why = "El token temporal venció (dura 24 horas). Genere uno nuevo con GenerarToken.";
	else if (strcmp(q->nit, nit) != 0)
		why = arena_printf(r->a, "El token no corresponde al NIT %s.", v_nit(nit) ? nit :
		    "de la dirección");
	db_reset(st);
	return why;
}

void
mipres_token_vigentes(long long entidad_id, const char *regimen, void (*fn)(void *, const char *,
    const char *, long long), void *arg)
{
	struct db_stmt *st = db_stmt(ST_MIPRES_TOKEN_VIGENTES, "it", entidad_id, regimen);

	while (st != NULL && db_step(st) == DB_ROW)
		fn(arg, db_col_text(st, 0),
		    db_col_text(st, 1), db_col_int64(st, 2));
	if (st != NULL)
		db_reset(st);
}

/* The token mipres-token creates, for entity ent. */
struct token_cmd {
	long long	 ent;
	const char	*regimen;
	char		 guid[MP_GUID_LEN + 1];
};

/* db_tx_run's body: a new user token for t->ent, audited. */
static int
create_token(void *arg)
{
	struct token_cmd *t = arg;

	if (mipres_token_nuevo(t->ent, t->regimen, 0, (long long)time(NULL), t->guid) != 0)
		return -1;
	return db_exec(ST_AUDIT_INSERT, "iittittt", (long long)time(NULL), 0LL, "operador",
	    "operador", t->ent, "", "mipres_token", "token de usuario MIPRES generado con "
	    "portal mipres-token; el anterior queda revocado");
}

/* mipres-token NIT [REGIMEN]: creates a user token for the entity (revoking its current
 * one of that régimen), audited, and prints it. An EPS needs the régimen; a provider none.
 * Its transaction runs again when it fails to serialize with the server's (PostgreSQL). */
int
mipres_comando_token(int argc, char **argv)
{
	const char *regimen = argc == 3 ? argv[2] : "";
	struct token_cmd t;
	struct db_stmt *st;
	long long ent = 0;
	int eps = 0;

	if (argc < 2 || argc > 3)
		return comando_uso();
	if (v_nit(argv[1]) && (st = db_stmt(ST_ENTIDAD_BY_NIT, "t", argv[1])) != NULL) {
		if (db_step(st) == DB_ROW) {
			ent = db_col_int64(st, ENTIDAD_BY_NIT_ID);
			eps = mipres_tipo_es_eps(db_col_text(st, ENTIDAD_BY_NIT_TIPO));
		}
		db_reset(st);
	}
	if (ent == 0) {
		fprintf(stderr, "no existe la entidad con NIT %s (9 dígitos, sin dígito de "
		    "verificación)\n", argv[1]);
		return 1;
	}
	if (eps != (strcmp(regimen, "contributivo") == 0 || strcmp(regimen, "subsidiado") == 0)) {
		fprintf(stderr, eps ? "una EPS necesita el régimen: contributivo o subsidiado\n" :
		    "solo una EPS indica régimen\n");
		return 1;
	}
	t.ent = ent;
	t.regimen = regimen;
	if (db_tx_run(create_token, &t, TOKEN_VECES) != 0) {
		fprintf(stderr, "no se pudo crear el token\n");
		return 1;
	}
	printf("%s\n", t.guid);
	return 0;
}
