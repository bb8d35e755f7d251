/*
 * A CSV reader for uploads (RFC 4180 as spreadsheets write it): comma or semicolon as the
 * separator (Excel in Colombia saves with ';'), fields in double quotes with "" for a
 * quote and line breaks inside, CRLF or LF line ends, an optional UTF-8 byte order mark.
 */
#ifndef CSV_READER_H
#define CSV_READER_H
#include <stddef.h>

#include "core/arena.h"

#define CSV_MAX_COLS	64	/* fields in one record */

/* One record: its fields (unquoted fields without their surrounding blanks) and the
 * line of the file where it starts (1 for the first). */
struct csv_row {
	const char	**v;
	size_t		 n;
	size_t		 line;
};

struct csv {
	char		 sep;		/* ',' or ';' */
	struct csv_row	*rows;		/* rows[0] is the header */
	size_t		 n;
};

/*
 * Reads s[0..len) into out, in the arena. The separator is the one of ',' and ';' that
 * appears more often outside quotes in the first record (',' when neither does). Records
 * with every field empty (blank lines) are skipped. Refuses a NUL byte, more than max_rows
 * records or CSV_MAX_COLS fields, a quote left open, and text after a closing quote.
 * Returns NULL, or the Spanish reason (naming the line) the file was refused.
 */
const char *csv_read(struct arena *, const char *s, size_t len, size_t max_rows,
    struct csv *out);
#endif
