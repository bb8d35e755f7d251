#include <stdlib.h>
#include <string.h>

#include <png.h>
#include <qrencode.h>

#include "core/log.h"
#include "core/qr.h"

static void
png_to_buf(png_structp p, png_bytep data, png_size_t n)
{
	buf_put(png_get_io_ptr(p), data, n);
}

static void
png_flush_none(png_structp p)
{
	(void)p;
}

/* Fills row y of the image (1 bit per pixel, 1 = white) from the QR matrix. */
static void
fill_row(const QRcode *q, int y, int side, unsigned char *row)
{
	int x, mx, my = y / QR_SCALE - QR_MARGIN, dark;

	memset(row, 0xff, (size_t)(side + 7) / 8);
	if (my < 0 || my >= q->width)
		return;
	for (x = 0; x < side; x++) {
		mx = x / QR_SCALE - QR_MARGIN;
		dark = mx >= 0 && mx < q->width && (q->data[my * q->width + mx] & 1);
		if (dark)
			row[x / 8] &= (unsigned char)~(0x80 >> (x % 8));
	}
}

int
qr_png(struct buf *out, const char *text)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	png_structp p = NULL;
	png_infop info = NULL;
	unsigned char *row = NULL;
	int side, y, rc = -1;

	if (q == NULL) {
		log_err("qr: cannot encode %zu bytes", strlen(text));
		return -1;
	}
	side = (q->width + 2 * QR_MARGIN) * QR_SCALE;
	if ((row = malloc((size_t)(side + 7) / 8)) == NULL ||
	    (p = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL)) == NULL ||
	    (info = png_create_info_struct(p)) == NULL)
		goto out;
	if (setjmp(png_jmpbuf(p)))
		goto out;
	png_set_write_fn(p, out, png_to_buf, png_flush_none);
	png_set_IHDR(p, info, (png_uint_32)side, (png_uint_32)side, 1, PNG_COLOR_TYPE_GRAY,
	    PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(p, info);
	for (y = 0; y < side; y++) {
		fill_row(q, y, side, row);
		png_write_row(p, row);
	}
	png_write_end(p, NULL);
	rc = 0;
out:
	if (p != NULL)
		png_destroy_write_struct(&p, info ? &info : NULL);
	free(row);
	QRcode_free(q);
	return rc;
}
