/*
 * "Compartir servicios de la entidad": the web services a CCF shares with the ministry (role
 * Rol_SAT_CCF). Two forms saved at different times, the service data and its OAuth 2.0
 * credentials; the list, deletion, and "Probar conexión". Every query is bound to the
 * session's entity: an id from the URL only selects within it (another entity's: 404).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/audit.h"
#include "sat/conexion.h"
#include "core/db.h"
#include "core/form.h"
#include "core/lista.h"
#include "sat/pem.h"
#include "sat/red.h"
#include "sat/sat.h"
#include "sat/valid.h"
#include "core/secret.h"
#include "core/session.h"
#include "core/text.h"
#include "core/valid.h"

#define EJEMPLO_MAX	16384	/* bytes of the example body */

/* A shared service as stored (secrets still sealed). */
struct compartido {
	long long	 id;
	const char	*nombre, *descripcion, *url, *metodo, *llave_pem, *llave_tipo;
	long long	 llave_bits;
	const char	*llave_huella;
	long long	 llave_vence;
	const char	*ejemplo, *token_nombre, *token_url, *usuario;
	const void	*clave;
	int		 clave_len;
	const char	*client_id;
	const void	*client_secret;
	int		 client_secret_len;
	const char	*scope, *grant_type;
	int		 cliente_en_cuerpo;
	long long	 datos, credenciales;
};

/* A blob column copied into the arena (NULL when NULL), its length in *n. */
static const void *
blob(struct arena *a, struct db_stmt *st, int i, int *n)
{
	void *p;

	*n = db_col_bytes(st, i);
	if (db_col_null(st, i))
		return NULL;
	p = arena_alloc(a, (size_t)*n + 1);
	memcpy(p, db_col_blob(st, i), (size_t)*n);
	return p;
}

/* Reads the session entity's service id into c. Returns 1, or 0 when it has none such. */
static int
compartido_get(struct req *r, long long id, struct compartido *c)
{
	struct db_stmt *st = db_stmt(ST_COMPARTIDO_GET, "ii", id, r->sess->entidad_id);
	int found = 0;

	memset(c, 0, sizeof(*c));
	if (st != NULL && db_step(st) == DB_ROW) {
		found = 1;
		c->id = db_col_int64(st, 0);
		c->nombre = db_text(r->a, st, 1);
		c->descripcion = db_text(r->a, st, 2);
		c->url = db_text(r->a, st, 3);
		c->metodo = db_text(r->a, st, 4);
		c->llave_pem = db_text(r->a, st, 5);
		c->llave_tipo = db_text(r->a, st, 6);
		c->llave_bits = db_col_int64(st, 7);
		c->llave_huella = db_text(r->a, st, 8);
		c->llave_vence = db_col_int64(st, 9);
		c->ejemplo = db_text(r->a, st, 10);
		c->token_nombre = db_text(r->a, st, 11);
		c->token_url = db_text(r->a, st, 12);
		c->usuario = db_text(r->a, st, 13);
		c->clave = blob(r->a, st, 14, &c->clave_len);
		c->client_id = db_text(r->a, st, 15);
		c->client_secret = blob(r->a, st, 16, &c->client_secret_len);
		c->scope = db_text(r->a, st, 17);
		c->grant_type = db_text(r->a, st, 18);
		c->cliente_en_cuerpo = db_col_int(st, 19);
		c->datos = db_col_int64(st, 20);
		c->credenciales = db_col_int64(st, 21);
	}
	if (st != NULL)
		db_reset(st);
	return found;
}

/* Opens the service of the URL's {id:int} for the session's entity into c: 0, or the status
 * already answered (the module closed, 404 for an id not the entity's). */
static enum http_status
open_compartido(struct req *r, struct resp *rs, struct compartido *c)
{
	enum http_status s = sat_cerrado(r, rs);

	if (s)
		return s;
	return compartido_get(r, r->pathid[0], c) ? 0 : HTTP_NOT_FOUND;
}

/* The additional data sealing column col of service id. */
static const char *
ad(struct req *r, const char *col, long long id)
{
	return arena_printf(r->a, "compartido.%s:%lld", col, id);
}

/* ---- Service data ---- */

/* A shared service's name is an identifier: 1-100 of [A-Za-z0-9._-]. */
static int
v_identificador(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= 100 && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789._-") == n;
}

/* The checks that need their own message (URL, key, example) come later. */
static int
v_cualquiera(const char *s)
{
	(void)s;
	return 1;
}

enum { D_NOMBRE, D_DESCRIPCION, D_URL, D_METODO, D_LLAVE, D_EJEMPLO, ND };

static const struct field datos_fields[ND] = {
	{ "nombre", "Nombre del servicio", "text", v_identificador,
	    "Nombre del servicio: de 1 a 100 letras sin tilde, dígitos, puntos, guiones o guiones "
	    "bajos, sin espacios.", "Un identificador, por ejemplo consulta-afiliados." },
	{ "descripcion", "Descripción", "textarea", v_sat_descripcion,
	    "Escriba una descripción del servicio (hasta 1000 caracteres).", NULL },
	{ "url", "URL del servicio", "text", v_cualquiera, NULL,
	    "Dirección completa con https://, por ejemplo https://api.caja.example.co/afiliados." },
	{ "metodo", "Tipo de operación", "select", con_metodo_valido,
	    "Seleccione el tipo de operación: GET, POST, PUT, PATCH o DELETE.", NULL },
	{ "llave", "Llave pública", "textarea", v_cualquiera, NULL,
	    "Pegue la llave pública («-----BEGIN PUBLIC KEY-----») o el certificado X.509 "
	    "(«-----BEGIN CERTIFICATE-----») en formato PEM. Nunca pegue la llave privada." },
	{ "ejemplo", "Ejemplo del servicio", "textarea", v_cualquiera, NULL,
	    "El cuerpo JSON de una petición de ejemplo, hasta 16 KiB (16384 bytes). Déjelo vacío "
	    "si el servicio no recibe cuerpo." },
};

static const char *const metodos[] = { "GET", "GET", "POST", "POST", "PUT", "PUT", "PATCH",
	"PATCH", "DELETE", "DELETE", NULL };
static const struct form_opts datos_opts[] = { { "metodo", metodos } };

/* The Spanish message for URL u of field label, or NULL when it is an absolute https URL
 * without user or password (any port: the operator's port list applies when testing). */
static const char *
url_error(struct req *r, const char *u, const char *label)
{
	struct red_url ru;

	if (*u == '\0')
		return arena_printf(r->a, "Escriba la %s.", label);
	if (strlen(u) > 500)
		return arena_printf(r->a, "La %s pasa de 500 caracteres.", label);
	switch (red_url_check(u, NULL, 0, &ru)) {
	case RED_URL_OK:
	case RED_URL_PUERTO:
		break;
	case RED_URL_ESQUEMA:
		return arena_printf(r->a, "La %s debe empezar por https:// (conexión cifrada).",
		    label);
	case RED_URL_USUARIO:
		return arena_printf(r->a, "La %s no debe incluir usuario ni contraseña "
		    "(usuario:clave@): las credenciales van en el formulario OAuth 2.0.", label);
	default:
		return arena_printf(r->a, "La %s no es una dirección válida: escríbala completa, "
		    "por ejemplo https://api.caja.example.co/servicio.", label);
	}
	if (!v_https_url(u))
		return arena_printf(r->a, "La %s tiene caracteres no permitidos (espacios, "
		    "comillas, < o >).", label);
	return NULL;
}

/* The message for example body s, or NULL when it is empty or valid JSON under the cap. */
static const char *
ejemplo_error(struct req *r, const char *s)
{
	json_error_t e;
	json_t *j;

	if (*s == '\0')
		return NULL;
	if (strlen(s) > EJEMPLO_MAX)
		return arena_printf(r->a, "El ejemplo tiene %zu bytes: el máximo es 16 KiB (%d "
		    "bytes).", strlen(s), EJEMPLO_MAX);
	if ((j = json_loads(s, JSON_REJECT_DUPLICATES, &e)) == NULL)
		return arena_printf(r->a, "El ejemplo no es JSON válido: revise la línea %d, "
		    "columna %d (debe ser un objeto {…} o una lista […], con comillas dobles).",
		    e.line, e.column);
	json_decref(j);
	return NULL;
}

/* The message for PEM text s (filling info), or NULL when it is accepted. */
static const char *
llave_error(struct req *r, const char *s, struct pem_info *info)
{
	enum pem_error e = pem_read(s, strlen(s), r->now, info);

	if (e == PEM_OK)
		return NULL;
	if (e == PEM_VENCIDO)
		return arena_printf(r->a, "El certificado venció el %s: pegue uno vigente.",
		    fecha_local(r->a, info->vence));
	if (e == PEM_DEBIL)
		return arena_printf(r->a, "La llave %s de %d bits es demasiado débil: use RSA de "
		    "al menos %d bits, EC de al menos %d bits o Ed25519.", info->tipo, info->bits,
		    PEM_RSA_MIN, PEM_EC_MIN);
	return pem_error_texto(e);
}

/* What was read from the stored key, shown under the form. */
static void
llave_resumen(struct req *r, struct view *v, const struct compartido *c)
{
	if (c->llave_tipo == NULL)
		return;
	v = view_section(v, "LLAVE");
	view_set(v, "TIPO", c->llave_vence ? arena_printf(r->a, "Certificado X.509, llave %s",
	    c->llave_tipo) : arena_printf(r->a, "Llave pública %s", c->llave_tipo));
	view_setint(v, "BITS", c->llave_bits);
	view_set(v, "HUELLA", c->llave_huella);
	if (c->llave_vence) {
		view_set(view_section(v, "VENCE"), "FECHA", fecha_local(r->a, c->llave_vence));
	}
}

/* Renders the service data form (c NULL: a new service) with status. */
static enum http_status
datos_page(struct req *r, struct resp *rs, enum http_status status,
    const struct compartido *c, const char **vals, const char **errs)
{
	struct view *v = resp_page(rs, "sat/compartido.tpl", c ? "Datos del servicio" :
	    "Nuevo servicio compartido");
	const char *pre[ND];

	resp_crumb(rs, "Servicios web SAT", "/sat");
	resp_crumb(rs, "Compartir servicios de la entidad", "/sat/compartidos");
	resp_crumb(rs, c ? c->nombre : "Nuevo servicio", NULL);
	if (c != NULL) {
		view_setint(view_section(v, "EXISTENTE"), "ID", c->id);
		view_set(v, "ACTION", arena_printf(r->a, "/sat/compartidos/%lld", c->id));
		llave_resumen(r, v, c);
	} else
		view_set(v, "ACTION", "/sat/compartidos/nuevo");
	if (vals == NULL && c != NULL) {
		pre[D_NOMBRE] = c->nombre;
		pre[D_DESCRIPCION] = c->descripcion ? c->descripcion : "";
		pre[D_URL] = c->url ? c->url : "";
		pre[D_METODO] = c->metodo ? c->metodo : "";
		pre[D_LLAVE] = c->llave_pem ? c->llave_pem : "";
		pre[D_EJEMPLO] = c->ejemplo ? c->ejemplo : "";
		vals = pre;
	}
	form_show_opts(v, datos_fields, ND, vals, errs, datos_opts, 1);
	return status;
}

/* GET /sat/compartidos/nuevo: 200, the empty service data form. */
enum http_status
page_sat_compartido_nuevo(struct req *r, struct resp *rs)
{
	enum http_status s = sat_cerrado(r, rs);

	if (s)
		return s;
	return datos_page(r, rs, HTTP_OK, NULL, NULL, NULL);
}

/* GET /sat/compartidos/{id}: 200, the service data form filled; 404 if not the entity's. */
enum http_status
page_sat_compartido(struct req *r, struct resp *rs)
{
	enum http_status s;
	struct compartido c;

	if ((s = open_compartido(r, rs, &c)) != 0)
		return s;
	return datos_page(r, rs, HTTP_OK, &c, NULL, NULL);
}

/* Saves the service data (c NULL: inserts a new service). 303 to the list; 400 with the
 * form and a message next to each bad field, nothing written. */
static enum http_status
datos_save(struct req *r, struct resp *rs, const struct compartido *c)
{
	struct form *f = form_read(r, datos_fields, ND);
	const char **vals = f->val, *e;
	struct pem_info k;
	long long id = c ? c->id : 0;
	int rc;

	if ((e = url_error(r, vals[D_URL], "URL del servicio")) != NULL)
		form_error(f, D_URL, e);
	if ((e = llave_error(r, vals[D_LLAVE], &k)) != NULL)
		form_error(f, D_LLAVE, e);
	if ((e = ejemplo_error(r, vals[D_EJEMPLO])) != NULL)
		form_error(f, D_EJEMPLO, e);
	if (f->err[D_NOMBRE] == NULL && db_int(ST_COMPARTIDO_NOMBRE_USADO, 0, "iti",
	    r->sess->entidad_id, vals[D_NOMBRE], id) == 1)
		form_error(f, D_NOMBRE, "Su entidad ya tiene un servicio con este nombre: elija "
		    "otro.");
	if (f->bad > 0)
		return datos_page(r, rs, HTTP_BAD_REQUEST, c, vals, f->err);
	if (db_begin() != 0)
		return HTTP_ERROR;
	if (c == NULL)
		rc = db_exec(ST_COMPARTIDO_INSERT, "ittttttititi", r->sess->entidad_id,
		    vals[D_NOMBRE], vals[D_DESCRIPCION], vals[D_URL], vals[D_METODO], vals[D_LLAVE],
		    k.tipo, (long long)k.bits, k.huella, k.vence, vals[D_EJEMPLO], r->now);
	else
		rc = db_exec(ST_COMPARTIDO_DATOS, "ttttttititiii", vals[D_NOMBRE],
		    vals[D_DESCRIPCION], vals[D_URL], vals[D_METODO], vals[D_LLAVE], k.tipo,
		    (long long)k.bits, k.huella, k.vence, vals[D_EJEMPLO], r->now, id,
		    r->sess->entidad_id);
	if (rc == DB_CONSTRAINT) {
		/* Another request took the name meanwhile. */
		db_rollback();
		form_error(f, D_NOMBRE, "Su entidad ya tiene un servicio con este nombre: elija "
		    "otro.");
		return datos_page(r, rs, HTTP_BAD_REQUEST, c, vals, f->err);
	}
	if (c == NULL)
		id = db_last_id();
	if (rc != 0 || audit(r, c ? "sat_compartido_editar" : "sat_compartido_nuevo",
	    "servicio compartido %lld: %s, %s %s, llave %s %d bits SHA-256 %s", id,
	    vals[D_NOMBRE], vals[D_METODO], vals[D_URL], k.tipo, k.bits, k.huella) != 0 ||
	    db_commit() != 0) {
		db_rollback();
		return HTTP_ERROR;
	}
	return resp_redirect(rs, arena_printf(r->a, "/sat/compartidos?ok=%s",
	    c ? "datos" : "nuevo"));
}

/* POST /sat/compartidos/nuevo: 303 to the list; 400 with the form. */
enum http_status
page_sat_compartido_nuevo_post(struct req *r, struct resp *rs)
{
	enum http_status s = sat_cerrado(r, rs);

	if (s)
		return s;
	return datos_save(r, rs, NULL);
}

/* POST /sat/compartidos/{id}: 303 to the list; 400 with the form; 404 if not the
 * entity's. */
enum http_status
page_sat_compartido_post(struct req *r, struct resp *rs)
{
	enum http_status s;
	struct compartido c;

	if ((s = open_compartido(r, rs, &c)) != 0)
		return s;
	return datos_save(r, rs, &c);
}

/* ---- OAuth 2.0 credentials ---- */

static int
v_grant(const char *s)
{
	return strcmp(s, "password") == 0 || strcmp(s, "client_credentials") == 0;
}

static int
v_cliente(const char *s)
{
	return strcmp(s, "basic") == 0 || strcmp(s, "cuerpo") == 0;
}

/* Empty, or 1-200 characters of text. */
static int
v_text_opt(const char *s)
{
	return *s == '\0' || v_text(s);
}

/* Empty, or a secret of 1-256 bytes of text. */
static int
v_secreto_opt(const char *s)
{
	return *s == '\0' || v_password(s);
}

/* Empty, or 1-500 printable ASCII characters (space-separated scopes). */
static int
v_scope(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (s[i] < 0x20 || s[i] > 0x7e || s[i] == '"' || s[i] == '\\')
			return 0;
	return i <= 500;
}

/* Empty, or 1-200 printable ASCII characters without blanks. */
static int
v_client_id_opt(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (s[i] <= 0x20 || s[i] > 0x7e)
			return 0;
	return i <= 200;
}

enum { C_TOKEN_NOMBRE, C_TOKEN_URL, C_GRANT, C_CLIENTE, C_USUARIO, C_CLAVE, C_QUITAR_CLAVE,
	C_CLIENT_ID, C_SECRET, C_QUITAR_SECRET, C_SCOPE, NC };

static const struct field cred_fields[NC] = {
	{ "token_nombre", "Nombre del token", "text", v_sat_nombre,
	    "Escriba el nombre del token (hasta 100 caracteres).", NULL },
	{ "token_url", "URL del servicio de autorización", "text", v_cualquiera, NULL,
	    "La dirección https:// donde se pide el token de acceso." },
	{ "grant_type", "Tipo de concesión", "select", v_grant,
	    "Seleccione el tipo de concesión.",
	    "La concesión por credenciales del cliente es la recomendada. La concesión por usuario "
	    "y contraseña la desaconseja el RFC 9700 (OAuth 2.0 Security Best Current Practice): "
	    "úsela solo si su servicio aún la exige." },
	{ "cliente_auth", "Autenticación del cliente", "select", v_cliente,
	    "Seleccione cómo se envían el Client ID y el Client Secret.",
	    "HTTP Basic es la forma que el RFC 6749 prefiere; en el cuerpo, solo si su servidor "
	    "de autorización no la admite." },
	{ "usuario", "Usuario", "text", v_text_opt,
	    "Usuario: hasta 200 caracteres de texto.",
	    "Obligatorio con la concesión por usuario y contraseña." },
	{ "clave", "Contraseña", "password", v_secreto_opt,
	    "Contraseña: hasta 256 caracteres, sin caracteres de control.", NULL },
	{ "quitar_clave", "Quitar la contraseña guardada", "checkbox", v_cualquiera, NULL, NULL },
	{ "client_id", "Client ID", "text", v_client_id_opt,
	    "Client ID: hasta 200 caracteres visibles, sin espacios.",
	    "Obligatorio con la concesión por credenciales del cliente." },
	{ "client_secret", "Client Secret", "password", v_secreto_opt,
	    "Client Secret: hasta 256 caracteres, sin caracteres de control.", NULL },
	{ "quitar_secret", "Quitar el Client Secret guardado", "checkbox", v_cualquiera, NULL,
	    NULL },
	{ "scope", "Scope", "text", v_scope,
	    "Scope: hasta 500 caracteres visibles, separados por espacios.", "Opcional." },
};

static const char *const grants[] = { "client_credentials",
	"Credenciales del cliente (recomendada)", "password",
	"Usuario y contraseña (desaconsejada por el RFC 9700)", NULL };
static const char *const clientes[] = { "basic", "HTTP Basic (recomendada, RFC 6749)",
	"cuerpo", "En el cuerpo de la petición (client_id y client_secret)", NULL };
static const struct form_opts cred_opts[] = { { "grant_type", grants },
	{ "cliente_auth", clientes } };

/* The hint of a secret field: what happens when left blank. */
static const char *
hint_secreto(int guardado)
{
	return guardado ? "Hay uno guardado (cifrado; no se muestra). Déjelo en blanco para "
	    "conservarlo, escriba uno nuevo para reemplazarlo, o marque «Quitar» para borrarlo." :
	    "No hay ninguno guardado. Se guarda cifrado y nunca se vuelve a mostrar.";
}

/* Renders the credentials form of c with status. Secrets are never put back. */
static enum http_status
cred_page(struct resp *rs, enum http_status status,
    const struct compartido *c, const char **vals, const char **errs)
{
	struct view *v = resp_page(rs, "sat/credenciales.tpl", "Credenciales OAuth 2.0");
	const char *pre[NC] = { NULL }, *show[NC];
	struct field f[NC];
	int i;

	resp_crumb(rs, "Servicios web SAT", "/sat");
	resp_crumb(rs, "Compartir servicios de la entidad", "/sat/compartidos");
	resp_crumb(rs, c->nombre, NULL);
	view_setint(v, "ID", c->id);
	view_set(v, "NOMBRE", c->nombre);
	if (vals == NULL) {
		pre[C_TOKEN_NOMBRE] = c->token_nombre;
		pre[C_TOKEN_URL] = c->token_url;
		pre[C_GRANT] = c->grant_type ? c->grant_type : "client_credentials";
		pre[C_CLIENTE] = c->cliente_en_cuerpo ? "cuerpo" : "basic";
		pre[C_USUARIO] = c->usuario;
		pre[C_CLIENT_ID] = c->client_id;
		pre[C_SCOPE] = c->scope;
		vals = pre;
	}
	/* form_show never writes a password field's value back. */
	for (i = 0; i < NC; i++)
		show[i] = vals[i] ? vals[i] : "";
	memcpy(f, cred_fields, sizeof(f));
	f[C_CLAVE].hint = hint_secreto(c->clave != NULL);
	f[C_SECRET].hint = hint_secreto(c->client_secret != NULL);
	form_show_opts(v, f, NC, show, errs, cred_opts, 2);
	if (c->clave != NULL)
		view_show(v, "CLAVE_GUARDADA");
	if (c->client_secret != NULL)
		view_show(v, "SECRET_GUARDADO");
	return status;
}

/* GET /sat/compartidos/{id}/credenciales: 200, the form; 404 if not the entity's. */
enum http_status
page_sat_credenciales(struct req *r, struct resp *rs)
{
	enum http_status s;
	struct compartido c;

	if ((s = open_compartido(r, rs, &c)) != 0)
		return s;
	return cred_page(rs, HTTP_OK, &c, NULL, NULL);
}

/* The sealed value of secret field i for column col: the new one typed, NULL when removed
 * (or never stored), else the stored one (old, n). */
static const void *
secreto_nuevo(struct req *r, const char **vals, int i, int quitar, const char *col,
    long long id, const void *old, int *n)
{
	size_t len;
	const void *p;

	if (*vals[i] != '\0') {
		p = secret_seal(r->a, vals[i], ad(r, col, id), &len);
		*n = (int)len;
		return p;
	}
	if (*vals[quitar] != '\0') {
		*n = 0;
		return NULL;
	}
	return old;
}

/* POST /sat/compartidos/{id}/credenciales (F_REAUTH): 303 to the list, the entity's
 * delegates told by mail (no secret in it); 400 with the form (secrets not kept), nothing
 * written; 404 if not the entity's. */
enum http_status
page_sat_credenciales_post(struct req *r, struct resp *rs)
{
	enum http_status s;
	const char **vals, *e;
	const void *clave, *secret;
	int nclave = 0, nsecret = 0, password;
	struct compartido c;
	struct form *f;

	if ((s = open_compartido(r, rs, &c)) != 0)
		return s;
	vals = (f = form_read(r, cred_fields, NC))->val;
	if ((e = url_error(r, vals[C_TOKEN_URL],
	    "URL del servicio de autorización")) != NULL)
		form_error(f, C_TOKEN_URL, e);
	nclave = c.clave_len, nsecret = c.client_secret_len;
	clave = secreto_nuevo(r, vals, C_CLAVE, C_QUITAR_CLAVE, "clave", c.id, c.clave, &nclave);
	secret = secreto_nuevo(r, vals, C_SECRET, C_QUITAR_SECRET, "client_secret", c.id,
	    c.client_secret, &nsecret);
	password = strcmp(vals[C_GRANT], "password") == 0;
	if (password && f->err[C_USUARIO] == NULL && *vals[C_USUARIO] == '\0')
		form_error(f, C_USUARIO, "Con la concesión por usuario y contraseña, escriba el "
		    "usuario.");
	if (password && f->err[C_CLAVE] == NULL && clave == NULL)
		form_error(f, C_CLAVE, "Con la concesión por usuario y contraseña, escriba la "
		    "contraseña.");
	if (!password && f->err[C_CLIENT_ID] == NULL && *vals[C_CLIENT_ID] == '\0')
		form_error(f, C_CLIENT_ID, "Con la concesión por credenciales del cliente, "
		    "escriba el Client ID.");
	if (!password && f->err[C_SECRET] == NULL && secret == NULL)
		form_error(f, C_SECRET, "Con la concesión por credenciales del cliente, "
		    "escriba el Client Secret.");
	if (f->bad > 0)
		return cred_page(rs, HTTP_BAD_REQUEST, &c, vals, f->err);
	if (db_begin() != 0)
		return HTTP_ERROR;
	if (db_exec(ST_COMPARTIDO_CREDENCIALES, "tttbtbttiiii", vals[C_TOKEN_NOMBRE],
	    vals[C_TOKEN_URL], vals[C_USUARIO], clave, nclave, vals[C_CLIENT_ID], secret, nsecret,
	    vals[C_SCOPE], vals[C_GRANT], (long long)(strcmp(vals[C_CLIENTE], "cuerpo") == 0),
	    r->now, c.id, r->sess->entidad_id) != 0 ||
	    audit(r, "sat_compartido_credenciales", "servicio compartido %lld: %s, token %s, "
	    "concesión %s, cliente %s, password %s, client secret %s", c.id, c.nombre,
	    vals[C_TOKEN_URL], vals[C_GRANT], vals[C_CLIENTE],
	    *vals[C_CLAVE] ? "nuevo" : clave ? "conservado" : "sin",
	    *vals[C_SECRET] ? "nuevo" : secret ? "conservado" : "sin") != 0 ||
	    aviso_credencial(r, NULL, arena_printf(r->a, "Se cambiaron las credenciales OAuth 2.0 "
	    "con las que el Ministerio llama al servicio web «%s» que su entidad comparte "
	    "(servicio de autorización %s; contraseña: %s; Client Secret: %s).", c.nombre,
	    vals[C_TOKEN_URL], *vals[C_CLAVE] ? "nueva" : clave ? "sin cambios" : "ninguna",
	    *vals[C_SECRET] ? "nuevo" : secret ? "sin cambios" : "ninguno")) != 0 ||
	    db_commit() != 0) {
		db_rollback();
		return HTTP_ERROR;
	}
	return resp_redirect(rs, "/sat/compartidos?ok=credenciales");
}

/* ---- List and deletion ---- */

/* One shared service of the list (ST_COMPARTIDO_LIST), with its state and actions. */
static void
compartido_fila(struct req *r, struct view *row, struct db_stmt *st)
{
	int completo = !db_col_null(st, 4) &&
	    !db_col_null(st, 5);

	(void)r;
	view_setint(row, "ID", db_col_int64(st, 0));
	view_set(row, "NOMBRE", db_col_text(st, 1));
	view_set(row, "URL", db_col_text(st, 2));
	view_set(row, "METODO", db_col_text(st, 3));
	view_set(row, "ESTADO", completo ? "Completo" : "Incompleto");
	if (completo)
		view_show(row, "PROBAR");
	else
		view_set(view_section(row, "FALTA"), "TEXT", db_col_null(st, 5) ? "Faltan las credenciales OAuth 2.0" :
		    "Faltan los datos del servicio");
}

/* GET /sat/compartidos: 200, the entity's shared services with their state and actions. */
enum http_status
page_sat_compartidos(struct req *r, struct resp *rs)
{
	static const struct lista compartidos = { NULL, "FILA", "VACIA", 0 };
	enum http_status s = sat_cerrado(r, rs);
	const char *ok = req_query(r, "ok");
	struct view *v;

	if (s)
		return s;
	v = resp_page(rs, "sat/compartidos.tpl", "Compartir servicios de la entidad");
	resp_crumb(rs, "Servicios web SAT", "/sat");
	resp_crumb(rs, "Compartir servicios de la entidad", NULL);
	if (ok != NULL)
		view_set(view_section(v, "OK"), "TEXT", strcmp(ok, "nuevo") == 0 ?
		    "El servicio fue registrado. Complete sus credenciales OAuth 2.0 para poder "
		    "probar la conexión." : strcmp(ok, "eliminado") == 0 ? "El servicio fue "
		    "eliminado." : "Los cambios fueron guardados.");
	if (lista_filas(r, v, &compartidos, db_stmt(ST_COMPARTIDO_LIST, "i",
	    r->sess->entidad_id), compartido_fila) < 0)
		return HTTP_ERROR;
	return HTTP_OK;
}

/* GET /sat/compartidos/{id}/eliminar: 200, the confirmation; 404 if not the entity's. */
enum http_status
page_sat_compartido_eliminacion(struct req *r, struct resp *rs)
{
	enum http_status s;
	struct compartido c;
	struct view *v;

	if ((s = open_compartido(r, rs, &c)) != 0)
		return s;
	v = resp_page(rs, "sat/eliminar.tpl", "Eliminar servicio compartido");
	resp_crumb(rs, "Servicios web SAT", "/sat");
	resp_crumb(rs, "Compartir servicios de la entidad", "/sat/compartidos");
	resp_crumb(rs, c.nombre, NULL);
	view_setint(v, "ID", c.id);
	view_set(v, "NOMBRE", c.nombre);
	view_set(v, "URL", c.url);
	return HTTP_OK;
}

/* POST /sat/compartidos/{id}/eliminar: 303 to the list; 404 if not the entity's. */
enum http_status
page_sat_compartido_eliminacion_post(struct req *r, struct resp *rs)
{
	enum http_status s;
	struct compartido c;

	if ((s = open_compartido(r, rs, &c)) != 0)
		return s;
	if (db_begin() != 0)
		return HTTP_ERROR;
	if (db_exec(ST_COMPARTIDO_DELETE, "ii", c.id, r->sess->entidad_id) != 0 ||
	    audit(r, "sat_compartido_eliminar", "servicio compartido %lld: %s, %s", c.id,
	    c.nombre, c.url ? c.url : "") != 0 || db_commit() != 0) {
		db_rollback();
		return HTTP_ERROR;
	}
	return resp_redirect(rs, "/sat/compartidos?ok=eliminado");
}

/* ---- Probar conexión ---- */

/* The service summary of the test page. */
static struct view *
prueba_page(struct resp *rs, const struct compartido *c)
{
	struct view *v = resp_page(rs, "sat/probar.tpl", "Probar conexión");

	resp_crumb(rs, "Servicios web SAT", "/sat");
	resp_crumb(rs, "Compartir servicios de la entidad", "/sat/compartidos");
	resp_crumb(rs, c->nombre, NULL);
	view_setint(v, "ID", c->id);
	view_set(v, "NOMBRE", c->nombre);
	view_set(v, "URL", c->url);
	view_set(v, "METODO", c->metodo);
	view_set(v, "TOKEN_URL", c->token_url);
	view_set(v, "GRANT", strcmp(c->grant_type, "password") == 0 ?
	    "Usuario y contraseña" : "Credenciales del cliente");
	view_set(v, "CLIENTE", c->cliente_en_cuerpo ? "En el cuerpo" : "HTTP Basic");
	return v;
}

/* GET /sat/compartidos/{id}/probar: 200, the summary and the button; 404 if not the
 * entity's; 409 when the service is incomplete. */
enum http_status
page_sat_prueba(struct req *r, struct resp *rs)
{
	enum http_status s;
	struct compartido c;

	if ((s = open_compartido(r, rs, &c)) != 0)
		return s;
	if (!c.datos || !c.credenciales)
		return HTTP_CONFLICT;
	prueba_page(rs, &c);
	return HTTP_OK;
}

/* One step's outcome into section name of v. */
static void
paso(struct view *v, const char *name, const struct con_paso *p)
{
	const char *t;

	v = view_section(v, name);
	/* The state as a sentence: "Conexión rechazada." */
	t = con_estado_texto(p->estado);
	view_setf(v, "ESTADO", "%c%s.", toupper((unsigned char)t[0]), t + 1);
	view_set(v, "CLASE", p->estado == CON_OK ? "exito" : p->estado == CON_NO_INTENTADO ?
	    "hint" : "alert");
	view_set(v, "MENSAJE", p->mensaje);
	if (p->http)
		view_setint(view_section(v, "HTTP"), "CODIGO", p->http);
	if (*p->token_tipo)
		view_set(view_section(v, "TOKEN_TIPO"), "TEXT", p->token_tipo);
	if (p->estado == CON_OK && p->expira >= 0 && *p->token_tipo)
		view_setint(view_section(v, "EXPIRA"), "SEGUNDOS", p->expira);
	if (*p->oauth_error)
		view_set(view_section(v, "OAUTH"), "ERROR", p->oauth_error);
	if (*p->extracto)
		view_set(view_section(v, "EXTRACTO"), "TEXT", p->extracto);
}

/* POST /sat/compartidos/{id}/probar: 200 with each step's outcome (the test ran, whatever
 * it found); 404 if not the entity's; 409 when incomplete; 500 when a stored secret cannot
 * be opened. The database is not held while the test runs. */
enum http_status
page_sat_prueba_post(struct req *r, struct resp *rs)
{
	enum http_status s;
	struct con_resultado res;
	struct con_config cc;
	struct compartido c;
	struct view *v;
	const char *clave = NULL, *secret = NULL;
	int ok;

	if ((s = open_compartido(r, rs, &c)) != 0)
		return s;
	if (!c.datos || !c.credenciales)
		return HTTP_CONFLICT;
	if ((c.clave != NULL && (clave = secret_open(r->a, c.clave, (size_t)c.clave_len,
	    ad(r, "clave", c.id))) == NULL) || (c.client_secret != NULL && (secret =
	    secret_open(r->a, c.client_secret, (size_t)c.client_secret_len,
	    ad(r, "client_secret", c.id))) == NULL))
		return HTTP_ERROR;
	memset(&cc, 0, sizeof(cc));
	cc.token_url = c.token_url;
	cc.servicio_url = c.url;
	cc.metodo = c.metodo;
	cc.cuerpo = c.ejemplo && *c.ejemplo ? c.ejemplo : NULL;
	cc.cuerpo_len = cc.cuerpo ? strlen(cc.cuerpo) : 0;
	cc.grant = strcmp(c.grant_type, "password") == 0 ? CON_GRANT_PASSWORD :
	    CON_GRANT_CLIENT_CREDENTIALS;
	cc.client_id = c.client_id;
	cc.client_secret = secret;
	cc.usuario = c.usuario;
	cc.clave = clave;
	cc.scope = c.scope;
	cc.cliente_en_cuerpo = c.cliente_en_cuerpo;
	con_operador_apply(&con_operador_portal, &cc);
	ok = conexion_test(&cc, &res) == 0;
	v = prueba_page(rs, &c);
	view_show(v, ok ? "EXITO" : "FALLO");
	paso(v, "PASO_TOKEN", &res.token);
	paso(v, "PASO_SERVICIO", &res.servicio);
	if (db_begin() != 0)
		return HTTP_ERROR;
	if (audit(r, "sat_compartido_probar", "servicio compartido %lld: %s; token: %s (HTTP "
	    "%ld%s%s); servicio: %s (HTTP %ld)", c.id, c.nombre,
	    con_estado_texto(res.token.estado), res.token.http, *res.token.oauth_error ?
	    ", error " : "", res.token.oauth_error, con_estado_texto(res.servicio.estado),
	    res.servicio.http) != 0 || db_commit() != 0) {
		db_rollback();
		return HTTP_ERROR;
	}
	return HTTP_OK;
}
