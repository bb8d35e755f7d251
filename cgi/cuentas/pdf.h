/* A check that an uploaded file is a PDF document (the designation letter of a delegate's
 * registration), by its structure rather than by what the browser says it is. */
#ifndef PDF_H
#define PDF_H
#include <stddef.h>

#define PDF_COLA	1024	/* "%%EOF" must lie within this many last bytes */

/*
 * Whether data[0..n) is shaped like a PDF file (ISO 32000): it starts with the header
 * "%PDF-" and a version (1.0 to 1.7, or 2.0) followed by an end of line; its last
 * "%%EOF" lies within the last PDF_COLA bytes, followed only by blanks (spaces, tabs, end
 * of line, NUL padding); before that "%%EOF" a "startxref" gives, in decimal, the offset of
 * the cross-reference inside the file (past the header). Not a parser: it refuses other
 * files (images, office documents, HTML, executables, a truncated download) named .pdf.
 */
int cuentas_pdf_valido(const char *data, size_t n);
#endif
