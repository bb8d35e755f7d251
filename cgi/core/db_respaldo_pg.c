/*
 * portal backup FILE and portal restore FILE on PostgreSQL (PORTAL_DB; cgi/core/db_respaldo.h):
 * pg_dump in its custom format from one snapshot, checked by reading it back with
 * pg_restore, then renamed into place; pg_restore into an empty database in one
 * transaction. The programs run from PATH (Debian's postgresql-client); their command line
 * never carries the password, which goes in their environment (PGPASSWORD).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "core/db_respaldo.h"

#define CONNINFO_MAX	2048

/*
 * The connection url names, as libpq's keyword='value' words without the password, in out
 * (n bytes); the password, when url has one, in pw (npw bytes; "" otherwise). Command lines
 * are readable by every user (/proc/PID/cmdline); a process's environment is not. Returns
 * 0, or -1 with the reason on stderr.
 */
static int
conninfo_sin_clave(const char *url, char *out, size_t n, char *pw, size_t npw)
{
	PQconninfoOption *opts, *o;
	char *err = NULL;
	size_t len = 0;
	const char *v;

	out[0] = pw[0] = '\0';
	if ((opts = PQconninfoParse(url, &err)) == NULL) {
		fprintf(stderr, "PORTAL_DB no es una conexión válida: %s", err ? err : "\n");
		PQfreemem(err);
		return -1;
	}
	for (o = opts; o->keyword != NULL; o++) {
		if (o->val == NULL || *o->val == '\0')
			continue;
		if (strcmp(o->keyword, "password") == 0) {
			snprintf(pw, npw, "%s", o->val);
			continue;
		}
		len += (size_t)snprintf(out + len, len < n ? n - len : 0, "%s%s='", len ? " " : "",
		    o->keyword);
		for (v = o->val; *v != '\0' && len + 3 < n; v++) {
			if (*v == '\'' || *v == '\\')
				out[len++] = '\\';
			out[len++] = *v;
		}
		len += (size_t)snprintf(out + len, len < n ? n - len : 0, "'");
	}
	PQconninfoFree(opts);
	if (len + 1 >= n) {
		fprintf(stderr, "PORTAL_DB es demasiado larga (más de %zu caracteres).\n", n - 2);
		return -1;
	}
	return 0;
}

/*
 * Runs argv (argv[0] searched in PATH), PGPASSWORD=pw in its environment when pw is not
 * empty, its standard output into fd out (inherited when out is -1), its errors on ours.
 * Returns its exit status, or -1 when it could not run or died of a signal (said).
 */
static int
execute(char *const argv[], const char *pw, int out)
{
	pid_t pid;
	int st;

	fflush(NULL);
	if ((pid = fork()) < 0) {
		fprintf(stderr, "No se pudo ejecutar %s: %s\n", argv[0], strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if (out >= 0 && dup2(out, STDOUT_FILENO) < 0)
			_exit(127);
		if (*pw != '\0')
			setenv("PGPASSWORD", pw, 1);
		execvp(argv[0], argv);
		fprintf(stderr, "No se pudo ejecutar %s: %s (instale postgresql-client)\n",
		    argv[0], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFSIGNALED(st)) {
		fprintf(stderr, "%s terminó por la señal %d\n", argv[0], WTERMSIG(st));
		return -1;
	}
	return WEXITSTATUS(st);
}

/* The migration version dump archivo holds (its row of migracion.version, read back with
 * pg_restore), 0 when it has none, or -1 when pg_restore cannot read it (it says why). */
static long long
version_volcado(const char *archivo)
{
	char *argv[] = { "pg_restore", "--data-only", "--schema=migracion",
	    "--table=version", "--file=-", (char *)archivo, NULL };
	char linea[256];
	long long v = 0;
	int copy = 0, rc;
	FILE *f;

	if ((f = tmpfile()) == NULL) {
		fprintf(stderr, "No se pudo crear un archivo temporal: %s\n", strerror(errno));
		return -1;
	}
	rc = execute(argv, "", fileno(f));
	rewind(f);
	while (rc == 0 && fgets(linea, sizeof(linea), f) != NULL) {
		if (copy) {
			v = atoll(linea);
			break;
		}
		copy = strncmp(linea, "COPY migracion.version ", 23) == 0;
	}
	fclose(f);
	return rc == 0 ? v : -1;
}

/* Whether pg_restore reads every block of dump archivo (to /dev/null): 1 or 0. */
static int
volcado_legible(const char *archivo)
{
	char *argv[] = { "pg_restore", "--file=/dev/null", (char *)archivo, NULL };

	return execute(argv, "", -1) == 0;
}

/* One text value of sql on conn; NULL (with PostgreSQL's message on stderr) when it fails
 * or returns no row. The result is in *res, which the caller clears. */
static const char *
valor(PGconn *conn, const char *sql, PGresult **res)
{
	*res = PQexec(conn, sql);
	if (PQresultStatus(*res) != PGRES_TUPLES_OK) {
		fprintf(stderr, "PostgreSQL: %s", PQerrorMessage(conn));
		return NULL;
	}
	return PQntuples(*res) > 0 ? PQgetvalue(*res, 0, 0) : NULL;
}

/* Connects to url; NULL with the reason on stderr. */
static PGconn *
connect_url(const char *url)
{
	PGconn *conn = PQconnectdb(url);

	if (PQstatus(conn) == CONNECTION_OK)
		return conn;
	fprintf(stderr, "No se pudo conectar a PostgreSQL (PORTAL_DB): %s", PQerrorMessage(conn));
	PQfinish(conn);
	return NULL;
}

/*
 * Opens, on conn, a read-only repeatable-read transaction and exports its snapshot into
 * snap (n bytes): pg_dump then dumps exactly what this transaction sees, and *version is
 * the migration version it sees. Returns 0 or -1 (said on stderr).
 */
static int
instantanea(PGconn *conn, char *snap, size_t n, long long *version)
{
	PGresult *r = PQexec(conn, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
	const char *v;
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK;

	PQclear(r);
	if (!ok || (v = valor(conn, "SELECT n FROM migracion.version", &r)) == NULL) {
		if (ok)
			PQclear(r);
		fprintf(stderr, "La base de datos de PORTAL_DB no tiene la versión de migración "
		    "(migracion.version): ¿es la del portal?\n");
		return -1;
	}
	*version = atoll(v);
	PQclear(r);
	if ((v = valor(conn, "SELECT pg_export_snapshot()", &r)) == NULL) {
		PQclear(r);
		return -1;
	}
	snprintf(snap, n, "%s", v);
	PQclear(r);
	return 0;
}

/* Runs pg_dump of snapshot snap of conninfo into tmp, custom format. Returns 0 or -1. */
static int
run_pg_dump(const char *conninfo, const char *pw, const char *snap, const char *tmp)
{
	char fsnap[160], ffile[4300], fdb[CONNINFO_MAX + 16];
	char *argv[] = { "pg_dump", "--format=custom", fsnap, ffile, fdb, NULL };
	int rc;

	snprintf(fsnap, sizeof(fsnap), "--snapshot=%s", snap);
	snprintf(ffile, sizeof(ffile), "--file=%s", tmp);
	snprintf(fdb, sizeof(fdb), "--dbname=%s", conninfo);
	if ((rc = execute(argv, pw, -1)) != 0) {
		fprintf(stderr, "El respaldo falló: pg_dump salió con %d.\n", rc);
		return -1;
	}
	return 0;
}

int
respaldo_pg_copy(const char *url, const char *archivo)
{
	char tmp[4200], conninfo[CONNINFO_MAX], pw[512], snap[128], t[32], mib[32];
	long long version = -1, leida;
	double t0 = respaldo_reloj();
	PGconn *conn = NULL;
	struct stat sb;
	int ok = 0;

	snprintf(tmp, sizeof(tmp), "%s.parcial", archivo);
	if (access(archivo, F_OK) == 0) {
		fprintf(stderr, "El archivo %s ya existe: un respaldo nunca sobrescribe otro; elija "
		    "otro nombre.\n", archivo);
		return 1;
	}
	if (conninfo_sin_clave(url, conninfo, sizeof(conninfo), pw, sizeof(pw)) < 0)
		return 1;
	if (respaldo_create(tmp) < 0) {
		fprintf(stderr, "No se pudo crear %s: %s\n", tmp, strerror(errno));
		return 1;
	}
	/* The snapshot stays valid while its transaction is open: until pg_dump is done. */
	if ((conn = connect_url(url)) == NULL ||
	    instantanea(conn, snap, sizeof(snap), &version) < 0 ||
	    run_pg_dump(conninfo, pw, snap, tmp) < 0)
		goto out;
	PQfinish(conn);
	conn = NULL;
	/* Read back: every block, and the version the snapshot had. */
	if ((leida = version_volcado(tmp)) != version || !volcado_legible(tmp)) {
		fprintf(stderr, "El respaldo falló: pg_restore no lee %s entero (versión leída "
		    "%lld, esperada %lld).\n", tmp, leida, version);
		goto out;
	}
	if (stat(tmp, &sb) < 0 || respaldo_publish(tmp, archivo) < 0) {
		fprintf(stderr, "No se pudo escribir %s: %s\n", archivo, strerror(errno));
		goto out;
	}
	printf("respaldo: %s (PostgreSQL, pg_dump en formato custom), versión de migración %lld, "
	    "%s MiB en %s s. La llave secret.key no va en el respaldo: guárdela aparte.\n",
	    archivo, version, respaldo_coma(mib, sizeof(mib), (double)sb.st_size / 1048576.0),
	    respaldo_coma(t, sizeof(t), respaldo_reloj() - t0));
	ok = 1;
out:
	PQfinish(conn);
	explicit_bzero(pw, sizeof(pw));
	if (!ok)
		unlink(tmp);
	return ok ? 0 : 1;
}

/* Whether archivo is a dump of pg_dump's custom format (it starts with "PGDMP"); says what
 * it is otherwise. */
static int
es_volcado(const char *archivo)
{
	char cab[16] = "";
	FILE *f = fopen(archivo, "rb");

	if (f == NULL) {
		fprintf(stderr, "No se puede leer el respaldo %s: %s\n", archivo, strerror(errno));
		return 0;
	}
	if (fread(cab, 1, sizeof(cab) - 1, f) < 5)
		cab[0] = '\0';
	fclose(f);
	if (strncmp(cab, "PGDMP", 5) == 0)
		return 1;
	if (strncmp(cab, "SQLite format 3", 15) == 0)
		fprintf(stderr, "%s es un respaldo SQLite, y PORTAL_DB elige PostgreSQL: "
		    "restáurelo sin PORTAL_DB.\n", archivo);
	else
		fprintf(stderr, "%s no es un respaldo de PostgreSQL (pg_dump en formato custom).\n",
		    archivo);
	return 0;
}

/* Checks dump archivo: pg_dump's custom format, every block readable, a migration version
 * from 1 to max, which goes in *version. Returns 1, or 0 with the reason on stderr. */
static int
volcado_valido(const char *archivo, int max, long long *version)
{
	if (!es_volcado(archivo))
		return 0;
	if ((*version = version_volcado(archivo)) < 0 || !volcado_legible(archivo)) {
		fprintf(stderr, "El respaldo %s está dañado (pg_restore no lo lee entero); no se "
		    "restauró nada.\n", archivo);
		return 0;
	}
	if (*version < 1) {
		fprintf(stderr, "%s no es un respaldo del portal (no tiene migracion.version).\n",
		    archivo);
		return 0;
	}
	if (*version > max) {
		fprintf(stderr, "El respaldo %s es de una versión más nueva del portal (migración "
		    "%lld; este programa llega a la %d): restáurelo con esa versión.\n", archivo,
		    *version, max);
		return 0;
	}
	return 1;
}

/* Whether the database conn is on holds no table, view, sequence or index of its own
 * (a new one, as createdb makes it). Says what it holds otherwise. */
static int
base_vacia(PGconn *conn)
{
	PGresult *r;
	const char *otro = valor(conn, "SELECT n.nspname || '.' || c.relname FROM pg_class c "
	    "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname <> "
	    "'information_schema' AND n.nspname NOT LIKE 'pg\\_%' LIMIT 1", &r);
	int vacia = otro == NULL && PQresultStatus(r) == PGRES_TUPLES_OK;

	if (otro != NULL)
		fprintf(stderr, "La base de datos %s no está vacía (tiene %s): la restauración solo "
		    "llena una base nueva (createdb -O USUARIO NOMBRE, y PORTAL_DB a ella). No se "
		    "escribió nada.\n", PQdb(conn), otro);
	PQclear(r);
	return vacia;
}

/* Runs pg_restore of archivo into conninfo's database, all of it in one transaction.
 * Returns 0 or -1 (said on stderr). */
static int
run_pg_restore(const char *conninfo, const char *pw, const char *archivo)
{
	char fdb[CONNINFO_MAX + 16];
	char *argv[] = { "pg_restore", "--exit-on-error", "--single-transaction", "--no-owner",
	    "--no-privileges", fdb, (char *)archivo, NULL };
	int rc;

	snprintf(fdb, sizeof(fdb), "--dbname=%s", conninfo);
	if ((rc = execute(argv, pw, -1)) != 0) {
		fprintf(stderr, "La restauración falló: pg_restore salió con %d; en una sola "
		    "transacción, la base quedó como estaba.\n", rc);
		return -1;
	}
	return 0;
}

int
respaldo_pg_restore(const struct config *c, const char *url, const char *archivo)
{
	char mig[4200], conninfo[CONNINFO_MAX], pw[512];
	long long version = 0;
	PGconn *conn = NULL;
	PGresult *r = NULL;
	const char *v;
	int max, rc = 1;

	snprintf(mig, sizeof(mig), "%s/pg", c->mig);
	if ((max = respaldo_version_max(mig)) < 1) {
		fprintf(stderr, "No se encontraron las migraciones en %s.\n", mig);
		return 1;
	}
	if (!volcado_valido(archivo, max, &version) ||
	    conninfo_sin_clave(url, conninfo, sizeof(conninfo), pw, sizeof(pw)) < 0 ||
	    (conn = connect_url(url)) == NULL || !base_vacia(conn) ||
	    run_pg_restore(conninfo, pw, archivo) < 0)
		goto out;
	v = valor(conn, "SELECT n FROM migracion.version", &r);
	if (v == NULL || atoll(v) != version) {
		fprintf(stderr, "La restauración no dejó la versión de migración %lld en %s.\n",
		    version, PQdb(conn));
		goto out;
	}
	/* pg_restore leaves the planner no statistics until autovacuum gathers them, a minute
	 * or more later: meanwhile a prepared statement's plan may read a whole table (the
	 * queue's name search among 10,000 requests: 18.7 ms instead of 0.8). */
	PQclear(r);
	if ((r = PQexec(conn, "ANALYZE")) == NULL || PQresultStatus(r) != PGRES_COMMAND_OK)
		fprintf(stderr, "Aviso: ANALYZE tras la restauración falló (%s); autovacuum reunirá "
		    "las estadísticas más tarde.\n", PQerrorMessage(conn));
	printf("restaurado: base de datos PostgreSQL %s desde %s (versión de migración %lld, "
	    "pg_restore en una sola transacción; estadísticas del planificador reunidas con "
	    "ANALYZE).\n", PQdb(conn), archivo, version);
	respaldo_falta_llave(c);
	rc = 0;
out:
	PQclear(r);
	PQfinish(conn);
	explicit_bzero(pw, sizeof(pw));
	return rc;
}
