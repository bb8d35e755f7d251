/* The AP part of the demo data: two Administradoras de Pensiones, activated by the
 * ministry, each with the two AP services of the catalog assigned (a Client ID each), its
 * connection password set to the demo password, and an autorizado with Rol_WS_AP. */
#include <stdio.h>
#include <stdlib.h>

#include "core/config.h"
#include "core/db.h"
#include "tools/demo.h"
#include "core/entidad.h"
#include "core/session.h"

static const struct {
	const char	*nit, *razon, *autorizado, *nombre;
} aps[] = {
	{ DEMO_AP_NIT, "Administradora de Pensiones y Cesantías Horizonte Demo", "CC1030400010",
	    "Camila Rincón Toro" },
	{ "800900202", "Fondo de Pensiones Porvenir del Caribe Demo", "CC1030400020",
	    "Andrés Felipe Quintero Gil" },
};
#define NAPS	(sizeof(aps) / sizeof(aps[0]))

static const struct {
	const char	*nombre, *descripcion, *doc;
} servicios[] = {
	{ "ReportarAfiliaciontraslado", "Reporte de afiliaciones y traslados de afiliados al "
	    "Sistema General de Pensiones (una novedad o una lista).", "openapi_afiliacion.json" },
	{ "ReportarRetractoAfiliacion", "Reporte del retracto de una afiliación o traslado "
	    "reportado antes por la Administradora.", "openapi_retracto.json" },
};
#define NSERVICIOS	(sizeof(servicios) / sizeof(servicios[0]))

/* The demo Client ID of AP k's service j (fixed, so the demo prints it). */
static const char *
client_id(struct arena *a, size_t k, size_t j)
{
	return arena_printf(a, "%s-0000-4a0a-8a0%zu-00000000%04zu", aps[k].nit + 1, j + 1,
	    k + 1);
}

/* The OpenAPI document docs/<file> of the source tree, in the arena, or NULL. */
static const char *
openapi(struct arena *a, const char *file)
{
	char path[4200], *s = NULL;
	FILE *f;
	long n;

	snprintf(path, sizeof(path), "%s/docs/%s", cfg.root, file);
	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && n < 1 << 20 &&
	    fseek(f, 0, SEEK_SET) == 0 && (s = arena_alloc(a, (size_t)n + 1)) != NULL) {
		if (fread(s, 1, (size_t)n, f) != (size_t)n)
			s = NULL;
		else
			s[n] = '\0';
	}
	fclose(f);
	return s;
}

/* AP k: the entity, a sede, the autorizado, activation, password and services. */
static int
ap(struct req *r, size_t k, const char *hash, const long long srv[NSERVICIOS])
{
	long long ent, aut, sede, perfil = db_int(ST_AP_PERFIL, 0, "");
	size_t j;

	if (perfil <= 0 || (ent = db_entidad_insert(r->a, aps[k].nit, aps[k].razon, "AP", NULL,
	    r->now)) <= 0)
		return -1;
	if (db_exec(ST_SEDE_INSERT, "itt", ent, "Sede principal", "Bogotá") != 0)
		return -1;
	sede = db_last_id();
	if ((aut = db_usuario_insert(aps[k].autorizado, aps[k].nombre,
	    arena_printf(r->a, "ws.%s@ap.example.co", aps[k].nit), "CC",
	    aps[k].autorizado + 2, hash, r->now)) <= 0)
		return -1;
	if (db_exec(ST_AUTORIZADO_INSERT, "iitiiii", aut, ent, "Rol_WS_AP", perfil, sede,
	    r->sess->usuario_id, r->now) != 0)
		return -1;
	if (db_exec(ST_SAT_ACTIVAR, "iii", ent, r->now, r->sess->usuario_id) != 0 ||
	    db_exec(ST_AP_CLAVE_SET, "tiii", hash, r->now, aut, ent) != 0)
		return -1;
	for (j = 0; j < NSERVICIOS; j++)
		if (db_exec(ST_AP_ASIGNAR, "iitii", srv[j], ent, client_id(r->a, k, j), r->now,
		    r->sess->usuario_id) != 0)
			return -1;
	return 0;
}

int
demo_ap(struct req *r, const char *hash)
{
	long long srv[NSERVICIOS];
	size_t j, k;

	for (j = 0; j < NSERVICIOS; j++)
		if ((srv[j] = db_int(ST_AP_SERVICIO_UPSERT, 0, "tttti", servicios[j].nombre,
		    servicios[j].descripcion, "https://localhost:8444",
		    openapi(r->a, servicios[j].doc), r->now)) <= 0)
			return -1;
	for (k = 0; k < NAPS; k++)
		if (ap(r, k, hash, srv) != 0)
			return -1;
	return 0;
}

void
demo_ap_logins(void)
{
	struct arena *a = arena_new();
	size_t j, k;

	for (k = 0; k < NAPS; k++) {
		printf("  %-24s autorizado de servicios web AP de %s\n", aps[k].autorizado,
		    aps[k].razon);
		printf("  %-24s   usuario de conexión (POST /token) de %s\n", aps[k].nit,
		    aps[k].razon);
		for (j = 0; a != NULL && j < NSERVICIOS; j++)
			printf("  %-24s   Client ID de %s\n", client_id(a, k, j),
			    servicios[j].nombre);
	}
	arena_free(a);
}
