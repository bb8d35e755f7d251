/*
 * A person's name in four parts — primer nombre, segundo nombre, primer apellido, segundo
 * apellido — as every form takes it (registration, "Nuevo", "Editar") and every list of
 * people shows it. usuario.nombre is their join (mails, the session). Accounts that were
 * given a single name get its parts by the rule of db/migrations/018_personas.sql.
 */
#ifndef PERSONA_H
#define PERSONA_H
#include "core/arena.h"
#include "core/valid.h"

#define NOMBRE_MAX	60	/* characters of each part (v_nombre_persona) */

struct nombres {
	const char	*pn, *sn, *pa, *sa;	/* segundo nombre and segundo apellido may be "" */
};

/* The four fields, in the order forms show them: primer_nombre, segundo_nombre,
 * primer_apellido, segundo_apellido (struct field initialisers, cgi/core/form.h). */
#define NOMBRE_REGLA	"solo letras, espacios, apóstrofo (') y guion (-), máximo 60 caracteres"
#define NOMBRES_FIELDS \
	{ "primer_nombre", "Primer nombre", "text", v_nombre_persona, \
	    "Escriba el primer nombre: " NOMBRE_REGLA ".", NULL }, \
	{ "segundo_nombre", "Segundo nombre (opcional)", "text", v_nombre_persona_opt, \
	    "El segundo nombre admite " NOMBRE_REGLA "; déjelo vacío si no tiene.", NULL }, \
	{ "primer_apellido", "Primer apellido", "text", v_nombre_persona, \
	    "Escriba el primer apellido: " NOMBRE_REGLA ".", NULL }, \
	{ "segundo_apellido", "Segundo apellido (opcional)", "text", v_nombre_persona_opt, \
	    "El segundo apellido admite " NOMBRE_REGLA "; déjelo vacío si no tiene.", NULL }

/* The full name: the present parts joined by one blank, in the arena. */
const char *nombres_junto(struct arena *, const struct nombres *);
#endif
