#!/bin/sh
# Fails for any source file of cgi/ outside cgi/core/db*.c and db*.h that names SQLite's API
# (sqlite3_..., SQLITE_..., <sqlite3.h>) or includes core/db_sqlite.h: the features read and
# write through cgi/core/db.h's seam, where issue 14 adds a second engine (PostgreSQL).
# And for any file outside cgi/core/ that sets the CSRF field itself: cgi/core/http.c gives
# every page its token once (resp_render).
# And for a function of cgi/ (defined, or declared at the start of a line) whose name has a
# Spanish infinitive segment (issue 13 §6, STYLE.md: English verbs, Spanish domain nouns:
# cadena_ensure, not cadena_asegurar): a segment ending in -ar/-er/-ir fails unless it is in
# NOT_VERBS, the English words and Spanish nouns of that shape.
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

NOT_VERBS='after air altar answer azar bar bchar bearer buffer caller car char clear cluster
counter dir driver either enter ever far filter folder handler header helper hogar holder
linear logger lower lugar mailer mar marker master member militar mujer never number order
other over owner pair par parser peer per pilar pointer polar popular poster power provider
reader register regular render scalar sender server similar super taller timer titular trigger
under upper user var water whether worker wrapper writer year'
awk -v ok="$NOT_VERBS" '
BEGIN { n = split(ok, w, /[ \t\n]+/); for (i = 1; i <= n; i++) allow[w[i]] = 1 }
match($0, /^([a-z_][a-z0-9_ ]*[ *])?[a-z_][a-z0-9_]*\(/) {
	name = substr($0, 1, RLENGTH - 1)
	sub(/.*[ *]/, "", name)
	if (seen[FILENAME, name]++)
		next
	k = split(name, seg, "_")
	for (i = 1; i <= k; i++)
		if (seg[i] ~ /^[a-z]+(ar|er|ir)$/ && !(seg[i] in allow)) {
			printf "not ok %s:%d: %s has a Spanish verb (%s): English verbs, Spanish nouns " \
			    "(STYLE.md; a noun or an English word of that shape goes in NOT_VERBS)\n",
			    FILENAME, FNR, name, seg[i]
			bad = 1
		}
}
END { if (!bad) print "ok function names: English verbs"; exit bad }' *.c */*.c */*.cc */*.h || rc=1
exit $rc
