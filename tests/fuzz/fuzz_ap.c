/*
 * The AP services' JSON bodies (cgi/ap/registro.c): the input is parsed as
 * ReportarAfiliaciontraslado and ReportarRetractoAfiliacion parse a body (cgi/ap/ap.c: one
 * object, or an array of 1 to AP_MAX_REGISTROS), and every record is read both as an
 * affiliation and as a withdrawal. Invariants: a record refused names one of its fields
 * (none only when it is not an object) with a message; a record accepted has every
 * required field, each the body's whole string, passing the exported validators, and its
 * dates in order.
 */
#include <strings.h>

#include "ap/registro.h"
#include "fuzz.h"

#define HOY	"2026-06-15"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	return 0;
}

/* Whether s is o[k]'s whole string. */
static int
de(json_t *o, const char *k, const char *s)
{
	json_t *v = json_object_get(o, k);

	return json_string_value(v) == s && strlen(s) == json_string_length(v);
}

/* Whether optional s is absent or o[k]'s whole string. */
static int
de_opt(json_t *o, const char *k, const char *s)
{
	return s == NULL || de(o, k, s);
}

static void
refused(json_t *rec, const struct ap_error *e, const char *const *campos)
{
	CHECK(e->mensaje != NULL && e->mensaje[0] != '\0');
	if (e->campo == NULL) {
		CHECK(!json_is_object(rec));
		return;
	}
	for (; *campos != NULL; campos++)
		if (strcmp(*campos, e->campo) == 0)
			return;
	CHECK(!"the field named is not one of the record's");
}

static void
afiliacion(json_t *rec)
{
	static const char *const campos[] = { "radicado", "tipoDocumento", "numeroDocumento",
		"primerNombre", "segundoNombre", "primerApellido", "segundoApellido",
		"fechaNacimiento", "sexo", "tipoNovedad", "codigoAdministradoraOrigen",
		"codigoAdministradoraDestino", "fechaSolicitud", "fechaEfectividad", NULL };
	struct ap_afiliacion x;
	struct ap_error e = { NULL, NULL };

	if (ap_afiliacion_read(rec, HOY, &x, &e) != 0) {
		refused(rec, &e, campos);
		return;
	}
	CHECK(de(rec, "radicado", x.radicado) && ap_radicado_valido(x.radicado));
	CHECK(de(rec, "tipoDocumento", x.tipo_doc) && de(rec, "numeroDocumento", x.num_doc));
	CHECK(ap_documento_valido(x.tipo_doc, x.num_doc));
	CHECK(de(rec, "primerNombre", x.primer_nombre) && ap_nombre_valido(x.primer_nombre));
	CHECK(de(rec, "primerApellido", x.primer_apellido) &&
	    ap_nombre_valido(x.primer_apellido));
	CHECK(de_opt(rec, "segundoNombre", x.segundo_nombre) &&
	    de_opt(rec, "segundoApellido", x.segundo_apellido));
	CHECK(de(rec, "sexo", x.sexo) && (strcmp(x.sexo, "M") == 0 || strcmp(x.sexo, "F") == 0));
	CHECK(strcmp(x.tipo_novedad, "AFILIACION") == 0 ||
	    strcmp(x.tipo_novedad, "TRASLADO") == 0);
	CHECK(strcasecmp(json_string_value(json_object_get(rec, "tipoNovedad")),
	    x.tipo_novedad) == 0);
	CHECK(de(rec, "codigoAdministradoraDestino", x.codigo_destino) &&
	    ap_codigo_valido(x.codigo_destino));
	CHECK(de_opt(rec, "codigoAdministradoraOrigen", x.codigo_origen));
	CHECK(x.tipo_novedad[0] == 'A' || x.codigo_origen != NULL);
	CHECK(x.codigo_origen == NULL || strcmp(x.codigo_origen, x.codigo_destino) != 0);
	CHECK(de(rec, "fechaNacimiento", x.fecha_nacimiento) &&
	    de(rec, "fechaSolicitud", x.fecha_solicitud) &&
	    de(rec, "fechaEfectividad", x.fecha_efectividad));
	CHECK(ap_fecha_valida(x.fecha_nacimiento) && ap_fecha_valida(x.fecha_solicitud) &&
	    ap_fecha_valida(x.fecha_efectividad));
	/* ISO dates compare as text. */
	CHECK(strcmp(x.fecha_nacimiento, x.fecha_solicitud) < 0);
	CHECK(strcmp(x.fecha_solicitud, HOY) <= 0 && strcmp(x.fecha_solicitud, "1994-04-01") >= 0);
	CHECK(strcmp(x.fecha_solicitud, x.fecha_efectividad) <= 0);
	CHECK(ap_fecha_dias(x.fecha_efectividad) - ap_fecha_dias(HOY) <= 366);
}

static void
retracto(json_t *rec)
{
	static const char *const campos[] = { "radicado", "tipoDocumento", "numeroDocumento",
		"fechaRetracto", "motivo", NULL };
	struct ap_retracto x;
	struct ap_error e = { NULL, NULL };
	size_t i;

	if (ap_retracto_read(rec, HOY, &x, &e) != 0) {
		refused(rec, &e, campos);
		return;
	}
	CHECK(de(rec, "radicado", x.radicado) && ap_radicado_valido(x.radicado));
	CHECK(de(rec, "tipoDocumento", x.tipo_doc) && de(rec, "numeroDocumento", x.num_doc));
	CHECK(ap_documento_valido(x.tipo_doc, x.num_doc));
	CHECK(de(rec, "fechaRetracto", x.fecha_retracto) && ap_fecha_valida(x.fecha_retracto));
	CHECK(strcmp(x.fecha_retracto, HOY) <= 0 && strcmp(x.fecha_retracto, "1994-04-01") >= 0);
	CHECK(de(rec, "motivo", x.motivo) && strlen(x.motivo) >= 1 && strlen(x.motivo) <= 500);
	for (i = 0; x.motivo[i] != '\0'; i++)
		CHECK((unsigned char)x.motivo[i] >= 0x20 && x.motivo[i] != 0x7f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	json_t *v = json_loadb((const char *)data, n, JSON_REJECT_DUPLICATES, NULL), *arr, *rec;
	size_t i;

	/* cgi/ap/ap.c registros(): one record is a list of one. */
	if (json_is_object(v)) {
		arr = json_array();
		json_array_append_new(arr, v);
		v = arr;
	}
	if (json_is_array(v) && json_array_size(v) >= 1 &&
	    json_array_size(v) <= AP_MAX_REGISTROS)
		json_array_foreach(v, i, rec) {
			(void)ap_radicado(rec);
			afiliacion(rec);
			retracto(rec);
		}
	json_decref(v);
	return 0;
}
