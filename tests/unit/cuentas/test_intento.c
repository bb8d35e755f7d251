/*
 * Failed logins (cgi/cuentas/intento.c) on a real database: the three counts a reservation checks
 * and raises together, giving an attempt back, a success, the window, the hard lock, and
 * the bound on the rows of logins without an account.
 */
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/db_sqlite.h"
#include "cuentas/cuentas.h"
#include "support.h"

/* A request from address ip at time now. */
static void
req_at(struct req *r, struct arena *a, const char *ip, long long now)
{
	req_init(r, a);
	r->ip = ip;
	r->now = now;
}

/* One integer from SQL. */
static long long
q(const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	assert_int_equal(sqlite3_prepare_v2(db_handle(), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Five reservations of a login from one address lock that pair only: the same login from
 * another address, and another login from the first, still reserve. The key ignores case;
 * the typed form is kept. */
static void
test_pair_lock(void **state)
{
	struct req a, b;
	int i;

	req_at(&a, ARENA(state), "10.0.0.1", 100000);
	req_at(&b, ARENA(state), "10.0.0.2", 100000);
	for (i = 0; i < INTENTO_PAR_MAX; i++)
		assert_int_equal(cuentas_intento_reserve(&a, INTENTO_LOGIN, i % 2 ? "CC1" : "cc1"), INTENTO_OK);
	assert_int_equal(cuentas_intento_reserve(&a, INTENTO_LOGIN, "Cc1"), INTENTO_PAR);
	assert_int_equal(cuentas_intento_estado(&a, INTENTO_LOGIN, "CC1"), INTENTO_PAR);
	assert_int_equal(cuentas_intento_reserve(&b, INTENTO_LOGIN, "CC1"), INTENTO_OK);
	assert_int_equal(cuentas_intento_reserve(&a, INTENTO_LOGIN, "CC2"), INTENTO_OK);
	/* The AP's usernames are counted apart from the logins. */
	assert_int_equal(cuentas_intento_reserve(&a, INTENTO_AP, "cc1"), INTENTO_OK);
	assert_int_equal(q("SELECT fallos FROM intento WHERE tipo = 'login' AND clave = 'cc1' AND "
	    "ip = '10.0.0.1'"), INTENTO_PAR_MAX);
	/* As typed at the last failure counted (the refused "Cc1" wrote nothing). */
	assert_int_equal(q("SELECT count(*) FROM intento WHERE tipo = 'login' AND login = 'cc1' AND "
	    "ip = '10.0.0.1'"), 1);
	assert_int_equal(q("SELECT fallos FROM intento_seguido WHERE tipo = 'login' AND "
	    "clave = 'cc1'"), INTENTO_PAR_MAX + 1);
	/* A window later the pair is free again. */
	a.now += INTENTO_VENTANA + 1;
	assert_int_equal(cuentas_intento_reserve(&a, INTENTO_LOGIN, "CC1"), INTENTO_OK);
	assert_int_equal(q("SELECT fallos FROM intento WHERE tipo = 'login' AND clave = 'cc1' AND "
	    "ip = '10.0.0.1'"), 1);
}

/* An address's 20 reservations lock every login from it. */
static void
test_address_lock(void **state)
{
	struct req r;
	char login[16];
	int i;

	req_at(&r, ARENA(state), "10.0.0.3", 100000);
	for (i = 0; i < INTENTO_DIRECCION_MAX; i++) {
		snprintf(login, sizeof(login), "CC%d", 100 + i);
		assert_int_equal(cuentas_intento_reserve(&r, INTENTO_LOGIN, login), INTENTO_OK);
	}
	assert_int_equal(cuentas_intento_reserve(&r, INTENTO_LOGIN, "CC999"), INTENTO_DIRECCION);
	/* Giving one back (a right password) frees a place. */
	assert_int_equal(cuentas_intento_give_back(&r, INTENTO_LOGIN, "CC100"), 0);
	assert_int_equal(cuentas_intento_reserve(&r, INTENTO_LOGIN, "CC999"), INTENTO_OK);
}

/* 100 consecutive failures from any addresses lock the login for good; giving back undoes
 * one, a success clears the login's count and pair and gives the address its attempt. */
static void
test_consecutive_and_success(void **state)
{
	struct req r;
	char ip[32];
	int i;

	for (i = 0; i < INTENTO_SEGUIDOS_MAX; i++) {
		snprintf(ip, sizeof(ip), "10.1.%d.%d", i / 4, i % 4);
		req_at(&r, ARENA(state), arena_strndup(ARENA(state), ip, strlen(ip)), 100000 + i);
		assert_int_equal(cuentas_intento_reserve(&r, INTENTO_LOGIN, "CC5"), INTENTO_OK);
	}
	req_at(&r, ARENA(state), "10.2.0.1", 200000 + 10 * INTENTO_VENTANA);
	assert_int_equal(cuentas_intento_reserve(&r, INTENTO_LOGIN, "CC5"), INTENTO_RETENIDO);
	assert_int_equal(q("SELECT fallos FROM intento_seguido WHERE clave = 'cc5'"), 100);
	assert_int_equal(q("DELETE FROM intento_seguido WHERE clave = 'cc5' RETURNING 1"), 1);

	req_at(&r, ARENA(state), "10.2.0.2", 300000);
	assert_int_equal(cuentas_intento_reserve(&r, INTENTO_LOGIN, "CC6"), INTENTO_OK);
	assert_int_equal(cuentas_intento_reserve(&r, INTENTO_LOGIN, "CC6"), INTENTO_OK);
	assert_int_equal(cuentas_intento_give_back(&r, INTENTO_LOGIN, "CC6"), 0);
	assert_int_equal(q("SELECT fallos FROM intento WHERE clave = 'cc6'"), 1);
	assert_int_equal(q("SELECT fallos FROM intento_seguido WHERE clave = 'cc6'"), 1);
	assert_int_equal(q("SELECT fallos FROM intento WHERE clave = '' AND ip = '10.2.0.2'"), 1);
	assert_int_equal(cuentas_intento_reserve(&r, INTENTO_LOGIN, "CC6"), INTENTO_OK);
	assert_int_equal(cuentas_intento_exito(&r, INTENTO_LOGIN, "CC6"), 0);
	assert_int_equal(q("SELECT count(*) FROM intento WHERE clave = 'cc6'"), 0);
	assert_int_equal(q("SELECT count(*) FROM intento_seguido WHERE clave = 'cc6'"), 0);
	assert_int_equal(q("SELECT fallos FROM intento WHERE clave = '' AND ip = '10.2.0.2'"), 1);
}

/* Rows of past windows go; of the logins without an account only the most recent
 * INTENTO_SIN_CUENTA_MAX consecutive counts stay. */
static void
test_bounded_rows(void **state)
{
	struct req r;

	assert_int_equal(sqlite3_exec(db_handle(), "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
	    "SELECT i + 1 FROM n WHERE i < 10000) INSERT INTO intento_seguido SELECT 'login', "
	    "'x' || i, 'X' || i, 1, i, 0 FROM n; INSERT INTO intento VALUES ('login', 'viejo', "
	    "'10.9.9.9', 'VIEJO', 4, 1)", NULL, NULL, NULL), SQLITE_OK);
	req_at(&r, ARENA(state), "10.3.0.1", 500000);
	assert_int_equal(cuentas_intento_reserve(&r, INTENTO_LOGIN, "nadie"), INTENTO_OK);
	assert_int_equal(q("SELECT count(*) FROM intento_seguido WHERE cuenta = 0"),
	    INTENTO_SIN_CUENTA_MAX);
	assert_int_equal(q("SELECT count(*) FROM intento_seguido WHERE clave = 'x1'"), 0);
	assert_int_equal(q("SELECT count(*) FROM intento_seguido WHERE clave = 'nadie'"), 1);
	assert_int_equal(q("SELECT count(*) FROM intento WHERE clave = 'viejo'"), 0);
	/* Another failure of a login already counted adds no row. */
	assert_int_equal(cuentas_intento_reserve(&r, INTENTO_LOGIN, "nadie"), INTENTO_OK);
	assert_int_equal(q("SELECT count(*) FROM intento_seguido WHERE clave = 'x2'"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pair_lock, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_address_lock, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_consecutive_and_success, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_bounded_rows, db_setup, db_teardown),
	};

	return cmocka_run_group_tests_name("intento", tests, NULL, NULL);
}
