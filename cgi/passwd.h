/* User passwords as scrypt MCF strings (libscrypt). */
#ifndef PASSWD_H
#define PASSWD_H

#define PASSWD_MCF_LEN	128

/* Hashes pw into mcf (PASSWD_MCF_LEN bytes). Returns 0 or -1. */
int passwd_hash(const char *pw, char mcf[PASSWD_MCF_LEN]);
/* Returns 1 when pw matches mcf, 0 otherwise. mcf NULL still costs one hash, so a missing
 * account answers in the same time as a wrong password. */
int passwd_check(const char *mcf, const char *pw);
#endif
