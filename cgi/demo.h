#ifndef DEMO_H
#define DEMO_H
/* Loads the demo data once (the ministry, providers, delegates, requests in every state)
 * and, when extra > 0, that many more entities with pending requests (benchmarks).
 * Prints the demo logins. Returns 0 or -1. */
int demo_seed(int extra);
/* demo_mipres.c: the MIPRES EPS, two dispensers, their delegates (password hash) and
 * direccionamientos in several states. Returns 0 or -1. */
int demo_mipres(const char *hash);
/* Gives the MIPRES demo entities new user tokens and prints them with their logins. */
void demo_mipres_logins(void);
#endif
