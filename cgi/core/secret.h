/*
 * Secrets at rest: XChaCha20-Poly1305 (libsodium) with a 32-byte key read from a file
 * outside the database. The additional data names the row a secret belongs to, so a
 * ciphertext copied to another row fails to open.
 */
#ifndef SECRET_H
#define SECRET_H
#include <stddef.h>

#include "core/arena.h"

#define SECRET_KEYLEN	32

/* Reads the key from path, creating it (mode 0600) when absent. Returns 0 or -1. */
int secret_init(const char *path);
/* Reads the key from path, a file that already exists and that several hosts share
 * (PORTAL_SECRET_KEY_FILE): never creates it; refuses one that is missing, not a regular file,
 * not exactly SECRET_KEYLEN bytes, or that the group or others may
 * read or write. Returns 0, or -1 with the reason, in Spanish, in err. */
int secret_read_key(const char *path, char *err, size_t n);
/* Sets the key directly (tests). */
void secret_setkey(const unsigned char key[SECRET_KEYLEN]);
/* Derives the 32-byte subkey number id of context ctx (exactly 8 characters) from the secrets
 * key (libsodium crypto_kdf, BLAKE2b): a key for one use that reveals nothing of the secrets
 * key nor of another use's subkey. */
void secret_subclave(unsigned char out[SECRET_KEYLEN], unsigned long long id, const char *ctx);
/* Seals pt for the row named ad; returns nonce||ciphertext in the arena and its length. */
unsigned char *secret_seal(struct arena *, const char *pt, const char *ad, size_t *len);
/* The same for n bytes that may hold NULs (an image). */
unsigned char *secret_seal_n(struct arena *, const void *pt, size_t n, const char *ad,
    size_t *len);
/* Opens a sealed value for ad; returns the plaintext, or NULL when it was tampered with,
 * belongs to another row, or was sealed with another key. */
char *secret_open(struct arena *, const void *ct, size_t len, const char *ad);
/* The same, also giving the plaintext's length in *n (when n is not NULL); the bytes are
 * followed by a NUL that n does not count. */
void *secret_open_n(struct arena *, const void *ct, size_t len, const char *ad, size_t *n);

/* A form field that carries validated values from one page to the next (a confirmation
 * step) without showing them: pt sealed for ad (which should name the session, the record
 * and its version) as base64url text, in the arena. */
#define SECRET_CAMPO_MAX	8192	/* longest field secret_open_field reads */
char *secret_seal_field(struct arena *, const char *pt, const char *ad);
/* Opens such a field: the plaintext, or NULL when it is malformed, longer than
 * SECRET_CAMPO_MAX, tampered with, or sealed for another ad or key. */
char *secret_open_field(struct arena *, const char *campo, const char *ad);
#endif
