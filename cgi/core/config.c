#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/config.h"
#include "core/db.h"
#include "core/log.h"
#include "core/outbox.h"
#include "core/secret.h"

struct config cfg;

void
config_paths(struct config *c)
{
	snprintf(c->db, sizeof(c->db), "%s/portal.db", c->var);
	const char *llave = getenv("PORTAL_SECRET_KEY_FILE");

	c->llave_compartida = llave != NULL && *llave != '\0';
	if (c->llave_compartida)
		snprintf(c->key, sizeof(c->key), "%s", llave);
	else
		snprintf(c->key, sizeof(c->key), "%s/secret.key", c->var);
	snprintf(c->sock, sizeof(c->sock), "%s/portal.sock", c->var);
	snprintf(c->tpl, sizeof(c->tpl), "%s/templates", c->root);
	snprintf(c->mig, sizeof(c->mig), "%s/db/migrations", c->root);
}

/* Takes group and other access away from path, when it exists and has any. */
static void
privado(const char *path)
{
	struct stat sb;

	if (stat(path, &sb) == 0 && (sb.st_mode & 077) != 0) {
		if (chmod(path, sb.st_mode & 0700) == 0)
			log_info("%s was readable by others: now mode %o", path,
			    (unsigned)(sb.st_mode & 0700));
		else
			log_err("%s is readable by others and cannot be changed", path);
	}
}

int
config_open_store(const struct config *c)
{
	char p[4200], err[4400];

	mkdir(c->var, 0700);
	/* A key several hosts share is copied to each before they start: one made here would
	 * differ from the others' (what one host sealed, another could not open). */
	if (c->llave_compartida && c->key[0] != '/') {
		fprintf(stderr, "portal: PORTAL_SECRET_KEY_FILE debe ser una ruta absoluta: "
		    "«%s»\n", c->key);
		return -1;
	}
	if (c->llave_compartida && secret_read_key(c->key, err, sizeof(err)) < 0) {
		fprintf(stderr, "portal: PORTAL_SECRET_KEY_FILE: %s\n", err);
		return -1;
	}
	if ((!c->llave_compartida && secret_init(c->key) < 0) || db_open(c->db) < 0 ||
	    db_migrate(c->mig) < 0)
		return -1;
	/* Only the portal's user reads the database (its WAL and shared memory follow it). */
	privado(c->db);
	snprintf(p, sizeof(p), "%s-wal", c->db);
	privado(p);
	snprintf(p, sizeof(p), "%s-shm", c->db);
	privado(p);
	/* Then the outbox: nothing in clear, no body past its link's expiry. */
	return outbox_seal_legado() < 0 || outbox_clean((long long)time(NULL)) < 0 ? -1 : 0;
}

/* Whether s is a list of IPv4 addresses separated by commas (FCGI_WEB_SERVER_ADDRS). */
static int
direcciones_ipv4(const char *s)
{
	char buf[1024], *p, *save = NULL;
	struct in_addr a;
	int n = 0;

	if (strlen(s) >= sizeof(buf))
		return 0;
	snprintf(buf, sizeof(buf), "%s", s);
	for (p = strtok_r(buf, ",", &save); p != NULL; p = strtok_r(NULL, ",", &save), n++)
		if (inet_pton(AF_INET, p, &a) != 1)
			return 0;
	return n > 0;
}

int
config_fastcgi(char *err, size_t n)
{
	const char *s = getenv("PORTAL_FASTCGI"), *addrs = getenv("FCGI_WEB_SERVER_ADDRS");
	const char *dos;
	struct in_addr a;
	char host[64];
	long port;
	char *end;

	if (s == NULL || *s == '\0')
		return 0;
	dos = strrchr(s, ':');
	port = dos != NULL ? strtol(dos + 1, &end, 10) : 0;
	if (dos == NULL || dos[1] < '0' || dos[1] > '9' || *end != '\0' || port < 1 ||
	    port > 65535 || (size_t)(dos - s) >= sizeof(host)) {
		snprintf(err, n, "PORTAL_FASTCGI: valor no válido «%s» (DIRECCIÓN_IPv4:PUERTO, "
		    "p. ej. 10.0.0.11:9000)", s);
		return -1;
	}
	snprintf(host, sizeof(host), "%.*s", (int)(dos - s), s);
	if (inet_pton(AF_INET, host, &a) != 1) {
		snprintf(err, n, "PORTAL_FASTCGI: «%s» no es una dirección IPv4 de este servidor",
		    host);
		return -1;
	}
	/* nginx passes parameters the portal trusts (the client's address, PORTAL_METRICAS):
	 * only nginx's addresses may connect (libfcgi closes any other at accept). */
	if (addrs == NULL || !direcciones_ipv4(addrs)) {
		snprintf(err, n, "PORTAL_FASTCGI escucha por TCP: FCGI_WEB_SERVER_ADDRS debe listar "
		    "las direcciones IPv4 de nginx, separadas por comas (las demás conexiones se "
		    "cierran); hoy «%s»", addrs ? addrs : "");
		return -1;
	}
	snprintf(cfg.sock, sizeof(cfg.sock), "%s", s);
	return 0;
}

int
config_entero(const char *name, long long min, long long max, const char *unidad,
    long long *v, char *err, size_t n)
{
	const char *s = getenv(name), *c;
	char *end;
	long long x;

	if (s == NULL || *s == '\0')
		return 0;
	for (c = s; *c >= '0' && *c <= '9'; c++)
		;
	errno = 0;
	x = strtoll(s, &end, 10);
	if (*c != '\0' || errno != 0 || *end != '\0' || x < min || x > max) {
		snprintf(err, n, "%s: valor no válido «%s» (%s de %lld a %lld)", name, s, unidad,
		    min, max);
		return -1;
	}
	*v = x;
	return 0;
}
