/* The masking of every log line (cgi/core/log.c log_mask): no log keeps a token. */
#include <string.h>

#include "core/log.h"
#include "support.h"

/* Masks a copy of in and checks it reads want. */
static void
masks_to(const char *in, const char *want)
{
	char line[512];

	assert_true(strlen(in) < sizeof(line));
	strcpy(line, in);
	log_mask(line);
	assert_string_equal(line, want);
}

static void
test_password_link_and_challenge(void **state)
{
	(void)state;
	/* A password link's token (43 base64url characters), in any path and at the end. */
	masks_to("csrf: refused POST /clave/Xk3_9aZ-bQ7rT2uV5wY8zA1cD4eF6gH0iJ2kL3mN5oP from ::1",
	    "csrf: refused POST /clave/*** from ::1");
	masks_to("GET /invitaciones/Xk3_9aZ-bQ7rT2uV5wY8zA1cD4eF6gH0iJ2kL3mN5oP/aceptar",
	    "GET /invitaciones/***/aceptar");
	masks_to("/registro/reto/Xk3_9aZ-bQ7rT2uV5wY8zA1cD4eF6gH0iJ2kL3mN5oP",
	    "/registro/reto/***");
	/* Only letters, yet longer than any route's word; hex; percent-encoded padding. */
	masks_to("x /clave/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ y",
	    "x /clave/*** y");
	masks_to("/t/0123456789abcdef0123456789abcdef?x=1", "/t/***?x=1");
	masks_to("/t/abcdefghij0123456789%3D\"", "/t/***\"");
	masks_to("/t/abcdefghij0123456789%3d%3D=", "/t/***");
	/* A value after '=', padding included; two tokens in one line. */
	masks_to("k=Xk3_9aZ-bQ7rT2uV5wY8zA1== a=Xk3_9aZ-bQ7rT2uV5wY8zA1&b=1",
	    "k=*** a=***&b=1");
}

static void
test_words_kept(void **state)
{
	(void)state;
	/* The routes' words (up to 32 letters), short values, file names: kept. */
	masks_to("api: POST /ReportarAfiliaciontraslado 200 from 127.0.0.1",
	    "api: POST /ReportarAfiliaciontraslado 200 from 127.0.0.1");
	masks_to("api: GET /WSSUMMIPRESNOPBS/api/NODireccionamientoXPacienteFecha/900000001/"
	    "2026-01-01/***/CC/1 200",
	    "api: GET /WSSUMMIPRESNOPBS/api/NODireccionamientoXPacienteFecha/900000001/"
	    "2026-01-01/***/CC/1 200");
	masks_to("db: cannot read /srv/portal/db/migrations/019_bitacoras_largo_nombre.sql",
	    "db: cannot read /srv/portal/db/migrations/019_bitacoras_largo_nombre.sql");
	masks_to("server: 2 workers on /tmp/portal-test-grye0P/portal.sock",
	    "server: 2 workers on /tmp/portal-test-grye0P/portal.sock");
	masks_to("/msps/solicitudes/1234567890123456789", "/msps/solicitudes/1234567890123456789");
	/* A search's words, escaped: the run ends at '%', which is no end of a token. */
	masks_to("q=clinica%20san%20rafael%2020", "q=clinica%20san%20rafael%2020");
	masks_to("", "");
}

static void
test_mipres_tokens(void **state)
{
	(void)state;
	/* The MIPRES rule masks even a short token; the GUID user token too. */
	masks_to("api: PUT /WSSUMMIPRESNOPBS/api/Entrega/900000001/abc 200",
	    "api: PUT /WSSUMMIPRESNOPBS/api/Entrega/900000001/*** 200");
	masks_to("GET /WSSUMMIPRESNOPBS/api/GenerarToken/900000001/"
	    "46bf0cbd-cf23-4dc4-af4b-58bcb032a645",
	    "GET /WSSUMMIPRESNOPBS/api/GenerarToken/900000001/***");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_password_link_and_challenge),
		cmocka_unit_test(test_words_kept),
		cmocka_unit_test(test_mipres_tokens),
	};

	return cmocka_run_group_tests_name("log", tests, NULL, NULL);
}
