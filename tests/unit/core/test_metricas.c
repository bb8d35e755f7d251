/*
 * The counters of /metricas (cgi/core/metricas.c): counts added by forked processes, as the
 * workers do, add up in the master's shared memory; the text is the Prometheus format
 * (cumulative buckets, MIPRES and AP calls by outcome); /metricas refuses a request nginx
 * did not pass through its allowed location. Prints what a request's counting costs.
 */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/metricas.h"
#include "admin/admin.h"
#include "core/roles.h"
#include "core/router.h"
#include "support.h"

static enum http_status
nada(struct req *r, struct resp *rs)
{
	(void)r, (void)rs;
	return HTTP_OK;
}

/* A small route table: a page, a MIPRES API route, an AP service, a page with an id. */
static const struct route tabla[] = {
	{ "GET", "/login", R_PUBLIC, 0, nada, 0, DIALECT_HTML, 0 },
	{ "PUT", "/WSSUMMIPRESNOPBS/api/Entrega/{nit}/{token}", R_PUBLIC, F_API, nada, 0,
	    DIALECT_MESSAGE, 0 },
	{ "POST", "/token", R_PUBLIC, F_AP, nada, 0, DIALECT_OAUTH, 0 },
	{ "GET", "/x/{id:int}/y/{n:int}", R_USER, 0, nada, 0, DIALECT_HTML, 0 },
};
#define NTABLA	(sizeof(tabla) / sizeof(tabla[0]))

/* The text of the counters, in buf (freed by the caller). */
static char *
texto(struct buf *b)
{
	struct met_cola c = { 3, 120, 7 };

	buf_reset(b);
	metricas_texto(b, tabla, NTABLA, &c);
	buf_put(b, "", 1);
	return b->p;
}

/* Asserts line (a whole line) is in text. */
static void
tiene(const char *text, const char *line)
{
	char want[512];

	snprintf(want, sizeof(want), "\n%s\n", line);
	if (strstr(text, want) == NULL)
		fail_msg("missing line: %s\n--- text:\n%s", line, text);
}

static void
test_procesos_suman(void **state)
{
	struct buf b = { 0 };
	pid_t pid[4];
	int i, k, status;
	char *t;

	(void)state;
	assert_int_equal(metricas_create(NTABLA, 4), 0);
	/* Four "workers" count 1000 requests each, at once, as the real ones do. */
	for (i = 0; i < 4; i++) {
		if ((pid[i] = fork()) == 0) {
			for (k = 0; k < 1000; k++)
				metricas_peticion(0, 200, 2000000);	/* 2 ms */
			metricas_login_fallido(MET_LOGIN_CLAVE);
			_exit(0);
		}
		assert_true(pid[i] > 0);
	}
	for (i = 0; i < 4; i++) {
		assert_int_equal(waitpid(pid[i], &status, 0), pid[i]);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	metricas_peticion(0, 303, 40000000000LL);	/* 40 s: beyond the last bucket */
	metricas_peticion(0, 418, 500);			/* a status not listed */
	metricas_reinicio(0, MET_FIN_LIMITE);
	metricas_reinicio(1, MET_FIN_SALIDA);
	t = texto(&b);
	tiene(t, "portal_http_requests_total{method=\"GET\",route=\"/login\",status=\"200\"} 4000");
	tiene(t, "portal_http_requests_total{method=\"GET\",route=\"/login\",status=\"303\"} 1");
	tiene(t, "portal_http_requests_total{method=\"GET\",route=\"/login\",status=\"otro\"} 1");
	/* Cumulative buckets: the 0.5 µs one in the first, the 2 ms ones from 0.0025 on, the
	 * 40 s one only in +Inf. */
	tiene(t, "portal_http_request_duration_seconds_bucket{method=\"GET\",route=\"/login\","
	    "le=\"0.001\"} 1");
	tiene(t, "portal_http_request_duration_seconds_bucket{method=\"GET\",route=\"/login\","
	    "le=\"0.0025\"} 4001");
	tiene(t, "portal_http_request_duration_seconds_bucket{method=\"GET\",route=\"/login\","
	    "le=\"30\"} 4001");
	tiene(t, "portal_http_request_duration_seconds_bucket{method=\"GET\",route=\"/login\","
	    "le=\"+Inf\"} 4002");
	tiene(t, "portal_http_request_duration_seconds_count{method=\"GET\",route=\"/login\"} 4002");
	tiene(t, "portal_http_request_duration_seconds_sum{method=\"GET\",route=\"/login\"} "
	    "48.000000");
	tiene(t, "portal_login_failures_total{reason=\"password\"} 4");
	tiene(t, "portal_login_failures_total{reason=\"code\"} 0");
	tiene(t, "portal_worker_restarts_total{process=\"worker\",cause=\"time_limit\"} 1");
	tiene(t, "portal_worker_restarts_total{process=\"mailer\",cause=\"exit\"} 1");
	tiene(t, "portal_workers 4");
	tiene(t, "portal_mail_queue_messages 3");
	tiene(t, "portal_mail_oldest_pending_seconds 120");
	tiene(t, "portal_mail_oldest_due_seconds 7");
	/* Routes never requested are left out. */
	assert_null(strstr(t, "route=\"/token\""));
	buf_free(&b);
}

/* The no-route row of a request for path on the AP port (ap) or the site's. */
static size_t
sin_ruta(int ap, const char *path)
{
	struct req r;

	memset(&r, 0, sizeof(r));
	r.ap = ap;
	r.path = path;
	return metricas_sin_ruta(route_area(&r));
}

static void
test_llamadas(void **state)
{
	struct buf b = { 0 };
	char *t;

	(void)state;
	assert_int_equal(metricas_create(NTABLA, 2), 0);
	metricas_peticion(1, 200, 1000);
	metricas_peticion(1, 200, 1000);
	metricas_peticion(1, 401, 1000);
	metricas_peticion(1, 422, 1000);
	metricas_peticion(1, 503, 1000);
	metricas_peticion(2, 200, 1000);
	metricas_peticion(2, 429, 1000);
	metricas_peticion(2, 500, 1000);
	metricas_peticion(3, 200, 1000);
	metricas_peticion(NTABLA + sin_ruta(0, "/WSSUMMIPRESNOPBS/nada"), 404, 1000);
	metricas_peticion(NTABLA + sin_ruta(1, "/nada"), 404, 1000);
	metricas_peticion(NTABLA + sin_ruta(0, "/nada"), 404, 1000);
	metricas_peticion(NTABLA + 1 + nroute_areas, 200, 1000);	/* out of range: ignored */
	t = texto(&b);
	tiene(t, "portal_mipres_calls_total{operation=\"Entrega\",outcome=\"ok\"} 2");
	tiene(t, "portal_mipres_calls_total{operation=\"Entrega\",outcome=\"unauthorized\"} 1");
	tiene(t, "portal_mipres_calls_total{operation=\"Entrega\",outcome=\"rejected\"} 1");
	tiene(t, "portal_mipres_calls_total{operation=\"Entrega\",outcome=\"unavailable\"} 1");
	tiene(t, "portal_mipres_calls_total{operation=\"(ninguna)\",outcome=\"rejected\"} 1");
	tiene(t, "portal_ap_calls_total{service=\"token\",outcome=\"ok\"} 1");
	tiene(t, "portal_ap_calls_total{service=\"token\",outcome=\"limited\"} 1");
	tiene(t, "portal_ap_calls_total{service=\"token\",outcome=\"error\"} 1");
	tiene(t, "portal_ap_calls_total{service=\"(ninguna)\",outcome=\"rejected\"} 1");
	tiene(t, "portal_http_requests_total{method=\"\",route=\"(ninguna)\",status=\"404\"} 1");
	tiene(t, "portal_http_requests_total{method=\"\",route=\"(ninguna: puerto AP)\","
	    "status=\"404\"} 1");
	/* A {name:int} segment is labelled {name}, as before routes said the type. */
	tiene(t, "portal_http_requests_total{method=\"GET\",route=\"/x/{id}/y/{n}\","
	    "status=\"200\"} 1");
	/* A page is neither a MIPRES nor an AP call. */
	assert_null(strstr(t, "operation=\"login\""));
	buf_free(&b);
}

/* /metricas answers only what nginx's allowed location passed (PORTAL_METRICAS). */
static void
test_solo_por_nginx(void **state)
{
	struct resp rs;
	struct req r;

	req_init(&r, ARENA(state));
	memset(&rs, 0, sizeof(rs));
	resp_reset(&rs);
	r.metricas = 0;
	assert_int_equal(page_metricas(&r, &rs), HTTP_NOT_FOUND);
	assert_int_equal(rs.body.len, 0);
	resp_reset(&rs);
	buf_free(&rs.head);
	buf_free(&rs.body);
}

/* Nanoseconds per call of f over n calls. */
static double
ns_por(void (*f)(void), long n)
{
	struct timespec a, b;
	long i;

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < n; i++)
		f();
	clock_gettime(CLOCK_MONOTONIC, &b);
	return ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / n;
}

/* What the worker adds to each request: two clock readings and the count. */
static void
una_peticion(void)
{
	struct timespec t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	metricas_peticion(0, 200, (t1.tv_sec - t0.tv_sec) * 1000000000LL + t1.tv_nsec -
	    t0.tv_nsec + 3000000);
}

static void
test_costo(void **state)
{
	long n = 2000000;
	double solo, otro;
	pid_t pid;
	int status;

	(void)state;
	assert_int_equal(metricas_create(NTABLA, 2), 0);
	solo = ns_por(una_peticion, n);
	/* Two processes counting the same route at once: the worst case, one cache line
	 * between two cores. */
	if ((pid = fork()) == 0) {
		ns_por(una_peticion, n);
		_exit(0);
	}
	otro = ns_por(una_peticion, n);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	printf("# metricas: %.0f ns per request alone, %.0f ns with another process counting "
	    "the same route (sanitizer build; clock readings included)\n", solo, otro);
	/* A generous bound even under the sanitizers on a loaded machine: a request costs
	 * milliseconds. */
	assert_true(solo < 20000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_procesos_suman),
		cmocka_unit_test(test_llamadas),
		cmocka_unit_test_setup_teardown(test_solo_por_nginx, arena_setup, arena_teardown),
		cmocka_unit_test(test_costo),
	};

	return cmocka_run_group_tests_name("metricas", tests, NULL, NULL);
}
