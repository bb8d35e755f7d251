/* Spanish causes for jansson's parse errors (see json_causa.h). */
#include "core/json_causa.h"

const char *
json_causa(const json_error_t *e)
{
	switch (json_error_code(e)) {
	case json_error_out_of_memory:
		return "no hubo memoria para leerlo";
	case json_error_stack_overflow:
		return "tiene demasiados niveles de objetos o listas anidados";
	case json_error_invalid_utf8:
		return "el texto no está codificado en UTF-8";
	case json_error_premature_end_of_input:
		return "el texto termina antes de cerrar el JSON";
	case json_error_end_of_input_expected:
		return "hay texto después del final del JSON";
	case json_error_null_character:
	case json_error_null_byte_in_key:
		return "contiene un carácter nulo (\\u0000)";
	case json_error_duplicate_key:
		return "una clave aparece dos veces en el mismo objeto";
	case json_error_numeric_overflow:
		return "un número es demasiado grande";
	default:
		return "sintaxis inválida (revise comas, dos puntos, comillas dobles y cierres)";
	}
}
