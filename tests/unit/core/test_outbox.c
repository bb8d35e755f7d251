/*
 * The outbox (cgi/core/outbox.c): a body and its attachments are stored sealed, bound to their
 * row (moved to another row they do not open), wiped when their link or code expires, and
 * the bodies queued in clear before 016_correo_sellado.sql are sealed at start-up.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/config.h"
#include "core/db.h"
#include "core/db_sqlite.h"
#include "core/outbox.h"
#include "core/secret.h"
#include "support.h"

#define TO	"delegado@clinica.example.co"
#define NOW	1700000000LL
#define LINK	"https://portal.example.co/clave/Zq3xY8w2LkP0aB7cD4eF6gH1iJ5kL9mN2oP4qR6sT8u"
#define BODY	"Para asignar su contraseña abra este enlace:\n" LINK "\n"
#define PNG	"\x89PNG\r\n\x1a\n\0\0\0\rIHDR-codigo-QR"

/* Runs SQL that returns nothing. */
static void
sql(const char *q)
{
	char *err = NULL;

	if (sqlite3_exec(db_handle(), q, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", q, err);
}

/* One integer from SQL. */
static long long
num(const char *q)
{
	sqlite3_stmt *st;
	long long v = -1;

	assert_int_equal(sqlite3_prepare_v2(db_handle(), q, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Opens message id's stored body as the mailer does; NULL when it does not open. */
static char *
abrir(void **state, long long id)
{
	sqlite3_stmt *st;
	char *out = NULL;

	assert_int_equal(sqlite3_prepare_v2(db_handle(), "SELECT cuerpo FROM correo WHERE id = ?",
	    -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		out = outbox_open(ARENA(state), id, sqlite3_column_blob(st, 0),
		    (size_t)sqlite3_column_bytes(st, 0));
	sqlite3_finalize(st);
	return out;
}

/* Opens attachment adj (of message id, as stored) for message correo_id; NULL when it
 * does not open. */
static void *
abrir_adjunto(void **state, long long adj, long long correo_id, size_t *n)
{
	sqlite3_stmt *st;
	void *out = NULL;

	assert_int_equal(sqlite3_prepare_v2(db_handle(), "SELECT datos FROM correo_adjunto "
	    "WHERE id = ?", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, adj);
	if (sqlite3_step(st) == SQLITE_ROW)
		out = outbox_adjunto_open(ARENA(state), correo_id, adj, sqlite3_column_blob(st, 0),
		    (size_t)sqlite3_column_bytes(st, 0), n);
	sqlite3_finalize(st);
	return out;
}

/* Whether the bytes of the database file or its WAL contain s. */
static int
in_files(const char *s)
{
	static const char *const sfx[] = { "", "-wal" };
	char path[4200], *buf;
	size_t i;
	long n;
	FILE *f;
	int found = 0;

	for (i = 0; i < 2 && !found; i++) {
		snprintf(path, sizeof(path), "%s%s", cfg.db, sfx[i]);
		if ((f = fopen(path, "rb")) == NULL)
			continue;
		assert_int_equal(fseek(f, 0, SEEK_END), 0);
		n = ftell(f);
		rewind(f);
		assert_non_null(buf = malloc((size_t)n + 1));
		assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
		found = memmem(buf, (size_t)n, s, strlen(s)) != NULL;
		free(buf);
		fclose(f);
	}
	return found;
}

/* The body is stored sealed: no link in clear in the row or the files, and it opens. */
static void
test_cuerpo_sellado(void **state)
{
	long long id;

	assert_int_equal(db_begin(), 0);
	id = outbox_add_secreto(TO, "Asunto", BODY, NOW, NOW + 86400);
	assert_true(id > 0);
	assert_int_equal(outbox_add(TO, "Aviso", "Sin enlace", NOW), 0);
	assert_int_equal(db_commit(), 0);
	assert_int_equal(num("SELECT count(*) FROM correo WHERE typeof(cuerpo) = 'blob'"), 2);
	assert_int_equal(num("SELECT count(*) FROM correo WHERE instr(cuerpo, 'clave/') > 0 "
	    "OR instr(cuerpo, 'Sin enlace') > 0"), 0);
	assert_int_equal(num("SELECT caduca FROM correo WHERE id = 1"), NOW + 86400);
	assert_int_equal(num("SELECT caduca IS NULL FROM correo WHERE id = 2"), 1);
	assert_false(in_files("Zq3xY8w2LkP0aB7cD4eF6gH1iJ5kL9mN2oP4qR6sT8u"));
	assert_string_equal(abrir(state, id), BODY);
	assert_string_equal(abrir(state, 2), "Sin enlace");
}

/* A sealed body or attachment copied to another message's row does not open there. */
static void
test_movido_no_abre(void **state)
{
	size_t n = 0;
	void *p;

	assert_int_equal(db_begin(), 0);
	assert_true(outbox_add_secreto(TO, "Uno", BODY, NOW, NOW + 60) == 1);
	assert_true(outbox_add_secreto(TO, "Dos", "Otro cuerpo", NOW, NOW + 60) == 2);
	assert_int_equal(outbox_adjunto(1, "qr@portal", "activacion.png", "image/png", PNG,
	    sizeof(PNG) - 1), 0);
	assert_int_equal(db_commit(), 0);
	p = abrir_adjunto(state, 1, 1, &n);
	assert_non_null(p);
	assert_int_equal(n, sizeof(PNG) - 1);
	assert_memory_equal(p, PNG, n);

	/* Message 1's body in row 2: it does not open, nor does 2's own any more. */
	sql("UPDATE correo SET cuerpo = (SELECT cuerpo FROM correo WHERE id = 1) WHERE id = 2");
	assert_null(abrir(state, 2));
	assert_string_equal(abrir(state, 1), BODY);
	/* The attachment moved to message 2 does not open for it. */
	sql("UPDATE correo_adjunto SET correo_id = 2 WHERE id = 1");
	assert_null(abrir_adjunto(state, 1, 2, &n));
}

/* The body of an undelivered message goes when its link expires: a pending one is given
 * up saying why, a failed one keeps its state; attachments go with the body; a message
 * without a link, or not yet expired, keeps its body. */
static void
test_limpiar_caducados(void **state)
{
	(void)state;
	assert_int_equal(db_begin(), 0);
	assert_true(outbox_add_secreto(TO, "Pendiente", BODY, NOW, NOW + 100) == 1);
	assert_true(outbox_add_secreto(TO, "Fallido", BODY, NOW, NOW + 100) == 2);
	assert_true(outbox_add_secreto(TO, "Luego", BODY, NOW, NOW + 101) == 3);
	assert_int_equal(outbox_add(TO, "Aviso", "Sin enlace", NOW), 0);
	assert_int_equal(outbox_adjunto(1, "qr@portal", "activacion.png", "image/png", PNG,
	    sizeof(PNG) - 1), 0);
	assert_int_equal(outbox_adjunto(3, "qr@portal", "activacion.png", "image/png", PNG,
	    sizeof(PNG) - 1), 0);
	assert_int_equal(db_commit(), 0);
	sql("UPDATE correo SET estado = 'fallido', intentos = 10, ultimo_error = 'Login denied' "
	    "WHERE id = 2");

	assert_int_equal(outbox_clean(NOW + 99), 0);
	assert_int_equal(num("SELECT count(*) FROM correo WHERE cuerpo IS NULL"), 0);
	assert_int_equal(outbox_clean(NOW + 100), 2);
	assert_int_equal(num("SELECT count(*) FROM correo WHERE cuerpo IS NULL"), 2);
	assert_int_equal(num("SELECT count(*) FROM correo WHERE id IN (1, 2) AND cuerpo IS NULL "
	    "AND estado = 'fallido'"), 2);
	assert_int_equal(num("SELECT ultimo_error LIKE 'El enlace o código del mensaje venció%' "
	    "FROM correo WHERE id = 1"), 1);
	assert_int_equal(num("SELECT ultimo_error LIKE 'Login denied. El enlace%' FROM correo "
	    "WHERE id = 2"), 1);
	assert_int_equal(num("SELECT group_concat(correo_id) FROM correo_adjunto"), 3);
	/* The metadata stays. */
	assert_int_equal(num("SELECT count(*) FROM correo WHERE para = '" TO "' AND creado = "
	    "1700000000"), 4);
	/* Nothing more to do, until the next one expires. */
	assert_int_equal(outbox_clean(NOW + 100), 0);
	assert_int_equal(outbox_clean(NOW + 101), 1);
	assert_int_equal(num("SELECT count(*) FROM correo_adjunto"), 0);
	assert_int_equal(num("SELECT cuerpo IS NOT NULL FROM correo WHERE id = 4"), 1);
}

/* Links db/migrations files numbered below 16 into dir/mig. */
static void
migraciones_previas(const char *dir, char *out, size_t n)
{
	char src[4200], dst[4200];
	struct dirent *de;
	DIR *d;

	snprintf(out, n, "%s/mig", dir);
	assert_int_equal(mkdir(out, 0700), 0);
	assert_non_null(d = opendir(cfg.mig));
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] < '0' || de->d_name[0] > '9' || atoi(de->d_name) >= 16)
			continue;
		snprintf(src, sizeof(src), "%s/%s", cfg.mig, de->d_name);
		snprintf(dst, sizeof(dst), "%s/%s", out, de->d_name);
		assert_int_equal(symlink(src, dst), 0);
	}
	closedir(d);
}

/* Removes dir/mig and its links. */
static void
borrar_migraciones(const char *mig)
{
	char path[4200];
	struct dirent *de;
	DIR *d = opendir(mig);

	while (d != NULL && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", mig, de->d_name);
		unlink(path);
	}
	if (d != NULL)
		closedir(d);
	rmdir(mig);
}

/*
 * A database from before the outbox was sealed: 016 wipes the delivered bodies and their
 * attachments, gives the password links and activation codes their expiry, and
 * outbox_seal_legado seals the rest (bodies and attachments), leaving no clear text in
 * the files.
 */
static void
test_legado(void **state)
{
	struct fixture *f = *state;
	char mig[4200];
	size_t n;
	void *p;

	/* db_setup migrated everything: start again from an empty database. */
	db_close();
	snprintf(mig, sizeof(mig), "%s/portal.db", f->dir);
	unlink(mig);
	assert_int_equal(db_open(cfg.db), 0);
	migraciones_previas(f->dir, mig, sizeof(mig));
	quiet(1);
	assert_int_equal(db_migrate(mig), 0);
	quiet(0);
	borrar_migraciones(mig);
	sql("INSERT INTO correo(id, para, asunto, cuerpo, creado, estado) VALUES "
	    "(1, 'a@x.co', 'Restablecer', 'Abra: https://h/clave/LEGADOPENDIENTEabc\n', 1000, "
	    "'pendiente'), "
	    "(2, 'b@x.co', 'Llaves', 'https://h/ihce/activar?codigo=LEGADOACTIVA1', 2000, "
	    "'fallido'), "
	    "(3, 'c@x.co', 'Aviso', 'LEGADOAVISO sin enlace', 3000, 'pendiente'), "
	    "(4, 'd@x.co', 'Restablecer', 'https://h/clave/LEGADOENVIADOxyz', 4000, 'enviado'), "
	    "(5, 'e@x.co', 'Largo', 'LEGADOLARGO ' || printf('%.*c', 9000, 'x'), 5000, "
	    "'pendiente'), "
	    "(6, 'f@x.co', 'Largo', 'LEGADOLARGOENVIADO ' || printf('%.*c', 9000, 'x'), 6000, "
	    "'enviado')");
	sql("INSERT INTO correo_adjunto(id, correo_id, cid, nombre, tipo, datos) VALUES "
	    "(1, 2, 'qr', 'activacion.png', 'image/png', 'LEGADOQRPNG'), "
	    "(2, 4, 'qr', 'activacion.png', 'image/png', 'LEGADOQRENVIADO')");
	/* As in a database in use for a while: the clear text is in the file itself. */
	sql("PRAGMA wal_checkpoint(TRUNCATE)");
	assert_true(in_files("LEGADO"));

	quiet(1);
	assert_int_equal(db_migrate(cfg.mig), 0);
	assert_int_equal(outbox_seal_legado(), 4);
	quiet(0);
	assert_int_equal(num("SELECT caduca FROM correo WHERE id = 1"), 1000 + 86400);
	assert_int_equal(num("SELECT caduca FROM correo WHERE id = 2"), 2000 + 7 * 86400);
	assert_int_equal(num("SELECT count(*) FROM correo WHERE caduca IS NULL"), 4);
	assert_int_equal(num("SELECT count(*) FROM correo WHERE typeof(cuerpo) = 'blob'"), 4);
	assert_int_equal(num("SELECT count(*) FROM correo WHERE cuerpo IS NULL AND "
	    "estado = 'enviado' AND id IN (4, 6)"), 2);
	assert_int_equal(num("SELECT group_concat(id) FROM correo_adjunto"), 1);
	assert_string_equal(abrir(state, 1), "Abra: https://h/clave/LEGADOPENDIENTEabc\n");
	assert_string_equal(abrir(state, 3), "LEGADOAVISO sin enlace");
	p = abrir_adjunto(state, 1, 2, &n);
	assert_non_null(p);
	assert_int_equal(n, 11);
	assert_memory_equal(p, "LEGADOQRPNG", 11);
	/* No clear text left in the file or the WAL, delivered or sealed. */
	assert_false(in_files("LEGADO"));
	/* A second start finds nothing to do. */
	assert_int_equal(outbox_seal_legado(), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cuerpo_sellado, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_movido_no_abre, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_limpiar_caducados, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_legado, db_setup, db_teardown),
	};

	return cmocka_run_group_tests_name("outbox", tests, NULL, NULL);
}
