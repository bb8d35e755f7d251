/*
 * The shared public key's parser (cgi/sat/pem.c), on keys and certificates the openssl command
 * line tool makes for each run in a temporary directory: accepted kinds with their type,
 * size, fingerprint (compared with openssl's own) and expiry; every refusal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sat/pem.h"
#include "support.h"

static char dir[64];

/* Makes every fixture with openssl in dir (see the script's comments). */
static int
setup(void **state)
{
	char cmd[4096];

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/test-pem-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(cmd, sizeof(cmd), "cd %s && exec >/dev/null 2>&1 && set -e && "
	    /* RSA 2048: the key, its public half (SPKI and PKCS#1) and a certificate */
	    "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa.key && "
	    "openssl pkey -in rsa.key -pubout -out rsa.pub && "
	    "openssl rsa -in rsa.key -RSAPublicKey_out -out rsa1.pub && "
	    "openssl pkey -pubin -in rsa.pub -outform DER | sha256sum > rsa.sha && "
	    "openssl req -x509 -key rsa.key -days 30 -subj '/O=Caja Andina/CN=sat.caja.example' "
	    "-out rsa.crt && openssl x509 -in rsa.crt -noout -fingerprint -sha256 > rsa.crt.sha && "
	    /* EC P-256, Ed25519, a weak RSA 1024 */
	    "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec.key && "
	    "openssl pkey -in ec.key -pubout -out ec.pub && "
	    "openssl genpkey -algorithm ED25519 -out ed.key && "
	    "openssl pkey -in ed.key -pubout -out ed.pub && "
	    "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out debil.key && "
	    "openssl pkey -in debil.key -pubout -out debil.pub && "
	    /* an encrypted private key, a certificate request */
	    "openssl pkey -in ec.key -aes256 -passout pass:x -out cifrada.key && "
	    "openssl req -new -key rsa.key -subj /CN=x -out pedido.csr && "
	    /* a certificate that expired in 2020 (openssl ca sets both dates) */
	    "touch index.txt && echo 01 > serial && printf '[ca]\\ndefault_ca=d\\n[d]\\n"
	    "database=index.txt\\nnew_certs_dir=.\\nserial=serial\\ndefault_md=sha256\\n"
	    "policy=p\\n[p]\\ncommonName=supplied\\n' > ca.cnf && "
	    "openssl ca -batch -config ca.cnf -selfsign -keyfile rsa.key -in pedido.csr "
	    "-startdate 20200101000000Z -enddate 20200201000000Z -notext -out vencido.crt", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The contents of file name in dir (static buffer). */
static const char *
leer(const char *name)
{
	static char buf[32768];
	char path[128];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "rb")) == NULL)
		fail_msg("cannot open %s", path);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return buf;
}

/* sha256sum's or openssl's hex digest in file name, as pem.c writes it (XX:XX:...). */
static void
huella_de(const char *name, char out[96])
{
	const char *s = leer(name), *h = strchr(s, '=');
	int i = 0;

	for (s = h ? h + 1 : s; *s && *s != ' ' && *s != '\n' && i < 95; s++) {
		if (*s == ':')
			continue;
		if (i % 3 == 2)
			out[i++] = ':';
		out[i++] = (char)(*s >= 'a' && *s <= 'f' ? *s - 32 : *s);
	}
	out[i] = '\0';
}

static enum pem_error
leer_pem(const char *s, struct pem_info *info)
{
	return pem_read(s, strlen(s), (long long)time(NULL), info);
}

static void
test_llaves(void **state)
{
	struct pem_info i;
	char h[96];

	(void)state;
	huella_de("rsa.sha", h);
	assert_int_equal(leer_pem(leer("rsa.pub"), &i), PEM_OK);
	assert_string_equal(i.tipo, "RSA");
	assert_int_equal(i.bits, 2048);
	assert_int_equal(i.certificado, 0);
	assert_int_equal(i.vence, 0);
	assert_string_equal(i.huella, h);
	/* PKCS#1 "RSA PUBLIC KEY": the same key, the same fingerprint */
	assert_int_equal(leer_pem(leer("rsa1.pub"), &i), PEM_OK);
	assert_string_equal(i.tipo, "RSA");
	assert_string_equal(i.huella, h);
	assert_int_equal(leer_pem(leer("ec.pub"), &i), PEM_OK);
	assert_string_equal(i.tipo, "EC P-256");
	assert_int_equal(i.bits, 256);
	assert_int_equal(strlen(i.huella), 95);
	assert_int_equal(leer_pem(leer("ed.pub"), &i), PEM_OK);
	assert_string_equal(i.tipo, "Ed25519");
}

static void
test_certificado(void **state)
{
	struct pem_info i;
	long long now = (long long)time(NULL);
	char h[96];

	(void)state;
	huella_de("rsa.crt.sha", h);
	assert_int_equal(leer_pem(leer("rsa.crt"), &i), PEM_OK);
	assert_int_equal(i.certificado, 1);
	assert_string_equal(i.tipo, "RSA");
	assert_int_equal(i.bits, 2048);
	assert_string_equal(i.huella, h);
	assert_string_equal(i.sujeto, "CN=sat.caja.example,O=Caja Andina");
	assert_true(i.vence > now + 29 * 86400 && i.vence <= now + 31 * 86400);
	/* The same certificate, a day after its expiry */
	assert_int_equal(pem_read(leer("rsa.crt"), strlen(leer("rsa.crt")), i.vence + 86400, &i),
	    PEM_VENCIDO);
	assert_int_equal(leer_pem(leer("vencido.crt"), &i), PEM_VENCIDO);
	assert_int_equal(i.vence, 1580515200);	/* 2020-02-01T00:00:00Z, for the message */
}

static void
test_rechazos(void **state)
{
	struct pem_info i;
	char buf[40000];
	const char *s;

	(void)state;
	assert_int_equal(leer_pem("", &i), PEM_VACIO);
	assert_int_equal(leer_pem(" \r\n\t", &i), PEM_VACIO);
	assert_int_equal(leer_pem("hola, esta es mi llave", &i), PEM_MAL);
	assert_int_equal(leer_pem(leer("rsa.key"), &i), PEM_PRIVADA);
	assert_int_equal(leer_pem(leer("ec.key"), &i), PEM_PRIVADA);
	assert_int_equal(leer_pem(leer("cifrada.key"), &i), PEM_PRIVADA);
	assert_int_equal(leer_pem(leer("debil.pub"), &i), PEM_DEBIL);
	assert_int_equal(i.bits, 1024);
	assert_int_equal(leer_pem(leer("pedido.csr"), &i), PEM_TIPO);
	/* A certificate followed by its private key: the key is what matters */
	snprintf(buf, sizeof(buf), "%s", leer("rsa.crt"));
	strcat(buf, leer("rsa.key"));
	assert_int_equal(leer_pem(buf, &i), PEM_PRIVADA);
	/* Two public keys */
	snprintf(buf, sizeof(buf), "%s", leer("rsa.pub"));
	strcat(buf, leer("ec.pub"));
	assert_int_equal(leer_pem(buf, &i), PEM_VARIOS);
	/* Text before or after the block; blanks are fine */
	snprintf(buf, sizeof(buf), "Mi llave:\n%s", leer("rsa.pub"));
	assert_int_equal(leer_pem(buf, &i), PEM_MAL);
	snprintf(buf, sizeof(buf), "%sfin\n", leer("rsa.pub"));
	assert_int_equal(leer_pem(buf, &i), PEM_MAL);
	snprintf(buf, sizeof(buf), "\n  %s\n\n", leer("rsa.pub"));
	assert_int_equal(leer_pem(buf, &i), PEM_OK);
	/* A damaged body: one base64 character changed, or a line cut */
	snprintf(buf, sizeof(buf), "%s", leer("rsa.pub"));
	buf[40] = buf[40] == 'A' ? '*' : 'A';
	assert_int_equal(leer_pem(buf, &i), PEM_MAL);
	snprintf(buf, sizeof(buf), "%s", leer("rsa.pub"));
	memmove(buf + 60, buf + 120, strlen(buf + 120) + 1);
	assert_int_equal(leer_pem(buf, &i), PEM_MAL);
	/* A NUL inside */
	s = leer("ec.pub");
	memcpy(buf, s, strlen(s) + 1);
	buf[30] = '\0';
	assert_int_equal(pem_read(buf, strlen(s), 0, &i), PEM_MAL);
	/* Over the cap */
	memset(buf, ' ', PEM_MAX + 1);
	memcpy(buf, leer("ec.pub"), strlen(leer("ec.pub")));
	buf[PEM_MAX + 1] = '\0';
	assert_int_equal(leer_pem(buf, &i), PEM_GRANDE);
	assert_non_null(strstr(pem_error_texto(PEM_PRIVADA), "nunca"));
}

/* The text is s[0..len): what follows it in memory is never read (found by
 * tests/fuzz/fuzz_pem.c: the blank and block checks ran to a NUL past len). */
static void
test_longitud(void **state)
{
	const char *pub = leer("ec.pub");
	size_t n = strlen(pub);
	struct pem_info i;
	char buf[4096], *exacto;

	(void)state;
	/* Text after len that would make it "not one block" if it were read. */
	snprintf(buf, sizeof(buf), "%sfin\n-----BEGIN PUBLIC KEY-----\n", pub);
	assert_int_equal(pem_read(buf, n, 0, &i), PEM_OK);
	assert_string_equal(i.tipo, "EC P-256");
	assert_int_equal(pem_read(buf, n + 3, 0, &i), PEM_MAL);
	/* A buffer of exactly len bytes, no NUL after it (AddressSanitizer watches its end). */
	exacto = malloc(n);
	assert_non_null(exacto);
	memcpy(exacto, pub, n);
	assert_int_equal(pem_read(exacto, n, 0, &i), PEM_OK);
	memset(exacto, ' ', n);
	assert_int_equal(pem_read(exacto, n, 0, &i), PEM_VACIO);
	free(exacto);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_llaves),
		cmocka_unit_test(test_certificado),
		cmocka_unit_test(test_rechazos),
		cmocka_unit_test(test_longitud),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
