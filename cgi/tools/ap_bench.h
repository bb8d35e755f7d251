/* What `make bench` needs of the AP services (cgi/tools/ap_bench.c): the raw rate at which the
 * database commits a ReportarAfiliaciontraslado call's rows. */
#ifndef AP_BENCH_H
#define AP_BENCH_H

#define AP_BENCH_REGISTROS	100	/* records a call, as the bench's wrk script sends */

/* Commits n calls of the demo AP (DEMO_AP_NIT), each its own transaction: 100 new
 * afiliación rows and the call's measurement with its rollups, the statements and bindings
 * of the service. Sets *segundos. Returns 0 or -1 (with a message). */
int ap_bench_commits(long long n, double *segundos);
#endif
