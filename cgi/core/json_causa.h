/* Why jansson refused a JSON text, in Spanish: its own error text is English ("string or '}'
 * expected near 'bad'") and would land in an answer or a page that is otherwise Spanish. */
#ifndef JSON_CAUSA_H
#define JSON_CAUSA_H
#include <jansson.h>

/* The cause of e, a json_load* failure, as a phrase that completes "(línea L, columna C): …"
 * without a final period: "falta una coma, dos puntos o un cierre", "el texto termina antes
 * de cerrar el JSON"… Static text. */
const char *json_causa(const json_error_t *e);

#endif
