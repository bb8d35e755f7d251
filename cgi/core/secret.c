#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "core/log.h"
#include "core/secret.h"

#define NONCE	crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG	crypto_aead_xchacha20poly1305_ietf_ABYTES

static unsigned char key[SECRET_KEYLEN];

void
secret_setkey(const unsigned char k[SECRET_KEYLEN])
{
	memcpy(key, k, SECRET_KEYLEN);
}

/* Creates the key file with a fresh random key; O_EXCL so two starts cannot race. */
static int
create_key(const char *path)
{
	int fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0)
		return errno == EEXIST ? 0 : -1;
	crypto_aead_xchacha20poly1305_ietf_keygen(key);
	if (write(fd, key, SECRET_KEYLEN) != SECRET_KEYLEN) {
		close(fd);
		unlink(path);
		return -1;
	}
	return close(fd);
}

int
secret_init(const char *path)
{
	struct stat sb;
	int fd;

	if (sodium_init() < 0 || create_key(path) < 0) {
		log_err("secret: cannot create key %s", path);
		return -1;
	}
	if ((fd = open(path, O_RDONLY)) < 0 || fstat(fd, &sb) < 0) {
		log_err("secret: cannot read key %s", path);
		return -1;
	}
	if ((sb.st_mode & 077) != 0)
		log_err("secret: %s is readable by others; chmod 600 it", path);
	if (read(fd, key, SECRET_KEYLEN) != SECRET_KEYLEN) {
		log_err("secret: %s is not a %d-byte key", path, SECRET_KEYLEN);
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int
secret_read_key(const char *path, char *err, size_t n)
{
	struct stat sb;
	ssize_t r;
	int fd;

	if (sodium_init() < 0) {
		snprintf(err, n, "libsodium no inicia");
		return -1;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		snprintf(err, n, "no se puede leer la llave %s: %s (cópiela del primer servidor, "
		    "modo 0600; nunca se crea sola)", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		snprintf(err, n, "la llave %s no es un archivo regular", path);
		close(fd);
		return -1;
	}
	if ((sb.st_mode & 077) != 0) {
		snprintf(err, n, "la llave %s tiene modo %03o: otros usuarios pueden leerla o "
		    "cambiarla; déjela en 0600 (chmod 600 %s)", path, (unsigned)(sb.st_mode & 0777),
		    path);
		close(fd);
		return -1;
	}
	if (sb.st_size != SECRET_KEYLEN ||
	    (r = read(fd, key, SECRET_KEYLEN)) != SECRET_KEYLEN) {
		snprintf(err, n, "la llave %s no tiene %d bytes (tiene %lld)", path, SECRET_KEYLEN,
		    (long long)sb.st_size);
		sodium_memzero(key, sizeof(key));
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

void
secret_subclave(unsigned char out[SECRET_KEYLEN], unsigned long long id, const char *ctx)
{
	crypto_kdf_derive_from_key(out, SECRET_KEYLEN, id, ctx, key);
}

unsigned char *
secret_seal_n(struct arena *a, const void *pt, size_t n, const char *ad, size_t *len)
{
	unsigned char *out = arena_alloc(a, NONCE + n + TAG);
	unsigned long long clen;

	randombytes_buf(out, NONCE);
	crypto_aead_xchacha20poly1305_ietf_encrypt(out + NONCE, &clen,
	    (const unsigned char *)pt, n, (const unsigned char *)ad, strlen(ad), NULL, out, key);
	*len = NONCE + (size_t)clen;
	return out;
}

unsigned char *
secret_seal(struct arena *a, const char *pt, const char *ad, size_t *len)
{
	return secret_seal_n(a, pt, strlen(pt), ad, len);
}

void *
secret_open_n(struct arena *a, const void *ct, size_t len, const char *ad, size_t *n)
{
	const unsigned char *c = ct;
	unsigned long long plen;
	unsigned char *out;

	if (ct == NULL || len < NONCE + TAG)
		return NULL;
	out = arena_alloc(a, len - NONCE - TAG + 1);
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(out, &plen, NULL, c + NONCE,
	    len - NONCE, (const unsigned char *)ad, strlen(ad), c, key) != 0)
		return NULL;
	out[plen] = '\0';
	if (n != NULL)
		*n = (size_t)plen;
	return out;
}

char *
secret_open(struct arena *a, const void *ct, size_t len, const char *ad)
{
	return secret_open_n(a, ct, len, ad, NULL);
}

char *
secret_seal_field(struct arena *a, const char *pt, const char *ad)
{
	size_t len, n;
	unsigned char *ct = secret_seal(a, pt, ad, &len);
	char *out;

	n = sodium_base64_encoded_len(len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	out = arena_alloc(a, n);
	sodium_bin2base64(out, n, ct, len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return out;
}

char *
secret_open_field(struct arena *a, const char *campo, const char *ad)
{
	size_t n, len;
	unsigned char *ct;

	if (campo == NULL || (n = strlen(campo)) == 0 || n > SECRET_CAMPO_MAX)
		return NULL;
	ct = arena_alloc(a, n);
	if (sodium_base642bin(ct, n, campo, n, NULL, &len, NULL,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
		return NULL;
	return secret_open(a, ct, len, ad);
}
