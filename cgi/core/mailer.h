/* Delivers the outbox over SMTP (libcurl): STARTTLS or SMTPS, retries with backoff. */
#ifndef MAILER_H
#define MAILER_H
#include "core/arena.h"
#include "core/buf.h"

#define MAIL_MAX_ATTEMPTS	10
#define MAIL_BATCH		20	/* messages read per pass (ST_CORREO_DUE) */

#define MAIL_ADJUNTOS		4	/* attachments read per message */

/* An inline attachment (table correo_adjunto): an image the HTML part shows by cid. */
struct adjunto {
	const char	*cid, *nombre, *tipo;
	const void	*datos;
	size_t		 len;
};

/* Formats one RFC 5322 message with a UTF-8 subject (RFC 2047) into out: without
 * attachments a base64 text/plain body; with nadj inline attachments a multipart/related
 * message whose first part is multipart/alternative (the text, and the same text as HTML
 * followed by each image by its cid), then the attachments. Returns 0, or -1 when an
 * address or an attachment's header field contains a line break or a quote. */
int mail_format(struct buf *out, const char *from, const char *to, const char *subject,
    const char *body, const struct adjunto *adj, size_t nadj, long long id, long long now);
/* The seconds to wait after the attempt-th failure: 60, 120, 240 ... up to one hour. */
long long mail_backoff(int attempt);
/* Wipes the bodies whose link or code expired (outbox_clean, with or without a
 * server), then tries every message that is due, opening its sealed body; a delivered
 * message's body and attachments are wiped in the same transaction that marks it sent.
 * Returns how many were delivered, or -1 when no SMTP server is configured (messages
 * stay in the outbox, sealed). */
int mailer_pass(struct arena *, long long now);
/* Passes until one delivers nothing. Returns how many were delivered, or -1 when no SMTP
 * server is configured. */
int mailer_drain(struct arena *);
/* The periodic job (cgi/core/tareas.h) of delivery: mailer_drain, libcurl initialized
 * first in the process. */
int mailer_tarea(struct arena *, long long now);
#endif
