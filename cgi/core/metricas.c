/* The shared counters of /metricas and their Prometheus text (see cgi/core/metricas.h). */
#include <errno.h>
#include <stdio.h>
#include <stdatomic.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>

#include "core/log.h"
#include "core/metricas.h"

/* The statuses counted one by one; any other is counted as "otro". */
static const int estados[] = { 200, 303, 400, 401, 403, 404, 405, 409, 410, 413, 422, 429,
    500, 503 };
#define NESTADOS	(sizeof(estados) / sizeof(estados[0]))

/* The latency buckets' upper bounds, in ns and as Prometheus writes them; one more for
 * +Inf. Up to the time limit (30 s); a bulk upload may take longer (+Inf). */
static const long long cubeta_ns[] = { 1000000, 2500000, 5000000, 10000000, 25000000,
    50000000, 100000000, 250000000, 500000000, 1000000000, 2500000000LL, 5000000000LL,
    10000000000LL, 30000000000LL };
static const char *const cubeta_le[] = { "0.001", "0.0025", "0.005", "0.01", "0.025",
    "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "30" };
#define NCUBETAS	(sizeof(cubeta_ns) / sizeof(cubeta_ns[0]))

typedef _Atomic unsigned long long contador;

/* One route's counts, a cache line apart from the next so that workers serving different
 * routes do not contend for one line. */
struct fila {
	_Alignas(64) contador	estado[NESTADOS + 1];	/* by estados[], then "otro" */
	contador		cubeta[NCUBETAS + 1];	/* not cumulative; last: +Inf */
	contador		suma_us;
};

struct metricas {
	contador	login[MET_LOGIN_N];
	contador	fin[2][MET_FIN_N];	/* [worker, mailer][how] */
	int		workers;
	size_t		nrutas;
	struct fila	filas[];		/* nrutas, then NSIN_RUTA */
};

/* The rows of requests no route answered: those of no area, then one per area. */
#define NSIN_RUTA	(1 + nroute_areas)

static struct metricas *m;

int
metricas_create(size_t nrutas, int workers)
{
	size_t len = sizeof(*m) + (nrutas + NSIN_RUTA) * sizeof(struct fila);
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		log_err("metricas: mmap: %s", strerror(errno));
		return -1;
	}
	m = p;	/* zero-filled: every count 0 */
	m->workers = workers;
	m->nrutas = nrutas;
	return 0;
}

size_t
metricas_sin_ruta(const struct route_area *area)
{
	return area != NULL ? 1 + (size_t)(area - route_areas) : 0;
}

/* Adds one to c; relaxed: the counts order nothing else. */
static inline void
uno(contador *c)
{
	atomic_fetch_add_explicit(c, 1, memory_order_relaxed);
}

void
metricas_peticion(size_t fila, int status, long long ns)
{
	struct fila *f;
	size_t i;

	if (m == NULL || fila >= m->nrutas + NSIN_RUTA)
		return;
	f = &m->filas[fila];
	for (i = 0; i < NESTADOS && estados[i] != status; i++)
		;
	uno(&f->estado[i]);
	for (i = 0; i < NCUBETAS && ns > cubeta_ns[i]; i++)
		;
	uno(&f->cubeta[i]);
	atomic_fetch_add_explicit(&f->suma_us, ns > 0 ? (unsigned long long)ns / 1000 : 0,
	    memory_order_relaxed);
}

void
metricas_login_fallido(enum met_login why)
{
	if (m != NULL && why < MET_LOGIN_N)
		uno(&m->login[why]);
}

void
metricas_reinicio(int mailer, enum met_fin how)
{
	if (m != NULL && how < MET_FIN_N)
		uno(&m->fin[mailer != 0][how]);
}

static unsigned long long
contador_read(contador *c)
{
	return atomic_load_explicit(c, memory_order_relaxed);
}

/* Writes s as a label value (\, " and line breaks escaped). */
static void
etiqueta(struct buf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			buf_put(out, "\\", 1);
		if (*s == '\n')
			buf_puts(out, "\\n");
		else
			buf_put(out, s, 1);
	}
}

/* Writes pattern as a label value, its {name:int} segments as {name}: the labels stay those
 * the routes had before they said the type. */
static void
etiqueta_patron(struct buf *out, const char *pattern)
{
	char s[256];

	route_label(pattern, s, sizeof(s));
	etiqueta(out, s);
}

/* The route label of no-route row k (metricas_sin_ruta): its area's, else "(ninguna)". */
static const char *
sin_ruta(size_t k)
{
	return k > 0 && route_areas[k - 1].sin_ruta != NULL ? route_areas[k - 1].sin_ruta :
	    "(ninguna)";
}

/* The method and route labels of row i: the route's, or the no-route row's. */
static void
etiquetas_ruta(struct buf *out, const struct route *t, size_t i)
{
	buf_puts(out, "method=\"");
	etiqueta(out, i < m->nrutas ? t[i].method : "");
	buf_puts(out, "\",route=\"");
	if (i < m->nrutas)
		etiqueta_patron(out, t[i].pattern);
	else
		etiqueta(out, sin_ruta(i - m->nrutas));
	buf_puts(out, "\"");
}

static void
peticiones(struct buf *out, const struct route *t)
{
	size_t i, k, n = m->nrutas + NSIN_RUTA;
	unsigned long long v;

	buf_puts(out, "# HELP portal_http_requests_total Solicitudes atendidas, por ruta y estado "
	    "HTTP.\n# TYPE portal_http_requests_total counter\n");
	for (i = 0; i < n; i++)
		for (k = 0; k <= NESTADOS; k++) {
			if ((v = contador_read(&m->filas[i].estado[k])) == 0)
				continue;
			buf_puts(out, "portal_http_requests_total{");
			etiquetas_ruta(out, t, i);
			if (k < NESTADOS)
				buf_printf(out, ",status=\"%d\"} %llu\n", estados[k], v);
			else
				buf_printf(out, ",status=\"otro\"} %llu\n", v);
		}
}

static void
latencias(struct buf *out, const struct route *t)
{
	size_t i, k, n = m->nrutas + NSIN_RUTA;
	unsigned long long c[NCUBETAS + 1], acum;
	struct fila *f;

	buf_puts(out, "# HELP portal_http_request_duration_seconds Tiempo de cada solicitud en "
	    "el portal, de aceptarla al fin de la respuesta.\n"
	    "# TYPE portal_http_request_duration_seconds histogram\n");
	for (i = 0; i < n; i++) {
		f = &m->filas[i];
		/* One reading of the buckets, so that they and the count agree. */
		for (k = 0, acum = 0; k <= NCUBETAS; k++)
			acum += c[k] = contador_read(&f->cubeta[k]);
		if (acum == 0)
			continue;
		for (k = 0, acum = 0; k <= NCUBETAS; k++) {
			acum += c[k];
			buf_puts(out, "portal_http_request_duration_seconds_bucket{");
			etiquetas_ruta(out, t, i);
			buf_printf(out, ",le=\"%s\"} %llu\n", k < NCUBETAS ? cubeta_le[k] : "+Inf",
			    acum);
		}
		buf_puts(out, "portal_http_request_duration_seconds_sum{");
		etiquetas_ruta(out, t, i);
		buf_printf(out, "} %llu.%06llu\n", contador_read(&f->suma_us) / 1000000,
		    contador_read(&f->suma_us) % 1000000);
		buf_puts(out, "portal_http_request_duration_seconds_count{");
		etiquetas_ruta(out, t, i);
		buf_printf(out, "} %llu\n", acum);
	}
}

/* The outcome of a call answered with status k of estados[] (NESTADOS: another). */
enum resultado { RES_OK, RES_RECHAZADA, RES_NO_AUTORIZADA, RES_LIMITADA, RES_ERROR,
    RES_NO_DISPONIBLE, RES_N };
static const char *const resultados[] = { "ok", "rejected", "unauthorized", "limited",
    "error", "unavailable" };

static enum resultado
resultado(size_t k)
{
	int s = k < NESTADOS ? estados[k] : 0;

	if (s >= 200 && s < 400)
		return RES_OK;
	if (s == 401 || s == 403)
		return RES_NO_AUTORIZADA;
	if (s == 429)
		return RES_LIMITADA;
	if (s == 503)
		return RES_NO_DISPONIBLE;
	return s >= 400 && s < 500 ? RES_RECHAZADA : RES_ERROR;
}

/* The operation of pattern: the segment after l->op_prefijo (any case), else the first,
 * into op (n bytes). */
static void
operacion(const struct met_llamadas *l, const char *pattern, char *op, size_t n)
{
	size_t np = strlen(l->op_prefijo);
	const char *p = pattern + 1, *e;

	if (strncasecmp(pattern, l->op_prefijo, np) == 0)
		p = pattern + np;
	e = p + strcspn(p, "/");
	snprintf(op, n, "%.*s", (int)(e - p), p);
}

/* portal_<nombre>_calls_total (l): the calls of the routes flagged l->flag and of no-route
 * row sin (metricas_sin_ruta), by operation and outcome. */
static void
llamadas(struct buf *out, const struct route *t, const struct met_llamadas *l, size_t sin)
{
	unsigned long long r[RES_N];
	size_t i, k, n = m->nrutas + NSIN_RUTA;
	char op[64];

	buf_printf(out, "# HELP portal_%s_calls_total %s\n# TYPE portal_%s_calls_total "
	    "counter\n", l->nombre, l->ayuda, l->nombre);
	for (i = 0; i < n; i++) {
		if (i < m->nrutas ? (t[i].flags & l->flag) == 0 : i - m->nrutas != sin)
			continue;
		memset(r, 0, sizeof(r));
		for (k = 0; k <= NESTADOS; k++)
			r[resultado(k)] += contador_read(&m->filas[i].estado[k]);
		if (i < m->nrutas)
			operacion(l, t[i].pattern, op, sizeof(op));
		else
			snprintf(op, sizeof(op), "(ninguna)");
		for (k = 0; k < RES_N; k++)
			if (r[k] != 0) {
				buf_printf(out, "portal_%s_calls_total{%s=\"", l->nombre, l->clave);
				etiqueta(out, op);
				buf_printf(out, "\",outcome=\"%s\"} %llu\n", resultados[k], r[k]);
			}
	}
}

static void
fallos_y_reinicios(struct buf *out)
{
	static const char *const motivos[MET_LOGIN_N] = { "password", "code", "reauth",
	    "current_password", "locked" };
	static const char *const fines[MET_FIN_N] = { "time_limit", "signal", "exit" };
	size_t i, k;

	buf_puts(out, "# HELP portal_login_failures_total Ingresos fallidos: contraseña o "
	    "código errado, o rechazado por bloqueo.\n# TYPE portal_login_failures_total "
	    "counter\n");
	for (i = 0; i < MET_LOGIN_N; i++)
		buf_printf(out, "portal_login_failures_total{reason=\"%s\"} %llu\n", motivos[i],
		    contador_read(&m->login[i]));
	buf_puts(out, "# HELP portal_worker_restarts_total Procesos reemplazados por el "
	    "maestro, por cómo terminaron.\n# TYPE portal_worker_restarts_total counter\n");
	for (i = 0; i < 2; i++)
		for (k = 0; k < MET_FIN_N; k++)
			buf_printf(out, "portal_worker_restarts_total{process=\"%s\",cause=\"%s\"} "
			    "%llu\n", i ? "mailer" : "worker", fines[k], contador_read(&m->fin[i][k]));
	buf_printf(out, "# HELP portal_workers Procesos que atienden solicitudes.\n"
	    "# TYPE portal_workers gauge\nportal_workers %d\n", m->workers);
}

static void
cola(struct buf *out, const struct met_cola *c)
{
	buf_printf(out, "# HELP portal_mail_queue_messages Correos por entregar (pendientes).\n"
	    "# TYPE portal_mail_queue_messages gauge\nportal_mail_queue_messages %lld\n"
	    "# HELP portal_mail_oldest_pending_seconds Edad del correo pendiente más antiguo.\n"
	    "# TYPE portal_mail_oldest_pending_seconds gauge\n"
	    "portal_mail_oldest_pending_seconds %lld\n"
	    "# HELP portal_mail_oldest_due_seconds Cuánto lleva esperando el correo más antiguo "
	    "cuyo envío ya tocaba.\n# TYPE portal_mail_oldest_due_seconds gauge\n"
	    "portal_mail_oldest_due_seconds %lld\n", c->pendientes, c->antiguo_s, c->vencido_s);
}

void
metricas_texto(struct buf *out, const struct route *t, size_t n, const struct met_cola *c)
{
	size_t i;

	if (m == NULL || n != m->nrutas) {
		buf_puts(out, "# sin métricas: el maestro no las creó\n");
		return;
	}
	peticiones(out, t);
	latencias(out, t);
	for (i = 0; i < nroute_areas; i++)
		if (route_areas[i].llamadas != NULL)
			llamadas(out, t, route_areas[i].llamadas, metricas_sin_ruta(&route_areas[i]));
	fallos_y_reinicios(out);
	cola(out, c);
}
