/*
 * The audit trail proves itself (issue 15 §2, 019_auditoria_cadena.sql). Each row of
 * auditoria carries mac = HMAC-SHA256(k, 'F' || prev || row), where k is derived from the
 * secrets key (secret_subclave, context "auditori"), prev is the previous row's mac (the
 * anchor's for the first row) and row is the canonical encoding of ts, usuario_id, login,
 * rol, entidad_id, ip, accion and detalle (each NULL, a 64-bit integer or a length-prefixed
 * text). Ids are consecutive: the insert takes the last id plus one.
 *
 * The anchor (table auditoria_ancla, one row) is where the chain starts: id 0 and zeros at
 * first; when retention removes the oldest rows, the last removed row's id and mac, sealed
 * with k (HMAC of 'A' || id || mac), so whoever lacks the key can neither remove rows from
 * the start nor forge the anchor. Removing the newest rows leaves no trace in the file:
 * audit-verify prints the last id and mac, for the operator to keep elsewhere.
 *
 * Every mac and seal is computed here, in C, the same on SQLite and PostgreSQL; the key is
 * never in the database. db_exec(ST_AUDIT_INSERT, fmt, the row's eight fields) comes here
 * (cadena_insert_v): in the caller's write transaction, or in one of its own, it holds the
 * audit writers' lock, reads the chain's tail, and inserts the row after it with its mac:
 * two writers never chain from the same row, on one host or several. The lock: on SQLite
 * BEGIN IMMEDIATE's, which lets one writer in; on PostgreSQL the turn a transaction took
 * at its begin (db_turno: LOCK TABLE auditoria_ancla, before the snapshot, so it waits for
 * the writer before it and sees its row: the requests that change data, and a
 * transaction of its own), or else an update of the anchor's row (ST_AUDITORIA_CERROJO),
 * which a second writer waits for, then fails to serialize when its snapshot is older
 * than the first's commit.
 */
#ifndef CADENA_H
#define CADENA_H
#include <stdarg.h>

#include "core/arena.h"

#define CADENA_MAC	32

/* The migration that makes the chain. It landed after 020 and 021: a database already
 * past 19 skips it by number. */
#define CADENA_MIGRACION	"019_auditoria_cadena.sql"
/* After the migrations (db_migrate calls it): applies CADENA_MIGRACION from directory mig
 * when the open database lacks it and mig has it; then, while the anchor has no seal, chains
 * the rows written before it and seals the anchor. Returns 0 or -1. */
int cadena_ensure(const char *mig);
/* What db_exec(ST_AUDIT_INSERT, fmt, ...) does (cgi/core/db.h): appends the row whose eight
 * fields (ts, usuario_id, login, rol, entidad_id, ip, accion, detalle) fmt and ap give as
 * db_exec's ('i' for ts, usuario_id and entidad_id, 't' for the others, 'n' or a NULL text
 * for NULL), numbered after the chain's tail and chained to its mac. In the open
 * transaction, or else in its own (run again, on PostgreSQL, while another writer's commit
 * makes it fail to serialize). Returns 0, or a db_step code (logged). */
int cadena_insert_v(const char *fmt, va_list ap);

enum cadena_estado {
	CADENA_OK,
	CADENA_ANCLA,		/* the anchor is missing, or its seal does not verify */
	CADENA_MODIFICADA,	/* row fila was changed: the next row chains from its mac */
	CADENA_BORRADA,		/* row fila is missing: the ids jump over it */
	CADENA_INSERTADA,	/* row fila was added: no mac, or the next row chains over it */
	CADENA_NO_VERIFICA,	/* row fila does not verify, and nothing says more */
	CADENA_ERROR,		/* the database could not be read */
};

/* What audit-verify found. */
struct cadena_informe {
	enum cadena_estado	 estado;
	long long		 fila;		/* the first row found wrong */
	long long		 filas;		/* rows verified */
	long long		 ancla;		/* the anchor's id: rows up to it were removed */
	long long		 ultima;	/* the last verified row's id (the anchor's: none) */
	unsigned char		 mac[CADENA_MAC];	/* and its mac */
};

/* Walks the whole chain from the anchor, in one read transaction of the open database.
 * Fills *out; returns 0 when the chain verifies, 1 when it does not, -1 on a read error. */
int cadena_verify(struct cadena_informe *out);
/* One Spanish sentence saying what *inf means, in the arena. */
const char *cadena_texto(struct arena *, const struct cadena_informe *inf);
/* Moves the anchor forward to row hasta (which must exist past the current anchor), in
 * the caller's write transaction; the rows up to hasta may then be deleted (the table's
 * trigger allows no other deletion). Returns 0, or -1. */
int cadena_anchor(long long hasta, long long now);
#endif
