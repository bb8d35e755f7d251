#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/text.h"
#include "core/valid.h"

/* Writes tm through fmt into out[n] when fmt has only %d %m %Y %H %M %S (the year 0 to
 * 9999) and fits: what strftime writes, without its locale machinery (a tenth of a queue
 * page's work went to strftime). Returns 0 when it cannot: then strftime does. */
static int
fecha_digitos(char *out, size_t n, const char *fmt, const struct tm *tm)
{
	size_t k = 0;
	int v, w, i;

	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%') {
			if (k + 1 >= n)
				return 0;
			out[k++] = *fmt;
			continue;
		}
		switch (*++fmt) {
		case 'd': v = tm->tm_mday; w = 2; break;
		case 'm': v = tm->tm_mon + 1; w = 2; break;
		case 'Y': v = tm->tm_year + 1900; w = 4; break;
		case 'H': v = tm->tm_hour; w = 2; break;
		case 'M': v = tm->tm_min; w = 2; break;
		case 'S': v = tm->tm_sec; w = 2; break;
		default: return 0;
		}
		if (v < 0 || v >= (w == 4 ? 10000 : 100) || k + (size_t)w >= n)
			return 0;
		for (k += (size_t)w, i = 1; i <= w; i++, v /= 10)
			out[k - (size_t)i] = (char)('0' + v % 10);
	}
	out[k] = '\0';
	return 1;
}

/* The year, month, day, hour, minute and second of Unix time t (UTC, years 0 to 9999: T_MIN
 * to T_MAX below) into tm, as gmtime_r
 * sets them (Howard Hinnant's civil_from_days), without its lock and time zone machinery:
 * enough for fecha_digitos; its other fields are left as they are. */
static void
split_time(long long t, struct tm *tm)
{
	long long dia = t / 86400 - (t % 86400 < 0), seg = t - dia * 86400;
	long long z = dia + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	long long m = mp < 10 ? mp + 3 : mp - 9;

	tm->tm_year = (int)(yoe + era * 400 + (m <= 2) - 1900);
	tm->tm_mon = (int)m - 1;
	tm->tm_mday = (int)(doy - (153 * mp + 2) / 5 + 1);
	tm->tm_hour = (int)(seg / 3600);
	tm->tm_min = (int)(seg / 60 % 60);
	tm->tm_sec = (int)(seg % 60);
}

/* t (UTC) through strftime format fmt into out[n]: fecha_digitos when it can, else
 * gmtime_r and strftime; "" when that does not fit. */
/* The Unix times (UTC) of 0000-01-01 00:00:00 and 9999-12-31 23:59:59: split_time's range,
 * the years fecha_digitos writes. */
#define T_MIN	(-62167219200LL)
#define T_MAX	253402300799LL

/* ts in Colombia's time: ts - COLOMBIA_UTC, or LLONG_MIN (no date) where that would
 * overflow. */
static long long
local_of(long long ts)
{
	return ts < LLONG_MIN + COLOMBIA_UTC ? LLONG_MIN : ts - COLOMBIA_UTC;
}

static void
write_time(char *out, size_t n, const char *fmt, long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t >= T_MIN && t <= T_MAX) {
		split_time(t, &tm);
		if (fecha_digitos(out, n, fmt, &tm))
			return;
	}
	/* A text that does not fit out (a year past 9999) leaves out's bytes undefined: the
	 * arena's, another page's text among them. Nothing then. */
	if (gmtime_r(&tt, &tm) == NULL || strftime(out, n, fmt, &tm) == 0)
		out[0] = '\0';
}

/* ts in Colombia (UTC-5) through strftime format fmt into a new string of n bytes. */
static char *
fecha_fmt(struct arena *a, long long ts, const char *fmt, size_t n)
{
	char *out = arena_alloc(a, n);

	out[0] = '\0';
	if (ts != 0)
		write_time(out, n, fmt, local_of(ts));
	return out;
}

/* Writes v (0 to 99) as two digits at o. */
static void
put2(char *o, int v)
{
	o[0] = (char)('0' + v / 10);
	o[1] = (char)('0' + v % 10);
}

char *
fecha_local(struct arena *a, long long ts)
{
	long long t = local_of(ts);
	char *out;
	struct tm tm;

	if (ts == 0 || t < T_MIN || t > T_MAX)
		return fecha_fmt(a, ts, "%d/%m/%Y %H:%M", 17);
	split_time(t, &tm);
	/* fecha_fmt's bytes, written in place: twenty of these on a queue page. */
	out = arena_alloc(a, 17);
	put2(out, tm.tm_mday);
	out[2] = '/';
	put2(out + 3, tm.tm_mon + 1);
	out[5] = '/';
	put2(out + 6, (tm.tm_year + 1900) / 100);
	put2(out + 8, (tm.tm_year + 1900) % 100);
	out[10] = ' ';
	put2(out + 11, tm.tm_hour);
	out[13] = ':';
	put2(out + 14, tm.tm_min);
	out[16] = '\0';
	return out;
}

char *
fecha_local_segundos(struct arena *a, long long ts)
{
	return fecha_fmt(a, ts, "%d/%m/%Y %H:%M:%S", 20);
}

char *
fecha_iso_local(struct arena *a, long long ts)
{
	return fecha_fmt(a, ts, "%Y-%m-%d %H:%M", 17);
}

const char *
fecha_es(struct arena *a, const char *iso)
{
	size_t n = iso != NULL ? strlen(iso) : 0;
	char *out;

	if (n < 10 || strspn(iso, "0123456789") != 4 || iso[4] != '-' || iso[7] != '-' ||
	    strspn(iso + 5, "0123456789") != 2 || strspn(iso + 8, "0123456789") < 2 ||
	    (n > 10 && iso[10] != ' ' && iso[10] != 'T'))
		return iso;
	out = arena_alloc(a, n + 1);
	fecha_es_write(out, iso, n);
	out[n] = '\0';
	return out;
}

void
fecha_es_write(char *out, const char *iso, size_t n)
{
	/* dd/mm/aaaa and what followed, a T made a space: as long as iso. No printf: a report
	 * of 92 days formats thousands of these. */
	memcpy(out, iso + 8, 2);
	out[2] = '/';
	memcpy(out + 3, iso + 5, 2);
	out[5] = '/';
	memcpy(out + 6, iso, 4);
	if (n > 10) {
		out[10] = ' ';
		memcpy(out + 11, iso + 11, n - 11);
	}
}

/* Writes u's digits, with a point every three when miles, backwards before end. */
static char *
unsigned_back(char *end, unsigned long long u, int miles)
{
	int k = 0;

	do {
		if (miles && k > 0 && k % 3 == 0)
			*--end = '.';
		*--end = (char)('0' + u % 10);
		u /= 10;
		k++;
	} while (u != 0);
	return end;
}

char *
digits_back(char *end, long long n, int miles)
{
	end = unsigned_back(end, n < 0 ? -(unsigned long long)n : (unsigned long long)n, miles);
	if (n < 0)
		*--end = '-';
	return end;
}

/* The text from p to end (its NUL included) copied into the arena. */
static char *
arena_copy_to(struct arena *a, const char *p, const char *end)
{
	char *out = arena_alloc(a, (size_t)(end - p));

	memcpy(out, p, (size_t)(end - p));
	return out;
}

char *
digits_text(struct arena *a, long long n)
{
	char d[32], *end = d + sizeof(d) - 1;

	*end = '\0';
	return arena_copy_to(a, digits_back(end, n, 0), end + 1);
}

char *
numero_es(struct arena *a, long long n)
{
	char d[32], *end = d + sizeof(d) - 1;

	*end = '\0';
	return arena_copy_to(a, digits_back(end, n, 1), end + 1);
}

char *
milesimas_back(char *end, long long x)
{
	unsigned long long u = x < 0 ? -(unsigned long long)x : (unsigned long long)x;
	unsigned frac = (unsigned)(u % 1000);
	char *p = end;

	*--p = (char)('0' + frac % 10);
	*--p = (char)('0' + frac / 10 % 10);
	*--p = (char)('0' + frac / 100);
	*--p = ',';
	p = unsigned_back(p, u / 1000, 1);
	if (x < 0)
		*--p = '-';
	return p;
}

char *
milesimas_es(struct arena *a, long long x)
{
	char d[40], *end = d + sizeof(d) - 1;

	*end = '\0';
	return arena_copy_to(a, milesimas_back(end, x), end + 1);
}

const char *
telefono_normal(struct arena *a, const char *s)
{
	char *out = arena_alloc(a, strlen(s) + 1), *o = out;
	const char *p = s;

	for (; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9')
			*o++ = *p;
		else if (*p == '+' && o == out && p[1] == '5' && p[2] == '7')
			p += 2;		/* +57, Colombia's country code */
		else if (strchr(" ()-.", *p) == NULL)
			return s;
	}
	*o = '\0';
	return v_telefono(out) ? out : s;
}

void
colombia_date(long long ts, char out[11])
{
	write_time(out, 11, "%Y-%m-%d", local_of(ts));
}

int
fecha_dia(const char *iso, long long *dia)
{
	long long y, m, d, era, yoe, doy;

	if (iso == NULL || strlen(iso) != 10 || strspn(iso, "0123456789") != 4 || iso[4] != '-' ||
	    strspn(iso + 5, "0123456789") != 2 || iso[7] != '-' || strspn(iso + 8, "0123456789") != 2)
		return 0;
	y = ((iso[0] - '0') * 10 + iso[1] - '0') * 100 + (iso[2] - '0') * 10 + iso[3] - '0';
	m = (iso[5] - '0') * 10 + iso[6] - '0';
	d = (iso[8] - '0') * 10 + iso[9] - '0';
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return 0;
	/* Howard Hinnant's days_from_civil: the proleptic Gregorian calendar. */
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	*dia = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
	return 1;
}

char *
url_encode(struct arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = arena_alloc(a, strlen(s) * 3 + 1), *o = out;
	unsigned char c;

	for (; (c = (unsigned char)*s) != '\0'; s++) {
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~')
			*o++ = (char)c;
		else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o = '\0';
	return out;
}

long long
parse_id(const char *s)
{
	char *end;
	long long id;
	size_t n;

	if (s == NULL || (n = strlen(s)) < 1 || n > 18 || strspn(s, "0123456789") != n)
		return 0;
	id = strtoll(s, &end, 10);
	return *end == '\0' ? id : 0;
}

const char *
trim_blanks(struct arena *a, const char *s)
{
	const char *e;

	if (s == NULL)
		return "";
	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	return arena_strndup(a, s, (size_t)(e - s));
}
