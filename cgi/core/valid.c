#include <ctype.h>
#include <string.h>

#include "core/text.h"
#include "core/valid.h"

/* Which control characters utf8_len lets through. */
enum ctl {
	CTL_NONE,	/* none */
	CTL_LINES,	/* tab, CR and LF */
	CTL_ALL,	/* all of them: only the encoding is checked */
};

/* Length in code points of valid UTF-8 with the C0/C1 controls ctl allows, or -1.
 * Overlong forms and surrogates are refused. */
static long
utf8_len(const char *s, enum ctl ctl)
{
	const unsigned char *p = (const unsigned char *)s;
	long n = 0;
	unsigned c, cp, need;

	while ((c = *p) != 0) {
		if (c < 0x80) {
			if (ctl != CTL_ALL && ((c < 0x20 && !(ctl == CTL_LINES &&
			    (c == '\n' || c == '\r' || c == '\t'))) || c == 0x7f))
				return -1;
			p++;
			n++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			need = 1, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			need = 2, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			need = 3, cp = c & 0x07;
		else
			return -1;
		for (p++; need > 0; need--, p++) {
			if ((*p & 0xc0) != 0x80)
				return -1;
			cp = cp << 6 | (*p & 0x3f);
		}
		if ((ctl != CTL_ALL && cp >= 0x80 && cp < 0xa0) || (cp >= 0xd800 && cp <= 0xdfff) ||
		    cp > 0x10ffff || (c == 0xe0 && cp < 0x800) || (c == 0xf0 && cp < 0x10000))
			return -1;
		n++;
	}
	return n;
}

size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* Whether s has a character other than a blank. */
static int
not_blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (!isspace((unsigned char)*s))
			return 1;
	return 0;
}

int
v_utf8(const char *s)
{
	return s != NULL && utf8_len(s, CTL_NONE) >= 0;
}

int
v_utf8_lineas(const char *s)
{
	return s != NULL && utf8_len(s, CTL_LINES) >= 0;
}

int
v_utf8_bytes(const char *s)
{
	return s != NULL && utf8_len(s, CTL_ALL) >= 0;
}

int
v_text(const char *s)
{
	long n = s ? utf8_len(s, CTL_NONE) : -1;

	return n >= 1 && n <= 200 && not_blank(s);
}

int
v_longtext(const char *s)
{
	long n = s ? utf8_len(s, CTL_LINES) : -1;

	return n >= 1 && n <= 2000 && not_blank(s);
}

int
v_digits(const char *s, size_t min, size_t max)
{
	size_t n;

	if (s == NULL || (n = strlen(s)) < min || n > max)
		return 0;
	return strspn(s, "0123456789") == n;
}

int
v_nit(const char *s)
{
	return v_digits(s, 9, 9);
}

int
v_documento(const char *s)
{
	return v_digits(s, 3, 15);
}

int
v_codigo_hab(const char *s)
{
	return v_digits(s, 12, 12);
}

int
v_email(const char *s)
{
	const char *at, *dot, *p;
	size_t n;

	if (s == NULL || (n = strlen(s)) < 6 || n > 254)
		return 0;
	if ((at = strchr(s, '@')) == NULL || at == s || strchr(at + 1, '@') != NULL ||
	    at - s > 64)
		return 0;
	for (p = s; p < at; p++)
		if (!isalnum((unsigned char)*p) && strchr(".!#$%&'*+/=?^_`{|}~-", *p) == NULL)
			return 0;
	if (s[0] == '.' || at[-1] == '.' || strstr(s, "..") != NULL)
		return 0;
	/* Domain: labels of letters, digits and hyphens, at least one dot, no empty label. */
	if ((dot = strrchr(at, '.')) == NULL || dot == at + 1 || dot[1] == '\0' ||
	    strlen(dot + 1) < 2)
		return 0;
	for (p = at + 1; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '.')
			return 0;
	return at[1] != '-' && at[1] != '.';
}

int
v_telefono(const char *s)
{
	if (v_digits(s, 7, 7))
		return s[0] != '0';
	if (!v_digits(s, 10, 10))
		return 0;
	return s[0] == '3' || (s[0] == '6' && s[1] == '0');
}

int
v_guid(const char *s)
{
	size_t i;

	if (s == NULL || strlen(s) != 36)
		return 0;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!isxdigit((unsigned char)s[i]))
			return 0;
	}
	return 1;
}

int
v_client_id(const char *s)
{
	size_t n;

	if (v_guid(s))
		return 1;
	if (s == NULL || (n = strlen(s)) < 1 || n > 64)
		return 0;
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

int
v_client_secret(const char *s)
{
	size_t n;

	if (s == NULL || (n = strlen(s)) < 1 || n > 128)
		return 0;
	for (; *s != '\0'; s++)
		if (*s < 0x21 || *s > 0x7e)
			return 0;
	return 1;
}

int
v_https_url(const char *s)
{
	const char *host, *end;
	size_t n;

	if (s == NULL || (n = strlen(s)) < 12 || n > 500 || strncmp(s, "https://", 8) != 0)
		return 0;
	host = s + 8;
	end = host + strcspn(host, "/?#");
	if (end == host || memchr(host, '@', (size_t)(end - host)) != NULL)
		return 0;
	for (; *s != '\0'; s++)
		if (*s <= 0x20 || *s >= 0x7f || *s == '"' || *s == '<' || *s == '>' || *s == '\\')
			return 0;
	return 1;
}

int
v_fecha(const char *s)
{
	static const int dias[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    !v_digits((char[]){ s[0], s[1], s[2], s[3], s[5], s[6], s[8], s[9], 0 }, 8, 8))
		return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > dias[m - 1])
		return 0;
	return !(m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
}

int
v_fecha_futura(const char *s, long long now)
{
	char hoy[11];

	colombia_date(now, hoy);
	return v_fecha(s) && strcmp(s, hoy) > 0;
}

int
v_acepto(const char *s)
{
	return s != NULL && strcmp(s, "si") == 0;
}

int
v_login(const char *s)
{
	size_t n;

	if (s == NULL || (n = strlen(s)) < 3 || n > 40)
		return 0;
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

int
v_password(const char *s)
{
	return s != NULL && strlen(s) >= 1 && strlen(s) <= 256 && v_utf8(s);
}

int
nit_dv(const char *nit)
{
	static const int w[] = { 3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71 };
	size_t n, i;
	int sum = 0, r;

	if (nit == NULL || (n = strlen(nit)) == 0 || n > 15 || !v_digits(nit, 1, 15))
		return -1;
	/* Weights apply from the rightmost digit. */
	for (i = 0; i < n; i++)
		sum += (nit[n - 1 - i] - '0') * w[i];
	r = sum % 11;
	return r > 1 ? 11 - r : r;
}

/* The code point at *p (valid UTF-8, as utf8_len checked), advancing *p past it. */
static unsigned
next_cp(const unsigned char **p)
{
	unsigned c = *(*p)++, cp, need;

	if (c < 0x80)
		return c;
	need = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : 1;
	cp = c & (0x3f >> need);
	for (; need > 0; need--)
		cp = cp << 6 | (*(*p)++ & 0x3f);
	return cp;
}

/* Whether cp is a letter of the Latin script: ASCII, Latin-1 (but × and ÷) and Latin
 * Extended-A and -B (á, ñ, ü, ç, ø, ł, ő ...). */
static int
letra_latina(unsigned cp)
{
	return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
	    (cp >= 0xc0 && cp <= 0x24f && cp != 0xd7 && cp != 0xf7);
}

int
v_nombre_persona(const char *s)
{
	long n = s ? utf8_len(s, 0) : -1;
	const unsigned char *p = (const unsigned char *)s;
	unsigned cp;

	if (n < 1 || n > 60 || !letra_latina(next_cp(&p)))
		return 0;
	while (*p != '\0') {
		cp = next_cp(&p);
		if (!letra_latina(cp) && cp != ' ' && cp != '\'' && cp != '-' && cp != 0x2019)
			return 0;
	}
	return 1;
}

int
v_nombre_persona_opt(const char *s)
{
	return s != NULL && (*s == '\0' || v_nombre_persona(s));
}
