/* Logging to stderr (nginx and make run show it; systemd's journal keeps it). */
#ifndef LOG_H
#define LOG_H
#include <stddef.h>

void log_err(const char *, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
/* A path that carries a secret in one of its segments, masked even when too short to look
 * like a token: after prefijo (any case), segment number segmento(primero, n), counted from
 * primero (0), the n bytes after prefijo. The table is the wiring's (cgi/routes.c). */
struct log_ruta_secreta {
	const char	*prefijo;
	int		(*segmento)(const char *primero, size_t n);
};
extern const struct log_ruta_secreta log_rutas_secretas[];
extern const size_t nlog_rutas_secretas;

/* Masks, in place, as "***": the secret segment of every path of log_rutas_secretas in
 * line (the MIPRES API's user or temporary token), and any path segment or value
 * after '=' that looks like a random token (a password link's, an invitation's, a
 * challenge's id: 20 or more base64url/hex characters with a digit, '-' or '_', or over
 * 32 letters, and its '=' or %3D padding). Every log line goes through it: no log keeps a
 * token. */
void log_mask(char *line);
#endif
