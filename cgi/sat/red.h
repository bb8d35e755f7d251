/*
 * Where the portal may connect to on behalf of an entity (no SSRF): address classification,
 * the operator's allow-list of addresses and CIDR blocks, and the URL check (https only, an
 * allowed port, no user:password@). Pure functions, except red_url_check which uses
 * libcurl's URL parser: the same parser that later makes the request, so both read one host.
 */
#ifndef RED_H
#define RED_H
#include <stddef.h>

/* An address in network byte order: fam is 4 (b[0..3]) or 6 (b[0..15]). */
struct red_dir {
	int		fam;
	unsigned char	b[16];
};

/* What an address is; everything but RED_PUBLICA is refused unless allow-listed. */
enum red_clase {
	RED_PUBLICA = 0,
	RED_NO_ESPECIFICADA,	/* 0.0.0.0/8, :: */
	RED_LOOPBACK,		/* 127/8, ::1 */
	RED_PRIVADA,		/* 10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10 */
	RED_CGNAT,		/* 100.64/10 */
	RED_ENLACE_LOCAL,	/* 169.254/16, fe80::/10 */
	RED_MULTIDIFUSION,	/* 224/4, ff00::/8 */
	RED_DIFUSION,		/* 255.255.255.255 */
	RED_RESERVADA,		/* 240/4, 192.0.0/24, 198.18/15, 64:ff9b:1::/48 */
};

/* An allow-list entry: an address and a prefix length (32 or 128 for one address). */
struct red_cidr {
	struct red_dir	dir;
	int		bits;
};

/* Parses a numeric IPv4 or IPv6 address (no brackets, no zone). Returns 0 or -1. */
int red_dir_parse(const char *s, struct red_dir *d);
/* Writes d as text (inet_ntop) into out, at least 46 bytes. Returns out. */
char *red_dir_texto(const struct red_dir *d, char *out, size_t n);
/*
 * Classifies d. IPv6 forms that carry an IPv4 address (mapped ::ffff:a.b.c.d, compatible
 * ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002:aabb:ccdd::/48) take the class of that address.
 */
enum red_clase red_classify(const struct red_dir *d);
/* The class in Spanish for a sentence: "una dirección de bucle local (loopback)". */
const char *red_clase_texto(enum red_clase c);

/* Parses "a.b.c.d", "a.b.c.d/n", an IPv6 address or "x::/n". Host bits must be zero. 0 / -1. */
int red_cidr_parse(const char *s, struct red_cidr *c);
/*
 * Parses a list of entries separated by commas or blanks into v (at most max). Returns the
 * count, or -1 with *malo pointing at the first bad entry (when malo is not NULL).
 */
int red_lista_parse(const char *s, struct red_cidr *v, int max, const char **malo);
/* 1 when d is inside one of the n entries (an IPv4-mapped IPv6 address also as IPv4). */
int red_lista_contiene(const struct red_cidr *v, int n, const struct red_dir *d);
/* 1 when the portal may connect to d: a public address, or one in the allow-list. */
int red_permitida(const struct red_dir *d, const struct red_cidr *v, int n);

/* Why a URL is refused. */
enum red_url_error {
	RED_URL_OK = 0,
	RED_URL_MAL,		/* not a URL curl can parse, or no host */
	RED_URL_ESQUEMA,	/* not https */
	RED_URL_USUARIO,	/* user or password in the URL */
	RED_URL_PUERTO,		/* a port that is neither 443 nor in the list */
};

/* A checked URL's host (brackets removed from an IPv6 literal) and port. */
struct red_url {
	char	host[256];
	int	port;
	int	literal;	/* host is a numeric address */
};

/*
 * Checks url: https, no userinfo, port 443 or one of the n in puertos. Fills u (host, port)
 * when the answer is RED_URL_OK or RED_URL_PUERTO.
 */
enum red_url_error red_url_check(const char *url, const int *puertos, int n,
    struct red_url *u);
#endif
