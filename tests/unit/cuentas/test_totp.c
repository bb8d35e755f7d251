/*
 * TOTP (cgi/cuentas/totp.c): RFC 4226's HOTP values and RFC 6238's TOTP values for the SHA-1 key,
 * the ±1 step window and replay refusal, base32 (RFC 4648's vectors) and recovery codes.
 */
#include <stdio.h>
#include <string.h>

#include "support.h"
#include "cuentas/totp.h"

/* The key of RFC 4226 Appendix D and RFC 6238 Appendix B (SHA-1). */
static const unsigned char key[] = "12345678901234567890";
#define KEYLEN 20

/* RFC 4226 Appendix D: HOTP for counters 0..9, 6 digits. */
static void
test_hotp_rfc4226(void **state)
{
	static const uint32_t want[] = { 755224, 287082, 359152, 969429, 338314, 254676,
		287922, 162583, 399871, 520489 };
	uint64_t c;

	(void)state;
	for (c = 0; c < 10; c++)
		assert_int_equal(cuentas_hotp(key, KEYLEN, c, 6), want[c]);
}

/* RFC 6238 Appendix B, SHA-1 column: 8 digits at the listed times, T0 = 0, X = 30. */
static void
test_totp_rfc6238(void **state)
{
	static const struct { long long t; uint32_t code; } v[] = {
		{ 59, 94287082 }, { 1111111109, 7081804 }, { 1111111111, 14050471 },
		{ 1234567890, 89005924 }, { 2000000000, 69279037 }, { 20000000000LL, 65353130 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		assert_int_equal(cuentas_hotp(key, KEYLEN, (uint64_t)cuentas_totp_step(v[i].t), 8), v[i].code);
	/* The step of the first vector, 1, and its 6-digit value. */
	assert_int_equal(cuentas_totp_step(59), 1);
	assert_int_equal(cuentas_hotp(key, KEYLEN, 1, 6), 287082);
}

/* The window: one step before and after; a step at or before last never again. */
static void
test_totp_check_window_and_replay(void **state)
{
	long long now = 1111111111, s = cuentas_totp_step(now);	/* step 37037037 */
	char prev[7], cur[7], next[7], far[7];

	(void)state;
	snprintf(prev, sizeof(prev), "%06u", cuentas_hotp(key, KEYLEN, (uint64_t)(s - 1), 6));
	snprintf(cur, sizeof(cur), "%06u", cuentas_hotp(key, KEYLEN, (uint64_t)s, 6));
	snprintf(next, sizeof(next), "%06u", cuentas_hotp(key, KEYLEN, (uint64_t)(s + 1), 6));
	snprintf(far, sizeof(far), "%06u", cuentas_hotp(key, KEYLEN, (uint64_t)(s + 2), 6));
	/* RFC 6238's 8-digit 14050471 ends in the 6-digit code of the same step. */
	assert_string_equal(cur, "050471");
	assert_int_equal(cuentas_totp_check(key, KEYLEN, cur, now, -1), s);
	assert_int_equal(cuentas_totp_check(key, KEYLEN, prev, now, -1), s - 1);
	assert_int_equal(cuentas_totp_check(key, KEYLEN, next, now, -1), s + 1);
	assert_int_equal(cuentas_totp_check(key, KEYLEN, far, now, -1), -1);
	/* Replay: once step s was accepted, its code and the one before are refused. */
	assert_int_equal(cuentas_totp_check(key, KEYLEN, cur, now, s), -1);
	assert_int_equal(cuentas_totp_check(key, KEYLEN, prev, now, s), -1);
	assert_int_equal(cuentas_totp_check(key, KEYLEN, next, now, s), s + 1);
	assert_int_equal(cuentas_totp_check(key, KEYLEN, next, now, s + 1), -1);
	/* Not six digits. */
	assert_int_equal(cuentas_totp_check(key, KEYLEN, "05047", now, -1), -1);
	assert_int_equal(cuentas_totp_check(key, KEYLEN, "0504711", now, -1), -1);
	assert_int_equal(cuentas_totp_check(key, KEYLEN, "05047a", now, -1), -1);
	assert_int_equal(cuentas_totp_check(key, KEYLEN, "", now, -1), -1);
	assert_int_equal(cuentas_totp_check(key, KEYLEN, NULL, now, -1), -1);
	/* Another key gives another code. */
	assert_int_equal(cuentas_totp_check((const unsigned char *)"abcdefghijklmnopqrst", KEYLEN, cur,
	    now, -1) == s, 0);
}

/* RFC 4648 §10 without padding, and back; either case and blanks decode. */
static void
test_base32(void **state)
{
	static const char *const in[] = { "", "f", "fo", "foo", "foob", "fooba", "foobar" };
	static const char *const out[] = { "", "MY", "MZXQ", "MZXW6", "MZXW6YQ", "MZXW6YTB",
		"MZXW6YTBOI" };
	unsigned char raw[TOTP_KEYLEN];
	char enc[64];
	size_t i;

	(void)state;
	for (i = 0; i < 7; i++) {
		assert_int_equal(cuentas_base32_encode((const unsigned char *)in[i], strlen(in[i]), enc),
		    strlen(out[i]));
		assert_string_equal(enc, out[i]);
		assert_int_equal(cuentas_base32_decode(out[i], raw, sizeof(raw)), strlen(in[i]));
		assert_memory_equal(raw, in[i], strlen(in[i]));
	}
	cuentas_base32_encode(key, KEYLEN, enc);
	assert_string_equal(enc, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	assert_int_equal(strlen(enc), TOTP_B32LEN);
	assert_int_equal(cuentas_base32_decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", raw,
	    sizeof(raw)), KEYLEN);
	assert_memory_equal(raw, key, KEYLEN);
	assert_int_equal(cuentas_base32_decode("MZXW6YTBOI======", raw, sizeof(raw)), 6);
	/* Outside the alphabet, and too long for the output. */
	assert_int_equal(cuentas_base32_decode("MZXW1", raw, sizeof(raw)), -1);
	assert_int_equal(cuentas_base32_decode("MZXW6YTBOI", raw, 5), -1);
}

/* New codes have the shape, normalize to 16 characters, and hash per user. */
static void
test_recovery_codes(void **state)
{
	char a[RECUP_LEN + 1], b[RECUP_LEN + 1], ca[17], cb[17], up[RECUP_LEN + 3];
	unsigned char h1[32], h2[32], h3[32];
	size_t i;

	(void)state;
	cuentas_recup_new(a);
	cuentas_recup_new(b);
	assert_int_equal(strlen(a), RECUP_LEN);
	assert_true(a[4] == '-' && a[9] == '-' && a[14] == '-');
	assert_string_not_equal(a, b);
	assert_int_equal(cuentas_recup_normalize(a, ca), 0);
	assert_int_equal(strlen(ca), 16);
	/* Typed in capitals, with blanks instead of dashes: the same code. */
	for (i = 0; i <= RECUP_LEN; i++)
		up[i] = a[i] == '-' ? ' ' : (char)(a[i] >= 'a' && a[i] <= 'z' ? a[i] - 32 : a[i]);
	assert_int_equal(cuentas_recup_normalize(up, cb), 0);
	assert_string_equal(ca, cb);
	/* Too short, too long, a confusable character, nothing. */
	assert_int_equal(cuentas_recup_normalize("abcd-efgh-jkmn", cb), -1);
	assert_int_equal(cuentas_recup_normalize("abcd-efgh-jkmn-pqrs-t", cb), -1);
	assert_int_equal(cuentas_recup_normalize("abcd-efgh-jkmn-pqr0", cb), -1);
	assert_int_equal(cuentas_recup_normalize(NULL, cb), -1);
	/* The hash names the user: the same code of another user hashes differently. */
	cuentas_recup_hash(1, ca, h1);
	cuentas_recup_hash(1, ca, h2);
	cuentas_recup_hash(2, ca, h3);
	assert_memory_equal(h1, h2, 32);
	assert_memory_not_equal(h1, h3, 32);
}

/* What the forms accept: six digits (a blank between groups allowed), or a recovery code. */
static void
test_validators(void **state)
{
	char six[7];

	(void)state;
	assert_int_equal(cuentas_totp_normalize("123 456", six), 0);
	assert_string_equal(six, "123456");
	assert_true(cuentas_v_totp("000000"));
	assert_false(cuentas_v_totp("12345"));
	assert_false(cuentas_v_totp("1234567"));
	assert_false(cuentas_v_totp("12345x"));
	assert_false(cuentas_v_totp(""));
	assert_false(cuentas_v_totp(NULL));
	assert_true(cuentas_v_segundo_factor("123456"));
	assert_true(cuentas_v_segundo_factor("ABCD-EFGH-JKMN-PQRS"));
	assert_false(cuentas_v_segundo_factor("abcd-efgh"));
	assert_false(cuentas_v_segundo_factor("<script>"));
}

static void
test_uri(void **state)
{
	assert_string_equal(cuentas_totp_uri(ARENA(state), "Portal MinSalud", "CC1010202030",
	    "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"), "otpauth://totp/Portal%20MinSalud:"
	    "CC1010202030?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Portal%20MinSalud&"
	    "algorithm=SHA1&digits=6&period=30");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hotp_rfc4226),
		cmocka_unit_test(test_totp_rfc6238),
		cmocka_unit_test(test_totp_check_window_and_replay),
		cmocka_unit_test(test_base32),
		cmocka_unit_test(test_recovery_codes),
		cmocka_unit_test(test_validators),
		cmocka_unit_test(test_uri),
	};

	return cmocka_run_group_tests_name("totp", tests, arena_setup, arena_teardown);
}
