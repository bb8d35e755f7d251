/*
 * The audit chain (cgi/core/cadena.c) and the retention's dates (cgi/admin/retencion.c) on a fresh
 * database: consecutive ids and macs from the insert, the walk's verdicts, the anchor's
 * move and what the database then lets delete, another key.
 */
#include <string.h>

#include <sodium.h>

#include "core/cadena.h"
#include "core/db.h"
#include "core/db_sqlite.h"
#include "admin/retencion.h"
#include "core/secret.h"
#include "support.h"

/* Appends one audit row the way every caller does. */
static void
fila(long long ts, const char *accion, const char *detalle)
{
	assert_int_equal(db_exec(ST_AUDIT_INSERT, "iittittt", ts, 7LL, "CC1010202030",
	    "Rol_IHCE_MSPS", 3LL, "127.0.0.1", accion, detalle), 0);
}

/* Runs SQL straight on the connection, as someone with the file would. */
static int
sql(const char *q)
{
	return sqlite3_exec(db_handle(), q, NULL, NULL, NULL);
}

static long long
entero(const char *q)
{
	sqlite3_stmt *st;
	long long v = -1;

	assert_int_equal(sqlite3_prepare_v2(db_handle(), q, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The insert numbers rows 1, 2, 3 and chains them; the walk agrees. A NULL field and an
 * empty one are different rows. */
static void
test_insert_chains(void **state)
{
	struct cadena_informe inf;

	(void)state;
	fila(100, "login", "uno");
	fila(101, "login", NULL);
	fila(102, "login", "");
	assert_int_equal(entero("SELECT group_concat(id) = '1,2,3' FROM auditoria"), 1);
	assert_int_equal(entero("SELECT count(*) FROM auditoria WHERE length(mac) = 32"), 3);
	assert_int_equal(entero("SELECT count(DISTINCT mac) FROM auditoria"), 3);
	assert_int_equal(cadena_verify(&inf), 0);
	assert_int_equal(inf.estado, CADENA_OK);
	assert_int_equal(inf.filas, 3);
	assert_int_equal(inf.ultima, 3);
	assert_int_equal(inf.ancla, 0);
	/* NULL -> '' is a change. */
	assert_int_equal(sql("DROP TRIGGER auditoria_no_update; "
	    "UPDATE auditoria SET detalle = '' WHERE id = 2"), SQLITE_OK);
	assert_int_equal(cadena_verify(&inf), 1);
	assert_int_equal(inf.estado, CADENA_MODIFICADA);
	assert_int_equal(inf.fila, 2);
	assert_int_equal(inf.filas, 1);
}

/* A gap in the ids is a removed row; a row without mac an inserted one. */
static void
test_removed_and_inserted(void **state)
{
	struct cadena_informe inf;
	int i;

	(void)state;
	for (i = 0; i < 5; i++)
		fila(200 + i, "x", "y");
	assert_int_equal(sql("INSERT INTO auditoria(ts, accion) VALUES (1, 'falsa')"), SQLITE_OK);
	assert_int_equal(cadena_verify(&inf), 1);
	assert_int_equal(inf.estado, CADENA_INSERTADA);
	assert_int_equal(inf.fila, 6);
	/* The portal keeps recording after it. */
	fila(300, "despues", "z");
	assert_int_equal(entero("SELECT max(id) FROM auditoria"), 7);
	assert_int_equal(sql("DROP TRIGGER auditoria_no_delete; DELETE FROM auditoria WHERE id = 3"),
	    SQLITE_OK);
	assert_int_equal(cadena_verify(&inf), 1);
	assert_int_equal(inf.estado, CADENA_BORRADA);
	assert_int_equal(inf.fila, 3);
}

/* The anchor moves forward only; rows up to it, and only those, can be deleted; the
 * chain then starts from it. */
static void
test_anchor(void **state)
{
	struct cadena_informe inf;
	int i;

	(void)state;
	for (i = 0; i < 6; i++)
		fila(400 + i, "x", "y");
	assert_int_not_equal(sql("DELETE FROM auditoria WHERE id = 1"), SQLITE_OK);
	assert_int_equal(db_begin(), 0);
	assert_int_equal(cadena_anchor(4, 500), 0);
	assert_int_equal(db_exec(ST_AUDITORIA_PODAR, "i", 4LL), 0);
	assert_int_equal(db_commit(), 0);
	assert_int_equal(entero("SELECT min(id) FROM auditoria"), 5);
	assert_int_not_equal(sql("DELETE FROM auditoria WHERE id = 5"), SQLITE_OK);
	assert_int_not_equal(sql("UPDATE auditoria_ancla SET hasta = 2"), SQLITE_OK);
	/* Not backwards, and not to a row that does not exist. */
	assert_int_equal(db_begin(), 0);
	quiet(1);
	assert_int_equal(cadena_anchor(3, 501), -1);
	quiet(0);
	db_rollback();
	assert_int_equal(cadena_verify(&inf), 0);
	assert_int_equal(inf.ancla, 4);
	assert_int_equal(inf.filas, 2);
	/* A new row chains from the last; with every row gone, from the anchor. */
	assert_int_equal(db_begin(), 0);
	assert_int_equal(cadena_anchor(6, 502), 0);
	assert_int_equal(db_exec(ST_AUDITORIA_PODAR, "i", 6LL), 0);
	assert_int_equal(db_commit(), 0);
	fila(600, "tras", "vaciar");
	assert_int_equal(entero("SELECT id FROM auditoria"), 7);
	assert_int_equal(cadena_verify(&inf), 0);
	assert_int_equal(inf.filas, 1);
}

/* Another key: neither the anchor nor any row verifies. */
static void
test_other_key(void **state)
{
	unsigned char k[SECRET_KEYLEN];
	struct cadena_informe inf;

	(void)state;
	fila(700, "x", "y");
	randombytes_buf(k, sizeof(k));
	secret_setkey(k);
	assert_int_equal(cadena_verify(&inf), 1);
	assert_int_equal(inf.estado, CADENA_ANCLA);
}

/* Calendar years in Colombia: 2026-03-01 00:00 minus 1 is 2025-03-01 00:00, and a 29
 * February becomes 1 March. */
static void
test_anios_antes(void **state)
{
	(void)state;
	assert_int_equal(retencion_anios_antes(1772341200LL, 1), 1740805200LL);
	assert_int_equal(retencion_anios_antes(1709186400LL, 1), 1677650400LL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_insert_chains, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_removed_and_inserted, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_anchor, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_other_key, db_setup, db_teardown),
		cmocka_unit_test(test_anios_antes),
	};

	return cmocka_run_group_tests_name("cadena", tests, NULL, NULL);
}
