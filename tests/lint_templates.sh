#!/bin/sh
# Fails for any template whose first line is not {{%AUTOESCAPE context="HTML"}}:
# ctemplate's auto-escaping is per file and includes do not inherit it.
cd "$(dirname "$0")/../templates"
rc=0
for t in *.tpl; do
	if [ "$(head -n 1 "$t")" = '{{%AUTOESCAPE context="HTML"}}' ]; then
		echo "ok $t"
	else
		echo "not ok $t: first line must be {{%AUTOESCAPE context=\"HTML\"}}"
		rc=1
	fi
done
exit $rc
