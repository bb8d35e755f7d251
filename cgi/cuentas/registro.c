/*
 * Self-registration (public pages): the Delegado administrativo of an entity, who gets a
 * login made of the entity type's prefix and the NIT and whose registration is a request
 * with the designation letter, waiting for a funcionario MSPS (cgi/cuentas/delegados.c); and "Otro
 * usuario" (ministry staff), whose account works only after a ministry administrator
 * grants it. Both receive by mail a one-time link to set their password, and no text they
 * typed. Registrations are capped per client address and in total per hour.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/config.h"
#include "core/db.h"
#include "cuentas/delegados.h"
#include "cuentas/enlace.h"
#include "core/entidad.h"
#include "core/form.h"
#include "core/log.h"
#include "cuentas/cuentas.h"
#include "cuentas/pdf.h"
#include "core/persona.h"
#include "cuentas/registro.h"
#include "cuentas/reto.h"
#include "core/session.h"
#include "core/valid.h"
#include "cuentas/sql.h"

const struct tipo_entidad tipos_entidad[] = {
	{ "IPS", "Institución Prestadora de Servicios de Salud", "ADMINHCEIPS",
	    "securityAdmin_IHCE_IPS", "Administración de llaves IHCE", "IHCE" },
	{ "EPSC", "EPS contributivo", "ADMINMIPRESEPSC", "securityAdmin_MIPRES_EPSC", "MIPRES",
	    "MIPRES" },
	{ "EPSS", "EPS subsidiado", "ADMINMIPRESEPSS", "securityAdmin_MIPRES_EPSS", "MIPRES",
	    "MIPRES" },
	{ "ET", "Entidad territorial", "ADMINMIPRESET", "securityAdmin_MIPRES_ET", "MIPRES",
	    "MIPRES" },
	{ "PROV", "Proveedor", "ADMINMIPRESPROV", "securityAdmin_MIPRES_PROV", "MIPRES",
	    "MIPRES" },
	{ "CCF", "Caja de Compensación Familiar", "ADMINSATCCF", "securityAdmin_SAT_CCF",
	    "Administración de servicios web (SAT)", "SAT" },
	{ "AP", "Administradora de Pensiones", "ADMINWSAP", "securityAdmin_WS_AP",
	    "Servicios web para Administradoras de Pensiones", "AP" },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};

/* The modules a delegate registers for, as the form's select offers them. */
static const char *const modulo_opts[] = {
	"IHCE", "Administración de llaves IHCE (Instituciones Prestadoras de Servicios de Salud)",
	"MIPRES", "MIPRES (EPS, entidades territoriales y proveedores o dispensadores)",
	"SAT", "Administración de servicios web SAT (Cajas de Compensación Familiar)",
	"AP", "Servicios web para Administradoras de Pensiones",
	NULL,
};

static const char *const tipo_opts[] = {
	"IPS", "Institución Prestadora de Servicios de Salud", "EPSC", "EPS contributivo",
	"EPSS", "EPS subsidiado", "ET", "Entidad territorial", "PROV", "Proveedor",
	"CCF", "Caja de Compensación Familiar", "AP", "Administradora de Pensiones", NULL,
};

/* Document types; the code is also the login prefix of an "Otro usuario" account. */
static const char *const doc_opts[] = {
	"CC", "Cédula de ciudadanía", "CE", "Cédula de extranjería", "PA", "Pasaporte",
	"PE", "Permiso especial de permanencia", "PT", "Permiso por protección temporal", NULL,
};

static const struct form_opts selects[] = {
	{ "modulo", modulo_opts },
	{ "tipo_entidad", tipo_opts },
	{ "tipo_doc", doc_opts },
};
#define NSELECTS (sizeof(selects) / sizeof(selects[0]))

const struct tipo_entidad *
cuentas_tipo_entidad_find(const char *tipo)
{
	const struct tipo_entidad *t;

	for (t = tipos_entidad; tipo != NULL && t->tipo != NULL; t++)
		if (strcmp(t->tipo, tipo) == 0)
			return t;
	return NULL;
}

/* The label of module code mod, or NULL when it is not one. */
static const char *
modulo_nombre(const char *mod)
{
	size_t i;

	for (i = 0; mod != NULL && modulo_opts[i] != NULL; i += 2)
		if (strcmp(modulo_opts[i], mod) == 0)
			return modulo_opts[i + 1];
	return NULL;
}

static int
v_modulo(const char *s)
{
	return modulo_nombre(s) != NULL;
}

static int
v_tipo_entidad(const char *s)
{
	return cuentas_tipo_entidad_find(s) != NULL;
}

void
cuentas_registro_formatos(struct view *v)
{
	const struct tipo_entidad *t;
	struct view *row;
	size_t i;

	for (t = tipos_entidad; t->tipo != NULL; t++) {
		row = view_section(v, "FORMATO");
		view_set(row, "PREFIJO", t->prefijo);
		view_set(row, "TIPO", t->nombre);
		view_set(row, "MODULO", t->modulo);
	}
	for (i = 0; doc_opts[i] != NULL; i += 2) {
		row = view_section(v, "TIPO_DOC");
		view_set(row, "CODIGO", doc_opts[i]);
		view_set(row, "NOMBRE", doc_opts[i + 1]);
	}
}

static int
v_tipo_doc(const char *s)
{
	size_t i;

	for (i = 0; doc_opts[i] != NULL; i += 2)
		if (strcmp(doc_opts[i], s) == 0)
			return 1;
	return 0;
}

/* Empty, or v_text: the razón social is needed only for an entity not yet registered. */
static int
v_text_opcional(const char *s)
{
	return s[0] == '\0' || v_text(s);
}

/* A file field's form value (nothing: multipart puts the file apart); checked by hand. */
static int
v_archivo(const char *s)
{
	(void)s;
	return 1;
}

static int
v_no_vacio(const char *s)
{
	return s[0] != '\0' && strlen(s) <= 15;
}

#define MSG_NIT		"Escriba los 9 dígitos del NIT, sin dígito de verificación."
#define MSG_SOLO_DIGITOS "Escriba solo dígitos: sin puntos, comas, guiones ni espacios."
#define MSG_DOC		"Escriba el número de documento: de 3 a 15 dígitos."
#define MSG_RETO_VACIO	"Escriba el código de la imagen o la respuesta a la pregunta."
#define MSG_RETO_MAL	"El código no coincide: escriba el de la nueva imagen (o responda la " \
			"nueva pregunta)."
#define MSG_CARTA_FALTA	"Adjunte la carta de designación firmada por el representante legal de " \
			"la entidad, en PDF."
#define MSG_CARTA_GRANDE "La carta supera 2 MiB: adjunte un PDF de hasta 2 MiB (por ejemplo, " \
			"escaneado en blanco y negro o a menor resolución)."
#define MSG_CARTA_NO_PDF "El archivo no es un PDF válido: adjunte la carta de designación en " \
			"formato PDF."

#define PERSONA_FIELDS \
	{ "tipo_doc", "Tipo de identificación", "select", v_tipo_doc, \
	    "Seleccione el tipo de identificación.", NULL }, \
	{ "num_doc", "Número de identificación", "text", v_documento, MSG_DOC, \
	    "Solo dígitos, sin puntos ni espacios." }, \
	NOMBRES_FIELDS, \
	{ "correo", "Correo electrónico institucional", "email", v_email, \
	    "Escriba un correo válido, por ejemplo nombre@entidad.gov.co.", \
	    "Allí recibirá el enlace para asignar su contraseña." }

#define CIERRE_FIELDS \
	{ "reto", "Código de verificación", "text", v_no_vacio, MSG_RETO_VACIO, \
	    "Escriba los caracteres de la imagen, o la respuesta a la pregunta de texto." }, \
	{ "acepta_confidencialidad", "He leído y acepto el acuerdo de confidencialidad", \
	    "checkbox", v_acepto, "Debe aceptar el acuerdo de confidencialidad para registrarse.", \
	    NULL }

static const struct field delegado_fields[] = {
	{ "modulo", "Módulo", "select", v_modulo, "Seleccione el módulo en el que se registra "
	    "como delegado.", "El módulo del portal que su entidad usará. Cada entidad tiene un "
	    "delegado administrativo por módulo." },
	{ "tipo_entidad", "Tipo de entidad", "select", v_tipo_entidad,
	    "Seleccione el tipo de entidad.", NULL },
	{ "nit", "NIT de la entidad", "text", v_nit, MSG_NIT,
	    "9 dígitos, sin dígito de verificación, sin puntos ni guiones." },
	{ "razon_social", "Razón social de la entidad", "text", v_text_opcional,
	    "La razón social puede tener hasta 200 caracteres.",
	    "Obligatoria si su entidad aún no está registrada en el portal." },
	PERSONA_FIELDS,
	/* The file is read apart (carta_problema): the form's value is only its name. */
	{ "carta", "Carta de designación (PDF)", "file", v_archivo, MSG_CARTA_FALTA, NULL },
	CIERRE_FIELDS,
};
#define NDEL (sizeof(delegado_fields) / sizeof(delegado_fields[0]))
enum { D_MODULO, D_TIPO, D_NIT, D_RAZON, D_TIPO_DOC, D_NUM_DOC, D_PN, D_SN, D_PA, D_SA,
	D_CORREO, D_CARTA, D_RETO, D_ACEPTA };

static const struct field otro_fields[] = {
	PERSONA_FIELDS,
	CIERRE_FIELDS,
};
#define NOTRO (sizeof(otro_fields) / sizeof(otro_fields[0]))
enum { O_TIPO_DOC, O_NUM_DOC, O_PN, O_SN, O_PA, O_SA, O_CORREO, O_RETO, O_ACEPTA };

/* Which of the two forms a page shows; carta: the index of the designation letter's field
 * (its own markup in the template), or -1. */
struct forma {
	const struct field	*fields;
	size_t			 n;
	const char		*section, *action, *title;
	int			 carta;
};

static const struct forma delegado = { delegado_fields, NDEL, "DELEGADO", REGISTRO_PATH,
	"Registrar usuario: delegado administrativo", D_CARTA };
static const struct forma otro = { otro_fields, NOTRO, "OTRO", "/registro/otro",
	"Registrar usuario: otro usuario (Ministerio)", -1 };

/* The caps of registration (both forms) per hour: per client address, and in total. */
#define CUPO_VENTANA	(60 * 60)
static long long cupo_ip = REGISTRO_CUPO_IP, cupo_total = REGISTRO_CUPO_TOTAL;

/* What a registration's transaction ended in. */
enum alta {
	ALTA_ERROR = -1,
	ALTA_OK,
	ALTA_DELEGADO,		/* the entity has its delegate for the module (or the login is
				 * someone else's) */
	ALTA_PENDIENTE,		/* a request for the entity and module waits already */
	ALTA_CUPO_IP,		/* the client's address used this hour's cap */
	ALTA_CUPO_TOTAL,	/* the portal used this hour's cap */
	ALTA_EXISTE,		/* "Otro usuario": the document has an account */
};

int
cuentas_registro_config(char *err, size_t n)
{
	return config_entero("PORTAL_REGISTRO_POR_IP", 1, 1000000, "registros por hora", &cupo_ip,
	    err, n) < 0 || config_entero("PORTAL_REGISTRO_TOTAL", 1, 1000000,
	    "registros por hora", &cupo_total, err, n) < 0 ? -1 : 0;
}

/* Takes one of this hour's registrations for the client's address, in the caller's
 * transaction (rolled back with it), after forgetting those older than an hour. */
static enum alta
cupo_take(struct req *r)
{
	long long desde = r->now - CUPO_VENTANA + 1, ip = 0, total = 0;
	struct db_stmt *st;

	if (db_exec(ST_REGISTRO_ENVIO_PURGE, "i", desde) < 0 ||
	    (st = db_stmt(ST_REGISTRO_ENVIO_CUENTA, "ti", r->ip, desde)) == NULL)
		return ALTA_ERROR;
	if (db_step(st) == DB_ROW) {
		ip = db_col_int64(st, 0);
		total = db_col_int64(st, 1);
	}
	db_reset(st);
	if (ip >= cupo_ip)
		return ALTA_CUPO_IP;
	if (total >= cupo_total)
		return ALTA_CUPO_TOTAL;
	return db_exec(ST_REGISTRO_ENVIO_INSERT, "ti", r->ip, r->now) < 0 ? ALTA_ERROR : ALTA_OK;
}

/* Whether s has a separator people type inside numbers. */
static int
con_separadores(const char *s)
{
	return s[strcspn(s, ".,- ")] != '\0';
}

/* The designation letter's field: its error (NULL: none), and after a POST (sent) the note
 * that a file is never kept, so it must be attached again. */
static void
carta_show(struct view *v, const char *err, int sent)
{
	v = view_section(v, "CARTA");
	view_setint(v, "MAX_MIB", CARTA_MAX / (1024 * 1024));
	view_set(v, "INVALID", err != NULL ? "true" : "false");
	if (err != NULL)
		view_set(view_section(v, "ERROR"), "TEXT", err);
	if (sent)
		view_show(v, "OTRA_VEZ");
}

/* Renders form f with values, errors and an optional alert; a fresh challenge each time. */
static enum http_status
registro_form(struct req *r, struct resp *rs, const struct forma *f, enum http_status st,
    const char **vals, const char **errs, const char *fail)
{
	struct view *v = resp_page(rs, "cuentas/registro.tpl", f->title);

	resp_crumb(rs, "Iniciar sesión", "/login");
	resp_crumb(rs, "Registrar usuario", NULL);
	view_show(v, f->section);
	if (f == &delegado)
		cuentas_registro_formatos(v);
	view_set(v, "ACTION", f->action);
	csrf_pre(r, rs);
	if (vals != NULL)
		vals[f->n - 2] = "";	/* a new challenge: the old answer means nothing */
	form_show_opts(v, f->fields, f->n, vals, errs, selects, NSELECTS);
	if (f->carta >= 0)
		carta_show(v, errs != NULL ? errs[f->carta] : NULL, vals != NULL);
	if (fail != NULL)
		view_set(view_section(v, "FAIL"), "TEXT", fail);
	if (cuentas_reto_show(r, v) < 0)
		return HTTP_ERROR;
	return st;
}

/* GET /registro: 200 with the delegate's form. */
enum http_status
page_registro(struct req *r, struct resp *rs)
{
	return registro_form(r, rs, &delegado, HTTP_OK, NULL, NULL, NULL);
}

/* GET /registro/otro: 200 with the ministry staff's form. */
enum http_status
page_registro_otro(struct req *r, struct resp *rs)
{
	return registro_form(r, rs, &otro, HTTP_OK, NULL, NULL, NULL);
}

/* Why the uploaded designation letter u is refused, or NULL when it is a PDF within
 * CARTA_MAX. */
static const char *
carta_problema(const struct upload *u)
{
	if (u == NULL || u->len == 0)
		return MSG_CARTA_FALTA;
	if (u->len > CARTA_MAX)
		return MSG_CARTA_GRANDE;
	return cuentas_pdf_valido(u->data, u->len) ? NULL : MSG_CARTA_NO_PDF;
}

/* Reads and checks form f: field validators, the digits-only messages (fields doc and
 * nit, -1 for none), the letter (for the form that takes it: the file decides, not its
 * name) and the challenge (used up whatever the rest says). Returns the form. */
static struct form *
read_registro(struct req *r, const struct forma *f, int doc, int nit)
{
	struct form *m = form_read(r, f->fields, f->n);
	int reto = (int)f->n - 2;
	const char *e;

	if (m->err[doc] != NULL && con_separadores(m->val[doc]))
		form_error(m, doc, MSG_SOLO_DIGITOS);
	if (nit >= 0 && m->err[nit] != NULL && con_separadores(m->val[nit]))
		form_error(m, nit, "Escriba solo los dígitos del NIT: sin puntos, comas, guiones "
		    "ni espacios, y sin dígito de verificación.");
	if (f->carta >= 0) {
		m->bad -= m->err[f->carta] != NULL;
		m->err[f->carta] = NULL;
		if ((e = carta_problema(req_file(r, "carta"))) != NULL)
			form_error(m, f->carta, e);
	}
	if (!cuentas_reto_resuelto(r, req_form(r, "reto_id"), m->val[reto]) && m->err[reto] == NULL)
		form_error(m, reto, MSG_RETO_MAL);
	return m;
}

/* The name's four parts from vals, starting at index pn. */
static struct nombres
nombres_de(const char **vals, int pn)
{
	return (struct nombres){ vals[pn], vals[pn + 1], vals[pn + 2], vals[pn + 3] };
}

/* The entity a delegate registered for, as the success page shows it. */
struct registrada {
	const char	*razon, *nit, *modulo;
};

/* Renders the "REGISTRO SATISFACTORIO" page. It is the POST's own answer, not a page a GET
 * could fetch again, because it shows the person's document number. e: the entity (its
 * razón social, NIT with check digit and module), or NULL. */
static enum http_status
satisfactorio(struct resp *rs, const char *login, const char *tipo_doc,
    const char *num_doc, const char *correo, const struct registrada *e, const char *nota)
{
	struct view *v = resp_page(rs, "cuentas/registro_ok.tpl", "Registro satisfactorio"), *x;

	resp_crumb(rs, "Registrar usuario", "/registro");
	resp_crumb(rs, "Registro satisfactorio", NULL);
	view_set(v, "LOGIN", login);
	view_setf(v, "DOCUMENTO", "%s %s", tipo_doc, num_doc);
	view_set(v, "CORREO", correo);
	if (e != NULL) {
		x = view_section(v, "ENTIDAD");
		view_set(x, "RAZON", e->razon);
		view_setf(x, "NIT", "%s-%d", e->nit, nit_dv(e->nit));
		view_set(x, "MODULO", e->modulo);
	}
	if (nota != NULL)
		view_set(view_section(v, "NOTA"), "TEXT", nota);
	return HTTP_OK;
}

/* The user a delegate registration makes: a new one, or the account of a registrant whose
 * request was rejected (and who holds no role), given to this registration without the old
 * password or sessions. Returns the id, 0 when the login is someone else's, or -1. */
static long long
registrante(struct req *r, const char **vals, const char *login)
{
	const struct nombres n = nombres_de(vals, D_PN);
	long long uid;

	uid = db_usuario_insert_persona(r->a, login, &n, vals[D_CORREO], vals[D_TIPO_DOC],
	    vals[D_NUM_DOC], r->now);
	if (uid != 0)
		return uid;
	if ((uid = db_int(ST_USUARIO_RECHAZADO_BY_LOGIN, 0, "t", login)) == 0)
		return 0;
	if (db_exec(ST_USUARIO_REUSAR, "tttttttti", nombres_junto(r->a, &n), n.pn, n.sn, n.pa,
	    n.sa, vals[D_CORREO], vals[D_TIPO_DOC], vals[D_NUM_DOC], uid) < 0 ||
	    db_exec(ST_SESION_DELETE_USUARIO, "i", uid) < 0)
		return -1;
	return uid;
}

/* The file name the browser gave the letter, when it is plain text of a sane length. */
static const char *
carta_nombre(const struct upload *u)
{
	size_t n = strlen(u->filename);

	return n > 0 && n <= 200 && v_utf8(u->filename) ? u->filename : "carta.pdf";
}

/* Registers the delegate's request in the caller's transaction: the user, the request with
 * its letter u (and its notices), the one-time link and the registrant's mail, which holds
 * nothing typed but the address it goes to. ent: the entity with that NIT, or 0. */
static enum alta
create_delegado(struct req *r, const char **vals, const struct tipo_entidad *t,
    const char *login, long long ent, const struct upload *u)
{
	struct delegado_pedido p;
	const char *url;
	long long id;

	if (ent != 0 && db_int(ST_DELEGADO_EXISTE, 1, "it", ent, t->rol) != 0)
		return ALTA_DELEGADO;
	if (db_int(ST_DELEGADO_SOL_PENDIENTE, 1, "tt", vals[D_NIT], t->rol) != 0)
		return ALTA_PENDIENTE;
	memset(&p, 0, sizeof(p));
	if ((p.usuario_id = registrante(r, vals, login)) <= 0)
		return p.usuario_id == 0 ? ALTA_DELEGADO : ALTA_ERROR;
	p.entidad_id = ent;
	p.login = login;
	p.nit = vals[D_NIT];
	p.tipo = t->tipo;
	p.rol = t->rol;
	p.modulo = t->modulo;
	p.razon = ent == 0 ? vals[D_RAZON] : NULL;
	p.carta = u->data;
	p.carta_len = u->len;
	p.carta_nombre = carta_nombre(u);
	if ((id = cuentas_delegado_request(r, &p)) <= 0)
		return id == 0 ? ALTA_PENDIENTE : ALTA_ERROR;
	if ((url = cuentas_enlace_issue(r, p.usuario_id, "activar")) == NULL)
		return ALTA_ERROR;
	return outbox_add_secreto(vals[D_CORREO], "Registro en el Portal de Interoperabilidad: "
	    "asigne su contraseña", arena_printf(r->a, "Recibimos su solicitud para ser delegado "
	    "administrativo de una entidad en el Portal de Interoperabilidad del Ministerio de "
	    "Salud y Protección Social.\n\nEntidad: NIT %s-%d\nUsuario: %s\nMódulo: %s\n\n"
	    "Para asignar su contraseña abra este enlace (sirve una sola vez y durante 24 "
	    "horas):\n%s\n\nLa solicitud queda pendiente hasta que un funcionario del Ministerio "
	    "revise la carta de designación y la apruebe: mientras tanto podrá ingresar, pero "
	    "solo verá el estado de la solicitud. Le avisaremos por este medio.\n\nSi usted no "
	    "hizo este registro, ignore este mensaje.\n", vals[D_NIT], nit_dv(vals[D_NIT]), login,
	    t->modulo, url), r->now, r->now + ENLACE_VIDA) < 0 ? ALTA_ERROR : ALTA_OK;
}

#define MSG_DUPLICADO	"La entidad ya tiene un delegado administrativo registrado para este " \
			"módulo. Si necesita cambiarlo, comuníquese con el Ministerio de Salud y " \
			"Protección Social; si usted es el delegado y olvidó su contraseña, use " \
			"«¿Olvidó su contraseña?» en la página de inicio de sesión."
#define MSG_PENDIENTE	"Ya hay una solicitud para ser delegado administrativo de esta entidad " \
			"en este módulo, y el Ministerio de Salud y Protección Social la está " \
			"revisando: no se registró otra. Si tiene preguntas, comuníquese con el " \
			"Ministerio."
#define MSG_CUPO_IP	"Desde su conexión ya se hizo el máximo de registros permitido en una " \
			"hora: no se registró nada. Espere una hora e intente de nuevo; si debe " \
			"registrar a varias personas, comuníquese con el Ministerio."
#define MSG_CUPO_TOTAL	"El portal recibió demasiados registros en la última hora: no se " \
			"registró nada. Intente de nuevo más tarde."

/* Answers a registration that did not go through (its transaction rolled back): the form
 * with the values and why — 409 for the entity's delegate or a waiting request, 429 for
 * the caps — or 500. */
static enum http_status
no_registrado(struct req *r, struct resp *rs, const struct forma *f, const char **vals,
    enum alta rc)
{
	db_rollback();
	switch (rc) {
	case ALTA_DELEGADO:
		return registro_form(r, rs, f, HTTP_CONFLICT, vals, NULL, MSG_DUPLICADO);
	case ALTA_PENDIENTE:
		return registro_form(r, rs, f, HTTP_CONFLICT, vals, NULL, MSG_PENDIENTE);
	case ALTA_CUPO_IP:
		log_info("registro: cap per address reached by %s", r->ip);
		return registro_form(r, rs, f, HTTP_TOO_MANY, vals, NULL, MSG_CUPO_IP);
	case ALTA_CUPO_TOTAL:
		log_info("registro: total cap reached (%s)", r->ip);
		return registro_form(r, rs, f, HTTP_TOO_MANY, vals, NULL, MSG_CUPO_TOTAL);
	default:
		return HTTP_ERROR;
	}
}

/* Whether the entity type chosen in m belongs to the module chosen; when not (both
 * otherwise valid), the message next to the type lists the module's types. */
static void
modulo_del_tipo(struct req *r, struct form *m)
{
	const struct tipo_entidad *t = cuentas_tipo_entidad_find(m->val[D_TIPO]), *u;
	const char *lista = "";

	if (m->err[D_MODULO] != NULL || m->err[D_TIPO] != NULL || t == NULL ||
	    strcmp(t->mod, m->val[D_MODULO]) == 0)
		return;
	for (u = tipos_entidad; u->tipo != NULL; u++)
		if (strcmp(u->mod, m->val[D_MODULO]) == 0)
			lista = arena_printf(r->a, "%s%s«%s»", lista, *lista ? ", " : "", u->nombre);
	form_error(m, D_TIPO, arena_printf(r->a, "En el módulo elegido se registran solo estos "
	    "tipos de entidad: %s. Seleccione uno de ellos, o el módulo que corresponde a su "
	    "entidad.", lista));
}

/* POST /registro (multipart/form-data): 200 with the success page, the request waiting for
 * the ministry; 400 with the form when a field or the letter is invalid or the challenge is
 * not solved (the letter must be attached again); 409 when the entity already has its
 * delegate for the module or a request waits; 429 over the hourly caps. */
enum http_status
page_registro_post(struct req *r, struct resp *rs)
{
	struct form *m = read_registro(r, &delegado, D_NUM_DOC, D_NIT);
	const char **vals = m->val, **errs = m->err, *login, *tipo_reg = NULL, *razon_reg = NULL;
	const struct tipo_entidad *t;
	struct registrada e;
	struct db_stmt *st;
	long long ent = 0;
	enum alta rc;

	modulo_del_tipo(r, m);
	if (m->bad > 0)
		return registro_form(r, rs, &delegado, HTTP_BAD_REQUEST, vals, errs, NULL);
	t = cuentas_tipo_entidad_find(vals[D_TIPO]);
	/* A registered entity keeps its type; a new one needs its razón social. */
	if ((st = db_stmt(ST_ENTIDAD_BY_NIT, "t", vals[D_NIT])) != NULL &&
	    db_step(st) == DB_ROW) {
		ent = db_col_int64(st, ENTIDAD_BY_NIT_ID);
		razon_reg = db_text(r->a, st, ENTIDAD_BY_NIT_RAZON_SOCIAL);
		tipo_reg = db_text(r->a, st, ENTIDAD_BY_NIT_TIPO);
	}
	if (st != NULL)
		db_reset(st);
	if (tipo_reg != NULL && strcmp(tipo_reg, t->tipo) != 0) {
		form_error(m, D_TIPO, "El NIT ya está registrado con otro tipo de entidad: "
		    "seleccione el tipo con el que la entidad está registrada.");
		return registro_form(r, rs, &delegado, HTTP_BAD_REQUEST, vals, errs, NULL);
	}
	if (tipo_reg == NULL && vals[D_RAZON][0] == '\0') {
		form_error(m, D_RAZON, "Escriba la razón social: la entidad aún no está "
		    "registrada.");
		return registro_form(r, rs, &delegado, HTTP_BAD_REQUEST, vals, errs, NULL);
	}
	login = arena_printf(r->a, "%s%s", t->prefijo, vals[D_NIT]);
	if (db_begin() < 0)
		return HTTP_ERROR;
	if ((rc = cupo_take(r)) == ALTA_OK)
		rc = create_delegado(r, vals, t, login, ent, req_file(r, "carta"));
	if (rc != ALTA_OK)
		return no_registrado(r, rs, &delegado, vals, rc);
	if (db_commit() != 0) {
		db_rollback();
		return HTTP_ERROR;
	}
	/* The entity by its name: the one the portal knows, or the one typed for a new one. */
	e = (struct registrada){ razon_reg != NULL ? razon_reg : vals[D_RAZON], vals[D_NIT],
		modulo_nombre(vals[D_MODULO]) };
	return satisfactorio(rs, login, vals[D_TIPO_DOC], vals[D_NUM_DOC], vals[D_CORREO], &e,
	    "Su solicitud quedó pendiente: un funcionario del Ministerio revisará la carta de "
	    "designación y le avisaremos por correo cuando la apruebe. Mientras tanto puede "
	    "asignar su contraseña, pero no actuar por la entidad.");
}

/* Registers ministry staff in the caller's transaction: the user waiting for approval, the
 * link, the mails (to the person and the administrators: the login, no typed text) and
 * the audit. */
static enum alta
create_otro(struct req *r, const char **vals, const char *login)
{
	const struct nombres n = nombres_de(vals, O_PN);
	const char *url;
	long long uid;

	uid = db_usuario_insert_persona(r->a, login, &n, vals[O_CORREO], vals[O_TIPO_DOC],
	    vals[O_NUM_DOC], r->now);
	if (uid <= 0)
		return uid == 0 ? ALTA_EXISTE : ALTA_ERROR;
	if (db_exec(ST_USUARIO_SET_APROBACION_INICIAL, "i", uid) < 0 ||
	    (url = cuentas_enlace_issue(r, uid, "activar")) == NULL)
		return ALTA_ERROR;
	if (outbox_add_secreto(vals[O_CORREO], "Registro en el Portal de Interoperabilidad: "
	    "asigne su contraseña", arena_printf(r->a, "Recibimos su registro en el Portal de "
	    "Interoperabilidad del Ministerio de Salud y Protección Social.\n\nUsuario: %s\n\n"
	    "Para asignar su contraseña abra este enlace (sirve una sola vez y durante 24 "
	    "horas):\n%s\n\nSu cuenta podrá usarse cuando un administrador del Ministerio le "
	    "asigne el rol; le avisaremos por este medio.\n", login, url), r->now,
	    r->now + ENLACE_VIDA) < 0 ||
	    outbox_rol(r->a, "Administrador_MSPS", 0, "Cuenta pendiente de aprobación en el "
	    "Portal de Interoperabilidad", arena_printf(r->a, "Una persona se registró como "
	    "funcionario del Ministerio con el usuario %s. Revise la opción «Cuentas pendientes» "
	    "de la administración del portal para asignarle el rol o rechazar la cuenta.",
	    login), r->now) < 0)
		return ALTA_ERROR;
	return audit_as(r, uid, login, "registro_otro", "pendiente de aprobación") < 0 ?
	    ALTA_ERROR : ALTA_OK;
}

/* A registration with the document of an existing account: the account's own address (not
 * the one typed) is told, with the way back in, and the attempt audited, in the caller's
 * transaction. */
static enum alta
notify_existente(struct req *r, const char *login)
{
	struct db_stmt *st = db_stmt(ST_USUARIO_BY_LOGIN, "t", login);
	struct usuario_fila u;
	long long uid = 0;

	if (st != NULL && db_step(st) == DB_ROW)
		uid = db_col_int64(st, USUARIO_BY_LOGIN_ID);
	if (st != NULL)
		db_reset(st);
	if (uid == 0 || cuentas_usuario_get(r->a, uid, &u) <= 0)
		return ALTA_ERROR;
	if (u.correo == NULL || outbox_add(u.correo, "Portal de Interoperabilidad: intento de "
	    "registro con su documento", arena_printf(r->a, "Alguien intentó registrar una "
	    "cuenta nueva en el Portal de Interoperabilidad con su tipo y número de "
	    "identificación, que ya tienen una cuenta (usuario %s). No se creó ninguna "
	    "cuenta.\n\nSi fue usted y no recuerda su contraseña, use «¿Olvidó su "
	    "contraseña?» en la página de inicio de sesión. Si no fue usted, no tiene que "
	    "hacer nada.\n", login), r->now) < 0)
		return ALTA_ERROR;
	return audit_as(r, uid, login, "registro_otro_repetido", "intento de registro con el "
	    "documento de una cuenta existente; se avisó a su correo") < 0 ? ALTA_ERROR : ALTA_OK;
}

/* POST /registro/otro: 200 with the success page; 400 with the form when a field is
 * invalid; 429 over the hourly caps. The document of an existing account gets the same
 * page (the form must not tell who has an account): the account's own address is told
 * instead. */
enum http_status
page_registro_otro_post(struct req *r, struct resp *rs)
{
	struct form *m = read_registro(r, &otro, O_NUM_DOC, -1);
	const char **vals = m->val, *login;
	enum alta rc;

	if (m->bad > 0)
		return registro_form(r, rs, &otro, HTTP_BAD_REQUEST, vals, m->err, NULL);
	login = arena_printf(r->a, "%s%s", vals[O_TIPO_DOC], vals[O_NUM_DOC]);
	if (db_begin() < 0)
		return HTTP_ERROR;
	if ((rc = cupo_take(r)) == ALTA_OK && (rc = create_otro(r, vals, login)) == ALTA_EXISTE) {
		db_rollback();
		if (db_begin() < 0)
			return HTTP_ERROR;
		if ((rc = cupo_take(r)) == ALTA_OK)
			rc = notify_existente(r, login);
	}
	if (rc != ALTA_OK)
		return no_registrado(r, rs, &otro, vals, rc);
	if (db_commit() != 0) {
		db_rollback();
		return HTTP_ERROR;
	}
	return satisfactorio(rs, login, vals[O_TIPO_DOC], vals[O_NUM_DOC], vals[O_CORREO], NULL,
	    "Su cuenta quedará habilitada cuando un administrador del Ministerio le asigne el "
	    "rol de funcionario; le avisaremos por correo.");
}
