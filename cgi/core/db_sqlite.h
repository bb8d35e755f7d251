/*
 * The SQLite engine behind cgi/core/db.h, for cgi/core/db*.c and the unit tests only: the
 * features go through db.h's seam (tests/lint_code.sh checks that no other file names
 * SQLite's API).
 */
#ifndef DB_SQLITE_H
#define DB_SQLITE_H
#include <sqlite3.h>

/* The worker's connection (db_open), or NULL. */
sqlite3 *db_handle(void);
#endif
