/* CSV (RFC 4180) cells for downloads that people open in a spreadsheet. */
#ifndef CSV_H
#define CSV_H
#include "buf.h"

/* Appends cell s to b, then "," or, when ultimo, "\r\n". Quoted when it holds a comma,
 * quote or line break; a cell starting with = + - @ (or a tab or carriage return) is
 * quoted and prefixed with ' so a spreadsheet does not run it as a formula. NULL is an
 * empty cell. */
void csv_campo(struct buf *b, const char *s, int ultimo);
#endif
