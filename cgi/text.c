#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text.h"

char *
fecha_local(struct arena *a, long long ts)
{
	time_t t = (time_t)ts - 5 * 3600;
	struct tm tm;
	char *out = arena_alloc(a, 17);

	if (ts == 0) {
		out[0] = '\0';
		return out;
	}
	gmtime_r(&t, &tm);
	strftime(out, 17, "%Y-%m-%d %H:%M", &tm);
	return out;
}

void
fecha_en_dias(int days, char out[11])
{
	time_t t = time(NULL) - 5 * 3600 + (time_t)days * 86400;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
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
recortar(struct arena *a, const char *s)
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
