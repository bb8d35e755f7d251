/* Small text helpers for pages: dates and numbers as Colombians write them, URL encoding. */
#ifndef TEXT_H
#define TEXT_H
#include "core/arena.h"

/* How far Colombia's clock is behind UTC, in seconds: UTC-5 all year, no daylight saving.
 * Colombian local time is ts - COLOMBIA_UTC; a Colombian day d (days since 1970-01-01)
 * starts at d * 86400 + COLOMBIA_UTC. */
#define COLOMBIA_UTC	(5 * 3600)

/* The date in Colombia of Unix time ts, as YYYY-MM-DD, into out[11]. Today is
 * colombia_date(r->now, out): the request's time, never the clock's; thirty days on is
 * colombia_date(r->now + 30 * 86400, out). */
void colombia_date(long long ts, char out[11]);
/* The day of a stored date "YYYY-MM-DD" (days since 1970-01-01, negative before) into *dia;
 * 0 when iso is NULL or not such a date. Today in Colombia is
 * floor((r->now - COLOMBIA_UTC) / 86400): the days to a date are their difference, as
 * SQLite's julianday(a) - julianday(b) counts them. */
int fecha_dia(const char *iso, long long *dia);

/* "dd/mm/aaaa HH:MM" (24 h) in Colombia (UTC-5) for a Unix time, as pages and mail show
 * it; "" for 0. */
char *fecha_local(struct arena *, long long ts);
/* The same with the seconds, "dd/mm/aaaa HH:MM:SS": the audit trail's times. */
char *fecha_local_segundos(struct arena *, long long ts);
/* "YYYY-MM-DD HH:MM" in Colombia: the MIPRES API's dates. */
char *fecha_iso_local(struct arena *, long long ts);
/* A stored "YYYY-MM-DD" (optionally followed by " HH:MM...") as "dd/mm/aaaa[ HH:MM...]";
 * anything else unchanged. */
const char *fecha_es(struct arena *, const char *iso);
/* Writes a well-formed iso of n (>= 10) bytes as fecha_es does, into out (n bytes, no
 * NUL). */
void fecha_es_write(char *out, const char *iso, size_t n);
/* Writes n's decimal digits as "%lld" writes them, or with the thousands point when miles,
 * backwards, ending just before end (at most 27 bytes before it); returns where they
 * start. No printf: pages and answers format thousands of numbers. */
char *digits_back(char *end, long long n, int miles);
/* n as "%lld" writes it, in the arena. */
char *digits_text(struct arena *, long long n);
/* n with the thousands point: "12.500". */
char *numero_es(struct arena *, long long n);
/* x thousandths with the decimal comma and three decimals: 1940 -> "1,940". */
char *milesimas_es(struct arena *, long long x);
/* Writes x as milesimas_es does, backwards, ending just before end (at most 32 bytes
 * before it); returns where it starts. */
char *milesimas_back(char *end, long long x);
/* A Colombian phone number as people write it ("(601) 555-12-34", "+57 310 555 1234")
 * as its digits when they make a valid number (v_telefono); else s unchanged. */
const char *telefono_normal(struct arena *, const char *s);
/* Percent-encodes s for a query string value. */
char *url_encode(struct arena *, const char *s);
/* s without leading and trailing blanks, in the arena ("" for NULL). */
const char *trim_blanks(struct arena *, const char *s);
/* A positive decimal id (1-18 digits), or 0 when s is anything else. */
long long parse_id(const char *s);
#endif
