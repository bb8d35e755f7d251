/* Address classification, allow-lists and URL checks for outgoing connections (cgi/sat/red.h). */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "sat/red.h"

int
red_dir_parse(const char *s, struct red_dir *d)
{
	memset(d, 0, sizeof(*d));
	if (inet_pton(AF_INET, s, d->b) == 1) {
		d->fam = 4;
		return 0;
	}
	if (inet_pton(AF_INET6, s, d->b) == 1) {
		d->fam = 6;
		return 0;
	}
	return -1;
}

char *
red_dir_texto(const struct red_dir *d, char *out, size_t n)
{
	if (inet_ntop(d->fam == 4 ? AF_INET : AF_INET6, d->b, out, (socklen_t)n) == NULL)
		snprintf(out, n, "?");
	return out;
}

/* 1 when the first bits of a and b are equal. */
static int
prefijo_igual(const unsigned char *a, const unsigned char *b, int bits)
{
	int full = bits / 8, rest = bits % 8;

	if (memcmp(a, b, (size_t)full) != 0)
		return 0;
	if (rest == 0)
		return 1;
	return ((a[full] ^ b[full]) & (0xff << (8 - rest)) & 0xff) == 0;
}

static enum red_clase
clasificar4(const unsigned char *b)
{
	if (b[0] == 0)
		return RED_NO_ESPECIFICADA;
	if (b[0] == 127)
		return RED_LOOPBACK;
	if (b[0] == 10 || (b[0] == 172 && (b[1] & 0xf0) == 16) || (b[0] == 192 && b[1] == 168))
		return RED_PRIVADA;
	if (b[0] == 100 && (b[1] & 0xc0) == 64)
		return RED_CGNAT;
	if (b[0] == 169 && b[1] == 254)
		return RED_ENLACE_LOCAL;
	if (b[0] == 255 && b[1] == 255 && b[2] == 255 && b[3] == 255)
		return RED_DIFUSION;
	if ((b[0] & 0xf0) == 224)
		return RED_MULTIDIFUSION;
	if ((b[0] & 0xf0) == 240)
		return RED_RESERVADA;
	/* IETF protocol assignments (192.0.0/24) and the benchmarking block (198.18/15). */
	if ((b[0] == 192 && b[1] == 0 && b[2] == 0) || (b[0] == 198 && (b[1] & 0xfe) == 18))
		return RED_RESERVADA;
	return RED_PUBLICA;
}

/*
 * When the IPv6 address b carries an IPv4 address, copies it to v4 and returns 1: mapped
 * (::ffff:0:0/96), compatible (::/96 but :: and ::1), NAT64 (64:ff9b::/96), 6to4 (2002::/16).
 */
static int
v4_dentro(const unsigned char *b, unsigned char *v4)
{
	static const unsigned char mapped[12] = { 0,0,0,0,0,0,0,0,0,0,0xff,0xff };
	static const unsigned char zero[12] = { 0 };
	static const unsigned char nat64[12] = { 0,0x64,0xff,0x9b };

	if (memcmp(b, mapped, 12) == 0 || memcmp(b, nat64, 12) == 0 ||
	    (memcmp(b, zero, 12) == 0 && (b[12] | b[13] | b[14] | (b[15] & 0xfe)) != 0)) {
		memcpy(v4, b + 12, 4);
		return 1;
	}
	if (b[0] == 0x20 && b[1] == 0x02) {
		memcpy(v4, b + 2, 4);
		return 1;
	}
	return 0;
}

static enum red_clase
clasificar6(const unsigned char *b)
{
	static const unsigned char zero[16] = { 0 };
	static const unsigned char uno[16] = { [15] = 1 };
	static const unsigned char nat64local[6] = { 0,0x64,0xff,0x9b,0,1 };
	unsigned char v4[4];

	if (memcmp(b, zero, 16) == 0)
		return RED_NO_ESPECIFICADA;
	if (memcmp(b, uno, 16) == 0)
		return RED_LOOPBACK;
	if (v4_dentro(b, v4))
		return clasificar4(v4);
	if (memcmp(b, nat64local, 6) == 0)
		return RED_RESERVADA;
	if (b[0] == 0xff)
		return RED_MULTIDIFUSION;
	if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
		return RED_ENLACE_LOCAL;
	/* Unique local (fc00::/7) and the deprecated site-local (fec0::/10). */
	if ((b[0] & 0xfe) == 0xfc || (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0))
		return RED_PRIVADA;
	return RED_PUBLICA;
}

enum red_clase
red_classify(const struct red_dir *d)
{
	return d->fam == 4 ? clasificar4(d->b) : clasificar6(d->b);
}

const char *
red_clase_texto(enum red_clase c)
{
	switch (c) {
	case RED_PUBLICA:
		return "una dirección pública";
	case RED_NO_ESPECIFICADA:
		return "una dirección no especificada (0.0.0.0 o ::)";
	case RED_LOOPBACK:
		return "una dirección de bucle local (loopback), es decir, el propio servidor";
	case RED_PRIVADA:
		return "una dirección de red privada (RFC 1918 o RFC 4193)";
	case RED_CGNAT:
		return "una dirección compartida de proveedor (CGNAT, 100.64.0.0/10)";
	case RED_ENLACE_LOCAL:
		return "una dirección de enlace local";
	case RED_MULTIDIFUSION:
		return "una dirección de multidifusión";
	case RED_DIFUSION:
		return "la dirección de difusión";
	case RED_RESERVADA:
		return "una dirección reservada";
	}
	return "una dirección desconocida";
}

int
red_cidr_parse(const char *s, struct red_cidr *c)
{
	char txt[64], *slash, *end;
	struct red_dir masked;
	long bits;
	size_t len = strlen(s);

	if (len == 0 || len >= sizeof(txt))
		return -1;
	memcpy(txt, s, len + 1);
	slash = strchr(txt, '/');
	if (slash)
		*slash = '\0';
	if (red_dir_parse(txt, &c->dir) < 0)
		return -1;
	c->bits = c->dir.fam == 4 ? 32 : 128;
	if (slash) {
		if (!isdigit((unsigned char)slash[1]))
			return -1;
		bits = strtol(slash + 1, &end, 10);
		if (*end != '\0' || bits < 0 || bits > c->bits)
			return -1;
		c->bits = (int)bits;
	}
	/* Host bits set ("10.1.2.3/8") are a typing mistake more often than not: refuse. */
	memset(&masked, 0, sizeof(masked));
	masked.fam = c->dir.fam;
	memcpy(masked.b, c->dir.b, (size_t)(c->bits + 7) / 8);
	if (c->bits % 8)
		masked.b[c->bits / 8] &= (unsigned char)(0xff << (8 - c->bits % 8));
	return memcmp(masked.b, c->dir.b, 16) == 0 ? 0 : -1;
}

int
red_lista_parse(const char *s, struct red_cidr *v, int max, const char **malo)
{
	char item[64];
	int n = 0;
	size_t len;

	for (;;) {
		s += strspn(s, ", \t\r\n");
		if (*s == '\0')
			return n;
		len = strcspn(s, ", \t\r\n");
		if (n == max || len >= sizeof(item))
			goto bad;
		memcpy(item, s, len);
		item[len] = '\0';
		if (red_cidr_parse(item, &v[n]) < 0)
			goto bad;
		n++, s += len;
	}
bad:
	if (malo)
		*malo = s;
	return -1;
}

int
red_lista_contiene(const struct red_cidr *v, int n, const struct red_dir *d)
{
	static const unsigned char mapped[12] = { 0,0,0,0,0,0,0,0,0,0,0xff,0xff };
	struct red_dir v4;
	int i;

	/* ::ffff:a.b.c.d is a.b.c.d on the wire: an IPv4 entry covers it. */
	v4.fam = 0;
	if (d->fam == 6 && memcmp(d->b, mapped, 12) == 0) {
		v4.fam = 4;
		memcpy(v4.b, d->b + 12, 4);
	}
	for (i = 0; i < n; i++) {
		if (v[i].dir.fam == d->fam && prefijo_igual(v[i].dir.b, d->b, v[i].bits))
			return 1;
		if (v[i].dir.fam == 4 && v4.fam == 4 && prefijo_igual(v[i].dir.b, v4.b, v[i].bits))
			return 1;
	}
	return 0;
}

int
red_permitida(const struct red_dir *d, const struct red_cidr *v, int n)
{
	return red_classify(d) == RED_PUBLICA || red_lista_contiene(v, n, d);
}

/*
 * An international name comes back as curl will use it on the wire (punycode), so the name
 * resolved and pinned is the one curl looks up; when libcurl cannot convert it (libidn2
 * needs a UTF-8 locale) the URL is refused as malformed.
 */
#ifdef CURLU_PUNYCODE
#define HOST_IDN CURLU_PUNYCODE
#else
#define HOST_IDN 0
#endif

/* Copies curl's host into u, without the brackets of an IPv6 literal. 0 or -1. */
static int
copy_host(const char *host, struct red_url *u)
{
	struct red_dir d;
	size_t len = strlen(host);

	if (len >= 2 && host[0] == '[' && host[len - 1] == ']')
		host++, len -= 2;
	if (len == 0 || len >= sizeof(u->host))
		return -1;
	memcpy(u->host, host, len);
	u->host[len] = '\0';
	u->literal = red_dir_parse(u->host, &d) == 0;
	return 0;
}

enum red_url_error
red_url_check(const char *url, const int *puertos, int n, struct red_url *u)
{
	CURLU *h = curl_url();
	char *scheme = NULL, *user = NULL, *pass = NULL, *host = NULL, *zone = NULL;
	enum red_url_error e = RED_URL_MAL;
	long port;
	int i;

	memset(u, 0, sizeof(*u));
	if (h == NULL || curl_url_set(h, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(h, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(h, CURLUPART_HOST, &host, HOST_IDN) != CURLUE_OK ||
	    copy_host(host, u) < 0)
		goto out;
	/* A zone id ("fe80::1%eth0") names an interface of this server: never wanted. */
	if (curl_url_get(h, CURLUPART_ZONEID, &zone, 0) == CURLUE_OK)
		goto out;
	e = RED_URL_ESQUEMA;
	if (strcmp(scheme, "https") != 0)
		goto out;
	e = RED_URL_USUARIO;
	if (curl_url_get(h, CURLUPART_USER, &user, 0) == CURLUE_OK ||
	    curl_url_get(h, CURLUPART_PASSWORD, &pass, 0) == CURLUE_OK)
		goto out;
	port = 443;
	{
		char *p = NULL;

		if (curl_url_get(h, CURLUPART_PORT, &p, 0) == CURLUE_OK)
			port = strtol(p, NULL, 10);
		curl_free(p);
	}
	u->port = (int)port;
	e = RED_URL_OK;
	if (port == 443)
		goto out;
	for (i = 0; i < n; i++)
		if (puertos[i] == port)
			goto out;
	e = RED_URL_PUERTO;
out:
	curl_free(scheme), curl_free(user), curl_free(pass), curl_free(host), curl_free(zone);
	curl_url_cleanup(h);
	return e;
}
