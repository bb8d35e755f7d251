/*
 * The records of the AP web services (ReportarAfiliaciontraslado, ReportarRetractoAfiliacion):
 * reading one JSON object into typed fields and validating every field. Pure code (jansson
 * only), so tests/unit/ap/test_registro.c checks it without a database.
 */
#ifndef AP_REGISTRO_H
#define AP_REGISTRO_H
#include <jansson.h>

#include "ap/ap.h"

#define AP_MAX_REGISTROS	500	/* records per call; the body is also capped (BODY_MAX) */

/* One affiliation or transfer. Strings point into the JSON object (valid while it lives);
 * the optional ones are NULL when absent. */
struct ap_afiliacion {
	const char	*tipo_doc, *num_doc;
	const char	*primer_nombre, *segundo_nombre, *primer_apellido, *segundo_apellido;
	const char	*fecha_nacimiento, *sexo;
	const char	*tipo_novedad;		/* "AFILIACION" or "TRASLADO" (normalized) */
	const char	*codigo_origen, *codigo_destino;
	const char	*fecha_solicitud, *fecha_efectividad;
	const char	*radicado;
};

/* The withdrawal of an affiliation or transfer the AP reported before. */
struct ap_retracto {
	const char	*radicado, *tipo_doc, *num_doc, *fecha_retracto, *motivo;
};

/* Why a record was refused: the JSON field (NULL for the record as a whole) and a Spanish
 * message for the AP's developers. */
struct ap_error {
	const char	*campo;
	const char	*mensaje;
};

/*
 * Reads record o into *out and validates it; hoy is today's date ('YYYY-MM-DD', Colombia).
 * Returns 0, or -1 with *err naming the first wrong field in the documented order.
 */
int ap_afiliacion_read(json_t *o, const char *hoy, struct ap_afiliacion *out,
    struct ap_error *err);
int ap_retracto_read(json_t *o, const char *hoy, struct ap_retracto *out,
    struct ap_error *err);

/* The radicado of record o when it is a string (for the per-record answer), else NULL. */
const char *ap_radicado(json_t *o);

/* Validators, 1 when valid. */
int ap_fecha_valida(const char *s);			/* a real YYYY-MM-DD date, year >= 1900 */
int ap_documento_valido(const char *tipo, const char *num);
int ap_radicado_valido(const char *s);
int ap_codigo_valido(const char *s);
int ap_nombre_valido(const char *s);
#endif
