#!/bin/sh
# Runs each file of tests/e2e/pg_pendientes.txt alone on PostgreSQL and names those that pass
# now (take them off the list). Not part of make test: a failing file can take minutes.
# Needs a build (make all). Exits 1 when some listed file passes.
cd "$(dirname "$0")/../.."
out=tests/out
mkdir -p "$out"
sh tests/lib/pg_e2e.sh stop > /dev/null 2>&1
url=$(sh tests/lib/pg_e2e.sh start) || exit 2
trap 'sh tests/lib/pg_e2e.sh stop > /dev/null 2>&1' EXIT
pasan=0
: > "$out/e2e-pg.pendientes.log"
for t in $(grep -v '^#' tests/e2e/pg_pendientes.txt | cut -f1 | grep .); do
	echo "# $t" >> "$out/e2e-pg.pendientes.log"
	if PORTAL_TEST_DB=postgresql PORTAL_TEST_PG_URL=$url node --test \
	    --test-reporter=tap "$t" >> "$out/e2e-pg.pendientes.log" 2>&1; then
		echo "passes on PostgreSQL: $t (take it off tests/e2e/pg_pendientes.txt)"
		pasan=$((pasan + 1))
	else
		echo "still fails: $t"
	fi
done
[ "$pasan" = 0 ]
