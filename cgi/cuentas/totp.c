/*
 * TOTP (RFC 6238) over HMAC-SHA-1 from OpenSSL's libcrypto: libsodium has no SHA-1, and
 * libcrypto's is the well-tested one already on the machine (libcurl depends on it).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include "core/arena.h"
#include "cuentas/totp.h"

static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/* No 0/o, 1/i/l: characters people confuse when they copy a code from paper. */
static const char recup_alpha[] = "abcdefghjkmnpqrstuvwxyz23456789";

uint32_t
cuentas_hotp(const unsigned char *key, size_t keylen, uint64_t counter, int digits)
{
	unsigned char msg[8], mac[EVP_MAX_MD_SIZE];
	unsigned maclen = 0, off;
	uint32_t bin, mod = 1;
	int i;

	for (i = 7; i >= 0; i--, counter >>= 8)
		msg[i] = (unsigned char)(counter & 0xff);
	if (HMAC(EVP_sha1(), key, (int)keylen, msg, sizeof(msg), mac, &maclen) == NULL ||
	    maclen != 20)
		return UINT32_MAX;
	/* Dynamic truncation (RFC 4226 §5.3). */
	off = mac[19] & 0x0f;
	bin = ((uint32_t)(mac[off] & 0x7f) << 24) | ((uint32_t)mac[off + 1] << 16) |
	    ((uint32_t)mac[off + 2] << 8) | mac[off + 3];
	for (i = 0; i < digits; i++)
		mod *= 10;
	return bin % mod;
}

long long
cuentas_totp_step(long long t)
{
	return t / TOTP_STEP;
}

long long
cuentas_totp_check(const unsigned char *key, size_t keylen, const char *code, long long now,
    long long last)
{
	long long step = cuentas_totp_step(now), s;
	char want[TOTP_DIGITS + 1];
	int i;

	if (code == NULL || strlen(code) != TOTP_DIGITS)
		return -1;
	for (i = 0; i < TOTP_DIGITS; i++)
		if (!isdigit((unsigned char)code[i]))
			return -1;
	for (s = step - 1; s <= step + 1; s++) {
		if (s <= last || s < 0)
			continue;
		snprintf(want, sizeof(want), "%06u", cuentas_hotp(key, keylen, (uint64_t)s, TOTP_DIGITS));
		if (sodium_memcmp(want, code, TOTP_DIGITS) == 0)
			return s;
	}
	return -1;
}

int
cuentas_totp_normalize(const char *typed, char out[TOTP_DIGITS + 1])
{
	int o = 0;

	for (; typed != NULL && *typed != '\0'; typed++) {
		if (*typed == ' ')
			continue;
		if (o == TOTP_DIGITS || !isdigit((unsigned char)*typed))
			return -1;
		out[o++] = *typed;
	}
	out[o] = '\0';
	return o == TOTP_DIGITS ? 0 : -1;
}

int
cuentas_v_totp(const char *s)
{
	char six[TOTP_DIGITS + 1];

	return cuentas_totp_normalize(s, six) == 0;
}

int
cuentas_v_segundo_factor(const char *s)
{
	char canon[17];

	return cuentas_v_totp(s) || cuentas_recup_normalize(s, canon) == 0;
}

size_t
cuentas_base32_encode(const unsigned char *in, size_t n, char *out)
{
	unsigned buf = 0;
	int bits = 0;
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		buf = (buf << 8) | in[i];
		bits += 8;
		while (bits >= 5) {
			out[o++] = b32[(buf >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0)
		out[o++] = b32[(buf << (5 - bits)) & 31];
	out[o] = '\0';
	return o;
}

long
cuentas_base32_decode(const char *in, unsigned char *out, size_t max)
{
	unsigned buf = 0;
	int bits = 0;
	size_t o = 0;
	const char *p;

	for (; *in != '\0'; in++) {
		if (*in == ' ' || *in == '=' || *in == '-')
			continue;
		if ((p = strchr(b32, toupper((unsigned char)*in))) == NULL)
			return -1;
		buf = (buf << 5) | (unsigned)(p - b32);
		bits += 5;
		if (bits >= 8) {
			if (o == max)
				return -1;
			out[o++] = (unsigned char)((buf >> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return (long)o;
}

void
cuentas_recup_new(char out[RECUP_LEN + 1])
{
	int i, o = 0;

	for (i = 0; i < 16; i++) {
		if (i > 0 && i % 4 == 0)
			out[o++] = '-';
		out[o++] = recup_alpha[randombytes_uniform(sizeof(recup_alpha) - 1)];
	}
	out[o] = '\0';
}

int
cuentas_recup_normalize(const char *typed, char out[17])
{
	int o = 0;
	char c;

	for (; typed != NULL && *typed != '\0'; typed++) {
		if (*typed == ' ' || *typed == '-')
			continue;
		c = (char)tolower((unsigned char)*typed);
		if (o == 16 || strchr(recup_alpha, c) == NULL)
			return -1;
		out[o++] = c;
	}
	out[o] = '\0';
	return o == 16 ? 0 : -1;
}

void
cuentas_recup_hash(long long uid, const char *canon, unsigned char out[32])
{
	char msg[64];
	int n = snprintf(msg, sizeof(msg), "%lld:%s", uid, canon);

	crypto_hash_sha256(out, (const unsigned char *)msg, (unsigned long long)n);
}

char *
cuentas_totp_uri(struct arena *a, const char *issuer, const char *login, const char *secret)
{
	const char *p;
	char *enc = arena_alloc(a, strlen(issuer) * 3 + 1), *e = enc;

	/* The issuer's spaces as %20; logins are letters and digits. */
	for (p = issuer; *p != '\0'; p++) {
		if (*p == ' ') {
			memcpy(e, "%20", 3);
			e += 3;
		} else
			*e++ = *p;
	}
	*e = '\0';
	return arena_printf(a, "otpauth://totp/%s:%s?secret=%s&issuer=%s&algorithm=SHA1&"
	    "digits=6&period=30", enc, login, secret, enc);
}
