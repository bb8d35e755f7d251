/*
 * "Administrar autorizados": an entity's delegate lists, invites, edits and inactivates the
 * people authorized with a role of the entity. Every query is bound to the session's
 * entity: ids from the URL or form only select within it, roles and perfiles come from
 * what the entity's type may authorize, sedes from the entity's own.
 *
 * "Nuevo" never binds a person: it writes the authorization inactive and invites them
 * (cgi/cuentas/invitaciones.h). Whether the document already had an account changes nothing the
 * delegate sees — the same answer, the list showing "Invitación pendiente" with what the
 * delegate typed — and nothing of an existing account (its name, its e-mail) shows before
 * the person accepts; what the delegate typed is never written to an existing account.
 */
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/db.h"
#include "cuentas/enlace.h"
#include "core/form.h"
#include "cuentas/invitaciones.h"
#include "cuentas/cuentas.h"
#include "core/persona.h"
#include "core/roles.h"
#include "core/session.h"
#include "core/text.h"
#include "core/valid.h"
#include "cuentas/sql.h"

struct opcion {
	const char	*code, *label;
};

static const struct opcion tipos_doc[] = {
	{ "CC", "Cédula de ciudadanía" },
	{ "CE", "Cédula de extranjería" },
	{ "PA", "Pasaporte" },
	{ "PE", "Permiso especial de permanencia" },
	{ "PT", "Permiso por protección temporal" },
};
static const struct opcion sexos[] = {
	{ "F", "Femenino" },
	{ "M", "Masculino" },
	{ "I", "Indeterminado" },
};
#define NOPC(t) (sizeof(t) / sizeof(t[0]))

/* The label of code in t, or NULL when it is not one of t's codes. */
static const char *
opcion_label(const struct opcion *t, size_t n, const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < n; i++)
		if (strcmp(t[i].code, code) == 0)
			return t[i].label;
	return NULL;
}

static int
v_tipo_doc(const char *s)
{
	return opcion_label(tipos_doc, NOPC(tipos_doc), s) != NULL;
}

static int
v_sexo(const char *s)
{
	return opcion_label(sexos, NOPC(sexos), s) != NULL;
}

/* A role's database name: 1-40 of [A-Za-z_]. Whether the entity may assign it is checked
 * against the database. */
static int
v_rol(const char *s)
{
	size_t n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_");

	return n >= 1 && n <= 40 && s[n] == '\0';
}

static int
v_opcion_id(const char *s)
{
	return parse_id(s) > 0;
}

#define MSG_PERFIL	"Seleccione un perfil del rol elegido."
#define MSG_SEDE	"Seleccione una sede de su entidad."
#define MSG_ROL		"Seleccione uno de los roles que su entidad puede autorizar."

/* The person's fields, in the order both forms share. */
#define PERSONA_FIELDS \
	{ "sexo", "Sexo", "select", v_sexo, "Seleccione el sexo.", NULL }, \
	{ "correo", "Correo electrónico", "email", v_email, \
	    "Escriba un correo válido, por ejemplo nombre@entidad.gov.co.", \
	    "Si la persona aún no tiene cuenta en el portal, a este correo le llegará la " \
	    "invitación; si ya la tiene, le llega al correo que registró en su cuenta." }, \
	NOMBRES_FIELDS

#define ASIGNACION_FIELDS \
	{ "perfil", "Perfil autorizado", "select", v_opcion_id, MSG_PERFIL, NULL }, \
	{ "sede", "Sede", "select", v_opcion_id, MSG_SEDE, NULL }

/* Nuevo: document, person, role, perfil, sede. */
enum { N_TIPO, N_NUM, N_SEXO, N_CORREO, N_PN, N_SN, N_PA, N_SA, N_ROL, N_PERFIL, N_SEDE, NNUEVO };
static const struct field nuevo_fields[] = {
	{ "tipo_doc", "Tipo de documento", "select", v_tipo_doc,
	    "Seleccione el tipo de documento.", NULL },
	{ "num_doc", "Número de identificación", "text", v_documento,
	    "Escriba el número de documento: de 3 a 15 dígitos, sin puntos, comas ni espacios.",
	    NULL },
	PERSONA_FIELDS,
	{ "rol", "Rol autorizado", "select", v_rol, MSG_ROL, NULL },
	ASIGNACION_FIELDS,
};

/* Editar: perfil and sede, then the person (only while the entity may change it). */
enum { E_PERFIL, E_SEDE, E_SEXO, E_CORREO, E_PN, E_SN, E_PA, E_SA, NEDITAR };
#define NEDITAR_ASIG 2
static const struct field editar_fields[] = {
	ASIGNACION_FIELDS,
	PERSONA_FIELDS,
};

/* The person's data in form order: sexo, correo, primer/segundo nombre, apellidos. */
struct persona {
	const char	*sexo, *correo, *pn, *sn, *pa, *sa;
};

/* An authorization of the entity, as ST_AUTORIZADO_BY_ID reads it, with its latest
 * invitation (ST_INVITACION_ULTIMA). */
struct autorizado {
	long long	 id, usuario_id, perfil_id, sede_id, inv_id;
	int		 activo;
	int		 editable;	/* the entity may change the account's data */
	int		 invitada;	/* invited, never accepted: the person's data shown and
					 * edited are what the delegate typed */
	int		 espera;	/* its invitation waits for an answer (maybe expired) */
	int		 cuenta_nueva;	/* that invitation's account is the entity's own */
	const char	*rol, *rol_nombre, *tipo_doc, *num_doc, *nombre, *estado;
	const char	*cuenta_correo;	/* the account's e-mail (never shown while invitada) */
	struct persona	 p;
};

/* The full name from the parts, blanks between the present ones. */
static const char *
nombre_completo(struct arena *a, const struct persona *p)
{
	const struct nombres n = { p->pn, p->sn, p->pa, p->sa };

	return nombres_junto(a, &n);
}

/* The state an authorization without an active role shows for its latest invitation. */
static const char *
estado_invitacion(const struct req *r, const char *estado, long long expira)
{
	if (strcmp(estado, "pendiente") == 0)
		return expira > r->now ? "Invitación pendiente" : "Invitación vencida";
	return strcmp(estado, "rechazada") == 0 ? "Invitación rechazada" : "Inactivo";
}

/* Completes a with its latest invitation: while the person has not accepted, what the
 * delegate typed replaces the account's data, whose own may change only when the
 * entity created the account. Returns 0, or -1 on a database error. */
static int
invitacion_read(struct req *r, struct autorizado *a)
{
	struct db_stmt *st = db_stmt(ST_INVITACION_ULTIMA, "i", a->id);

	if (st == NULL)
		return -1;
	if (db_step(st) == DB_ROW &&
	    strcmp(db_col_text(st, 1), "aceptada") != 0) {
		a->invitada = 1;
		a->inv_id = db_col_int64(st, 0);
		a->espera = strcmp(db_col_text(st, 1), "pendiente") == 0;
		a->cuenta_nueva = db_col_int(st, 3);
		if (!a->activo)
			a->estado = estado_invitacion(r, db_col_text(st, 1),
			    db_col_int64(st, 2));
		a->tipo_doc = db_text(r->a, st, 4);
		a->num_doc = db_text(r->a, st, 5);
		a->p = (struct persona){ db_text(r->a, st, 6), db_text(r->a, st, 7),
			db_text(r->a, st, 8), db_text(r->a, st, 9), db_text(r->a, st, 10),
			db_text(r->a, st, 11) };
		a->nombre = nombre_completo(r->a, &a->p);
		a->editable = a->editable && a->cuenta_nueva;
	}
	db_reset(st);
	return 0;
}

/* Reads assignment id of the session's entity into a: 1 found, 0 not the entity's (or a
 * database error). */
static int
autorizado_get(struct req *r, long long id, struct autorizado *a)
{
	struct db_stmt *st = db_stmt(ST_AUTORIZADO_BY_ID, "ii", id, r->sess->entidad_id);
	int found = 0;

	memset(a, 0, sizeof(*a));
	if (st != NULL && db_step(st) == DB_ROW) {
		a->id = id;
		a->usuario_id = db_col_int64(st, 0);
		a->rol = db_text(r->a, st, 1);
		a->perfil_id = db_col_int64(st, 2);
		a->sede_id = db_col_int64(st, 3);
		a->activo = db_col_int(st, 4);
		a->tipo_doc = db_text(r->a, st, 5);
		a->num_doc = db_text(r->a, st, 6);
		a->p.sexo = db_text(r->a, st, 7);
		a->p.correo = db_text(r->a, st, 8);
		a->p.pn = db_text(r->a, st, 9);
		a->p.sn = db_text(r->a, st, 10);
		a->p.pa = db_text(r->a, st, 11);
		a->p.sa = db_text(r->a, st, 12);
		a->nombre = db_text(r->a, st, 13);
		a->rol_nombre = rol_etiqueta(a->rol);
		a->editable = db_col_int(st, 14);
		found = 1;
	}
	if (st != NULL)
		db_reset(st);
	a->cuenta_correo = a->p.correo;
	a->estado = a->activo ? "Activo" : "Inactivo";
	return found && invitacion_read(r, a) == 0;
}

/* Checks what the database decides about an assignment of form f: the role (field krol,
 * or rol when it is fixed: krol -1), its perfil and the entity's sede (fields kperfil and
 * ksede), marking the fields it refuses. */
static void
check_asignacion(struct req *r, struct form *f, const char *rol, int krol, int kperfil,
    int ksede)
{
	long long ent = r->sess->entidad_id;

	if (krol >= 0 && f->err[krol] == NULL &&
	    db_int(ST_ROL_AUTORIZABLE, 0, "ti", rol, ent) != 1)
		form_error(f, krol, MSG_ROL);
	if ((krol < 0 || f->err[krol] == NULL) && f->err[kperfil] == NULL &&
	    db_int(ST_PERFIL_DE_ROL, 0, "it", f->num[kperfil], rol) != 1)
		form_error(f, kperfil, MSG_PERFIL);
	if (f->err[ksede] == NULL &&
	    db_int(ST_SEDE_DE_ENTIDAD, 0, "ii", f->num[ksede], ent) != 1)
		form_error(f, ksede, MSG_SEDE);
}

/* Adds the options of the selects the forms share; NULL lists are not shown. perfil_rol
 * limits the perfiles to one role ("" for every role the entity may assign). */
static int
opciones(struct req *r, struct view **sel, const char **cur, int tipo, int sexo, int rol_i,
    int perfil, int sede, const char *perfil_rol)
{
	long long ent = r->sess->entidad_id;
	const char *rol;
	struct db_stmt *st;
	size_t i;

	for (i = 0; tipo >= 0 && i < NOPC(tipos_doc); i++)
		form_option(sel[tipo], tipos_doc[i].code, tipos_doc[i].label, cur[tipo]);
	for (i = 0; sexo >= 0 && i < NOPC(sexos); i++)
		form_option(sel[sexo], sexos[i].code, sexos[i].label, cur[sexo]);
	if (rol_i >= 0) {
		if ((st = db_stmt(ST_ROLES_AUTORIZABLES, "i", ent)) == NULL)
			return -1;
		while (db_step(st) == DB_ROW) {
			rol = db_text(r->a, st, 0);
			form_option(sel[rol_i], rol, rol_etiqueta(rol), cur[rol_i]);
		}
		db_reset(st);
	}
	if ((st = db_stmt(ST_PERFILES, "it", ent, perfil_rol)) == NULL)
		return -1;
	while (db_step(st) == DB_ROW)
		form_option(sel[perfil], db_text(r->a, st, 0), *perfil_rol ? db_text(r->a, st, 1) :
		    arena_printf(r->a, "%s: %s", rol_etiqueta(db_col_text(st,
		    2)), db_text(r->a, st, 1)), cur[perfil]);
	db_reset(st);
	if ((st = db_stmt(ST_SEDES_BY_ENTIDAD, "i", ent)) == NULL)
		return -1;
	while (db_step(st) == DB_ROW)
		form_option(sel[sede], db_text(r->a, st, 0), arena_printf(r->a, "%s (%s)",
		    db_text(r->a, st, 1), db_text(r->a, st, 2)), cur[sede]);
	db_reset(st);
	return 0;
}

/* Fills a list row's person from st (ST_AUTORIZADOS_BY_ENTIDAD): the document and the
 * name's four parts. */
static void
fila_persona(struct req *r, struct view *row, struct db_stmt *st)
{
	const char *tipo = opcion_label(tipos_doc, NOPC(tipos_doc),
	    db_col_text(st, 1));

	view_set(row, "TIPO", tipo ? tipo : db_col_bytes(st, 1) > 0 ?
	    db_text(r->a, st, 1) : "—");
	view_set(row, "NUM", db_col_bytes(st, 2) > 0 ? db_text(r->a, st, 2) :
	    "Sin documento registrado");
	view_set(row, "PN", db_text(r->a, st, 3));
	view_set(row, "SN", db_text(r->a, st, 4));
	view_set(row, "PA", db_text(r->a, st, 5));
	view_set(row, "SA", db_text(r->a, st, 6));
}

/* The list page with status and an optional alert. */
static enum http_status
lista(struct req *r, struct resp *rs, enum http_status status, const char *alert)
{
	static const struct opcion ok[] = {
		{ "invitado", "Enviamos la invitación a la persona. La autorización quedará "
		    "activa cuando ella la acepte (tiene 7 días); mientras tanto aparece en la "
		    "lista como «Invitación pendiente», con los datos que usted escribió." },
		{ "editado", "Los cambios quedaron guardados." },
		{ "inactivado", "La autorización quedó inactiva: la persona ya no puede ingresar "
		    "con ese rol." },
		{ "anulada", "La invitación quedó anulada: ya no se puede aceptar." },
		{ "reactivado", "La autorización quedó activa de nuevo: la persona ya puede "
		    "ingresar con ese rol, y le avisamos por correo." },
	};
	static const struct opcion estados[] = {
		{ "activo", "Activo" },
		{ "pendiente", "Invitación pendiente" },
		{ "vencida", "Invitación vencida" },
		{ "rechazada", "Invitación rechazada" },
		{ "inactivo", "Inactivo" },
	};
	struct view *v = resp_page(rs, "cuentas/autorizados.tpl", "Administrar autorizados");
	struct view *row;
	struct db_stmt *st;
	const char *msg = opcion_label(ok, NOPC(ok), req_query(r, "ok")), *estado;
	long long id;
	int activo;

	resp_crumb(rs, "Administrar autorizados", NULL);
	if (msg != NULL)
		view_set(view_section(v, "OK"), "TEXT", msg);
	if (alert != NULL)
		view_set(view_section(v, "ALERT"), "TEXT", alert);
	if ((st = db_stmt(ST_AUTORIZADOS_BY_ENTIDAD, "ii", r->sess->entidad_id, r->now)) == NULL)
		return HTTP_ERROR;
	while (db_step(st) == DB_ROW) {
		row = view_section(v, "FILA");
		view_setint(row, "ID", id = db_col_int64(st, 0));
		fila_persona(r, row, st);
		view_set(row, "ROL", rol_etiqueta(db_col_text(st, 7)));
		/* Only a principal delegate (or an operator's account) holds a role without a
		 * perfil or sede: the role's every function, for the whole entity. */
		view_set(row, "PERFIL", db_col_bytes(st, 8) > 0 ? db_text(r->a, st, 8) :
		    "Todas las funciones del rol");
		view_set(row, "SEDE", db_col_bytes(st, 9) > 0 ? db_text(r->a, st, 9) :
		    "Todas las sedes");
		activo = db_col_int(st, 10);
		estado = db_col_text(st, 11);
		view_set(row, "ESTADO", opcion_label(estados, NOPC(estados), estado));
		/* A delegate does not inactivate the authorization they are using. */
		if (activo && id != r->sess->rol_id)
			view_show(row, "INACTIVAR");
		if (strcmp(estado, "pendiente") == 0)
			view_show(row, "ANULAR");
		/* One the person accepted comes back as it was; one never accepted is invited
		 * again with "Nuevo" instead. */
		if (!activo && db_col_int(st, 12))
			view_show(row, "REACTIVAR");
	}
	db_reset(st);
	return status;
}

/* GET /autorizados: 200 with the entity's authorized people. */
enum http_status
page_autorizados(struct req *r, struct resp *rs)
{
	return lista(r, rs, HTTP_OK, NULL);
}

/* Shows the new-person form with status, values, errors and an optional alert. */
static enum http_status
nuevo_form(struct req *r, struct resp *rs, enum http_status status, const char **vals,
    const char **errs, const char *alert)
{
	static const char *none[NNUEVO];
	struct view *v = resp_page(rs, "cuentas/autorizado.tpl", "Nuevo autorizado");
	struct view *sel[NNUEVO];

	resp_crumb(rs, "Administrar autorizados", "/autorizados");
	resp_crumb(rs, "Nuevo", NULL);
	view_set(v, "ACTION", "/autorizados/nuevo");
	if (alert != NULL)
		view_set(view_section(v, "ALERT"), "TEXT", alert);
	form_show_sel(v, nuevo_fields, NNUEVO, vals, errs, sel);
	if (opciones(r, sel, vals ? vals : none, N_TIPO, N_SEXO, N_ROL, N_PERFIL, N_SEDE, "") < 0)
		return HTTP_ERROR;
	return status;
}

/* GET /autorizados/nuevo: 200 with the empty form. */
enum http_status
page_autorizado_nuevo(struct req *r, struct resp *rs)
{
	return nuevo_form(r, rs, HTTP_OK, NULL, NULL, NULL);
}

/* An account, as ST_USUARIO_BY_DOC reads it. */
struct cuenta {
	long long	 id;
	const char	*correo, *nombre, *login;
	int		 sin_clave;
};

/* Mails the invitation to an account the entity created (still without a password): a
 * one-time link (24 hours) to set the first password, which accepts the authorization;
 * in the caller's transaction. */
static int
invite_cuenta_nueva(struct req *r, const struct cuenta *c, const char *rol_nombre)
{
	const struct session *s = r->sess;
	const char *url = cuentas_enlace_issue(r, c->id, "activar");

	if (url == NULL)
		return -1;
	return outbox_add_secreto(c->correo, "Invitación al Portal de Interoperabilidad del "
	    "Ministerio de Salud", arena_printf(r->a, "Señor(a) %s:\n\n"
	    "La entidad %s (NIT %s) lo invitó a trabajar en el Portal de Interoperabilidad del "
	    "Ministerio de Salud y Protección Social con el rol %s.\n\n"
	    "Su usuario es %s. Para activar su cuenta, cree su contraseña con este enlace "
	    "(sirve una vez, durante 24 horas):\n%s\n\n"
	    "Al crear su contraseña acepta esta autorización (hasta el %s). Si el enlace venció, "
	    "pida uno nuevo en la opción ¿Olvidó su contraseña? del portal.\n"
	    "Si no esperaba este mensaje, ignórelo: sin contraseña no se activa nada.\n",
	    c->nombre, s->razon, s->nit, rol_nombre, c->login, url,
	    fecha_local(r->a, r->now + INVITACION_VIDA)), r->now, r->now + ENLACE_VIDA) < 0 ?
	    -1 : 0;
}

/* Mails the invitation to an account that is not the entity's, at the address the account
 * itself holds (never the one the delegate typed): the link to accept or decline it,
 * logged in as that account; in the caller's transaction. */
static int
invite_cuenta(struct req *r, const struct cuenta *c, const char *url, const char *rol_nombre)
{
	const struct session *s = r->sess;

	return outbox_add_secreto(c->correo, "Invitación de una entidad en el Portal de "
	    "Interoperabilidad del Ministerio de Salud", arena_printf(r->a, "Señor(a) %s:\n\n"
	    "La entidad %s (NIT %s) lo invita a trabajar en el Portal de Interoperabilidad del "
	    "Ministerio de Salud y Protección Social con el rol %s.\n\n"
	    "Para aceptar o rechazar la invitación, ingrese al portal con su usuario %s y abra "
	    "este enlace (sirve hasta el %s):\n%s\n\n"
	    "%sHasta que usted la acepte, la entidad no tiene ese rol para usted ni ve sus datos. "
	    "Si no conoce a esta entidad, rechace la invitación o ignore este mensaje.\n",
	    c->nombre, s->razon, s->nit, rol_nombre, c->login,
	    fecha_local(r->a, r->now + INVITACION_VIDA), url, c->sin_clave ? "Si aún no tiene "
	    "contraseña, créela primero con la opción ¿Olvidó su contraseña? de la página de "
	    "ingreso.\n" : ""), r->now, r->now + INVITACION_VIDA) < 0 ? -1 : 0;
}

/* Finds the account of the document into c (also by a login "<tipo><número>"): 1, or 0
 * when there is none. */
static int
cuenta_find(struct req *r, const char *tipo, const char *num, struct cuenta *c)
{
	struct db_stmt *st = db_stmt(ST_USUARIO_BY_DOC, "tt", tipo, num);
	int found = 0;

	memset(c, 0, sizeof(*c));
	if (st != NULL && db_step(st) == DB_ROW) {
		c->id = db_col_int64(st, 0);
		c->correo = db_text(r->a, st, 1);
		c->nombre = db_text(r->a, st, 2);
		c->login = db_text(r->a, st, 3);
		c->sin_clave = db_col_int(st, 4);
		found = 1;
	}
	if (st != NULL)
		db_reset(st);
	return found;
}

/* Creates the account of a document nobody holds, without a password, with what the
 * delegate typed. Returns 0 or -1. */
static int
cuenta_create(struct req *r, const struct invitado *p, struct cuenta *c)
{
	const struct persona q = { p->sexo, p->correo, p->pn, p->sn, p->pa, p->sa };

	c->login = arena_printf(r->a, "%s%s", p->tipo_doc, p->num_doc);
	c->nombre = nombre_completo(r->a, &q);
	c->correo = p->correo;
	c->sin_clave = 1;
	if (db_exec(ST_USUARIO_INSERT_PERSONA, "tttttttttti", c->login, c->nombre, c->correo,
	    p->tipo_doc, p->num_doc, p->sexo, p->pn, p->sn, p->pa, p->sa, r->now) != 0 ||
	    db_changes() == 0)
		return -1;
	c->id = db_last_id();
	return 0;
}

/* The outcome of nuevo_save. */
enum guardado { G_INVITADO, G_DUPLICADO, G_ERROR };

/* Whether the person already holds (or is invited to) role rol of the entity: 1, with
 * *asig the assignment to invite again (0: none yet); 0 free; -1 on error. */
static int
ya_tiene(struct req *r, long long uid, const char *rol, long long *asig)
{
	struct db_stmt *st = db_stmt(ST_ROL_ASIGNADO_GET, "iit", uid, r->sess->entidad_id, rol);
	int activo = 0, espera = 0;

	*asig = 0;
	if (st == NULL)
		return -1;
	if (db_step(st) == DB_ROW) {
		*asig = db_col_int64(st, 0);
		activo = db_col_int(st, 1);
	}
	db_reset(st);
	if (*asig == 0 || activo)
		return activo;
	if ((st = db_stmt(ST_INVITACION_ULTIMA, "i", *asig)) == NULL)
		return -1;
	if (db_step(st) == DB_ROW)
		espera = strcmp(db_col_text(st, 1), "pendiente") == 0 &&
		    db_col_int64(st, 2) > r->now;
	db_reset(st);
	return espera;
}

/* Invites the person of vals in one transaction: the account (created, without a
 * password, when the document has none; an existing one is never written), the
 * authorization waiting inactive (new, or an inactive one invited again), the invitation
 * with what the delegate typed, the audit entry and the mail — to the account's own
 * address. */
static enum guardado
nuevo_save(struct req *r, const struct form *f)
{
	const char **vals = f->val;
	const struct invitado p = { vals[N_TIPO], vals[N_NUM], vals[N_SEXO], vals[N_CORREO],
		vals[N_PN], vals[N_SN], vals[N_PA], vals[N_SA] };
	long long ent = r->sess->entidad_id, asig;
	long long perfil = f->num[N_PERFIL], sede = f->num[N_SEDE];
	const char *rn = rol_etiqueta(vals[N_ROL]), *url, *cuenta;
	struct cuenta c;
	int propia, rc;

	if (db_begin() < 0)
		return G_ERROR;
	/* An account the entity created and that has no password yet is its own: its first
	 * password accepts. Anyone else's is invited at its own address. */
	if (cuenta_find(r, p.tipo_doc, p.num_doc, &c)) {
		propia = db_int(ST_USUARIO_EDITABLE, 0, "ii", c.id, ent) == 1;
		cuenta = propia ? "de la entidad, sin contraseña" : "existente";
	} else if (cuenta_create(r, &p, &c) == 0) {
		propia = 1;
		cuenta = "nueva";
	} else
		goto fail;
	/* A person holds a role of the entity once, and is invited to it once at a time. */
	if ((rc = ya_tiene(r, c.id, vals[N_ROL], &asig)) != 0) {
		db_rollback();
		return rc > 0 ? G_DUPLICADO : G_ERROR;
	}
	if (asig != 0)
		rc = db_exec(ST_AUTORIZADO_REINVITAR, "iiiiii", perfil, sede, r->sess->usuario_id,
		    r->now, asig, ent) == 0 && db_changes() == 1 ? 0 : -1;
	else if ((rc = db_exec(ST_AUTORIZADO_INSERT_INVITADO, "iitiiii", c.id, ent, vals[N_ROL],
	    perfil, sede, r->sess->usuario_id, r->now)) == 0)
		asig = db_last_id();
	if (rc == DB_CONSTRAINT) {
		db_rollback();
		return G_DUPLICADO;
	}
	if (rc != 0 || (url = cuentas_invitacion_issue(r, asig, propia, &p)) == NULL ||
	    audit(r, "autorizado_nuevo", "asignación %lld: invitación a %s %s (cuenta %s, usuario "
	    "%lld), rol %s, perfil %lld, sede %lld", asig, p.tipo_doc, p.num_doc, cuenta, c.id,
	    vals[N_ROL], perfil, sede) < 0 ||
	    (propia ? invite_cuenta_nueva(r, &c, rn) : invite_cuenta(r, &c, url, rn)) < 0 ||
	    db_commit() < 0)
		goto fail;
	return G_INVITADO;
fail:
	db_rollback();
	return G_ERROR;
}

/* POST /autorizados/nuevo: 303 to the list with the same answer whether or not the
 * document had an account; 400 with the form when a field is invalid; 409 with the form
 * when the person already holds the role in the entity or waits on an invitation to it
 * (people of the entity's own list only). */
enum http_status
page_autorizado_nuevo_post(struct req *r, struct resp *rs)
{
	struct form *f = form_read(r, nuevo_fields, NNUEVO);

	check_asignacion(r, f, f->val[N_ROL], N_ROL, N_PERFIL, N_SEDE);
	if (f->bad > 0)
		return nuevo_form(r, rs, HTTP_BAD_REQUEST, f->val, f->err, NULL);
	switch (nuevo_save(r, f)) {
	case G_INVITADO:
		return resp_redirect(rs, "/autorizados?ok=invitado");
	case G_DUPLICADO:
		form_error(f, N_ROL, "Esta persona ya tiene este rol en su entidad, o una "
		    "invitación pendiente para él: una persona tiene cada rol una sola vez. Use "
		    "«Editar» en la lista para cambiar su perfil o sede.");
		return nuevo_form(r, rs, HTTP_CONFLICT, f->val, f->err, "La persona ya tiene este "
		    "rol en su entidad: no se creó una segunda autorización.");
	default:
		return HTTP_ERROR;
	}
}

/* Whether the edit form of a has the person's fields: the entity's own account, or what
 * the delegate typed for an invitation not accepted. */
static int
con_persona(const struct autorizado *a)
{
	return a->editable || a->invitada;
}

/* Shows the edit form of a; vals and errs NULL show what is stored. */
static enum http_status
edit_form(struct req *r, struct resp *rs, enum http_status status,
    const struct autorizado *a, const char **vals, const char **errs)
{
	const char *cur[NEDITAR] = { arena_printf(r->a, "%lld", a->perfil_id),
		arena_printf(r->a, "%lld", a->sede_id), a->p.sexo, a->p.correo, a->p.pn, a->p.sn,
		a->p.pa, a->p.sa };
	struct view *v = resp_page(rs, "cuentas/autorizado.tpl", "Editar autorizado");
	struct view *sel[NEDITAR], *f;
	size_t i, n = con_persona(a) ? NEDITAR : NEDITAR_ASIG;
	const char *tipo = opcion_label(tipos_doc, NOPC(tipos_doc), a->tipo_doc);

	for (i = 0; i < NEDITAR; i++)
		if (cur[i] == NULL)
			cur[i] = "";
	resp_crumb(rs, "Administrar autorizados", "/autorizados");
	resp_crumb(rs, "Editar", NULL);
	view_set(v, "ACTION", arena_printf(r->a, "/autorizados/%lld", a->id));
	f = view_section(v, "FIJO");
	view_set(f, "TIPO", tipo ? tipo : a->tipo_doc);
	view_set(f, "NUM", a->num_doc);
	view_set(f, "ROL", a->rol_nombre);
	view_set(f, "ESTADO", a->estado);
	if (!con_persona(a)) {
		f = view_section(v, "PERSONA_FIJA");
		view_set(f, "PN", a->p.pn ? a->p.pn : "");
		view_set(f, "SN", a->p.sn ? a->p.sn : "");
		view_set(f, "PA", a->p.pa ? a->p.pa : "");
		view_set(f, "SA", a->p.sa ? a->p.sa : "");
		view_set(f, "CORREO", a->p.correo);
	}
	form_show_sel(v, editar_fields, n, vals ? vals : cur, errs, sel);
	if (opciones(r, sel, vals ? vals : cur, -1, con_persona(a) ? E_SEXO : -1, -1, E_PERFIL,
	    E_SEDE, a->rol) < 0)
		return HTTP_ERROR;
	return status;
}

/* GET /autorizados/{id}: 200 with the edit form; 404 when the id is not the entity's. */
enum http_status
page_autorizado(struct req *r, struct resp *rs)
{
	struct autorizado a;

	if (!autorizado_get(r, r->pathid[0], &a))
		return HTTP_NOT_FOUND;
	return edit_form(r, rs, HTTP_OK, &a, NULL, NULL);
}

/* The login of user uid, or NULL. */
static const char *
login_de(struct req *r, long long uid)
{
	struct usuario_fila u;

	return cuentas_usuario_get(r->a, uid, &u) > 0 ? u.login : NULL;
}

/* Writes the person's data p of an edit in the open transaction: what the delegate typed
 * for an invitation not accepted; the account only when it is the entity's own, whose
 * links stop working when its e-mail changes — and a waiting invitation goes again, with
 * a new link, to the new address. Returns 0 or -1. */
static int
persona_save(struct req *r, const struct autorizado *a, const struct persona *p)
{
	int otro = a->editable && strcmp(p->correo, a->cuenta_correo) != 0;
	struct cuenta c = { a->usuario_id, p->correo, nombre_completo(r->a, p), NULL, 1 };

	if (a->invitada && db_exec(ST_INVITACION_UPDATE_PERSONA, "tttttti", p->sexo, p->correo,
	    p->pn, p->sn, p->pa, p->sa, a->inv_id) != 0)
		return -1;
	if (!a->editable)
		return 0;
	if (db_exec(ST_USUARIO_UPDATE_PERSONA, "ttttttti", c.nombre, p->correo, p->sexo, p->pn,
	    p->sn, p->pa, p->sa, a->usuario_id) != 0 ||
	    (otro && db_exec(ST_ENLACE_ANULAR, "ii", r->now, a->usuario_id) < 0))
		return -1;
	if (!otro || !a->espera || !a->cuenta_nueva)
		return 0;
	return (c.login = login_de(r, a->usuario_id)) == NULL ? -1 :
	    invite_cuenta_nueva(r, &c, a->rol_nombre);
}

/* Saves an edit in one transaction with its audit entry. Returns 0 or -1. */
static int
edit_save(struct req *r, const struct autorizado *a, const struct form *f)
{
	const char **vals = f->val;
	struct persona p = { 0 };
	long long perfil = f->num[E_PERFIL], sede = f->num[E_SEDE];

	/* The form has the person's fields only then (con_persona). */
	if (con_persona(a))
		p = (struct persona){ vals[E_SEXO], vals[E_CORREO], vals[E_PN], vals[E_SN],
		    vals[E_PA], vals[E_SA] };
	if (db_begin() < 0)
		return -1;
	if (db_exec(ST_AUTORIZADO_UPDATE, "iiiii", perfil, sede, r->now, a->id,
	    r->sess->entidad_id) != 0 || (con_persona(a) && persona_save(r, a, &p) < 0) ||
	    audit(r, "autorizado_editar", "asignación %lld: %s %s, perfil %lld, sede %lld%s%s",
	    a->id, a->tipo_doc, a->num_doc, perfil, sede, a->invitada ? ", datos de la "
	    "invitación" : "", a->editable ? ", datos personales" : "") < 0 || db_commit() < 0) {
		db_rollback();
		return -1;
	}
	return 0;
}

/* POST /autorizados/{id}: 303 to the list; 400 with the form when a field is invalid; 404
 * when the id is not the entity's. The person's data is read only while the entity may
 * change it (its own account: no password yet, no other entity's role) or while the
 * invitation is not accepted (then only what the delegate typed changes). */
enum http_status
page_autorizado_post(struct req *r, struct resp *rs)
{
	struct autorizado a;
	struct form *f;

	if (!autorizado_get(r, r->pathid[0], &a))
		return HTTP_NOT_FOUND;
	f = form_read(r, editar_fields, con_persona(&a) ? NEDITAR : NEDITAR_ASIG);
	check_asignacion(r, f, a.rol, -1, E_PERFIL, E_SEDE);
	if (f->bad > 0)
		return edit_form(r, rs, HTTP_BAD_REQUEST, &a, f->val, f->err);
	if (edit_save(r, &a, f) < 0)
		return HTTP_ERROR;
	return resp_redirect(rs, "/autorizados?ok=editado");
}

/* Voids the waiting invitation of a, audited, in one transaction: 303 to the list. */
static enum http_status
annul_invitacion(struct req *r, struct resp *rs, const struct autorizado *a)
{
	if (db_begin() < 0)
		return HTTP_ERROR;
	if (db_exec(ST_INVITACION_ANULAR, "ii", r->now, a->id) != 0 || db_changes() != 1 ||
	    audit(r, "autorizado_invitacion_anulada", "asignación %lld: invitación %lld a %s %s, "
	    "rol %s", a->id, a->inv_id, a->tipo_doc, a->num_doc, a->rol) < 0 || db_commit() < 0) {
		db_rollback();
		return HTTP_ERROR;
	}
	return resp_redirect(rs, "/autorizados?ok=anulada");
}

/* POST /autorizados/{id}/inactivar: 303 to the list (the person's sessions in that role
 * end at once; an invitation waiting for an answer is voided instead); 404 when the id is
 * not the entity's; 409 for the delegate's own authorization or one already inactive. */
enum http_status
page_autorizado_deactivate(struct req *r, struct resp *rs)
{
	struct autorizado a;

	if (!autorizado_get(r, r->pathid[0], &a))
		return HTTP_NOT_FOUND;
	if (a.espera)
		return annul_invitacion(r, rs, &a);
	if (a.id == r->sess->rol_id)
		return lista(r, rs, HTTP_CONFLICT, "No puede inactivar la autorización con la que "
		    "está trabajando: pida a otro delegado de su entidad que lo haga.");
	if (!a.activo)
		return lista(r, rs, HTTP_CONFLICT, "Esa autorización ya estaba inactiva.");
	if (db_begin() < 0)
		return HTTP_ERROR;
	if (db_exec(ST_AUTORIZADO_INACTIVAR, "iii", r->now, a.id, r->sess->entidad_id) != 0 ||
	    db_changes() != 1 || db_exec(ST_SESION_DELETE_BY_ROL, "i", a.id) != 0 ||
	    audit(r, "autorizado_inactivar", "asignación %lld: %s %s, rol %s", a.id, a.tipo_doc,
	    a.num_doc, a.rol) < 0 || db_commit() < 0) {
		db_rollback();
		return HTTP_ERROR;
	}
	return resp_redirect(rs, "/autorizados?ok=inactivado");
}

/* Mails the person of a, at the address their account holds, that the entity gave them
 * the role back; in the caller's transaction. Returns 0 or -1. */
static int
notify_reactivacion(struct req *r, const struct autorizado *a)
{
	const struct session *s = r->sess;
	const char *login = login_de(r, a->usuario_id);

	if (login == NULL)
		return -1;
	return outbox_add(a->cuenta_correo, "Portal de Interoperabilidad: su autorización fue "
	    "reactivada", arena_printf(r->a, "Señor(a) %s:\n\nLa entidad %s (NIT %s) reactivó "
	    "su autorización en el Portal de Interoperabilidad del Ministerio de Salud y "
	    "Protección Social con el rol %s.\n\nYa puede ingresar con su usuario %s. Si no "
	    "esperaba este mensaje, comuníquese con la entidad.\n", a->nombre, s->razon, s->nit,
	    a->rol_nombre, login), r->now) < 0 ? -1 : 0;
}

/* POST /autorizados/{id}/reactivar: 303 to the list (the person may work with the role
 * again; audited, mailed to the account's own address); 404 when the id is not the
 * entity's; 409 when it is active, when the person never accepted it (an invitation:
 * "Nuevo" invites again, nothing is bound without an acceptance), or when the entity's
 * principal delegate for that module is someone else now. */
enum http_status
page_autorizado_reactivate(struct req *r, struct resp *rs)
{
	struct autorizado a;
	int rc;

	if (!autorizado_get(r, r->pathid[0], &a))
		return HTTP_NOT_FOUND;
	if (a.activo)
		return lista(r, rs, HTTP_CONFLICT, "Esa autorización ya estaba activa.");
	if (a.invitada)
		return lista(r, rs, HTTP_CONFLICT, "Esta persona nunca aceptó la invitación, así "
		    "que no hay una autorización que reactivar: para autorizarla, invítela de nuevo "
		    "con «Nuevo».");
	if (db_begin() < 0)
		return HTTP_ERROR;
	rc = db_exec(ST_AUTORIZADO_REACTIVAR, "iii", r->now, a.id, r->sess->entidad_id);
	if (rc == DB_CONSTRAINT) {
		db_rollback();
		return lista(r, rs, HTTP_CONFLICT, "La entidad ya tiene otro delegado "
		    "administrativo principal activo para este módulo: no se reactivó esta "
		    "autorización.");
	}
	if (rc != 0 || db_changes() != 1 || audit(r, "autorizado_reactivar", "asignación %lld: "
	    "%s %s, rol %s", a.id, a.tipo_doc, a.num_doc, a.rol) < 0 ||
	    notify_reactivacion(r, &a) < 0 || db_commit() < 0) {
		db_rollback();
		return HTTP_ERROR;
	}
	return resp_redirect(rs, "/autorizados?ok=reactivado");
}
