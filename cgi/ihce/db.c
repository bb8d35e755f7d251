#include <stdio.h>
#include <string.h>

#include "ihce/activacion.h"
#include "core/audit.h"
#include "core/db.h"
#include "ihce/ihce.h"
#include "core/log.h"
#include "core/secret.h"
#include "core/session.h"
#include "ihce/sql.h"

const char *const ambiente_name[AMBIENTES] = { "desarrollo", "preproduccion", "produccion" };
const char *const ambiente_label[AMBIENTES] = { "Desarrollo", "Preproducción", "Producción" };

void
llave_ad(long long id, char out[64])
{
	snprintf(out, 64, "llave.client_secret:%lld", id);
}

int
ihce_vigente(struct arena *a, long long entidad_id, struct solicitud *s)
{
	struct db_stmt *st = db_stmt(ST_SOLICITUD_VIGENTE, "i", entidad_id);
	int found = 0;

	memset(s, 0, sizeof(*s));
	if (st != NULL && db_step(st) == DB_ROW) {
		s->id = db_col_int64(st, SOLICITUD_VIGENTE_ID);
		s->tipo = db_text(a, st, SOLICITUD_VIGENTE_TIPO);
		s->estado = estado_parse(db_col_text(st, SOLICITUD_VIGENTE_ESTADO));
		s->fecha = db_col_int64(st, SOLICITUD_VIGENTE_FECHA);
		s->motivo = db_text(a, st, SOLICITUD_VIGENTE_MOTIVO_RECHAZO);
		s->version = db_col_int64(st, SOLICITUD_VIGENTE_VERSION);
		s->entidad_id = entidad_id;
		s->vigente = 1;
		found = 1;
	}
	if (st != NULL)
		db_reset(st);
	return found;
}

int
ihce_tuvo_llaves(long long entidad_id)
{
	return db_int(ST_SOLICITUD_TUVO_LLAVES, 0, "i", entidad_id) != 0;
}

int
ihce_solicitud_get(struct arena *a, long long id, struct solicitud *s)
{
	struct db_stmt *st = db_stmt(ST_SOLICITUD_BY_ID, "i", id);
	int found = 0;

	memset(s, 0, sizeof(*s));
	if (st != NULL && db_step(st) == DB_ROW) {
		s->id = db_col_int64(st, SOLICITUD_BY_ID_ID);
		s->entidad_id = db_col_int64(st, SOLICITUD_BY_ID_ENTIDAD_ID);
		s->tipo = db_text(a, st, SOLICITUD_BY_ID_TIPO);
		s->estado = estado_parse(db_col_text(st, SOLICITUD_BY_ID_ESTADO));
		s->vigente = db_col_int(st, SOLICITUD_BY_ID_VIGENTE);
		s->proveedor_tec = db_text(a, st, SOLICITUD_BY_ID_PROVEEDOR_TEC);
		s->software = db_text(a, st, SOLICITUD_BY_ID_SOFTWARE);
		s->lider_nombre = db_text(a, st, SOLICITUD_BY_ID_LIDER_NOMBRE);
		s->lider_correo = db_text(a, st, SOLICITUD_BY_ID_LIDER_CORREO);
		s->lider_tel = db_text(a, st, SOLICITUD_BY_ID_LIDER_TEL);
		s->resp_nombre = db_text(a, st, SOLICITUD_BY_ID_RESP_NOMBRE);
		s->resp_correo = db_text(a, st, SOLICITUD_BY_ID_RESP_CORREO);
		s->resp_tel = db_text(a, st, SOLICITUD_BY_ID_RESP_TEL);
		s->fecha = db_col_int64(st, SOLICITUD_BY_ID_FECHA);
		s->motivo = db_text(a, st, SOLICITUD_BY_ID_MOTIVO_RECHAZO);
		s->version = db_col_int64(st, SOLICITUD_BY_ID_VERSION);
		s->nit = db_text(a, st, SOLICITUD_BY_ID_NIT);
		s->razon = db_text(a, st, SOLICITUD_BY_ID_RAZON_SOCIAL);
		s->codigo = db_text(a, st, SOLICITUD_BY_ID_CODIGO_HABILITACION);
		found = 1;
	}
	if (st != NULL)
		db_reset(st);
	return found;
}

/* Ends the transaction: commits on IHCE_OK, rolls back otherwise. */
static enum ihce_rc
finish(enum ihce_rc rc)
{
	if (rc == IHCE_OK && db_commit() == 0)
		return IHCE_OK;
	db_rollback();
	return rc == IHCE_OK ? IHCE_ERROR : rc;
}

/* See cgi/ihce/ihce.h: ihce_request without its transaction. */
enum ihce_rc
ihce_request_en(struct req *r, const struct solicitud *in, long long *id)
{
	const struct session *s = r->sess;
	struct solicitud cur;
	enum estado next;
	char *asunto, *cuerpo;

	ihce_vigente(r->a, s->entidad_id, &cur);
	next = ihce_siguiente(cur.estado, ihce_tuvo_llaves(s->entidad_id), A_SOLICITAR);
	if (next == E__INVALIDO)
		return IHCE_NO_PERMITIDO;
	if (db_exec(ST_SOLICITUD_RETIRAR, "i", s->entidad_id) < 0 ||
	    db_exec(ST_SOLICITUD_INSERT, "ittttttttttititii", s->entidad_id,
	    next == E_PENDIENTE ? "inscripcion" : "resolicitud", estado_name(next),
	    in->proveedor_tec, in->software, in->lider_nombre, in->lider_correo, in->lider_tel,
	    in->resp_nombre, in->resp_correo, in->resp_tel, r->now, r->ip, r->now, r->ip,
	    s->usuario_id, r->now) < 0)
		return IHCE_ERROR;
	*id = db_last_id();
	asunto = arena_printf(r->a, "Nueva solicitud de llaves IHCE: %s", s->razon);
	cuerpo = arena_printf(r->a, "La entidad %s (NIT %s) registró una %s de llaves IHCE "
	    "(solicitud %lld). Ingrese al portal, opción Asignar token, para atenderla.",
	    s->razon, s->nit, next == E_PENDIENTE ? "inscripción" : "resolicitud", *id);
	if (outbox_rol(r->a, "Rol_IHCE_MSPS", 0, asunto, cuerpo, r->now) < 0)
		return IHCE_ERROR;
	if (audit(r, next == E_PENDIENTE ? "ihce_inscripcion" : "ihce_resolicitud",
	    "solicitud %lld", *id) < 0)
		return IHCE_ERROR;
	return IHCE_OK;
}

enum ihce_rc
ihce_request(struct req *r, const struct solicitud *in, long long *id)
{
	if (db_begin() < 0)
		return IHCE_ERROR;
	return finish(ihce_request_en(r, in, id));
}

int
ihce_llaves_actuales(struct arena *a, long long entidad_id, struct llave_actual out[AMBIENTES])
{
	struct db_stmt *st = db_stmt(ST_LLAVES_VIGENTES, "i", entidad_id);
	int i = 0, rc = DB_DONE;
	void *p;

	memset(out, 0, AMBIENTES * sizeof(*out));
	if (st == NULL)
		return -1;
	while (i < AMBIENTES && (rc = db_step(st)) == DB_ROW) {
		if (!db_col_null(st, LLAVES_VIGENTES_ID)) {
			out[i].id = db_col_int64(st, LLAVES_VIGENTES_ID);
			out[i].client_id = db_text(a, st, LLAVES_VIGENTES_CLIENT_ID);
			out[i].expira = db_text(a, st, LLAVES_VIGENTES_EXPIRA);
			out[i].secret_len = (size_t)db_col_bytes(st, LLAVES_VIGENTES_CLIENT_SECRET);
			p = arena_alloc(a, out[i].secret_len + 1);
			memcpy(p, db_col_blob(st, LLAVES_VIGENTES_CLIENT_SECRET), out[i].secret_len);
			out[i].secret = p;
		}
		i++;
	}
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : -1;
}

int
llave_cambia(const struct llave_actual *cur, const struct llave_in *in)
{
	return cur->id == 0 || in->client_secret != NULL ||
	    strcmp(cur->client_id, in->client_id) != 0 || strcmp(cur->expira, in->expira) != 0;
}

/* Replaces the entity's key for environment i with in, sealing the secret to the new row:
 * the one typed, or the current key cur's when in keeps it. Returns 0, 1 when there is no
 * secret to keep (or it does not open), or -1. */
static int
llave_save(struct req *r, const struct solicitud *s, int i, const struct llave_in *in,
    const struct llave_actual *cur)
{
	char ad[64];
	unsigned char *ct;
	const char *secret = in->client_secret;
	size_t len;
	long long id;

	if (secret == NULL) {
		llave_ad(cur->id, ad);
		if (cur->id == 0 || (secret = secret_open(r->a, cur->secret, cur->secret_len,
		    ad)) == NULL) {
			log_err("ihce: the secret of key %lld to keep is not there or does "
			    "not open", cur->id);
			return 1;
		}
	}
	if (db_exec(ST_LLAVE_RETIRAR, "iit", r->now, s->entidad_id, ambiente_name[i]) < 0 ||
	    db_exec(ST_LLAVE_INSERT, "iitttii", s->entidad_id, s->id, ambiente_name[i],
	    in->client_id, in->expira, r->now, r->sess->usuario_id) < 0)
		return -1;
	id = db_last_id();
	llave_ad(id, ad);
	ct = secret_seal(r->a, secret, ad, &len);
	return db_exec(ST_LLAVE_SET_SECRET, "bi", ct, (int)len, id) < 0 ? -1 : 0;
}

/* Checks that request id exists, is current, is at version and allows accion; returns
 * the state it moves to, or an enum ihce_rc. */
static int
check_respuesta(struct req *r, long long id, long long version, enum accion a,
    struct solicitud *s)
{
	enum estado next;

	if (!ihce_solicitud_get(r->a, id, s))
		return IHCE_NO_EXISTE;
	if (s->version != version || !s->vigente)
		return IHCE_CAMBIO;
	next = ihce_siguiente(s->estado, 1, a);
	return next == E__INVALIDO ? IHCE_NO_PERMITIDO : (int)next;
}

/* Queues the notice to the entity's delegates. */
static int
notify_delegado(struct req *r, const struct solicitud *s, const char *asunto,
    const char *cuerpo)
{
	return outbox_rol(r->a, "securityAdmin_IHCE_IPS", s->entidad_id, asunto, cuerpo, r->now);
}

enum ihce_rc
ihce_assign(struct req *r, long long id, long long version, const struct llave_in in[AMBIENTES],
    char *codigo)
{
	struct llave_actual cur[AMBIENTES];
	struct solicitud s;
	const char *cambian = "";
	int next, i, rc;

	if (db_begin() < 0)
		return IHCE_ERROR;
	if ((next = check_respuesta(r, id, version, A_ASIGNAR, &s)) < 0)
		return finish(next);
	if (ihce_llaves_actuales(r->a, s.entidad_id, cur) < 0)
		return finish(IHCE_ERROR);
	for (i = 0; i < AMBIENTES; i++) {
		if (!llave_cambia(&cur[i], &in[i]))
			continue;
		if ((rc = llave_save(r, &s, i, &in[i], &cur[i])) != 0)
			return finish(rc > 0 ? IHCE_CAMBIO : IHCE_ERROR);
		cambian = arena_printf(r->a, "%s%s%s", cambian, *cambian ? "," : "",
		    ambiente_name[i]);
	}
	if (db_exec(ST_SOLICITUD_RESPONDER, "tniiii", estado_name(next), r->now,
	    r->sess->usuario_id, id, version) < 0 || db_changes() != 1)
		return finish(IHCE_CAMBIO);
	/* The notice carries the activation code: the keys show once it is entered. */
	if (activacion_issue(r, &s, codigo) < 0)
		return finish(IHCE_ERROR);
	if (audit(r, s.estado == next ? "ihce_actualizar_llaves" : "ihce_asignar_llaves",
	    "solicitud %lld entidad %s estado %s ambientes cambiados: %s", id, s.nit,
	    estado_name(next), *cambian ? cambian : "ninguno") < 0)
		return finish(IHCE_ERROR);
	return finish(IHCE_OK);
}

enum ihce_rc
ihce_reject(struct req *r, long long id, long long version, const char *motivo)
{
	struct solicitud s;
	int next;
	char *cuerpo;

	if (db_begin() < 0)
		return IHCE_ERROR;
	if ((next = check_respuesta(r, id, version, A_RECHAZAR, &s)) < 0)
		return finish(next);
	if (db_exec(ST_SOLICITUD_RESPONDER, "ttiiii", estado_name(next), motivo, r->now,
	    r->sess->usuario_id, id, version) < 0 || db_changes() != 1)
		return finish(IHCE_CAMBIO);
	cuerpo = arena_printf(r->a, "El Ministerio de Salud rechazó la solicitud de llaves "
	    "IHCE de su entidad. Motivo: %s\nPuede enviar una nueva solicitud desde el portal.",
	    motivo);
	if (notify_delegado(r, &s, "Solicitud de llaves IHCE rechazada", cuerpo) < 0)
		return finish(IHCE_ERROR);
	if (audit(r, "ihce_rechazar", "solicitud %lld entidad %s", id, s.nit) < 0)
		return finish(IHCE_ERROR);
	return finish(IHCE_OK);
}
