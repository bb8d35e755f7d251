/*
 * The public key an entity shares with the ministry: one PEM block, a public key ("PUBLIC
 * KEY", "RSA PUBLIC KEY") or an X.509 "CERTIFICATE", parsed with OpenSSL. Anything else is
 * refused with a reason the page can say: never a private key.
 */
#ifndef PEM_H
#define PEM_H
#include <stddef.h>

#define PEM_MAX		16384	/* bytes of PEM text accepted */
#define PEM_RSA_MIN	2048	/* bits; RSA keys under this are too weak */
#define PEM_EC_MIN	256	/* bits; EC keys under this are too weak */

/* Why a text was refused. */
enum pem_error {
	PEM_OK = 0,
	PEM_VACIO,	/* nothing but blanks */
	PEM_GRANDE,	/* over PEM_MAX */
	PEM_MAL,	/* not one well-formed PEM block */
	PEM_PRIVADA,	/* a private key: must never be shared */
	PEM_TIPO,	/* a PEM block of another kind, or a key algorithm not accepted */
	PEM_VARIOS,	/* more than one block */
	PEM_VENCIDO,	/* a certificate whose notAfter has passed */
	PEM_DEBIL,	/* RSA under PEM_RSA_MIN or EC under PEM_EC_MIN bits */
};

/* What was read from an accepted block. */
struct pem_info {
	int		certificado;	/* 1: a certificate, 0: a bare public key */
	char		tipo[32];	/* "RSA", "EC P-256", "Ed25519", "Ed448" */
	int		bits;
	/* SHA-256 in hex pairs joined by ':' of the certificate's DER, or of the key's
	 * SubjectPublicKeyInfo DER for a bare key (what `openssl x509 -fingerprint -sha256`
	 * and `openssl pkey -pubin -outform DER | sha256sum` print). */
	char		huella[96];
	char		sujeto[256];	/* certificate subject (RFC 2253, UTF-8), or "" */
	long long	vence;		/* certificate notAfter (Unix time), or 0 */
};

/*
 * Reads s[0..len): blanks around one PEM block are allowed, nothing else. now decides
 * whether a certificate has expired. Fills info on PEM_OK (and, for PEM_VENCIDO and
 * PEM_DEBIL, with what was read, so the message can say which date or size).
 */
enum pem_error pem_read(const char *s, size_t len, long long now, struct pem_info *info);
/* The reason in Spanish for a sentence shown next to the field. */
const char *pem_error_texto(enum pem_error e);
#endif
