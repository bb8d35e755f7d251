/* The SAT forms' validators, one set for the ministry's catalogue (sat/msps.c) and the
 * entities' shared services (sat/compartir.c). Lengths count characters (utf8_chars), as
 * the forms' messages say; a method is checked by con_metodo_valido (sat/conexion.h). */
#ifndef SAT_VALID_H
#define SAT_VALID_H

int v_sat_nombre(const char *);		/* 1-100 characters of v_text: a service's or a
					 * token's name */
int v_sat_descripcion(const char *);	/* 1-1000 characters of v_longtext */
#endif
