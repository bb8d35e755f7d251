/* Logging to stderr (nginx and make run show it; systemd's journal keeps it). */
#ifndef LOG_H
#define LOG_H
void log_err(const char *, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Masks, in place, the token segment of every MIPRES API path in line (the user token of
 * GenerarToken, the temporary token of the others) as "***": no log keeps a token. */
void log_mask(char *line);
#endif
