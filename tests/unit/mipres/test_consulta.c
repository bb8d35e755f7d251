/*
 * The MIPRES queries as text (mipres_consulta_texto, cgi/mipres/db.c) against what jansson
 * writes for mipres_consulta: the same bytes for plain rows (written directly) and for every
 * kind of row that must go through jansson (escapes, non-ASCII, reals, -0, big or nested
 * values, whitespace, duplicate keys, fields that replace the line's, NULLs).
 */
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_sqlite.h"
#include "mipres/generar_token.h"
#include "support.h"

#define DIA	"2026-06-15"

/* Runs SQL on the connection directly (test data only). */
static void
sql(const char *q)
{
	char *err = NULL;

	if (sqlite3_exec(db_handle(), q, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", q, err);
}

/* The fields of the steps stored: each makes one step E of its own line. */
static const char *const datos[] = {
	"{\"CodSerTecEntregado\":\"019971860-01\",\"CantTotEntregada\":\"30\",\"EntTotal\":1,"
	    "\"CausaNoEntrega\":null,\"FecEntrega\":\"2026-06-15 00:00\",\"NoLote\":\"L1\"}",
	"{}",
	"{\"NoLote\":\"Lote ñandú\"}",
	"{\"NoLote\":\"con \\\"comillas\\\" y \\\\ y \\n y \\u0001\"}",
	"{\"NoLote\":\"\\u00f1\"}",
	"{\"a\":1.5,\"b\":1e3}",
	"{\"a\":-0}",
	"{\"a\":-12,\"b\":0,\"c\":123456789012345678}",
	"{\"a\":1234567890123456789}",
	"{\"a\":99999999999999999999}",
	"{\"a\":{\"b\":1}}",
	"{\"a\":[1,2]}",
	"[1,2]",
	"{\"a\":true,\"b\":false,\"c\":null}",
	"{ \"a\": 1 }",
	"{\"a\":1,\"b\":2,\"a\":3}",
	"{\"NoPrescripcion\":\"OTRA\",\"ID\":7,\"ConTec\":\"x\",\"NoEntrega\":null}",
	"{\"FecEntrega\":null}",
	"{\"EstEntrega\":5,\"FecAnulacion\":\"ayer\"}",
	"{\"\":\"vacía\"}",
	"{\"a\\u0062\":1}",
	"{\"a\":\"x\"}  ",
	"{\"k1\":1,\"k2\":1,\"k3\":1,\"k4\":1,\"k5\":1,\"k6\":1,\"k7\":1,\"k8\":1,\"k9\":1,"
	    "\"k10\":1,\"k11\":1,\"k12\":1,\"k13\":1,\"k14\":1,\"k15\":1,\"k16\":1,\"k17\":1,"
	    "\"k18\":1,\"k19\":1,\"k20\":1,\"k21\":1,\"k22\":1,\"k23\":1,\"k24\":1,\"k25\":1,"
	    "\"k26\":1,\"k27\":1,\"k28\":1,\"k29\":1,\"k30\":1,\"k31\":1,\"k32\":1,\"k33\":1,"
	    "\"k34\":1,\"k35\":1,\"k36\":1,\"k37\":1,\"k38\":1,\"k39\":1,\"k40\":1}",
};
#define NDATOS	(sizeof(datos) / sizeof(datos[0]))

/* One line per stored field text, with its step; some with odd line columns. */
static void
cargar(void)
{
	sqlite3_stmt *l, *p;
	size_t i;

	sql("INSERT INTO entidad(id, nit, razon_social, razon_norm, tipo, creada) "
	    "VALUES (5, '901234561', 'EPS', 'eps', 'EPSC', 1)");
	assert_int_equal(sqlite3_prepare_v2(db_handle(), "INSERT INTO mipres_linea(eps_id, "
	    "regimen, prov_nit, no_prescripcion, tipo_tec, con_tec, tipo_id_paciente, "
	    "no_id_paciente, no_entrega, creada) VALUES (5, 'contributivo', '901500013', ?, 'M', "
	    "1, 'CC', ?, ?, 1)", -1, &l,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db_handle(), "INSERT INTO mipres_paso(linea_id, "
	    "tipo, estado, fecha, dia, prov_nit, eps_id, fec_anulacion, datos) VALUES (?, 'E', "
	    "?, ?, '" DIA "', '901500013', 5, ?, ?)", -1, &p, NULL), SQLITE_OK);
	for (i = 0; i < NDATOS; i++) {
		sqlite3_bind_text(l, 1, i == 3 ? "2026\"01" : "20260101", -1, SQLITE_STATIC);
		sqlite3_bind_text(l, 2, i == 4 ? "52ñ" : "52000100", -1, SQLITE_STATIC);
		if (i % 3 == 0)
			sqlite3_bind_null(l, 3);
		else
			sqlite3_bind_int(l, 3, (int)i);
		assert_int_equal(sqlite3_step(l), SQLITE_DONE);
		sqlite3_reset(l);
		sqlite3_bind_int64(p, 1, sqlite3_last_insert_rowid(db_handle()));
		sqlite3_bind_int(p, 2, (int)(i % 3));
		sqlite3_bind_int64(p, 3, i == 5 ? 0 : 1781500000 + (long long)i);
		if (i % 2)
			sqlite3_bind_int64(p, 4, 1781600000);
		else
			sqlite3_bind_null(p, 4);
		sqlite3_bind_text(p, 5, datos[i], -1, SQLITE_STATIC);
		if (sqlite3_step(p) != SQLITE_DONE)
			fail_msg("datos %zu: %s", i, sqlite3_errmsg(db_handle()));
		sqlite3_reset(p);
	}
	sqlite3_finalize(l);
	sqlite3_finalize(p);
}

/* The answer as text equals jansson's dump of mipres_consulta's, for q and key k. */
static void
igual(struct arena *a, const struct mipres_quien *q, enum mipres_paso paso, enum mipres_clave k,
    const char *x, const char *y, const char *z, size_t filas)
{
	struct buf out = { 0 };
	json_t *j = mipres_consulta(a, q, paso, k, x, y, z);
	char *s;

	assert_non_null(j);
	assert_int_equal(json_array_size(j), filas);
	s = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
	assert_int_equal(mipres_consulta_texto(a, &out, q, paso, k, x, y, z), 0);
	buf_put(&out, "", 1);
	assert_string_equal(out.p, s);
	free(s);
	json_decref(j);
	buf_free(&out);
}

static void
test_texto_igual_a_jansson(void **state)
{
	struct mipres_quien prov = { .entidad_id = 9, .nit = "901500013", .regimen = "" };
	struct mipres_quien eps = { .entidad_id = 5, .nit = "901234561", .es_eps = 1,
		.regimen = "contributivo" };
	struct arena *a = ARENA(state);

	cargar();
	igual(a, &prov, MP_E, MQ_FECHA, DIA, NULL, NULL, NDATOS);
	igual(a, &eps, MP_E, MQ_FECHA, DIA, NULL, NULL, NDATOS);
	igual(a, &prov, MP_E, MQ_PRESCRIPCION, "20260101", NULL, NULL, NDATOS - 1);
	igual(a, &eps, MP_E, MQ_PACIENTE, "CC", "52000100", DIA, NDATOS - 1);
	/* Nothing: "[]" both ways. */
	igual(a, &prov, MP_D, MQ_FECHA, DIA, NULL, NULL, 0);
	igual(a, &prov, MP_E, MQ_FECHA, "2026-06-16", NULL, NULL, 0);
	/* The EPS's token of the other régimen sees none of them. */
	eps.regimen = "subsidiado";
	igual(a, &eps, MP_E, MQ_FECHA, DIA, NULL, NULL, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_texto_igual_a_jansson, db_setup, db_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
