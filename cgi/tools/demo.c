#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ihce/activacion.h"
#include "core/db.h"
#include "tools/demo.h"
#include "core/entidad.h"
#include "ihce/ihce.h"
#include "core/log.h"
#include "core/passwd.h"
#include "core/roles.h"
#include "core/secret.h"
#include "core/session.h"
#include "core/text.h"
#include "cuentas/totp.h"

#define DEMO_PASSWORD	"Portal-Demo-2026"
#define MSPS_NIT	"900474727"
#define MSPS_LOGIN	"CC1010202030"
#define ADMIN_LOGIN	"CC1010202040"
#define MULTI_LOGIN	"CC1010202050"	/* administrador MSPS and delegate of two providers */
#define MULTI_K1	5		/* the providers she is a delegate of */
#define MULTI_K2	6
/* The ministry staff's TOTP secret in the demo (the same for the three of them, so one
 * entry in an authenticator app serves): printed with the logins, never for production. */
#define DEMO_TOTP	"MINSALUDPORTALDEMOSEGUNDOFACTORX"
#define LOTE_EXTRAS	1000	/* seed-demo's extra providers per transaction */

static const char *const tipos[] = { "Clínica", "Hospital", "IPS", "Centro Médico",
	"Fundación Hospitalaria", "Unidad de Salud", "Hospital Universitario", "ESE Hospital" };
static const char *const nombres[] = { "San Rafael", "Santa Clara", "del Valle", "La Merced",
	"San Vicente de Paúl", "Nuestra Señora de Fátima", "El Rosario", "Los Andes",
	"San Juan de Dios", "La Candelaria", "Santa Sofía", "del Caribe", "Simón Bolívar",
	"La Esperanza", "San José" };
static const char *const ciudades[] = { "Bogotá", "Medellín", "Cali", "Barranquilla",
	"Bucaramanga", "Pereira", "Manizales", "Cúcuta", "Pasto", "Neiva", "Montería",
	"Villavicencio", "Popayán", "Ibagué" };

/* A request as the demo's delegates fill it. */
static const struct solicitud demo_form = {
	.proveedor_tec = "Soluciones Clínicas Andinas S.A.S.", .software = "HIS Andino 5",
	.lider_nombre = "Andrés Felipe Rojas", .lider_correo = "lider.tecnico@ips.example.co",
	.lider_tel = "3001234567", .resp_nombre = "María Fernanda Ortiz",
	.resp_correo = "datos.personales@ips.example.co", .resp_tel = "6014567890",
};

/* A fake session so the demo uses the same transactions as the pages. */
static void
as(struct req *r, struct session *s, long long uid, long long ent, const char *login,
    const char *rol, const char *nit, const char *razon)
{
	memset(s, 0, sizeof(*s));
	s->usuario_id = uid;
	s->entidad_id = ent;
	s->login = login;
	s->rol = rol;
	s->role = role_bit(rol);
	s->nit = nit;
	s->razon = razon;
	r->sess = s;
}

const char *
demo_nombre(struct arena *a, unsigned k)
{
	static const char *const pn[] = { "Ana", "Juan", "María", "Luis", "Paula", "Andrés",
		"Diana", "Jorge", "Natalia", "Felipe", "Carolina", "Sergio", "Lina" };
	static const char *const sn[] = { "", "Camila", "", "Alberto", "", "Esteban", "Marcela",
		"", "Isabel", "", "Fernando" };
	static const char *const ap[] = { "Gómez", "Rodríguez", "Martínez", "López", "García",
		"Restrepo", "Ramírez", "Vargas", "Ospina", "Zapata", "Cárdenas", "Rincón",
		"Betancur", "Quintero", "Arango", "Londoño", "Mejía" };
	const char *s = sn[k % 11];

	return arena_printf(a, "%s%s%s %s %s", pn[k % 13], *s ? " " : "", s, ap[k % 17],
	    ap[(k / 17 + k + 5) % 17]);
}

long long
demo_user(const char *login, const char *nombre, const char *correo, const char *hash,
    long long ent, const char *rol, long long now)
{
	/* A "CC<number>" login is the person's document; a delegate's ("ADMIN…" + NIT) gets
	 * a cédula made of the NIT, so every demo person has one. */
	size_t n = strlen(login);
	char doc[16];
	long long uid;

	if (strncmp(login, "CC", 2) == 0)
		snprintf(doc, sizeof(doc), "%s", login + 2);
	else
		snprintf(doc, sizeof(doc), "1%s", n > 9 ? login + n - 9 : login);
	uid = db_usuario_insert(login, nombre, correo, "CC", doc, hash, now);

	if (uid <= 0 || db_rol_insert(uid, ent, rol) <= 0)
		return -1;
	return uid;
}

/* Enrolls login's second factor with the demo secret, sealed as the enrollment page does.
 * Returns 0 or -1. */
static int
demo_totp(struct arena *a, const char *login, long long now)
{
	long long uid = db_int(ST_USUARIO_BY_LOGIN, 0, "t", login);
	char ad[48];
	unsigned char *ct;
	size_t len;

	snprintf(ad, sizeof(ad), "totp.secreto:%lld", uid);
	if (uid <= 0 || (ct = secret_seal(a, DEMO_TOTP, ad, &len)) == NULL)
		return -1;
	if (db_exec(ST_TOTP_PENDIENTE, "ibi", uid, ct, (int)len, now) < 0 ||
	    db_exec(ST_TOTP_ACTIVAR, "iii", now, 0LL, uid) < 0)
		return -1;
	return 0;
}

/* Keys for the three environments, distinct per entity; expira_dias from today. */
static void
llaves(struct arena *a, long long ent, int expira_dias, struct llave_in in[AMBIENTES])
{
	char fecha[11];
	int i;

	colombia_date((long long)time(NULL) + expira_dias * 86400LL, fecha);
	for (i = 0; i < AMBIENTES; i++) {
		in[i].client_id = arena_printf(a, "%08llx-%04x-4%03x-a%03x-%012llx",
		    (unsigned long long)ent * 2654435761u % 0xffffffffu, i * 4369 + 17,
		    (unsigned)(ent % 4096), (unsigned)(i * 273), (unsigned long long)ent * 977 + i);
		in[i].client_secret = arena_printf(a, "demo~%s~%lld~S3cr3t.%d", ambiente_name[i],
		    ent, i * 7 + 3);
		in[i].expira = arena_strdup(a, fecha);
	}
}

/* Assigns keys in for request id at version, and the delegate del activates them at
 * once, so the demo's delegates see their keys. */
static int
assign_activadas(struct req *r, struct session *del, long long id, long long version,
    const struct llave_in in[AMBIENTES])
{
	struct session *msps = r->sess;
	char codigo[CODIGO_LEN + 1];
	int rc;

	if (ihce_assign(r, id, version, in, codigo) != IHCE_OK)
		return -1;
	r->sess = del;
	r->ua = "datos de demostración";
	rc = ihce_activate(r, codigo) == ACT_OK ? 0 : -1;
	r->sess = msps;
	return rc;
}

/* Moves entity ent's demo request through the states up to target. */
static int
advance_to(struct req *r, struct session *del, struct session *msps, enum estado target,
    int expira_dias)
{
	struct session *keep = r->sess;
	struct llave_in in[AMBIENTES];
	struct solicitud cur;
	long long id;

	r->sess = del;
	/* Within seed-demo's batch of extra providers, in its transaction. */
	if ((!db_in_transaction() ? ihce_request(r, &demo_form, &id) :
	    ihce_request_en(r, &demo_form, &id)) != IHCE_OK)
		return -1;
	r->sess = msps;
	r->now += 600;
	if (target == E_RECHAZADO)
		return ihce_reject(r, id, 1, "Los datos del líder técnico no corresponden a "
		    "personal de la entidad. Corrija y envíe de nuevo.") == IHCE_OK ? 0 : -1;
	if (target != E_PENDIENTE) {
		llaves(r->a, del->entidad_id, expira_dias, in);
		if (assign_activadas(r, del, id, 1, in) < 0)
			return -1;
	}
	if (target == E_RESOLICITADO || target == E_REASIGNADO) {
		r->sess = del;
		r->now += 600;
		if (ihce_request(r, &demo_form, &id) != IHCE_OK)
			return -1;
	}
	if (target == E_REASIGNADO) {
		r->sess = msps;
		ihce_vigente(r->a, del->entidad_id, &cur);
		llaves(r->a, del->entidad_id + 1000, 300, in);
		if (assign_activadas(r, del, id, cur.version, in) < 0)
			return -1;
	}
	r->sess = keep;
	return 0;
}

/* Two or three sedes of provider k in its city. */
static int
sedes(struct arena *a, long long ent, int k)
{
	const char *ciudad = ciudades[k % 14];

	if (db_exec(ST_SEDE_INSERT, "itt", ent, "Sede principal", ciudad) != 0 ||
	    db_exec(ST_SEDE_INSERT, "itt", ent, "Sede norte", ciudad) != 0)
		return -1;
	if (k % 2 == 0 && db_exec(ST_SEDE_INSERT, "itt", ent,
	    arena_printf(a, "Unidad de urgencias %s", nombres[k % 15]), ciudad) != 0)
		return -1;
	return 0;
}

/* One provider: entity number k, its delegate, and a request in state target
 * (E_NINGUNO: none). */
static int
provider(struct req *r, struct session *msps, int k, enum estado target, const char *hash)
{
	char nit[16], codigo[24], login[32];
	const char *razon;
	struct session del;
	long long ent, uid;

	snprintf(nit, sizeof(nit), "%09d", 800100000 + k * 37);
	snprintf(codigo, sizeof(codigo), "%05d%07d", 11001 + (k % 90) * 100, 1000 + k);
	razon = arena_printf(r->a, "%s %s %s", tipos[k % 8], nombres[k % 15], ciudades[k % 14]);
	if (k >= 120)
		razon = arena_printf(r->a, "%s %s %s %d", tipos[k % 8], nombres[k % 15],
		    ciudades[k % 14], k);
	if ((ent = db_entidad_insert(r->a, nit, razon, "IPS", codigo, r->now)) <= 0 ||
	    sedes(r->a, ent, k) < 0)
		return -1;
	snprintf(login, sizeof(login), "ADMINHCEIPS%s", nit);
	if (k == MULTI_K1 || k == MULTI_K2) {
		/* These two providers' delegate is the person with several roles. */
		snprintf(login, sizeof(login), "%s", MULTI_LOGIN);
		uid = db_int(ST_USUARIO_BY_LOGIN, 0, "t", MULTI_LOGIN);
		if (db_rol_insert(uid, ent, "securityAdmin_IHCE_IPS") <= 0)
			uid = -1;
	} else
		uid = demo_user(login, demo_nombre(r->a, (unsigned)k),
		    arena_printf(r->a, "delegado.%s@ips.example.co", nit), hash, ent,
		    "securityAdmin_IHCE_IPS", r->now);
	if (uid <= 0)
		return -1;
	as(r, &del, uid, ent, login, "securityAdmin_IHCE_IPS", nit, razon);
	r->sess = msps;
	return target == E_NINGUNO ? 0 : advance_to(r, &del, msps, target, k % 5 == 0 ? 20 : 365);
}

/* The extra providers 1000, 1001, ... each with a pending request, LOTE_EXTRAS to a
 * transaction: a commit each spent most of the load writing the journal (100,000 took
 * minutes). Returns 0 or -1 (the batch that failed rolled back). */
static int
extras(struct req *r, struct session *msps, int n, const char *hash)
{
	int k, rc = 0;

	for (k = 0; k < n && rc == 0; k++, r->now += 1) {
		if (k % LOTE_EXTRAS == 0 && db_begin() != 0)
			return -1;
		rc = provider(r, msps, 1000 + k, E_PENDIENTE, hash);
		if (rc == 0 && (k + 1 == n || (k + 1) % LOTE_EXTRAS == 0))
			rc = db_commit();
	}
	if (rc != 0)
		db_rollback();
	return rc == 0 ? 0 : -1;
}

int
demo_seed(int extra)
{
	static const enum estado ciclo[] = { E_PENDIENTE, E_PENDIENTE, E_RESOLICITADO,
		E_ASIGNADO, E_REASIGNADO, E_RECHAZADO, E_NINGUNO };
	char hash[PASSWD_MCF_LEN];
	struct req r;
	struct session msps;
	long long ent, uid;
	int k, rc = 0;

	memset(&r, 0, sizeof(r));
	r.a = arena_new();
	r.ip = "127.0.0.1";
	r.now = (long long)time(NULL) - 90 * 86400;
	if (db_entidad_id_by_nit(MSPS_NIT) != 0 && extra == 0) {
		printf("Los datos de demostración ya estaban cargados.\n");
		goto logins;
	}
	if (passwd_hash(DEMO_PASSWORD, hash) < 0)
		return -1;
	if ((ent = db_entidad_id_by_nit(MSPS_NIT)) == 0) {
		ent = db_entidad_insert(r.a, MSPS_NIT, "Ministerio de Salud y Protección Social",
		    "MSPS", NULL, r.now);
		uid = demo_user(MSPS_LOGIN, "Laura Gómez Restrepo",
		    "laura.gomez@minsalud.example.co",
		    hash, ent, "Rol_IHCE_MSPS", r.now);
		as(&r, &msps, uid, ent, MSPS_LOGIN, "Rol_IHCE_MSPS", MSPS_NIT,
		    "Ministerio de Salud y Protección Social");
		if (demo_user(ADMIN_LOGIN, "Carlos Alberto Ruiz Mejía",
		    "carlos.ruiz@minsalud.example.co", hash, ent, "Administrador_MSPS", r.now) <= 0)
			rc = -1;
		/* Several roles: administrator here, delegate of providers MULTI_K1 and K2. */
		if (demo_user(MULTI_LOGIN, "Sofía Herrera Castaño",
		    "sofia.herrera@minsalud.example.co", hash, ent, "Administrador_MSPS", r.now) <= 0)
			rc = -1;
		if (rc == 0 && (demo_totp(r.a, MSPS_LOGIN, r.now) < 0 ||
		    demo_totp(r.a, ADMIN_LOGIN, r.now) < 0 || demo_totp(r.a, MULTI_LOGIN, r.now) < 0))
			rc = -1;
		for (k = 0; k < 70 && rc == 0; k++, r.now += 3000)
			rc = provider(&r, &msps, k, k < 4 ? (enum estado[]){ E_NINGUNO,
			    E_ASIGNADO, E_PENDIENTE, E_RECHAZADO }[k] : ciclo[k % 7], hash);
		if (rc == 0)
			rc = demo_mipres(hash);
	} else {
		uid = db_int(ST_USUARIO_BY_LOGIN, 0, "t", MSPS_LOGIN);
		as(&r, &msps, uid, ent, MSPS_LOGIN, "Rol_IHCE_MSPS", MSPS_NIT,
		    "Ministerio de Salud y Protección Social");
	}
	if (rc == 0 && db_entidad_id_by_nit(DEMO_CCF_NIT) == 0)
		rc = demo_sat(&r, hash);
	if (rc == 0 && db_entidad_id_by_nit(DEMO_AP_NIT) == 0)
		rc = demo_ap(&r, hash);
	if (rc == 0)
		rc = demo_delegados(&r, hash);
	if (rc == 0)
		rc = extras(&r, &msps, extra, hash);
	if (rc != 0) {
		log_err("demo: could not load the demo data");
		return -1;
	}
logins:
	printf("Usuarios de demostración (contraseña %s):\n", DEMO_PASSWORD);
	printf("  %-24s funcionario MSPS (Asignar token / Actualizar token)\n", MSPS_LOGIN);
	printf("  %-24s administrador MSPS (cuentas, roles, correo)\n", ADMIN_LOGIN);
	printf("  %-24s varios roles: administradora MSPS y delegada de 800100185 y "
	    "800100222 (Mi lista de roles)\n", MULTI_LOGIN);
	printf("  %-24s delegado sin solicitud (haga el ciclo completo)\n", "ADMINHCEIPS800100000");
	printf("  %-24s delegado con llaves asignadas\n", "ADMINHCEIPS800100037");
	printf("  %-24s delegado con solicitud pendiente\n", "ADMINHCEIPS800100074");
	printf("  %-24s delegado con solicitud rechazada\n", "ADMINHCEIPS800100111");
	printf("  %-24s delegado con llaves que vencen en 20 días\n", "ADMINHCEIPS800100370");
	demo_sat_logins();
	demo_mipres_logins();
	demo_ap_logins();
	demo_delegados_logins();
	printf("El personal del Ministerio (%s, %s, %s) tiene activa la verificación en dos\n"
	    "pasos con la clave de demostración %s: agréguela a una aplicación de\n"
	    "autenticación (cuenta basada en el tiempo, SHA-1, 6 dígitos, 30 s) o calcule el "
	    "código con\n  oathtool --totp -b %s\n", MSPS_LOGIN, ADMIN_LOGIN, MULTI_LOGIN,
	    DEMO_TOTP, DEMO_TOTP);
	arena_free(r.a);
	return 0;
}
