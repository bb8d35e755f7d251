#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"

/* The end of the path segment at s. */
static char *
seg_end(char *s)
{
	return s + strcspn(s, "/ ?\"'");
}

/* Whether c may be part of a random token: base64url or hex. */
static int
token_char(int c)
{
	return isalnum(c) || c == '-' || c == '_';
}

/* The end of the base64 padding at s ('=' or "%3D", any number). */
static char *
padding_end(char *s)
{
	for (;;) {
		if (*s == '=')
			s++;
		else if (s[0] == '%' && s[1] == '3' && (s[2] == 'D' || s[2] == 'd'))
			s += 3;
		else
			return s;
	}
}

/*
 * Masks, from s on, every run that looks like a random token: it starts after '/' or '=',
 * ends (after its padding) at the end or at one of " /?&;#\"'", and has 20 or more
 * token_char with one that is not a letter, or over TOKEN_WORD_MAX (the longest word of
 * a route, NODireccionamientoXPacienteFecha, has 32 letters).
 */
#define TOKEN_WORD_MAX	32
static void
mask_tokens(char *s)
{
	char *p, *end;
	size_t n;
	int nonletter;

	for (p = s; *p != '\0'; p++) {
		if (p == s || (p[-1] != '/' && p[-1] != '='))
			continue;
		for (end = p, nonletter = 0; token_char((unsigned char)*end); end++)
			nonletter |= !isalpha((unsigned char)*end);
		n = (size_t)(end - p);
		end = padding_end(end);
		if (n < 20 || (!nonletter && n <= TOKEN_WORD_MAX) ||
		    (*end != '\0' && strchr(" /?&;#\"'", *end) == NULL))
			continue;
		memcpy(p, "***", 3);
		memmove(p + 3, end, strlen(end) + 1);
		p += 2;
	}
}

/* Masks, from s on, the secret segment of every path of rule k in s: as "***", or as one
 * '*' a byte when shorter than 3. */
static void
mask_secret(char *s, const struct log_ruta_secreta *k)
{
	size_t np = strlen(k->prefijo);
	char *p = s, *seg, *end;
	int i, skip;

	while ((p = strcasestr(p, k->prefijo)) != NULL) {
		seg = p + np;
		end = seg_end(seg);
		skip = k->segmento(seg, (size_t)(end - seg));
		for (i = 0; i < skip && *end == '/'; i++) {
			seg = end + 1;
			end = seg_end(seg);
		}
		p = end;
		if (i < skip || end == seg)
			continue;
		if (end - seg >= 3) {
			memcpy(seg, "***", 3);
			memmove(seg + 3, end, strlen(end) + 1);
			p = seg + 3;
		} else
			memset(seg, '*', (size_t)(end - seg));
	}
}

void
log_mask(char *s)
{
	size_t i;

	for (i = 0; i < nlog_rutas_secretas; i++)
		mask_secret(s, &log_rutas_secretas[i]);
	mask_tokens(s);
}

static void
logv(const char *lvl, const char *fmt, va_list ap)
{
	char ts[32], line[2048];
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
	vsnprintf(line, sizeof(line), fmt, ap);
	log_mask(line);
	/* One write per line so workers' lines never interleave. */
	dprintf(STDERR_FILENO, "%s portal[%d] %s: %s\n", ts, (int)getpid(), lvl, line);
}

void
log_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	logv("error", fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	logv("info", fmt, ap);
	va_end(ap);
}
