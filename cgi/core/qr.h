/* QR codes as PNG images (libqrencode for the matrix, libpng for the file). */
#ifndef QR_H
#define QR_H
#include "core/buf.h"

#define QR_SCALE	6	/* pixels per module */
#define QR_MARGIN	4	/* modules of quiet zone on each side */

/* Appends to out a black-on-white 1-bit PNG of the QR code (error correction M) of text,
 * (modules + 2 * QR_MARGIN) * QR_SCALE pixels square. Returns 0, or -1. */
int qr_png(struct buf *out, const char *text);
#endif
