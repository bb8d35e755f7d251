/*
 * An operator's command line, `PROGRAM [-r ROOT] [-v VAR] COMMAND [ARGS]`, run from a table
 * of commands: portal's (cgi/main.c) and portal-demo's (cgi/tools/main.c).
 */
#ifndef COMANDO_H
#define COMANDO_H
#include <stddef.h>

struct comando {
	const char	*nombre;
	const char	*args;		/* its arguments, for the usage text ("" none) */
	const char	*ayuda;		/* what it does; each '\n' starts a line under the first */
	int		(*correr)(int argc, char **argv);	/* argv[0] is nombre; exit status */
	int		 var_vacio;	/* runs on an empty var/: the store is not opened */
};

/*
 * The program's main: reads -r ROOT and -v VAR (else PORTAL_ROOT and PORTAL_VAR; VAR
 * defaults to ROOT/var), sets umask 077, derives cfg's paths, keeps the heap (as the
 * workers do), then runs the row of t named by the first argument: unless var_vacio, with
 * PORTAL_SINCRONO checked and the store opened first (config_open_store) and the database
 * closed after. A bad option or an unknown or missing command prints the usage. Returns
 * the exit status.
 */
int comando_main(const char *programa, const struct comando *t, size_t n, int argc,
    char **argv);
/* Says the running command read standard input (a password, KEY=VALUE lines): it is not
 * run again when it fails to serialize (PostgreSQL), as it would find its input gone. */
void comando_stdin_read(void);
/* Prints the running program's usage (its table) on stderr. Returns 2, the exit status of
 * bad arguments. */
int comando_uso(void);
#endif
