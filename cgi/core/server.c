/*
 * The FastCGI server: the master opens the socket and loads templates, then forks workers
 * that accept on the shared socket, each with its own SQLite connection. The master
 * replaces a worker that dies, cuts one whose request runs past the limit (cgi/core/vigia.h),
 * forwards SIGHUP (reload templates) and, on SIGTERM or SIGINT, tells the workers to finish
 * their request in flight and stop.
 */
#include <errno.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "core/config.h"
#include "core/db.h"
#include "core/http.h"
#include "core/log.h"
#include "core/metricas.h"
#include "core/multipart.h"
#include "core/passwd.h"
#include "core/router.h"
#include "core/server.h"
#include "core/tareas.h"
#include "core/valid.h"
#include "core/vigia.h"
#include "core/view.h"
#include "core/wal.h"

#define MAX_WORKERS 64
#define MAILER (-1)	/* spawn()'s slot of the periodic jobs' process (the "mailer") */

static volatile sig_atomic_t stopping, reload, child_died, tick;
static const struct tarea *tareas;	/* server_run's: the mailer runs them */
static size_t ntareas;

static void
on_signal(int sig)
{
	if (sig == SIGTERM || sig == SIGINT) {
		stopping = 1;
		FCGX_ShutdownPending();
	} else if (sig == SIGHUP)
		reload = 1;
	else if (sig == SIGCHLD)
		child_died = 1;
	else if (sig == SIGALRM)
		tick = 1;
}

/* Installs on_signal without SA_RESTART, so a blocked accept() returns on a signal. */
static void
install(int sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

/* Strict CONTENT_LENGTH: digits only. Returns the length, or -1 when malformed. */
static long
content_length(const char *s)
{
	char *end;
	long n;

	if (s == NULL || *s == '\0')
		return 0;
	if (strspn(s, "0123456789") != strlen(s) || strlen(s) > 12)
		return -1;
	n = strtol(s, &end, 10);
	return n;
}

/* Whether the path (decoded by nginx) and every header the portal reads are UTF-8: no
 * bytes that are not are ever stored (the user agent is, with an activation). */
static int
utf8_headers(const struct req *r)
{
	const char *const v[] = { r->path, r->origin, r->fetch_site, r->ua, r->authz, r->host,
	    r->url, r->ctype };
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (v[i] != NULL && !v_utf8_bytes(v[i]))
			return 0;
	return 1;
}

/* The FastCGI parameters read_request reads, found in one pass over the environment
 * (FCGX_GetParam scans it all for each: 16 scans a request, 2 % of the queue page's work). */
enum fcgi_param {
	P_QUERY_STRING, P_HTTP_COOKIE, P_CONTENT_LENGTH, P_PORTAL_SERVIDOR, P_PORTAL_METRICAS,
	P_REQUEST_METHOD, P_DOCUMENT_URI, P_REMOTE_ADDR, P_HTTP_ORIGIN, P_HTTP_SEC_FETCH_SITE,
	P_HTTP_USER_AGENT, P_HTTP_AUTHORIZATION, P_PORTAL_HOST, P_HTTP_HOST, P_PORTAL_URL,
	P_CONTENT_TYPE, NPARAM
};
#define PARAM(s)	{ s, sizeof(s) - 1 }
static const struct {
	const char	*name;
	size_t		len;
} param_names[NPARAM] = {
	PARAM("QUERY_STRING"), PARAM("HTTP_COOKIE"), PARAM("CONTENT_LENGTH"),
	PARAM("PORTAL_SERVIDOR"), PARAM("PORTAL_METRICAS"), PARAM("REQUEST_METHOD"),
	PARAM("DOCUMENT_URI"), PARAM("REMOTE_ADDR"), PARAM("HTTP_ORIGIN"),
	PARAM("HTTP_SEC_FETCH_SITE"), PARAM("HTTP_USER_AGENT"), PARAM("HTTP_AUTHORIZATION"),
	PARAM("PORTAL_HOST"), PARAM("HTTP_HOST"), PARAM("PORTAL_URL"), PARAM("CONTENT_TYPE"),
};

/* Each parameter of param_names into v (NULL when absent; the first when repeated, as
 * FCGX_GetParam answers). */
static void
read_params(char **env, const char *v[NPARAM])
{
	const char *eq;
	size_t i, n;

	memset(v, 0, NPARAM * sizeof(*v));
	for (; env != NULL && *env != NULL; env++) {
		if ((eq = strchr(*env, '=')) == NULL)
			continue;
		n = (size_t)(eq - *env);
		for (i = 0; i < NPARAM; i++)
			if (param_names[i].len == n && v[i] == NULL &&
			    memcmp(param_names[i].name, *env, n) == 0) {
				v[i] = eq + 1;
				break;
			}
	}
}

/* Reads the request from the FastCGI parameters and body. Returns 0, or the status
 * that answers a malformed request (400: a bad escape, a NUL, bytes that are not UTF-8 in
 * the path, a header, a query or form name or value, a multipart field or file name; 413). */
static enum http_status
read_request(FCGX_Request *fr, struct req *r)
{
	const char *v[NPARAM], *qs, *ck, *srv;
	long len;
	char *body;

	read_params(fr->envp, v);
	qs = v[P_QUERY_STRING];
	ck = v[P_HTTP_COOKIE];
	len = content_length(v[P_CONTENT_LENGTH]);
	/* Which nginx server passed the request: its own fastcgi_param, never a header. */
	srv = v[P_PORTAL_SERVIDOR];
	r->ap = srv != NULL && strcmp(srv, "ap") == 0;
	/* Only nginx's location that allows /metricas (an address list) passes this. */
	srv = v[P_PORTAL_METRICAS];
	r->metricas = srv != NULL && strcmp(srv, "1") == 0;
	r->method = v[P_REQUEST_METHOD];
	r->path = v[P_DOCUMENT_URI];
	r->ip = v[P_REMOTE_ADDR];
	r->origin = v[P_HTTP_ORIGIN];
	r->fetch_site = v[P_HTTP_SEC_FETCH_SITE];
	r->ua = v[P_HTTP_USER_AGENT];
	r->authz = v[P_HTTP_AUTHORIZATION];
	/* nginx passes "$host:$server_port": its fastcgi_params may drop the port. */
	r->host = v[P_PORTAL_HOST];
	if (r->host == NULL)
		r->host = v[P_HTTP_HOST];
	/* The configured name, not the client's Host header: links in mail use it. */
	r->url = v[P_PORTAL_URL];
	r->ctype = v[P_CONTENT_TYPE];
	if (r->method == NULL || r->path == NULL || r->path[0] != '/' || !utf8_headers(r))
		return HTTP_BAD_REQUEST;
	if (r->ip == NULL)
		r->ip = "";
	if (ck != NULL)
		parse_cookies(r->a, ck, &r->cookies);
	if (qs != NULL && parse_urlencoded(r->a, qs, strlen(qs), &r->query) < 0)
		return HTTP_BAD_REQUEST;
	if (len < 0)
		return HTTP_BAD_REQUEST;
	/* The route's cap (nginx's client_max_body_size of its location matches). */
	if (len > 0 && len > route_body_max(r))
		return HTTP_TOO_LARGE;
	body = arena_alloc(r->a, (size_t)len + 1);
	if (len > 0 && FCGX_GetStr(body, (int)len, fr->in) != len)
		return HTTP_BAD_REQUEST;
	body[len] = '\0';
	r->body = body;
	r->blen = (size_t)len;
	if (r->ctype != NULL && strncasecmp(r->ctype, "application/x-www-form-urlencoded", 33) == 0 &&
	    parse_urlencoded(r->a, body, (size_t)len, &r->form) < 0)
		return HTTP_BAD_REQUEST;
	if (multipart_is(r->ctype) && parse_multipart(r->a, r->ctype, body, (size_t)len,
	    &r->form, &r->files) < 0)
		return HTTP_BAD_REQUEST;
	return 0;
}

/* Appends n in decimal to b. */
static void
put_number(struct buf *b, unsigned long long n)
{
	char d[24], *o = d + sizeof(d);

	do
		*--o = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	buf_put(b, o, (size_t)(d + sizeof(d) - o));
}

/* Writes status line and headers, then the body (not copied after them: the queue's page
 * is 10 KB). */
static void
write_response(FCGX_Request *fr, const struct req *r, struct resp *rs, struct buf *out)
{
	buf_reset(out);
	/* "Status: %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n", without printf */
	buf_puts(out, "Status: ");
	put_number(out, (unsigned long long)rs->status);
	buf_puts(out, " ");
	buf_puts(out, http_reason(rs->status));
	buf_puts(out, "\r\nContent-Type: ");
	buf_puts(out, rs->ctype ? rs->ctype : "text/plain");
	buf_puts(out, "\r\nContent-Length: ");
	put_number(out, rs->body.len);
	buf_puts(out, "\r\n");
	buf_puts(out, "Content-Security-Policy: default-src 'none'; script-src 'self'; "
	    "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
	    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'\r\n"
	    "X-Frame-Options: DENY\r\nX-Content-Type-Options: nosniff\r\n"
	    "Referrer-Policy: no-referrer\r\n");
	buf_puts(out, rs->nostore ? "Cache-Control: no-store\r\n" :
	    "Cache-Control: private, no-cache\r\n");
	buf_put(out, rs->head.p ? rs->head.p : "", rs->head.len);
	buf_puts(out, "\r\n");
	FCGX_PutStr(out->p, (int)out->len, fr->out);
	if ((r->method == NULL || strcmp(r->method, "HEAD") != 0) && rs->body.len > 0)
		FCGX_PutStr(rs->body.p, (int)rs->body.len, fr->out);
}

/* Replaces the error the handler answered with 503 and Retry-After: the database stayed
 * locked by another writer (db_ocupada). Its transaction, if any, is rolled back by the
 * caller, so nothing of it is written. The page, the API's {"Message"} or the AP's OAuth
 * shape, as the route answers (its dialect). */
static void
ocupado(struct req *r, struct resp *rs)
{
	enum dialect d = rs->dialect;

	resp_reset(rs);
	rs->dialect = d;
	resp_header(rs, "Retry-After", "2");
	rs->status = HTTP_UNAVAILABLE;
	resp_render(r, rs);
}

/*
 * Runs the handler of r (parsed) into rs. On PostgreSQL a transaction that cannot be
 * serialized with another's, or deadlocks, fails as DB_RETRY and is lost whole: while no
 * transaction of this request has committed, the handler runs again from the parsed
 * request, with a fresh response, after a short random wait, up to SERVER_REINTENTOS runs
 * in all. Once one has committed, a run again could write twice; the request is then
 * answered as when the database stays locked (503, Retry-After), as is the last failed
 * run. A request that changes data (not GET or HEAD: every change audits), and any run
 * again, begins its transactions with the audit writers' turn (db_turno), so another
 * request's audit row cannot fail it. SQLite never fails so: its handlers run once.
 */
#define SERVER_REINTENTOS	5

static void
run_handler(struct req *r, struct resp *rs)
{
	const struct req parsed = *r;
	struct db_marca antes, ahora;
	long long reintentos;
	int vez, lee;

	db_marca(&antes);
	reintentos = antes.reintentos;
	lee = r->method != NULL && (strcmp(r->method, "GET") == 0 ||
	    strcmp(r->method, "HEAD") == 0);
	db_turno(!lee);
	/* Its statements share one read transaction (ended by db_release). */
	if (lee)
		db_lectura();
	for (vez = 1;; vez++) {
		dispatch(r, rs);
		db_marca(&ahora);
		if (ahora.reintentos == reintentos)
			break;
		reintentos = ahora.reintentos;
		if (db_in_transaction())
			db_rollback();
		if (ahora.confirmadas != antes.confirmadas || vez == SERVER_REINTENTOS) {
			log_err("db: %s %s could not be serialized (run %d%s): 503", r->method,
			    r->ruta ? r->ruta : "(no route)", vez,
			    ahora.confirmadas != antes.confirmadas ? ", after a commit" : "");
			ocupado(r, rs);
			break;
		}
		log_info("db: %s %s could not be serialized: running it again", r->method,
		    r->ruta ? r->ruta : "(no route)");
		db_release();
		passwd_cupo_release();
		db_pausa_azar(vez);
		/* The run again takes the audit writers' turn at its begin (core/db.h). */
		db_turno(1);
		*r = parsed;
		resp_reset(rs);
	}
	db_turno(0);
}

/* Handles one accepted request from start to finish. Returns its row of the counters
 * (cgi/core/metricas.h) and sets *status to the status answered. */
static size_t
handle(FCGX_Request *fr, struct arena *a, struct resp *rs, struct buf *out, int *status)
{
	size_t fila;

	struct req r;
	enum http_status st;

	memset(&r, 0, sizeof(r));
	r.a = a;
	r.now = (long long)time(NULL);
	resp_reset(rs);
	if ((st = read_request(fr, &r)) != 0) {
		rs->status = st;
		rs->dialect = route_area_dialect(&r);
		resp_render(&r, rs);
	} else
		run_handler(&r, rs);
	/* A probe's 503 is its own answer: it names the check that failed. */
	if (db_ocupada() && rs->status >= HTTP_ERROR &&
	    (r.route == NULL || !(r.route->flags & F_SONDA))) {
		log_err("db: locked by another writer for %d ms, 503 to %s %s", DB_ESPERA_MS,
		    r.method, r.ruta ? r.ruta : "(no route)");
		ocupado(&r, rs);
	}
	/* API calls leave a line (log_mask hides the token of the path). */
	if (rs->dialect != DIALECT_HTML)
		log_info("api: %s %s %d from %s", r.method ? r.method : "-", r.path ? r.path : "-",
		    (int)rs->status, r.ip ? r.ip : "-");
	/* A handler that returned inside a transaction (a failed COMMIT, say) must not leave
	 * it open for the next request: undo it. */
	if (db_in_transaction()) {
		log_err("%s %s: transaction left open, rolled back", r.method, r.path);
		db_rollback();
	}
	db_release();
	/* Nor a hashing slot (cgi/core/passwd.h) that a handler forgot to free. */
	passwd_cupo_release();
	write_response(fr, &r, rs, out);
	*status = (int)rs->status;
	fila = r.route != NULL ? (size_t)(r.route - routes) :
	    nroutes + metricas_sin_ruta(route_area(&r));
	resp_reset(rs);
	arena_reset(a);
	return fila;
}

/* Nanoseconds on the monotonic clock. */
static long long
reloj_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* A worker's life: open the database, accept until told to stop. */
static void
worker(int sock)
{
	FCGX_Request fr;
	struct arena *a = arena_new();
	struct resp rs;
	struct buf out = { 0 };
	sigset_t none;
	long long t0;
	size_t fila;
	int status;

	signal(SIGCHLD, SIG_DFL);
	install(SIGTERM);
	install(SIGINT);
	install(SIGHUP);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);	/* the master forked with them blocked */
	memset(&rs, 0, sizeof(rs));
	if (a == NULL || db_open(cfg.db) < 0 || passwd_cupo_open() < 0)
		_exit(1);
	/* Keep the heap between requests: giving a large page's memory back to the kernel and
	 * faulting it in again on the next request cost three times the page's own work (the
	 * largest OpenAPI documentation page: 22 ms of CPU, 6 ms without). */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	FCGX_InitRequest(&fr, sock, 0);
	while (!stopping) {
		if (FCGX_Accept_r(&fr) < 0)
			break;
		t0 = reloj_ns();
		vigia_inicio();
		if (reload) {
			reload = 0;
			view_reload();
		}
		fila = handle(&fr, a, &rs, &out, &status);
		FCGX_Finish_r(&fr);
		vigia_fin();
		metricas_peticion(fila, status, reloj_ns() - t0);
	}
	db_cuenta_log();
	db_close();
	_exit(0);
}

/* Forks the worker of slot i (or the mailer when sock is MAILER); returns its pid or -1.
 * A child whose master dies (kill -9) is told to stop as by SIGTERM: it finishes its
 * request and exits, and stops taking requests on the socket the master left behind. */
static pid_t
spawn(int sock, int i)
{
	pid_t master = getpid(), pid = fork();

	if (pid == 0 && (prctl(PR_SET_PDEATHSIG, SIGTERM) != 0 || getppid() != master))
		raise(SIGTERM);	/* blocked until the child installs its handler */
	if (pid == 0 && sock == MAILER)
		tareas_run(tareas, ntareas);
	if (pid == 0) {
		vigia_worker(i);
		worker(sock);
	}
	if (pid < 0)
		log_err("server: fork: %s", strerror(errno));
	return pid;
}

/*
 * A child that ends within VIDA_CORTA_MS of its start (a worker that cannot open its
 * database, say) is started again only after a pause, PAUSA_MIN_MS doubled at each such end
 * up to PAUSA_MAX_MS, and started by the master's tick: without it the master forked
 * thousands of times a second. A child that lived longer is replaced at once, as before.
 */
#define VIDA_CORTA_MS	1000
#define PAUSA_MIN_MS	100
#define PAUSA_MAX_MS	5000
static long long nacido[MAX_WORKERS + 1];	/* ms (reloj_ns) each slot's child started */
static long long pausa[MAX_WORKERS + 1];	/* the slot's pause after a short life, or 0 */
static long long debido[MAX_WORKERS + 1];	/* when the slot's next child is due, or 0 */

/* Starts slot i's child: a worker, or the mailer when i is n. */
static void
start_slot(pid_t *pids, int i, int n, int sock)
{
	pids[i] = spawn(i == n ? MAILER : sock, i == n ? -1 : i);
	nacido[i] = reloj_ns() / 1000000;
}

/* Starts the children whose pause is over (the master's tick). */
static void
start_due(pid_t *pids, int n, int sock)
{
	long long ahora = reloj_ns() / 1000000;
	int i;

	for (i = 0; i <= n; i++)
		if (debido[i] != 0 && ahora >= debido[i] && !stopping) {
			debido[i] = 0;
			start_slot(pids, i, n, sock);
		}
}

/* Replaces the children that died: pids[0..n) are workers, pids[n] the mailer (the
 * checkpoint job, cgi/core/wal.h, is not replaced: the next tick starts another when needed). */
static void
reap(pid_t *pids, int n, int sock)
{
	pid_t pid;
	int i, status, limite;
	long long vida;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		for (i = wal_termino(pid, status) ? n + 1 : 0; i <= n; i++) {
			if (pids[i] != pid)
				continue;
			pids[i] = 0;
			limite = i < n && vigia_terminado(i, pid, status);
			if (!stopping) {
				metricas_reinicio(i == n, limite ? MET_FIN_LIMITE :
				    WIFSIGNALED(status) ? MET_FIN_SENAL : MET_FIN_SALIDA);
				vida = reloj_ns() / 1000000 - nacido[i];
				if (vida >= VIDA_CORTA_MS) {
					pausa[i] = 0;
					log_err("server: %s %d ended (status %d); starting another",
					    i == n ? "mailer" : "worker", (int)pid, status);
					start_slot(pids, i, n, sock);
					continue;
				}
				pausa[i] = pausa[i] == 0 ? PAUSA_MIN_MS : pausa[i] * 2 > PAUSA_MAX_MS ?
				    PAUSA_MAX_MS : pausa[i] * 2;
				debido[i] = reloj_ns() / 1000000 + pausa[i];
				log_err("server: %s %d ended %lld ms after its start (status %d); "
				    "another in %lld ms", i == n ? "mailer" : "worker", (int)pid, vida,
				    status, pausa[i]);
			}
		}
}

/* The cap on password hashes at once across the workers: PORTAL_CLAVES_SIMULTANEAS, or
 * half the workers (at least 1). Returns it, or -1 (logged) when the variable is wrong. */
static int
cupo_claves(int workers)
{
	long long v = workers / 2 > 0 ? workers / 2 : 1;
	char err[160];

	if (config_entero("PORTAL_CLAVES_SIMULTANEAS", 1, PASSWD_CUPO_MAX, "cálculos a la vez",
	    &v, err, sizeof(err)) < 0) {
		log_err("%s", err);
		return -1;
	}
	return (int)v;
}

/* Cuts the workers whose request is past the limit (their end is reaped later). */
static void
cut_late_workers(const pid_t *pids, int n)
{
	int i;

	for (i = 0; i < n; i++)
		vigia_check(i, pids[i]);
}

int
server_run(const struct tarea *t, size_t nt)
{
	pid_t pids[MAX_WORKERS + 1] = { 0 };
	int sock, i, n = cfg.workers, alive, cupo;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	sigset_t block, old;

	if (n <= 0)
		n = (int)(cores > 0 ? 2 * cores : 2);
	if (n > MAX_WORKERS)
		n = MAX_WORKERS;
	tareas = t;
	ntareas = nt;
	if (view_load(cfg.tpl) < 0)
		return -1;
	if ((cupo = cupo_claves(n)) < 0 || passwd_cupo_create(cfg.var, cupo) < 0)
		return -1;
	/* The missing-account hash, once, before the workers inherit it. */
	passwd_check(NULL, "");
	if (FCGX_Init() != 0)
		return -1;
	unlink(cfg.sock);
	if ((sock = FCGX_OpenSocket(cfg.sock, 1024)) < 0) {
		log_err("server: cannot listen on %s", cfg.sock);
		return -1;
	}
	chmod(cfg.sock, 0660);
	if (vigia_create(n) < 0 || metricas_create(nroutes, n) < 0)
		return -1;
	db_wal_prepare();	/* no worker's first commit starts the WAL */
	db_close();	/* each worker opens its own connection */
	db_modo_servidor();
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGALRM);
	sigprocmask(SIG_BLOCK, &block, &old);
	install(SIGCHLD);
	install(SIGTERM);
	install(SIGINT);
	install(SIGHUP);
	install(SIGALRM);
	for (i = 0; i <= n; i++)
		start_slot(pids, i, n, sock);
	/* The guard's look, every VIGIA_MS (children do not inherit the timer). */
	setitimer(ITIMER_REAL, &(struct itimerval){ .it_interval = { 0, VIGIA_MS * 1000 },
	    .it_value = { 0, VIGIA_MS * 1000 } }, NULL);
	log_info("server: %d workers on %s, and the mailer; %d password hashes at once; a "
	    "request may take %d s", n, cfg.sock, cupo, vigia_limite());
	while (!stopping) {
		sigsuspend(&old);
		if (tick) {
			tick = 0;
			cut_late_workers(pids, n);
			wal_check();
			start_due(pids, n, sock);
		}
		if (child_died) {
			child_died = 0;
			reap(pids, n, sock);
		}
		if (reload) {
			reload = 0;
			log_info("server: reloading templates");
			view_reload();
			for (i = 0; i < n; i++)
				if (pids[i] > 0)
					kill(pids[i], SIGHUP);
		}
	}
	/* Stop: each worker finishes its request in flight, then exits. */
	wal_stop();
	for (i = 0; i <= n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	sigprocmask(SIG_SETMASK, &old, NULL);
	do {
		alive = 0;
		cut_late_workers(pids, n);	/* a request in flight still has its limit */
		reap(pids, n, sock);
		for (i = 0; i <= n; i++)
			alive += pids[i] > 0;
		if (alive)
			usleep(20000);
	} while (alive);
	unlink(cfg.sock);
	log_info("server: stopped");
	return 0;
}
