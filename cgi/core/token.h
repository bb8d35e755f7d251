/* Bearer tokens (sessions, CSRF, mailed links, invitations, AP tokens): 32 random bytes as
 * unpadded base64url, stored only as their SHA-256. */
#ifndef TOKEN_H
#define TOKEN_H

#define TOKEN_LEN	43	/* characters of a token */

/* A new token into out (NUL-terminated). */
void token_make(char out[TOKEN_LEN + 1]);
/* The stored hash of token tok: SHA-256 of its characters. */
void token_hash(const char *tok, unsigned char out[32]);
#endif
