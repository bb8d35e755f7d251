#include <string.h>

#include "core/roles.h"

static const struct {
	unsigned	 bit;
	const char	*name;
	const char	*label;
	const char	*home;
} roles[] = {
	{ R_IPS, "securityAdmin_IHCE_IPS", "Delegado administrativo IHCE", "/ihce" },
	{ R_MSPS, "Rol_IHCE_MSPS", "Funcionario MSPS", "/msps/asignar" },
	{ R_ADMIN, "Administrador_MSPS", "Administrador MSPS", "/admin" },
	{ R_MIPRES_PROV, "securityAdmin_MIPRES_PROV", "Delegado administrativo MIPRES (proveedor)",
	    "/mipres" },
	{ R_DISPENSADOR, "Rol_MIPRES_Dispensador", "Dispensador MIPRES", "/mipres" },
	{ R_EPSC, "securityAdmin_MIPRES_EPSC", "Delegado administrativo MIPRES (EPS contributivo)",
	    "/mipres" },
	{ R_EPSS, "securityAdmin_MIPRES_EPSS", "Delegado administrativo MIPRES (EPS subsidiado)",
	    "/mipres" },
	{ R_SATD, "securityAdmin_SAT_CCF", "Delegado administrativo SAT", "/autorizados" },
	{ R_CCF, "Rol_SAT_CCF", "Autorizado SAT (servicios web de la Caja)", "/sat" },
	{ R_AP, "Rol_WS_AP", "Autorizado servicios web AP", "/sat" },
	{ R_APD, "securityAdmin_WS_AP", "Delegado administrativo servicios web AP", "/autorizados" },
	/* Registration offers it (cgi/cuentas/registro.c) though no page of the portal serves it yet. */
	{ 0, "securityAdmin_MIPRES_ET", "Delegado administrativo MIPRES (entidad territorial)",
	    "/login" },
};

#define NROLES (sizeof(roles) / sizeof(roles[0]))

const char *
rol_etiqueta(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < NROLES; i++)
		if (strcmp(roles[i].name, name) == 0)
			return roles[i].label;
	return ROL_DESCONOCIDO;
}

unsigned
role_bit(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < NROLES; i++)
		if (strcmp(roles[i].name, name) == 0)
			return roles[i].bit;
	return 0;
}

const char *
role_name(unsigned bit)
{
	size_t i;

	for (i = 0; i < NROLES; i++)
		if (roles[i].bit != 0 && roles[i].bit == bit)
			return roles[i].name;
	return "";
}

const char *
role_label(unsigned bit)
{
	size_t i;

	for (i = 0; i < NROLES; i++)
		if (roles[i].bit != 0 && roles[i].bit == bit)
			return roles[i].label;
	return "";
}

const char *
role_home(unsigned bit)
{
	size_t i;

	if (bit == R_PICK)
		return "/roles";
	if (bit == R_CODIGO)
		return "/login/codigo";
	if (bit == R_ENROLAR)
		return "/cuenta/dos-pasos";
	if (bit == R_INVITADO)
		return "/invitaciones";
	for (i = 0; i < NROLES; i++)
		if (roles[i].bit != 0 && roles[i].bit == bit)
			return roles[i].home;
	return "/login";
}
