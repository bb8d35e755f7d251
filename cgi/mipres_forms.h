/* The MIPRES forms (mipres_forms.c): the meanings of the codes (for every MIPRES page) and
 * the pure helpers the unit tests check. */
#ifndef MIPRES_FORMS_H
#define MIPRES_FORMS_H
#include "mipres_valid.h"

/* What code means for field c ("CC": "Cédula de ciudadanía", CausaNoEntrega "8":
 * "Paciente fallecido", EntTotal "0": "No, entrega parcial"), or NULL when unknown. */
const char *mpf_significado(enum mp_campo c, const char *code);
/* Whether transaction tx's form offers CausaNoEntrega causa (a reporte only the
 * dispenser's non-delivery causes 7, 8, 9; the others 1 to 19). */
int mpf_causa_ofrecida(enum mp_tx tx, long long causa);
/* The kind of step of a path word ("programacion"), or MP__NPASOS. */
enum mp_paso mpf_paso_de_ruta(const char *);
#endif
