/*
 * The code tables of the MIPRES fields exactly as the validation (cgi/mipres/valid.c) accepts
 * them, for the HTML forms' selects: one list for both paths, never a copy.
 */
#ifndef MIPRES_CODIGOS_H
#define MIPRES_CODIGOS_H
#include "mipres/valid.h"

/* The codes a text field accepts (TipoTec, TipoIDPaciente, TipoIDRecibe, TipoIDProv,
 * TipoIDSedeProv), NULL-terminated, in the spec's order; NULL for a field without a table. */
const char *const *mipres_codigos(enum mipres_campo);
/* The largest code an integer field accepts, from 0 (CausaNoEntrega 19; EntTotal,
 * EstadoEntrega, UltEntrega, EntregaCompleta 1); 0 for a field without a table. */
long long mipres_codigo_max(enum mipres_campo);
#endif
