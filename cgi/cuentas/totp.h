/*
 * Time-based one-time passwords (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps), their
 * secrets in base32 (RFC 4648) and the one-time recovery codes. Pure functions: no
 * database, no clock.
 */
#ifndef TOTP_H
#define TOTP_H
#include <stddef.h>
#include <stdint.h>

#define TOTP_KEYLEN	20	/* 160-bit secrets, as RFC 4226 recommends */
#define TOTP_B32LEN	32	/* base32 of TOTP_KEYLEN bytes, no padding */
#define TOTP_STEP	30
#define TOTP_DIGITS	6
#define RECUP_N		10	/* recovery codes issued at once */
#define RECUP_LEN	19	/* "xxxx-xxxx-xxxx-xxxx" */

/* The HOTP value (RFC 4226) of key for counter, truncated to digits (6 or 8). */
uint32_t cuentas_hotp(const unsigned char *key, size_t keylen, uint64_t counter, int digits);
/* The time step of unix time t. */
long long cuentas_totp_step(long long t);
/*
 * Checks a 6-digit code against the steps now-1, now and now+1 (in that order) that come
 * after last (the last accepted step; -1 when none), so a code is never accepted twice.
 * Returns the matching step, or -1.
 */
long long cuentas_totp_check(const unsigned char *key, size_t keylen, const char *code,
    long long now, long long last);

/* The 6 digits of a code a person typed ("123 456" too) into out[7]. Returns 0, or -1 when
 * it is not six digits. */
int cuentas_totp_normalize(const char *typed, char out[TOTP_DIGITS + 1]);
/* Validators (cgi/core/form.h): a 6-digit code; a 6-digit code or a recovery code. */
int cuentas_v_totp(const char *);
int cuentas_v_segundo_factor(const char *);

/* Encodes n bytes as base32 without padding into out (8 * ceil(n / 5) + 1 bytes is enough).
 * Returns the length written. */
size_t cuentas_base32_encode(const unsigned char *in, size_t n, char *out);
/* Decodes base32 (either case, blanks and '=' ignored) into out (max bytes). Returns the
 * length, or -1 on a character outside the alphabet or output too long. */
long cuentas_base32_decode(const char *in, unsigned char *out, size_t max);

/* A new random recovery code "xxxx-xxxx-xxxx-xxxx" into out[RECUP_LEN + 1]. */
void cuentas_recup_new(char out[RECUP_LEN + 1]);
/* The canonical form of a code a person typed (lower case, no blanks or dashes) into
 * out[17]. Returns 0, or -1 when it cannot be a recovery code. */
int cuentas_recup_normalize(const char *typed, char out[17]);
/* The stored hash of a recovery code of user uid (SHA-256 of uid and the canonical code). */
void cuentas_recup_hash(long long uid, const char *canon, unsigned char out[32]);
/* The otpauth:// URI an authenticator app reads from the QR code, in the arena. */
struct arena;
char *cuentas_totp_uri(struct arena *, const char *issuer, const char *login, const char *b32);
#endif
