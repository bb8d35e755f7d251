/*
 * Self-registration (public pages): the Delegado administrativo of an entity, who gets a
 * login made of the entity type's prefix and the NIT, and "Otro usuario" (ministry staff),
 * whose account works only after a ministry administrator grants it. Both receive by mail a
 * one-time link to set their password.
 */
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "db.h"
#include "enlace.h"
#include "entidad.h"
#include "form.h"
#include "pages.h"
#include "registro.h"
#include "reto.h"
#include "session.h"
#include "valid.h"

const struct tipo_entidad tipos_entidad[] = {
	{ "IPS", "Institución Prestadora de Servicios de Salud", "ADMINHCEIPS",
	    "securityAdmin_IHCE_IPS", "Administración de llaves IHCE" },
	{ "EPSC", "EPS contributivo", "ADMINMIPRESEPSC", "securityAdmin_MIPRES_EPSC", "MIPRES" },
	{ "EPSS", "EPS subsidiado", "ADMINMIPRESEPSS", "securityAdmin_MIPRES_EPSS", "MIPRES" },
	{ "ET", "Entidad territorial", "ADMINMIPRESET", "securityAdmin_MIPRES_ET", "MIPRES" },
	{ "PROV", "Proveedor", "ADMINMIPRESPROV", "securityAdmin_MIPRES_PROV", "MIPRES" },
	{ "CCF", "Caja de Compensación Familiar", "ADMINSATCCF", "securityAdmin_SAT_CCF",
	    "Administración de servicios web (SAT)" },
	{ "AP", "Administradora de Pensiones", "ADMINWSAP", "securityAdmin_WS_AP",
	    "Servicios web para Administradoras de Pensiones" },
	{ NULL, NULL, NULL, NULL, NULL },
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
	{ "tipo_entidad", tipo_opts },
	{ "tipo_doc", doc_opts },
};
#define NSELECTS (sizeof(selects) / sizeof(selects[0]))

const struct tipo_entidad *
tipo_entidad_find(const char *tipo)
{
	const struct tipo_entidad *t;

	for (t = tipos_entidad; tipo != NULL && t->tipo != NULL; t++)
		if (strcmp(t->tipo, tipo) == 0)
			return t;
	return NULL;
}

static int
v_tipo_entidad(const char *s)
{
	return tipo_entidad_find(s) != NULL;
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

#define PERSONA_FIELDS \
	{ "tipo_doc", "Tipo de identificación", "select", v_tipo_doc, \
	    "Seleccione el tipo de identificación.", NULL }, \
	{ "num_doc", "Número de identificación", "text", v_documento, MSG_DOC, \
	    "Solo dígitos, sin puntos ni espacios." }, \
	{ "nombres", "Nombres", "text", v_text, "Escriba sus nombres.", NULL }, \
	{ "apellidos", "Apellidos", "text", v_text, "Escriba sus apellidos.", NULL }, \
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
	{ "tipo_entidad", "Tipo de entidad", "select", v_tipo_entidad,
	    "Seleccione el tipo de entidad.", NULL },
	{ "nit", "NIT de la entidad", "text", v_nit, MSG_NIT,
	    "9 dígitos, sin dígito de verificación, sin puntos ni guiones." },
	{ "razon_social", "Razón social de la entidad", "text", v_text_opcional,
	    "La razón social puede tener hasta 200 caracteres.",
	    "Obligatoria si su entidad aún no está registrada en el portal." },
	PERSONA_FIELDS,
	CIERRE_FIELDS,
};
#define NDEL (sizeof(delegado_fields) / sizeof(delegado_fields[0]))
enum { D_TIPO, D_NIT, D_RAZON, D_TIPO_DOC, D_NUM_DOC, D_NOMBRES, D_APELLIDOS, D_CORREO,
	D_RETO, D_ACEPTA };

static const struct field otro_fields[] = {
	PERSONA_FIELDS,
	CIERRE_FIELDS,
};
#define NOTRO (sizeof(otro_fields) / sizeof(otro_fields[0]))
enum { O_TIPO_DOC, O_NUM_DOC, O_NOMBRES, O_APELLIDOS, O_CORREO, O_RETO, O_ACEPTA };

/* Which of the two forms a page shows. */
struct forma {
	const struct field	*fields;
	size_t			 n;
	const char		*section, *action, *title;
};

static const struct forma delegado = { delegado_fields, NDEL, "DELEGADO", "/registro",
	"Registrar usuario: delegado administrativo" };
static const struct forma otro = { otro_fields, NOTRO, "OTRO", "/registro/otro",
	"Registrar usuario: otro usuario (Ministerio)" };

/* Whether s has a separator people type inside numbers. */
static int
con_separadores(const char *s)
{
	return s[strcspn(s, ".,- ")] != '\0';
}

/* Renders form f with values, errors and an optional alert; a fresh challenge each time. */
static enum http_status
registro_form(struct req *r, struct resp *rs, const struct forma *f, enum http_status st,
    const char **vals, const char **errs, const char *fail)
{
	struct view *v = resp_page(rs, "registro.tpl", f->title);

	resp_crumb(rs, "Iniciar sesión", "/login");
	resp_crumb(rs, "Registrar usuario", NULL);
	view_show(v, f->section);
	view_set(v, "ACTION", f->action);
	view_set(v, "CSRF", csrf_pre(r, rs));
	if (vals != NULL)
		vals[f->n - 2] = "";	/* a new challenge: the old answer means nothing */
	form_show_opts(v, f->fields, f->n, vals, errs, selects, NSELECTS);
	if (fail != NULL)
		view_set(view_section(v, "FAIL"), "TEXT", fail);
	if (reto_mostrar(r, v) < 0)
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

/* Reads and checks form f: field validators, the digits-only messages and the challenge
 * (used up whatever the rest says). Returns the number of invalid fields. */
static size_t
leer(struct req *r, const struct forma *f, const char **vals, const char **errs, int doc,
    int nit)
{
	size_t bad = form_read(r, f->fields, f->n, vals, errs), reto = f->n - 2;

	if (errs[doc] != NULL && con_separadores(vals[doc]))
		errs[doc] = MSG_SOLO_DIGITOS;
	if (nit >= 0 && errs[nit] != NULL && con_separadores(vals[nit]))
		errs[nit] = "Escriba solo los dígitos del NIT: sin puntos, comas, guiones ni "
		    "espacios, y sin dígito de verificación.";
	if (!reto_resuelto(r, req_form(r, "reto_id"), vals[reto]) && errs[reto] == NULL) {
		errs[reto] = MSG_RETO_MAL;
		bad++;
	}
	return bad;
}

/* The full name from the form. */
static const char *
nombre_de(struct req *r, const char *nombres, const char *apellidos)
{
	return arena_printf(r->a, "%s %s", nombres, apellidos);
}

/* Commits, or rolls back and answers 500. */
static enum http_status
terminar(int ok)
{
	if (ok && db_commit() == 0)
		return HTTP_OK;
	db_rollback();
	return HTTP_ERROR;
}

/* Renders the "REGISTRO SATISFACTORIO" page. It is the POST's own answer, not a page a GET
 * could fetch again, because it shows the person's document number. */
static enum http_status
satisfactorio(struct resp *rs, const char *login, const char *tipo_doc,
    const char *num_doc, const char *correo, const char *entidad, const char *nota)
{
	struct view *v = resp_page(rs, "registro_ok.tpl", "Registro satisfactorio");

	resp_crumb(rs, "Registrar usuario", "/registro");
	resp_crumb(rs, "Registro satisfactorio", NULL);
	view_set(v, "LOGIN", login);
	view_setf(v, "DOCUMENTO", "%s %s", tipo_doc, num_doc);
	view_set(v, "CORREO", correo);
	if (entidad != NULL)
		view_set(view_section(v, "ENTIDAD"), "TEXT", entidad);
	if (nota != NULL)
		view_set(view_section(v, "NOTA"), "TEXT", nota);
	return HTTP_OK;
}

/* Registers the delegate in one transaction (entity when new, user, role, link, mail,
 * audit). Returns 0, 1 when the entity already has its delegate, or -1. */
static int
crear_delegado(struct req *r, const char **vals, const struct tipo_entidad *t,
    const char *login)
{
	long long ent, uid;
	const char *nombre = nombre_de(r, vals[D_NOMBRES], vals[D_APELLIDOS]), *url, *cuerpo;

	if ((ent = db_entidad_id_by_nit(vals[D_NIT])) == 0 &&
	    (ent = db_entidad_insert(r->a, vals[D_NIT], vals[D_RAZON], t->tipo, NULL, r->now)) <= 0)
		return -1;
	if (db_int(ST_DELEGADO_EXISTE, 1, "it", ent, t->rol) != 0)
		return 1;
	uid = db_usuario_insert(login, nombre, vals[D_CORREO], vals[D_TIPO_DOC], vals[D_NUM_DOC],
	    NULL, r->now);
	if (uid == 0)
		return 1;
	if (uid < 0 || db_rol_insert(uid, ent, t->rol) <= 0 ||
	    (url = enlace_emitir(r, uid, "activar")) == NULL)
		return -1;
	cuerpo = arena_printf(r->a, "Señor(a) %s:\n\nSu registro como delegado administrativo "
	    "de la entidad con NIT %s-%d en el Portal de Interoperabilidad del Ministerio de "
	    "Salud y Protección Social fue satisfactorio.\n\nUsuario: %s\nMódulo: %s\n\n"
	    "Para asignar su contraseña abra este enlace (sirve una sola vez y durante 24 "
	    "horas):\n%s\n\nSi usted no hizo este registro, ignore este mensaje.\n", nombre,
	    vals[D_NIT], nit_dv(vals[D_NIT]), login, t->modulo, url);
	if (outbox_add_secreto(vals[D_CORREO], "Registro en el Portal de Interoperabilidad: "
	    "asigne su contraseña", cuerpo, r->now, r->now + ENLACE_VIDA) < 0)
		return -1;
	return audit_as(r, uid, login, "registro_delegado", arena_printf(r->a,
	    "entidad %s tipo %s rol %s", vals[D_NIT], t->tipo, t->rol)) < 0 ? -1 : 0;
}

#define MSG_DUPLICADO	"La entidad ya tiene un delegado administrativo registrado para este " \
			"módulo. Si necesita cambiarlo, comuníquese con el Ministerio de Salud y " \
			"Protección Social; si usted es el delegado y olvidó su contraseña, use " \
			"«¿Olvidó su contraseña?» en la página de inicio de sesión."

/* POST /registro: 200 with the success page; 400 with the form when a field is invalid or
 * the challenge is not solved; 409 when the entity already has its delegate. */
enum http_status
page_registro_post(struct req *r, struct resp *rs)
{
	const char *vals[NDEL], *errs[NDEL], *login, *tipo_reg = NULL;
	const struct tipo_entidad *t;
	sqlite3_stmt *st;
	int rc;

	if (leer(r, &delegado, vals, errs, D_NUM_DOC, D_NIT) > 0)
		return registro_form(r, rs, &delegado, HTTP_BAD_REQUEST, vals, errs, NULL);
	t = tipo_entidad_find(vals[D_TIPO]);
	/* A registered entity keeps its type; a new one needs its razón social. */
	if ((st = db_stmt(ST_ENTIDAD_BY_NIT, "t", vals[D_NIT])) != NULL &&
	    sqlite3_step(st) == SQLITE_ROW)
		tipo_reg = db_text(r->a, st, 2);
	if (st != NULL)
		sqlite3_reset(st);
	if (tipo_reg != NULL && strcmp(tipo_reg, t->tipo) != 0) {
		errs[D_TIPO] = "El NIT ya está registrado con otro tipo de entidad: seleccione el "
		    "tipo con el que la entidad está registrada.";
		return registro_form(r, rs, &delegado, HTTP_BAD_REQUEST, vals, errs, NULL);
	}
	if (tipo_reg == NULL && vals[D_RAZON][0] == '\0') {
		errs[D_RAZON] = "Escriba la razón social: la entidad aún no está registrada.";
		return registro_form(r, rs, &delegado, HTTP_BAD_REQUEST, vals, errs, NULL);
	}
	login = arena_printf(r->a, "%s%s", t->prefijo, vals[D_NIT]);
	if (db_begin() < 0)
		return HTTP_ERROR;
	if ((rc = crear_delegado(r, vals, t, login)) == 1) {
		db_rollback();
		return registro_form(r, rs, &delegado, HTTP_CONFLICT, vals, NULL, MSG_DUPLICADO);
	}
	if (terminar(rc == 0) != HTTP_OK)
		return HTTP_ERROR;
	return satisfactorio(rs, login, vals[D_TIPO_DOC], vals[D_NUM_DOC], vals[D_CORREO],
	    arena_printf(r->a, "NIT %s-%d · %s", vals[D_NIT], nit_dv(vals[D_NIT]), t->nombre), NULL);
}

/* Registers ministry staff in one transaction: the user waiting for approval, the link,
 * the mails (to the person and the administrators) and the audit. Returns 0, 1 when the
 * login exists, or -1. */
static int
crear_otro(struct req *r, const char **vals, const char *login)
{
	const char *nombre = nombre_de(r, vals[O_NOMBRES], vals[O_APELLIDOS]), *url, *cuerpo;
	long long uid;

	uid = db_usuario_insert(login, nombre, vals[O_CORREO], vals[O_TIPO_DOC], vals[O_NUM_DOC],
	    NULL, r->now);
	if (uid <= 0)
		return uid == 0 ? 1 : -1;
	if (db_exec(ST_USUARIO_SET_APROBACION_INICIAL, "i", uid) < 0 ||
	    (url = enlace_emitir(r, uid, "activar")) == NULL)
		return -1;
	cuerpo = arena_printf(r->a, "Señor(a) %s:\n\nRecibimos su registro en el Portal de "
	    "Interoperabilidad del Ministerio de Salud y Protección Social.\n\nUsuario: %s\n\n"
	    "Para asignar su contraseña abra este enlace (sirve una sola vez y durante 24 "
	    "horas):\n%s\n\nSu cuenta podrá usarse cuando un administrador del Ministerio le "
	    "asigne el rol; le avisaremos por este medio.\n", nombre, login, url);
	if (outbox_add_secreto(vals[O_CORREO], "Registro en el Portal de Interoperabilidad: "
	    "asigne su contraseña", cuerpo, r->now, r->now + ENLACE_VIDA) < 0 ||
	    outbox_rol(r->a, "Administrador_MSPS", 0, "Cuenta pendiente de aprobación en el "
	    "Portal de Interoperabilidad", arena_printf(r->a, "%s (usuario %s) se registró como "
	    "funcionario del Ministerio. Revise la opción «Cuentas pendientes» de la "
	    "administración del portal para asignarle el rol o rechazar la cuenta.", nombre,
	    login), r->now) < 0)
		return -1;
	return audit_as(r, uid, login, "registro_otro", "pendiente de aprobación") < 0 ? -1 : 0;
}

/* A registration with the document of an existing account: the account's own address (not
 * the one typed) is told, with the way back in, and the attempt audited, in the caller's
 * transaction. Returns 0 or -1. */
static int
avisar_existente(struct req *r, const char *login)
{
	sqlite3_stmt *st = db_stmt(ST_USUARIO_BY_LOGIN, "t", login);
	long long uid = 0;
	const char *correo = NULL, *nombre = NULL;

	if (st != NULL && sqlite3_step(st) == SQLITE_ROW)
		uid = sqlite3_column_int64(st, 0);
	if (st != NULL)
		sqlite3_reset(st);
	if (uid == 0 || (st = db_stmt(ST_USUARIO_BY_ID, "i", uid)) == NULL)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		nombre = db_text(r->a, st, 3);
		correo = db_text(r->a, st, 4);
	}
	sqlite3_reset(st);
	if (correo == NULL || outbox_add(correo, "Portal de Interoperabilidad: intento de "
	    "registro con su documento", arena_printf(r->a, "Señor(a) %s:\n\nAlguien intentó "
	    "registrar una cuenta nueva en el Portal de Interoperabilidad con su tipo y número "
	    "de identificación, que ya tienen una cuenta (usuario %s). No se creó ninguna "
	    "cuenta.\n\nSi fue usted y no recuerda su contraseña, use «¿Olvidó su "
	    "contraseña?» en la página de inicio de sesión. Si no fue usted, no tiene que "
	    "hacer nada.\n", nombre ? nombre : "", login), r->now) < 0)
		return -1;
	return audit_as(r, uid, login, "registro_otro_repetido", "intento de registro con el "
	    "documento de una cuenta existente; se avisó a su correo") < 0 ? -1 : 0;
}

/* POST /registro/otro: 200 with the success page; 400 with the form when a field is
 * invalid. The document of an existing account gets the same page (the form must not
 * tell who has an account): the account's own address is told instead. */
enum http_status
page_registro_otro_post(struct req *r, struct resp *rs)
{
	const char *vals[NOTRO], *errs[NOTRO], *login;
	int rc;

	if (leer(r, &otro, vals, errs, O_NUM_DOC, -1) > 0)
		return registro_form(r, rs, &otro, HTTP_BAD_REQUEST, vals, errs, NULL);
	login = arena_printf(r->a, "%s%s", vals[O_TIPO_DOC], vals[O_NUM_DOC]);
	if (db_begin() < 0)
		return HTTP_ERROR;
	if ((rc = crear_otro(r, vals, login)) == 1) {
		db_rollback();
		if (db_begin() < 0)
			return HTTP_ERROR;
		rc = avisar_existente(r, login);
	}
	if (terminar(rc == 0) != HTTP_OK)
		return HTTP_ERROR;
	return satisfactorio(rs, login, vals[O_TIPO_DOC], vals[O_NUM_DOC], vals[O_CORREO], NULL,
	    "Su cuenta quedará habilitada cuando un administrador del Ministerio le asigne el "
	    "rol de funcionario; le avisaremos por correo.");
}
