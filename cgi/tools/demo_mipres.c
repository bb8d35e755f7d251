/*
 * MIPRES demo data for `make run`: an EPS and two dispensers with their delegates, user
 * tokens (new on every run, printed with the logins: only their hashes are stored) and
 * direccionamientos in several states, recorded through the API's own transactions.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/db.h"
#include "tools/demo.h"
#include "core/entidad.h"
#include "core/log.h"
#include "mipres/generar_token.h"
#include "core/text.h"

static const struct {
	const char	*nit, *tipo, *razon, *login, *rol, *regimen;
} ents[] = {
	{ "901234561", "EPSC", "EPS Salud Andina", "ADMINMIPRESEPSC901234561",
	    "securityAdmin_MIPRES_EPSC", "contributivo" },
	{ "901500013", "PROV", "Dispensadora Farmacéutica del Centro",
	    "ADMINMIPRESPROV901500013", "securityAdmin_MIPRES_PROV", "" },
	{ "901500021", "PROV", "Distribuciones Médicas del Norte", "ADMINMIPRESPROV901500021",
	    "securityAdmin_MIPRES_PROV", "" },
};
#define NENTS (sizeof(ents) / sizeof(ents[0]))

/* A dispenser's staff (Rol_MIPRES_Dispensador) of the first dispenser, authorized by its
 * delegate: a "CC<number>" login, the person's document. */
#define DISPENSADOR_LOGIN	"CC1040500010"
#define DISPENSADOR_NOMBRE	"Andrea Torres Salazar"
#define PERFIL_DISPENSACION	2	/* "Dispensación y reporte de entregas" (004) */

static long long ultimo_paso;	/* the step tx() recorded last */

/* The dispensador of entity ent (ents[1]), authorized by its delegate del with a sede.
 * Returns 0 or -1. */
static int
dispensador(struct req *r, long long ent, long long del, const char *hash)
{
	long long uid, sede;

	if (db_exec(ST_SEDE_INSERT, "itt", ent, "Farmacia principal", "Bogotá") != 0)
		return -1;
	sede = db_last_id();
	uid = db_usuario_insert(DISPENSADOR_LOGIN, DISPENSADOR_NOMBRE,
	    "andrea.torres@dispensadora.example.co", "CC", DISPENSADOR_LOGIN + 2, hash, r->now);
	if (uid <= 0 || db_exec(ST_AUTORIZADO_INSERT, "iitiiii", uid, ent,
	    "Rol_MIPRES_Dispensador", (long long)PERFIL_DISPENSACION, sede, del,
	    r->now) != 0)
		return -1;
	return 0;
}

/* Records transaction tx with fields (name, value pairs ending in NULL) as q. Returns the
 * line's ID, or -1. */
static long long
tx(struct req *r, const struct mipres_quien *q, enum mipres_tx t, const char *const *kv)
{
	struct mipres_in in;
	struct mipres_errores e;
	const enum mipres_campo *c;
	long long id, idpaso;

	memset(&in, 0, sizeof(in));
	memset(&e, 0, sizeof(e));
	in.tx = t;
	for (; kv[0] != NULL; kv += 2)
		for (c = mipres_tx_campos(t, NULL); *c != MC__N; c++)
			if (strcmp(mipres_campo_nombre(*c), kv[0]) == 0)
				in.v[*c] = kv[1];
	if (mipres_register(r, q, &in, &e, &id, &idpaso) != MP_OK) {
		log_err("demo: %s: %s", mipres_tx_objeto(t), e.n ? e.v[0].mensaje : "falló");
		return -1;
	}
	ultimo_paso = idpaso;
	return id;
}

/* One direccionamiento of the EPS to provider prov for patient k, moved through the
 * cycle up to step hasta (MP_D .. MP_S). Returns 0 or -1. */
static int
linea(struct req *r, const struct mipres_quien *eps, const struct mipres_quien *prov, int k,
    enum mipres_paso hasta, const char *max, const char *hoy)
{
	char presc[24], doc[16], idtxt[24];
	long long id;

	snprintf(presc, sizeof(presc), "2026%016d", 1000 + k);
	snprintf(doc, sizeof(doc), "%d", 52000100 + k * 7);
	id = tx(r, eps, MT_DIRECCIONAMIENTO, (const char *[]){ "NoPrescripcion", presc,
	    "TipoTec", "M", "ConTec", "1", "TipoIDPaciente", "CC", "NoIDPaciente", doc,
	    "NoEntrega", "1", "NoSubEntrega", "0", "TipoIDProv", "NI", "NoIDProv", prov->nit,
	    "CodMunEnt", "11001", "FecMaxEnt", max, "CantTotAEntregar", k % 2 ? "30" : "60",
	    "DirPaciente", "Calle 45 # 13-20", "CodSerTecAEntregar", "019971860-01", NULL });
	if (id < 0)
		return -1;
	snprintf(idtxt, sizeof(idtxt), "%lld", id);
	if (hasta >= MP_P && tx(r, prov, MT_PROGRAMACION, (const char *[]){ "ID", idtxt,
	    "FecMaxEnt", max, "TipoIDSedeProv", "NI", "NoIDSedeProv", prov->nit, "CodSedeProv",
	    "PROV001234", "CodSerTecAEntregar", "019971860-01", "CantTotAEntregar", "30",
	    NULL }) < 0)
		return -1;
	if (hasta >= MP_E && tx(r, prov, MT_ENTREGA, (const char *[]){ "ID", idtxt,
	    "CodSerTecEntregado", "019971860-01", "CantTotEntregada", "30", "EntTotal", "1",
	    "FecEntrega", hoy, "NoLote", "L2026-07", "TipoIDRecibe", "CC", "NoIDRecibe", doc,
	    NULL }) < 0)
		return -1;
	if (hasta >= MP_R && tx(r, prov, MT_REPORTE, (const char *[]){ "ID", idtxt,
	    "EstadoEntrega", "1", "ValorEntregado", "125000", NULL }) < 0)
		return -1;
	if (hasta >= MP_S && tx(r, eps, MT_SUMINISTRO, (const char *[]){ "ID", idtxt,
	    "UltEntrega", "1", "EntregaCompleta", "1", "CantTotEntregada", "30",
	    "ValorEntregado", "125000", NULL }) < 0)
		return -1;
	return 0;
}

int
demo_mipres(const char *hash)
{
	static const enum mipres_paso pasos[] = { MP_D, MP_D, MP_P, MP_E, MP_R, MP_S, MP_D, MP_P };
	struct mipres_quien q[NENTS];
	struct req r;
	char max[11], hoy[11];
	long long uid;
	size_t i;
	int rc = 0;

	memset(&r, 0, sizeof(r));
	r.a = arena_new();
	r.ip = "127.0.0.1";
	r.now = (long long)time(NULL);
	colombia_date(r.now + 30 * 86400LL, max);
	colombia_date(r.now, hoy);
	for (i = 0; i < NENTS && rc == 0; i++) {
		q[i] = (struct mipres_quien){ .nit = ents[i].nit, .regimen = ents[i].regimen,
		    .es_eps = mipres_tipo_es_eps(ents[i].tipo) };
		q[i].entidad_id = db_entidad_insert(r.a, ents[i].nit, ents[i].razon, ents[i].tipo,
		    NULL, r.now);
		uid = db_usuario_insert(ents[i].login, demo_nombre(r.a, (unsigned)i + 201),
		    arena_printf(r.a, "delegado.%s@mipres.example.co", ents[i].nit), "CC",
		    arena_printf(r.a, "1%s", ents[i].nit), hash, r.now);
		if (q[i].entidad_id <= 0 || uid <= 0 || db_rol_insert(uid, q[i].entidad_id,
		    ents[i].rol) <= 0 || (i == 1 && dispensador(&r, q[i].entidad_id, uid,
		    hash) < 0))
			rc = -1;
	}
	/* Lines to each dispenser in every state, and one annulled. */
	for (i = 0; i < 8 && rc == 0; i++)
		rc = linea(&r, &q[0], &q[1 + i % 2], (int)i, pasos[i], max, hoy);
	if (rc == 0 && linea(&r, &q[0], &q[1], 8, MP_D, max, hoy) == 0) {
		struct mipres_errores e = { .n = 0 };

		if (mipres_annul(&r, &q[0], MP_D, ultimo_paso, &e) != MP_OK)
			rc = -1;
	} else
		rc = -1;
	arena_free(r.a);
	return rc;
}

void
demo_mipres_logins(void)
{
	char guid[MP_GUID_LEN + 1];
	long long ent;
	size_t i;

	printf("MIPRES (token de usuario nuevo en cada arranque; GenerarToken/{NIT}/{token}):\n");
	for (i = 0; i < NENTS; i++) {
		if ((ent = db_entidad_id_by_nit(ents[i].nit)) == 0 || db_begin() < 0)
			continue;
		if (mipres_token_nuevo(ent, ents[i].regimen, 0, (long long)time(NULL), guid) < 0 ||
		    db_commit() < 0) {
			db_rollback();
			continue;
		}
		printf("  %-24s %s NIT %s: token %s%s%s\n", ents[i].login, ents[i].razon,
		    ents[i].nit, guid, ents[i].regimen[0] ? " régimen " : "", ents[i].regimen);
	}
	printf("  %-24s dispensador (Rol_MIPRES_Dispensador) de %s NIT %s\n", DISPENSADOR_LOGIN,
	    ents[1].razon, ents[1].nit);
}
