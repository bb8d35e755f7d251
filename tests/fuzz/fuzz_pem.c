/*
 * The public key an entity shares (cgi/sat/pem.c): pem_read on the input as pasted
 * (length-delimited: the text is s[0..len), nothing after it is read), at a fixed time.
 * Invariants: every answer has its Spanish reason; an accepted key or certificate has its
 * type, a size at least the minimum, a fingerprint of 32 hex pairs, a certificate not
 * expired; an expired one a date not after now; the strings end inside their arrays.
 */
#include <ctype.h>

#include "fuzz.h"
#include "sat/pem.h"

#define AHORA	1781481600LL	/* 2026-06-15T00:00:00Z */

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	return 0;
}

static void
huella_valida(const char *h)
{
	size_t i;

	CHECK(strlen(h) == 95);
	for (i = 0; i < 95; i++)
		CHECK(i % 3 == 2 ? h[i] == ':' : isxdigit((unsigned char)h[i]) &&
		    !islower((unsigned char)h[i]));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	struct pem_info info;
	enum pem_error e = pem_read((const char *)data, n, AHORA, &info);

	CHECK(pem_error_texto(e) != NULL);
	CHECK(memchr(info.tipo, '\0', sizeof(info.tipo)) != NULL);
	CHECK(memchr(info.huella, '\0', sizeof(info.huella)) != NULL);
	CHECK(memchr(info.sujeto, '\0', sizeof(info.sujeto)) != NULL);
	switch (e) {
	case PEM_OK:
		CHECK(info.tipo[0] != '\0');
		huella_valida(info.huella);
		CHECK(strncmp(info.tipo, "RSA", 3) != 0 || info.bits >= PEM_RSA_MIN);
		CHECK(strncmp(info.tipo, "EC ", 3) != 0 || info.bits >= PEM_EC_MIN);
		CHECK(!info.certificado || info.vence > AHORA);
		break;
	case PEM_VENCIDO:
		CHECK(info.certificado && info.vence <= AHORA);
		break;
	case PEM_DEBIL:
		CHECK(info.bits < PEM_RSA_MIN);
		break;
	default:
		break;
	}
	return 0;
}
