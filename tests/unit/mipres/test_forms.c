/*
 * The MIPRES forms' pure helpers (cgi/mipres/forms.c) over the validation's code tables
 * (cgi/mipres/valid.c, mipres_codigos): every code a select offers means something in Spanish,
 * is accepted by the validation, and the validation refuses what no select offers.
 */
#include <stdio.h>
#include <string.h>

#include "mipres/codigos.h"
#include "mipres/forms.h"
#include "mipres/valid.h"
#include "support.h"

/* The table errors of a no-direccionamiento whose field c is v, by the real rules. */
static int
errores_con(enum mipres_campo c, const char *v)
{
	struct mipres_in in;
	struct mipres_errores e;
	struct mipres_ctx x;
	int k;

	memset(&in, 0, sizeof(in));
	memset(&e, 0, sizeof(e));
	memset(&x, 0, sizeof(x));
	x.hoy = "2026-06-15";
	x.es_eps = 1;
	for (k = 0; k < MP__NPASOS; k++)
		x.est[k] = MP_NINGUNO;
	in.tx = MT_NODIRECCIONAMIENTO;
	in.v[MC_NOPRESCRIPCION] = "20260615000000000001";
	in.v[MC_TIPOTEC] = "M";
	in.v[MC_CONTEC] = "1";
	in.v[MC_TIPOIDPACIENTE] = "CC";
	in.v[MC_NOIDPACIENTE] = "79000111";
	in.v[MC_CAUSANOENTREGA] = "6";
	in.v[c] = v;
	if (mipres_campos(&in, &e) > 0)
		return (int)e.n;
	mipres_reglas(&in, &x, &e);
	for (k = 0; k < (int)e.n; k++)
		if (e.v[k].campo == c)
			return 1;
	return 0;
}

/* Every code of the text tables has a meaning; the validation accepts exactly them. */
static void
test_codigos_de_texto(void **state)
{
	static const enum mipres_campo c[] = { MC_TIPOTEC, MC_TIPOIDPACIENTE, MC_TIPOIDRECIBE,
		MC_TIPOIDPROV, MC_TIPOIDSEDEPROV };
	const char *const *l;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		l = mipres_codigos(c[i]);
		assert_non_null(l);
		for (n = 0; l[n] != NULL; n++)
			assert_non_null(mipres_form_significado(c[i], l[n]));
		assert_true(n >= 4);
	}
	assert_int_equal(mipres_codigos(MC_TIPOTEC)[4][0], 'S');
	assert_null(mipres_codigos(MC_NOLOTE));
	assert_string_equal(mipres_form_significado(MC_TIPOIDPACIENTE, "CC"),
	    "Cédula de ciudadanía");
	assert_string_equal(mipres_form_significado(MC_TIPOTEC, "D"), "Dispositivo médico");
	assert_null(mipres_form_significado(MC_TIPOIDPACIENTE, "XX"));
	/* What the selects offer passes; what they do not is refused, by the same code. */
	for (l = mipres_codigos(MC_TIPOIDPACIENTE); *l != NULL; l++)
		assert_int_equal(errores_con(MC_TIPOIDPACIENTE, *l), 0);
	for (l = mipres_codigos(MC_TIPOTEC); *l != NULL; l++)
		assert_int_equal(errores_con(MC_TIPOTEC, *l), 0);
	assert_int_equal(errores_con(MC_TIPOIDPACIENTE, "NI"), 1);
	assert_int_equal(errores_con(MC_TIPOTEC, "X"), 1);
}

/* Causes 1 to 19 mean something; the reporte offers only 7, 8 and 9; yes/no fields. */
static void
test_causas_y_si_no(void **state)
{
	char k[8];
	long long i;

	(void)state;
	assert_int_equal(mipres_codigo_max(MC_CAUSANOENTREGA), 19);
	for (i = 1; i <= 19; i++) {
		snprintf(k, sizeof(k), "%lld", i);
		assert_non_null(mipres_form_significado(MC_CAUSANOENTREGA, k));
		assert_int_equal(errores_con(MC_CAUSANOENTREGA, k), 0);
		assert_int_equal(mipres_form_causa_ofrecida(MT_REPORTE, i), i >= 7 && i <= 9);
		assert_true(mipres_form_causa_ofrecida(MT_ENTREGA, i));
		assert_true(mipres_form_causa_ofrecida(MT_SUMINISTRO, i));
	}
	assert_int_equal(errores_con(MC_CAUSANOENTREGA, "20"), 1);
	assert_false(mipres_form_causa_ofrecida(MT_ENTREGA, 0));
	assert_false(mipres_form_causa_ofrecida(MT_ENTREGA, 20));
	assert_null(mipres_form_significado(MC_CAUSANOENTREGA, "0"));
	assert_null(mipres_form_significado(MC_CAUSANOENTREGA, "20"));
	assert_string_equal(mipres_form_significado(MC_CAUSANOENTREGA, "8"), "Paciente fallecido");
	assert_string_equal(mipres_form_significado(MC_ENTTOTAL, "0"), "No, entrega parcial");
	assert_string_equal(mipres_form_significado(MC_ESTADOENTREGA, "1"), "Entregado");
	assert_string_equal(mipres_form_significado(MC_ULTENTREGA, "1"), "Sí");
	assert_null(mipres_form_significado(MC_ENTREGACOMPLETA, "2"));
	assert_int_equal(mipres_codigo_max(MC_ENTTOTAL), 1);
	assert_int_equal(mipres_codigo_max(MC_CANTTOTENTREGADA), 0);
}

/* The path words of the kinds of step. */
static void
test_paso_de_ruta(void **state)
{
	(void)state;
	assert_int_equal(mipres_form_paso_de_ruta("direccionamiento"), MP_D);
	assert_int_equal(mipres_form_paso_de_ruta("nodireccionamiento"), MP_N);
	assert_int_equal(mipres_form_paso_de_ruta("programacion"), MP_P);
	assert_int_equal(mipres_form_paso_de_ruta("entrega"), MP_E);
	assert_int_equal(mipres_form_paso_de_ruta("reporte"), MP_R);
	assert_int_equal(mipres_form_paso_de_ruta("suministro"), MP_S);
	assert_int_equal(mipres_form_paso_de_ruta("Entrega"), MP__NPASOS);
	assert_int_equal(mipres_form_paso_de_ruta(""), MP__NPASOS);
	assert_int_equal(mipres_form_paso_de_ruta(NULL), MP__NPASOS);
}

/* The forms name fields by their labels (the wire name only beside the label) and say the
 * limit a malformed value broke. */
static void
test_mensajes(void **state)
{
	struct arena *a = ARENA(state);
	char largo[232];

	assert_string_equal(mipres_form_etiqueta(a, MC_NOPRESCRIPCION),
	    "Número de prescripción (NoPrescripcion)");
	assert_string_equal(mipres_form_nombre(MC_NOPRESCRIPCION), "Número de prescripción");
	assert_string_equal(mipres_form_nombre(MC_ENTTOTAL), "Entrega total");
	assert_string_equal(mipres_form_etiqueta(a, MC_ENTTOTAL), "¿Entrega total? (EntTotal)");
	assert_string_equal(mipres_form_formato(a, MC_NOLOTE, NULL, 0),
	    "Escriba el número de lote.");
	assert_string_equal(mipres_form_formato(a, MC_CAUSANOENTREGA, NULL, 1),
	    "Seleccione la causa de no entrega.");
	assert_string_equal(mipres_form_formato(a, MC_ENTTOTAL, "7", 1),
	    "Entrega total: elija un valor de la lista.");
	assert_string_equal(mipres_form_formato(a, MC_CONTEC, "uno", 0),
	    "Consecutivo de la tecnología: escriba un número entero, solo dígitos (máximo 4).");
	assert_string_equal(mipres_form_formato(a, MC_VALORENTREGADO, "9.800", 0),
	    "Valor entregado: "
	    "escriba solo dígitos, sin puntos ni signos (máximo 15).");
	assert_string_equal(mipres_form_formato(a, MC_FECENTREGA, "2026-02-30", 0),
	    "Fecha de entrega: escriba una fecha válida (día, mes y año).");
	memset(largo, 'x', 230);
	memcpy(largo + 228, "\xc3\xb1", 3);	/* 229 characters, the last an ñ */
	assert_string_equal(mipres_form_formato(a, MC_DIRPACIENTE, largo, 0),
	    "Dirección del paciente: máximo 200 caracteres (tiene 229).");
	assert_string_equal(mipres_form_formato(a, MC_NOLOTE, "L\x01", 0),
	    "Número de lote: sin saltos de línea ni caracteres de control.");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codigos_de_texto),
		cmocka_unit_test(test_causas_y_si_no),
		cmocka_unit_test(test_paso_de_ruta),
		cmocka_unit_test_setup_teardown(test_mensajes, arena_setup, arena_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
