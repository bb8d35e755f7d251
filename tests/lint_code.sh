#!/bin/sh
# Fails for any source file of cgi/ outside cgi/core/db*.c and db*.h that names SQLite's API
# (sqlite3_..., SQLITE_..., <sqlite3.h>) or includes core/db_sqlite.h: the features read and
# write through cgi/core/db.h's seam, where issue 14 adds a second engine (PostgreSQL).
# And for any file outside cgi/core/ that sets the CSRF field itself: cgi/core/http.c gives
# every page its token once (resp_render).
cd "$(dirname "$0")/../cgi"
rc=0
for f in *.c */*.c */*.h */*.cc; do
	case $f in
	core/db*) continue ;;
	esac
	bad=$(grep -n 'sqlite3\|SQLITE_\|core/db_sqlite\.h' "$f" | cut -d: -f1 | tr '\n' ' ')
	csrf=$(case $f in core/*) ;; *) grep -n '"CSRF"' "$f" | cut -d: -f1 | tr '\n' ' ' ;; esac)
	if [ -n "$bad" ]; then
		echo "not ok $f: names SQLite (lines $bad); use cgi/core/db.h's seam"
		rc=1
	elif [ -n "$csrf" ]; then
		echo "not ok $f: sets the CSRF field (lines $csrf); resp_render sets it for every page"
		rc=1
	else
		echo "ok $f"
	fi
done
exit $rc
