/* What `make bench` needs of MIPRES (cgi/tools/mipres_bench.c): many lines loaded at once, and
 * the raw rate at which the database commits an entrega's rows. */
#ifndef MIPRES_BENCH_H
#define MIPRES_BENCH_H

/* What a load created. */
struct mipres_carga {
	long long	lineas, pasos;
	long long	primera, ultima;	/* line IDs, consecutive */
	long long	entregas;		/* of them active entregas (E) */
};

/* Loads lineas direccionamientos of the demo EPS (901234561) in one transaction with an
 * audit entry, round-robin to the first nprov NITs of provs (created as dispensers when
 * missing), oldest first over the last dias days (today included). Today's lines stay
 * programmed (P active), ready for an entrega; earlier ones, a third each, directed (D
 * active), programmed, or delivered (E active). Returns 0 or -1 (with a message). */
int mipres_carga(long long lineas, int dias, const char *const *provs, int nprov,
    struct mipres_carga *out);

/* The providers seed-mipres spreads lines over: the demo's two, then made-up ones. */
#define MP_BENCH_NPROV	8
extern const char *const mipres_bench_provs[MP_BENCH_NPROV];

/* Loads n programmed lines of the provider MP_BENCH_NIT for today, then commits one
 * entrega per line as its own transaction (the programación's state UPDATE and the
 * entrega's INSERT, the statements mipres_register runs), timing only the commits. Sets
 * *segundos. Returns 0 or -1. */
#define MP_BENCH_NIT	"901699999"
int mipres_bench_commits(long long n, double *segundos);
#endif
