/* The guard against requests that hold a worker (see cgi/core/vigia.h). */
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>

#include "core/config.h"
#include "core/log.h"
#include "core/vigia.h"

/* A worker's slot: written by the worker, read by the master (cortado: the master's). */
struct slot {
	_Atomic long long inicio;	/* ms (CLOCK_MONOTONIC) the request began; 0: idle */
	_Atomic int	 segundos;	/* what the request may take */
	char		 ruta[160];	/* "POST /sat/compartidos/{id}/probar" */
	int		 cortado;	/* the master killed it for this request */
};

static struct slot *slots;	/* shared: the master's n, mapped before the fork */
static int nslots;
static struct slot *propio;	/* the worker's own, or NULL (not a worker) */
static int limite = VIGIA_LIMITE;

/* Milliseconds on the monotonic clock (the same for every process of the machine). */
static long long
ahora_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
vigia_config(char *err, size_t n)
{
	long long v = limite;

	if (config_entero("PORTAL_LIMITE_SEGUNDOS", 1, VIGIA_MAXIMO, "segundos enteros", &v,
	    err, n) < 0)
		return -1;
	limite = (int)v;
	return 0;
}

int
vigia_limite(void)
{
	return limite;
}

int
vigia_create(int n)
{
	void *p = mmap(NULL, (size_t)n * sizeof(struct slot), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		log_err("vigia: mmap: %s", strerror(errno));
		return -1;
	}
	slots = p;	/* zero-filled: every slot idle */
	nslots = n;
	return 0;
}

void
vigia_worker(int i)
{
	propio = slots != NULL && i >= 0 && i < nslots ? &slots[i] : NULL;
}

/* The backstop: SIGPROF (default action: end the process) after s seconds of CPU. */
static void
arm_cpu(int s)
{
	struct itimerval cpu = { .it_value = { .tv_sec = s } };

	setitimer(ITIMER_PROF, &cpu, NULL);
}

void
vigia_inicio(void)
{
	if (propio == NULL)
		return;
	snprintf(propio->ruta, sizeof(propio->ruta), "(no route matched yet)");
	atomic_store(&propio->segundos, limite);
	atomic_store(&propio->inicio, ahora_ms());
	arm_cpu(limite);
}

void
vigia_ruta(const char *method, const char *pattern, int largo)
{
	if (propio == NULL)
		return;
	snprintf(propio->ruta, sizeof(propio->ruta), "%s %s", method, pattern);
	if (largo && limite < VIGIA_LARGO) {
		atomic_store(&propio->segundos, VIGIA_LARGO);
		arm_cpu(VIGIA_LARGO);
	}
}

/* The CPU timer is left armed: the next request arms it again, and between the two the
 * worker waits in accept, using no CPU, so it cannot run out there (one setitimer a
 * request fewer). */
void
vigia_fin(void)
{
	if (propio == NULL)
		return;
	atomic_store(&propio->inicio, 0);
}

/* A copy of slot s's route, terminated whatever the worker was writing. */
static void
ruta_de(const struct slot *s, char *out, size_t n)
{
	memcpy(out, s->ruta, n < sizeof(s->ruta) ? n : sizeof(s->ruta));
	out[n - 1] = '\0';
}

int
vigia_check(int i, pid_t pid)
{
	struct slot *s;
	long long t, ms;
	int seg;
	char ruta[sizeof(slots->ruta)];

	if (slots == NULL || i < 0 || i >= nslots || pid <= 0)
		return 0;
	s = &slots[i];
	t = atomic_load(&s->inicio);
	seg = atomic_load(&s->segundos);
	if (t == 0 || s->cortado || (ms = ahora_ms() - t) < (long long)seg * 1000)
		return 0;
	/* The worker may have finished between the load and the kill: it then loses the
	 * request it just took, which nginx answers 503 too. A window of microseconds. */
	kill(pid, SIGKILL);
	s->cortado = 1;
	ruta_de(s, ruta, sizeof(ruta));
	log_err("vigia: worker %d held %s for %lld.%lld s (limit %d s): cut, another starts",
	    (int)pid, ruta, ms / 1000, ms % 1000 / 100, seg);
	return 1;
}

int
vigia_terminado(int i, pid_t pid, int status)
{
	struct slot *s;
	char ruta[sizeof(slots->ruta)];
	int cortado;

	if (slots == NULL || i < 0 || i >= nslots)
		return 0;
	s = &slots[i];
	cortado = s->cortado;
	if (atomic_load(&s->inicio) != 0 && !s->cortado) {
		ruta_de(s, ruta, sizeof(ruta));
		if (WIFSIGNALED(status) && WTERMSIG(status) == SIGPROF) {
			log_err("vigia: worker %d spent %d s of CPU on %s: cut, another starts",
			    (int)pid, atomic_load(&s->segundos), ruta);
			cortado = 1;
		} else
			log_err("vigia: worker %d ended (status %d) serving %s", (int)pid, status,
			    ruta);
	}
	atomic_store(&s->inicio, 0);
	s->cortado = 0;
	s->ruta[0] = '\0';
	return cortado;
}
