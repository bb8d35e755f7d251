#ifndef DEMO_H
#define DEMO_H
/* Loads the demo data once (the ministry, providers, delegates, requests in every state)
 * and, when extra > 0, that many more entities with pending requests (benchmarks).
 * Prints the demo logins. Returns 0 or -1. */
int demo_seed(int extra);
#endif
