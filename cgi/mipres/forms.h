/* The MIPRES forms (cgi/mipres/forms.c): the meanings of the codes (for every MIPRES page),
 * the fields' labels and messages (cgi/mipres/mensajes.c), and the pure helpers the unit tests
 * check. */
#ifndef MIPRES_FORMS_H
#define MIPRES_FORMS_H
#include "mipres/valid.h"

/* What code means for field c ("CC": "Cédula de ciudadanía", CausaNoEntrega "8":
 * "Paciente fallecido", EntTotal "0": "No, entrega parcial"), or NULL when unknown. */
const char *mipres_form_significado(enum mipres_campo c, const char *code);
/* Whether transaction tx's form offers CausaNoEntrega causa (a reporte only the
 * dispenser's non-delivery causes 7, 8, 9; the others 1 to 19). */
int mipres_form_causa_ofrecida(enum mipres_tx tx, long long causa);
/* The kind of step of a path word ("programacion"), or MP__NPASOS. */
enum mipres_paso mipres_form_paso_de_ruta(const char *);

/* cgi/mipres/mensajes.c: field c's label on the forms and records, its wire name beside it
 * ("Número de prescripción (NoPrescripcion)"); the name its messages give it ("Número
 * de prescripción", "Entrega total"); its help text or NULL. */
const char *mipres_form_etiqueta(struct arena *, enum mipres_campo c);
const char *mipres_form_nombre(enum mipres_campo c);
const char *mipres_form_ayuda(enum mipres_campo c);
/* The forms' message for field c refused by mipres_campos() with value v (NULL: missing; a
 * select when select is set), naming the field by its label and stating the limit:
 * "Escriba el número de lote.", "Dirección del paciente: máximo 200 caracteres (tiene
 * 230).". */
const char *mipres_form_formato(struct arena *, enum mipres_campo c, const char *v, int select);
#endif
