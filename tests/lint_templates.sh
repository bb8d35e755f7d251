#!/bin/sh
# Fails for any template whose first line is not {{%AUTOESCAPE context="HTML"}}:
# ctemplate's auto-escaping is per file and includes do not inherit it.
# And for any box that scrolls wide data (class="table-wrap") without what lets the
# keyboard reach it and a screen reader name it: tabindex="0", role="region", aria-label
# (WCAG 2.1.1; tests/browser/accesibilidad.test.js finds the same, slower, in the pages).
cd "$(dirname "$0")/../templates"
rc=0
for t in *.tpl */*.tpl; do
	if [ "$(head -n 1 "$t")" = '{{%AUTOESCAPE context="HTML"}}' ]; then
		echo "ok $t"
	else
		echo "not ok $t: first line must be {{%AUTOESCAPE context=\"HTML\"}}"
		rc=1
	fi
	bad=$(grep -n 'class="table-wrap' "$t" | grep -v 'tabindex="0"' ; \
	    grep -n 'class="table-wrap' "$t" | grep -v 'role="region"' ; \
	    grep -n 'class="table-wrap' "$t" | grep -v 'aria-label="[^"]')
	if [ -n "$bad" ]; then
		echo "not ok $t: a table-wrap needs tabindex=\"0\" role=\"region\" aria-label: $(echo "$bad" | cut -d: -f1 | sort -u | tr '\n' ' ')"
		rc=1
	fi
done
exit $rc
