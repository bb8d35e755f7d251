/* Failed logins: reserve an attempt before the check, give it back or clear after it
 * (see cgi/cuentas/intento.h; tables in db/migrations/017_intentos.sql). */
#include <ctype.h>
#include <string.h>

#include "core/db.h"
#include "cuentas/cuentas.h"

/* Times a reservation is tried (db_tx_run; PostgreSQL). */
#define INTENTO_VECES	10

const char *
cuentas_intento_tipo_nombre(enum intento_tipo t)
{
	return t == INTENTO_AP ? "ap" : "login";
}

/* At most 64 bytes of s, cut at a character boundary. */
static const char *
corto(struct req *r, const char *s)
{
	size_t n = strlen(s);

	if (n <= 64)
		return s;
	n = 64;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return arena_strndup(r->a, s, n);
}

const char *
cuentas_intento_clave(struct req *r, enum intento_tipo t, const char *login)
{
	char *k;
	size_t i;

	if (t == INTENTO_AP)
		return corto(r, login);
	/* Logins are ASCII (v_login) and case-insensitive. */
	k = arena_strndup(r->a, login, strlen(corto(r, login)));
	for (i = 0; k[i] != '\0'; i++)
		k[i] = (char)tolower((unsigned char)k[i]);
	return k;
}

const char *
cuentas_intento_motivo(enum intento_res res)
{
	switch (res) {
	case INTENTO_PAR:
		return "demasiados intentos";
	case INTENTO_DIRECCION:
		return "demasiados intentos de la dirección";
	case INTENTO_RETENIDO:
		return "bloqueado por intentos fallidos seguidos: lo desbloquea un administrador";
	default:
		return "";
	}
}

/* Which lock holds for clave from the request's address, read inside the reservation's
 * transaction: INTENTO_OK when none. */
static enum intento_res
decide(struct req *r, const char *tipo, const char *clave)
{
	struct db_stmt *st = db_stmt(ST_INTENTO_ESTADO, "ttti", tipo, clave, r->ip,
	    r->now - INTENTO_VENTANA);
	enum intento_res res = INTENTO_ERROR;

	if (st != NULL && db_step(st) == DB_ROW)
		res = db_col_int(st, 2) >= INTENTO_SEGUIDOS_MAX ? INTENTO_RETENIDO :
		    db_col_int(st, 0) >= INTENTO_PAR_MAX ? INTENTO_PAR :
		    db_col_int(st, 1) >= INTENTO_DIRECCION_MAX ? INTENTO_DIRECCION :
		    INTENTO_OK;
	if (st != NULL)
		db_reset(st);
	return res;
}

/* Counts one failure of clave: its consecutive count, and in the window its pair with the
 * address and the address. Forgets what is past: rows of a window gone by, and the counts
 * of logins without an account beyond INTENTO_SIN_CUENTA_MAX. Returns 0 or the failing
 * statement's code (DB_RETRY: the transaction runs again). */
static int
count_failure(struct req *r, const char *tipo, const char *clave, const char *login)
{
	long long desde = r->now - INTENTO_VENTANA;
	struct db_stmt *st;
	int rc, nuevo = 0;

	if ((rc = db_exec(ST_INTENTO_PURGAR, "i", desde)) != 0 ||
	    (rc = db_exec(ST_INTENTO_SUMAR, "ttttiii", tipo, clave, r->ip, login, r->now, desde,
	    (long long)INTENTO_PAR_MAX)) != 0 ||
	    (rc = db_exec(ST_INTENTO_SUMAR, "ttttiii", tipo, "", r->ip, "", r->now, desde,
	    (long long)INTENTO_DIRECCION_MAX)) != 0)
		return rc;
	if ((st = db_stmt(ST_INTENTO_SEGUIDO_SUMAR, "ttti", tipo, clave, login, r->now)) == NULL)
		return DB_ERROR;
	if ((rc = db_step(st)) == DB_ROW) {
		rc = 0;
		nuevo = db_col_int(st, 0) == 1 && db_col_int(st, 1) == 0;
	} else if (rc == DB_DONE)
		rc = DB_ERROR;
	db_reset(st);
	/* A new login without an account: the only way those rows grow. */
	if (rc == 0 && nuevo)
		rc = db_exec(ST_INTENTO_SEGUIDO_PURGAR, "i", (long long)INTENTO_SIN_CUENTA_MAX);
	return rc;
}

/* A reservation (cuentas_intento_reserve), as db_tx_run runs it. */
struct reserva {
	struct req		*r;
	const char		*tipo, *clave, *login;
	enum intento_res	 res;
};

/* The check and the count, in db_tx_run's transaction: 0 to commit, 1 when a lock holds
 * (nothing to write), or a statement's code. */
static int
reserve_tx(void *arg)
{
	struct reserva *v = arg;
	int rc;

	if ((v->res = decide(v->r, v->tipo, v->clave)) != INTENTO_OK)
		return v->res == INTENTO_ERROR ? DB_ERROR : 1;
	if ((rc = count_failure(v->r, v->tipo, v->clave, v->login)) != 0)
		v->res = INTENTO_ERROR;
	return rc;
}

enum intento_res
cuentas_intento_reserve(struct req *r, enum intento_tipo t, const char *login)
{
	struct reserva v = { r, cuentas_intento_tipo_nombre(t), cuentas_intento_clave(r, t, login),
		corto(r, login), INTENTO_ERROR };
	int rc, previo;

	/* One transaction (BEGIN IMMEDIATE on SQLite): the check and the count are one step for
	 * every worker. On PostgreSQL concurrent guesses count on the same rows, so one fails
	 * to serialize with another at times: it runs again here, since the caller may commit
	 * other writes (a measurement, an audit row) before it answers, and then the server
	 * could no longer run the request again. */
	previo = db_turno(0);	/* it audits nothing: it waits for no audit writer (core/db.h) */
	rc = db_tx_run(reserve_tx, &v, INTENTO_VECES);
	db_turno(previo);
	if (rc == 0)
		return INTENTO_OK;
	return rc == 1 ? v.res : INTENTO_ERROR;
}

enum intento_res
cuentas_intento_estado(struct req *r, enum intento_tipo t, const char *login)
{
	return decide(r, cuentas_intento_tipo_nombre(t), cuentas_intento_clave(r, t, login));
}

/* Runs the statements of a give-back or a clear in one transaction. Returns 0 or -1. */
static int
undo(struct req *r, enum intento_tipo t, const char *login, int exito)
{
	const char *tipo = cuentas_intento_tipo_nombre(t), *clave = cuentas_intento_clave(r, t, login);

	if (db_begin() < 0)
		return -1;
	if (db_exec(exito ? ST_INTENTO_BORRAR : ST_INTENTO_RESTAR, "ttt", tipo, clave,
	    r->ip) < 0 ||
	    db_exec(exito ? ST_INTENTO_SEGUIDO_BORRAR : ST_INTENTO_SEGUIDO_RESTAR, "tt", tipo,
	    clave) < 0 ||
	    db_exec(ST_INTENTO_RESTAR, "ttt", tipo, "", r->ip) < 0 || db_commit() < 0) {
		db_rollback();
		return -1;
	}
	return 0;
}

int
cuentas_intento_give_back(struct req *r, enum intento_tipo t, const char *login)
{
	return undo(r, t, login, 0);
}

int
cuentas_intento_exito(struct req *r, enum intento_tipo t, const char *login)
{
	return undo(r, t, login, 1);
}
