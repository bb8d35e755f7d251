#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static void
logv(const char *lvl, const char *fmt, va_list ap)
{
	char ts[32], line[2048];
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
	vsnprintf(line, sizeof(line), fmt, ap);
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
