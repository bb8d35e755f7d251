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
/* Whether db_lectura's read transaction is open. */
int db_in_lectura(void);
/* Ends db_lectura's read transaction before statement st, unless st only reads: called by
 * db_step before a statement's first step. */
void db_leave_lectura(sqlite3_stmt *st);
#endif
