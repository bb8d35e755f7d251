#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

/* The end of the path segment at s. */
static char *
seg_end(char *s)
{
	return s + strcspn(s, "/ ?\"'");
}

void
log_mask(char *s)
{
	static const char api[] = "/WSSUMMIPRESNOPBS/api/";
	char *p = s, *seg, *end;
	int i, skip;

	while ((p = strcasestr(p, api)) != NULL) {
		/* <op>/<nit>/<token>...; <op>XPacienteFecha/<nit>/<fecha>/<token>/... */
		seg = p + sizeof(api) - 1;
		end = seg_end(seg);
		skip = end - seg >= 14 && strncasecmp(end - 14, "XPacienteFecha", 14) == 0 ? 3 : 2;
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
