/*
 * The audit chain (cgi/core/cadena.h): the mac of a row and of the anchor, computed here in C
 * for both engines; the insert after the chain's tail, the chaining of the rows written
 * before 019, the walk of audit-verify, and the anchor's move.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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
/* Rows a walk reads per statement: PostgreSQL's engine holds a statement's whole result. */
#define LOTE	4096
/* Times a row written outside any transaction is tried on PostgreSQL (db_tx_run): it takes
 * its turn before its snapshot (db_turno), so only a rarer conflict of serializable
 * transactions makes it run again. */
#define INTENTOS	20

/* A field of a row as the mac encodes it: tipo 'n' (NULL), 'i' (the integer i) or 't' (n
 * bytes of text at s). */
struct campo {
	char			 tipo;
	long long		 i;
	const unsigned char	*s;
	int			 n;
};

/* The HMAC state keyed with the chain's key, ready for a message. The keyed state (HMAC's
 * two key blocks, 8,300 instructions inside the writers' lock on every audited write) is
 * kept while the derived key stays the same; a new key (secret_setkey, another key file)
 * keys it again. */
static void
llave(crypto_auth_hmacsha256_state *h)
{
	static crypto_auth_hmacsha256_state base;
	static unsigned char usada[SECRET_KEYLEN];
	static int lista;
	unsigned char k[SECRET_KEYLEN];

	secret_subclave(k, 1, "auditori");
	if (!lista || sodium_memcmp(k, usada, sizeof(k)) != 0) {
		crypto_auth_hmacsha256_init(&base, k, sizeof(k));
		memcpy(usada, k, sizeof(k));
		lista = 1;
	}
	sodium_memzero(k, sizeof(k));
	*h = base;
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

/* Feeds field c: its kind ('n', 'i' or 't'), then the integer, or the length and the
 * bytes. */
static void
campo(crypto_auth_hmacsha256_state *h, const struct campo *c)
{
	unsigned char marca = (unsigned char)c->tipo;

	crypto_auth_hmacsha256_update(h, &marca, 1);
	if (marca == 'i')
		entero(h, (uint64_t)c->i);
	else if (marca == 't') {
		entero(h, (uint64_t)c->n);
		crypto_auth_hmacsha256_update(h, c->s, (unsigned long long)c->n);
	}
}

/* Field k of a stored row, value v: NULL, or read as the kind tipos[k] says (an integer
 * column read as text, or text as an integer, the way SQLite converts them). */
static void
campo_de(struct campo *c, int k, struct db_valor *v)
{
	memset(c, 0, sizeof(*c));
	c->tipo = db_valor_type(v) == DB_NULL ? 'n' : tipos[k];
	if (c->tipo == 'i')
		c->i = db_valor_int64(v);
	else if (c->tipo == 't') {
		c->s = (const unsigned char *)db_valor_text(v);
		c->n = db_valor_bytes(v);
	}
}

/* The mac of a row: fields v[0..NCAMPOS) after prev (CADENA_MAC bytes), with the keyed
 * state base. */
static void
mac_fila(const crypto_auth_hmacsha256_state *base, const unsigned char *prev,
    const struct campo *v, unsigned char out[CADENA_MAC])
{
	crypto_auth_hmacsha256_state h = *base;
	const unsigned char dominio = 'F';
	int i;

	crypto_auth_hmacsha256_update(&h, &dominio, 1);
	crypto_auth_hmacsha256_update(&h, prev, CADENA_MAC);
	for (i = 0; i < NCAMPOS; i++)
		campo(&h, &v[i]);
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

/* Binds field c as parameter i of st. */
static int
bind_params(struct db_stmt *st, int i, const struct campo *c)
{
	if (c->tipo == 'i')
		return db_bind_int64(st, i, c->i);
	if (c->tipo == 't')
		return db_bind_text(st, i, (const char *)c->s);
	return db_bind_null(st, i);
}

/* The tail the open transaction wrote last, on PostgreSQL under the audit writers' turn
 * (nobody else appends meanwhile): its next row follows it without reading the tail again
 * (a round trip per row of Cargue masivo), while db_serie says nothing of the transaction
 * was undone since (a savepoint rolled back, the transaction ended). */
static struct {
	int		 vale;
	long long	 serie, id;
	unsigned char	 mac[CADENA_MAC];
} escrita;

/* Appends row v, in the open write transaction: takes the audit writers' lock, reads the
 * chain's tail (the last row, or the anchor when retention removed every row), and inserts
 * the row after it with its mac. A tail that is no mac (a row written outside the portal)
 * counts as zeros: the trail goes on recording, and audit-verify names that row. Returns
 * 0 or a db_step code. */
static int
append_row(void *arg)
{
	static const unsigned char ceros[CADENA_MAC];
	const struct campo *v = arg;
	crypto_auth_hmacsha256_state h;
	unsigned char prev[CADENA_MAC], mac[CADENA_MAC];
	struct db_stmt *st;
	long long id;
	int i, rc;

	/* A transaction begun with the writers' turn holds it already (db_turno_tomado:
	 * SQLite's BEGIN IMMEDIATE lets one writer in at a time). Else, on PostgreSQL, it
	 * updates the anchor's row first, so a second writer waits for the first to end, and
	 * fails to serialize (DB_RETRY) when its snapshot is older than the first's commit. */
	if (!db_turno_tomado()) {
		if ((st = db_stmt(ST_AUDITORIA_CERROJO, "")) == NULL)
			return DB_ERROR;
		rc = db_step(st);
		db_reset(st);
		if (rc != DB_DONE) {
			if (rc != DB_RETRY)	/* expected: db_tx_run or the caller runs it again */
				log_err("db: the audit writers' lock: %s", db_errmsg());
			return rc == DB_ROW ? DB_ERROR : rc;
		}
	}
	/* The tail: the row this transaction wrote last (escrita); or read at the begin of a
	 * transaction that took the turn there, when this is its first row (nothing else here
	 * changes the chain: cadena_anchor drops it); or read now. */
	if (escrita.vale && escrita.serie == db_serie() && db_turno_tomado()) {
		id = escrita.id + 1;
		memcpy(prev, escrita.mac, CADENA_MAC);
	} else {
		if ((st = db_adelantada(ST_AUDITORIA_COLA)) == NULL &&
		    (st = db_stmt(ST_AUDITORIA_COLA, "")) == NULL)
			return DB_ERROR;
		if ((rc = db_step(st)) != DB_ROW) {
			db_reset(st);
			log_err("db: the audit chain's tail: %s", db_errmsg());
			return rc == DB_DONE ? DB_ERROR : rc;
		}
		id = db_col_int64(st, 0) + 1;
		memcpy(prev, db_col_bytes(st, 1) == CADENA_MAC ? db_col_blob(st, 1) : ceros,
		    CADENA_MAC);
		db_reset(st);
	}
	escrita.vale = 0;
	llave(&h);
	mac_fila(&h, prev, v, mac);
	if ((st = db_stmt(ST_AUDIT_INSERT, "nnnnnnnnnn")) == NULL)
		return DB_ERROR;
	for (i = 0, rc = 0; i < NCAMPOS && rc == 0; i++)
		rc = bind_params(st, i + 1, &v[i]);
	if (rc != 0 || db_bind_int64(st, NCAMPOS + 1, id) != 0 ||
	    db_bind_blob(st, NCAMPOS + 2, mac, CADENA_MAC) != 0) {
		db_reset(st);
		return DB_ERROR;
	}
	/* With the commit, in its round trip, when the transaction took the turn. */
	if ((rc = db_exec_diferido(st)) == 0) {
		if (db_serie() >= 0 && db_turno_tomado()) {
			escrita.vale = 1;
			escrita.serie = db_serie();
			escrita.id = id;
			memcpy(escrita.mac, mac, CADENA_MAC);
		}
		return 0;
	}
	if (rc != DB_RETRY)
		log_err("db: audit insert: %s", db_errmsg());
	return rc;
}

int
cadena_insert_v(const char *fmt, va_list ap)
{
	struct campo v[NCAMPOS];
	const char *s;
	int k, previo, rc;

	if (strlen(fmt) != NCAMPOS) {
		log_err("db: audit insert: %zu fields, not %d", strlen(fmt), NCAMPOS);
		return DB_ERROR;
	}
	memset(v, 0, sizeof(v));
	for (k = 0; k < NCAMPOS; k++) {
		v[k].tipo = 'n';
		if (fmt[k] == 'i' && tipos[k] == 'i') {
			v[k].tipo = 'i';
			v[k].i = va_arg(ap, long long);
		} else if (fmt[k] == 't' && tipos[k] == 't') {
			if ((s = va_arg(ap, const char *)) != NULL) {
				v[k].tipo = 't';
				v[k].s = (const unsigned char *)s;
				v[k].n = (int)strlen(s);
			}
		} else if (fmt[k] != 'n') {
			log_err("db: audit insert: field %d is '%c', not '%c'", k + 1, fmt[k],
			    tipos[k]);
			return DB_ERROR;
		}
	}
	if (db_in_transaction())
		return append_row(v);
	/* A transaction of its own takes the writers' turn at its begin, before its snapshot,
	 * so it waits for the writer before it instead of failing to serialize. */
	previo = db_turno(1);
	rc = db_tx_run(append_row, v, INTENTOS);
	db_turno(previo);
	return rc;
}

/* A walk of the rows after an id, in id order, LOTE at a time (ST_AUDITORIA_CADENA), all
 * in the caller's transaction. */
struct recorrido {
	struct db_stmt	*st;	/* the current batch's, or NULL */
	long long	 tras;	/* the id of the last row read */
	int		 n;	/* rows of the current batch read */
};

/* Steps w to its next row: DB_ROW (read it from w->st), DB_DONE or an error code. */
static int
siguiente(struct recorrido *w)
{
	int rc;

	for (;;) {
		if (w->st == NULL) {
			w->st = db_stmt(ST_AUDITORIA_CADENA, "ii", w->tras, (long long)LOTE);
			if (w->st == NULL)
				return DB_ERROR;
			w->n = 0;
		}
		if ((rc = db_step(w->st)) == DB_ROW) {
			w->n++;
			w->tras = db_col_int64(w->st, 0);
			return DB_ROW;
		}
		db_reset(w->st);
		w->st = NULL;
		if (rc != DB_DONE || w->n < LOTE)
			return rc;
	}
}

static void
recorrido_fin(struct recorrido *w)
{
	if (w->st != NULL)
		db_reset(w->st);
	w->st = NULL;
}

/* The mac of row st (ST_AUDITORIA_CADENA's columns) after prev. */
static void
mac_de(const crypto_auth_hmacsha256_state *h, const unsigned char *prev, struct db_stmt *st,
    unsigned char out[CADENA_MAC])
{
	struct campo v[NCAMPOS];
	int i;

	for (i = 0; i < NCAMPOS; i++)
		campo_de(&v[i], i, db_col_valor(st, i + 1));
	mac_fila(h, prev, v, out);
}

/* Whether row st (ST_AUDITORIA_CADENA's columns) chains from prev. */
static int
encadena(const crypto_auth_hmacsha256_state *h, const unsigned char *prev, struct db_stmt *st)
{
	unsigned char m[CADENA_MAC];

	if (db_col_bytes(st, 9) != CADENA_MAC)
		return 0;
	mac_de(h, prev, st, m);
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

/* The current row of w does not chain from prev: steps to the next row to tell what
 * happened to it (changed, inserted, or unknown) into out. */
static void
diagnose(const crypto_auth_hmacsha256_state *h, const unsigned char *prev,
    struct recorrido *w, struct cadena_informe *out)
{
	unsigned char propia[CADENA_MAC];
	int con_mac = db_col_bytes(w->st, 9) == CADENA_MAC;

	out->fila = db_col_int64(w->st, 0);
	out->estado = CADENA_NO_VERIFICA;
	if (!con_mac) {
		out->estado = CADENA_INSERTADA;	/* the portal never writes a row without one */
		return;
	}
	memcpy(propia, db_col_blob(w->st, 9), CADENA_MAC);
	if (siguiente(w) != DB_ROW)
		return;
	if (encadena(h, propia, w->st))
		out->estado = CADENA_MODIFICADA;	/* its mac is the one the next row signed */
	else if (encadena(h, prev, w->st))
		out->estado = CADENA_INSERTADA;		/* the next row chains over it */
}

int
cadena_verify(struct cadena_informe *out)
{
	crypto_auth_hmacsha256_state h;
	struct recorrido w = { NULL, 0, 0 };
	long long id;
	int rc, paso = DB_DONE;

	memset(out, 0, sizeof(*out));
	llave(&h);
	/* One snapshot for the anchor and every row: writers append meanwhile. */
	if (db_exec(ST_BEGIN_LECTURA, "") != 0)
		return out->estado = CADENA_ERROR, -1;
	if ((rc = ancla(&h, out)) != 0)
		goto out;
	w.tras = out->ancla;
	while ((paso = siguiente(&w)) == DB_ROW) {
		id = w.tras;
		if (id != out->ultima + 1) {
			out->estado = CADENA_BORRADA;
			out->fila = out->ultima + 1;
			break;
		}
		if (!encadena(&h, out->mac, w.st)) {
			diagnose(&h, out->mac, &w, out);
			break;
		}
		memcpy(out->mac, db_col_blob(w.st, 9), CADENA_MAC);
		out->ultima = id;
		out->filas++;
	}
	if (paso != DB_ROW && paso != DB_DONE)
		out->estado = CADENA_ERROR;
	rc = out->estado == CADENA_OK ? 0 : out->estado == CADENA_ERROR ? -1 : 1;
	recorrido_fin(&w);
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

/* Chains the rows written before 019 and seals the anchor, in one transaction: from the
 * anchor, each row whose id follows the one before gets its mac (a gap stops it: the rows
 * after it stay without one, and audit-verify says where). 0 or -1. */
static int
chain_legado(void)
{
	struct hecho { long long id; unsigned char mac[CADENA_MAC]; } *lote;
	crypto_auth_hmacsha256_state h;
	unsigned char inicio[CADENA_MAC], prev[CADENA_MAC], s[CADENA_MAC];
	struct db_stmt *st;
	long long hasta = 0, tras, filas = 0;
	int n, i, rc = DB_ERROR, fin = 0;

	if ((lote = malloc(LOTE * sizeof(*lote))) == NULL)
		return -1;
	llave(&h);
	if (db_begin() < 0) {
		free(lote);
		return -1;
	}
	/* It changes the rows' macs: a tail the begin read would be stale. */
	if ((st = db_adelantada(ST_AUDITORIA_COLA)) != NULL)
		db_reset(st);
	if ((st = db_stmt(ST_AUDITORIA_ANCLA, "")) == NULL)
		goto out;
	if (db_step(st) != DB_ROW || db_col_bytes(st, 1) != CADENA_MAC) {
		db_reset(st);
		goto out;
	}
	hasta = tras = db_col_int64(st, 0);
	memcpy(inicio, db_col_blob(st, 1), CADENA_MAC);
	memcpy(prev, inicio, CADENA_MAC);
	db_reset(st);
	while (!fin) {
		if ((st = db_stmt(ST_AUDITORIA_CADENA, "ii", tras, (long long)LOTE)) == NULL)
			goto out;
		for (n = 0; (rc = db_step(st)) == DB_ROW; n++) {
			if (db_col_int64(st, 0) != tras + 1) {
				fin = 1;
				break;
			}
			lote[n].id = tras = db_col_int64(st, 0);
			mac_de(&h, prev, st, lote[n].mac);
			memcpy(prev, lote[n].mac, CADENA_MAC);
		}
		db_reset(st);
		if (rc != DB_ROW && rc != DB_DONE)
			goto out;
		fin = fin || n < LOTE;
		for (i = 0; i < n; i++)
			if ((rc = db_exec(ST_AUDITORIA_ENCADENAR, "bi", lote[i].mac, CADENA_MAC,
			    lote[i].id)) != 0)
				goto out;
		filas += n;
	}
	/* The seal of what the chain starts from: the anchor's id and mac. */
	sello(&h, hasta, inicio, s);
	rc = DB_ERROR;
	if (db_exec(ST_AUDITORIA_SELLAR, "b", s, CADENA_MAC) == 0 && db_commit() == 0)
		rc = 0;
out:
	free(lote);
	if (rc != 0) {
		db_rollback();
		log_err("db: the audit rows could not be chained: %s", db_errmsg());
		return -1;
	}
	log_info("db: the audit rows so far (%lld) are chained and the anchor sealed", filas);
	return 0;
}

int
cadena_ensure(const char *mig)
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
		if (db_migrate_archivo(mig, CADENA_MIGRACION) < 0)
			return -1;
	}
	return db_int(ST_AUDITORIA_SIN_SELLO, 0, "") > 0 ? chain_legado() : 0;
}

int
cadena_anchor(long long hasta, long long now)
{
	crypto_auth_hmacsha256_state h;
	unsigned char mac[CADENA_MAC], s[CADENA_MAC];
	struct db_stmt *st;
	int ok;

	/* The tail the begin read, or the one last written, if any, is no longer the chain's
	 * once the anchor moves. */
	if ((st = db_adelantada(ST_AUDITORIA_COLA)) != NULL)
		db_reset(st);
	escrita.vale = 0;
	/* Row hasta, past the anchor, and its mac. */
	if ((st = db_stmt(ST_AUDITORIA_MAC_FILA, "i", hasta)) == NULL)
		return -1;
	ok = db_step(st) == DB_ROW && db_col_bytes(st, 0) == CADENA_MAC;
	if (ok)
		memcpy(mac, db_col_blob(st, 0), CADENA_MAC);
	db_reset(st);
	if (!ok)
		return -1;
	llave(&h);
	sello(&h, hasta, mac, s);
	if (db_exec(ST_AUDITORIA_ANCLAR, "ibbi", hasta, mac, CADENA_MAC, s, CADENA_MAC, now) != 0 ||
	    db_changes() != 1)
		return -1;
	return 0;
}
