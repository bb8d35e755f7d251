/* Where the portal may connect to (cgi/sat/red.c): address classes, allow-lists, URL checks. */
#include <string.h>

#include "sat/red.h"
#include "support.h"

/* The class of the numeric address s; fails the test when s does not parse. */
static enum red_clase
clase(const char *s)
{
	struct red_dir d;

	if (red_dir_parse(s, &d) < 0)
		fail_msg("%s does not parse", s);
	return red_classify(&d);
}

#define CLASE(s, c) do { \
	if (clase(s) != (c)) \
		fail_msg("%s: class %d, expected %d (%s)", s, clase(s), c, #c); \
} while (0)

static void
test_ipv4(void **state)
{
	(void)state;
	CLASE("0.0.0.0", RED_NO_ESPECIFICADA);
	CLASE("0.1.2.3", RED_NO_ESPECIFICADA);
	CLASE("127.0.0.1", RED_LOOPBACK);
	CLASE("127.255.255.254", RED_LOOPBACK);
	CLASE("10.0.0.1", RED_PRIVADA);
	CLASE("10.255.255.255", RED_PRIVADA);
	CLASE("172.16.0.1", RED_PRIVADA);
	CLASE("172.31.255.255", RED_PRIVADA);
	CLASE("192.168.1.1", RED_PRIVADA);
	CLASE("100.64.0.1", RED_CGNAT);
	CLASE("100.127.255.255", RED_CGNAT);
	CLASE("169.254.169.254", RED_ENLACE_LOCAL);	/* the cloud metadata service */
	CLASE("224.0.0.1", RED_MULTIDIFUSION);
	CLASE("239.255.255.250", RED_MULTIDIFUSION);
	CLASE("255.255.255.255", RED_DIFUSION);
	CLASE("240.0.0.1", RED_RESERVADA);
	CLASE("192.0.0.8", RED_RESERVADA);
	CLASE("198.18.0.1", RED_RESERVADA);
	/* Public, including the neighbours of each refused block. */
	CLASE("8.8.8.8", RED_PUBLICA);
	CLASE("190.24.1.2", RED_PUBLICA);
	CLASE("1.0.0.0", RED_PUBLICA);
	CLASE("11.0.0.0", RED_PUBLICA);
	CLASE("126.255.255.255", RED_PUBLICA);
	CLASE("128.0.0.0", RED_PUBLICA);
	CLASE("172.15.255.255", RED_PUBLICA);
	CLASE("172.32.0.0", RED_PUBLICA);
	CLASE("192.167.255.255", RED_PUBLICA);
	CLASE("192.169.0.0", RED_PUBLICA);
	CLASE("100.63.255.255", RED_PUBLICA);
	CLASE("100.128.0.0", RED_PUBLICA);
	CLASE("169.253.255.255", RED_PUBLICA);
	CLASE("223.255.255.255", RED_PUBLICA);
	CLASE("198.20.0.0", RED_PUBLICA);
}

static void
test_ipv6(void **state)
{
	(void)state;
	CLASE("::", RED_NO_ESPECIFICADA);
	CLASE("::1", RED_LOOPBACK);
	CLASE("fe80::1", RED_ENLACE_LOCAL);
	CLASE("febf:ffff::1", RED_ENLACE_LOCAL);
	CLASE("fc00::1", RED_PRIVADA);
	CLASE("fd12:3456:789a::1", RED_PRIVADA);
	CLASE("fec0::1", RED_PRIVADA);
	CLASE("ff02::1", RED_MULTIDIFUSION);
	CLASE("ff05::1:3", RED_MULTIDIFUSION);
	CLASE("64:ff9b:1::1", RED_RESERVADA);
	/* IPv4 inside IPv6: mapped, compatible, NAT64 and 6to4 take the IPv4 class. */
	CLASE("::ffff:127.0.0.1", RED_LOOPBACK);
	CLASE("::ffff:7f00:1", RED_LOOPBACK);
	CLASE("::ffff:10.1.2.3", RED_PRIVADA);
	CLASE("::ffff:169.254.169.254", RED_ENLACE_LOCAL);
	CLASE("::ffff:100.64.0.1", RED_CGNAT);
	CLASE("::ffff:0.0.0.0", RED_NO_ESPECIFICADA);
	CLASE("::ffff:255.255.255.255", RED_DIFUSION);
	CLASE("::127.0.0.1", RED_LOOPBACK);
	CLASE("::192.168.0.1", RED_PRIVADA);
	CLASE("::0.0.0.2", RED_NO_ESPECIFICADA);
	CLASE("64:ff9b::127.0.0.1", RED_LOOPBACK);
	CLASE("64:ff9b::a00:1", RED_PRIVADA);
	CLASE("64:ff9b::224.0.0.1", RED_MULTIDIFUSION);
	CLASE("2002:7f00:1::", RED_LOOPBACK);
	CLASE("2002:c0a8:101::1", RED_PRIVADA);
	/* Public. */
	CLASE("2001:4860:4860::8888", RED_PUBLICA);
	CLASE("2800:3f0:4005::200e", RED_PUBLICA);
	CLASE("::ffff:8.8.8.8", RED_PUBLICA);
	CLASE("64:ff9b::8.8.8.8", RED_PUBLICA);
	CLASE("2002:808:808::1", RED_PUBLICA);
	CLASE("fbff:ffff::1", RED_PUBLICA);
	CLASE("fe7f::1", RED_PUBLICA);
}

static void
test_parse(void **state)
{
	struct red_dir d;
	char txt[64];

	(void)state;
	assert_int_equal(red_dir_parse("1.2.3", &d), -1);
	assert_int_equal(red_dir_parse("1.2.3.256", &d), -1);
	assert_int_equal(red_dir_parse("[::1]", &d), -1);
	assert_int_equal(red_dir_parse("localhost", &d), -1);
	assert_int_equal(red_dir_parse("", &d), -1);
	assert_int_equal(red_dir_parse("::ffff:1.2.3.4", &d), 0);
	assert_int_equal(d.fam, 6);
	assert_string_equal(red_dir_texto(&d, txt, sizeof(txt)), "::ffff:1.2.3.4");
	assert_int_equal(red_dir_parse("10.0.0.1", &d), 0);
	assert_int_equal(d.fam, 4);
	assert_string_equal(red_dir_texto(&d, txt, sizeof(txt)), "10.0.0.1");
}

/* 1 when s is allowed by the list l (which must parse). */
static int
permite(const char *l, const char *s)
{
	struct red_cidr v[8];
	struct red_dir d;
	int n = red_lista_parse(l, v, 8, NULL);

	if (n < 0 || red_dir_parse(s, &d) < 0)
		fail_msg("list %s or address %s does not parse", l, s);
	return red_permitida(&d, v, n);
}

static void
test_cidr(void **state)
{
	struct red_cidr c, v[2];
	const char *malo = NULL;

	(void)state;
	assert_int_equal(red_cidr_parse("10.0.0.0/8", &c), 0);
	assert_int_equal(c.bits, 8);
	assert_int_equal(red_cidr_parse("10.1.2.3", &c), 0);
	assert_int_equal(c.bits, 32);
	assert_int_equal(red_cidr_parse("fd00::/8", &c), 0);
	assert_int_equal(c.bits, 8);
	assert_int_equal(red_cidr_parse("::1", &c), 0);
	assert_int_equal(c.bits, 128);
	assert_int_equal(red_cidr_parse("0.0.0.0/0", &c), 0);
	/* Bad: host bits set, prefix too long, junk, empty prefix, names. */
	assert_int_equal(red_cidr_parse("10.1.2.3/8", &c), -1);
	assert_int_equal(red_cidr_parse("10.0.0.0/33", &c), -1);
	assert_int_equal(red_cidr_parse("fd00::/129", &c), -1);
	assert_int_equal(red_cidr_parse("10.0.0.0/", &c), -1);
	assert_int_equal(red_cidr_parse("10.0.0.0/-1", &c), -1);
	assert_int_equal(red_cidr_parse("10.0.0.0/8x", &c), -1);
	assert_int_equal(red_cidr_parse("intranet.local", &c), -1);
	assert_int_equal(red_cidr_parse("", &c), -1);
	assert_int_equal(red_cidr_parse("192.168.1.0/23", &c), -1);
	assert_int_equal(red_cidr_parse("192.168.0.0/23", &c), 0);
	/* Lists: commas and blanks; the bad entry is pointed at; the size is bounded. */
	assert_int_equal(red_lista_parse("", v, 2, NULL), 0);
	assert_int_equal(red_lista_parse(" 10.0.0.0/8,\tfd00::/8 ", v, 2, NULL), 2);
	assert_int_equal(red_lista_parse("10.0.0.0/8, nada, ::1", v, 2, &malo), -1);
	assert_string_equal(malo, "nada, ::1");
	assert_int_equal(red_lista_parse("::1 ::2 ::3", v, 2, &malo), -1);
	assert_string_equal(malo, "::3");
}

static void
test_permitida(void **state)
{
	(void)state;
	/* Public addresses pass with an empty list; refused ones do not. */
	assert_true(permite("", "8.8.8.8"));
	assert_true(permite("", "2001:4860:4860::8888"));
	assert_false(permite("", "127.0.0.1"));
	assert_false(permite("", "::1"));
	assert_false(permite("", "10.0.0.1"));
	assert_false(permite("", "::ffff:10.0.0.1"));
	/* A block lets in its addresses and nothing beside them. */
	assert_true(permite("10.20.0.0/16", "10.20.5.6"));
	assert_false(permite("10.20.0.0/16", "10.21.0.1"));
	assert_true(permite("192.168.0.0/23", "192.168.1.255"));
	assert_false(permite("192.168.0.0/23", "192.168.2.0"));
	assert_true(permite("127.0.0.1", "127.0.0.1"));
	assert_false(permite("127.0.0.1", "127.0.0.2"));
	assert_true(permite("fd00:1::/32", "fd00:1:2::3"));
	assert_false(permite("fd00:1::/32", "fd00:2::3"));
	/* An IPv4 entry covers the IPv4-mapped form, not other families. */
	assert_true(permite("127.0.0.1", "::ffff:127.0.0.1"));
	assert_false(permite("127.0.0.1", "::1"));
	assert_false(permite("::1", "127.0.0.1"));
	assert_false(permite("10.0.0.0/8", "fd00::1"));
}

static void
test_url(void **state)
{
	struct red_url u;
	int puertos[] = { 8443, 9000 };

	(void)state;
	assert_int_equal(red_url_check("https://sat.example.co/oauth/token", NULL, 0, &u),
	    RED_URL_OK);
	assert_string_equal(u.host, "sat.example.co");
	assert_int_equal(u.port, 443);
	assert_false(u.literal);
	assert_int_equal(red_url_check("https://sat.example.co:443/x", NULL, 0, &u), RED_URL_OK);
	assert_int_equal(red_url_check("https://[2001:db8::1]:8443/x", puertos, 2, &u),
	    RED_URL_OK);
	assert_string_equal(u.host, "2001:db8::1");
	assert_int_equal(u.port, 8443);
	assert_true(u.literal);
	assert_int_equal(red_url_check("https://127.0.0.1:9000/", puertos, 2, &u), RED_URL_OK);
	assert_true(u.literal);
	/* Scheme. */
	assert_int_equal(red_url_check("http://sat.example.co/", NULL, 0, &u), RED_URL_ESQUEMA);
	assert_int_equal(red_url_check("ftp://sat.example.co/", NULL, 0, &u), RED_URL_ESQUEMA);
	assert_int_equal(red_url_check("file:///etc/passwd", NULL, 0, &u), RED_URL_MAL);
	assert_int_equal(red_url_check("sat.example.co/x", NULL, 0, &u), RED_URL_MAL);
	assert_int_equal(red_url_check("", NULL, 0, &u), RED_URL_MAL);
	assert_int_equal(red_url_check("https://", NULL, 0, &u), RED_URL_MAL);
	/* Ports: 443 always, others only when listed. */
	assert_int_equal(red_url_check("https://sat.example.co:8080/", puertos, 2, &u),
	    RED_URL_PUERTO);
	assert_int_equal(u.port, 8080);
	assert_int_equal(red_url_check("https://sat.example.co:8443/", NULL, 0, &u),
	    RED_URL_PUERTO);
	assert_int_equal(red_url_check("https://sat.example.co:22/", puertos, 2, &u),
	    RED_URL_PUERTO);
	/* Userinfo, with or without a password, even an empty one. */
	assert_int_equal(red_url_check("https://u:p@sat.example.co/", NULL, 0, &u),
	    RED_URL_USUARIO);
	assert_int_equal(red_url_check("https://u@sat.example.co/", NULL, 0, &u),
	    RED_URL_USUARIO);
	assert_int_equal(red_url_check("https://:p@sat.example.co/", NULL, 0, &u),
	    RED_URL_USUARIO);
	assert_int_equal(red_url_check("https://sat.example.co@10.0.0.1/", NULL, 0, &u),
	    RED_URL_USUARIO);
	/*
	 * An international name is given as curl will look it up (punycode), or refused when
	 * libcurl cannot convert it (libidn2 in the C locale): never the raw UTF-8 name.
	 */
	if (red_url_check("https://cl\xc3\xadnica.example.co/", NULL, 0, &u) == RED_URL_OK)
		assert_string_equal(u.host, "xn--clnica-4va.example.co");
	else
		assert_int_equal(red_url_check("https://cl\xc3\xadnica.example.co/", NULL, 0, &u),
		    RED_URL_MAL);
	/* A zone id names one of this server's interfaces. */
	assert_int_equal(red_url_check("https://[fe80::1%25eth0]/", NULL, 0, &u), RED_URL_MAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ipv4),
		cmocka_unit_test(test_ipv6),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_cidr),
		cmocka_unit_test(test_permitida),
		cmocka_unit_test(test_url),
	};

	return cmocka_run_group_tests_name("red", tests, NULL, NULL);
}
