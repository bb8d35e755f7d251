/*
 * portal: the FastCGI server and its operator commands.
 *
 *   portal [-r ROOT] [-v VAR] serve [-w WORKERS]
 *   portal [-r ROOT] [-v VAR] migrate
 *   portal [-r ROOT] [-v VAR] entidad-add NIT TIPO RAZON_SOCIAL [CODIGO_HABILITACION]
 *   portal [-r ROOT] [-v VAR] user-add LOGIN ROL NIT NOMBRE CORREO   (password on stdin)
 *   portal [-r ROOT] [-v VAR] seed-demo [SOLICITUDES]
 *   portal [-r ROOT] [-v VAR] outbox
 *   portal [-r ROOT] [-v VAR] smtp-set URL REMITENTE [USUARIO] [--sin-tls]  (password on stdin)
 *   portal [-r ROOT] [-v VAR] mail-send
 *   portal [-r ROOT] [-v VAR] avisos
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "avisos.h"
#include "config.h"
#include "db.h"
#include "demo.h"
#include "entidad.h"
#include "log.h"
#include "mailer.h"
#include "passwd.h"
#include "roles.h"
#include "secret.h"
#include "server.h"
#include "valid.h"

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

int
config_open_store(const struct config *c)
{
	mkdir(c->var, 0750);
	if (secret_init(c->key) < 0 || db_open(c->db) < 0)
		return -1;
	return db_migrate(c->mig);
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
	    "  user-add LOGIN ROL NIT NOMBRE CORREO   add a user with a role; password on stdin\n"
	    "  seed-demo [SOLICITUDES]                load the demo data (and SOLICITUDES more)\n"
	    "  outbox                                 list the queued mail\n"
	    "  smtp-set URL FROM [USER] [--sin-tls]   where mail goes (password on stdin)\n"
	    "  mail-send                              deliver the mail that is due, once\n"
	    "  avisos                                 queue the keys' expiry warnings that are "
	    "due (cron)\n");
	return 2;
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

static int
cmd_user_add(int argc, char **argv)
{
	char pw[257], mcf[PASSWD_MCF_LEN];
	long long ent, uid;

	if (argc != 6)
		return usage();
	if (role_bit(argv[2]) == 0 || !v_login(argv[1]) || !v_email(argv[5])) {
		fprintf(stderr, "rol desconocido, login o correo no válido\n");
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
	uid = db_usuario_insert(argv[1], argv[4], argv[5], NULL, NULL, mcf, (long long)time(NULL));
	if (uid <= 0 || db_rol_insert(uid, ent, argv[2]) <= 0) {
		fprintf(stderr, "no se pudo crear el usuario (¿login repetido?)\n");
		return 1;
	}
	printf("usuario %s creado con rol %s en la entidad %s\n", argv[1], argv[2], argv[3]);
	return 0;
}

static int
cmd_outbox(void)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(ST_CORREO_LIST, "")) == NULL)
		return 1;
	printf("id\tcreado (UTC)\testado\tintentos\tpara\tasunto\tultimo error\n");
	while (sqlite3_step(st) == SQLITE_ROW)
		printf("%lld\t%s\t%s\t%d\t%s\t%s\t%s\n", (long long)sqlite3_column_int64(st, 0),
		    sqlite3_column_text(st, 1), sqlite3_column_text(st, 2),
		    sqlite3_column_int(st, 3), sqlite3_column_text(st, 4),
		    sqlite3_column_text(st, 5), sqlite3_column_type(st, 6) == SQLITE_NULL ? "" :
		    (const char *)sqlite3_column_text(st, 6));
	sqlite3_reset(st);
	return 0;
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

int
main(int argc, char **argv)
{
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
	if (cfg.var == NULL) {
		static char var[4096];
		snprintf(var, sizeof(var), "%s/var", cfg.root);
		cfg.var = var;
	}
	config_paths(&cfg);
	if (config_open_store(&cfg) < 0)
		return 1;
	if (strcmp(argv[0], "serve") == 0) {
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
	else if (strcmp(argv[0], "smtp-set") == 0)
		rc = cmd_smtp_set(argc, argv);
	else if (strcmp(argv[0], "mail-send") == 0)
		rc = cmd_mail_send();
	else if (strcmp(argv[0], "avisos") == 0)
		rc = cmd_avisos();
	else
		rc = usage();
	db_close();
	return rc;
}
