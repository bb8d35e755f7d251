/* The SAT part of the demo data: three Cajas de Compensación Familiar, each with its
 * delegate and an autorizado; the ministry activated the module for the first two. */
#include <stdio.h>

#include "db.h"
#include "demo.h"
#include "entidad.h"
#include "session.h"

static const struct {
	const char	*nit, *razon, *autorizado, *nombre;
	int		 activa;
} cajas[] = {
	{ DEMO_CCF_NIT, "Caja de Compensación Familiar Andina", "CC1020300010",
	    "Juliana Pardo (autorizada SAT)", 1 },
	{ "892300220", "Caja de Compensación Familiar del Litoral", "CC1020300020",
	    "Óscar Mejía (autorizado SAT)", 1 },
	{ "892300330", "Caja de Compensación Familiar del Llano", "CC1020300030",
	    "Diana Castro (autorizada SAT)", 0 },
};
#define NCAJAS	(sizeof(cajas) / sizeof(cajas[0]))
#define PERFIL_SAT	4	/* "Autorizado para administrar servicios web externos" (004) */

/* Caja k: the entity, its delegate, a sede and the autorizado. Returns 0 or -1. */
static int
caja(struct req *r, size_t k, const char *hash)
{
	long long ent, del, aut, sede;
	const char *login;

	if ((ent = db_entidad_insert(r->a, cajas[k].nit, cajas[k].razon, "CCF", NULL,
	    r->now)) <= 0)
		return -1;
	login = arena_printf(r->a, "ADMINSATCCF%s", cajas[k].nit);
	if ((del = demo_user(login, arena_printf(r->a, "Delegado %s", cajas[k].razon),
	    arena_printf(r->a, "delegado.%s@ccf.example.co", cajas[k].nit), hash, ent,
	    "securityAdmin_SAT_CCF", r->now)) <= 0)
		return -1;
	if (db_exec(ST_SEDE_INSERT, "itt", ent, "Sede principal", "Bogotá") != 0)
		return -1;
	sede = db_last_id();
	if ((aut = db_usuario_insert(cajas[k].autorizado, cajas[k].nombre,
	    arena_printf(r->a, "sat.%s@ccf.example.co", cajas[k].nit), "CC",
	    cajas[k].autorizado + 2, hash, r->now)) <= 0)
		return -1;
	if (db_exec(ST_AUTORIZADO_INSERT, "iitiiii", aut, ent, "Rol_SAT_CCF",
	    (long long)PERFIL_SAT, sede, del, r->now) != 0)
		return -1;
	if (cajas[k].activa && db_exec(ST_SAT_ACTIVAR, "iii", ent, r->now,
	    r->sess->usuario_id) != 0)
		return -1;
	return 0;
}

int
demo_sat(struct req *r, const char *hash)
{
	size_t k;

	for (k = 0; k < NCAJAS; k++)
		if (caja(r, k, hash) != 0)
			return -1;
	return 0;
}

void
demo_sat_logins(void)
{
	size_t k;

	for (k = 0; k < NCAJAS; k++)
		printf("  %-24s autorizado SAT de %s%s\n", cajas[k].autorizado, cajas[k].razon,
		    cajas[k].activa ? "" : " (módulo sin activar)");
	printf("  ADMINSATCCF%-13s delegado de %s (Administrar autorizados)\n", cajas[0].nit,
	    cajas[0].razon);
}
