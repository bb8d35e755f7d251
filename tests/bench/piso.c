/*
 * The FastCGI floor for `make bench` (issue 16): a minimal libfcgi responder that answers
 * every request with one file's bytes, read once into memory, and nothing else. What it
 * costs is what nginx <-> unix socket <-> worker costs; a portal page cannot be cheaper.
 *
 * usage: piso SOCKET FILE WORKERS
 * The master opens SOCKET, forks WORKERS processes that accept on it, and waits; its
 * SIGTERM ends them all.
 */
#include <errno.h>
#include <fcgiapp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t fin;

static void
al_terminar(int sig)
{
	(void)sig;
	fin = 1;
}

/* Reads path whole into a malloc'd buffer; *len its size. NULL on failure. */
static char *
leer(const char *path, long *len)
{
	FILE *f = fopen(path, "rb");
	char *b = NULL;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (*len = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (b = malloc((size_t)*len + 1)) != NULL && fread(b, 1, (size_t)*len, f) != (size_t)*len) {
		free(b);
		b = NULL;
	}
	fclose(f);
	return b;
}

/* A worker: the same headers a portal page carries (type, length, no-store), then the bytes. */
static void
servir(int sock, const char *body, long len)
{
	FCGX_Request fr;
	char head[160];
	int n = snprintf(head, sizeof head, "Status: 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
	    "Content-Length: %ld\r\nCache-Control: no-store\r\n\r\n", len);

	FCGX_InitRequest(&fr, sock, 0);
	while (FCGX_Accept_r(&fr) == 0) {
		FCGX_PutStr(head, n, fr.out);
		FCGX_PutStr(body, (int)len, fr.out);
		FCGX_Finish_r(&fr);
	}
	_exit(0);
}

int
main(int argc, char **argv)
{
	long len = 0;
	char *body;
	int sock, n, i;
	pid_t pids[256];
	struct sigaction sa = { .sa_handler = al_terminar };

	if (argc != 4 || (n = atoi(argv[3])) < 1 || n > 256) {
		fprintf(stderr, "usage: piso SOCKET FILE WORKERS\n");
		return 2;
	}
	if ((body = leer(argv[2], &len)) == NULL) {
		fprintf(stderr, "piso: %s: %s\n", argv[2], strerror(errno));
		return 1;
	}
	if (FCGX_Init() != 0 || (sock = FCGX_OpenSocket(argv[1], 128)) < 0) {
		fprintf(stderr, "piso: cannot listen on %s\n", argv[1]);
		return 1;
	}
	for (i = 0; i < n; i++)
		if ((pids[i] = fork()) == 0)
			servir(sock, body, len);
	sigaction(SIGTERM, &sa, NULL);	/* no SA_RESTART: wait() returns EINTR */
	while (!fin && (wait(NULL) > 0 || errno == EINTR))
		;
	for (i = 0; i < n; i++)
		kill(pids[i], SIGKILL);
	while (wait(NULL) > 0)
		;
	unlink(argv[1]);
	return 0;
}
