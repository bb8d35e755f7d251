#!/bin/sh
# The include rules of cgi/ (issue 13 §2; README, Architecture), one "ok"/"not ok" line each:
#  - core names no feature: a file in cgi/core/ includes only "core/..." headers;
#  - one public header per feature: a file in cgi/<feature>/ includes core headers, its own
#    folder's, and of another feature only its public header "<other>/<other>.h";
#  - the demo program's code (cgi/tools/, built into portal-demo only) is included by no one
#    but itself; it may include any header, as the unit tests do.
#  - cgi/main.c (the tables of start-up, periodic jobs and commands) calls the features
#    through their public headers too.
# cgi/routes.c may include any header. Exit status 1 on a breach.
cd "$(dirname "$0")/../cgi"
rc=0

# Prints "file:line:folder/name.h" for each quoted include with a folder in files $@.
includes() {
	grep -Hn '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$@" /dev/null |
	    sed -n 's|^\([^:]*\):\([0-9]*\):.*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*|\1:\2:\3|p'
}

# $1 the rule's name, then the breaches (one a line, or none): "ok" or "not ok" with them.
report() {
	name=$1
	shift
	if [ -z "$*" ]; then
		echo "ok includes: $name"
	else
		echo "not ok includes: $name:"
		printf '%s\n' "$*" | sed 's/^/#   cgi\//'
		rc=1
	fi
}

bad=$(includes core/*.c core/*.h core/*.cc | awk -F: '$3 !~ /^core\//')
report "cgi/core/ includes only core headers" "$bad"

for dir in */; do
	f=${dir%/}
	case $f in core|tools) continue ;; esac
	bad=$(includes "$f"/*.c "$f"/*.h | awk -F: -v f="$f" '{
		n = split($3, p, "/")
		if (n != 2 || p[1] == "core" || p[1] == f)
			next
		if (p[1] == "tools" || p[2] != p[1] ".h")
			print
	}')
	report "cgi/$f/ includes another feature only through its public header" "$bad"
done

bad=$(includes main.c routes.c | awk -F: '$3 ~ /^tools\//')
report "the production program includes nothing of cgi/tools/" "$bad"

bad=$(includes main.c | awk -F: '{
	n = split($3, p, "/")
	if (n == 2 && p[1] != "core" && p[2] != p[1] ".h")
		print
}')
report "cgi/main.c includes a feature only through its public header" "$bad"
exit $rc
