#!/bin/sh
# make test: every suite, then one summary line "N passed, M failed".
# A suite that dies without reporting its counts counts as one failure.
cd "$(dirname "$0")/.."
out=tests/out
mkdir -p "$out"
passed=0 failed=0

# Adds a suite's counts: $1 name, $2 passed, $3 failed, $4 exit status.
tally() {
	p=${2:-0} f=${3:-0}
	if [ "$4" != 0 ] && [ "$f" = 0 ]; then f=1; fi
	printf '%-10s %s passed, %s failed\n' "$1:" "$p" "$f"
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

# End-to-end tests through nginx, then the browser test.
for suite in e2e browser; do
	node --test --test-concurrency=1 --test-reporter=tap $(ls tests/$suite/*.test.js tests/$suite/*/*.test.js 2>/dev/null) \
		> "$out/$suite.log" 2>&1; rc=$?
	grep -E '^not ok|^# (pass|fail)' "$out/$suite.log"
	tally $suite "$(sed -n 's/^# pass \([0-9]*\)/\1/p' "$out/$suite.log")" \
		"$(sed -n 's/^# fail \([0-9]*\)/\1/p' "$out/$suite.log")" $rc
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
