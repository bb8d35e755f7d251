#include <string.h>

#include <sodium.h>

#include "core/token.h"

void
token_make(char out[TOKEN_LEN + 1])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, TOKEN_LEN + 1, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

void
token_hash(const char *tok, unsigned char out[32])
{
	crypto_hash_sha256(out, (const unsigned char *)tok, strlen(tok));
}
