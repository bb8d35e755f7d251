/*
 * Secrets at rest (cgi/core/secret.c): XChaCha20-Poly1305 with the row's name as additional
 * data. Each test starts from a fresh random key file (db_setup's secret_init).
 */
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

#include "core/config.h"
#include "core/secret.h"
#include "support.h"

#define AD	"llave.client_secret:1"
#define PT	"Qx8~s3cr3t.de-prueba_\xc3\x91"	/* a ClientSecret, with a non-ASCII byte */

/* 24-byte nonce in front, 16-byte tag behind. */
#define OVERHEAD	(24 + 16)

static void
test_round_trip(void **state)
{
	size_t len;
	unsigned char *ct = secret_seal(ARENA(state), PT, AD, &len);
	char *pt;

	assert_int_equal(len, strlen(PT) + OVERHEAD);
	/* The plaintext does not show through. */
	assert_null(memmem(ct, len, "s3cr3t", 6));
	pt = secret_open(ARENA(state), ct, len, AD);
	assert_non_null(pt);
	assert_string_equal(pt, PT);

	ct = secret_seal(ARENA(state), "", AD, &len);
	assert_int_equal(len, OVERHEAD);
	assert_string_equal(secret_open(ARENA(state), ct, len, AD), "");
}

/* A ciphertext copied to another row (another ad) does not open. */
static void
test_wrong_ad_fails(void **state)
{
	size_t len;
	unsigned char *ct = secret_seal(ARENA(state), PT, AD, &len);

	assert_null(secret_open(ARENA(state), ct, len, "llave.client_secret:2"));
	assert_null(secret_open(ARENA(state), ct, len, "llave.client_secret:1 "));
	assert_null(secret_open(ARENA(state), ct, len, ""));
	assert_null(secret_open(ARENA(state), ct, len, "smtp.password"));
	/* Nothing was damaged by the failed attempts. */
	assert_string_equal(secret_open(ARENA(state), ct, len, AD), PT);
}

/* Flipping any one bit anywhere (nonce, ciphertext or tag) is detected. */
static void
test_tampered_fails(void **state)
{
	size_t len, i;
	unsigned char *ct = secret_seal(ARENA(state), PT, AD, &len);

	for (i = 0; i < len; i++) {
		ct[i] ^= 0x01;
		if (secret_open(ARENA(state), ct, len, AD) != NULL)
			fail_msg("a flipped bit in byte %zu went unnoticed", i);
		ct[i] ^= 0x01;
	}
	assert_string_equal(secret_open(ARENA(state), ct, len, AD), PT);
	/* Truncated, empty or missing values are refused, never read past. */
	assert_null(secret_open(ARENA(state), ct, len - 1, AD));
	assert_null(secret_open(ARENA(state), ct, OVERHEAD - 1, AD));
	assert_null(secret_open(ARENA(state), ct, 0, AD));
	assert_null(secret_open(ARENA(state), NULL, len, AD));
}

/* A fresh nonce each time: equal secrets do not give equal ciphertexts. */
static void
test_seals_differ(void **state)
{
	size_t l1, l2;
	unsigned char *c1 = secret_seal(ARENA(state), PT, AD, &l1);
	unsigned char *c2 = secret_seal(ARENA(state), PT, AD, &l2);

	assert_int_equal(l1, l2);
	assert_memory_not_equal(c1, c2, 24);
	assert_memory_not_equal(c1 + 24, c2 + 24, l1 - 24);
	assert_string_equal(secret_open(ARENA(state), c1, l1, AD), PT);
	assert_string_equal(secret_open(ARENA(state), c2, l2, AD), PT);
}

/* The key file is private; another key cannot open a value; secret_init reads the
 * existing key file back rather than making a new key. */
static void
test_key_file(void **state)
{
	unsigned char other[SECRET_KEYLEN];
	struct stat sb;
	size_t len;
	unsigned char *ct = secret_seal(ARENA(state), PT, AD, &len);

	assert_int_equal(stat(cfg.key, &sb), 0);
	assert_int_equal(sb.st_size, SECRET_KEYLEN);
	assert_int_equal(sb.st_mode & 077, 0);
	randombytes_buf(other, sizeof(other));
	secret_setkey(other);
	assert_null(secret_open(ARENA(state), ct, len, AD));
	assert_int_equal(secret_init(cfg.key), 0);
	assert_string_equal(secret_open(ARENA(state), ct, len, AD), PT);
}

/* A sealed form field: URL-safe text that opens for its own ad only; a changed character,
 * a field of another ad, a truncated one, garbage or an oversized one open to NULL. */
static void
test_campo(void **state)
{
	const char *ad = "ihce.confirmar:7:2:csrf-de-la-sesion";
	char *f = secret_seal_field(ARENA(state), PT, ad), *g, big[SECRET_CAMPO_MAX + 2];
	size_t n = strlen(f);

	assert_int_equal(strspn(f, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_"), n);
	assert_null(strstr(f, "s3cr3t"));
	assert_string_equal(secret_open_field(ARENA(state), f, ad), PT);
	assert_null(secret_open_field(ARENA(state), f, "ihce.confirmar:7:3:csrf-de-la-sesion"));
	assert_null(secret_open_field(ARENA(state), f, "ihce.confirmar:7:2:otra-sesion"));
	g = arena_strdup(ARENA(state), f);
	g[n / 2] = g[n / 2] == 'A' ? 'B' : 'A';
	assert_null(secret_open_field(ARENA(state), g, ad));
	g = arena_strdup(ARENA(state), f);
	g[n - 3] = '\0';
	assert_null(secret_open_field(ARENA(state), g, ad));
	assert_null(secret_open_field(ARENA(state), "no es base64!", ad));
	assert_null(secret_open_field(ARENA(state), "", ad));
	assert_null(secret_open_field(ARENA(state), NULL, ad));
	memset(big, 'A', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_null(secret_open_field(ARENA(state), big, ad));
	/* Two seals of the same values differ (a fresh nonce each). */
	assert_string_not_equal(secret_seal_field(ARENA(state), PT, ad), f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_wrong_ad_fails, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_tampered_fails, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_seals_differ, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_key_file, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_campo, db_setup, db_teardown),
	};

	return cmocka_run_group_tests_name("secret", tests, NULL, NULL);
}
