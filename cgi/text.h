/* Small text helpers for pages: dates in Colombian time, URL encoding. */
#ifndef TEXT_H
#define TEXT_H
#include "arena.h"

/* "YYYY-MM-DD HH:MM" in Colombia (UTC-5) for a Unix time; "" for 0. */
char *fecha_local(struct arena *, long long ts);
/* The date days after today in Colombia, as YYYY-MM-DD, into out[11]. */
void fecha_en_dias(int days, char out[11]);
/* Percent-encodes s for a query string value. */
char *url_encode(struct arena *, const char *s);
/* s without leading and trailing blanks, in the arena ("" for NULL). */
const char *recortar(struct arena *, const char *s);
/* A positive decimal id (1-18 digits), or 0 when s is anything else. */
long long parse_id(const char *s);
#endif
