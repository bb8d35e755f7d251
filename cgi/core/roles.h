/* Roles: a bit per role for the router table, and their names in the database. */
#ifndef ROLES_H
#define ROLES_H

enum role {
	R_PUBLIC = 1u << 0,	/* no session needed */
	R_IPS = 1u << 1,	/* securityAdmin_IHCE_IPS: delegado administrativo */
	R_MSPS = 1u << 2,	/* Rol_IHCE_MSPS: funcionario MSPS */
	R_ADMIN = 1u << 3,	/* Administrador_MSPS: accounts, roles, outbox */
	R_PICK = 1u << 4,	/* logged in with several roles, none chosen yet */
	R_CODIGO = 1u << 5,	/* password given, second factor (TOTP) due */
	R_ENROLAR = 1u << 6,	/* ministry staff who must enroll a second factor first */
	R_MIPRES_PROV = 1u << 7,	/* securityAdmin_MIPRES_PROV: a provider's delegate */
	R_DISPENSADOR = 1u << 8,	/* Rol_MIPRES_Dispensador: a provider's or IPS's staff */
	R_EPSC = 1u << 9,	/* securityAdmin_MIPRES_EPSC: EPS, régimen contributivo */
	R_EPSS = 1u << 10,	/* securityAdmin_MIPRES_EPSS: EPS, régimen subsidiado */
	R_SATD = 1u << 11,	/* securityAdmin_SAT_CCF: a CCF's delegado administrativo */
	R_CCF = 1u << 12,	/* Rol_SAT_CCF: a CCF's autorizado for its web services */
	R_AP = 1u << 13,	/* Rol_WS_AP: an AP's autorizado for its web services */
	R_APD = 1u << 14,	/* securityAdmin_WS_AP: an AP's delegado administrativo */
	R_INVITADO = 1u << 15,	/* logged in with no active role but waiting invitations:
				 * only those answer (cgi/cuentas/invitaciones.c) */
};
#define R_PROVEEDOR	(R_MIPRES_PROV | R_DISPENSADOR)	/* a MIPRES dispenser's users */
#define R_EPS		(R_EPSC | R_EPSS)		/* an EPS's MIPRES users */
#define R_MIPRES	(R_PROVEEDOR | R_EPS)		/* MIPRES's users */
/* Any logged-in role. */
#define R_USER	(R_IPS | R_MSPS | R_ADMIN | R_MIPRES | R_SATD | R_CCF | R_AP | R_APD)
#define R_DELEGADO	(R_IPS | R_SATD | R_APD | R_MIPRES_PROV)	/* administers the autorizados */

/* The bit of a role name from the database, or 0 when unknown. */
unsigned role_bit(const char *name);
/* The database name, the Spanish label and the home page of a role bit (R_PICK's home is
 * the role list; R_CODIGO's the second step; R_ENROLAR's the enrollment; R_INVITADO's the
 * waiting invitations). */
const char *role_name(unsigned bit);
const char *role_label(unsigned bit);
/* The Spanish label of a role's database name (rol_asignado.rol): the one name every page,
 * list and mail shows for a role — never the id itself. A name the portal does not know
 * reads ROL_DESCONOCIDO. */
#define ROL_DESCONOCIDO	"Rol no reconocido por el portal"
const char *rol_etiqueta(const char *name);
const char *role_home(unsigned bit);
#endif
