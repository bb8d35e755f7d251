/*
 * portal: the FastCGI server and its operator commands. This file is the wiring: the
 * features' start-up, the periodic jobs and the commands are rows of its tables; the
 * core (cgi/core/) names no feature. The demo and bench loads are portal-demo's
 * (cgi/tools/main.c).
 *
 *   portal [-r ROOT] [-v VAR] serve [-w WORKERS]
 *   portal [-r ROOT] [-v VAR] migrate
 *   portal [-r ROOT] [-v VAR] entidad-add NIT TIPO RAZON_SOCIAL [CODIGO_HABILITACION]
 *   portal [-r ROOT] [-v VAR] user-add LOGIN ROL NIT NOMBRE CORREO [TIPO_DOC NUM_DOC]
 *                                                                   (password on stdin)
 *   portal [-r ROOT] [-v VAR] outbox
 *   portal [-r ROOT] [-v VAR] correo-ver ID
 *   portal [-r ROOT] [-v VAR] smtp-set URL REMITENTE [USUARIO] [--sin-tls]  (password on stdin)
 *   portal [-r ROOT] [-v VAR] mail-send
 *   portal [-r ROOT] [-v VAR] avisos
 *   portal [-r ROOT] [-v VAR] mipres-token NIT [REGIMEN]
 *   portal [-r ROOT] [-v VAR] backup FILE
 *   portal [-r ROOT] [-v VAR] audit-verify
 *   portal [-r ROOT] [-v VAR] retencion
 *   portal [-r ROOT] [-v VAR] restore FILE
 *   portal [-r ROOT] [-v VAR] probar-conexion [KEY=VALUE ... | -]  (no arguments or "-": KEY=VALUE
 *                              lines on stdin, better for secrets than arguments, which ps shows)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "admin/admin.h"
#include "ap/ap.h"
#include "core/arena.h"
#include "core/cadena.h"
#include "core/claves_comunes.h"
#include "core/comando.h"
#include "core/config.h"
#include "core/db.h"
#include "core/db_respaldo.h"
#include "core/entidad.h"
#include "core/log.h"
#include "core/mailer.h"
#include "core/outbox.h"
#include "core/passwd.h"
#include "core/roles.h"
#include "core/secret.h"
#include "core/server.h"
#include "core/tareas.h"
#include "core/valid.h"
#include "core/vigia.h"
#include "cuentas/cuentas.h"
#include "ihce/ihce.h"
#include "mipres/mipres.h"
#include "sat/sat.h"

/* Seconds on the monotonic clock. */
static double
reloj(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmd_entidad_add(int argc, char **argv)
{
	struct arena *a = arena_new();
	long long id;

	if (argc < 4 || argc > 5)
		return comando_uso();
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
	comando_stdin_read();
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

/* Runs of user-add's transaction that fails to serialize (db_tx_run; PostgreSQL). */
#define USUARIO_VECES	5

/* user-add's transaction: the user, its role in entity ent and the audit entry. */
struct alta {
	char		**argv;
	const char	 *tipo_doc, *num_doc, *mcf;
	long long	  ent, now;
	int		  con_usuario;	/* the user was inserted: the role failed */
};

/* db_tx_run's body for user-add. Returns 0, or a failure (the user or its role refused). */
static int
insert_alta(void *arg)
{
	struct alta *u = arg;
	char detalle[200];
	long long uid;

	u->con_usuario = 0;
	if ((uid = db_usuario_insert(u->argv[1], u->argv[4], u->argv[5], u->tipo_doc, u->num_doc,
	    u->mcf, u->now)) <= 0)
		return DB_ERROR;
	u->con_usuario = 1;
	snprintf(detalle, sizeof(detalle), "usuario %s (id %lld) creado con portal user-add, "
	    "rol %s", u->argv[1], uid, u->argv[2]);
	if (db_rol_insert(uid, u->ent, u->argv[2]) <= 0)
		return DB_ERROR;
	return db_exec(ST_AUDIT_INSERT, "iittittt", u->now, 0LL, "operador", "operador", u->ent,
	    "", "usuario_creado", detalle);
}

/* user-add LOGIN ROL NIT NOMBRE CORREO [TIPO_DOC NUM_DOC], the password on stdin: the user
 * (the name's four parts split from NOMBRE by 018's rule; the document given, or the one
 * a "CC<número>" login names), its role and the audit entry in one transaction (hashed
 * before it): a failure leaves nothing. The transaction runs again when it fails to
 * serialize (PostgreSQL, the server writing at once): the password is read once, so the
 * whole command must not run again (comando.c), its input at its end then: when it never
 * serializes, it says so and the failures are its own (db_reintentos_absorb). */
static int
cmd_user_add(int argc, char **argv)
{
	char pw[257], mcf[PASSWD_MCF_LEN];
	struct alta u = { argv, NULL, NULL, mcf, 0, (long long)time(NULL), 0 };
	struct db_marca antes;
	int rc;

	if (argc != 6 && argc != 8)
		return comando_uso();
	if (role_bit(argv[2]) == 0 || !v_login(argv[1]) || !v_text(argv[4]) ||
	    !v_email(argv[5])) {
		fprintf(stderr, "rol desconocido, o login, nombre (texto UTF-8) o correo no "
		    "válido\n");
		return 1;
	}
	if (documento_de(argc, argv, &u.tipo_doc, &u.num_doc) < 0) {
		fprintf(stderr, "documento no válido: TIPO_DOC es CC, CE, PA, PE o PT y NUM_DOC de "
		    "3 a 15 dígitos\n");
		return 1;
	}
	if ((u.ent = db_entidad_id_by_nit(argv[3])) == 0) {
		fprintf(stderr, "no existe la entidad con NIT %s\n", argv[3]);
		return 1;
	}
	if (isatty(0))
		fprintf(stderr, "Contraseña: ");
	if (read_line(pw, sizeof(pw)) < 0 || passwd_hash(pw, mcf) < 0) {
		fprintf(stderr, "falta la contraseña (una línea en la entrada estándar)\n");
		return 1;
	}
	db_marca(&antes);
	if ((rc = db_tx_run(insert_alta, &u, USUARIO_VECES)) != 0) {
		/* Said here: the command run again would find no password to read. */
		if (rc == DB_RETRY) {
			db_reintentos_absorb(&antes);
			fprintf(stderr, "no se pudo crear el usuario: otra escritura a la vez no dejó "
			    "completarlo tras %d intentos; ejecute el comando de nuevo\n",
			    USUARIO_VECES);
		} else if (!u.con_usuario)
			fprintf(stderr, "no se pudo crear el usuario (¿login repetido?)\n");
		else
			fprintf(stderr, "no se pudo asignar el rol %s en la entidad %s (¿la entidad "
			    "ya tiene su delegado?): el usuario no se creó\n", argv[2], argv[3]);
		return 1;
	}
	printf("usuario %s creado con rol %s en la entidad %s\n", argv[1], argv[2], argv[3]);
	return 0;
}

static int
cmd_outbox(int argc, char **argv)
{
	struct db_stmt *st;

	(void)argv;
	if (argc != 1)
		return comando_uso();
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
cmd_correo_show(int argc, char **argv)
{
	struct arena *a;
	struct db_stmt *st;
	long long id = argc == 2 ? atoll(argv[1]) : 0;
	const char *cuerpo = NULL;
	int estado = 0;	/* 0 unknown, 1 kept, 2 wiped */

	if (id <= 0)
		return comando_uso();
	if ((a = arena_new()) == NULL || (st = db_stmt(ST_CORREO_CUERPO, "i", id)) == NULL) {
		arena_free(a);
		return 1;
	}
	if (db_step(st) == DB_ROW) {
		estado = db_col_null(st, 1) ? 2 : 1;
		cuerpo = outbox_open(a, id, db_col_blob(st, 1),
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
		return comando_uso();
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
cmd_mail_send(int argc, char **argv)
{
	struct arena *a;
	int total;

	(void)argv;
	if (argc != 1)
		return comando_uso();
	a = arena_new();
	total = mailer_drain(a);
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
cmd_avisos(int argc, char **argv)
{
	struct arena *a;
	int n;

	(void)argv;
	if (argc != 1)
		return comando_uso();
	a = arena_new();
	n = avisos_pass(a, (long long)time(NULL));
	arena_free(a);
	if (n < 0)
		return 1;
	printf("%d aviso(s) de vencimiento en la bandeja de salida\n", n);
	return 0;
}

/* backup FILE: the copy (respaldo_copy), and an audit entry saying who may now hold the
 * data: the live database's, written after the copy's snapshot. */
static int
cmd_backup(int argc, char **argv)
{
	const char *archivo;
	char detalle[600];
	int rc;

	if (argc != 2)
		return comando_uso();
	archivo = argv[1];
	rc = respaldo_copy(archivo);
	snprintf(detalle, sizeof(detalle), "respaldo de la base de datos en %s con portal "
	    "backup", archivo);
	if (rc == 0 && db_exec(ST_AUDIT_INSERT, "iittittt", (long long)time(NULL), 0LL,
	    "operador", "operador", 0LL, "", "respaldo", detalle) != 0)
		fprintf(stderr, "El respaldo quedó hecho, pero no se pudo registrar en la "
		    "auditoría.\n");
	return rc;
}

/* audit-verify: walks the audit chain (cadena_verify) and says what it found, and how
 * long it took. Exit status 0 when it verifies, 1 when not or unreadable. */
static int
cmd_audit_verify(int argc, char **argv)
{
	struct arena *a;
	struct cadena_informe inf;
	double t0 = reloj();
	int rc;

	(void)argv;
	if (argc != 1)
		return comando_uso();
	a = arena_new();
	rc = cadena_verify(&inf);
	if (a == NULL)
		return 1;
	printf("%s\n", cadena_texto(a, &inf));
	fprintf(stderr, "audit-verify: %lld filas en %.2f s\n", inf.filas, reloj() - t0);
	arena_free(a);
	return rc == 0 ? 0 : 1;
}

/* The list of common passwords that no password may be (db/claves_comunes.txt). */
static int
claves_comunes_config(char *err, size_t n)
{
	char path[4200];

	snprintf(path, sizeof(path), "%s/db/claves_comunes.txt", cfg.root);
	if (n > 0)
		err[0] = '\0';	/* clave_load logs why */
	return clave_load(path) < 0 ? -1 : 0;
}

/*
 * Start-up of `portal serve`, in order, before the workers fork: each row reads its
 * environment or files once. A row that fails stops serve (exit status 1) with its message
 * in err ("portal: ..."), or with none when it logged it.
 */
static const struct arranque {
	const char	*nombre;
	int		(*config)(char *err, size_t n);
} arranques[] = {
	{ "fastcgi",		config_fastcgi },	/* PORTAL_FASTCGI */
	{ "vigia",		vigia_config },		/* PORTAL_LIMITE_SEGUNDOS */
	{ "conexion",		sat_config },	/* PORTAL_CONEXION_* */
	{ "salud",		salud_config },		/* PORTAL_SALUD_* */
	{ "retencion",		retencion_config },	/* PORTAL_RETENCION_* */
	{ "claves comunes",	claves_comunes_config },
	{ "ap",			ap_config },		/* PORTAL_AP_TOKEN_SEGUNDOS */
	{ "registro",		cuentas_registro_config },	/* PORTAL_REGISTRO_* */
};

/* The periodic jobs, each pass in this order (cgi/core/tareas.h): the warnings first, so
 * the same pass delivers what they queued. */
static const struct tarea tareas[] = {
	{ "avisos",	avisos_pass },		/* IHCE keys' expiry warnings */
	{ "busqueda",	busqueda_tarea },	/* the search's trigram counts, hourly */
	{ "retencion",	retencion_tarea },	/* every PORTAL_RETENCION_CADA_MINUTOS */
	{ "correo",	mailer_tarea },		/* delivery of the outbox */
};

/* The SQL functions the statements and migrations call, on every connection. */
static const db_funciones_fn funciones_sql[] = { ap_resumen_funciones };

#define NELEM(t)	(sizeof(t) / sizeof((t)[0]))

/* serve [-w WORKERS]: the start-up rows, then the server with the periodic jobs. */
static int
cmd_serve(int argc, char **argv)
{
	char err[256];
	size_t i;

	for (i = 0; i < NELEM(arranques); i++)
		if (arranques[i].config(err, sizeof(err)) < 0) {
			if (err[0] != '\0')
				fprintf(stderr, "portal: %s\n", err);
			return 1;
		}
	log_info("db: synchronous=%s (PORTAL_SINCRONO), WAL checkpointed by the master "
	    "past each change, truncated over %lld MiB", db_sincrono(), DB_WAL_LIMITE >> 20);
	if (argc == 3 && strcmp(argv[1], "-w") == 0)
		cfg.workers = atoi(argv[2]);
	return server_run(tareas, NELEM(tareas)) == 0 ? 0 : 1;
}

/* migrate: opening the store did it. */
static int
cmd_migrate(int argc, char **argv)
{
	(void)argv;
	return argc == 1 ? 0 : comando_uso();
}

/* restore FILE: on an empty var/, where nothing may be created before it. */
static int
cmd_restore(int argc, char **argv)
{
	return argc == 2 ? respaldo_restore(&cfg, argv[1]) : comando_uso();
}

/* The commands, in the order the usage lists them. */
static const struct comando comandos[] = {
	{ "serve", "[-w workers]", "serve FastCGI on VAR/portal.sock", cmd_serve, 0 },
	{ "migrate", "", "create or update the database", cmd_migrate, 0 },
	{ "entidad-add", "NIT TIPO RAZON [CODIGO]", "add an entity (TIPO: MSPS IPS EPSC EPSS "
	    "ET PROV CCF AP)", cmd_entidad_add, 0 },
	{ "user-add", "LOGIN ROL NIT NOMBRE CORREO [TIPO_DOC NUM_DOC]", "\nadd a user with a "
	    "role; password on stdin", cmd_user_add, 0 },
	{ "outbox", "", "list the queued mail", cmd_outbox, 0 },
	{ "correo-ver", "ID", "print a kept message's body (audited), to deliver it\nby hand",
	    cmd_correo_show, 0 },
	{ "smtp-set", "URL FROM [USER] [--sin-tls]", "where mail goes (password on stdin)",
	    cmd_smtp_set, 0 },
	{ "mail-send", "", "deliver the mail that is due, once", cmd_mail_send, 0 },
	{ "avisos", "", "queue the keys' expiry warnings that are due (cron)", cmd_avisos, 0 },
	{ "mipres-token", "NIT [REGIMEN]", "a new MIPRES user token for the entity (EPS: "
	    "REGIMEN\ncontributivo or subsidiado); prints it", mipres_comando_token, 0 },
	{ "probar-conexion", "[KEY=VALUE ...]", "test an OAuth 2.0 token URL and a web "
	    "service;\nwith no arguments (or \"-\") KEY=VALUE lines on stdin",
	    sat_comando_test_conexion, 0 },
	{ "backup", "FILE", "a consistent copy of the database to FILE (new),\nwhile the "
	    "portal serves; never the secrets key", cmd_backup, 0 },
	{ "restore", "FILE", "fill an empty VAR from backup FILE", cmd_restore, 1 },
	{ "audit-verify", "", "walk the audit chain; names the first row changed,\nremoved or "
	    "inserted (exit status 1)", cmd_audit_verify, 0 },
	{ "retencion", "", "apply the retention policy now (PORTAL_RETENCION_*)",
	    retencion_comando, 0 },
};

int
main(int argc, char **argv)
{
	db_funciones(funciones_sql, NELEM(funciones_sql));
	return comando_main("portal", comandos, NELEM(comandos), argc, argv);
}
