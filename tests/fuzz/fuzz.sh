#!/bin/sh
# Runs the fuzz targets built by tests/fuzz/fuzz.mk and prints one line per target:
#   ok fuzz_<t>: N executions in S s, 0 crashes
#   not ok fuzz_<t>: crash after N executions: <the input saved> (log: <file>)
# Usage: FZ=build/fuzz sh tests/fuzz/fuzz.sh smoke RUNS TARGET...   (fixed seed, RUNS each)
#        FZ=build/fuzz sh tests/fuzz/fuzz.sh run SECONDS TARGET...  (SECONDS each)
# The seeds in tests/fuzz/<t>/ are only read: new inputs go to $FZ/smoke/<t>/ (emptied
# each time) or $FZ/corpus/<t>/ (kept, so each `make fuzz` goes on from the last).
# Exits 1 when a target crashed, ran out of time (10 s on one input) or memory, or leaked.
cd "$(dirname "$0")/../.."
FZ=${FZ:-build/fuzz}
mode=$1 n=$2
shift 2
mkdir -p "$FZ/crashes"
failed=0
for t in "$@"; do
	if [ "$mode" = smoke ]; then
		rm -rf "$FZ/smoke/$t"
		dir=$FZ/smoke/$t
		set -- -runs="$n" -seed=1
	else
		dir=$FZ/corpus/$t
		set -- -max_total_time="$n"
	fi
	mkdir -p "$dir"
	[ -f "tests/fuzz/$t.dict" ] && set -- "$@" -dict="tests/fuzz/$t.dict"
	log=$FZ/$t.log
	start=$(date +%s)
	"$FZ/fuzz_$t" "$@" -timeout=10 -print_final_stats=1 -artifact_prefix="$FZ/crashes/$t-" \
		"$dir" "tests/fuzz/$t" > "$log" 2>&1
	rc=$?
	secs=$(($(date +%s) - start))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	if [ "$rc" = 0 ]; then
		echo "ok fuzz_$t: ${execs:-?} executions in $secs s, 0 crashes"
	else
		unit=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
		echo "not ok fuzz_$t: crash after ${execs:-?} executions: ${unit:-none saved} (log: $log)"
		grep -m 1 -E 'invariant failed|SUMMARY|ERROR: libFuzzer' "$log" | sed 's/^/#   /'
		failed=1
	fi
done
exit $failed
