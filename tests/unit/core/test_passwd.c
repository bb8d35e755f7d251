/* Password hashing (cgi/core/passwd.c): scrypt MCF strings, and the same cost for a missing user. */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/passwd.h"
#include "support.h"

#define PW	"Portal-Demo-2026"

/* libscrypt's MCF: $s1$ then N, r, p as hex bytes (2^14 -> 0e, r 8, p 1), salt, hash. */
#define MCF_PREFIX	"$s1$0e0801$"

static void
test_hash_then_check(void **state)
{
	char mcf[PASSWD_MCF_LEN];

	(void)state;
	assert_int_equal(passwd_hash(PW, mcf), 0);
	assert_int_equal(passwd_check(mcf, PW), 1);
	/* passwd_check must not spoil the stored hash (libscrypt writes into its argument). */
	assert_int_equal(passwd_check(mcf, PW), 1);
	assert_int_equal(passwd_check(mcf, "portal-demo-2026"), 0);
	assert_int_equal(passwd_check(mcf, PW " "), 0);
	assert_int_equal(passwd_check(mcf, "Portal-Demo-202"), 0);
	assert_int_equal(passwd_check(mcf, ""), 0);
}

static void
test_hash_format_and_salt(void **state)
{
	char a[PASSWD_MCF_LEN], b[PASSWD_MCF_LEN];

	(void)state;
	assert_int_equal(passwd_hash(PW, a), 0);
	assert_int_equal(passwd_hash(PW, b), 0);
	assert_memory_equal(a, MCF_PREFIX, strlen(MCF_PREFIX));
	assert_memory_equal(b, MCF_PREFIX, strlen(MCF_PREFIX));
	/* After the parameters: the salt, '$', the hash. */
	assert_non_null(strchr(a + strlen(MCF_PREFIX), '$'));
	assert_true(strlen(a) < PASSWD_MCF_LEN);
	/* A random salt: the same password never hashes the same way twice. */
	assert_string_not_equal(a, b);
	assert_int_equal(passwd_check(b, PW), 1);
}

static void
test_unicode_and_long_passwords(void **state)
{
	char mcf[PASSWD_MCF_LEN], pw[257];

	(void)state;
	assert_int_equal(passwd_hash("contrase\xc3\xb1" "a", mcf), 0);
	assert_int_equal(passwd_check(mcf, "contrase\xc3\xb1" "a"), 1);
	assert_int_equal(passwd_check(mcf, "contrasena"), 0);
	/* The longest password the login form accepts (v_password: 256 bytes). */
	memset(pw, 'x', 256);
	pw[256] = '\0';
	assert_int_equal(passwd_hash(pw, mcf), 0);
	assert_int_equal(passwd_check(mcf, pw), 1);
	pw[255] = 'y';
	assert_int_equal(passwd_check(mcf, pw), 0);
}

static void
test_malformed_hash_refused(void **state)
{
	char mcf[PASSWD_MCF_LEN], longer[PASSWD_MCF_LEN + 8];

	(void)state;
	assert_int_equal(passwd_check("not-a-hash", PW), 0);
	assert_int_equal(passwd_check("$s1$0e0801$", PW), 0);
	/* A stored value too long for the copy is refused, not overflowed. */
	assert_int_equal(passwd_hash(PW, mcf), 0);
	memset(longer, 'A', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	memcpy(longer, mcf, strlen(mcf));
	assert_int_equal(passwd_check(longer, PW), 0);
}

/* The linker sends passwd.c's libscrypt_check calls here (unit.mk: --wrap): each is counted
 * and then really made. */
int __real_libscrypt_check(char *mcf, const char *pw);
int __wrap_libscrypt_check(char *mcf, const char *pw);
static int scrypt_checks;

int
__wrap_libscrypt_check(char *mcf, const char *pw)
{
	scrypt_checks++;
	return __real_libscrypt_check(mcf, pw);
}

/* A missing user (no hash) never logs in, not even with the dummy's own password, and
 * still costs one real scrypt check, so timing does not tell which logins exist. */
static void
test_missing_user_dummy_hash(void **state)
{
	char mcf[PASSWD_MCF_LEN];

	(void)state;
	assert_int_equal(passwd_check(NULL, PW), 0);
	assert_int_equal(passwd_check("", PW), 0);
	assert_int_equal(passwd_check(NULL, "dummy-password-never-matches"), 0);
	assert_int_equal(passwd_check("", "dummy-password-never-matches"), 0);

	assert_int_equal(passwd_hash(PW, mcf), 0);
	scrypt_checks = 0;
	assert_int_equal(passwd_check(mcf, "wrong"), 0);
	assert_int_equal(scrypt_checks, 1);
	assert_int_equal(passwd_check(NULL, "wrong"), 0);
	assert_int_equal(scrypt_checks, 2);
	assert_int_equal(passwd_check("", "wrong"), 0);
	assert_int_equal(scrypt_checks, 3);
}

/* Runs fn in a child process (a worker of its own) and returns its exit status. */
static int
in_child(int (*fn)(void))
{
	pid_t pid = fork();
	int status = -1;

	if (pid == 0)
		_exit(fn());
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

/* A child: opens the slots and tries to take one: 0 taken, 1 none free. */
static int
child_take(void)
{
	if (passwd_cupo_open() < 0)
		return 2;
	return passwd_cupo_take() == 0 ? 0 : 1;
}

/* A child: a check without asking for a slot, while none is free: refused (0) without
 * running scrypt. Exit 0 when so. */
static int
child_check_busy(void)
{
	if (passwd_cupo_open() < 0)
		return 2;
	scrypt_checks = 0;
	return passwd_check(NULL, "x") == 0 && scrypt_checks == 0 ? 0 : 1;
}

/* A child that takes the slot and dies holding it. */
static int
child_take_and_die(void)
{
	return child_take() == 0 ? 0 : 3;
}

/* The cap across processes: one slot, held by one process at a time, freed by release or
 * by the death of its holder; a process holding one may take it "again" (no-op). */
static void
test_cap_across_processes(void **state)
{
	char dir[] = "/tmp/passwd-cupo-XXXXXX", mcf[PASSWD_MCF_LEN];

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(passwd_cupo_create(dir, 0), -1);
	assert_int_equal(passwd_cupo_create(dir, PASSWD_CUPO_MAX + 1), -1);
	assert_int_equal(passwd_cupo_create(dir, 1), 0);
	/* Created by the "master", not yet opened here: another process can take it. */
	assert_int_equal(in_child(child_take), 0);
	assert_int_equal(passwd_cupo_open(), 0);
	assert_int_equal(passwd_cupo_take(), 0);
	assert_int_equal(passwd_cupo_take(), 0);	/* held already */
	assert_int_equal(in_child(child_take), 1);
	assert_int_equal(in_child(child_check_busy), 0);
	/* The holder hashes and checks in its slot. */
	assert_int_equal(passwd_hash(PW, mcf), 0);
	assert_int_equal(passwd_check(mcf, PW), 1);
	passwd_cupo_release();
	assert_int_equal(in_child(child_take), 0);
	/* A holder that dies frees its slot. */
	assert_int_equal(in_child(child_take_and_die), 0);
	assert_int_equal(passwd_cupo_take(), 0);
	passwd_cupo_release();
	/* Without a slot taken, a check takes one for itself and frees it. */
	assert_int_equal(passwd_check(mcf, PW), 1);
	assert_int_equal(in_child(child_take), 0);
	unlink(strcat(strcpy(mcf, dir), "/scrypt.0.lock"));
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_then_check),
		cmocka_unit_test(test_hash_format_and_salt),
		cmocka_unit_test(test_unicode_and_long_passwords),
		cmocka_unit_test(test_malformed_hash_refused),
		cmocka_unit_test(test_missing_user_dummy_hash),
		/* Last: it leaves the cap open in this process. */
		cmocka_unit_test(test_cap_across_processes),
	};

	return cmocka_run_group_tests_name("passwd", tests, NULL, NULL);
}
