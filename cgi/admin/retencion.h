/*
 * Retention (issue 15 §3; Ley 1581 de 2012, habeas data): one policy that removes each kind
 * of kept data at its own time. The periodic job (retencion_tarea, a row of cgi/main.c's table) and
 * `portal retencion` run it; each pass that removes something is audited (`retencion`).
 *
 *   expired sessions                  once expired (idle 30 min, or 12 h old)
 *   failed-login counts (intento)     once their 15-minute window is over
 *   consecutive failures of a login   PORTAL_RETENCION_INTENTOS_DIAS after the last (30),
 *                                     unless the login is locked until an administrator
 *   delivered or failed mail          PORTAL_RETENCION_CORREO_DIAS after delivery / queueing
 *                                     (90); the body was already wiped at delivery
 *   spent password links              PORTAL_RETENCION_ENLACES_DIAS after use or expiry (30)
 *   expired API tokens, challenges    once expired
 *   AP measurements                   PORTAL_RETENCION_AP_ANIOS years old (2)
 *   audit rows                        PORTAL_RETENCION_AUDITORIA_ANIOS years old (5): the
 *                                     oldest rows only, the chain's anchor moved past them
 *
 * The periodic jobs' process (the mailer, cgi/core/tareas.h) runs it every
 * PORTAL_RETENCION_CADA_MINUTOS (60). A pass is one transaction
 * (with its audit row) removing at most RETENCION_LOTE rows of each kind, so writers wait
 * little; passes follow each other until nothing is left over.
 */
#ifndef RETENCION_H
#define RETENCION_H
#include <stddef.h>

struct arena;

#define RETENCION_LOTE	10000

/* The policy, from the environment (defaults above). */
struct retencion {
	int	intentos_dias, correo_dias, enlaces_dias, ap_anios, auditoria_anios, cada_minutos;
};

/* What a run removed. */
struct retencion_cuenta {
	long long	sesiones, intentos, correos, enlaces, tokens, ap, auditoria;
	long long	ancla;		/* the audit chain's anchor after the run */
};

/* The process's policy (the defaults until retencion_config). */
const struct retencion *retencion_politica(void);
/* Runs the policy now, pass after pass; actor is the audit rows' login ("sistema" for the
 * periodic job, "operador" by hand). Adds what it removed to *c. Returns 0, or -1 when a
 * pass failed (rolled back; logged). */
int retencion_run(long long now, const char *actor, struct retencion_cuenta *c);
/* The cutoff n calendar years before now, in Colombia (UTC-5). */
long long retencion_anios_antes(long long now, int n);
#endif
