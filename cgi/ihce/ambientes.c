/* The connection parameters of each environment (EndPoint, TenantID, Scope, APIM
 * subscription key), configured by ministry staff and shown to delegates with their keys. */
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/db.h"
#include "core/form.h"
#include "ihce/ihce.h"
#include "core/secret.h"
#include "core/session.h"
#include "core/text.h"
#include "core/valid.h"

/* The APIM key may be left blank to keep the stored one. */
static int
v_apim(const char *s)
{
	return s[0] == '\0' || v_client_secret(s);
}

/* The fields of one environment, AMB_FIELDS; environment i's field k is NAMB1 * i + k. */
enum { A_ENDPOINT, A_TENANT, A_SCOPE, A_APIM, NAMB1 };
#define AMB_FIELDS(amb) \
	{ "endpoint_" amb, "EndPoint", "url", v_https_url, \
	    "EndPoint: una URL completa que empiece por https://.", NULL }, \
	{ "tenant_" amb, "TenantID", "text", v_guid, \
	    "TenantID: un GUID, por ejemplo 3f2504e0-4f89-11d3-9a0c-0305e82c3301.", NULL }, \
	{ "scope_" amb, "Scope", "text", v_text, "Escriba el Scope (máximo 200 caracteres).", \
	    NULL }, \
	{ "apim_" amb, "Llave de suscripción APIM", "password", v_apim, \
	    "Llave de suscripción APIM: de 1 a 128 caracteres ASCII imprimibles, sin espacios.", \
	    "Déjela en blanco para conservar la llave guardada." }

#define NAMB	(NAMB1 * AMBIENTES)
static const struct field amb_fields[NAMB] = {
	AMB_FIELDS("desarrollo"),
	AMB_FIELDS("preproduccion"),
	AMB_FIELDS("produccion"),
};

/* Renders the configuration form. */
static enum http_status
ambientes_form(struct req *r, struct resp *rs, enum http_status st, const char **vals,
    const char **errs)
{
	struct view *v = resp_page(rs, "ihce/msps_ambientes.tpl", "Configuración de ambientes");
	const char *cur[NAMB];
	struct db_stmt *q;
	int i = 0;

	resp_crumb(rs, "Configuración de ambientes", NULL);
	if (req_query(r, "ok") != NULL)
		view_show(v, "OK");
	/* The stored values, and which environments have an APIM key: also when the form
	 * comes back with the user's values, since a blank APIM field keeps the stored key. */
	q = db_stmt(ST_AMBIENTE_LIST, "");
	while (q != NULL && db_step(q) == DB_ROW && i < AMBIENTES) {
		cur[4 * i] = db_text(r->a, q, 1);
		cur[4 * i + 1] = db_text(r->a, q, 2);
		cur[4 * i + 2] = db_text(r->a, q, 3);
		cur[4 * i + 3] = "";
		if (!db_col_null(q, 4))
			view_show(v, arena_printf(r->a, "APIM_%d", i));
		i++;
	}
	if (q != NULL)
		db_reset(q);
	for (; i < AMBIENTES; i++)
		cur[4 * i] = cur[4 * i + 1] = cur[4 * i + 2] = cur[4 * i + 3] = "";
	if (vals == NULL)
		vals = cur;
	form_show(v, amb_fields, NAMB, vals, errs);
	return st;
}

/* GET /msps/ambientes: 200 with the form. */
enum http_status
page_msps_ambientes(struct req *r, struct resp *rs)
{
	return ambientes_form(r, rs, HTTP_OK, NULL, NULL);
}

/* Saves environment i from form f in the open transaction; blank APIM keeps the old one. */
static int
save_ambiente(struct req *r, int i, const struct form *f)
{
	const char **vals = f->val + NAMB1 * i;
	char ad[64];
	const void *blob = NULL;
	size_t len = 0;
	struct db_stmt *q;
	int n = 0;

	snprintf(ad, sizeof(ad), "ambiente.apim_key:%s", ambiente_name[i]);
	if (vals[A_APIM][0] != '\0')
		blob = secret_seal(r->a, vals[A_APIM], ad, &len);
	else if ((q = db_stmt(ST_AMBIENTE_LIST, "")) != NULL) {
		while (db_step(q) == DB_ROW)
			if (n++ == i && !db_col_null(q, 4)) {
				len = (size_t)db_col_bytes(q, 4);
				blob = arena_alloc(r->a, len);
				memcpy((void *)blob, db_col_blob(q, 4), len);
			}
		db_reset(q);
	}
	if (blob == NULL)
		return db_exec(ST_AMBIENTE_UPDATE, "tttnit", vals[A_ENDPOINT], vals[A_TENANT],
		    vals[A_SCOPE], r->now, ambiente_name[i]);
	return db_exec(ST_AMBIENTE_UPDATE, "tttbit", vals[A_ENDPOINT], vals[A_TENANT],
	    vals[A_SCOPE], blob, (int)len, r->now, ambiente_name[i]);
}

/* The environments whose APIM key form f replaces ("Desarrollo, Producción"), or
 * "ninguno". */
static const char *
apim_nuevas(struct req *r, const struct form *f)
{
	static const char *const label[AMBIENTES] = { "Desarrollo", "Preproducción",
		"Producción" };
	const char *out = NULL;
	int i;

	for (i = 0; i < AMBIENTES; i++)
		if (f->val[NAMB1 * i + A_APIM][0] != '\0')
			out = out == NULL ? label[i] : arena_printf(r->a, "%s, %s", out, label[i]);
	return out == NULL ? "ninguno" : out;
}

/* POST /msps/ambientes (F_REAUTH): 303 back with ok, the ministry's administrators told by
 * mail (the APIM key is a credential of every entity's connection; the mail names which
 * environments got a new one, never the key); 400 with the form when a field is invalid. */
enum http_status
page_msps_ambientes_post(struct req *r, struct resp *rs)
{
	struct form *f = form_read(r, amb_fields, NAMB);
	int i;

	if (f->bad > 0)
		return ambientes_form(r, rs, HTTP_BAD_REQUEST, f->val, f->err);
	if (db_begin() < 0)
		return HTTP_ERROR;
	for (i = 0; i < AMBIENTES; i++)
		if (save_ambiente(r, i, f) < 0) {
			db_rollback();
			return HTTP_ERROR;
		}
	if (audit(r, "ihce_configurar_ambientes", "endpoint, tenant, scope y llave APIM") < 0 ||
	    aviso_credencial(r, "Administrador_MSPS", arena_printf(r->a, "Se guardó la "
	    "configuración de conexión de los ambientes IHCE (EndPoint, TenantID y Scope) que "
	    "ven todas las entidades con sus llaves. Ambientes con nueva llave de suscripción "
	    "APIM: %s.", apim_nuevas(r, f))) < 0 ||
	    db_commit() < 0) {
		db_rollback();
		return HTTP_ERROR;
	}
	return resp_redirect(rs, "/msps/ambientes?ok=1");
}
