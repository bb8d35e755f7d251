/* The guard against requests that hold a worker (cgi/core/vigia.c): its setting, the master's
 * cut of a worker past the limit, and the worker's own CPU timer. Each case forks a
 * "worker" that takes a request and never finishes it. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support.h"
#include "core/vigia.h"

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

/* Forks a worker of slot 0 that starts a request on a route (a bulk one when largo) and
 * then, spinning when cpu is set, else sleeping, never ends it. Returns its pid once the
 * request has begun. */
static pid_t
colgado(int cpu, int largo)
{
	volatile unsigned long n = 0;
	int fd[2];
	char c = 0;
	pid_t pid;

	assert_int_equal(pipe(fd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid > 0) {
		close(fd[1]);
		assert_int_equal(read(fd[0], &c, 1), 1);
		close(fd[0]);
		return pid;
	}
	vigia_worker(0);
	vigia_inicio();
	vigia_ruta("POST", largo ? "/mipres/cargue" : "/sat/compartidos/{id}/probar", largo);
	if (write(fd[1], "x", 1) != 1)
		_exit(2);
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
	assert_int_equal(vigia_create(1), 0);
	pid = colgado(0, 0);
	/* A sleeping request spends no CPU: only the master's look ends it. */
	quiet(1);
	while (!vigia_check(0, pid))
		usleep(50 * 1000);
	assert_int_equal(vigia_check(0, pid), 0);	/* cut once */
	quiet(0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGKILL);
	/* Counted as a cut at the limit (portal_worker_restarts_total's time_limit). */
	assert_int_equal(vigia_terminado(0, pid, status), 1);
}

static void
test_cpu_timer(void **state)
{
	char err[160];
	pid_t pid;
	int status;

	(void)state;
	assert_int_equal(limite("1", err, sizeof(err)), 0);
	assert_int_equal(vigia_create(1), 0);
	/* Nobody looks: the worker's own CPU timer ends a spinning request. */
	pid = colgado(1, 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGPROF);
	quiet(1);
	assert_int_equal(vigia_terminado(0, pid, status), 1);
	quiet(0);
	/* The slot is empty again: nothing left to cut. */
	assert_int_equal(vigia_check(0, pid), 0);
}

static void
test_bulk_route(void **state)
{
	char err[160];
	pid_t pid;
	int status;

	(void)state;
	assert_int_equal(limite("1", err, sizeof(err)), 0);
	assert_int_equal(vigia_create(1), 0);
	/* A route flagged F_LARGO may take VIGIA_LARGO: past the 1 s limit it is not cut. */
	pid = colgado(0, 1);
	usleep(1500 * 1000);
	assert_int_equal(vigia_check(0, pid), 0);
	kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	/* Killed by someone else in a request: not a cut at the limit. */
	quiet(1);
	assert_int_equal(vigia_terminado(0, pid, status), 0);
	quiet(0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_cut_by_master),
		cmocka_unit_test(test_cpu_timer),
		cmocka_unit_test(test_bulk_route),
	};

	return cmocka_run_group_tests_name("vigia", tests, NULL, NULL);
}
