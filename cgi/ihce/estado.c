#include <string.h>

#include "ihce/estado.h"

static const struct {
	const char *name, *label, *delegado;
} estados[] = {
	[E_NINGUNO] = { "", "Sin solicitud", "No ha solicitado token" },
	[E_PENDIENTE] = { "pendiente", "Pendiente", "Token solicitado por primera vez" },
	[E_RESOLICITADO] = { "resolicitado", "Resolicitado", "Resolicitud de token" },
	[E_ASIGNADO] = { "asignado", "Asignado", "Se ha asignado el token" },
	[E_REASIGNADO] = { "reasignado", "Reasignado", "Se ha reasignado el token" },
	[E_RECHAZADO] = { "rechazado", "Rechazado", "Solicitud rechazada" },
};

enum estado
ihce_siguiente(enum estado e, int tuvo_llaves, enum accion a)
{
	switch (a) {
	case A_SOLICITAR:
		if (e == E_NINGUNO)
			return E_PENDIENTE;
		if (e == E_ASIGNADO || e == E_REASIGNADO)
			return E_RESOLICITADO;
		if (e == E_RECHAZADO)
			return tuvo_llaves ? E_RESOLICITADO : E_PENDIENTE;
		return E__INVALIDO;
	case A_ASIGNAR:
		if (e == E_PENDIENTE || e == E_ASIGNADO)
			return E_ASIGNADO;
		if (e == E_RESOLICITADO || e == E_REASIGNADO)
			return E_REASIGNADO;
		return E__INVALIDO;
	case A_RECHAZAR:
		return (e == E_PENDIENTE || e == E_RESOLICITADO) ? E_RECHAZADO : E__INVALIDO;
	}
	return E__INVALIDO;
}

enum estado
estado_parse(const char *s)
{
	size_t i;

	if (s == NULL)
		return E_NINGUNO;
	for (i = E_PENDIENTE; i <= E_RECHAZADO; i++)
		if (strcmp(s, estados[i].name) == 0)
			return (enum estado)i;
	return E__INVALIDO;
}

const char *
estado_name(enum estado e)
{
	return e >= E_NINGUNO && e <= E_RECHAZADO ? estados[e].name : "";
}

const char *
estado_label(enum estado e)
{
	return e >= E_NINGUNO && e <= E_RECHAZADO ? estados[e].label : "";
}

const char *
estado_delegado(enum estado e)
{
	return e >= E_NINGUNO && e <= E_RECHAZADO ? estados[e].delegado : "";
}
