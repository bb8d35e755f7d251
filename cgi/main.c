/*
 * portal: the FastCGI server and its operator commands.
 *
 *   portal [-r ROOT] [-v VAR] serve [-w WORKERS]
 *   portal [-r ROOT] [-v VAR] migrate
 *   portal [-r ROOT] [-v VAR] entidad-add NIT TIPO RAZON_SOCIAL [CODIGO_HABILITACION]
 *   portal [-r ROOT] [-v VAR] user-add LOGIN ROL NIT NOMBRE CORREO [TIPO_DOC NUM_DOC]
 *                                                                   (password on stdin)
 *   portal [-r ROOT] [-v VAR] seed-demo [SOLICITUDES]
 *   portal [-r ROOT] [-v VAR] outbox
 *   portal [-r ROOT] [-v VAR] correo-ver ID
 *   portal [-r ROOT] [-v VAR] smtp-set URL REMITENTE [USUARIO] [--sin-tls]  (password on stdin)
 *   portal [-r ROOT] [-v VAR] mail-send
 *   portal [-r ROOT] [-v VAR] avisos
 *   portal [-r ROOT] [-v VAR] mipres-token NIT [REGIMEN]
 *   portal [-r ROOT] [-v VAR] seed-mipres LINEAS [DIAS [PROVEEDORES]]
 *   portal [-r ROOT] [-v VAR] bench-commits N
 *   portal [-r ROOT] [-v VAR] seed-ap LLAMADAS [DIAS]
 *   portal [-r ROOT] [-v VAR] seed-auditoria FILAS [DIAS]
 *   portal [-r ROOT] [-v VAR] backup FILE
 *   portal [-r ROOT] [-v VAR] audit-verify
 *   portal [-r ROOT] [-v VAR] retencion
 *   portal [-r ROOT] [-v VAR] restore FILE
 *   portal [-r ROOT] [-v VAR] probar-conexion [KEY=VALUE ... | -]  (no arguments or "-": KEY=VALUE
 *                              lines on stdin, better for secrets than arguments, which ps shows)
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tools/ap_bench.h"
#include "tools/ap_carga.h"
#include "core/arena.h"
#include "tools/auditoria_carga.h"
#include "ihce/avisos.h"
#include "core/cadena.h"
#include "core/config.h"
#include "sat/conexion.h"
#include "core/db.h"
#include "tools/demo.h"
#include "core/entidad.h"
#include "core/log.h"
#include "core/mailer.h"
#include "mipres/generar_token.h"
#include "tools/mipres_bench.h"
#include "core/outbox.h"
#include "core/passwd.h"
#include "core/db_respaldo.h"
#include "admin/retencion.h"
#include "core/roles.h"
#include "admin/salud.h"
#include "core/secret.h"
#include "core/server.h"
#include "core/valid.h"
#include "core/vigia.h"

#ifndef PORTAL_ROOT
#define PORTAL_ROOT "."
#endif

struct config cfg;

void
config_paths(struct config *c)
{
	snprintf(c->db, sizeof(c->db), "%s/portal.db", c->var);
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
	char p[4200];

	mkdir(c->var, 0700);
	if (secret_init(c->key) < 0 || db_open(c->db) < 0 || db_migrate(c->mig) < 0)
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

static int
usage(void)
{
	fprintf(stderr, "usage: portal [-r root] [-v var] command [args]\n"
	    "commands:\n"
	    "  serve [-w workers]                     serve FastCGI on VAR/portal.sock\n"
	    "  migrate                                create or update the database\n"
	    "  entidad-add NIT TIPO RAZON [CODIGO]    add an entity (TIPO: MSPS IPS EPSC EPSS "
	    "ET PROV CCF AP)\n"
	    "  user-add LOGIN ROL NIT NOMBRE CORREO [TIPO_DOC NUM_DOC]\n"
	    "                                         add a user with a role; password on stdin\n"
	    "  seed-demo [SOLICITUDES]                load the demo data (and SOLICITUDES more)\n"
	    "  outbox                                 list the queued mail\n"
	    "  correo-ver ID                          print a kept message's body (audited), "
	    "to deliver it\n"
	    "                                         by hand\n"
	    "  smtp-set URL FROM [USER] [--sin-tls]   where mail goes (password on stdin)\n"
	    "  mail-send                              deliver the mail that is due, once\n"
	    "  avisos                                 queue the keys' expiry warnings that are "
	    "due (cron)\n"
	    "  mipres-token NIT [REGIMEN]             a new MIPRES user token for the entity "
	    "(EPS: REGIMEN\n"
	    "                                         contributivo or subsidiado); prints it\n"
	    "  seed-mipres LINEAS [DIAS [PROVEEDORES]] load LINEAS test MIPRES lines (bench) "
	    "over the last\n"
	    "                                         DIAS days (1) to PROVEEDORES dispensers "
	    "(1..8)\n"
	    "  bench-commits N                        commit N entregas, one transaction each; "
	    "prints commits/s\n"
	    "  bench-commits-ap N                     commit N AP calls of 100 records, one "
	    "transaction each;\n"
	    "                                         prints calls/s\n"
	    "  seed-ap LLAMADAS [DIAS]                load LLAMADAS measured AP calls (bench) "
	    "over the last\n"
	    "                                         DIAS days (92), with their rollups\n"
	    "  seed-auditoria FILAS [DIAS]            append FILAS chained audit rows (bench) "
	    "over the last\n"
	    "                                         DIAS days (365)\n"
	    "  probar-conexion [KEY=VALUE ...]        test an OAuth 2.0 token URL and a web "
	    "service;\n"
	    "                                         with no arguments (or \"-\") KEY=VALUE "
	    "lines on stdin\n"
	    "  backup FILE                            a consistent copy of the database to FILE "
	    "(new),\n"
	    "                                         while the portal serves; never the "
	    "secrets key\n"
	    "  restore FILE                           fill an empty VAR from backup FILE\n"
	    "  audit-verify                           walk the audit chain; names the first row "
	    "changed,\n"
	    "                                         removed or inserted (exit status 1)\n"
	    "  retencion                              apply the retention policy now "
	    "(PORTAL_RETENCION_*)\n");
	return 2;
}

/* mipres-token NIT [REGIMEN]: creates a user token for the entity (revoking its current
 * one of that régimen), audited, and prints it. An EPS needs the régimen; a provider none. */
static int
cmd_mipres_token(int argc, char **argv)
{
	const char *regimen = argc == 3 ? argv[2] : "";
	char guid[MP_GUID_LEN + 1];
	struct db_stmt *st;
	long long ent = 0;
	int eps = 0, rc;

	if (argc < 2 || argc > 3)
		return usage();
	if (v_nit(argv[1]) && (st = db_stmt(ST_ENTIDAD_BY_NIT, "t", argv[1])) != NULL) {
		if (db_step(st) == DB_ROW) {
			ent = db_col_int64(st, 0);
			eps = mp_tipo_es_eps(db_col_text(st, 2));
		}
		db_reset(st);
	}
	if (ent == 0) {
		fprintf(stderr, "no existe la entidad con NIT %s (9 dígitos, sin dígito de "
		    "verificación)\n", argv[1]);
		return 1;
	}
	if (eps != (strcmp(regimen, "contributivo") == 0 || strcmp(regimen, "subsidiado") == 0)) {
		fprintf(stderr, eps ? "una EPS necesita el régimen: contributivo o subsidiado\n" :
		    "solo una EPS indica régimen\n");
		return 1;
	}
	if (db_begin() < 0)
		return 1;
	rc = mp_token_nuevo(ent, regimen, 0, (long long)time(NULL), guid);
	if (rc == 0 && db_exec(ST_AUDIT_INSERT, "iittittt", (long long)time(NULL), 0LL,
	    "operador", "operador", ent, "", "mipres_token", "token de usuario MIPRES generado "
	    "con portal mipres-token; el anterior queda revocado") != 0)
		rc = -1;
	if (rc < 0 || db_commit() < 0) {
		db_rollback();
		fprintf(stderr, "no se pudo crear el token\n");
		return 1;
	}
	printf("%s\n", guid);
	return 0;
}

/* Seconds on the monotonic clock. */
static double
reloj(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* seed-mipres LINEAS [DIAS [PROVEEDORES]]: test lines for the bench (mp_carga), one
 * transaction; prints what it made and how long it took. */
static int
cmd_seed_mipres(int argc, char **argv)
{
	struct mp_carga c;
	long long n = argc > 1 ? atoll(argv[1]) : 0;
	int dias = argc > 2 ? atoi(argv[2]) : 1, nprov = argc > 3 ? atoi(argv[3]) : 1;
	double t0 = reloj();

	if (argc < 2 || argc > 4 || n < 1 || dias < 1 || nprov < 1 || nprov > MP_BENCH_NPROV) {
		fprintf(stderr, "seed-mipres LINEAS [DIAS [PROVEEDORES]]: LINEAS y DIAS mayores "
		    "que 0, PROVEEDORES de 1 a %d\n", MP_BENCH_NPROV);
		return 2;
	}
	if (mp_carga(n, dias, mp_bench_provs, nprov, &c) < 0) {
		fprintf(stderr, "no se pudieron cargar las líneas\n");
		return 1;
	}
	printf("seed-mipres: %lld líneas (ID %lld a %lld), %lld pasos, %lld entregas, "
	    "%d proveedor(es), %d día(s), en %.2f s\n", c.lineas, c.primera, c.ultima, c.pasos,
	    c.entregas, nprov, dias, reloj() - t0);
	return 0;
}

/* seed-ap LLAMADAS [DIAS]: measured AP calls for the bench (ap_carga), with their
 * rollups; prints what it made and how long it took. */
static int
cmd_seed_ap(int argc, char **argv)
{
	struct ap_carga c;
	long long n = argc > 1 ? atoll(argv[1]) : 0;
	int dias = argc > 2 ? atoi(argv[2]) : 92;
	double t0 = reloj();

	if (argc < 2 || argc > 3 || n < 1 || dias < 1 || dias > 3650) {
		fprintf(stderr, "seed-ap LLAMADAS [DIAS]: LLAMADAS mayor que 0, DIAS de 1 a 3650 "
		    "(92)\n");
		return 2;
	}
	if (ap_carga(n, dias, &c) < 0)
		return 1;
	printf("seed-ap: %lld llamadas de %d administradora(s) y sin identificar en %d día(s), "
	    "%lld escrituras de resúmenes, en %.2f s\n", c.mediciones, c.aps, dias, c.filas,
	    reloj() - t0);
	return 0;
}

/* seed-auditoria FILAS [DIAS]: audit rows for the bench (auditoria_carga); prints what
 * it made and how long it took. */
static int
cmd_seed_auditoria(int argc, char **argv)
{
	long long n = argc > 1 ? atoll(argv[1]) : 0;
	int dias = argc > 2 ? atoi(argv[2]) : 365, personas;
	double t0 = reloj();

	if (argc < 2 || argc > 3 || n < 1 || dias < 1 || dias > 3650) {
		fprintf(stderr, "seed-auditoria FILAS [DIAS]: FILAS mayor que 0, DIAS de 1 a 3650 "
		    "(365)\n");
		return 2;
	}
	if (auditoria_carga(n, dias, &personas) < 0)
		return 1;
	printf("seed-auditoria: %lld filas de %d persona(s) en %d día(s), en %.2f s\n", n,
	    personas, dias, reloj() - t0);
	return 0;
}

/* bench-commits N: the raw commit rate of an entrega's rows (mp_bench_commits). */
static int
cmd_bench_commits(int argc, char **argv)
{
	long long n = argc == 2 ? atoll(argv[1]) : 0;
	double s;

	if (n < 1)
		return usage();
	if (mp_bench_commits(n, &s) < 0) {
		fprintf(stderr, "bench-commits falló\n");
		return 1;
	}
	printf("bench-commits: %lld commits en %.3f s: %.0f commits/s\n", n, s, s > 0 ? n / s : 0);
	return 0;
}

/* bench-commits-ap N: the raw commit rate of an AP call's 100 records (ap_bench_commits). */
static int
cmd_bench_commits_ap(int argc, char **argv)
{
	long long n = argc == 2 ? atoll(argv[1]) : 0;
	double s;

	if (n < 1)
		return usage();
	if (ap_bench_commits(n, &s) < 0) {
		fprintf(stderr, "bench-commits-ap falló\n");
		return 1;
	}
	printf("bench-commits-ap: %lld llamadas de %d registros en %.3f s: %.0f llamadas/s\n",
	    n, AP_BENCH_REGISTROS, s, s > 0 ? n / s : 0);
	return 0;
}

static int
cmd_entidad_add(int argc, char **argv)
{
	struct arena *a = arena_new();
	long long id;

	if (argc < 4 || argc > 5)
		return usage();
	if (!v_nit(argv[1]) || (argc == 5 && !v_codigo_hab(argv[4]))) {
		fprintf(stderr, "NIT: 9 dígitos sin dígito de verificación; código: 12 dígitos\n");
		return 1;
	}
	id = db_entidad_insert(a, argv[1], argv[3], argv[2], argc == 5 ? argv[4] : NULL,
	    (long long)time(NULL));
	arena_free(a);
	if (id <= 0) {
		fprintf(stderr, "no se pudo crear la entidad (¿NIT repetido o tipo inválido?)\n");
		return 1;
	}
	printf("entidad %s-%d creada\n", argv[1], nit_dv(argv[1]));
	return 0;
}

/* Reads one line from stdin without its newline. Returns 0, or -1 when empty. */
static int
read_line(char *out, size_t n)
{
	if (fgets(out, (int)n, stdin) == NULL)
		return -1;
	out[strcspn(out, "\r\n")] = '\0';
	return out[0] ? 0 : -1;
}

/* Whether s is a document type of the portal (the login prefix of a person). */
static int
tipo_doc_valido(const char *s)
{
	static const char *const tipos[] = { "CC", "CE", "PA", "PE", "PT" };
	size_t i;

	for (i = 0; i < sizeof(tipos) / sizeof(tipos[0]); i++)
		if (strcmp(s, tipos[i]) == 0)
			return 1;
	return 0;
}

/* The person's document for user-add: TIPO_DOC NUM_DOC when given (argc 8), else the one a
 * login "<tipo><número>" names; *tipo and *num NULL when neither. Returns 0, or -1 for a
 * bad document given. */
static int
documento_de(int argc, char **argv, const char **tipo, const char **num)
{
	static char t[3];

	*tipo = *num = NULL;
	if (argc == 8) {
		if (!tipo_doc_valido(argv[6]) || !v_documento(argv[7]))
			return -1;
		*tipo = argv[6];
		*num = argv[7];
		return 0;
	}
	if (strlen(argv[1]) > 2 && v_documento(argv[1] + 2)) {
		memcpy(t, argv[1], 2);
		t[2] = '\0';
		if (tipo_doc_valido(t)) {
			*tipo = t;
			*num = argv[1] + 2;
		}
	}
	return 0;
}

/* user-add LOGIN ROL NIT NOMBRE CORREO [TIPO_DOC NUM_DOC], the password on stdin: the user
 * (the name's four parts split from NOMBRE by 018's rule; the document given, or the one
 * a "CC<número>" login names), its role and the audit entry in one transaction (hashed
 * before it): a failure leaves nothing. */
static int
cmd_user_add(int argc, char **argv)
{
	char pw[257], mcf[PASSWD_MCF_LEN], detalle[200];
	long long ent, uid, now = (long long)time(NULL);
	const char *tipo_doc, *num_doc;

	if (argc != 6 && argc != 8)
		return usage();
	if (role_bit(argv[2]) == 0 || !v_login(argv[1]) || !v_text(argv[4]) ||
	    !v_email(argv[5])) {
		fprintf(stderr, "rol desconocido, o login, nombre (texto UTF-8) o correo no "
		    "válido\n");
		return 1;
	}
	if (documento_de(argc, argv, &tipo_doc, &num_doc) < 0) {
		fprintf(stderr, "documento no válido: TIPO_DOC es CC, CE, PA, PE o PT y NUM_DOC de "
		    "3 a 15 dígitos\n");
		return 1;
	}
	if ((ent = db_entidad_id_by_nit(argv[3])) == 0) {
		fprintf(stderr, "no existe la entidad con NIT %s\n", argv[3]);
		return 1;
	}
	if (isatty(0))
		fprintf(stderr, "Contraseña: ");
	if (read_line(pw, sizeof(pw)) < 0 || passwd_hash(pw, mcf) < 0) {
		fprintf(stderr, "falta la contraseña (una línea en la entrada estándar)\n");
		return 1;
	}
	if (db_begin() < 0)
		return 1;
	if ((uid = db_usuario_insert(argv[1], argv[4], argv[5], tipo_doc, num_doc, mcf,
	    now)) <= 0) {
		db_rollback();
		fprintf(stderr, "no se pudo crear el usuario (¿login repetido?)\n");
		return 1;
	}
	snprintf(detalle, sizeof(detalle), "usuario %s (id %lld) creado con portal user-add, "
	    "rol %s", argv[1], uid, argv[2]);
	if (db_rol_insert(uid, ent, argv[2]) <= 0 || db_exec(ST_AUDIT_INSERT, "iittittt", now,
	    0LL, "operador", "operador", ent, "", "usuario_creado", detalle) != 0 ||
	    db_commit() < 0) {
		db_rollback();
		fprintf(stderr, "no se pudo asignar el rol %s en la entidad %s (¿la entidad ya "
		    "tiene su delegado?): el usuario no se creó\n", argv[2], argv[3]);
		return 1;
	}
	printf("usuario %s creado con rol %s en la entidad %s\n", argv[1], argv[2], argv[3]);
	return 0;
}

static int
cmd_outbox(void)
{
	struct db_stmt *st;

	if ((st = db_stmt(ST_CORREO_LIST, "")) == NULL)
		return 1;
	printf("id\tcreado (UTC)\testado\tintentos\tpara\tasunto\tultimo error\tcontenido\n");
	while (db_step(st) == DB_ROW)
		printf("%lld\t%s\t%s\t%d\t%s\t%s\t%s\t%s\n", (long long)db_col_int64(st, 0),
		    db_col_text(st, 1), db_col_text(st, 2),
		    db_col_int(st, 3), db_col_text(st, 4),
		    db_col_text(st, 5), db_col_null(st, 6) ? "" :
		    db_col_text(st, 6),
		    db_col_int(st, 7) ? "cifrado" : "borrado");
	db_reset(st);
	return 0;
}

/*
 * correo-ver ID: prints message ID's body, opened with the secrets key, for an operator
 * who delivers it by hand (no SMTP server); each reading is audited. Exit status 1 when
 * the message does not exist, its body was wiped (delivered, or its link or code
 * expired), or it does not open with this key.
 */
static int
cmd_correo_ver(int argc, char **argv)
{
	struct arena *a;
	struct db_stmt *st;
	long long id = argc == 2 ? atoll(argv[1]) : 0;
	const char *cuerpo = NULL;
	int estado = 0;	/* 0 unknown, 1 kept, 2 wiped */

	if (id <= 0)
		return usage();
	if ((a = arena_new()) == NULL || (st = db_stmt(ST_CORREO_CUERPO, "i", id)) == NULL) {
		arena_free(a);
		return 1;
	}
	if (db_step(st) == DB_ROW) {
		estado = db_col_null(st, 1) ? 2 : 1;
		cuerpo = outbox_abrir(a, id, db_col_blob(st, 1),
		    (size_t)db_col_bytes(st, 1));
	}
	db_reset(st);
	if (estado == 0)
		fprintf(stderr, "No existe el mensaje %lld.\n", id);
	else if (estado == 2)
		fprintf(stderr, "El mensaje %lld ya no guarda su contenido: se borró al entregarlo "
		    "o al vencer el enlace o código que llevaba.\n", id);
	else if (cuerpo == NULL)
		fprintf(stderr, "El contenido del mensaje %lld no abre con la llave %s.\n", id,
		    cfg.key);
	else if (db_exec(ST_AUDIT_INSERT, "iittittt", (long long)time(NULL), 0LL, "operador",
	    "operador", 0LL, "", "correo_ver", arena_printf(a, "contenido del correo %lld leído "
	    "con portal correo-ver", id)) != 0)
		cuerpo = NULL;
	else
		fputs(cuerpo, stdout);
	arena_free(a);
	return cuerpo != NULL && estado == 1 ? 0 : 1;
}

/* smtp-set URL FROM [USER] [--sin-tls]: the password, when USER is given, on stdin. */
static int
cmd_smtp_set(int argc, char **argv)
{
	struct arena *a = arena_new();
	char pw[257] = "";
	int tls = 1, rc;
	const char *user = NULL;
	unsigned char *ct = NULL;
	size_t len = 0;

	if (argc > 1 && strcmp(argv[argc - 1], "--sin-tls") == 0)
		tls = 0, argc--;
	if (argc < 3 || argc > 4 || (strncmp(argv[1], "smtp://", 7) != 0 &&
	    strncmp(argv[1], "smtps://", 8) != 0) || !v_email(argv[2]))
		return usage();
	if (argc == 4) {
		user = argv[3];
		if (isatty(0))
			fprintf(stderr, "Contraseña SMTP: ");
		if (read_line(pw, sizeof(pw)) < 0) {
			fprintf(stderr, "falta la contraseña (una línea en la entrada estándar)\n");
			return 1;
		}
		ct = secret_seal(a, pw, "smtp.password", &len);
	}
	rc = ct ? db_exec(ST_SMTP_SET, "ttbtii", argv[1], user, ct, (int)len, argv[2],
	    (long long)tls, (long long)time(NULL)) : db_exec(ST_SMTP_SET, "tnntii", argv[1],
	    argv[2], (long long)tls, (long long)time(NULL));
	arena_free(a);
	if (rc != 0)
		return 1;
	printf("correo saliente: %s, remitente %s%s\n", argv[1], argv[2],
	    tls ? "" : " (sin TLS)");
	return 0;
}

static int
cmd_mail_send(void)
{
	struct arena *a = arena_new();
	int total = mailer_drain(a);

	arena_free(a);
	if (total < 0) {
		printf("No hay servidor SMTP configurado: los mensajes siguen en la bandeja "
		    "(portal outbox).\n");
		return 1;
	}
	printf("%d mensaje(s) enviados\n", total);
	return 0;
}

/* avisos: what the mailer process does on each pass, for a cron job. */
static int
cmd_avisos(void)
{
	struct arena *a = arena_new();
	int n = avisos_pass(a, (long long)time(NULL));

	arena_free(a);
	if (n < 0)
		return 1;
	printf("%d aviso(s) de vencimiento en la bandeja de salida\n", n);
	return 0;
}

/* backup FILE: the copy (respaldo_copiar), and an audit entry saying who may now hold the
 * data: the live database's, written after the copy's snapshot. */
static int
cmd_backup(const char *archivo)
{
	char detalle[600];
	int rc = respaldo_copiar(archivo);

	snprintf(detalle, sizeof(detalle), "respaldo de la base de datos en %s con portal "
	    "backup", archivo);
	if (rc == 0 && db_exec(ST_AUDIT_INSERT, "iittittt", (long long)time(NULL), 0LL,
	    "operador", "operador", 0LL, "", "respaldo", detalle) != 0)
		fprintf(stderr, "El respaldo quedó hecho, pero no se pudo registrar en la "
		    "auditoría.\n");
	return rc;
}

/* audit-verify: walks the audit chain (cadena_verificar) and says what it found, and how
 * long it took. Exit status 0 when it verifies, 1 when not or unreadable. */
static int
cmd_audit_verify(void)
{
	struct arena *a = arena_new();
	struct cadena_informe inf;
	double t0 = reloj();
	int rc = cadena_verificar(&inf);

	if (a == NULL)
		return 1;
	printf("%s\n", cadena_texto(a, &inf));
	fprintf(stderr, "audit-verify: %lld filas en %.2f s\n", inf.filas, reloj() - t0);
	arena_free(a);
	return rc == 0 ? 0 : 1;
}

/* retencion: the retention policy, by hand (the mailer process runs it on its own).
 * Prints what it removed. Exit status 0, 1 when a pass failed, 2 for a bad variable. */
static int
cmd_retencion(void)
{
	struct retencion_cuenta c;
	const struct retencion *p = retencion_politica();
	char err[256];

	if (retencion_config(err, sizeof(err)) < 0) {
		fprintf(stderr, "portal: %s\n", err);
		return 2;
	}
	memset(&c, 0, sizeof(c));
	if (retencion_correr((long long)time(NULL), "operador", &c) < 0) {
		fprintf(stderr, "La retención falló: no se borró nada de la pasada que falló.\n");
		return 1;
	}
	printf("retención: %lld sesión(es) vencida(s); %lld registro(s) de intentos fallidos "
	    "(más de %d días); %lld correo(s) (más de %d días); %lld enlace(s) de contraseña "
	    "(más de %d días); %lld token(s) o reto(s) vencido(s); %lld medición(es) AP (más de "
	    "%d años); %lld fila(s) de auditoría (más de %d años; ancla en la fila %lld).\n",
	    c.sesiones, c.intentos, p->intentos_dias, c.correos, p->correo_dias, c.enlaces,
	    p->enlaces_dias, c.tokens, c.ap, p->ap_anios, c.auditoria, p->auditoria_anios,
	    c.ancla);
	return 0;
}

/* probar-conexion: the parameters read so far. */
struct prueba {
	struct con_config	c;
	struct con_operador	o;	/* the environment's, then the parameters' */
	const char		*cuerpo_archivo;
};

/* Reads the body file (at most 64 KiB) into c. 0 or -1 with a message. */
static int
leer_cuerpo(struct prueba *p)
{
	static char cuerpo[65537];
	FILE *f = fopen(p->cuerpo_archivo, "rb");
	size_t n;

	if (f == NULL) {
		fprintf(stderr, "No se pudo abrir el archivo del cuerpo «%s».\n", p->cuerpo_archivo);
		return -1;
	}
	n = fread(cuerpo, 1, sizeof(cuerpo), f);
	fclose(f);
	if (n == sizeof(cuerpo)) {
		fprintf(stderr, "El archivo del cuerpo pasa de 64 KiB.\n");
		return -1;
	}
	p->c.cuerpo = cuerpo, p->c.cuerpo_len = n;
	return 0;
}

/* Applies KEY=VALUE (v is kept, not copied) to p: the operator's limits through the parser
 * `portal serve` uses (con_operador_clave), the rest here. 0 or -1 with a message. */
static int
prueba_clave(struct prueba *p, char *kv)
{
	struct con_config *c = &p->c;
	char *v = strchr(kv, '=');
	const char *malo = NULL;
	int op;

	if (v == NULL) {
		fprintf(stderr, "Falta «=» en «%s».\n", kv);
		return -1;
	}
	*v++ = '\0';
	if ((op = con_operador_clave(&p->o, kv, v, &malo)) != 0)
		;
	else if (strcmp(kv, "token_url") == 0)
		c->token_url = v;
	else if (strcmp(kv, "servicio_url") == 0)
		c->servicio_url = v;
	else if (strcmp(kv, "metodo") == 0 && con_metodo_valido(v))
		c->metodo = v;
	else if (strcmp(kv, "grant") == 0 && strcmp(v, "client_credentials") == 0)
		c->grant = CON_GRANT_CLIENT_CREDENTIALS;
	else if (strcmp(kv, "grant") == 0 && strcmp(v, "password") == 0)
		c->grant = CON_GRANT_PASSWORD;
	else if (strcmp(kv, "client_id") == 0)
		c->client_id = v;
	else if (strcmp(kv, "client_secret") == 0)
		c->client_secret = v;
	else if (strcmp(kv, "usuario") == 0)
		c->usuario = v;
	else if (strcmp(kv, "clave") == 0)
		c->clave = v;
	else if (strcmp(kv, "scope") == 0)
		c->scope = v;
	else if (strcmp(kv, "cliente") == 0 && (strcmp(v, "basic") == 0 || strcmp(v, "cuerpo") == 0))
		c->cliente_en_cuerpo = strcmp(v, "cuerpo") == 0;
	else if (strcmp(kv, "cuerpo_archivo") == 0)
		p->cuerpo_archivo = v;
	else
		op = -1;
	if (op >= 0)
		return 0;
	if (malo != NULL)
		fprintf(stderr, "Parámetro %s: entrada no válida desde «%s».\n", kv, malo);
	else
		fprintf(stderr, "Parámetro desconocido o valor no válido: %s=%s\n", kv, v);
	return -1;
}

/* Reads KEY=VALUE lines from stdin (blank lines and # comments skipped). 0 or -1. */
static int
prueba_stdin(struct prueba *p, struct arena *a)
{
	char line[8192];
	size_t n;

	while (fgets(line, sizeof(line), stdin)) {
		n = strcspn(line, "\r\n");
		line[n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		if (prueba_clave(p, arena_strdup(a, line)) < 0)
			return -1;
	}
	return 0;
}

/* Prints one step. */
static void
imprimir_paso(const char *titulo, const struct con_paso *s)
{
	printf("%s: %s", titulo, con_estado_texto(s->estado));
	if (s->http)
		printf(" (HTTP %ld)", s->http);
	printf("\n  %s\n", s->mensaje);
	if (*s->extracto)
		printf("  Extracto de la respuesta: %s\n", s->extracto);
}

/*
 * probar-conexion: asks for a token, calls the service with it, prints each step in Spanish.
 * Exit status 0 when both steps succeed, 1 when one failed, 2 on a bad parameter.
 */
static int
cmd_probar_conexion(int argc, char **argv)
{
	struct arena *a = arena_new();
	struct prueba p;
	struct con_resultado r;
	char err[256];
	int i, rc = 2;

	memset(&p, 0, sizeof(p));
	if (con_operador_env(&p.o, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s\n", err);
		goto out;
	}
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "-") == 0 ? prueba_stdin(&p, a) < 0 : prueba_clave(&p, argv[i]) < 0)
			goto out;
	if (argc == 1 && prueba_stdin(&p, a) < 0)
		goto out;
	if (p.c.token_url == NULL || p.c.servicio_url == NULL || p.c.client_id == NULL) {
		fprintf(stderr, "Faltan parámetros: token_url, servicio_url y client_id son "
		    "obligatorios.\n");
		goto out;
	}
	if (p.cuerpo_archivo && leer_cuerpo(&p) < 0)
		goto out;
	con_operador_aplicar(&p.o, &p.c);
	rc = conexion_probar(&p.c, &r) == 0 ? 0 : 1;
	imprimir_paso("Paso 1, token", &r.token);
	imprimir_paso("Paso 2, servicio", &r.servicio);
out:
	arena_free(a);
	return rc;
}

/* Warns when "Probar conexión" may wait longer than a request may hold a worker: the guard
 * would cut it, and the CCF would read the 503 page instead of the timeout. */
static void
limite_conexion(void)
{
	long total = con_operador_portal.total_ms > 0 ? con_operador_portal.total_ms :
	    CON_TOTAL_MS;

	if (total + 1000 >= (long)vigia_limite() * 1000)
		log_err("PORTAL_CONEXION_TOTAL (%ld ms) is not a second below "
		    "PORTAL_LIMITE_SEGUNDOS (%d s): a slow connection test will be cut", total,
		    vigia_limite());
}

int
main(int argc, char **argv)
{
	char err[256];
	int c, rc;

	cfg.root = getenv("PORTAL_ROOT") ? getenv("PORTAL_ROOT") : PORTAL_ROOT;
	cfg.var = getenv("PORTAL_VAR") ? getenv("PORTAL_VAR") : NULL;
	while ((c = getopt(argc, argv, "+r:v:")) != -1) {
		if (c == 'r')
			cfg.root = optarg;
		else if (c == 'v')
			cfg.var = optarg;
		else
			return usage();
	}
	argc -= optind, argv += optind;
	if (argc < 1)
		return usage();
	/* Everything the portal creates in var/ (database, WAL, key, socket) is its user's. */
	umask(077);
	if (cfg.var == NULL) {
		static char var[4096];
		snprintf(var, sizeof(var), "%s/var", cfg.root);
		cfg.var = var;
	}
	config_paths(&cfg);
	/* Keep the heap, as the workers do (cgi/core/server.c): all through a bulk load SQLite's page
	 * cache frees and takes pages; giving the heap's top back to the kernel each time
	 * (brk, and on a VM a TLB shootdown across the cores) made a 30,000-line seed-mipres
	 * after a 150,000-line one take 35 s of CPU instead of 1.2 s. */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	/* A restore fills an empty var/: nothing may be created there before it. */
	if (strcmp(argv[0], "restore") == 0)
		return argc == 2 ? respaldo_restaurar(&cfg, argv[1]) : usage();
	/* Every command writes as the server does: a wrong value stops each one. */
	if (db_sincrono_config(err, sizeof(err)) < 0) {
		fprintf(stderr, "portal: %s\n", err);
		return 1;
	}
	if (config_open_store(&cfg) < 0)
		return 1;
	if (strcmp(argv[0], "serve") == 0) {
		if (con_operador_env(&con_operador_portal, err, sizeof(err)) < 0 ||
		    vigia_config(err, sizeof(err)) < 0 || salud_config(err, sizeof(err)) < 0 ||
		    retencion_config(err, sizeof(err)) < 0) {
			fprintf(stderr, "portal: %s\n", err);
			db_close();
			return 1;
		}
		limite_conexion();
		log_info("db: synchronous=%s (PORTAL_SINCRONO), WAL checkpointed by the master "
		    "past each change, truncated over %lld MiB", db_sincrono(), DB_WAL_LIMITE >> 20);
		if (argc == 3 && strcmp(argv[1], "-w") == 0)
			cfg.workers = atoi(argv[2]);
		rc = server_run() == 0 ? 0 : 1;
	} else if (strcmp(argv[0], "migrate") == 0)
		rc = 0;
	else if (strcmp(argv[0], "entidad-add") == 0)
		rc = cmd_entidad_add(argc, argv);
	else if (strcmp(argv[0], "user-add") == 0)
		rc = cmd_user_add(argc, argv);
	else if (strcmp(argv[0], "seed-demo") == 0)
		rc = demo_seed(argc > 1 ? atoi(argv[1]) : 0) == 0 ? 0 : 1;
	else if (strcmp(argv[0], "outbox") == 0)
		rc = cmd_outbox();
	else if (strcmp(argv[0], "correo-ver") == 0)
		rc = cmd_correo_ver(argc, argv);
	else if (strcmp(argv[0], "smtp-set") == 0)
		rc = cmd_smtp_set(argc, argv);
	else if (strcmp(argv[0], "mail-send") == 0)
		rc = cmd_mail_send();
	else if (strcmp(argv[0], "avisos") == 0)
		rc = cmd_avisos();
	else if (strcmp(argv[0], "mipres-token") == 0)
		rc = cmd_mipres_token(argc, argv);
	else if (strcmp(argv[0], "seed-mipres") == 0)
		rc = cmd_seed_mipres(argc, argv);
	else if (strcmp(argv[0], "bench-commits") == 0)
		rc = cmd_bench_commits(argc, argv);
	else if (strcmp(argv[0], "seed-ap") == 0)
		rc = cmd_seed_ap(argc, argv);
	else if (strcmp(argv[0], "seed-auditoria") == 0)
		rc = cmd_seed_auditoria(argc, argv);
	else if (strcmp(argv[0], "retencion") == 0)
		rc = argc == 1 ? cmd_retencion() : usage();
	else if (strcmp(argv[0], "audit-verify") == 0)
		rc = argc == 1 ? cmd_audit_verify() : usage();
	else if (strcmp(argv[0], "backup") == 0)
		rc = argc == 2 ? cmd_backup(argv[1]) : usage();
	else if (strcmp(argv[0], "bench-commits-ap") == 0)
		rc = cmd_bench_commits_ap(argc, argv);
	else if (strcmp(argv[0], "probar-conexion") == 0)
		rc = cmd_probar_conexion(argc, argv);
	else
		rc = usage();
	db_close();
	return rc;
}
