/*
 * The counters behind GET /metricas (Prometheus text format 0.0.4). Workers are separate
 * processes: the counters live in memory the master maps (MAP_SHARED) before it forks,
 * and every process adds to them with relaxed atomic adds; a worker serving /metricas
 * reads them all. Nothing here names a path (which may carry a token): requests are
 * counted by the route's method and pattern, or by the area of route_areas
 * (cgi/core/router.h) that holds them when no route answered.
 */
#ifndef METRICAS_H
#define METRICAS_H
#include <stddef.h>

#include "core/buf.h"
#include "core/router.h"

/* portal_<nombre>_calls_total: the calls of an area's routes flagged flag, and of its
 * requests no route answered, by operation and outcome. A route's operation is the path
 * segment after op_prefijo (any case), else its first. Set in the area's row (cgi/routes.c). */
struct met_llamadas {
	const char	*nombre;	/* "ap" */
	const char	*ayuda;		/* the HELP text */
	const char	*clave;		/* the operation's label: "service" */
	unsigned	 flag;		/* enum route_flag: its routes */
	const char	*op_prefijo;	/* "/": the operation is the first segment */
};

/* Why a login failed (portal_login_failures_total's reason). */
enum met_login {
	MET_LOGIN_CLAVE,	/* wrong login or password at /login */
	MET_LOGIN_CODIGO,	/* wrong second-step code */
	MET_LOGIN_REAUT,	/* wrong password (or code) on re-authentication */
	MET_LOGIN_CLAVE_ACTUAL,	/* wrong current password on "Cambiar contraseña" */
	MET_LOGIN_BLOQUEADO,	/* refused at once: the login or the address is locked */
	MET_LOGIN_N
};

/* How a child of the master ended before it was replaced. */
enum met_fin {
	MET_FIN_LIMITE,		/* cut at the time limit (cgi/core/vigia.h) */
	MET_FIN_SENAL,		/* another signal */
	MET_FIN_SALIDA,		/* it exited */
	MET_FIN_N
};

/* The mail queue, read from the database when /metricas is served. */
struct met_cola {
	long long	pendientes;	/* messages not yet delivered nor given up */
	long long	antiguo_s;	/* age of the oldest of them (0: none) */
	long long	vencido_s;	/* how long the oldest due one has waited (0: none due) */
};

/* Master, before forking: maps the counters of nrutas routes (plus the rows of
 * metricas_sin_ruta) for workers processes. Returns 0, or -1 (logged). Without it every
 * count below is a no-op. */
int metricas_create(size_t nrutas, int workers);
/* The row of requests that matched no route, after the route table's: one per area of
 * route_areas (cgi/core/router.h), labelled by its sin_ruta, and one (0) for those of no
 * area, "(ninguna)". area is route_area()'s answer. */
size_t metricas_sin_ruta(const struct route_area *area);
/* Worker: one request answered. fila is a route's index in the table, or nrutas +
 * metricas_sin_ruta(); ns the time from accept to the end of the answer. */
void metricas_peticion(size_t fila, int status, long long ns);
/* A login failed, for why. */
void metricas_login_fallido(enum met_login why);
/* Master: a child ended (a worker, or the mailer when mailer is set) and is replaced. */
void metricas_reinicio(int mailer, enum met_fin how);

/* Writes every counter in the Prometheus text format into out: t[0..n) is the route
 * table the rows were counted against, c the mail queue. Routes never requested are left
 * out. */
void metricas_texto(struct buf *out, const struct route *t, size_t n, const struct met_cola *c);
#endif
