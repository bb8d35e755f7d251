/* Growable byte buffer; a response is built in one before it is written. */
#ifndef BUF_H
#define BUF_H
#include <stddef.h>

struct buf {
	char	*p;
	size_t	 len, cap;
};

void buf_put(struct buf *, const void *, size_t);
void buf_puts(struct buf *, const char *);
void buf_printf(struct buf *, const char *, ...)
	__attribute__((format(printf, 2, 3)));
/* Keeps the memory for reuse. */
void buf_reset(struct buf *);
void buf_free(struct buf *);
#endif
