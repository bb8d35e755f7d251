/*
 * Backup and restore of the database (issue 15 §1): `portal backup FILE` and `portal
 * restore FILE`. The secrets key (VAR/secret.key) is never in a backup: it is backed up
 * apart, and the sealed values and the audit chain open only with it.
 */
#ifndef DB_RESPALDO_H
#define DB_RESPALDO_H
#include "core/config.h"

/* Pages copied per step of the online backup. */
#define RESPALDO_PASO	1024

/*
 * Copies the open database (cgi/core/db.h) to archivo, which must not exist, with SQLite's online
 * backup API, in steps of RESPALDO_PASO pages, all of one read snapshot: a consistent copy
 * while the portal serves writes (WAL: writers never wait for it), holding every write
 * committed before it began. The copy keeps the migration version (PRAGMA user_version)
 * and is written to archivo.parcial (mode 0600), then renamed. Prints what it copied.
 * Returns the exit status: 0, or 1 with a message on stderr.
 */
int respaldo_copiar(const char *archivo);
/*
 * Fills c->var from backup archivo: c->var must be missing or empty (it may hold only the
 * secrets key, secret.key); archivo must pass PRAGMA integrity_check and carry a migration
 * version this program knows. Creates c->db (mode 0600) in c->var (mode 0700), and applies
 * no migration: the next start does, with the key in place. Returns the exit status: 0, or
 * 1 with a message on stderr, nothing written.
 */
int respaldo_restaurar(const struct config *c, const char *archivo);
/* The highest migration number in directory mig (NNN_*.sql), or -1. */
int respaldo_version_max(const char *mig);
#endif
