/* Delivers the outbox over SMTP (libcurl): STARTTLS or SMTPS, retries with backoff. */
#ifndef MAILER_H
#define MAILER_H
#include "arena.h"
#include "buf.h"

#define MAIL_MAX_ATTEMPTS	10
#define MAIL_BATCH		20	/* messages read per pass (ST_CORREO_DUE) */

/* Formats one RFC 5322 message with a UTF-8 subject (RFC 2047) and a base64 body into out.
 * Returns 0, or -1 when an address contains a line break. */
int mail_format(struct buf *out, const char *from, const char *to, const char *subject,
    const char *body, long long id, long long now);
/* The seconds to wait after the attempt-th failure: 60, 120, 240 ... up to one hour. */
long long mail_backoff(int attempt);
/* Tries every message that is due. Returns how many were delivered, or -1 when no SMTP
 * server is configured (messages stay in the outbox). */
int mailer_pass(struct arena *, long long now);
/* Passes until one delivers nothing. Returns how many were delivered, or -1 when no SMTP
 * server is configured. */
int mailer_drain(struct arena *);
/* The mailer process: every few seconds, queues the expiry warnings that are due and
 * delivers the outbox, until SIGTERM. Never returns. */
void mailer_run(void);
#endif
