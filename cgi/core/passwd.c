#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <libscrypt.h>

#include "core/log.h"
#include "core/passwd.h"

/*
 * N = 2^14, r = 8, p = 1: about 16 MiB and 40-60 ms on the reference 2-core machine.
 * (libscrypt's default p = 16 costs 16 times that.)
 */
#define COST_N	16384
#define COST_R	8
#define COST_P	1

static char	cupo_dir[4096];
static int	cupo_n;				/* 0: no cap */
static int	cupo_fd[PASSWD_CUPO_MAX];
static int	cupo_abierto;			/* this process opened the files */
static int	cupo_tomado = -1;		/* the slot this process holds */

/* The path of slot i. */
static void
cupo_path(char *p, size_t len, int i)
{
	snprintf(p, len, "%s/scrypt.%d.lock", cupo_dir, i);
}

int
passwd_cupo_create(const char *dir, int n)
{
	char p[4200];
	int i, fd;

	if (n < 1 || n > PASSWD_CUPO_MAX || strlen(dir) >= sizeof(cupo_dir))
		return -1;
	snprintf(cupo_dir, sizeof(cupo_dir), "%s", dir);
	for (i = 0; i < n; i++) {
		cupo_path(p, sizeof(p), i);
		if ((fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0) {
			log_err("passwd: %s: cannot create", p);
			return -1;
		}
		close(fd);
	}
	cupo_n = n;
	return 0;
}

int
passwd_cupo_open(void)
{
	char p[4200];
	int i;

	/* Files a parent opened are its own (the lock would be shared): start afresh. */
	for (i = 0; cupo_abierto && i < cupo_n; i++)
		close(cupo_fd[i]);
	cupo_abierto = 0;
	cupo_tomado = -1;
	for (i = 0; i < cupo_n; i++) {
		cupo_path(p, sizeof(p), i);
		if ((cupo_fd[i] = open(p, O_RDWR | O_CLOEXEC)) < 0) {
			log_err("passwd: %s: cannot open", p);
			return -1;
		}
	}
	cupo_abierto = cupo_n > 0;
	return 0;
}

int
passwd_cupo_take(void)
{
	int k, i, start;

	if (!cupo_abierto || cupo_tomado >= 0)
		return 0;
	/* Each worker starts at its own slot, so they rarely try the same file twice. */
	start = (int)(getpid() % cupo_n);
	for (k = 0; k < cupo_n; k++) {
		i = (start + k) % cupo_n;
		if (flock(cupo_fd[i], LOCK_EX | LOCK_NB) == 0) {
			cupo_tomado = i;
			return 0;
		}
	}
	return -1;
}

void
passwd_cupo_release(void)
{
	if (cupo_tomado < 0)
		return;
	flock(cupo_fd[cupo_tomado], LOCK_UN);
	cupo_tomado = -1;
}

/* Takes a slot for one hash when the caller holds none: 1 taken here (free it after), 0
 * the caller's (or no cap), -1 none free. */
static int
cupo_propio(void)
{
	if (!cupo_abierto || cupo_tomado >= 0)
		return 0;
	if (passwd_cupo_take() < 0) {
		log_err("passwd: every hashing slot is taken; the caller did not ask for one");
		return -1;
	}
	return 1;
}

int
passwd_hash(const char *pw, char mcf[PASSWD_MCF_LEN])
{
	int propio = cupo_propio(), rc;

	if (propio < 0)
		return -1;
	rc = libscrypt_hash(mcf, pw, COST_N, COST_R, COST_P) == 1 ? 0 : -1;
	if (propio)
		passwd_cupo_release();
	return rc;
}

int
passwd_check(const char *mcf, const char *pw)
{
	static char dummy[PASSWD_MCF_LEN];
	char copy[PASSWD_MCF_LEN];
	int real = mcf != NULL && mcf[0] != '\0', propio, ok;

	/* A hash of a random password, checked when there is no real one. */
	if (!real && dummy[0] == '\0' && passwd_hash("dummy-password-never-matches", dummy) < 0)
		return 0;
	if (strlen(real ? mcf : dummy) >= sizeof(copy))
		return 0;
	if ((propio = cupo_propio()) < 0)
		return 0;
	/* libscrypt_check writes into its first argument: give it a copy. */
	strcpy(copy, real ? mcf : dummy);
	ok = libscrypt_check(copy, pw) > 0 && real;
	if (propio)
		passwd_cupo_release();
	return ok;
}
