/*
 * The retention policy (cgi/admin/retencion.h): its configuration, one pass (a transaction), the
 * run of passes, and the periodic job the mailer process calls.
 */
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/cadena.h"
#include "core/comando.h"
#include "core/config.h"
#include "core/db.h"
#include "cuentas/cuentas.h"
#include "core/log.h"
#include "admin/admin.h"
#include "admin/retencion.h"
#include "core/session.h"
#include "core/text.h"

#define PASADAS_MAX	1000		/* passes of one run: 10 million rows of a kind */

static struct retencion politica = { 30, 90, 30, 2, 5, 60 };

/* The variables, where each goes, its range and its unit. */
static const struct {
	const char	*nombre;
	size_t		 campo;
	int		 min, max;
	const char	*unidad;
} variables[] = {
	{ "PORTAL_RETENCION_INTENTOS_DIAS", offsetof(struct retencion, intentos_dias), 1, 3650,
	    "días" },
	{ "PORTAL_RETENCION_CORREO_DIAS", offsetof(struct retencion, correo_dias), 1, 3650,
	    "días" },
	{ "PORTAL_RETENCION_ENLACES_DIAS", offsetof(struct retencion, enlaces_dias), 1, 3650,
	    "días" },
	{ "PORTAL_RETENCION_AP_ANIOS", offsetof(struct retencion, ap_anios), 1, 50, "años" },
	{ "PORTAL_RETENCION_AUDITORIA_ANIOS", offsetof(struct retencion, auditoria_anios), 1, 50,
	    "años" },
	{ "PORTAL_RETENCION_CADA_MINUTOS", offsetof(struct retencion, cada_minutos), 1, 1440,
	    "minutos" },
};
#define NVARIABLES	(sizeof(variables) / sizeof(variables[0]))

int
retencion_config(char *err, size_t n)
{
	struct retencion p = politica;
	char unidad[32];
	long long v;
	size_t i;

	for (i = 0; i < NVARIABLES; i++) {
		v = *(int *)((char *)&p + variables[i].campo);
		snprintf(unidad, sizeof(unidad), "%s enteros", variables[i].unidad);
		if (config_entero(variables[i].nombre, variables[i].min, variables[i].max, unidad,
		    &v, err, n) < 0)
			return -1;
		*(int *)((char *)&p + variables[i].campo) = (int)v;
	}
	politica = p;
	return 0;
}

const struct retencion *
retencion_politica(void)
{
	return &politica;
}

long long
retencion_anios_antes(long long now, int n)
{
	time_t t = (time_t)(now - COLOMBIA_UTC);
	struct tm tm;

	gmtime_r(&t, &tm);
	tm.tm_year -= n;
	return (long long)timegm(&tm) + COLOMBIA_UTC;
}

/* Runs statement st with fmt's arguments; adds the rows it removed to *n. 0 or -1. */
static int
delete_rows(long long *n, enum stmt st, const char *fmt, long long a, long long b)
{
	int rc = strlen(fmt) == 2 ? db_exec(st, fmt, a, b) : db_exec(st, fmt, a);

	if (rc != 0)
		return -1;
	*n += db_changes();
	return 0;
}

/* Moves the audit chain's anchor past the rows older than cutoff (at most RETENCION_LOTE
 * of them) and removes those. Adds them to c. 0 or -1. */
static int
prune_auditoria(long long now, long long cutoff, struct retencion_cuenta *c)
{
	long long ancla = db_int(ST_AUDITORIA_ANCLA, 0, ""), hasta;

	hasta = db_int(ST_RETENCION_AUDITORIA_HASTA, 0, "i", cutoff);
	if (hasta > ancla + RETENCION_LOTE)
		hasta = ancla + RETENCION_LOTE;
	c->ancla = ancla;
	if (hasta <= ancla)
		return 0;
	if (cadena_anchor(hasta, now) < 0 || db_exec(ST_AUDITORIA_PODAR, "i", hasta) != 0)
		return -1;
	c->auditoria += db_changes();
	c->ancla = hasta;
	return 0;
}

/* The audit entry of a pass: what it removed, kind by kind. */
static const char *
detalle(struct arena *a, const struct retencion_cuenta *c)
{
	return arena_printf(a, "retención (Ley 1581): %lld sesión(es) vencida(s), %lld registro(s) "
	    "de intentos fallidos, %lld correo(s), %lld enlace(s) de contraseña, %lld token(s) o "
	    "reto(s) vencido(s), %lld medición(es) AP, %lld fila(s) de auditoría (ancla en la fila "
	    "%lld)", c->sesiones, c->intentos, c->correos, c->enlaces, c->tokens, c->ap,
	    c->auditoria, c->ancla);
}

/* Every kind's removal, in the open transaction. 0 or -1. */
static int
purge_policy(const struct retencion *p, long long now, struct retencion_cuenta *c)
{
	const long long dia = 86400;

	return delete_rows(&c->sesiones, ST_SESION_PURGE, "ii", now - SESSION_IDLE,
	    now - SESSION_MAX) < 0 ||
	    delete_rows(&c->intentos, ST_INTENTO_PURGAR, "i", now - INTENTO_VENTANA, 0) < 0 ||
	    delete_rows(&c->intentos, ST_RETENCION_INTENTO_SEGUIDO, "ii",
	    now - p->intentos_dias * dia, INTENTO_SEGUIDOS_MAX) < 0 ||
	    db_exec(ST_RETENCION_CORREO_ADJUNTOS, "i", now - p->correo_dias * dia) != 0 ||
	    delete_rows(&c->correos, ST_RETENCION_CORREO, "ii", now - p->correo_dias * dia,
	    RETENCION_LOTE) < 0 ||
	    delete_rows(&c->enlaces, ST_RETENCION_ENLACES, "i", now - p->enlaces_dias * dia, 0) < 0 ||
	    delete_rows(&c->tokens, ST_MIPRES_TEMP_PURGE, "i", now, 0) < 0 ||
	    delete_rows(&c->tokens, ST_AP_TOKEN_PURGE, "i", now, 0) < 0 ||
	    delete_rows(&c->tokens, ST_RETO_PURGE, "i", now - RETO_VIDA, 0) < 0 ||
	    delete_rows(&c->ap, ST_RETENCION_AP, "ii", retencion_anios_antes(now, p->ap_anios),
	    RETENCION_LOTE) < 0 ||
	    prune_auditoria(now, retencion_anios_antes(now, p->auditoria_anios), c) < 0 ? -1 : 0;
}

/* One pass: one transaction removing up to RETENCION_LOTE rows of each kind, audited
 * when it removed anything. Adds to *total; *mas says whether a kind hit its limit.
 * Returns 0 or -1 (rolled back). */
static int
pasada(long long now, const char *actor, struct retencion_cuenta *total, int *mas)
{
	struct retencion_cuenta c;
	struct arena *a;
	long long n;
	int rc, turno;

	memset(&c, 0, sizeof(c));
	if ((a = arena_new()) == NULL || db_exec(ST_SECURE_DELETE, "") != 0) {
		arena_free(a);
		return -1;
	}
	/* The pass audits and may move the chain's anchor: it waits for the audit writers'
	 * turn at its BEGIN (PostgreSQL), as a request that changes data does. Taken at the
	 * anchor, after its deletes, it could close a cycle with such a request (holding the
	 * turn, waiting for a row the pass deleted): a deadlock, one of the two rolled back. */
	turno = db_turno(1);
	rc = db_begin();
	db_turno(turno);
	if (rc < 0) {
		arena_free(a);
		return -1;
	}
	rc = -1;
	if (purge_policy(&politica, now, &c) < 0)
		goto out;
	n = c.sesiones + c.intentos + c.correos + c.enlaces + c.tokens + c.ap + c.auditoria;
	if (n > 0 && db_exec(ST_AUDIT_INSERT, "iittittt", now, 0LL, actor, actor, 0LL, "",
	    "retencion", detalle(a, &c)) != 0)
		goto out;
	if (db_commit() < 0)
		goto out;
	rc = 0;
	*mas = c.correos == RETENCION_LOTE || c.ap == RETENCION_LOTE ||
	    c.auditoria == RETENCION_LOTE;
	total->sesiones += c.sesiones, total->intentos += c.intentos;
	total->correos += c.correos, total->enlaces += c.enlaces, total->tokens += c.tokens;
	total->ap += c.ap, total->auditoria += c.auditoria, total->ancla = c.ancla;
out:
	if (rc < 0) {
		db_rollback();
		log_err("retencion: a pass failed and was rolled back");
	}
	arena_free(a);
	return rc;
}

int
retencion_run(long long now, const char *actor, struct retencion_cuenta *c)
{
	int mas = 1, i;

	for (i = 0; mas && i < PASADAS_MAX; i++)
		if (pasada(now, actor, c, &mas) < 0)
			return -1;
	return 0;
}

int
retencion_tarea(struct arena *a, long long now)
{
	static long long ultima;
	struct retencion_cuenta c;
	long long total;

	(void)a;
	if (ultima != 0 && now - ultima < (long long)politica.cada_minutos * 60)
		return 0;
	ultima = now;
	memset(&c, 0, sizeof(c));
	if (retencion_run(now, "sistema", &c) < 0)
		return -1;
	total = c.sesiones + c.intentos + c.correos + c.enlaces + c.tokens + c.ap + c.auditoria;
	if (total > 0)
		log_info("retencion: %lld sessions, %lld failed-login rows, %lld mails, %lld links, "
		    "%lld tokens, %lld AP measurements, %lld audit rows removed", c.sesiones,
		    c.intentos, c.correos, c.enlaces, c.tokens, c.ap, c.auditoria);
	return total > INT_MAX ? INT_MAX : (int)total;
}

/* retencion: the retention policy, by hand (the mailer process runs it on its own).
 * Prints what it removed. Exit status 0, 1 when a pass failed, 2 for a bad variable. */
int
retencion_comando(int argc, char **argv)
{
	struct retencion_cuenta c;
	const struct retencion *p = retencion_politica();
	char err[256];

	(void)argv;
	if (argc != 1)
		return comando_uso();
	if (retencion_config(err, sizeof(err)) < 0) {
		fprintf(stderr, "portal: %s\n", err);
		return 2;
	}
	memset(&c, 0, sizeof(c));
	if (retencion_run((long long)time(NULL), "operador", &c) < 0) {
		fprintf(stderr, "La retención falló: no se borró nada de la pasada que falló.\n");
		return 1;
	}
	printf("retención: %lld sesión(es) vencida(s); %lld registro(s) de intentos fallidos "
	    "(más de %d días); %lld correo(s) (más de %d días); %lld enlace(s) de contraseña "
	    "(más de %d días); %lld token(s) o reto(s) vencido(s); %lld medición(es) AP (más de "
	    "%d años); %lld fila(s) de auditoría (más de %d años; ancla en la fila %lld).\n",
	    c.sesiones, c.intentos, p->intentos_dias, c.correos, p->correo_dias, c.enlaces,
	    p->enlaces_dias, c.tokens, c.ap, p->ap_anios, c.auditoria, p->auditoria_anios,
	    c.ancla);
	return 0;
}
