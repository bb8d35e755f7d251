/*
 * Backup and restore of the database (issue 15 §1): `portal backup FILE` and `portal
 * restore FILE`. The secrets key (VAR/secret.key) is never in a backup: it is backed up
 * apart, and the sealed values and the audit chain open only with it.
 */
#ifndef DB_RESPALDO_H
#define DB_RESPALDO_H
#include <stddef.h>

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
int respaldo_copy(const char *archivo);
/*
 * Fills c->var from backup archivo: c->var must be missing or empty (it may hold only the
 * secrets key, secret.key); archivo must pass PRAGMA integrity_check and carry a migration
 * version this program knows. Creates c->db (mode 0600) in c->var (mode 0700), and applies
 * no migration: the next start does, with the key in place. Returns the exit status: 0, or
 * 1 with a message on stderr, nothing written.
 */
int respaldo_restore(const struct config *c, const char *archivo);
/* The highest migration number in directory mig (NNN_*.sql), or -1. */
int respaldo_version_max(const char *mig);
/* Says on stdout, when c->key is missing, to copy the key there before the portal starts. */
void respaldo_falta_llave(const struct config *c);

/*
 * The same on PostgreSQL (PORTAL_DB, cgi/core/db_respaldo_pg.c), with pg_dump and
 * pg_restore from PATH. respaldo_pg_copy: url's database as of one snapshot (exported from
 * a repeatable-read transaction; every write committed before it began), pg_dump's custom
 * format, into archivo.parcial (mode 0600); read back whole with pg_restore and its
 * migration version (migracion.version) checked, then renamed to archivo, which must not
 * exist. respaldo_pg_restore: archivo must be such a dump, read back whole, of a migration
 * version from 1 to this program's last (c->mig/pg); url's database must hold no relation
 * (a new one); pg_restore fills it in one transaction (--single-transaction,
 * --exit-on-error: all or nothing), objects owned by url's user (--no-owner,
 * --no-privileges). Both return the exit status: 0, or 1 with a message on stderr.
 */
int respaldo_pg_copy(const char *url, const char *archivo);
int respaldo_pg_restore(const struct config *c, const char *url, const char *archivo);

/* Shared by both engines' files. Seconds on the monotonic clock. */
double respaldo_reloj(void);
/* Creates path empty with mode 0600; fails when it exists. Returns 0 or -1 (errno). */
int respaldo_create(const char *path);
/* Flushes path, then renames it to dest and flushes dest's directory, so the rename
 * survives a crash. Returns 0 or -1. */
int respaldo_publish(const char *path, const char *dest);
/* A duration or size with a decimal comma, as the portal writes numbers. */
const char *respaldo_coma(char *out, size_t n, double v);
#endif
