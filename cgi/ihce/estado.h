/* The IHCE key request's state machine (DESIGN §4), with no I/O so it can be tested alone. */
#ifndef IHCE_STATE_H
#define IHCE_STATE_H

enum estado {
	E_NINGUNO,	/* the entity never asked */
	E_PENDIENTE,
	E_RESOLICITADO,
	E_ASIGNADO,
	E_REASIGNADO,
	E_RECHAZADO,
	E__INVALIDO = -1,
};

enum accion {
	A_SOLICITAR,	/* the delegate sends a request */
	A_ASIGNAR,	/* MSPS saves keys (first time or update) */
	A_RECHAZAR,	/* MSPS rejects with a reason */
};

/* The state after accion from e, where tuvo_llaves says keys were ever assigned to the
 * entity; E__INVALIDO when the action is not allowed from e. */
enum estado ihce_siguiente(enum estado e, int tuvo_llaves, enum accion);

enum estado estado_parse(const char *);	/* "pendiente" -> E_PENDIENTE; NULL -> E_NINGUNO */
const char *estado_name(enum estado);	/* the database word */
const char *estado_label(enum estado);	/* "Pendiente", for the MSPS lists */
const char *estado_delegado(enum estado);	/* what the delegate reads (DESIGN §4) */
#endif
