#!/bin/sh
# Fails for any source file of cgi/ outside cgi/core/db*.c and db*.h that names SQLite's API
# (sqlite3_..., SQLITE_..., <sqlite3.h>) or includes core/db_sqlite.h: the features read and
# write through cgi/core/db.h's seam, where issue 14 adds a second engine (PostgreSQL).
cd "$(dirname "$0")/../cgi"
rc=0
for f in *.c */*.c */*.h */*.cc; do
	case $f in
	core/db*) continue ;;
	esac
	bad=$(grep -n 'sqlite3\|SQLITE_\|core/db_sqlite\.h' "$f" | cut -d: -f1 | tr '\n' ' ')
	if [ -n "$bad" ]; then
		echo "not ok $f: names SQLite (lines $bad); use cgi/core/db.h's seam"
		rc=1
	else
		echo "ok $f"
	fi
done
exit $rc
