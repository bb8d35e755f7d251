/* Where things are: the read-only tree (templates, migrations) and the runtime var/. */
#ifndef CONFIG_H
#define CONFIG_H

struct config {
	const char	*root;		/* templates/, db/, static/ live here */
	const char	*var;		/* portal.db, secret.key, portal.sock */
	int		 workers;	/* 0: two per core */
	int		 llave_compartida; /* key is PORTAL_SECRET_KEY_FILE's, not VAR's */
	char		 db[4096], key[4096], sock[4096], tpl[4096], mig[4096];
};

extern struct config cfg;

/* Derives the paths from root and var; the secrets key from PORTAL_SECRET_KEY_FILE when it
 * is set (one key file for several hosts, each with its own var), VAR/secret.key when not. */
void config_paths(struct config *);
/* Loads the secrets key (VAR/secret.key, created when missing; PORTAL_SECRET_KEY_FILE's
 * only read, and refused when missing, not 32 bytes or not private: cgi/core/secret.h), opens the database and applies migrations; takes others' access
 * away from the database files; seals any outbox body still in clear and wipes those past
 * their link's expiry (cgi/core/outbox.h). Returns 0 or -1. */
int config_open_store(const struct config *);
/* portal serve's start-up row (cgi/main.c): PORTAL_FASTCGI=ADDRESS:PORT (an IPv4 address of
 * this host) makes cfg.sock that TCP address instead of VAR/portal.sock, for nginx on
 * another machine; it requires FCGI_WEB_SERVER_ADDRS, the comma-separated IPv4 addresses
 * of the nginx servers, the only peers libfcgi accepts. Unset: the unix socket. Returns 0,
 * or -1 with the reason in err. */
int config_fastcgi(char *err, size_t n);
/* Reads environment variable name into *v when it is set and not empty: a whole number,
 * digits only, from min to max. Returns 0 (unset, or read), or -1 with the message in err:
 * "NAME: valor no válido «VALUE» (UNIDAD de MIN a MAX)", unidad e.g. "segundos enteros". */
int config_entero(const char *name, long long min, long long max, const char *unidad,
    long long *v, char *err, size_t n);
#endif
