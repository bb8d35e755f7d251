#include <stdio.h>
#include <stdlib.h>
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
	if (c->llave_compartida && secret_leer(c->key, err, sizeof(err)) < 0) {
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
	return outbox_sellar_legado() < 0 || outbox_limpiar((long long)time(NULL)) < 0 ? -1 : 0;
}
