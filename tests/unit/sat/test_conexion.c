/*
 * The connection test's refusals that need no server (cgi/sat/conexion.c): each ends the token
 * step before any connection and leaves the service step untried. The servers' side is in
 * tests/e2e/sat/conexion.test.js.
 */
#include <string.h>

#include "sat/conexion.h"
#include "support.h"

/* Runs the test with token URL url (and an empty allow-list); returns the token step's state. */
static enum con_estado
token(const char *url, struct con_resultado *r)
{
	struct con_config c;

	memset(&c, 0, sizeof(c));
	c.token_url = url;
	c.servicio_url = "https://sat.example.co/servicio";
	c.client_id = "cliente";
	c.client_secret = "secreto";
	assert_int_equal(conexion_test(&c, r), -1);
	assert_int_equal(r->servicio.estado, CON_NO_INTENTADO);
	assert_int_equal(r->token.http, 0);
	assert_true(strlen(r->token.mensaje) > 0);
	return r->token.estado;
}

static void
test_rechazos(void **state)
{
	struct con_resultado r;

	(void)state;
	assert_int_equal(token("http://sat.example.co/token", &r), CON_ESQUEMA);
	assert_int_equal(token("https://u:p@sat.example.co/token", &r), CON_USUARIO_EN_URL);
	assert_int_equal(token("https://sat.example.co:8443/token", &r), CON_PUERTO);
	assert_non_null(strstr(r.token.mensaje, "8443"));
	assert_int_equal(token("no es una URL", &r), CON_URL_INVALIDA);
	assert_int_equal(token(NULL, &r), CON_URL_INVALIDA);
	assert_int_equal(token("https://nombre-que-no-existe.invalid/token", &r), CON_NOMBRE);
	assert_int_equal(token("https://127.0.0.1/token", &r), CON_DIRECCION);
	assert_non_null(strstr(r.token.mensaje, "loopback"));
	assert_int_equal(token("https://[::ffff:10.0.0.1]/token", &r), CON_DIRECCION);
	assert_non_null(strstr(r.token.mensaje, "privada"));
	assert_int_equal(token("https://169.254.169.254/latest/meta-data/", &r), CON_DIRECCION);
	assert_non_null(strstr(r.token.mensaje, "enlace local"));
	/* Nothing of the credentials ends up in a message. */
	assert_null(strstr(r.token.mensaje, "secreto"));
}

static void
test_metodos(void **state)
{
	(void)state;
	assert_true(con_metodo_valido("GET"));
	assert_true(con_metodo_valido("POST"));
	assert_true(con_metodo_valido("PUT"));
	assert_true(con_metodo_valido("PATCH"));
	assert_true(con_metodo_valido("DELETE"));
	assert_false(con_metodo_valido("get"));
	assert_false(con_metodo_valido("TRACE"));
	assert_false(con_metodo_valido("CONNECT"));
	assert_false(con_metodo_valido(""));
	assert_string_equal(con_estado_texto(CON_TIEMPO), "tiempo de espera agotado");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rechazos),
		cmocka_unit_test(test_metodos),
	};

	return cmocka_run_group_tests_name("conexion", tests, NULL, NULL);
}
