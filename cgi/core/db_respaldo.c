/*
 * portal backup FILE and portal restore FILE (cgi/core/db_respaldo.h): SQLite's online backup API,
 * from the live database to a new file, and from a backup to an empty var/; on PostgreSQL,
 * pg_dump and pg_restore (cgi/core/db_respaldo_pg.c).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/db.h"
#include "core/db_pg.h"
#include "core/db_respaldo.h"
#include "core/db_sqlite.h"

double
respaldo_reloj(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs a one-integer query on conn; dflt when it fails. */
static long long
entero(sqlite3 *conn, const char *sql, long long dflt)
{
	sqlite3_stmt *st;
	long long v = dflt;

	if (sqlite3_prepare_v2(conn, sql, -1, &st, NULL) != SQLITE_OK)
		return dflt;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

int
respaldo_create(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);

	return fd < 0 ? -1 : close(fd);
}

int
respaldo_publish(const char *path, const char *dest)
{
	char dir[4200];
	int fd;

	if ((fd = open(path, O_RDONLY)) < 0 || fsync(fd) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	if (rename(path, dest) < 0)
		return -1;
	snprintf(dir, sizeof(dir), "%s", dest);
	if ((fd = open(dirname(dir), O_RDONLY | O_DIRECTORY)) >= 0) {
		fsync(fd);
		close(fd);
	}
	return 0;
}

/* Copies every page of src into dst, RESPALDO_PASO at a time (or all at once when paso is
 * -1). Returns the pages copied, or -1 with dst's message in err. */
static long long
copy_pages(sqlite3 *dst, sqlite3 *src, int paso, char *err, size_t n)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	long long paginas;
	int rc;

	if (b == NULL) {
		snprintf(err, n, "%s", sqlite3_errmsg(dst));
		return -1;
	}
	while ((rc = sqlite3_backup_step(b, paso)) == SQLITE_OK)
		continue;
	paginas = sqlite3_backup_pagecount(b);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		snprintf(err, n, "%s", sqlite3_errstr(rc));
		return -1;
	}
	return paginas;
}

/* Opens path (created empty beforehand) for the copy. NULL with a message when it fails. */
static sqlite3 *
open_copia(const char *path)
{
	sqlite3 *dst = NULL;

	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
		return dst;
	fprintf(stderr, "No se pudo abrir %s: %s\n", path, sqlite3_errmsg(dst));
	sqlite3_close(dst);
	return NULL;
}

const char *
respaldo_coma(char *out, size_t n, double v)
{
	char *p;

	snprintf(out, n, "%.2f", v);
	if ((p = strchr(out, '.')) != NULL)
		*p = ',';
	return out;
}

int
respaldo_copy(const char *archivo)
{
	sqlite3 *src = db_handle(), *dst = NULL;
	char tmp[4200], err[256], t[32], mib[32];
	long long version, paginas = -1, tam;
	double t0 = respaldo_reloj();

	/* No SQLite connection: PORTAL_DB chose PostgreSQL (core/db_motor.c). */
	if (src == NULL)
		return respaldo_pg_copy(getenv("PORTAL_DB"), archivo);
	snprintf(tmp, sizeof(tmp), "%s.parcial", archivo);
	if (access(archivo, F_OK) == 0) {
		fprintf(stderr, "El archivo %s ya existe: un respaldo nunca sobrescribe otro; elija "
		    "otro nombre.\n", archivo);
		return 1;
	}
	if (respaldo_create(tmp) < 0) {
		fprintf(stderr, "No se pudo crear %s: %s\n", tmp, strerror(errno));
		return 1;
	}
	/* One read snapshot for every step: the copy is the database as of this instant,
	 * and the writers, in WAL mode, go on meanwhile. */
	if ((dst = open_copia(tmp)) == NULL ||
	    sqlite3_exec(src, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	version = entero(src, "PRAGMA user_version", -1);
	paginas = copy_pages(dst, src, RESPALDO_PASO, err, sizeof(err));
	sqlite3_exec(src, "COMMIT", NULL, NULL, NULL);
	if (paginas < 0) {
		fprintf(stderr, "El respaldo falló: %s\n", err);
		goto fail;
	}
	/* A copy is one file: no WAL beside it. */
	if (sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK ||
	    entero(dst, "PRAGMA user_version", -2) != version) {
		fprintf(stderr, "El respaldo falló: %s\n", sqlite3_errmsg(dst));
		goto fail;
	}
	tam = paginas * entero(dst, "PRAGMA page_size", 0);
	sqlite3_close(dst);
	dst = NULL;
	if (respaldo_publish(tmp, archivo) < 0) {
		fprintf(stderr, "No se pudo escribir %s: %s\n", archivo, strerror(errno));
		goto fail;
	}
	printf("respaldo: %s, versión de migración %lld, %lld páginas (%s MiB) en %s s. La "
	    "llave secret.key no va en el respaldo: guárdela aparte.\n", archivo, version,
	    paginas, respaldo_coma(mib, sizeof(mib), (double)tam / 1048576.0),
	    respaldo_coma(t, sizeof(t), respaldo_reloj() - t0));
	return 0;
fail:
	sqlite3_close(dst);
	unlink(tmp);
	return 1;
}

int
respaldo_version_max(const char *mig)
{
	DIR *d = opendir(mig);
	struct dirent *de;
	size_t n;
	int max = -1;

	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if ((n = strlen(de->d_name)) > 4 && de->d_name[0] >= '0' && de->d_name[0] <= '9' &&
		    strcmp(de->d_name + n - 4, ".sql") == 0 && atoi(de->d_name) > max)
			max = atoi(de->d_name);
	closedir(d);
	return max;
}

/* Whether var is missing (then created, 0700) or holds nothing but the secrets key. Says
 * why not on stderr. Leaves var with mode 0700. */
static int
var_vacio(const char *var)
{
	DIR *d = opendir(var);
	struct dirent *de;
	const char *otro = NULL;

	if (d == NULL && errno == ENOENT)
		return mkdir(var, 0700) == 0 ? 1 : (fprintf(stderr, "No se pudo crear %s: %s\n",
		    var, strerror(errno)), 0);
	if (d == NULL) {
		fprintf(stderr, "No se pudo leer %s: %s\n", var, strerror(errno));
		return 0;
	}
	while (otro == NULL && (de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0 &&
		    strcmp(de->d_name, "secret.key") != 0)
			otro = de->d_name;
	if (otro != NULL)
		fprintf(stderr, "El directorio %s no está vacío (tiene %s): la restauración solo "
		    "llena un var/ vacío (a lo sumo con la llave secret.key). Use un directorio "
		    "nuevo, o mueva aparte el contenido actual.\n", var, otro);
	closedir(d);
	if (otro != NULL)
		return 0;
	if (chmod(var, 0700) < 0) {
		fprintf(stderr, "No se pudo dejar %s en modo 0700: %s\n", var, strerror(errno));
		return 0;
	}
	return 1;
}

/* Opens backup archivo read-only and checks it: SQLite, PRAGMA integrity_check ok, a
 * migration version from 1 to max. Returns the connection and the version in *version, or
 * NULL with the reason on stderr. */
static sqlite3 *
open_respaldo(const char *archivo, int max, long long *version)
{
	sqlite3 *src = NULL;
	sqlite3_stmt *st = NULL;
	const char *res = NULL;
	int ok = 0;

	if (access(archivo, R_OK) < 0) {
		fprintf(stderr, "No se puede leer el respaldo %s: %s\n", archivo, strerror(errno));
		return NULL;
	}
	if (sqlite3_open_v2(archivo, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(src, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "%s no es una base de datos SQLite legible: %s\n", archivo,
		    sqlite3_errmsg(src));
		goto out;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		res = (const char *)sqlite3_column_text(st, 0);
	if (res == NULL || strcmp(res, "ok") != 0) {
		fprintf(stderr, "El respaldo %s está dañado (PRAGMA integrity_check: %s); no se "
		    "restauró nada.\n", archivo, res ? res : sqlite3_errmsg(src));
		goto out;
	}
	*version = entero(src, "PRAGMA user_version", 0);
	if (*version < 1 || entero(src, "SELECT count(*) FROM sqlite_schema WHERE name = "
	    "'auditoria'", 0) != 1)
		fprintf(stderr, "%s no es un respaldo del portal (no tiene sus tablas).\n", archivo);
	else if (*version > max)
		fprintf(stderr, "El respaldo %s es de una versión más nueva del portal (migración "
		    "%lld; este programa llega a la %d): restáurelo con esa versión.\n", archivo,
		    *version, max);
	else
		ok = 1;
out:
	sqlite3_finalize(st);
	if (!ok) {
		sqlite3_close(src);
		src = NULL;
	}
	return src;
}

int
respaldo_restore(const struct config *c, const char *archivo)
{
	sqlite3 *src, *dst;
	char tmp[4200], err[256];
	long long version = 0, paginas;
	int max;

	if (db_pg_url(getenv("PORTAL_DB")))
		return respaldo_pg_restore(c, getenv("PORTAL_DB"), archivo);
	if ((max = respaldo_version_max(c->mig)) < 1) {
		fprintf(stderr, "No se encontraron las migraciones en %s.\n", c->mig);
		return 1;
	}
	if ((src = open_respaldo(archivo, max, &version)) == NULL || !var_vacio(c->var)) {
		sqlite3_close(src);
		return 1;
	}
	snprintf(tmp, sizeof(tmp), "%s.parcial", c->db);
	if (respaldo_create(tmp) < 0) {
		fprintf(stderr, "No se pudo crear %s: %s\n", tmp, strerror(errno));
		sqlite3_close(src);
		return 1;
	}
	paginas = (dst = open_copia(tmp)) == NULL ? -1 : copy_pages(dst, src, -1, err,
	    sizeof(err));
	if (paginas < 0 && dst != NULL)
		fprintf(stderr, "La restauración falló: %s\n", err);
	sqlite3_close(dst);
	sqlite3_close(src);
	if (paginas < 0 || chmod(tmp, 0600) < 0 || respaldo_publish(tmp, c->db) < 0) {
		if (paginas >= 0)
			fprintf(stderr, "No se pudo escribir %s: %s\n", c->db, strerror(errno));
		unlink(tmp);
		return 1;
	}
	printf("restaurado: %s desde %s (versión de migración %lld, integridad ok, %lld "
	    "páginas).\n", c->db, archivo, version, paginas);
	respaldo_falta_llave(c);
	return 0;
}

void
respaldo_falta_llave(const struct config *c)
{
	if (access(c->key, F_OK) == 0)
		return;
	if (c->llave_compartida)
		printf("Falta la llave: copie la llave guardada aparte a %s (PORTAL_SECRET_KEY_FILE, "
		    "modo 0600) ANTES de iniciar el portal; sin ella el portal no inicia.\n", c->key);
	else
		printf("Falta la llave: copie la llave secret.key guardada aparte a %s (modo "
		    "0600) ANTES de iniciar el portal; sin ella no abren los secretos cifrados ni "
		    "verifica la cadena de auditoría, y el portal crearía una llave nueva.\n",
		    c->key);
}
