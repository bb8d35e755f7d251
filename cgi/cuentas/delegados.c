/*
 * Delegate registrations waiting for the ministry (issue 11 §1): the request a registration
 * makes, the page a waiting or rejected registrant sees after the password, and the
 * funcionario MSPS's queue "Solicitudes de delegado" (Rol_IHCE_MSPS): the list, a request
 * with its designation letter, Aprobar (the role, and the entity when new, are created only
 * then) and Rechazar with a reason mailed to the registrant. Every decision is audited and
 * mailed in its transaction; a request is decided once (conditional UPDATE).
 */
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/db.h"
#include "cuentas/delegados.h"
#include "core/entidad.h"
#include "core/form.h"
#include "cuentas/cuentas.h"
#include "core/persona.h"
#include "cuentas/registro.h"
#include "core/roles.h"
#include "core/session.h"
#include "core/text.h"
#include "core/valid.h"

#define ROL_MINISTERIO	"Rol_IHCE_MSPS"	/* who works the queue, and is told of each request */
#define COLA_PAGINA	20

static const struct field rechazo_fields[] = {
	{ "motivo", "Motivo del rechazo", "textarea", v_longtext,
	    "Escriba el motivo del rechazo (hasta 2000 caracteres): se enviará por correo a "
	    "quien se registró.", "Por ejemplo: la carta no está firmada por el representante "
	    "legal de la entidad." },
};

/* One request with its person and entity (ST_DELEGADO_SOL_GET). */
struct delegado_sol {
	long long	 id, usuario_id, entidad_id;	/* entidad_id: the entity with that
							 * NIT now, 0 when none */
	const char	*login, *nombre, *tipo_doc, *num_doc, *correo;
	const char	*nit, *tipo, *rol, *tipo_entidad, *razon, *estado;
	long long	 creada, decidida, carta_len;
	const char	*ip, *decidio, *motivo, *carta_nombre;
	struct nombres	 n;
};

/* The module a request's entity type belongs to, as the forms name it. */
static const char *
modulo_de(const char *tipo, const char *rol)
{
	const struct tipo_entidad *t = cuentas_tipo_entidad_find(tipo);

	return t != NULL ? t->modulo : rol;
}

/* "NIT-dv" in the arena. */
static const char *
nit_con_dv(struct arena *a, const char *nit)
{
	return arena_printf(a, "%s-%d", nit, nit_dv(nit));
}

/* The notices of request id (in the caller's transaction), with nothing the registrant
 * typed: the entity's active people, when the portal knows it, and the funcionarios MSPS.
 * Returns 0 or -1. */
static int
notify_solicitud(struct req *r, const struct delegado_pedido *p, long long id)
{
	const char *nit = nit_con_dv(r->a, p->nit);

	if (p->entidad_id != 0 && outbox_entidad(r->a, p->entidad_id, p->usuario_id,
	    "Portal de Interoperabilidad: solicitud de un nuevo delegado de su entidad",
	    arena_printf(r->a, "Se registró en el Portal de Interoperabilidad del Ministerio de "
	    "Salud y Protección Social una solicitud para ser delegado administrativo de su "
	    "entidad (NIT %s) en el módulo «%s», con el usuario %s, el %s (hora de "
	    "Colombia).\n\nUn funcionario del Ministerio revisará la carta de designación "
	    "firmada por el representante legal antes de aprobarla; hasta entonces esa persona "
	    "no tiene acceso a nada de la entidad. Si su entidad no designó a un nuevo "
	    "delegado, comuníquese de inmediato con el Ministerio.\n", nit, p->modulo, p->login,
	    fecha_local(r->a, r->now)), r->now) < 0)
		return -1;
	return outbox_rol(r->a, ROL_MINISTERIO, 0, "Portal de Interoperabilidad: solicitud de "
	    "delegado por revisar", arena_printf(r->a, "Hay una solicitud nueva de delegado "
	    "administrativo por revisar: N.º %lld, usuario %s, entidad con NIT %s%s, módulo "
	    "«%s».\n\nRevise la carta de designación y apruebe o rechace la solicitud en "
	    "«Solicitudes de delegado»:\n%s/msps/delegados/%lld\n", id, p->login, nit,
	    p->entidad_id != 0 ? "" : " (aún no registrada en el portal)", p->modulo,
	    req_site_url(r), id), r->now);
}

long long
cuentas_delegado_request(struct req *r, const struct delegado_pedido *p)
{
	long long id;
	int rc;

	rc = db_exec(ST_DELEGADO_SOL_INSERT, "itttitittb", p->usuario_id, p->nit, p->tipo,
	    p->rol, p->entidad_id, p->razon, r->now, r->ip, p->carta_nombre, p->carta,
	    (int)p->carta_len);
	if (rc == DB_CONSTRAINT)
		return 0;	/* one waits already (solicitud_delegado_pendiente) */
	if (rc < 0 || (id = db_last_id()) <= 0 || notify_solicitud(r, p, id) < 0)
		return -1;
	return audit_as(r, p->usuario_id, p->login, "registro_delegado", arena_printf(r->a,
	    "solicitud %lld entidad %s tipo %s rol %s: pendiente de aprobación", id, p->nit,
	    p->tipo, p->rol)) < 0 ? -1 : id;
}

enum http_status
cuentas_delegado_estado_login(struct req *r, struct resp *rs, long long uid, const char *login)
{
	struct db_stmt *st = db_stmt(ST_DELEGADO_SOL_ULTIMA, "i", uid);
	const char *estado = NULL, *rol = NULL, *tipo = NULL, *motivo = NULL;
	long long id = 0, creada = 0, decidida = 0;
	struct view *v;
	int pendiente;

	if (st != NULL && db_step(st) == DB_ROW) {
		id = db_col_int64(st, 0);
		estado = db_text(r->a, st, 1);
		rol = db_text(r->a, st, 2);
		tipo = db_text(r->a, st, 3);
		creada = db_col_int64(st, 4);
		decidida = db_col_int64(st, 5);
		motivo = db_text(r->a, st, 6);
	}
	if (st != NULL)
		db_reset(st);
	if (estado == NULL || strcmp(estado, "aprobada") == 0)
		return 0;
	pendiente = strcmp(estado, "pendiente") == 0;
	v = resp_page(rs, "cuentas/registro_estado.tpl", pendiente ? "Solicitud de delegado pendiente" :
	    "Solicitud de delegado rechazada");
	resp_crumb(rs, "Iniciar sesión", "/login");
	resp_crumb(rs, "Estado de su solicitud", NULL);
	view_set(v, "LOGIN", login);
	view_set(v, "MODULO", modulo_de(tipo, rol));
	view_set(v, "FECHA", fecha_local(r->a, creada));
	if (pendiente)
		view_show(v, "PENDIENTE");
	else {
		v = view_section(v, "RECHAZADA");
		view_set(v, "DECIDIDA", fecha_local(r->a, decidida));
		view_set(v, "MOTIVO", motivo ? motivo : "");
	}
	audit_as(r, uid, login, pendiente ? "login_delegado_pendiente" :
	    "login_delegado_rechazado", arena_printf(r->a, "solicitud %lld", id));
	return HTTP_FORBIDDEN;
}

/* Reads request id into d. Returns 1, or 0 when there is none. */
static int
sol_get(struct req *r, long long id, struct delegado_sol *d)
{
	struct db_stmt *st = db_stmt(ST_DELEGADO_SOL_GET, "i", id);
	int found = 0;

	memset(d, 0, sizeof(*d));
	if (st != NULL && db_step(st) == DB_ROW) {
		d->id = db_col_int64(st, 0);
		d->usuario_id = db_col_int64(st, 1);
		d->login = db_text(r->a, st, 2);
		d->nombre = db_text(r->a, st, 3);
		d->tipo_doc = db_text(r->a, st, 4);
		d->num_doc = db_text(r->a, st, 5);
		d->correo = db_text(r->a, st, 6);
		d->nit = db_text(r->a, st, 7);
		d->tipo = db_text(r->a, st, 8);
		d->rol = db_text(r->a, st, 9);
		d->entidad_id = db_col_int64(st, 10);
		d->tipo_entidad = db_text(r->a, st, 11);
		d->razon = db_text(r->a, st, 12);
		d->estado = db_text(r->a, st, 13);
		d->creada = db_col_int64(st, 14);
		d->ip = db_text(r->a, st, 15);
		d->decidida = db_col_int64(st, 16);
		d->decidio = db_text(r->a, st, 17);
		d->motivo = db_text(r->a, st, 18);
		d->carta_nombre = db_text(r->a, st, 19);
		d->carta_len = db_col_int64(st, 20);
		d->n = (struct nombres){ db_text(r->a, st, 21), db_text(r->a, st, 22),
			db_text(r->a, st, 23), db_text(r->a, st, 24) };
		found = 1;
	}
	if (st != NULL)
		db_reset(st);
	return found;
}

/* The letter's size for people: "850 KB", "1,4 MB". */
static const char *
tamano(struct arena *a, long long bytes)
{
	if (bytes < 1024 * 1024)
		return arena_printf(a, "%lld KB", (bytes + 1023) / 1024);
	return arena_printf(a, "%lld,%lld MB", bytes / (1024 * 1024),
	    bytes % (1024 * 1024) * 10 / (1024 * 1024));
}

/* Adds to v the columns a row of the queue and a request's page share. */
static void
sol_campos(struct req *r, struct view *v, long long id, const char *nit, const char *tipo,
    const char *rol, const char *razon, int nueva)
{
	const struct tipo_entidad *t = cuentas_tipo_entidad_find(tipo);

	view_setint(v, "ID", id);
	view_set(v, "NIT", nit_con_dv(r->a, nit));
	view_set(v, "RAZON", razon);
	if (nueva)
		view_show(v, "NUEVA");
	view_set(v, "TIPO", t != NULL ? t->nombre : tipo);
	view_set(v, "MODULO", modulo_de(tipo, rol));
	view_set(v, "ROL", rol_etiqueta(rol));
}

/* Sets the name's four parts of a person in v: PN, SN, PA, SA. */
static void
nombres_show(struct view *v, const struct nombres *n)
{
	view_set(v, "PN", n->pn);
	view_set(v, "SN", n->sn);
	view_set(v, "PA", n->pa);
	view_set(v, "SA", n->sa);
}

/* GET /msps/delegados: 200 with the requests waiting, oldest first, 20 a page. */
enum http_status
page_msps_delegados(struct req *r, struct resp *rs)
{
	long long page = parse_id(req_query(r, "p")), total, pages, n;
	struct view *v = resp_page(rs, "cuentas/delegados.tpl", "Solicitudes de delegado"), *row;
	const char *ok = req_query(r, "ok");
	struct db_stmt *st;

	resp_crumb(rs, "Asignar token", "/msps/asignar");
	resp_crumb(rs, "Solicitudes de delegado", NULL);
	if (ok != NULL)
		view_set(view_section(v, "OK"), "TEXT", strcmp(ok, "aprobada") == 0 ?
		    "La solicitud fue aprobada: la persona ya es delegado administrativo de la "
		    "entidad, y se avisó por correo." : "La solicitud fue rechazada y se envió el "
		    "motivo por correo a quien se registró.");
	total = db_int(ST_DELEGADO_SOL_COUNT, 0, "");
	pages = (total + COLA_PAGINA - 1) / COLA_PAGINA;
	if (page < 1 || page > pages)
		page = 1;
	view_setint(v, "TOTAL", total);
	if ((st = db_stmt(ST_DELEGADO_SOL_PAGE, "ii", (long long)COLA_PAGINA,
	    (page - 1) * COLA_PAGINA)) == NULL)
		return HTTP_ERROR;
	for (n = (page - 1) * COLA_PAGINA + 1; db_step(st) == DB_ROW; n++) {
		row = view_section(v, "FILA");
		view_setint(row, "N", n);
		sol_campos(r, row, db_col_int64(st, 0), db_text(r->a, st, 1),
		    db_text(r->a, st, 2), db_text(r->a, st, 3), db_text(r->a, st, 4),
		    db_col_int(st, 5));
		view_setf(row, "DOCUMENTO", "%s %s", db_col_text(st, 6),
		    db_col_text(st, 7));
		view_set(row, "CORREO", db_text(r->a, st, 8));
		view_set(row, "FECHA", fecha_local(r->a, db_col_int64(st, 9)));
		view_set(row, "TAMANO", tamano(r->a, db_col_int64(st, 10)));
		nombres_show(row, &(struct nombres){ db_text(r->a, st, 11), db_text(r->a, st, 12),
		    db_text(r->a, st, 13), db_text(r->a, st, 14) });
	}
	db_reset(st);
	if (total == 0)
		view_show(v, "VACIA");
	if (page > 1)
		view_setint(view_section(v, "ANTERIOR"), "P", page - 1);
	if (page < pages)
		view_setint(view_section(v, "SIGUIENTE"), "P", page + 1);
	return HTTP_OK;
}

/* Renders request d with status st: its data, the letter, and while it waits the approval
 * button and the rejection form (motivo: values and errors, or NULL); alert on top. */
static enum http_status
sol_page(struct req *r, struct resp *rs, enum http_status st, const struct delegado_sol *d,
    const char **motivo, const char *alert)
{
	struct view *v = resp_page(rs, "cuentas/delegado.tpl", "Solicitud de delegado");

	resp_crumb(rs, "Solicitudes de delegado", "/msps/delegados");
	resp_crumb(rs, arena_printf(r->a, "Solicitud N.º %lld", d->id), NULL);
	if (alert != NULL)
		view_set(view_section(v, "ALERTA"), "TEXT", alert);
	sol_campos(r, v, d->id, d->nit, d->tipo, d->rol, d->razon, d->entidad_id == 0);
	if (d->entidad_id != 0)
		view_setint(view_section(v, "CONOCIDA"), "PERSONAS",
		    db_int(ST_ENTIDAD_PERSONAS, 0, "i", d->entidad_id));
	view_set(v, "LOGIN", d->login);
	nombres_show(v, &d->n);
	view_setf(v, "DOCUMENTO", "%s %s", d->tipo_doc, d->num_doc);
	view_set(v, "CORREO", d->correo);
	view_set(v, "FECHA", fecha_local(r->a, d->creada));
	view_set(v, "IP", d->ip ? d->ip : "");
	if (d->carta_len > 0) {
		struct view *c = view_section(v, "CARTA");

		view_setint(c, "ID", d->id);
		view_set(c, "NOMBRE", d->carta_nombre ? d->carta_nombre : "carta.pdf");
		view_set(c, "TAMANO", tamano(r->a, d->carta_len));
	} else
		view_show(v, "SIN_CARTA");
	if (strcmp(d->estado, "pendiente") == 0) {
		view_show(v, "PENDIENTE");
		form_show(v, rechazo_fields, 1, motivo, motivo ? motivo + 1 : NULL);
	} else {
		struct view *x = view_section(v, strcmp(d->estado, "aprobada") == 0 ?
		    "APROBADA" : "RECHAZADA");

		view_set(x, "CUANDO", fecha_local(r->a, d->decidida));
		view_set(x, "QUIEN", d->decidio ? d->decidio : "(registro anterior a la "
		    "aprobación por el Ministerio)");
		view_set(x, "MOTIVO", d->motivo ? d->motivo : "");
	}
	return st;
}

/* GET /msps/delegados/{id}: 200 with the request; 404 when unknown. */
enum http_status
page_msps_delegado(struct req *r, struct resp *rs)
{
	struct delegado_sol d;

	if (!sol_get(r, r->pathid[0], &d))
		return HTTP_NOT_FOUND;
	return sol_page(r, rs, HTTP_OK, &d, NULL, NULL);
}

/* GET /msps/delegados/{id}/carta: 200 with the designation letter as a PDF download
 * (attachment, no-store; audited); 404 when the request or its letter is unknown. */
enum http_status
page_msps_delegado_carta(struct req *r, struct resp *rs)
{
	long long id = r->pathid[0];
	struct db_stmt *st = db_stmt(ST_DELEGADO_SOL_CARTA, "i", id);
	int found = 0;

	if (st == NULL)
		return HTTP_ERROR;
	if (db_step(st) == DB_ROW) {
		buf_put(&rs->body, db_col_blob(st, 1), (size_t)db_col_bytes(st, 1));
		found = 1;
	}
	db_reset(st);
	if (!found)
		return HTTP_NOT_FOUND;
	if (audit(r, "delegado_carta", "solicitud %lld: carta de designación descargada", id) < 0) {
		buf_reset(&rs->body);
		return HTTP_ERROR;
	}
	rs->ctype = "application/pdf";
	rs->nostore = 1;
	resp_header(rs, "Content-Disposition", arena_printf(r->a, "attachment; "
	    "filename=\"carta-delegado-%lld.pdf\"", id));
	return HTTP_OK;
}

/* Marks d decided (estado, motivo) by the session's official, only if it still waits.
 * Returns 0, 1 when it was decided meanwhile, or -1. */
static int
decide(struct req *r, const struct delegado_sol *d, const char *estado, const char *motivo)
{
	if (db_exec(ST_DELEGADO_SOL_DECIDIR, "tiiti", estado, r->now, r->sess->usuario_id,
	    motivo, d->id) < 0)
		return -1;
	return db_changes() == 1 ? 0 : 1;
}

#define MSG_YA_DECIDIDA	"Esta solicitud ya fue decidida (por usted o por otro funcionario): " \
			"revise su estado abajo."
#define MSG_YA_DELEGADO	"La entidad ya tiene un delegado administrativo activo para este " \
			"módulo: rechace esta solicitud."

/* The entity d's role is to be created in: the one with d's NIT (of d's type), or a new
 * one with the razón social the registrant typed. Returns its id; 0 with *msg when it
 * cannot be; -1 on error. */
static long long
entidad_para(struct req *r, const struct delegado_sol *d, const char **msg)
{
	if (d->entidad_id != 0 && strcmp(d->tipo_entidad, d->tipo) != 0) {
		*msg = "El NIT quedó registrado en el portal con otro tipo de entidad mientras la "
		    "solicitud esperaba: rechace esta solicitud.";
		return 0;
	}
	if (d->entidad_id != 0)
		return d->entidad_id;
	if (d->razon[0] == '\0') {
		*msg = "La solicitud no tiene la razón social de la entidad nueva: rechácela.";
		return 0;
	}
	return db_entidad_insert(r->a, d->nit, d->razon, d->tipo, NULL, r->now);
}

/* The mails of an approval: the new delegate, the entity's other people, the ministry.
 * Returns 0 or -1. */
static int
notify_aprobacion(struct req *r, const struct delegado_sol *d, long long ent)
{
	const char *nit = nit_con_dv(r->a, d->nit), *mod = modulo_de(d->tipo, d->rol);

	if (outbox_add(d->correo, "Portal de Interoperabilidad: su solicitud de delegado fue "
	    "aprobada", arena_printf(r->a, "El Ministerio de Salud y Protección Social aprobó su "
	    "solicitud para ser delegado administrativo de la entidad con NIT %s en el módulo "
	    "«%s».\n\nUsuario: %s\n\nYa puede ingresar al portal con su usuario y su contraseña. "
	    "Si aún no la asignó, use el enlace que recibió al registrarse o «¿Olvidó su "
	    "contraseña?» en la página de inicio de sesión.\n", nit, mod, d->login), r->now) < 0)
		return -1;
	if (outbox_entidad(r->a, ent, d->usuario_id, "Portal de Interoperabilidad: nuevo "
	    "delegado de su entidad", arena_printf(r->a, "El Ministerio de Salud y Protección "
	    "Social aprobó a un nuevo delegado administrativo de su entidad (NIT %s) en el "
	    "módulo «%s»: usuario %s. Si su entidad no lo designó, comuníquese de inmediato con "
	    "el Ministerio.\n", nit, mod, d->login), r->now) < 0)
		return -1;
	return outbox_rol(r->a, ROL_MINISTERIO, 0, "Portal de Interoperabilidad: solicitud de "
	    "delegado aprobada", arena_printf(r->a, "La solicitud de delegado administrativo "
	    "N.º %lld (usuario %s, entidad con NIT %s, módulo «%s») fue aprobada por %s.\n",
	    d->id, d->login, nit, mod, r->sess->login), r->now);
}

/* Approves d in one transaction: the request decided, the entity (when new), the role,
 * the mails and the audit. Returns 0; 1 with *msg when it cannot be approved; -1. */
static int
approve(struct req *r, const struct delegado_sol *d, const char **msg)
{
	long long ent, rol = 0;
	int rc;

	if (db_begin() < 0)
		return -1;
	if ((rc = decide(r, d, "aprobada", NULL)) != 0) {
		*msg = MSG_YA_DECIDIDA;
		goto out;
	}
	if ((ent = entidad_para(r, d, msg)) <= 0) {
		rc = ent < 0 ? -1 : 1;
		goto out;
	}
	/* One principal delegate per entity and module (an operator may have added one). */
	if (db_int(ST_DELEGADO_EXISTE, 1, "it", ent, d->rol) != 0 ||
	    (rol = db_rol_insert(d->usuario_id, ent, d->rol)) == 0) {
		*msg = MSG_YA_DELEGADO;
		rc = 1;
		goto out;
	}
	if (rol < 0 || db_exec(ST_DELEGADO_SOL_ENTIDAD, "ii", ent, d->id) < 0 ||
	    notify_aprobacion(r, d, ent) < 0 || audit(r, "delegado_aprobado", "solicitud %lld "
	    "usuario %s entidad %s rol %s", d->id, d->login, d->nit, d->rol) < 0) {
		rc = -1;
		goto out;
	}
	if (db_commit() == 0)
		return 0;
	rc = -1;
out:
	db_rollback();
	return rc;
}

/* Answers a decision that could not be made: 409 with the request as it is now and why. */
static enum http_status
conflicto(struct req *r, struct resp *rs, long long id, const char **motivo, const char *msg)
{
	struct delegado_sol d;

	if (!sol_get(r, id, &d))
		return HTTP_NOT_FOUND;
	return sol_page(r, rs, HTTP_CONFLICT, &d, motivo, msg);
}

/* POST /msps/delegados/{id}/aprobar: 303 to the queue; 409 with the reason when the request
 * was decided meanwhile, the entity has its delegate or its type changed; 404 if unknown. */
enum http_status
page_msps_delegado_approve(struct req *r, struct resp *rs)
{
	struct delegado_sol d;
	const char *msg = NULL;
	int rc;

	if (!sol_get(r, r->pathid[0], &d))
		return HTTP_NOT_FOUND;
	if ((rc = approve(r, &d, &msg)) < 0)
		return HTTP_ERROR;
	if (rc == 1)
		return conflicto(r, rs, d.id, NULL, msg);
	return resp_redirect(rs, "/msps/delegados?ok=aprobada");
}

/* The mails of a rejection: the registrant (with the reason) and the entity's people.
 * Returns 0 or -1. */
static int
notify_rechazo(struct req *r, const struct delegado_sol *d, const char *motivo)
{
	const char *nit = nit_con_dv(r->a, d->nit), *mod = modulo_de(d->tipo, d->rol);

	if (outbox_add(d->correo, "Portal de Interoperabilidad: su solicitud de delegado no fue "
	    "aprobada", arena_printf(r->a, "El Ministerio de Salud y Protección Social no aprobó "
	    "su solicitud para ser delegado administrativo de la entidad con NIT %s en el módulo "
	    "«%s» (usuario %s).\n\nMotivo: %s\n\nSi su entidad lo designó, puede registrarse de "
	    "nuevo con la carta de designación firmada por el representante legal.\n", nit, mod,
	    d->login, motivo), r->now) < 0)
		return -1;
	return d->entidad_id == 0 ? 0 : outbox_entidad(r->a, d->entidad_id, d->usuario_id,
	    "Portal de Interoperabilidad: solicitud de delegado rechazada", arena_printf(r->a,
	    "El Ministerio de Salud y Protección Social rechazó la solicitud para ser delegado "
	    "administrativo de su entidad (NIT %s) en el módulo «%s» hecha con el usuario %s. "
	    "Esa persona no tiene acceso a la entidad.\n", nit, mod, d->login), r->now);
}

/* POST /msps/delegados/{id}/rechazar: 303 to the queue; 400 without a reason; 409 when the
 * request was decided meanwhile; 404 if unknown. */
enum http_status
page_msps_delegado_reject(struct req *r, struct resp *rs)
{
	struct form *f = form_read(r, rechazo_fields, 1);
	const char *motivo[2] = { f->val[0], f->err[0] };	/* as the page shows it */
	struct delegado_sol d;
	int rc;

	if (!sol_get(r, r->pathid[0], &d))
		return HTTP_NOT_FOUND;
	if (f->bad > 0)
		return sol_page(r, rs, HTTP_BAD_REQUEST, &d, motivo,
		    "Escriba el motivo del rechazo: la solicitud no se ha rechazado.");
	if (db_begin() < 0)
		return HTTP_ERROR;
	if ((rc = decide(r, &d, "rechazada", motivo[0])) == 0 &&
	    (notify_rechazo(r, &d, motivo[0]) < 0 || audit(r, "delegado_rechazado",
	    "solicitud %lld usuario %s entidad %s rol %s: %s", d.id, d.login, d.nit, d.rol,
	    motivo[0]) < 0))
		rc = -1;
	if (rc != 0) {
		db_rollback();
		return rc < 0 ? HTTP_ERROR : conflicto(r, rs, d.id, NULL, MSG_YA_DECIDIDA);
	}
	if (db_commit() < 0)
		return HTTP_ERROR;
	return resp_redirect(rs, "/msps/delegados?ok=rechazada");
}
