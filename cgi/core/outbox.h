/*
 * The mail outbox (table correo), written in the caller's transaction. A body is never
 * stored in clear: it is sealed with the secrets key (cgi/core/secret.c), bound to its row, and
 * wiped once delivered, or once the one-time link or code it carries has expired; its
 * inline attachments likewise. The metadata (recipient, subject, state, attempts, dates)
 * stays.
 */
#ifndef OUTBOX_H
#define OUTBOX_H
#include <stddef.h>

#include "core/arena.h"

/* Queues a message (its body sealed). Returns 0 or -1. */
int outbox_add(const char *para, const char *asunto, const char *cuerpo, long long now);
/* Queues a message whose body carries a one-time link or code that stops working at
 * caduca (Unix time): the body is wiped then if it was not delivered before. Returns the
 * message's id, or -1. */
long long outbox_add_secreto(const char *para, const char *asunto, const char *cuerpo,
    long long now, long long caduca);
/* Queues a message to every active holder of rol (for entidad_id, or any when 0).
 * Returns 0 or -1. */
int outbox_rol(struct arena *, const char *rol, long long entidad_id, const char *asunto,
    const char *cuerpo, long long now);
/* Queues a message to every active delegate of entidad_id (the active holders of its
 * securityAdmin_* roles). Returns 0 or -1. */
int outbox_delegados(struct arena *, long long entidad_id, const char *asunto,
    const char *cuerpo, long long now);
/* Queues a message to every active person of entity entidad_id (any role: its delegates and
 * autorizados) but user excepto. Returns 0 or -1. */
int outbox_entidad(struct arena *, long long entidad_id, long long excepto, const char *asunto,
    const char *cuerpo, long long now);
/* Attaches an inline image (shown by the HTML part by cid) to message correo_id, sealed.
 * Returns 0 or -1. */
int outbox_adjunto(long long correo_id, const char *cid, const char *nombre, const char *tipo,
    const void *datos, size_t len);

/* Opens the sealed body ct (len bytes) of message id into the arena. Returns NULL when
 * it is missing (wiped), was tampered with, belongs to another row or another key. */
char *outbox_open(struct arena *, long long id, const void *ct, size_t len);
/* Opens the sealed data of attachment adjunto_id of message correo_id; its length goes to
 * *n. Returns NULL as outbox_open does. */
void *outbox_adjunto_open(struct arena *, long long correo_id, long long adjunto_id,
    const void *ct, size_t len, size_t *n);

/* Wipes the body and attachments of every undelivered message whose link or code expired
 * by now (a pending one is given up, saying why), and the attachments of every message
 * whose body is gone. Returns the number of bodies wiped, or -1. */
int outbox_clean(long long now);
/* Seals the bodies (and their attachments) still in clear: those queued before the
 * outbox was sealed (016_correo_sellado.sql). Zeroes what it replaces and empties the WAL.
 * Returns how many it sealed, or -1. */
int outbox_seal_legado(void);
#endif
