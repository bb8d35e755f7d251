/*
 * The statement tables of the core and of each feature, the third piece of wiring with
 * main.c and routes.c: db_stmt() finds a statement's text in the one table that fills it
 * (cgi/core/sql.h; tests/unit/core/test_db.c checks there is exactly one).
 */
#include <stddef.h>

#include "core/sql.h"

extern const char *const core_sql[ST__MAX];
extern const char *const cuentas_sql[ST__MAX];
extern const char *const ihce_sql[ST__MAX];
extern const char *const sat_sql[ST__MAX];
extern const char *const ap_sql[ST__MAX];
extern const char *const mipres_sql[ST__MAX];
extern const char *const admin_sql[ST__MAX];

const char *const *const sql_tablas[] = {
	core_sql, cuentas_sql, ihce_sql, sat_sql, ap_sql, mipres_sql, admin_sql, NULL
};
