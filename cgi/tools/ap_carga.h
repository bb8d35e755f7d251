/* What `make bench` needs of the AP report (cgi/tools/ap_carga.c): many measured calls of the
 * APs with SAT enabled, loaded at once with their rollups (portal seed-ap). */
#ifndef AP_CARGA_H
#define AP_CARGA_H

/* What a load made. */
struct ap_carga {
	long long	 mediciones;	/* calls measured */
	long long	 filas;		/* rollup rows written (hours and days, merged) */
	int		 aps;		/* APs the calls were spread over */
};

/*
 * Loads n measured calls over the last dias days (now excluded), evenly in time, oldest
 * first: 95% from the APs with SAT enabled in turn, 5% unidentified; a fifth POST /token
 * (40-160 ms: the password's hash), three fifths ReportarAfiliaciontraslado (1 to 100
 * records, 1-64 ms), a fifth ReportarRetractoAfiliacion (0.5-16 ms); about 2% refused
 * (401), 4% with rejected records, 0.1% server errors. Each batch of calls is one
 * transaction with its rollups (ap_resumen) and the load an audit entry. Returns 0, or -1
 * (with a message on stderr; the batches committed stay).
 */
int ap_carga(long long n, int dias, struct ap_carga *out);
#endif
