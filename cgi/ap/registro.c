/*
 * Reading and validating the records of the AP web services. The fields and their rules
 * are documented in README.md and in the services' OpenAPI documents (docs/openapi_*.json);
 * a change here changes them too.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ap/registro.h"

#define FECHA_SISTEMA	"1994-04-01"	/* the Sistema General de Pensiones (Ley 100 de 1993) */
#define DIAS_ADELANTE	366		/* how far ahead an effective date may be */

static const struct {
	const char	*tipo;
	int		 digitos;	/* digits only; else letters and digits */
	int		 min, max;
	const char	*mensaje;
} documentos[] = {
	{ "CC", 1, 3, 10, "Para CC use solo dígitos, de 3 a 10, sin puntos ni espacios." },
	{ "TI", 1, 10, 11, "Para TI use solo dígitos, 10 u 11, sin puntos ni espacios." },
	{ "RC", 1, 8, 11, "Para RC use solo dígitos, de 8 a 11, sin puntos ni espacios." },
	{ "CE", 0, 3, 16, "Para CE use letras y dígitos, de 3 a 16, sin espacios." },
	{ "PA", 0, 3, 16, "Para PA use letras y dígitos, de 3 a 16, sin espacios." },
	{ "PE", 0, 3, 16, "Para PE use letras y dígitos, de 3 a 16, sin espacios." },
	{ "PT", 0, 3, 16, "Para PT use letras y dígitos, de 3 a 16, sin espacios." },
	{ "CD", 0, 3, 16, "Para CD use letras y dígitos, de 3 a 16, sin espacios." },
	{ "SC", 0, 3, 16, "Para SC use letras y dígitos, de 3 a 16, sin espacios." },
	{ "AS", 0, 3, 16, "Para AS use letras y dígitos, de 3 a 16, sin espacios." },
	{ "MS", 0, 3, 16, "Para MS use letras y dígitos, de 3 a 16, sin espacios." },
};
#define NDOCUMENTOS	(sizeof(documentos) / sizeof(documentos[0]))

/* Whether s[0..n) are all in the set of characters allowed. */
static int
todos(const char *s, const char *permitidos)
{
	return s[strspn(s, permitidos)] == '\0';
}

#define DIGITOS		"0123456789"
#define ALFANUM		DIGITOS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static long
dias_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

/* Parses a YYYY-MM-DD date. Returns 1 and its parts, or 0. */
static int
fecha_partes(const char *s, int *y, int *m, int *d)
{
	static const int mdias[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int bis;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	if (strspn(s, DIGITOS) != 4 || strspn(s + 5, DIGITOS) != 2 || strspn(s + 8, DIGITOS) != 2)
		return 0;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	if (*y < 1900 || *m < 1 || *m > 12 || *d < 1)
		return 0;
	bis = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
	return *d <= mdias[*m - 1] + (*m == 2 && bis);
}

int
ap_fecha_valida(const char *s)
{
	int y, m, d;

	return fecha_partes(s, &y, &m, &d);
}

long
ap_fecha_dias(const char *s)
{
	int y, m, d;

	if (!fecha_partes(s, &y, &m, &d))
		return -1;
	return dias_civil(y, (unsigned)m, (unsigned)d);
}

int
ap_documento_valido(const char *tipo, const char *num)
{
	size_t i, n;

	if (tipo == NULL || num == NULL)
		return 0;
	n = strlen(num);
	for (i = 0; i < NDOCUMENTOS; i++)
		if (strcmp(documentos[i].tipo, tipo) == 0)
			return n >= (size_t)documentos[i].min && n <= (size_t)documentos[i].max &&
			    todos(num, documentos[i].digitos ? DIGITOS : ALFANUM) &&
			    !(documentos[i].digitos && num[0] == '0');
	return 0;
}

/* A radicado: 4 to 30 letters, digits or '-', starting with a letter or digit. */
int
ap_radicado_valido(const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	return n >= 4 && n <= 30 && todos(s, ALFANUM "-") && s[0] != '-';
}

/* An administrator's code: 2 to 10 capital letters, digits or '-' ("230301", "25-14"). */
int
ap_codigo_valido(const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	return n >= 2 && n <= 10 && todos(s, DIGITOS "ABCDEFGHIJKLMNOPQRSTUVWXYZ-") &&
	    s[0] != '-';
}

/* Whether byte c is an ASCII letter or part of a UTF-8 sequence (jansson checked it). */
static int
letra(unsigned char c)
{
	return c >= 0x80 || (unsigned)((c | 0x20) - 'a') < 26u;
}

/* A name: 1 to 60 bytes of letters (accented ones too: any UTF-8 sequence), spaces, '.',
 * '\'' and '-', starting with a letter. */
int
ap_nombre_valido(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = s != NULL ? strlen(s) : 0;

	if (n < 1 || n > 60 || !letra(p[0]))
		return 0;
	for (; *p != '\0'; p++)
		if (!letra(*p) && strchr(" .'-", *p) == NULL)
			return 0;
	return 1;
}

/* Free text: 1 to max bytes without control characters. */
static int
texto_valido(const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = s != NULL ? strlen(s) : 0;

	if (n < 1 || n > max)
		return 0;
	for (; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

/* Sets *err and returns -1. */
static int
mal(struct ap_error *err, const char *campo, const char *mensaje)
{
	err->campo = campo;
	err->mensaje = mensaje;
	return -1;
}

/*
 * Reads field k of o: a string, or absent/null/"" (then *out = NULL). Returns 0, or -1 with
 * *err set when it has another JSON type or is missing and required.
 */
static int
campo(json_t *o, const char *k, int requerido, const char **out, struct ap_error *err)
{
	json_t *v = json_object_get(o, k);

	*out = NULL;
	if (v != NULL && !json_is_null(v) && !json_is_string(v))
		return mal(err, k, "Debe ser texto (entre comillas).");
	if (v != NULL && json_is_string(v) && json_string_length(v) > 0) {
		if (strlen(json_string_value(v)) != json_string_length(v))
			return mal(err, k, "Contiene un carácter nulo.");
		*out = json_string_value(v);
	}
	if (*out == NULL && requerido)
		return mal(err, k, "Falta este campo, que es obligatorio.");
	return 0;
}

const char *
ap_radicado(json_t *o)
{
	json_t *v = json_object_get(o, "radicado");

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The document type and number of o into *tipo, *num. Returns 0 or -1. */
static int
documento(json_t *o, const char **tipo, const char **num, struct ap_error *err)
{
	size_t i;

	if (campo(o, "tipoDocumento", 1, tipo, err) < 0)
		return -1;
	for (i = 0; i < NDOCUMENTOS && strcmp(documentos[i].tipo, *tipo) != 0; i++)
		;
	if (i == NDOCUMENTOS)
		return mal(err, "tipoDocumento", "Tipo de documento no válido: use CC, TI, RC, "
		    "CE, PA, PE, PT, CD, SC, AS o MS.");
	if (campo(o, "numeroDocumento", 1, num, err) < 0)
		return -1;
	if (!ap_documento_valido(*tipo, *num))
		return mal(err, "numeroDocumento", documentos[i].mensaje);
	return 0;
}

/* A date field between min and max (days, inclusive). Returns 0 or -1. */
static int
fecha(json_t *o, const char *k, long min, long max, const char *fuera, const char **out,
    struct ap_error *err)
{
	long d;

	if (campo(o, k, 1, out, err) < 0)
		return -1;
	if ((d = ap_fecha_dias(*out)) < 0)
		return mal(err, k, "Fecha no válida: use AAAA-MM-DD (por ejemplo 2026-03-15).");
	if (d < min || d > max)
		return mal(err, k, fuera);
	return 0;
}

/* The names of o. Returns 0 or -1. */
static int
nombres(json_t *o, struct ap_afiliacion *a, struct ap_error *err)
{
	static const char msg[] = "Use solo letras, espacios, punto, apóstrofo o guion "
	    "(hasta 60 caracteres), empezando por una letra.";

	if (campo(o, "primerNombre", 1, &a->primer_nombre, err) < 0)
		return -1;
	if (!ap_nombre_valido(a->primer_nombre))
		return mal(err, "primerNombre", msg);
	if (campo(o, "segundoNombre", 0, &a->segundo_nombre, err) < 0)
		return -1;
	if (a->segundo_nombre != NULL && !ap_nombre_valido(a->segundo_nombre))
		return mal(err, "segundoNombre", msg);
	if (campo(o, "primerApellido", 1, &a->primer_apellido, err) < 0)
		return -1;
	if (!ap_nombre_valido(a->primer_apellido))
		return mal(err, "primerApellido", msg);
	if (campo(o, "segundoApellido", 0, &a->segundo_apellido, err) < 0)
		return -1;
	if (a->segundo_apellido != NULL && !ap_nombre_valido(a->segundo_apellido))
		return mal(err, "segundoApellido", msg);
	return 0;
}

/* The kind of novelty and the administrators' codes of o. Returns 0 or -1. */
static int
novedad(json_t *o, struct ap_afiliacion *a, struct ap_error *err)
{
	const char *t;

	if (campo(o, "tipoNovedad", 1, &t, err) < 0)
		return -1;
	if (strcasecmp(t, "AFILIACION") == 0)
		a->tipo_novedad = "AFILIACION";
	else if (strcasecmp(t, "TRASLADO") == 0)
		a->tipo_novedad = "TRASLADO";
	else
		return mal(err, "tipoNovedad", "Use AFILIACION o TRASLADO.");
	if (campo(o, "codigoAdministradoraOrigen", a->tipo_novedad[0] == 'T', &a->codigo_origen,
	    err) < 0)
		return -1;
	if (a->codigo_origen != NULL && !ap_codigo_valido(a->codigo_origen))
		return mal(err, "codigoAdministradoraOrigen", "Código no válido: de 2 a 10 "
		    "letras mayúsculas, dígitos o guion (por ejemplo 230301 o 25-14).");
	if (campo(o, "codigoAdministradoraDestino", 1, &a->codigo_destino, err) < 0)
		return -1;
	if (!ap_codigo_valido(a->codigo_destino))
		return mal(err, "codigoAdministradoraDestino", "Código no válido: de 2 a 10 "
		    "letras mayúsculas, dígitos o guion (por ejemplo 230301 o 25-14).");
	if (a->codigo_origen != NULL && strcmp(a->codigo_origen, a->codigo_destino) == 0)
		return mal(err, "codigoAdministradoraDestino", "La administradora de destino debe "
		    "ser distinta de la de origen.");
	return 0;
}

int
ap_afiliacion_read(json_t *o, const char *hoy, struct ap_afiliacion *a, struct ap_error *err)
{
	long h = ap_fecha_dias(hoy), sistema = ap_fecha_dias(FECHA_SISTEMA);

	memset(a, 0, sizeof(*a));
	if (!json_is_object(o))
		return mal(err, NULL, "Cada registro debe ser un objeto JSON.");
	if (campo(o, "radicado", 1, &a->radicado, err) < 0)
		return -1;
	if (!ap_radicado_valido(a->radicado))
		return mal(err, "radicado", "Radicado no válido: de 4 a 30 letras, dígitos o "
		    "guion, empezando por letra o dígito.");
	if (documento(o, &a->tipo_doc, &a->num_doc, err) < 0 || nombres(o, a, err) < 0)
		return -1;
	if (fecha(o, "fechaNacimiento", ap_fecha_dias("1900-01-01"), h, "La fecha de nacimiento "
	    "no puede ser futura.", &a->fecha_nacimiento, err) < 0)
		return -1;
	if (campo(o, "sexo", 1, &a->sexo, err) < 0)
		return -1;
	if (strcmp(a->sexo, "M") != 0 && strcmp(a->sexo, "F") != 0)
		return mal(err, "sexo", "Use M o F.");
	if (novedad(o, a, err) < 0)
		return -1;
	if (fecha(o, "fechaSolicitud", sistema, h, "La fecha de solicitud debe estar entre "
	    "1994-04-01 y hoy.", &a->fecha_solicitud, err) < 0)
		return -1;
	if (ap_fecha_dias(a->fecha_nacimiento) >= ap_fecha_dias(a->fecha_solicitud))
		return mal(err, "fechaNacimiento", "La fecha de nacimiento debe ser anterior a "
		    "la de solicitud.");
	return fecha(o, "fechaEfectividad", ap_fecha_dias(a->fecha_solicitud), h + DIAS_ADELANTE,
	    "La fecha de efectividad no puede ser anterior a la de solicitud ni posterior a un "
	    "año desde hoy.", &a->fecha_efectividad, err);
}

int
ap_retracto_read(json_t *o, const char *hoy, struct ap_retracto *t, struct ap_error *err)
{
	memset(t, 0, sizeof(*t));
	if (!json_is_object(o))
		return mal(err, NULL, "Cada registro debe ser un objeto JSON.");
	if (campo(o, "radicado", 1, &t->radicado, err) < 0)
		return -1;
	if (!ap_radicado_valido(t->radicado))
		return mal(err, "radicado", "Radicado no válido: de 4 a 30 letras, dígitos o "
		    "guion, empezando por letra o dígito.");
	if (documento(o, &t->tipo_doc, &t->num_doc, err) < 0)
		return -1;
	if (fecha(o, "fechaRetracto", ap_fecha_dias(FECHA_SISTEMA), ap_fecha_dias(hoy),
	    "La fecha de retracto debe estar entre 1994-04-01 y hoy.", &t->fecha_retracto,
	    err) < 0)
		return -1;
	if (campo(o, "motivo", 1, &t->motivo, err) < 0)
		return -1;
	if (!texto_valido(t->motivo, 500))
		return mal(err, "motivo", "Escriba el motivo en hasta 500 caracteres, sin "
		    "caracteres de control.");
	return 0;
}
