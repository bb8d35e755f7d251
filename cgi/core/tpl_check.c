#include <stdio.h>
#include <string.h>

#include "core/tpl_check.h"

#define DEPTH 64

struct open {
	char	name[64];
	int	line;
};

/* Counts the newlines in [from, to). */
static int
lines_in(const char *from, const char *to)
{
	int n = 0;

	for (; from < to; from++)
		n += *from == '\n';
	return n;
}

int
tpl_check(const char *text, char *msg, size_t msglen)
{
	struct open stack[DEPTH];
	const char *p = text, *o, *c;
	int depth = 0, line = 1;
	size_t n;

	while ((o = strstr(p, "{{")) != NULL) {
		line += lines_in(p, o);
		if ((c = strstr(o + 2, "}}")) == NULL) {
			snprintf(msg, msglen, "«{{» without a closing «}}»");
			return line;
		}
		n = (size_t)(c - o - 3);
		if ((o[2] == '#' || o[2] == '/') && n >= sizeof(stack[0].name)) {
			snprintf(msg, msglen, "section name too long");
			return line;
		}
		if (o[2] == '#') {
			if (depth == DEPTH) {
				snprintf(msg, msglen, "sections nested too deep");
				return line;
			}
			memcpy(stack[depth].name, o + 3, n);
			stack[depth].name[n] = '\0';
			stack[depth++].line = line;
		} else if (o[2] == '/') {
			if (depth == 0 || strlen(stack[depth - 1].name) != n ||
			    strncmp(stack[depth - 1].name, o + 3, n) != 0) {
				snprintf(msg, msglen, "{{/%.*s}} closes a section that is not open%s%s",
				    (int)n, o + 3, depth ? "; open is " : "",
				    depth ? stack[depth - 1].name : "");
				return line;
			}
			depth--;
		}
		line += lines_in(o, c);
		p = c + 2;
	}
	if (depth > 0) {
		snprintf(msg, msglen, "section {{#%s}} is never closed", stack[depth - 1].name);
		return stack[depth - 1].line;
	}
	return 0;
}
