/*
 * The AP web services (../shared/spec/ap.md), on the AP port only (F_AP routes):
 *   POST /token                         password grant with client_id -> 5-minute bearer token
 *   POST /ReportarAfiliaciontraslado    affiliations and transfers (one record or an array)
 *   POST /ReportarRetractoAfiliacion    withdrawals of the AP's own affiliations/transfers
 * Every call is measured in ap_medicion and in its hour's and day's rollups (ap_resumen,
 * for the follow-up report, cgi/ap/reporte.c); a service's measurement is written in the
 * transaction of the records it stored.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>
#include <sodium.h>

#include "ap/ap.h"
#include "ap/resumen.h"
#include "ap/registro.h"
#include "core/audit.h"
#include "core/config.h"
#include "core/db.h"
#include "cuentas/cuentas.h"
#include "core/json_causa.h"
#include "core/log.h"
#include "core/passwd.h"
#include "core/text.h"
#include "core/token.h"

#define SRV_TOKEN	"token"
#define SRV_AFILIACION	"ReportarAfiliaciontraslado"
#define SRV_RETRACTO	"ReportarRetractoAfiliacion"

static long token_segundos = AP_TOKEN_SEGUNDOS;

int
ap_config(char *err, size_t n)
{
	long long v = token_segundos;

	if (config_entero("PORTAL_AP_TOKEN_SEGUNDOS", 1, 86400, "segundos enteros", &v, err,
	    n) < 0)
		return -1;
	token_segundos = (long)v;
	return 0;
}

long
ap_token_segundos(void)
{
	return token_segundos;
}

/* Puts object o (consumed) as the JSON body with status s. Returns s. */
static enum http_status
json_answer(struct resp *rs, enum http_status s, json_t *o)
{
	char *txt = o != NULL ? json_dumps(o, JSON_COMPACT) : NULL;

	buf_reset(&rs->body);
	buf_puts(&rs->body, txt != NULL ? txt : "{\"error\":\"server_error\"}");
	free(txt);
	json_decref(o);
	rs->ctype = "application/json; charset=utf-8";
	return txt != NULL ? s : HTTP_ERROR;
}

enum http_status
ap_error(struct resp *rs, enum http_status s, const char *error, const char *descripcion)
{
	rs->dialect = DIALECT_OAUTH;
	return resp_json_oauth(rs, s, error, descripcion);
}

/* Microseconds on the monotonic clock. */
static long long
ahora_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* One call's figures for ap_medicion. */
struct medicion {
	long long	 entidad_id;	/* 0: not identified */
	const char	*servicio;
	long long	 inicio;	/* ahora_us() at the start */
	long long	 recibidos, aceptados, rechazados;
	const char	*incidente;	/* NULL, "autenticacion", "validacion", "servidor" */
};

/* Writes the measurement of a call answered with status s, and its rollups (in the
 * caller's transaction, if any). Returns 0 or -1. */
static int
measure(struct req *r, const struct medicion *m, enum http_status s)
{
	struct ap_medida d = { .entidad_id = m->entidad_id, .servicio = m->servicio,
	    .fecha = r->now, .estado = (long long)s, .recibidos = m->recibidos,
	    .aceptados = m->aceptados, .rechazados = m->rechazados,
	    .duracion_us = ahora_us() - m->inicio, .incidente = m->incidente };

	return ap_medida_save(&d);
}

/* Answers an error, measured with incident inc. Returns s. */
static enum http_status
fallo(struct req *r, struct resp *rs, struct medicion *m, enum http_status s,
    const char *inc, const char *error, const char *descripcion)
{
	m->incidente = inc;
	if (measure(r, m, s) != 0)
		log_err("ap: measurement of %s not written", m->servicio);
	return ap_error(rs, s, error, descripcion);
}

/* ---- POST /token ---- */

static const char no_corresponde[] = "El usuario, la contraseña o el client_id no "
    "corresponden, o el usuario está bloqueado por intentos fallidos: espere 15 minutos e "
    "intente de nuevo; tras 100 intentos fallidos seguidos, pida al Ministerio que lo "
    "desbloquee.";

/* Looks the AP up by NIT and checks the password (always one scrypt). Returns the
 * entity's id when the password is right and the entity active, else 0; *entidad gets the
 * entity's id whenever the NIT names an AP (to measure the call). */
static long long
credencial(struct req *r, const char *usuario, const char *clave, long long *entidad)
{
	struct db_stmt *st = db_stmt(ST_AP_CREDENCIAL, "t", usuario);
	const char *hash = NULL;
	int activo = 0;

	*entidad = 0;
	if (st != NULL && db_step(st) == DB_ROW) {
		*entidad = db_col_int64(st, 0);
		hash = db_text(r->a, st, 1);
		activo = db_col_int(st, 2);
	}
	if (st != NULL)
		db_reset(st);
	if (!passwd_check(hash, clave) || !activo)
		return 0;
	return *entidad;
}

/* Stores the token, the measurement and the audit entry in one transaction. Returns 0 or
 * -1. */
static int
token_save(struct req *r, struct medicion *m, long long asignado, const char *servicio,
    const char *usuario, const unsigned char hash[32])
{
	if (db_begin() != 0)
		return -1;
	if (db_exec(ST_AP_TOKEN_PURGE, "i", r->now) != 0 ||
	    db_exec(ST_AP_TOKEN_INSERT, "biiii", hash, 32, m->entidad_id, asignado, r->now,
	    r->now + token_segundos) != 0 || measure(r, m, HTTP_OK) != 0 ||
	    audit_as(r, 0, usuario, "ap_token", servicio) != 0 || db_commit() != 0) {
		db_rollback();
		return -1;
	}
	return 0;
}

/*
 * POST /token: 200 {"access_token", "token_type": "bearer", "expires_in"}; 400
 * invalid_request (not a form, a field missing) or unsupported_grant_type; 401
 * invalid_grant (wrong username or password, inactive AP, or the username locked from this
 * address or until an administrator lifts it: the same answer) or invalid_client (right
 * credentials, but the client_id is not an enabled AP service of that AP: counted as a
 * failure); 429 slow_down with Retry-After, at once, when every hashing slot is taken;
 * 500 server_error.
 */
enum http_status
page_ap_token(struct req *r, struct resp *rs)
{
	struct medicion m = { .servicio = SRV_TOKEN, .inicio = ahora_us() };
	const char *grant = req_form(r, "grant_type"), *usuario = req_form(r, "username");
	const char *clave = req_form(r, "password"), *client = req_form(r, "client_id");
	const char *servicio = NULL;
	unsigned char hash[32];
	char tok[TOKEN_LEN + 1];
	long long asignado = 0;
	enum intento_res res;
	struct db_stmt *st;
	int ok;

	rs->nostore = 1;
	if (r->ctype == NULL || strncasecmp(r->ctype, "application/x-www-form-urlencoded", 33))
		return fallo(r, rs, &m, HTTP_BAD_REQUEST, "validacion", "invalid_request",
		    "Envíe el formulario como application/x-www-form-urlencoded.");
	if (grant == NULL || *grant == '\0')
		return fallo(r, rs, &m, HTTP_BAD_REQUEST, "validacion", "invalid_request",
		    "Falta grant_type (use grant_type=password).");
	if (strcmp(grant, "password") != 0)
		return fallo(r, rs, &m, HTTP_BAD_REQUEST, "validacion", "unsupported_grant_type",
		    "Solo se admite grant_type=password.");
	if (usuario == NULL || *usuario == '\0' || clave == NULL || *clave == '\0' ||
	    client == NULL || *client == '\0')
		return fallo(r, rs, &m, HTTP_BAD_REQUEST, "validacion", "invalid_request",
		    "Faltan datos: envíe username, password y client_id.");
	/* Every hashing slot taken: at once, before anything is counted. */
	if (passwd_cupo_take() < 0) {
		resp_header(rs, "Retry-After", PASSWD_REINTENTAR);
		return fallo(r, rs, &m, HTTP_TOO_MANY, "servidor", "slow_down",
		    PASSWD_OCUPADO_TEXTO);
	}
	/* The attempt is counted before the check (concurrent guesses cannot overrun it); a
	 * locked username is refused without one, whether or not it exists. */
	if ((res = cuentas_intento_reserve(r, INTENTO_AP, usuario)) != INTENTO_OK) {
		passwd_cupo_release();
		if (res == INTENTO_ERROR)
			return fallo(r, rs, &m, HTTP_ERROR, "servidor", "server_error",
			    "Error del servidor; intente de nuevo en unos minutos.");
		audit_as(r, 0, usuario, "ap_token_bloqueado", cuentas_intento_motivo(res));
		return fallo(r, rs, &m, HTTP_UNAUTHORIZED, "autenticacion", "invalid_grant",
		    no_corresponde);
	}
	ok = credencial(r, usuario, clave, &m.entidad_id) != 0;
	passwd_cupo_release();
	if (!ok) {
		audit_as(r, 0, usuario, "ap_token_fallido", "usuario o contraseña");
		return fallo(r, rs, &m, HTTP_UNAUTHORIZED, "autenticacion", "invalid_grant",
		    no_corresponde);
	}
	st = db_stmt(ST_AP_ASIGNADO_BY_CLIENT, "ti", client, m.entidad_id);
	if (st != NULL && db_step(st) == DB_ROW) {
		asignado = db_col_int64(st, 0);
		servicio = db_text(r->a, st, 1);
	}
	if (st != NULL)
		db_reset(st);
	if (asignado == 0) {
		audit_as(r, 0, usuario, "ap_token_fallido", "client_id");
		return fallo(r, rs, &m, HTTP_UNAUTHORIZED, "autenticacion", "invalid_client",
		    "El client_id no corresponde a un servicio habilitado para su entidad.");
	}
	token_make(tok);
	token_hash(tok, hash);
	if (token_save(r, &m, asignado, servicio, usuario, hash) != 0)
		return fallo(r, rs, &m, HTTP_ERROR, "servidor", "server_error",
		    "Error del servidor; intente de nuevo en unos minutos.");
	cuentas_intento_exito(r, INTENTO_AP, usuario);
	return json_answer(rs, HTTP_OK, json_pack("{s:s,s:s,s:I}", "access_token", tok,
	    "token_type", "bearer", "expires_in", (json_int_t)token_segundos));
}

/* ---- the services ---- */

/* The bearer token of the request: the Authorization header with or without "Bearer ". */
static const char *
bearer(struct req *r)
{
	const char *h = r->authz;

	if (h == NULL)
		return NULL;
	h += strspn(h, " ");
	if (strncasecmp(h, "Bearer ", 7) == 0)
		h += 7 + strspn(h + 7, " ");
	else if (strcasecmp(h, "Bearer") == 0)
		return NULL;	/* the scheme without a token: none was sent */
	return *h != '\0' ? h : NULL;
}

/* The challenge of RFC 6750 §3: the realm alone when no token came, with the error code
 * when one came and was refused. */
static void
desafio(struct resp *rs, const char *error)
{
	resp_header(rs, "WWW-Authenticate", error == NULL ? "Bearer realm=\"MinSalud AP\"" :
	    strcmp(error, "invalid_token") == 0 ?
	    "Bearer realm=\"MinSalud AP\", error=\"invalid_token\"" :
	    "Bearer realm=\"MinSalud AP\", error=\"insufficient_scope\"");
}

/* Checks the token for service srv. Returns 0 with m->entidad_id set, or the status of
 * the error answered (401 invalid_token, 403 insufficient_scope), with its challenge. */
static enum http_status
authorize_request(struct req *r, struct resp *rs, struct medicion *m, const char *srv)
{
	const char *tok = bearer(r), *servicio = NULL;
	unsigned char hash[32];
	long long expira = 0;
	struct db_stmt *st;

	if (tok == NULL) {
		desafio(rs, NULL);
		return fallo(r, rs, m, HTTP_UNAUTHORIZED, "autenticacion", "invalid_token",
		    "Falta el token: envíe Authorization: Bearer <access_token> de POST /token.");
	}
	crypto_hash_sha256(hash, (const unsigned char *)tok, strlen(tok));
	st = db_stmt(ST_AP_TOKEN_BY_HASH, "b", hash, 32);
	if (st != NULL && db_step(st) == DB_ROW) {
		m->entidad_id = db_col_int64(st, 0);
		servicio = db_text(r->a, st, 1);
		expira = db_col_int64(st, 2);
	}
	if (st != NULL)
		db_reset(st);
	if (servicio == NULL) {
		m->entidad_id = 0;
		desafio(rs, "invalid_token");
		return fallo(r, rs, m, HTTP_UNAUTHORIZED, "autenticacion", "invalid_token",
		    "El token no es válido: pida uno nuevo en POST /token.");
	}
	if (expira <= r->now) {
		desafio(rs, "invalid_token");
		return fallo(r, rs, m, HTTP_UNAUTHORIZED, "autenticacion", "invalid_token",
		    "El token venció (dura 5 minutos): pida uno nuevo en POST /token.");
	}
	if (strcasecmp(servicio, srv) != 0) {
		desafio(rs, "insufficient_scope");
		return fallo(r, rs, m, HTTP_FORBIDDEN, "autenticacion", "insufficient_scope",
		    "El token es de otro servicio: pídalo con el client_id de este servicio.");
	}
	return 0;
}

/* The body as an array of records: parsed, one record wrapped. Returns the array (owned by
 * the caller), or NULL with the error answered (400 invalid_request). */
static json_t *
registros(struct req *r, struct resp *rs, struct medicion *m)
{
	json_error_t e;
	json_t *v = json_loadb(r->body, r->blen, JSON_REJECT_DUPLICATES, &e), *a;

	if (v == NULL) {
		fallo(r, rs, m, HTTP_BAD_REQUEST, "validacion", "invalid_request",
		    arena_printf(r->a, "El cuerpo no es JSON válido (línea %d, columna %d): %s.",
		    e.line, e.column, json_causa(&e)));
		return NULL;
	}
	if (json_is_object(v)) {
		a = json_array();
		json_array_append_new(a, v);
		v = a;
	}
	if (!json_is_array(v) || json_array_size(v) == 0 ||
	    json_array_size(v) > AP_MAX_REGISTROS) {
		m->recibidos = json_is_array(v) ? (long long)json_array_size(v) : 0;
		json_decref(v);
		fallo(r, rs, m, HTTP_BAD_REQUEST, "validacion", "invalid_request",
		    "Envíe un registro (objeto JSON) o una lista de 1 a 500 registros.");
		return NULL;
	}
	return v;
}

/* Appends the result of record i to out. */
static void
resultado(json_t *out, size_t i, json_t *rec, const char *codigo, const char *campo,
    const char *mensaje)
{
	json_t *o = json_pack("{s:I,s:s?,s:s,s:s}", "indice", (json_int_t)i, "radicado",
	    ap_radicado(rec), "codigo", codigo, "mensaje", mensaje);

	if (o != NULL && campo != NULL)
		json_object_set_new(o, "campo", json_string(campo));
	json_array_append_new(out, o);
}

/* A record of a call: what was read from it, then its result (codigo NULL: not settled
 * yet, it goes to the database). */
struct fila {
	const char		*codigo, *campo, *mensaje;
	union {
		struct ap_afiliacion	a;
		struct ap_retracto	t;
	}			 v;
};

/* Settles f's result. */
static void
fila_resultado(struct fila *f, const char *codigo, const char *campo, const char *mensaje)
{
	f->codigo = codigo;
	f->campo = campo;
	f->mensaje = mensaje;
}

/* Validates affiliation record rec into f (no database: before the writers' lock); a
 * record that fails is settled 422. */
static void
afiliacion_read(const char *hoy, json_t *rec, struct fila *f)
{
	struct ap_error e;

	if (ap_afiliacion_read(rec, hoy, &f->v.a, &e) < 0)
		fila_resultado(f, "422", e.campo, e.mensaje);
}

/* Stores the validated affiliation of f for the AP, in the transaction: 200, or 208 when
 * its radicado was already received. Returns 1 accepted, or -1 on a database error. */
static int
afiliacion_save(struct req *r, long long ent, struct fila *f)
{
	const struct ap_afiliacion *a = &f->v.a;

	if (db_exec(ST_AP_AFILIACION_INSERT, "itttttttttttttti", ent, a->radicado, a->tipo_doc,
	    a->num_doc, a->primer_nombre, a->segundo_nombre, a->primer_apellido,
	    a->segundo_apellido, a->fecha_nacimiento, a->sexo, a->tipo_novedad,
	    a->codigo_origen, a->codigo_destino, a->fecha_solicitud, a->fecha_efectividad,
	    r->now) != 0)
		return -1;
	if (db_changes() == 1)
		fila_resultado(f, "200", NULL, "Registro recibido.");
	else
		fila_resultado(f, "208", NULL, "Este radicado ya había sido recibido; se conserva "
		    "el registro anterior.");
	return 1;
}

/* Validates withdrawal record rec into f, as afiliacion_read. */
static void
retracto_read(const char *hoy, json_t *rec, struct fila *f)
{
	struct ap_error e;

	if (ap_retracto_read(rec, hoy, &f->v.t, &e) < 0)
		fila_resultado(f, "422", e.campo, e.mensaje);
}

/* Checks the validated withdrawal of f against the AP's affiliation and stores it, in the
 * transaction. Returns 1 accepted (200, or 208 already received), 0 refused (404, 409,
 * 422), -1 on a database error. */
static int
retracto_save(struct req *r, long long ent, struct fila *f)
{
	const struct ap_retracto *t = &f->v.t;
	struct db_stmt *st;
	long long afi = 0;
	const char *tipo = NULL, *num = NULL, *solicitud = NULL;

	/* Only the AP's own radicado: another AP's is as unknown as one never sent. */
	st = db_stmt(ST_AP_AFILIACION_BY_RADICADO, "it", ent, t->radicado);
	if (st != NULL && db_step(st) == DB_ROW) {
		afi = db_col_int64(st, 0);
		tipo = db_text(r->a, st, 1);
		num = db_text(r->a, st, 2);
		solicitud = db_text(r->a, st, 3);
	}
	if (st != NULL)
		db_reset(st);
	if (afi == 0) {
		fila_resultado(f, "404", "radicado", "No hay una afiliación o traslado de su "
		    "entidad con este radicado.");
		return 0;
	}
	if (strcmp(tipo, t->tipo_doc) != 0 || strcmp(num, t->num_doc) != 0) {
		fila_resultado(f, "409", "numeroDocumento", "El documento no es el del "
		    "afiliado de ese radicado.");
		return 0;
	}
	if (strcmp(t->fecha_retracto, solicitud) < 0) {
		fila_resultado(f, "422", "fechaRetracto", "La fecha de retracto no puede ser "
		    "anterior a la de solicitud de la afiliación o traslado.");
		return 0;
	}
	if (db_exec(ST_AP_RETRACTO_INSERT, "iittttti", ent, afi, t->radicado, t->tipo_doc,
	    t->num_doc, t->fecha_retracto, t->motivo, r->now) != 0)
		return -1;
	if (db_changes() == 1)
		fila_resultado(f, "200", NULL, "Retracto recibido.");
	else
		fila_resultado(f, "208", NULL, "El retracto de este radicado ya había sido "
		    "recibido.");
	return 1;
}

/* A service's two steps for a record: leer validates it before the transaction (no
 * database), guardar checks and stores one that passed, inside it. */
struct registro_fn {
	void	(*leer)(const char *hoy, json_t *rec, struct fila *f);
	int	(*guardar)(struct req *r, long long ent, struct fila *f);
};

/*
 * A reporting service: token for srv, every record validated, then the valid ones stored
 * through fn in one transaction with the measurement, and the answer built after it: the
 * writers' lock covers the database work alone. 200 with the per-record results; 400
 * invalid_request (not JSON, not a record or a list of 1..500); 401 invalid_token
 * (missing, unknown, expired); 403 insufficient_scope (another service's token); 500
 * server_error (nothing stored).
 */
static enum http_status
servicio(struct req *r, struct resp *rs, const char *srv, const struct registro_fn *fn)
{
	struct medicion m = { .servicio = srv, .inicio = ahora_us() };
	struct fila *filas;
	json_t *recs, *out;
	enum http_status s;
	char hoy[11];
	size_t i, n;
	int rc = 0;

	if ((s = authorize_request(r, rs, &m, srv)) != 0)
		return s;
	if ((recs = registros(r, rs, &m)) == NULL)
		return HTTP_BAD_REQUEST;
	colombia_date(r->now, hoy);
	n = json_array_size(recs);
	m.recibidos = (long long)n;
	filas = arena_alloc(r->a, n * sizeof(*filas));
	memset(filas, 0, n * sizeof(*filas));
	for (i = 0; i < n; i++)
		fn->leer(hoy, json_array_get(recs, i), &filas[i]);
	if (db_begin() != 0)
		rc = -1;
	for (i = 0; rc >= 0 && i < n; i++) {
		if (filas[i].codigo != NULL)
			m.rechazados++;
		else if ((rc = fn->guardar(r, m.entidad_id, &filas[i])) > 0)
			m.aceptados++;
		else if (rc == 0)
			m.rechazados++;
	}
	m.incidente = m.rechazados > 0 ? "validacion" : NULL;
	if (rc < 0 || measure(r, &m, HTTP_OK) != 0 || db_commit() != 0) {
		db_rollback();
		json_decref(recs);
		m.aceptados = m.rechazados = 0;
		return fallo(r, rs, &m, HTTP_ERROR, "servidor", "server_error",
		    "Error del servidor: no se guardó ningún registro; intente de nuevo.");
	}
	out = json_array();
	for (i = 0; i < n; i++)
		resultado(out, i, json_array_get(recs, i), filas[i].codigo, filas[i].campo,
		    filas[i].mensaje);
	json_decref(recs);
	return json_answer(rs, HTTP_OK, json_pack("{s:s,s:s,s:s,s:o}", "resultado", "200",
	    "codigo", "200", "mensaje", arena_printf(r->a, "Se recibieron %lld registro(s): "
	    "%lld aceptado(s), %lld rechazado(s).", m.recibidos, m.aceptados, m.rechazados),
	    "registros", out));
}

static const struct registro_fn afiliacion = { afiliacion_read, afiliacion_save };
static const struct registro_fn retracto = { retracto_read, retracto_save };

/* POST /ReportarAfiliaciontraslado: see servicio(). */
enum http_status
page_ap_afiliacion(struct req *r, struct resp *rs)
{
	return servicio(r, rs, SRV_AFILIACION, &afiliacion);
}

/* POST /ReportarRetractoAfiliacion: see servicio(). */
enum http_status
page_ap_retracto(struct req *r, struct resp *rs)
{
	return servicio(r, rs, SRV_RETRACTO, &retracto);
}
