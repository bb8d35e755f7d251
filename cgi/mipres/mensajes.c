/*
 * How the MIPRES forms and records name the fields and word their errors: each field's
 * label (with its wire name beside it), the name a message gives it, and the messages of
 * a field refused for its format, which state the limit ("máximo 200 caracteres"). The
 * JSON API keeps its own words (cgi/mipres/valid.c); a broken rule brings both wordings.
 */
#include "mipres/codigos.h"
#include "mipres/forms.h"
#include "core/valid.h"

/* The Spanish label, the field as a sentence names it, its help text and, for a label
 * that is a question, its name before a colon. */
static const struct {
	const char	*label, *sujeto, *hint, *nombre;
} etiquetas[MC__N] = {
	[MC_ID] = { "ID del direccionamiento", "el ID del direccionamiento", NULL },
	[MC_NOPRESCRIPCION] = { "Número de prescripción", "el número de prescripción",
	    "Solo dígitos, hasta 20, como aparece en MIPRES." },
	[MC_TIPOTEC] = { "Tipo de tecnología", "el tipo de tecnología", NULL },
	[MC_CONTEC] = { "Consecutivo de la tecnología", "el consecutivo de la tecnología",
	    "Número de la tecnología dentro de la prescripción: 1 o mayor." },
	[MC_TIPOIDPACIENTE] = { "Tipo de documento del paciente",
	    "el tipo de documento del paciente", NULL },
	[MC_NOIDPACIENTE] = { "Número de documento del paciente",
	    "el número de documento del paciente", "Letras y dígitos, sin puntos ni espacios." },
	[MC_NOENTREGA] = { "Número de la entrega", "el número de la entrega",
	    "1 para la primera entrega." },
	[MC_NOSUBENTREGA] = { "Número de subentrega", "el número de subentrega",
	    "0 cuando no hay subentregas." },
	[MC_TIPOIDPROV] = { "Tipo de documento del proveedor",
	    "el tipo de documento del proveedor", NULL },
	[MC_NOIDPROV] = { "NIT del proveedor", "el NIT del proveedor",
	    "9 dígitos, sin dígito de verificación: el proveedor que verá el "
	    "direccionamiento." },
	[MC_CODMUNENT] = { "Municipio de entrega", "el municipio de entrega",
	    "Código DANE de 5 dígitos (por ejemplo 11001 para Bogotá)." },
	[MC_FECMAXENT] = { "Fecha máxima de entrega", "la fecha máxima de entrega",
	    "No puede ser anterior a hoy." },
	[MC_CANTTOTAENTREGAR] = { "Cantidad total a entregar", "la cantidad total a entregar",
	    "Unidades, mayor que 0." },
	[MC_DIRPACIENTE] = { "Dirección del paciente", "la dirección del paciente", NULL },
	[MC_CODSERTECAENTREGAR] = { "Código de la tecnología a entregar",
	    "el código de la tecnología a entregar", "Por ejemplo, el CUM del medicamento." },
	[MC_NOPRESCRIPCIONASOCIADA] = { "Prescripción asociada", "la prescripción asociada",
	    NULL },
	[MC_CONTECASOCIADA] = { "Consecutivo de la tecnología asociada",
	    "el consecutivo de la tecnología asociada", NULL },
	[MC_CAUSANOENTREGA] = { "Causa de no entrega", "la causa de no entrega",
	    "Déjela sin seleccionar si no aplica." },
	[MC_TIPOIDSEDEPROV] = { "Tipo de documento de la sede", "el tipo de documento de la sede",
	    NULL },
	[MC_NOIDSEDEPROV] = { "Número de documento de la sede",
	    "el número de documento de la sede", NULL },
	[MC_CODSEDEPROV] = { "Código de la sede", "el código de la sede",
	    "PROV seguido de 6 dígitos." },
	[MC_CODSERTECENTREGADO] = { "Código de la tecnología entregada",
	    "el código de la tecnología entregada", NULL },
	[MC_CANTTOTENTREGADA] = { "Cantidad total entregada", "la cantidad total entregada",
	    "Unidades; 0 para una no entrega." },
	[MC_ENTTOTAL] = { "¿Entrega total?", "si la entrega es total", NULL, "Entrega total" },
	[MC_FECENTREGA] = { "Fecha de entrega", "la fecha de entrega",
	    "No puede ser posterior a hoy." },
	[MC_NOLOTE] = { "Número de lote", "el número de lote", NULL },
	[MC_TIPOIDRECIBE] = { "Tipo de documento de quien recibe",
	    "el tipo de documento de quien recibe", NULL },
	[MC_NOIDRECIBE] = { "Número de documento de quien recibe",
	    "el número de documento de quien recibe", NULL },
	[MC_ESTADOENTREGA] = { "Estado de la entrega", "el estado de la entrega", NULL },
	[MC_VALORENTREGADO] = { "Valor entregado", "el valor entregado",
	    "En pesos, solo dígitos, sin puntos ni signo." },
	[MC_ULTENTREGA] = { "¿Es la última entrega?", "si es la última entrega", NULL,
	    "Última entrega" },
	[MC_ENTREGACOMPLETA] = { "¿Entrega completa?", "si la entrega es completa", NULL,
	    "Entrega completa" },
};

const char *
mipres_form_etiqueta(struct arena *a, enum mipres_campo c)
{
	if (c >= MC__N)
		return "";
	if (c == MC_ID)
		return etiquetas[c].label;
	return arena_printf(a, "%s (%s)", etiquetas[c].label, mipres_campo_nombre(c));
}

const char *
mipres_form_nombre(enum mipres_campo c)
{
	if (c >= MC__N)
		return "";
	return etiquetas[c].nombre != NULL ? etiquetas[c].nombre : etiquetas[c].label;
}

const char *
mipres_form_ayuda(enum mipres_campo c)
{
	return c < MC__N ? etiquetas[c].hint : NULL;
}

const char *
mipres_form_formato(struct arena *a, enum mipres_campo c, const char *v, int select)
{
	const char *nombre = mipres_form_nombre(c);
	size_t max = mipres_campo_max(c);

	if (v == NULL || v[0] == '\0')
		return arena_printf(a, "%s %s.", select ? "Seleccione" : "Escriba",
		    etiquetas[c].sujeto);
	if (select)
		return arena_printf(a, "%s: elija un valor de la lista.", nombre);
	switch (mipres_campo_tipo(c)) {
	case MP_ENTERO:
		return arena_printf(a, "%s: escriba un número entero, solo dígitos (máximo %zu).",
		    nombre, max);
	case MP_DIGITOS:
		return arena_printf(a, "%s: escriba solo dígitos, sin puntos ni signos (máximo "
		    "%zu).", nombre, max);
	case MP_FECHA:
		return arena_printf(a, "%s: escriba una fecha válida (día, mes y año).", nombre);
	case MP_TEXTO:
		if (!v_utf8(v))
			return arena_printf(a, "%s: sin saltos de línea ni caracteres de control.",
			    nombre);
		return arena_printf(a, "%s: máximo %zu caracteres (tiene %zu).", nombre, max,
		    utf8_chars(v));
	}
	return nombre;
}
