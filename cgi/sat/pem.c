/* Parsing the public key an entity shares (cgi/sat/pem.h), with OpenSSL. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "sat/pem.h"

/* Counts the "-----BEGIN " lines of s; sets *privada when one names a private key. */
static int
bloques(const char *s, int *privada)
{
	const char *p = s, *eol;
	int n = 0;

	*privada = 0;
	while ((p = strstr(p, "-----BEGIN ")) != NULL) {
		n++;
		eol = strstr(p + 11, "-----");
		if (eol != NULL && memmem(p, (size_t)(eol - p), "PRIVATE KEY", 11) != NULL)
			*privada = 1;
		p += 11;
	}
	return n;
}

/* 1 when s has only blanks around one block: it starts with the BEGIN line and nothing but
 * blanks follows the END line. */
static int
solo_bloque(const char *s)
{
	const char *end;

	s += strspn(s, " \t\r\n");
	if (strncmp(s, "-----BEGIN ", 11) != 0 || (end = strstr(s, "-----END ")) == NULL ||
	    (end = strstr(end + 9, "-----")) == NULL)
		return 0;
	end += 5;
	return end[strspn(end, " \t\r\n")] == '\0';
}

/* The SHA-256 of der[0..n) as hex pairs joined by ':'. */
static void
huella(const unsigned char *der, int n, char out[96])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0, i;

	out[0] = '\0';
	if (n <= 0 || !EVP_Digest(der, (size_t)n, md, &len, EVP_sha256(), NULL))
		return;
	for (i = 0; i < len && i < 32; i++)
		snprintf(out + 3 * i, 4, i + 1 < len ? "%02X:" : "%02X", md[i]);
}

/* Type and size of key k into info. PEM_OK, PEM_TIPO for an algorithm not accepted, or
 * PEM_DEBIL. */
static enum pem_error
llave(EVP_PKEY *k, struct pem_info *info)
{
	char grupo[32] = "";
	size_t n;

	info->bits = EVP_PKEY_get_bits(k);
	switch (EVP_PKEY_get_base_id(k)) {
	case EVP_PKEY_RSA:
		snprintf(info->tipo, sizeof(info->tipo), "RSA");
		return info->bits < PEM_RSA_MIN ? PEM_DEBIL : PEM_OK;
	case EVP_PKEY_EC:
		if (!EVP_PKEY_get_utf8_string_param(k, OSSL_PKEY_PARAM_GROUP_NAME, grupo,
		    sizeof(grupo), &n))
			snprintf(grupo, sizeof(grupo), "?");
		snprintf(info->tipo, sizeof(info->tipo), "EC %s",
		    strcmp(grupo, "prime256v1") == 0 ? "P-256" : strcmp(grupo, "secp384r1") == 0 ?
		    "P-384" : strcmp(grupo, "secp521r1") == 0 ? "P-521" : grupo);
		return info->bits < PEM_EC_MIN ? PEM_DEBIL : PEM_OK;
	case EVP_PKEY_ED25519:
		snprintf(info->tipo, sizeof(info->tipo), "Ed25519");
		return PEM_OK;
	case EVP_PKEY_ED448:
		snprintf(info->tipo, sizeof(info->tipo), "Ed448");
		return PEM_OK;
	}
	return PEM_TIPO;
}

/* A certificate's DER: subject, expiry, fingerprint and key. */
static enum pem_error
certificado(const unsigned char *der, long len, long long now, struct pem_info *info)
{
	const unsigned char *p = der;
	X509 *x = d2i_X509(NULL, &p, len);
	enum pem_error e = PEM_MAL;
	struct tm tm;
	BIO *b = NULL;
	EVP_PKEY *k;
	int n;

	if (x == NULL || p != der + len)
		goto out;
	info->certificado = 1;
	huella(der, (int)len, info->huella);
	if ((b = BIO_new(BIO_s_mem())) != NULL && X509_NAME_print_ex(b,
	    X509_get_subject_name(x), 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) >= 0) {
		n = BIO_read(b, info->sujeto, sizeof(info->sujeto) - 1);
		info->sujeto[n > 0 ? n : 0] = '\0';
	}
	if (!ASN1_TIME_to_tm(X509_get0_notAfter(x), &tm))
		goto out;
	info->vence = (long long)timegm(&tm);
	if ((k = X509_get0_pubkey(x)) == NULL)
		goto out;
	if ((e = llave(k, info)) == PEM_OK && info->vence <= now)
		e = PEM_VENCIDO;
out:
	BIO_free(b);
	X509_free(x);
	return e;
}

/* A bare key's DER: SubjectPublicKeyInfo, or PKCS#1 when rsa is set. */
static enum pem_error
publica(const unsigned char *der, long len, int rsa, struct pem_info *info)
{
	const unsigned char *p = der;
	EVP_PKEY *k = rsa ? d2i_PublicKey(EVP_PKEY_RSA, NULL, &p, len) : d2i_PUBKEY(NULL, &p, len);
	unsigned char *spki = NULL;
	enum pem_error e = PEM_MAL;
	int n;

	if (k == NULL || p != der + len)
		goto out;
	/* The fingerprint is of the SubjectPublicKeyInfo, also for a PKCS#1 block. */
	if ((n = i2d_PUBKEY(k, &spki)) <= 0)
		goto out;
	huella(spki, n, info->huella);
	e = llave(k, info);
out:
	OPENSSL_free(spki);
	EVP_PKEY_free(k);
	return e;
}

enum pem_error
pem_read(const char *s, size_t len, long long now, struct pem_info *info)
{
	char *name = NULL, *header = NULL, txt[PEM_MAX + 1];
	unsigned char *der = NULL;
	enum pem_error e;
	long dlen = 0;
	int privada, n;
	size_t i;
	BIO *b;

	memset(info, 0, sizeof(*info));
	if (strnlen(s, len) != len)
		return PEM_MAL;
	for (i = 0; i < len && strchr(" \t\r\n", s[i]) != NULL; i++)
		;
	if (i == len)
		return PEM_VACIO;
	if (len > PEM_MAX)
		return PEM_GRANDE;
	/* The checks below read up to a NUL: they get a copy that ends at len. */
	memcpy(txt, s, len);
	txt[len] = '\0';
	s = txt;
	n = bloques(s, &privada);
	if (privada)
		return PEM_PRIVADA;
	if (n > 1)
		return PEM_VARIOS;
	if (n == 0 || !solo_bloque(s))
		return PEM_MAL;
	/* PEM_read_bio wants the BEGIN line at the start of a line. */
	n = (int)strspn(s, " \t\r\n");
	if ((b = BIO_new_mem_buf(s + n, (int)len - n)) == NULL)
		return PEM_MAL;
	if (!PEM_read_bio(b, &name, &header, &der, &dlen) || *header != '\0')
		e = PEM_MAL;	/* bad base64, or encryption headers */
	else if (strcmp(name, "CERTIFICATE") == 0)
		e = certificado(der, dlen, now, info);
	else if (strcmp(name, "PUBLIC KEY") == 0)
		e = publica(der, dlen, 0, info);
	else if (strcmp(name, "RSA PUBLIC KEY") == 0)
		e = publica(der, dlen, 1, info);
	else
		e = PEM_TIPO;
	BIO_free(b);
	OPENSSL_free(name);
	OPENSSL_free(header);
	OPENSSL_free(der);
	return e;
}

const char *
pem_error_texto(enum pem_error e)
{
	switch (e) {
	case PEM_OK:
		return "correcta";
	case PEM_VACIO:
		return "Pegue la llave pública o el certificado en formato PEM.";
	case PEM_GRANDE:
		return "El texto pasa de 16 KiB: pegue solo la llave pública o el certificado.";
	case PEM_MAL:
		return "No es un bloque PEM válido: pegue el texto completo, desde «-----BEGIN» "
		    "hasta «-----END», sin cambios.";
	case PEM_PRIVADA:
		return "Eso es una llave PRIVADA: nunca la comparta con nadie, tampoco con el "
		    "Ministerio. Pegue solo la llave pública o el certificado.";
	case PEM_TIPO:
		return "Tipo no admitido: pegue una llave pública RSA, EC o Ed25519 («PUBLIC KEY» o "
		    "«RSA PUBLIC KEY») o un certificado X.509 («CERTIFICATE»).";
	case PEM_VARIOS:
		return "Pegue un solo bloque PEM: una llave pública o un certificado.";
	case PEM_VENCIDO:
		return "El certificado ya venció: pegue uno vigente.";
	case PEM_DEBIL:
		return "La llave es demasiado débil: use RSA de al menos 2048 bits o EC de al "
		    "menos 256 bits.";
	}
	return "Llave no válida.";
}
