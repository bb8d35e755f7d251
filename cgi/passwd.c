#include <string.h>

#include <libscrypt.h>

#include "passwd.h"

/*
 * N = 2^14, r = 8, p = 1: about 16 MiB and 40-60 ms on the reference 2-core machine.
 * (libscrypt's default p = 16 costs 16 times that.)
 */
#define COST_N	16384
#define COST_R	8
#define COST_P	1

int
passwd_hash(const char *pw, char mcf[PASSWD_MCF_LEN])
{
	return libscrypt_hash(mcf, pw, COST_N, COST_R, COST_P) == 1 ? 0 : -1;
}

int
passwd_check(const char *mcf, const char *pw)
{
	static char dummy[PASSWD_MCF_LEN];
	char copy[PASSWD_MCF_LEN];
	int real = mcf != NULL && mcf[0] != '\0';

	/* A hash of a random password, checked when there is no real one. */
	if (!real && dummy[0] == '\0' && passwd_hash("dummy-password-never-matches", dummy) < 0)
		return 0;
	if (strlen(real ? mcf : dummy) >= sizeof(copy))
		return 0;
	/* libscrypt_check writes into its first argument: give it a copy. */
	strcpy(copy, real ? mcf : dummy);
	return libscrypt_check(copy, pw) > 0 && real;
}
