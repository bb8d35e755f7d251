#include <string.h>

#include "core/csv.h"

/* The first characters a spreadsheet reads as the start of a formula. */
#define FORMULA	"=+-@\t\r"

void
csv_campo(struct buf *b, const char *s, int ultimo)
{
	const char *p;

	if (s == NULL)
		s = "";
	/* "," too: a reader set to split on it would cut the cell; quoted, it stays one cell
	 * with either separator. */
	if (strpbrk(s, ",;\"\r\n") != NULL || (s[0] != '\0' && strchr(FORMULA, s[0]) != NULL)) {
		buf_puts(b, "\"");
		if (s[0] != '\0' && strchr(FORMULA, s[0]) != NULL)
			buf_puts(b, "'");
		for (p = s; *p != '\0'; p++)
			buf_put(b, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1);
		buf_puts(b, "\"");
	} else
		buf_puts(b, s);
	buf_puts(b, ultimo ? "\r\n" : ";");
}

void
csv_inicio(struct buf *b)
{
	buf_puts(b, "\xEF\xBB\xBF");
}
