#include <string.h>

#include "cuentas/pdf.h"

#define HEADER_LEN	8	/* "%PDF-1.7" */

/* The last occurrence of needle (nlen bytes) in s[0..n), or NULL. */
static const char *
ultima(const char *s, size_t n, const char *needle, size_t nlen)
{
	const char *p;

	if (n < nlen)
		return NULL;
	for (p = s + n - nlen; ; p--) {
		if (memcmp(p, needle, nlen) == 0)
			return p;
		if (p == s)
			return NULL;
	}
}

/* Whether c is white space in PDF's sense (ISO 32000-1, 7.2.2). */
static int
blanco(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\0';
}

/* Whether the header "%PDF-M.m" and an end of line (or a blank) start data[0..n). */
static int
cabecera(const char *d, size_t n)
{
	if (n <= HEADER_LEN || memcmp(d, "%PDF-", 5) != 0 || d[6] != '.' ||
	    d[7] < '0' || d[7] > '9' || !blanco(d[HEADER_LEN]))
		return 0;
	return (d[5] == '1' && d[7] <= '7') || (d[5] == '2' && d[7] == '0');
}

/* Whether "startxref" in d[0..end) is followed by blanks and a decimal offset that falls
 * after the header and before end. */
static int
startxref(const char *d, size_t end)
{
	const char *p = ultima(d, end, "startxref", 9), *e = d + end;
	unsigned long long off = 0;
	int digitos = 0;

	if (p == NULL)
		return 0;
	for (p += 9; p < e && blanco(*p); p++)
		continue;
	for (; p < e && *p >= '0' && *p <= '9' && digitos < 12; p++, digitos++)
		off = off * 10 + (unsigned)(*p - '0');
	return digitos > 0 && p < e && blanco(*p) && off > HEADER_LEN && off < end;
}

int
cuentas_pdf_valido(const char *d, size_t n)
{
	size_t cola = n < PDF_COLA ? n : PDF_COLA, i;
	const char *eof;

	if (d == NULL || !cabecera(d, n))
		return 0;
	if ((eof = ultima(d + n - cola, cola, "%%EOF", 5)) == NULL)
		return 0;
	for (i = (size_t)(eof - d) + 5; i < n; i++)
		if (!blanco(d[i]))
			return 0;
	return startxref(d, (size_t)(eof - d));
}
