/*
 * The MIPRES validation module (cgi/mipres/valid.c): field formats (the API's 400) and the
 * business rules (its 422) of each transaction, on a line state built here; and the
 * masking of API tokens in log lines (cgi/core/log.c).
 */
#include <string.h>

#include "core/log.h"
#include "mipres/valid.h"
#include "support.h"

#define HOY	"2026-06-15"

/* A provider (NIT 900000001) acting on a line directed to it: direccionamiento active. */
static struct mipres_ctx
ctx_prov(void)
{
	struct mipres_ctx x = { .hoy = HOY, .es_eps = 0, .entidad_id = 7, .nit = "900000001",
		.regimen = "", .linea = 1, .linea_eps_id = 3, .linea_regimen = "contributivo",
		.linea_prov_nit = "900000001",
		.fec_max_ent = "2026-06-30", .cant_total = 30 };
	int k;

	for (k = 0; k < MP__NPASOS; k++)
		x.est[k] = MP_NINGUNO;
	x.est[MP_D] = MP_ACTIVO;
	return x;
}

/* Sets field c (by its wire name) of in. */
static void
set(struct mipres_in *in, const char *name, const char *v)
{
	int c;

	for (c = 0; c < MC__N; c++)
		if (strcmp(mipres_campo_nombre((enum mipres_campo)c), name) == 0) {
			in->v[c] = v;
			return;
		}
	fail_msg("no field %s", name);
}

/* Whether e has an error on field name whose message contains part. */
static int
has(const struct mipres_errores *e, const char *name, const char *part)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		if (strcmp(mipres_campo_nombre(e->v[i].campo), name) == 0 &&
		    strstr(e->v[i].mensaje, part) != NULL)
			return 1;
	return 0;
}

static struct mipres_in
entrega(const char *cant, const char *total, const char *causa, const char *fecha)
{
	struct mipres_in in = { .tx = MT_ENTREGA };

	set(&in, "ID", "12");
	set(&in, "CodSerTecEntregado", "019971860-01");
	set(&in, "CantTotEntregada", cant);
	set(&in, "EntTotal", total);
	set(&in, "CausaNoEntrega", causa);
	set(&in, "FecEntrega", fecha);
	set(&in, "TipoIDRecibe", "CC");
	set(&in, "NoIDRecibe", "1234567");
	return in;
}

static void
test_campos_formato(void **state)
{
	struct mipres_in in = entrega("2", "1", NULL, HOY);
	struct mipres_errores e = { .n = 0 };

	(void)state;
	assert_int_equal(mipres_campos(&in, &e), 0);
	assert_int_equal(in.n[MC_CANTTOTENTREGADA], 2);
	assert_int_equal(in.n[MC_ID], 12);
	/* Missing required, a non-integer, a non-digit quantity, an impossible date. */
	in = entrega("dos", "1", NULL, "2026-02-30");
	set(&in, "ID", "12a");
	set(&in, "TipoIDRecibe", NULL);
	assert_int_equal(mipres_campos(&in, &e), 4);
	assert_true(has(&e, "ID", "entero"));
	assert_true(has(&e, "CantTotEntregada", "dígitos"));
	assert_true(has(&e, "FecEntrega", "AAAA-MM-DD"));
	assert_true(has(&e, "TipoIDRecibe", "obligatorio"));
	/* Negative numbers are not integers of the spec. */
	e.n = 0;
	in = entrega("-1", "1", NULL, HOY);
	assert_int_equal(mipres_campos(&in, &e), 1);
}

static void
test_entrega_reglas(void **state)
{
	struct mipres_ctx x = ctx_prov();
	struct mipres_in in;
	struct mipres_errores e = { .n = 0 };

	(void)state;
	x.est[MP_D] = MP_PROCESADO;
	x.est[MP_P] = MP_ACTIVO;
	x.cant_prog = 20;
	in = entrega("20", "1", NULL, HOY);
	mipres_campos(&in, &e);
	assert_int_equal(mipres_reglas(&in, &x, &e), 0);
	/* Above what was programmed. */
	in = entrega("21", "1", NULL, HOY);
	mipres_campos(&in, &e);
	assert_int_equal(mipres_reglas(&in, &x, &e), 1);
	assert_true(has(&e, "CantTotEntregada", "supera"));
	/* Partial without a partial cause; then with cause 4 and 11. */
	e.n = 0;
	in = entrega("5", "0", NULL, HOY);
	mipres_campos(&in, &e);
	assert_int_equal(mipres_reglas(&in, &x, &e), 1);
	assert_true(has(&e, "CausaNoEntrega", "4, 11, 12 o 13"));
	in = entrega("5", "0", "11", HOY);
	mipres_campos(&in, &e);
	assert_int_equal(mipres_reglas(&in, &x, &e), 0);
	e.n = 0;
	in = entrega("5", "0", "7", HOY);
	mipres_campos(&in, &e);
	assert_true(mipres_reglas(&in, &x, &e) >= 1);
	assert_true(has(&e, "CantTotEntregada", "7, 8 o 9"));
	/* Non-delivery: quantity 0 with 7, 8 or 9; not with another cause. */
	e.n = 0;
	in = entrega("0", "0", "8", HOY);
	mipres_campos(&in, &e);
	assert_int_equal(mipres_reglas(&in, &x, &e), 0);
	in = entrega("0", "0", "4", HOY);
	mipres_campos(&in, &e);
	assert_int_equal(mipres_reglas(&in, &x, &e), 1);
	assert_true(has(&e, "CausaNoEntrega", "7, 8 o 9"));
	/* After FecMaxEnt needs a cause; in the future never. */
	e.n = 0;
	x.fec_max_ent = "2026-06-01";
	in = entrega("20", "1", NULL, HOY);
	mipres_campos(&in, &e);
	assert_int_equal(mipres_reglas(&in, &x, &e), 1);
	assert_true(has(&e, "FecEntrega", "FecMaxEnt"));
	in = entrega("20", "1", "15", HOY);
	mipres_campos(&in, &e);
	assert_int_equal(mipres_reglas(&in, &x, &e), 0);
	e.n = 0;
	in = entrega("20", "1", "15", "2026-06-16");
	mipres_campos(&in, &e);
	assert_int_equal(mipres_reglas(&in, &x, &e), 1);
	assert_true(has(&e, "FecEntrega", "posterior a hoy"));
}

static void
test_orden_y_duena(void **state)
{
	struct mipres_ctx x = ctx_prov();
	struct mipres_in in = entrega("2", "1", NULL, HOY);
	struct mipres_errores e = { .n = 0 };

	(void)state;
	mipres_campos(&in, &e);
	/* No active programación yet. */
	assert_int_equal(mipres_reglas(&in, &x, &e), 1);
	assert_true(has(&e, "ID", "programación activa"));
	/* Another provider's line, or none: the same words. */
	e.n = 0;
	x.linea_prov_nit = "900000002";
	assert_int_equal(mipres_reglas(&in, &x, &e), 1);
	assert_true(has(&e, "ID", "no existe"));
	x.linea = 0;
	assert_int_equal(mipres_reglas(&in, &x, &e), 1);
	assert_true(has(&e, "ID", "no existe"));
	/* An EPS cannot record an entrega; a provider no direccionamiento. */
	e.n = 0;
	x = ctx_prov();
	x.es_eps = 1;
	assert_int_equal(mipres_reglas(&in, &x, &e), 1);
	assert_int_equal(e.v[0].campo, MC_NINGUNO);
	/* An entrega already live on the line. */
	e.n = 0;
	x = ctx_prov();
	x.est[MP_D] = x.est[MP_P] = MP_PROCESADO;
	x.est[MP_E] = MP_ACTIVO;
	assert_int_equal(mipres_reglas(&in, &x, &e), 1);
	assert_true(has(&e, "ID", "ya tiene una entrega"));
}

static void
test_programacion_y_tablas(void **state)
{
	struct mipres_ctx x = ctx_prov();
	struct mipres_in in = { .tx = MT_PROGRAMACION };
	struct mipres_errores e = { .n = 0 };

	(void)state;
	set(&in, "ID", "12");
	set(&in, "FecMaxEnt", "2026-06-20");
	set(&in, "TipoIDSedeProv", "XX");
	set(&in, "NoIDSedeProv", "900000001");
	set(&in, "CodSedeProv", "PROV12");
	set(&in, "CodSerTecAEntregar", "019971860-01");
	set(&in, "CantTotAEntregar", "31");
	assert_int_equal(mipres_campos(&in, &e), 0);
	assert_int_equal(mipres_reglas(&in, &x, &e), 3);
	assert_true(has(&e, "TipoIDSedeProv", "NI"));
	assert_true(has(&e, "CodSedeProv", "PROV"));
	assert_true(has(&e, "CantTotAEntregar", "direccionada"));
	e.n = 0;
	set(&in, "TipoIDSedeProv", "NI");
	set(&in, "CodSedeProv", "PROV123456");
	set(&in, "CantTotAEntregar", "0");
	mipres_campos(&in, &e);
	assert_int_equal(mipres_reglas(&in, &x, &e), 1);
	assert_true(has(&e, "CantTotAEntregar", "mayor que 0"));
}

static void
test_reporte_y_suministro(void **state)
{
	struct mipres_ctx x = ctx_prov();
	struct mipres_in in = { .tx = MT_REPORTE };
	struct mipres_errores e = { .n = 0 };

	(void)state;
	x.est[MP_D] = x.est[MP_P] = MP_PROCESADO;
	x.est[MP_E] = MP_ACTIVO;
	x.cant_ent = 5;
	set(&in, "ID", "12");
	set(&in, "EstadoEntrega", "0");
	set(&in, "ValorEntregado", "0");
	mipres_campos(&in, &e);
	assert_int_equal(mipres_reglas(&in, &x, &e), 1);
	assert_true(has(&e, "CausaNoEntrega", "7, 8 o 9"));
	/* Suministro: EPS only, needs an active reporte, not above what was directed. */
	e.n = 0;
	in = (struct mipres_in){ .tx = MT_SUMINISTRO };
	set(&in, "ID", "12");
	set(&in, "UltEntrega", "1");
	set(&in, "EntregaCompleta", "0");
	set(&in, "CantTotEntregada", "40");
	set(&in, "ValorEntregado", "1000");
	mipres_campos(&in, &e);
	x.es_eps = 1;
	x.entidad_id = 3;
	x.regimen = "contributivo";
	x.est[MP_E] = MP_PROCESADO;
	x.est[MP_R] = MP_ACTIVO;
	assert_int_equal(mipres_reglas(&in, &x, &e), 2);
	assert_true(has(&e, "CantTotEntregada", "direccionada"));
	assert_true(has(&e, "CausaNoEntrega", "incompleto"));
	/* Another EPS's line. */
	e.n = 0;
	x.entidad_id = 4;
	assert_int_equal(mipres_reglas(&in, &x, &e), 1);
	assert_true(has(&e, "ID", "esta EPS"));
	/* Its own line of the other régimen: a token of one régimen does not reach it. */
	e.n = 0;
	x.entidad_id = 3;
	x.regimen = "subsidiado";
	assert_int_equal(mipres_reglas(&in, &x, &e), 1);
	assert_true(has(&e, "ID", "este régimen"));
}

static void
test_anulable(void **state)
{
	(void)state;
	assert_null(mipres_anulable(MP_P, MP_ACTIVO, MP_NINGUNO));
	assert_null(mipres_anulable(MP_P, MP_ACTIVO, MP_ANULADO));
	assert_non_null(strstr(mipres_anulable(MP_P, MP_PROCESADO, MP_ACTIVO), "entrega"));
	assert_non_null(mipres_anulable(MP_D, MP_ACTIVO, MP_ACTIVO));
	assert_non_null(strstr(mipres_anulable(MP_E, MP_ANULADO, MP_NINGUNO), "anulado"));
}

/* An empty string in an optional field is an absent field; in a required one, an error. */
static void
test_vacio_opcional(void **state)
{
	struct mipres_in in = entrega("2", "1", "", HOY);
	struct mipres_errores e = { .n = 0 };

	(void)state;
	assert_int_equal(mipres_campos(&in, &e), 0);
	assert_null(in.v[MC_CAUSANOENTREGA]);
	memset(&in, 0, sizeof(in));
	in.tx = MT_SUMINISTRO;
	set(&in, "ID", "5");
	set(&in, "UltEntrega", "1");
	set(&in, "EntregaCompleta", "1");
	set(&in, "CausaNoEntrega", "");
	set(&in, "NoPrescripcionAsociada", "");
	set(&in, "ConTecAsociada", "");
	set(&in, "CantTotEntregada", "3");
	set(&in, "NoLote", "");
	set(&in, "ValorEntregado", "1000");
	assert_int_equal(mipres_campos(&in, &e), 0);
	assert_null(in.v[MC_NOPRESCRIPCIONASOCIADA]);
	set(&in, "ValorEntregado", "");
	assert_int_equal(mipres_campos(&in, &e), 1);
	assert_true(has(&e, "ValorEntregado", "entero") || has(&e, "ValorEntregado", "dígitos"));
}

/* Every transaction's required fields are reported missing on an empty input. */
static void
test_requeridos(void **state)
{
	const unsigned char *req;
	const enum mipres_campo *c;
	struct mipres_errores e;
	struct mipres_in in;
	int tx, n;

	(void)state;
	for (tx = 0; tx < MT__N; tx++) {
		memset(&in, 0, sizeof(in));
		in.tx = (enum mipres_tx)tx;
		e.n = 0;
		c = mipres_tx_campos(in.tx, &req);
		for (n = 0; c[n] != MC__N; n++)
			;
		assert_true(mipres_campos(&in, &e) >= 1);
		assert_true((int)e.n <= n);
	}
}

static void
test_log_mask(void **state)
{
	char a[] = "api: PUT /WSSUMMIPRESNOPBS/api/Entrega/900000001/abcDEF_-123= 200";
	char b[] = "GET /wssummipresnopbs/API/EntregaXPacienteFecha/900000001/2026-01-01/"
	    "tok%3D/CC/123 x";
	char c[] = "GET /WSSUMMIPRESNOPBS/api/GenerarToken/900000001/"
	    "46bf0cbd-cf23-4dc4-af4b-58bcb032a645";
	char d[] = "GET /WSSUMMIPRESNOPBS/api/nada y /login";

	(void)state;
	log_mask(a);
	assert_string_equal(a, "api: PUT /WSSUMMIPRESNOPBS/api/Entrega/900000001/*** 200");
	log_mask(b);
	assert_string_equal(b, "GET /wssummipresnopbs/API/EntregaXPacienteFecha/900000001/"
	    "2026-01-01/***/CC/123 x");
	log_mask(c);
	assert_string_equal(c, "GET /WSSUMMIPRESNOPBS/api/GenerarToken/900000001/***");
	log_mask(d);
	assert_string_equal(d, "GET /WSSUMMIPRESNOPBS/api/nada y /login");
}

/* A rule that reads a refused field is not checked (the forms report format and rule errors
 * together); every rule brings the forms' wording, which names no field by its wire name. */
static void
test_reglas_de_campos_buenos(void **state)
{
	struct mipres_ctx x = ctx_prov();
	struct mipres_in in;
	struct mipres_errores e = { .n = 0 };
	size_t i;

	(void)state;
	x.est[MP_D] = MP_PROCESADO;
	x.est[MP_P] = MP_ACTIVO;
	x.cant_prog = 20;
	/* A quantity that is no number: no partial-delivery or no-delivery rule about it; the
	 * date after today still breaks its own rule. */
	in = entrega("cinco", "0", NULL, "2026-06-16");
	assert_int_equal(mipres_campos(&in, &e), 1);
	assert_int_equal(in.malo[MC_CANTTOTENTREGADA], 1);
	assert_int_equal(in.malo[MC_FECENTREGA], 0);
	assert_int_equal(mipres_reglas(&in, &x, &e), 1);
	assert_int_equal(e.v[1].campo, MC_FECENTREGA);
	assert_null(e.v[0].forma);	/* a format error: the form words it from the field */
	assert_string_equal(e.v[1].mensaje, "FecEntrega no puede ser posterior a hoy.");
	assert_null(e.v[1].forma);	/* no arena: a form message that quotes a date waits */
	/* With an arena the rule quotes today as the pages write it. */
	e.n = 0;
	x.a = ARENA(state);
	in = entrega("5", "0", NULL, "2026-06-16");
	mipres_campos(&in, &e);
	assert_int_equal(mipres_reglas(&in, &x, &e), 2);
	for (i = 0; i < e.n; i++) {
		assert_non_null(e.v[i].forma);
		assert_null(strstr(e.v[i].forma, "CantTotEntregada"));
		assert_null(strstr(e.v[i].forma, "EntTotal"));
		assert_null(strstr(e.v[i].forma, "CausaNoEntrega"));
		assert_null(strstr(e.v[i].forma, "FecEntrega"));
	}
	assert_string_equal(e.v[0].forma, "Causa de no entrega: una entrega parcial (Entrega "
	    "total: No) necesita la causa 4, 11, 12 o 13.");
	assert_string_equal(e.v[1].forma, "Fecha de entrega: no puede ser posterior a hoy "
	    "(15/06/2026).");
	/* A required field missing is refused, and no rule reads it. */
	e.n = 0;
	in = entrega("5", "1", NULL, NULL);
	assert_int_equal(mipres_campos(&in, &e), 1);
	assert_int_equal(mipres_reglas(&in, &x, &e), 0);
}

/* Text lengths count characters, not bytes: 200 accented letters fit DirPaciente. */
static void
test_largo_en_caracteres(void **state)
{
	struct mipres_in in = { .tx = MT_DIRECCIONAMIENTO };
	struct mipres_errores e = { .n = 0 };
	char dir[2 * 201 + 1];
	int i;

	(void)state;
	for (i = 0; i < 200; i++)
		memcpy(dir + 2 * i, "\xc3\xb1", 2);	/* ñ */
	dir[400] = '\0';
	in.v[MC_DIRPACIENTE] = dir;
	mipres_campos(&in, &e);
	assert_int_equal(in.malo[MC_DIRPACIENTE], 0);
	memcpy(dir + 400, "\xc3\xb1", 3);
	e.n = 0;
	mipres_campos(&in, &e);
	assert_int_equal(in.malo[MC_DIRPACIENTE], 1);
	assert_int_equal(mipres_campo_max(MC_DIRPACIENTE), 200);
	assert_int_equal(mipres_campo_de("dirpaciente"), MC_DIRPACIENTE);
	assert_int_equal(mipres_campo_de("Nada"), MC__N);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_campos_formato),
		cmocka_unit_test(test_entrega_reglas),
		cmocka_unit_test(test_orden_y_duena),
		cmocka_unit_test(test_programacion_y_tablas),
		cmocka_unit_test(test_reporte_y_suministro),
		cmocka_unit_test(test_anulable),
		cmocka_unit_test(test_requeridos),
		cmocka_unit_test(test_vacio_opcional),
		cmocka_unit_test(test_log_mask),
		cmocka_unit_test_setup_teardown(test_reglas_de_campos_buenos, arena_setup,
		    arena_teardown),
		cmocka_unit_test(test_largo_en_caracteres),
	};

	return cmocka_run_group_tests_name("mipres_valid", tests, NULL, NULL);
}
