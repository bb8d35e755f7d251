/* The guard against requests that hold a worker (cgi/vigia.c): its setting, the master's
 * cut of a worker past the limit, and the worker's own CPU timer. Each case forks a
 * "worker" that takes a request and never finishes it. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support.h"
#include "vigia.h"

/* Sets PORTAL_LIMITE_SEGUNDOS to v (NULL: unset) and reads it. Returns vigia_config's. */
static int
limite(const char *v, char *err, size_t n)
{
	if (v != NULL)
		setenv("PORTAL_LIMITE_SEGUNDOS", v, 1);
	else
		unsetenv("PORTAL_LIMITE_SEGUNDOS");
	return vigia_config(err, n);
}

static void
test_config(void **state)
{
	static const char *const malos[] = { "0", "51", "-3", "diez", "3s", " 3", "9999999999999" };
	char err[160];
	size_t i;

	(void)state;
	assert_int_equal(limite(NULL, err, sizeof(err)), 0);
	assert_int_equal(vigia_limite(), VIGIA_LIMITE);
	for (i = 0; i < sizeof(malos) / sizeof(malos[0]); i++) {
		err[0] = '\0';
		assert_int_equal(limite(malos[i], err, sizeof(err)), -1);
		assert_non_null(strstr(err, "PORTAL_LIMITE_SEGUNDOS: valor no válido"));
	}
	assert_int_equal(vigia_limite(), VIGIA_LIMITE);
	assert_int_equal(limite("50", err, sizeof(err)), 0);
	assert_int_equal(vigia_limite(), 50);
	assert_int_equal(limite("1", err, sizeof(err)), 0);
	assert_int_equal(vigia_limite(), 1);
}

/* Forks a worker of slot 0 that starts a request on route and then, spinning when cpu is
 * set, else sleeping, never ends it. Returns its pid. */
static pid_t
colgado(int cpu)
{
	pid_t pid = fork();
	volatile unsigned long n = 0;

	assert_true(pid >= 0);
	if (pid > 0)
		return pid;
	vigia_worker(0);
	vigia_inicio();
	vigia_ruta("POST", "/sat/compartidos/{id}/probar");
	for (;;) {
		if (cpu)
			n++;
		else
			pause();
	}
}

static void
test_cut_by_master(void **state)
{
	char err[160];
	pid_t pid;
	int status;

	(void)state;
	assert_int_equal(limite("1", err, sizeof(err)), 0);
	assert_int_equal(vigia_crear(1), 0);
	pid = colgado(0);
	/* A sleeping request spends no CPU: only the master's look ends it. */
	quiet(1);
	while (!vigia_revisar(0, pid))
		usleep(50 * 1000);
	assert_int_equal(vigia_revisar(0, pid), 0);	/* cut once */
	quiet(0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGKILL);
	vigia_terminado(0, pid, status);
}

static void
test_cpu_timer(void **state)
{
	char err[160];
	pid_t pid;
	int status;

	(void)state;
	assert_int_equal(limite("1", err, sizeof(err)), 0);
	assert_int_equal(vigia_crear(1), 0);
	/* Nobody looks: the worker's own CPU timer ends a spinning request. */
	pid = colgado(1);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGPROF);
	quiet(1);
	vigia_terminado(0, pid, status);
	quiet(0);
	/* The slot is empty again: nothing left to cut. */
	assert_int_equal(vigia_revisar(0, pid), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_cut_by_master),
		cmocka_unit_test(test_cpu_timer),
	};

	return cmocka_run_group_tests_name("vigia", tests, NULL, NULL);
}
