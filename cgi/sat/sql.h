/*
 * The rows of SAT's statements (cgi/sat/sql.c) read in more than one place, by name: a
 * column is <statement>_<column>.
 */
#ifndef SAT_SQL_H
#define SAT_SQL_H

enum servicio_get_col {	/* ST_SERVICIO_GET */
	SERVICIO_GET_NOMBRE, SERVICIO_GET_DESCRIPCION, SERVICIO_GET_TIPO_ENTIDAD,
	SERVICIO_GET_ESTADO, SERVICIO_GET_URL_BASE, SERVICIO_GET_METODO, SERVICIO_GET_OPENAPI,
};
#endif
