/* User passwords as scrypt MCF strings (libscrypt), and the cap on how many hashes the
 * server's workers compute at once. */
#ifndef PASSWD_H
#define PASSWD_H

#define PASSWD_MCF_LEN		128
#define PASSWD_CUPO_MAX		64	/* slots at most */
#define PASSWD_REINTENTAR	"2"	/* Retry-After (seconds) when every slot is taken */
/* What a page says when every slot is taken (429). */
#define PASSWD_OCUPADO_TEXTO	"Hay muchas solicitudes de ingreso en este momento: intente " \
	"de nuevo en unos segundos."
/* The same where a password is being set. */
#define PASSWD_OCUPADO_CLAVE	"Hay muchas solicitudes en este momento: intente de nuevo en " \
	"unos segundos; la contraseña no se ha cambiado."

/* Hashes pw into mcf (PASSWD_MCF_LEN bytes). Returns 0, or -1 (also when the caller holds
 * no slot and none is free). */
int passwd_hash(const char *pw, char mcf[PASSWD_MCF_LEN]);
/* Returns 1 when pw matches mcf, 0 otherwise (also when the caller holds no slot and none
 * is free). mcf NULL still costs one hash, so a missing account answers in the same time
 * as a wrong password. */
int passwd_check(const char *mcf, const char *pw);

/*
 * The cap: n slots, each a lock file dir/scrypt.<i>.lock held with flock(2) by the worker
 * hashing in it. The kernel frees a dead worker's slot, and a worker never waits for one:
 * a request that finds none answers 429 at once. Outside `portal serve` (operator
 * commands, unit tests) there is no cap.
 */
/* Creates the n lock files (1..PASSWD_CUPO_MAX); the master calls it before forking.
 * Returns 0 or -1 (logged). */
int passwd_cupo_create(const char *dir, int n);
/* Opens the lock files in this process (each worker after the fork: flock belongs to the
 * open file, which a fork would share). Returns 0 or -1 (logged). */
int passwd_cupo_open(void);
/* Takes a free slot without waiting: 0 (also when there is no cap or the process holds
 * one already), or -1 when all are taken. passwd_check and passwd_hash take one
 * themselves when the caller did not. */
int passwd_cupo_take(void);
/* Frees the slot this process holds, if any. */
void passwd_cupo_release(void);
#endif
