/*
 * What `make bench` needs of the Auditoría page (cgi/admin/auditoria.c): many rows in
 * auditoria, written by the statement the portal writes them with, so the chain verifies
 * and the page's indexes hold them like any others. See cgi/tools/auditoria_carga.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/arena.h"
#include "core/audit.h"
#include "tools/auditoria_carga.h"
#include "core/db.h"

#define LOTE		100000	/* rows per transaction */
#define MAX_PERSONAS	1000

/* Actions the portal records, for the rows' variety and the page's Acción filter. */
static const char *const acciones[] = { "login", "login", "login", "logout",
	"ihce_inscripcion", "sat_servicio_asignado", "mipres_entrega", "mipres_programacion",
	"ap_token", "clave_cambiada", "rol_asignado", "login_fallido" };
#define NACCIONES	(sizeof(acciones) / sizeof(acciones[0]))

/* One who acts in the rows. */
struct persona {
	long long	 usuario_id, entidad_id;
	const char	*login, *rol;
};

/* Reads up to MAX_PERSONAS people with an active role into p (texts in a). Returns how
 * many. */
static int
personas_read(struct arena *a, struct persona *p)
{
	struct db_stmt *st = db_stmt(ST_AUDITORIA_CARGA_PERSONAS, "i", (long long)MAX_PERSONAS);
	int n = 0;

	while (st != NULL && n < MAX_PERSONAS && db_step(st) == DB_ROW) {
		p[n].usuario_id = db_col_int64(st, 0);
		p[n].login = db_text(a, st, 1);
		p[n].rol = db_text(a, st, 2);
		p[n].entidad_id = db_col_int64(st, 3);
		n++;
	}
	if (st != NULL)
		db_reset(st);
	return n;
}

/* Appends rows [*i, min(n, *i + LOTE)): row i at desde + i * span / n. Returns 0 or -1. */
static int
lote(long long *i, long long n, long long desde, long long span, const struct persona *p,
    int np)
{
	long long fin = *i + LOTE < n ? *i + LOTE : n;
	const struct persona *q;
	char ip[16], detalle[64];

	for (; *i < fin; (*i)++) {
		q = &p[*i % np];
		snprintf(ip, sizeof(ip), "10.%lld.%lld.%lld", *i / 65536 % 256, *i / 256 % 256,
		    *i % 256);
		snprintf(detalle, sizeof(detalle), "carga de prueba %lld", *i + 1);
		if (db_exec(ST_AUDIT_INSERT, "iittittt", desde + *i * span / n, q->usuario_id,
		    q->login, q->rol, q->entidad_id, ip, acciones[*i % NACCIONES], detalle) != 0)
			return -1;
	}
	return 0;
}

int
auditoria_carga(long long n, int dias, int *personas)
{
	struct arena *a = arena_new();
	struct persona *p = calloc(MAX_PERSONAS, sizeof(*p));
	long long now = (long long)time(NULL), span = (long long)dias * 86400, i = 0;
	struct req r = { .now = now, .ip = "" };
	char detalle[128];
	int np = 0, rc = -1;

	if (a == NULL || p == NULL)
		goto out;
	if ((np = personas_read(a, p)) == 0) {
		fprintf(stderr, "no hay personas con un rol activo (portal seed-demo)\n");
		goto out;
	}
	while (i < n) {
		if (db_begin() != 0 || lote(&i, n, now - span, span, p, np) != 0)
			goto falla;
		snprintf(detalle, sizeof(detalle), "seed-auditoria: %lld filas de prueba en %d "
		    "día(s)", n, dias);
		if ((i == n && audit_as(&r, 0, "operador", "auditoria_carga", detalle) != 0) ||
		    db_commit() != 0)
			goto falla;
	}
	rc = 0;
	goto out;
falla:
	db_rollback();
	fprintf(stderr, "no se pudieron cargar las filas (van %lld)\n", i);
out:
	*personas = np;
	free(p);
	arena_free(a);
	return rc;
}
