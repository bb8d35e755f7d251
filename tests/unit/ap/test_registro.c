/*
 * The records of the AP web services (cgi/ap/registro.c): each field's rule, the first
 * wrong field named, dates checked against "today", and the validators on their edges.
 */
#include <string.h>

#include "ap/registro.h"
#include "support.h"

#define HOY	"2026-11-23"

/* A valid transfer record; the caller changes fields with json_object_set_new/del. */
static json_t *
afiliacion(void)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}",
	    "radicado", "RAD-2026-0001", "tipoDocumento", "CC", "numeroDocumento", "1032456789",
	    "primerNombre", "María", "segundoNombre", "José", "primerApellido", "Pérez",
	    "segundoApellido", "Gómez", "fechaNacimiento", "1990-05-17", "sexo", "F",
	    "tipoNovedad", "TRASLADO", "codigoAdministradoraOrigen", "25-14",
	    "codigoAdministradoraDestino", "230301", "fechaSolicitud", "2026-11-01",
	    "fechaEfectividad", "2026-12-01");
}

/* Asserts that record o (consumed) is refused on campo. */
static void
refused_on(json_t *o, const char *campo)
{
	struct ap_afiliacion a;
	struct ap_error e = { 0 };

	if (ap_afiliacion_read(o, HOY, &a, &e) != -1)
		fail_msg("accepted; expected an error on %s", campo ? campo : "(record)");
	if ((campo == NULL) != (e.campo == NULL) || (campo && strcmp(campo, e.campo) != 0))
		fail_msg("error on %s, expected %s", e.campo ? e.campo : "(record)",
		    campo ? campo : "(record)");
	assert_non_null(e.mensaje);
	json_decref(o);
}

/* A valid record with field k set to string v (NULL: removed). */
static json_t *
con(const char *k, const char *v)
{
	json_t *o = afiliacion();

	if (v == NULL)
		json_object_del(o, k);
	else
		json_object_set_new(o, k, json_string(v));
	return o;
}

static void
test_valid_record(void **state)
{
	struct ap_afiliacion a;
	struct ap_error e;
	json_t *o = afiliacion();

	(void)state;
	assert_int_equal(ap_afiliacion_read(o, HOY, &a, &e), 0);
	assert_string_equal(a.radicado, "RAD-2026-0001");
	assert_string_equal(a.tipo_novedad, "TRASLADO");
	assert_string_equal(a.codigo_origen, "25-14");
	json_decref(o);
	/* An affiliation needs no origin; the kind is read in any case; optional names. */
	o = con("tipoNovedad", "afiliacion");
	json_object_del(o, "codigoAdministradoraOrigen");
	json_object_set_new(o, "segundoNombre", json_null());
	json_object_set_new(o, "segundoApellido", json_string(""));
	assert_int_equal(ap_afiliacion_read(o, HOY, &a, &e), 0);
	assert_string_equal(a.tipo_novedad, "AFILIACION");
	assert_null(a.codigo_origen);
	assert_null(a.segundo_nombre);
	assert_null(a.segundo_apellido);
	json_decref(o);
}

static void
test_each_field(void **state)
{
	json_t *o;

	(void)state;
	refused_on(json_string("no"), NULL);
	refused_on(con("radicado", NULL), "radicado");
	refused_on(con("radicado", "AB"), "radicado");
	refused_on(con("radicado", "-ABCD"), "radicado");
	refused_on(con("radicado", "RAD 2026"), "radicado");
	refused_on(con("tipoDocumento", "cc"), "tipoDocumento");
	refused_on(con("numeroDocumento", "1.032.456"), "numeroDocumento");
	refused_on(con("numeroDocumento", "0123456"), "numeroDocumento");
	refused_on(con("numeroDocumento", "12345678901"), "numeroDocumento");
	refused_on(con("primerNombre", NULL), "primerNombre");
	refused_on(con("primerNombre", "1María"), "primerNombre");
	refused_on(con("segundoApellido", "<b>"), "segundoApellido");
	refused_on(con("fechaNacimiento", "1990-02-29"), "fechaNacimiento");
	refused_on(con("fechaNacimiento", "2026-11-24"), "fechaNacimiento");
	refused_on(con("fechaNacimiento", "2026-11-01"), "fechaNacimiento");	/* = solicitud */
	refused_on(con("sexo", "m"), "sexo");
	refused_on(con("tipoNovedad", "RETIRO"), "tipoNovedad");
	refused_on(con("codigoAdministradoraOrigen", NULL), "codigoAdministradoraOrigen");
	refused_on(con("codigoAdministradoraDestino", "25-14"), "codigoAdministradoraDestino");
	refused_on(con("codigoAdministradoraDestino", "x"), "codigoAdministradoraDestino");
	refused_on(con("fechaSolicitud", "1994-03-31"), "fechaSolicitud");
	refused_on(con("fechaSolicitud", "2026-11-24"), "fechaSolicitud");
	refused_on(con("fechaEfectividad", "2026-10-31"), "fechaEfectividad");
	refused_on(con("fechaEfectividad", "2027-11-25"), "fechaEfectividad");
	/* Not text: a number where a string goes. */
	o = afiliacion();
	json_object_set_new(o, "numeroDocumento", json_integer(1032456789));
	refused_on(o, "numeroDocumento");
	/* A NUL inside a string. */
	o = afiliacion();
	json_object_set_new(o, "primerNombre", json_stringn("Ana\0x", 5));
	refused_on(o, "primerNombre");
}

/* The first wrong field in the documented order is the one named. */
static void
test_first_error(void **state)
{
	json_t *o = con("sexo", "X");

	(void)state;
	json_object_set_new(o, "radicado", json_string("?"));
	refused_on(o, "radicado");
}

static void
test_retracto(void **state)
{
	struct ap_retracto t;
	struct ap_error e;
	json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s}", "radicado", "RAD-2026-0001",
	    "tipoDocumento", "TI", "numeroDocumento", "1002003004", "fechaRetracto", HOY,
	    "motivo", "Desistió");

	(void)state;
	assert_int_equal(ap_retracto_read(o, HOY, &t, &e), 0);
	assert_string_equal(t.num_doc, "1002003004");
	json_object_set_new(o, "fechaRetracto", json_string("2026-11-24"));
	assert_int_equal(ap_retracto_read(o, HOY, &t, &e), -1);
	assert_string_equal(e.campo, "fechaRetracto");
	json_object_set_new(o, "fechaRetracto", json_string(HOY));
	json_object_set_new(o, "motivo", json_string("línea\nnueva"));
	assert_int_equal(ap_retracto_read(o, HOY, &t, &e), -1);
	assert_string_equal(e.campo, "motivo");
	json_object_del(o, "motivo");
	assert_int_equal(ap_retracto_read(o, HOY, &t, &e), -1);
	assert_string_equal(e.campo, "motivo");
	json_decref(o);
}

static void
test_validators(void **state)
{
	(void)state;
	assert_true(ap_fecha_valida("2024-02-29"));
	assert_false(ap_fecha_valida("2023-02-29"));
	assert_false(ap_fecha_valida("1900-02-29"));
	assert_true(ap_fecha_valida("2000-02-29"));
	assert_false(ap_fecha_valida("2026-13-01"));
	assert_false(ap_fecha_valida("2026-1-01"));
	assert_false(ap_fecha_valida("1899-12-31"));
	assert_false(ap_fecha_valida("2026-04-31"));
	assert_int_equal(ap_fecha_dias("1970-01-01"), 0);
	assert_int_equal(ap_fecha_dias("2000-03-01") - ap_fecha_dias("2000-02-28"), 2);
	assert_true(ap_documento_valido("CC", "123"));
	assert_false(ap_documento_valido("CC", "12"));
	assert_true(ap_documento_valido("CC", "1234567890"));
	assert_false(ap_documento_valido("CC", "12345678901"));
	assert_true(ap_documento_valido("TI", "1002003004"));
	assert_false(ap_documento_valido("TI", "100200300"));
	assert_true(ap_documento_valido("PA", "AB123456"));
	assert_false(ap_documento_valido("PA", "AB-123456"));
	assert_false(ap_documento_valido("XX", "123456"));
	assert_true(ap_radicado_valido("RAD-1"));
	assert_false(ap_radicado_valido("RAD"));
	assert_false(ap_radicado_valido("RAD-1234567890123456789012345678"));
	assert_true(ap_codigo_valido("25-14"));
	assert_false(ap_codigo_valido("25_14"));
	assert_true(ap_nombre_valido("D'Angelo"));
	assert_true(ap_nombre_valido("Ñusta"));
	assert_false(ap_nombre_valido(" Ana"));
	assert_false(ap_nombre_valido(""));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_record),
		cmocka_unit_test(test_each_field),
		cmocka_unit_test(test_first_error),
		cmocka_unit_test(test_retracto),
		cmocka_unit_test(test_validators),
	};

	return cmocka_run_group_tests_name("ap_registro", tests, NULL, NULL);
}
