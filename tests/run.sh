#!/bin/sh
# make test: every suite, then one summary line "N passed, M failed".
# A suite that dies without reporting its counts counts as one failure.
cd "$(dirname "$0")/.."
out=tests/out
mkdir -p "$out"
passed=0 failed=0
desde=$(date +%s) inicio=$desde

# Adds a suite's counts: $1 name, $2 passed, $3 failed, $4 exit status; prints them with
# the seconds the suite took (since the last tally) and the suite's total so far.
tally() {
	p=${2:-0} f=${3:-0}
	if [ "$4" != 0 ] && [ "$f" = 0 ]; then f=1; fi
	ahora=$(date +%s)
	printf '%-10s %s passed, %s failed (%s s; %s s in all)\n' "$1:" "$p" "$f" \
		$((ahora - desde)) $((ahora - inicio))
	desde=$ahora
	passed=$((passed + p)) failed=$((failed + f))
}

sum() { awk '{ s += $1 } END { print s + 0 }'; }

# Template lint: every template's first line is the AUTOESCAPE pragma. Include lint: the
# core names no feature, a feature reaches another only through its public header.
{ sh tests/lint_templates.sh; a=$?; sh tests/lint_includes.sh; b=$?; [ $a$b = 00 ]; } \
	> "$out/lint.log" 2>&1; rc=$?
cat "$out/lint.log"
tally lint "$(grep -c '^ok ' "$out/lint.log")" "$(grep -c '^not ok ' "$out/lint.log")" $rc

# Code lint: only cgi/core/db*.c names SQLite (the storage seam, cgi/core/db.h).
sh tests/lint_code.sh > "$out/lint_code.log" 2>&1; rc=$?
grep '^not ok ' "$out/lint_code.log"
tally lint-code "$(grep -c '^ok ' "$out/lint_code.log")" "$(grep -c '^not ok ' "$out/lint_code.log")" $rc

# Unit tests (cmocka), built with ASan and UBSan.
make -s -f tests/unit/unit.mk > "$out/unit.log" 2>&1; rc=$?
grep -E '^\[  (PASSED|FAILED)  \]|^\[  FAILED  \]|ERROR|error:' "$out/unit.log"
tally unit "$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out/unit.log" | sum)" \
	"$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out/unit.log" | sum)" $rc

# Fuzz targets (libFuzzer): a short run of each from its seeds, one line per target.
make -s -f tests/fuzz/fuzz.mk smoke > "$out/fuzz.log" 2>&1; rc=$?
grep -E '^(not )?ok |^#   |error' "$out/fuzz.log"
tally fuzz "$(grep -c '^ok ' "$out/fuzz.log")" "$(grep -c '^not ok ' "$out/fuzz.log")" $rc

# PostgreSQL (issue 14): a private cluster, its migrations against SQLite's schema, and
# every statement prepared on it (tests/pg/run.sh).
sh tests/pg/run.sh > "$out/pg.log" 2>&1; rc=$?
grep -E '^(not )?ok ' "$out/pg.log"
tally pg "$(grep -c '^ok ' "$out/pg.log")" "$(grep -c '^not ok ' "$out/pg.log")" $rc

# End-to-end tests through nginx (and the browser test, after e2e-pg below).
node_suite() {
	node --test --test-concurrency=1 --test-reporter=tap $(ls tests/$1/*.test.js tests/$1/*/*.test.js 2>/dev/null) \
		> "$out/$1.log" 2>&1; rc=$?
	grep -E '^not ok|^# (pass|fail)' "$out/$1.log"
	tally $1 "$(sed -n 's/^# pass \([0-9]*\)/\1/p' "$out/$1.log")" \
		"$(sed -n 's/^# fail \([0-9]*\)/\1/p' "$out/$1.log")" $rc
}
# The end-to-end files again, on PostgreSQL (issue 14): one private cluster for the run
# (tests/lib/pg_e2e.sh, under /tmp, made anew), a database per instance
# (tests/lib/portal.js, PORTAL_TEST_DB=postgresql). Left out, each with its reason:
# tests/e2e/solo_sqlite.txt (files about SQLite itself). Leaves its counts, "passed failed",
# in e2e-pg.cuenta and the lines to show in e2e-pg.resumen.
lista() { grep -v '^#' "$1" | cut -f1 | grep -v ' :: ' | grep .; }
e2e_pg() {
	sh tests/lib/pg_e2e.sh stop > /dev/null 2>&1
	rm -rf "$(sh tests/lib/pg_e2e.sh dir)"
	if url=$(sh tests/lib/pg_e2e.sh start 2> "$out/e2e-pg.log"); then
		lista tests/e2e/solo_sqlite.txt > "$out/e2e-pg.fuera"
		ls tests/e2e/*.test.js tests/e2e/*/*.test.js 2>/dev/null |
			grep -vxF -f "$out/e2e-pg.fuera" > "$out/e2e-pg.archivos"
		rc=0
		PORTAL_TEST_DB=postgresql PORTAL_TEST_PG_URL=$url \
			node --test --test-concurrency=1 --test-reporter=tap \
			$(cat "$out/e2e-pg.archivos") >> "$out/e2e-pg.log" 2>&1 || rc=$?
		p=$(sed -n 's/^# pass \([0-9]*\)/\1/p' "$out/e2e-pg.log")
		f=$(sed -n 's/^# fail \([0-9]*\)/\1/p' "$out/e2e-pg.log")
		[ "$rc" = 0 ] || [ "${f:-0}" != 0 ] || f=1
		{ grep -E '^not ok|^# (pass|fail)' "$out/e2e-pg.log"
		  echo "# left out: $(wc -l < "$out/e2e-pg.fuera") file(s) about SQLite itself" \
			"(tests/e2e/solo_sqlite.txt)"; } > "$out/e2e-pg.resumen"
		echo "${p:-0} ${f:-0}" > "$out/e2e-pg.cuenta"
	else
		cp "$out/e2e-pg.log" "$out/e2e-pg.resumen"
		echo "0 1" > "$out/e2e-pg.cuenta"
	fi
	sh tests/lib/pg_e2e.sh stop > /dev/null 2>&1
}

# Both end-to-end suites run side by side: most of their time is waiting (portals, nginx
# and clusters starting, the tests' own pauses), not CPU; one after the other they took
# 9.5 + 17 minutes of CI's 30 on a shared 2-core machine.
rm -f "$out/e2e-pg.cuenta"
e2e_pg &
e2e_pg_pid=$!
node_suite e2e
wait $e2e_pg_pid
cat "$out/e2e-pg.resumen" 2>/dev/null
read p f < "$out/e2e-pg.cuenta" 2>/dev/null || { p=0 f=1; }
tally e2e-pg "$p" "$f" 0

node_suite browser

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
