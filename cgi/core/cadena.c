/*
 * The audit chain (cgi/core/cadena.h): the mac of a row and of the anchor, the SQL functions the
 * insert and the migration call, the walk of audit-verify, and the anchor's move.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "core/cadena.h"
#include "core/db.h"
#include "core/log.h"
#include "core/secret.h"

#define NCAMPOS	8
/* The kinds of the row's fields, in order: ts, usuario_id, login, rol, entidad_id, ip,
 * accion, detalle ('i' integer, 't' text), as ST_AUDIT_INSERT binds them. */
static const char tipos[NCAMPOS + 1] = "iittittt";

/* The HMAC state keyed with the chain's key, ready for a message. */
static void
llave(crypto_auth_hmacsha256_state *h)
{
	unsigned char k[SECRET_KEYLEN];

	secret_subclave(k, 1, "auditori");
	crypto_auth_hmacsha256_init(h, k, sizeof(k));
	sodium_memzero(k, sizeof(k));
}

/* Feeds 64-bit integer v, big-endian. */
static void
entero(crypto_auth_hmacsha256_state *h, uint64_t v)
{
	unsigned char b[8];
	int i;

	for (i = 7; i >= 0; i--, v >>= 8)
		b[i] = (unsigned char)(v & 0xff);
	crypto_auth_hmacsha256_update(h, b, sizeof(b));
}

/* Feeds field v of kind t: 'n' for NULL, else 'i' and the integer, or 't', the length and
 * the bytes. */
static void
campo(crypto_auth_hmacsha256_state *h, char t, struct db_valor *v)
{
	unsigned char marca = db_valor_type(v) == DB_NULL ? 'n' : (unsigned char)t;
	const unsigned char *s;
	int n;

	crypto_auth_hmacsha256_update(h, &marca, 1);
	if (marca == 'i')
		entero(h, (uint64_t)db_valor_int64(v));
	else if (marca == 't') {
		s = (const unsigned char *)db_valor_text(v);
		n = db_valor_bytes(v);
		entero(h, (uint64_t)n);
		crypto_auth_hmacsha256_update(h, s, (unsigned long long)n);
	}
}

/* The mac of a row: fields v[0..NCAMPOS) after prev (CADENA_MAC bytes), with the keyed
 * state base. */
static void
mac_fila(const crypto_auth_hmacsha256_state *base, const unsigned char *prev,
    struct db_valor **v, unsigned char out[CADENA_MAC])
{
	crypto_auth_hmacsha256_state h = *base;
	const unsigned char dominio = 'F';
	int i;

	crypto_auth_hmacsha256_update(&h, &dominio, 1);
	crypto_auth_hmacsha256_update(&h, prev, CADENA_MAC);
	for (i = 0; i < NCAMPOS; i++)
		campo(&h, tipos[i], v[i]);
	crypto_auth_hmacsha256_final(&h, out);
}

/* The anchor's seal: its id and mac. */
static void
sello(const crypto_auth_hmacsha256_state *base, long long id, const unsigned char *mac,
    unsigned char out[CADENA_MAC])
{
	crypto_auth_hmacsha256_state h = *base;
	const unsigned char dominio = 'A';

	crypto_auth_hmacsha256_update(&h, &dominio, 1);
	entero(&h, (uint64_t)id);
	crypto_auth_hmacsha256_update(&h, mac, CADENA_MAC);
	crypto_auth_hmacsha256_final(&h, out);
}

/* SQL auditoria_mac(prev, ts, usuario_id, login, rol, entidad_id, ip, accion, detalle):
 * the row's mac. A prev that is no mac (a row written outside the portal) counts as zeros:
 * the trail goes on recording, and audit-verify names that row. */
static void
sql_mac(struct db_ctx *ctx, int argc, struct db_valor **argv)
{
	static const unsigned char ceros[CADENA_MAC];
	crypto_auth_hmacsha256_state h;
	unsigned char out[CADENA_MAC];
	int es_mac = db_valor_type(argv[0]) == DB_BLOB &&
	    db_valor_bytes(argv[0]) == CADENA_MAC;

	if (argc != NCAMPOS + 1) {
		db_ctx_error(ctx, "auditoria_mac: argumentos");
		return;
	}
	llave(&h);
	mac_fila(&h, es_mac ? db_valor_blob(argv[0]) : ceros, argv + 1, out);
	db_ctx_blob(ctx, out, CADENA_MAC);
}

/* SQL auditoria_sello(id, mac): the anchor's seal. */
static void
sql_sello(struct db_ctx *ctx, int argc, struct db_valor **argv)
{
	crypto_auth_hmacsha256_state h;
	unsigned char out[CADENA_MAC];

	if (argc != 2 || db_valor_bytes(argv[1]) != CADENA_MAC) {
		db_ctx_error(ctx, "auditoria_sello: mac no válida");
		return;
	}
	llave(&h);
	sello(&h, db_valor_int64(argv[0]), db_valor_blob(argv[1]), out);
	db_ctx_blob(ctx, out, CADENA_MAC);
}

int
cadena_registrar(void)
{
	return db_funcion("auditoria_mac", NCAMPOS + 1, DB_FN_DIRECTA, sql_mac, NULL) != 0 ||
	    db_funcion("auditoria_sello", 2, DB_FN_DIRECTA, sql_sello, NULL) != 0 ? -1 : 0;
}

/* Whether row st (ST_AUDITORIA_CADENA's columns) chains from prev. */
static int
encadena(const crypto_auth_hmacsha256_state *h, const unsigned char *prev, struct db_stmt *st)
{
	struct db_valor *v[NCAMPOS];
	unsigned char m[CADENA_MAC];
	int i;

	if (db_col_bytes(st, 9) != CADENA_MAC)
		return 0;
	for (i = 0; i < NCAMPOS; i++)
		v[i] = db_col_valor(st, i + 1);
	mac_fila(h, prev, v, m);
	return sodium_memcmp(m, db_col_blob(st, 9), CADENA_MAC) == 0;
}

/* Reads and checks the anchor into out (ancla, ultima, mac). Returns 0, or 1 (CADENA_ANCLA)
 * or -1. */
static int
ancla(const crypto_auth_hmacsha256_state *h, struct cadena_informe *out)
{
	struct db_stmt *st = db_stmt(ST_AUDITORIA_ANCLA, "");
	unsigned char s[CADENA_MAC];
	int rc = 1;

	if (st == NULL)
		return -1;
	if (db_step(st) == DB_ROW && db_col_bytes(st, 1) == CADENA_MAC &&
	    db_col_bytes(st, 2) == CADENA_MAC) {
		out->ancla = out->ultima = db_col_int64(st, 0);
		memcpy(out->mac, db_col_blob(st, 1), CADENA_MAC);
		sello(h, out->ancla, out->mac, s);
		if (sodium_memcmp(s, db_col_blob(st, 2), CADENA_MAC) == 0)
			rc = 0;
	}
	db_reset(st);
	if (rc == 1)
		out->estado = CADENA_ANCLA;
	return rc;
}

/* Row id of st does not chain from prev: steps to the next row to tell what happened to
 * it (changed, inserted, or unknown) into out. */
static void
diagnosticar(const crypto_auth_hmacsha256_state *h, const unsigned char *prev,
    struct db_stmt *st, struct cadena_informe *out)
{
	unsigned char propia[CADENA_MAC];
	int con_mac = db_col_bytes(st, 9) == CADENA_MAC;

	out->fila = db_col_int64(st, 0);
	out->estado = CADENA_NO_VERIFICA;
	if (!con_mac) {
		out->estado = CADENA_INSERTADA;	/* the portal never writes a row without one */
		return;
	}
	memcpy(propia, db_col_blob(st, 9), CADENA_MAC);
	if (db_step(st) != DB_ROW)
		return;
	if (encadena(h, propia, st))
		out->estado = CADENA_MODIFICADA;	/* its mac is the one the next row signed */
	else if (encadena(h, prev, st))
		out->estado = CADENA_INSERTADA;		/* the next row chains over it */
}

int
cadena_verificar(struct cadena_informe *out)
{
	crypto_auth_hmacsha256_state h;
	struct db_stmt *st = NULL;
	long long id;
	int rc, paso;

	memset(out, 0, sizeof(*out));
	llave(&h);
	/* One snapshot for the anchor and every row: writers append meanwhile. */
	if (db_exec(ST_BEGIN_LECTURA, "") != 0)
		return out->estado = CADENA_ERROR, -1;
	if ((rc = ancla(&h, out)) != 0 || (st = db_stmt(ST_AUDITORIA_CADENA, "")) == NULL)
		goto out;
	while ((paso = db_step(st)) == DB_ROW) {
		id = db_col_int64(st, 0);
		if (id != out->ultima + 1) {
			out->estado = CADENA_BORRADA;
			out->fila = out->ultima + 1;
			break;
		}
		if (!encadena(&h, out->mac, st)) {
			diagnosticar(&h, out->mac, st, out);
			break;
		}
		memcpy(out->mac, db_col_blob(st, 9), CADENA_MAC);
		out->ultima = id;
		out->filas++;
	}
	if (paso != DB_ROW && paso != DB_DONE)
		out->estado = CADENA_ERROR;
	rc = out->estado == CADENA_OK ? 0 : out->estado == CADENA_ERROR ? -1 : 1;
	db_reset(st);
out:
	db_rollback();
	if (rc < 0)
		out->estado = CADENA_ERROR;
	return rc;
}

const char *
cadena_texto(struct arena *a, const struct cadena_informe *inf)
{
	char hex[2 * CADENA_MAC + 1];

	switch (inf->estado) {
	case CADENA_OK:
		sodium_bin2hex(hex, sizeof(hex), inf->mac, CADENA_MAC);
		return arena_printf(a, "Cadena de auditoría íntegra: %lld filas verificadas%s. "
		    "Última fila %lld, mac %s: guárdela aparte para comprobar después que no se "
		    "quitaron filas del final.", inf->filas, inf->ancla == 0 ? "" :
		    arena_printf(a, " (las filas hasta la %lld las quitó la retención)", inf->ancla),
		    inf->ultima, hex);
	case CADENA_ANCLA:
		return arena_printf(a, "El ancla de la cadena de auditoría no verifica: falta, fue "
		    "alterada, o la llave secret.key no es la de esta base de datos.");
	case CADENA_MODIFICADA:
		return arena_printf(a, "La fila %lld de la auditoría fue modificada: su contenido "
		    "no corresponde a su mac.", inf->fila);
	case CADENA_BORRADA:
		return arena_printf(a, "La fila %lld de la auditoría fue borrada: la cadena salta "
		    "de la %lld a una posterior.", inf->fila, inf->fila - 1);
	case CADENA_INSERTADA:
		return arena_printf(a, "La fila %lld de la auditoría fue insertada fuera del "
		    "portal: no tiene mac válida y la cadena sigue sin ella.", inf->fila);
	case CADENA_NO_VERIFICA:
		return arena_printf(a, "La fila %lld de la auditoría no verifica: fue modificada o "
		    "insertada, o antes de ella se borró una fila, o la llave secret.key no es la "
		    "de esta base de datos.", inf->fila);
	default:
		return arena_printf(a, "No se pudo leer la auditoría.");
	}
}

/* Chains the rows written before 019 and seals the anchor, in one transaction. 0 or -1. */
static int
encadenar_legado(void)
{
	if (db_begin() < 0)
		return -1;
	if (db_exec(ST_AUDITORIA_ENCADENAR, "") != 0 || db_exec(ST_AUDITORIA_SELLAR, "") != 0 ||
	    db_commit() < 0) {
		db_rollback();
		return -1;
	}
	log_info("db: the audit rows so far are chained and the anchor sealed");
	return 0;
}

int
cadena_asegurar(const char *mig)
{
	char path[4200];

	/* Skipped by number (the database was past 19 when it came): apply it, when this tree
	 * has it (an older tree has nothing to apply). */
	snprintf(path, sizeof(path), "%s/%s", mig, CADENA_MIGRACION);
	if (db_int(ST_AUDITORIA_TIENE_MAC, 0, "") == 0) {
		if (access(path, R_OK) != 0)
			return 0;
		log_info("db: the audit chain's migration was skipped (the database was past 19): "
		    "applying %s", CADENA_MIGRACION);
		if (db_migrar_archivo(mig, CADENA_MIGRACION) < 0)
			return -1;
	}
	return db_int(ST_AUDITORIA_SIN_SELLO, 0, "") > 0 ? encadenar_legado() : 0;
}

int
cadena_anclar(long long hasta, long long now)
{
	if (db_exec(ST_AUDITORIA_ANCLAR, "ii", hasta, now) != 0 || db_changes() != 1)
		return -1;
	return 0;
}
