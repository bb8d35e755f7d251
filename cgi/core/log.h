/* Logging to stderr (nginx and make run show it; systemd's journal keeps it). */
#ifndef LOG_H
#define LOG_H
void log_err(const char *, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Masks, in place, as "***": the token segment of every MIPRES API path in line (the user
 * token of GenerarToken, the temporary token of the others), and any path segment or value
 * after '=' that looks like a random token (a password link's, an invitation's, a
 * challenge's id: 20 or more base64url/hex characters with a digit, '-' or '_', or over
 * 32 letters, and its '=' or %3D padding). Every log line goes through it: no log keeps a
 * token. */
void log_mask(char *line);
#endif
