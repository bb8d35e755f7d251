/* CSV cells for downloads that people open in a spreadsheet: RFC 4180 with ";" as the
 * separator and a UTF-8 BOM, as Excel in Colombia (es-CO) reads them into columns. */
#ifndef CSV_H
#define CSV_H
#include "core/buf.h"

/* Starts a download: the UTF-8 byte order mark, so Excel reads the accents right. */
void csv_inicio(struct buf *b);
/* Appends cell s to b, then ";" or, when ultimo, "\r\n". Quoted when it holds a comma,
 * quote or line break; a cell starting with = + - @ (or a tab or carriage return) is
 * quoted and prefixed with ' so a spreadsheet does not run it as a formula. NULL is an
 * empty cell. */
void csv_campo(struct buf *b, const char *s, int ultimo);
#endif
