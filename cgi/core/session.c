#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "core/db.h"
#include "core/log.h"
#include "core/roles.h"
#include "core/session.h"
#include "core/token.h"


/* Fills s from a row of ST_SESION_LOAD. */
static void
fill(struct arena *a, struct db_stmt *st, struct session *s)
{
	s->usuario_id = db_col_int64(st, SESION_LOAD_USUARIO_ID);
	s->rol_id = db_col_int64(st, SESION_LOAD_ROL_ID);
	s->csrf = db_text(a, st, SESION_LOAD_CSRF);
	s->creada = db_col_int64(st, SESION_LOAD_CREADA);
	s->ultimo = db_col_int64(st, SESION_LOAD_ULTIMO);
	s->login = db_text(a, st, SESION_LOAD_LOGIN);
	s->nombre = db_text(a, st, SESION_LOAD_NOMBRE);
	s->rol = db_text(a, st, SESION_LOAD_ROL);
	s->role = role_bit(s->rol);
	s->entidad_id = db_col_int64(st, SESION_LOAD_ENTIDAD_ID);
	s->nit = db_text(a, st, SESION_LOAD_NIT);
	s->razon = db_text(a, st, SESION_LOAD_RAZON_SOCIAL);
	s->codigo = db_text(a, st, SESION_LOAD_CODIGO);
	s->elegir = db_col_int(st, SESION_LOAD_ELEGIR);
	if (s->elegir)
		s->role = s->elegir == ELEGIR_INVITADO ? R_INVITADO : R_PICK;
	s->varios = db_col_int(st, SESION_LOAD_VARIOS_ROLES);
	s->paso = db_col_int(st, SESION_LOAD_PASO);
	s->autenticado = db_col_int64(st, SESION_LOAD_AUTENTICADO);
	s->solo_consulta = db_col_int(st, SESION_LOAD_SOLO_CONSULTA);
	/* The second factor comes before anything else, the role list included. */
	if (s->paso == PASO_CODIGO)
		s->role = R_CODIGO;
	else if (s->paso == PASO_ENROLAR)
		s->role = R_ENROLAR;
}

void
session_load(struct req *r)
{
	const char *tok = req_cookie(r, SESSION_COOKIE);
	struct session *s;
	struct db_stmt *st;
	int found = 0;

	if (tok == NULL || strlen(tok) != TOKEN_LEN)
		return;
	s = arena_alloc(r->a, sizeof(*s));
	memset(s, 0, sizeof(*s));
	token_hash(tok, s->hash);
	if ((st = db_stmt(ST_SESION_LOAD, "b", s->hash, 32)) == NULL)
		return;
	if (db_step(st) == DB_ROW) {
		fill(r->a, st, s);
		found = 1;
	}
	db_reset(st);
	if (!found || s->role == 0)
		return;
	if (r->now - s->ultimo > SESSION_IDLE || r->now - s->creada > SESSION_MAX) {
		db_exec(ST_SESION_DELETE, "b", s->hash, 32);
		return;
	}
	/* Refresh the idle clock at most once a minute: one write, not one per request. */
	if (r->now - s->ultimo >= 60)
		db_exec(ST_SESION_TOUCH, "ib", r->now, s->hash, 32);
	r->sess = s;
}

int
session_roles(long long usuario_id, long long *first)
{
	struct db_stmt *st = db_stmt(ST_ROLES_BY_USUARIO, "i", usuario_id);
	int n = 0;

	while (st != NULL && db_step(st) == DB_ROW) {
		if (role_bit(db_col_text(st, 1)) == 0)
			continue;
		if (n++ == 0 && first != NULL)
			*first = db_col_int64(st, 0);
	}
	if (st != NULL)
		db_reset(st);
	return n;
}

/* Starts a session (rotating any current one): elegir when no role is chosen yet, paso
 * what the login still owes, autenticado when the user last authenticated. */
static int
start(struct req *r, struct resp *rs, long long usuario_id, long long rol_id, int elegir,
    int paso, long long autenticado)
{
	char tok[TOKEN_LEN + 1], csrf[TOKEN_LEN + 1], cookie[160];
	unsigned char h[32];
	int varios;

	if (r->sess != NULL)
		db_exec(ST_SESION_DELETE, "b", r->sess->hash, 32);
	r->sess = NULL;
	token_make(tok);
	token_make(csrf);
	token_hash(tok, h);
	db_exec(ST_SESION_PURGE, "ii", r->now - SESSION_IDLE, r->now - SESSION_MAX);
	varios = elegir == 1 || session_roles(usuario_id, NULL) > 1;
	if (db_exec(ST_SESION_INSERT, "biitiitiiii", h, 32, usuario_id, rol_id, csrf, r->now,
	    r->now, r->ip, (long long)elegir, (long long)varios, (long long)paso,
	    autenticado) != 0)
		return -1;
	snprintf(cookie, sizeof(cookie), "%s=%s; Path=/; Secure; HttpOnly; SameSite=Strict",
	    SESSION_COOKIE, tok);
	resp_header(rs, "Set-Cookie", cookie);
	return 0;
}

/* The time of authentication a rotated session keeps. */
static long long
autenticado_de(const struct req *r)
{
	return r->sess != NULL ? r->sess->autenticado : 0;
}

int
session_start(struct req *r, struct resp *rs, long long usuario_id, long long rol_id)
{
	return start(r, rs, usuario_id, rol_id, 0, PASO_LISTO, autenticado_de(r));
}

int
session_start_pick(struct req *r, struct resp *rs, long long usuario_id, long long rol_id)
{
	return start(r, rs, usuario_id, rol_id, 1, PASO_LISTO, autenticado_de(r));
}

int
session_start_login(struct req *r, struct resp *rs, long long usuario_id, long long rol_id,
    int elegir, enum paso paso)
{
	return start(r, rs, usuario_id, rol_id, elegir, paso, paso == PASO_LISTO ? r->now : 0);
}

int
session_reautenticado(struct req *r)
{
	if (db_exec(ST_SESION_AUTENTICADO, "ib", r->now, r->sess->hash, 32) < 0)
		return -1;
	r->sess->autenticado = r->now;
	return 0;
}

int
session_reciente(const struct req *r)
{
	return r->sess != NULL && r->sess->paso == PASO_LISTO && r->sess->autenticado > 0 &&
	    r->now - r->sess->autenticado <= REAUTH_MAX;
}

void
session_end(struct req *r, struct resp *rs)
{
	if (r->sess != NULL)
		db_exec(ST_SESION_DELETE, "b", r->sess->hash, 32);
	r->sess = NULL;
	resp_header(rs, "Set-Cookie", SESSION_COOKIE "=; Path=/; Secure; HttpOnly; "
	    "SameSite=Strict; Max-Age=0");
}

/* Splits "name[:port]" (name may be "[IPv6]") at the port; a missing port is HTTPS's 443. */
static const char *
port_of(const char *authority, size_t *namelen)
{
	const char *end = authority[0] == '[' ? strchr(authority, ']') : authority;
	const char *colon = strrchr(end ? end : authority, ':');

	*namelen = colon ? (size_t)(colon - authority) : strlen(authority);
	return colon ? colon + 1 : "443";
}

int
origin_ok(const char *origin, const char *host)
{
	const char *op, *hp;
	size_t on, hn;

	if (origin == NULL)
		return 1;
	if (host == NULL || strncmp(origin, "https://", 8) != 0)
		return 0;
	op = port_of(origin + 8, &on);
	hp = port_of(host, &hn);
	return on == hn && strncasecmp(origin + 8, host, on) == 0 && strcmp(op, hp) == 0;
}

const char *
csrf_pre(struct req *r, struct resp *rs)
{
	const char *tok = req_cookie(r, PRE_COOKIE);
	char fresh[TOKEN_LEN + 1], cookie[160];

	if (tok != NULL && strlen(tok) == TOKEN_LEN)
		return rs->csrf = tok;
	token_make(fresh);
	snprintf(cookie, sizeof(cookie), "%s=%s; Path=/; Secure; HttpOnly; SameSite=Strict",
	    PRE_COOKIE, fresh);
	resp_header(rs, "Set-Cookie", cookie);
	return rs->csrf = arena_strdup(r->a, fresh);
}

int
csrf_ok(const struct req *r)
{
	const char *tok = req_form(r, "csrf");
	const char *want = r->sess ? r->sess->csrf : req_cookie(r, PRE_COOKIE);

	/* Under "Referrer-Policy: no-referrer" browsers send "Origin: null" with their own
	 * form POSTs; then the request counts as same-origin only when the browser says so
	 * in Sec-Fetch-Site, a header pages cannot set. */
	if (!origin_ok(r->origin, r->host) && !(r->origin != NULL &&
	    strcmp(r->origin, "null") == 0 && r->fetch_site != NULL &&
	    strcmp(r->fetch_site, "same-origin") == 0))
		return 0;
	if (want == NULL || tok == NULL || strlen(want) != TOKEN_LEN || strlen(tok) != TOKEN_LEN)
		return 0;
	return sodium_memcmp(tok, want, TOKEN_LEN) == 0;
}
