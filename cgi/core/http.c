#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/http.h"
#include "core/log.h"
#include "core/roles.h"
#include "core/session.h"
#include "core/valid.h"

const char *
http_reason(enum http_status s)
{
	switch (s) {
	case HTTP_OK: return "OK";
	case HTTP_SEE_OTHER: return "See Other";
	case HTTP_BAD_REQUEST: return "Bad Request";
	case HTTP_UNAUTHORIZED: return "Unauthorized";
	case HTTP_FORBIDDEN: return "Forbidden";
	case HTTP_NOT_FOUND: return "Not Found";
	case HTTP_METHOD_NOT_ALLOWED: return "Method Not Allowed";
	case HTTP_CONFLICT: return "Conflict";
	case HTTP_GONE: return "Gone";
	case HTTP_TOO_LARGE: return "Payload Too Large";
	case HTTP_UNPROCESSABLE: return "Unprocessable Entity";
	case HTTP_TOO_MANY: return "Too Many Requests";
	case HTTP_UNAVAILABLE: return "Service Unavailable";
	default: return "Internal Server Error";
	}
}

/* The Spanish title and explanation of an error page. */
static void
error_text(enum http_status s, const char **title, const char **text)
{
	switch (s) {
	case HTTP_BAD_REQUEST:
		*title = "Solicitud no válida";
		*text = "La solicitud no se pudo interpretar. Vuelva a la página anterior e "
		    "intente de nuevo.";
		break;
	case HTTP_UNAUTHORIZED:
		*title = "Sesión requerida";
		*text = "Debe iniciar sesión para continuar.";
		break;
	case HTTP_FORBIDDEN:
		*title = "Acceso no permitido";
		*text = "Su rol no tiene permiso para esta página, o el formulario venció. "
		    "Recargue la página e intente de nuevo.";
		break;
	case HTTP_NOT_FOUND:
		*title = "Página no encontrada";
		*text = "La dirección no existe o no corresponde a su entidad.";
		break;
	case HTTP_METHOD_NOT_ALLOWED:
		*title = "Método no permitido";
		*text = "Esta dirección no acepta esa operación.";
		break;
	case HTTP_CONFLICT:
		*title = "Operación no disponible";
		*text = "El registro cambió o su estado no permite esta operación. Recargue la "
		    "página para ver su estado actual.";
		break;
	case HTTP_GONE:
		*title = "Enlace no disponible";
		*text = "Este enlace ya fue usado o venció.";
		break;
	case HTTP_UNPROCESSABLE:
		*title = "Datos no válidos";
		*text = "Los datos enviados no cumplen las reglas de la operación.";
		break;
	case HTTP_TOO_LARGE:
		*title = "Solicitud demasiado grande";
		*text = "Los datos enviados superan el tamaño permitido.";
		break;
	case HTTP_TOO_MANY:
		*title = "Demasiados intentos";
		*text = "Espere unos minutos antes de intentar de nuevo.";
		break;
	case HTTP_UNAVAILABLE:
		*title = "Servicio ocupado por un momento";
		*text = "El portal está terminando otra operación y no pudo completar la suya; no "
		    "se guardó ningún cambio. Espere unos segundos e intente de nuevo.";
		break;
	default:
		*title = "Error del servidor";
		*text = "Ocurrió un error inesperado. Intente de nuevo más tarde; si persiste, "
		    "informe a la mesa de ayuda con la hora del error.";
		break;
	}
}

struct view *
resp_page(struct resp *rs, const char *tpl, const char *title)
{
	if (rs->root == NULL)
		rs->root = view_new();
	rs->page = view_include(rs->root, "BODY", tpl);
	view_set(rs->page, "TITLE", title);
	rs->title = title;
	rs->ctype = "text/html; charset=utf-8";
	return rs->page;
}

void
resp_crumb(struct resp *rs, const char *label, const char *href)
{
	struct view *c;

	if (rs->root == NULL)
		rs->root = view_new();
	c = view_section(rs->root, "CRUMB");
	view_set(c, "LABEL", label);
	if (href != NULL)
		view_set(view_section(c, "LINK"), "HREF", href);
	else
		view_show(c, "CURRENT");
}

void
resp_header(struct resp *rs, const char *name, const char *value)
{
	buf_printf(&rs->head, "%s: %s\r\n", name, value);
}

enum http_status
resp_redirect(struct resp *rs, const char *location)
{
	resp_header(rs, "Location", location);
	return HTTP_SEE_OTHER;
}

enum http_status
resp_json_message(struct resp *rs, enum http_status s, const char *msg)
{
	json_t *o = json_pack("{s:s}", "Message", msg);
	char *txt = o ? json_dumps(o, JSON_COMPACT) : NULL;

	buf_reset(&rs->body);
	buf_puts(&rs->body, txt ? txt : "{\"Message\":\"Error.\"}");
	free(txt);
	json_decref(o);
	rs->ctype = "application/json; charset=utf-8";
	return s;
}

enum http_status
resp_json_oauth(struct resp *rs, enum http_status s, const char *error, const char *descripcion)
{
	json_t *o = json_pack("{s:s,s:s}", "error", error, "error_description", descripcion);
	char *txt = o ? json_dumps(o, JSON_COMPACT) : NULL;

	buf_reset(&rs->body);
	buf_puts(&rs->body, txt ? txt : "{\"error\":\"server_error\"}");
	free(txt);
	json_decref(o);
	rs->ctype = "application/json; charset=utf-8";
	return txt ? s : HTTP_ERROR;
}

/* The Message of a JSON API error the handler left without a body (the router's own 404,
 * 405, 413, a 500): ASP.NET's answers, in Spanish; a 500 says only "Error.". */
static const char *
json_text(enum http_status s)
{
	switch (s) {
	case HTTP_BAD_REQUEST:
		return "La solicitud no es válida.";
	case HTTP_UNAUTHORIZED:
		return "Se ha denegado la autorización para esta solicitud.";
	case HTTP_FORBIDDEN:
		return "Acceso no permitido.";
	case HTTP_NOT_FOUND:
		return "No se encontró ningún recurso HTTP que coincida con la URI de la solicitud.";
	case HTTP_METHOD_NOT_ALLOWED:
		return "El recurso solicitado no admite el método HTTP de la solicitud.";
	case HTTP_TOO_LARGE:
		return "El cuerpo de la solicitud supera el tamaño permitido.";
	case HTTP_UNPROCESSABLE:
		return "La solicitud no cumple las reglas de la operación.";
	case HTTP_TOO_MANY:
		return "Demasiadas solicitudes; espere antes de intentar de nuevo.";
	case HTTP_UNAVAILABLE:
		return "El servicio está ocupado y no guardó nada; intente de nuevo en unos "
		    "segundos.";
	default:
		return "Error.";
	}
}

/* Fills the layout's session block: Login, NIT Entidad, Entidad, Rol, Código. */
static void
fill_session(struct req *r, struct view *root)
{
	const struct session *s = r->sess;
	struct view *v;
	int dv;

	if (s == NULL)
		return;
	v = view_section(root, "SESSION");
	view_set(v, "LOGIN", s->login);
	view_set(v, "CSRF", s->csrf);
	view_set(v, "HOME", role_home(s->role));
	/* While the second factor is due only logging out is offered. */
	if (s->varios && s->paso == PASO_LISTO)
		view_show(v, "CAMBIAR");
	/* The account's pages answer only a chosen role (R_USER): not before the choice. */
	if (s->paso == PASO_LISTO && (s->role & R_USER))
		view_show(v, "CUENTA");
	/* No role chosen yet (or none active): no entity either. */
	if (s->role == R_PICK || s->role == R_INVITADO || s->paso != PASO_LISTO) {
		view_set(v, "NIT", "—");
		view_set(v, "ENTIDAD", "—");
		view_set(v, "ROL", s->paso != PASO_LISTO ? "Por verificar" :
		    s->role == R_INVITADO ? "Sin rol activo" : "Por elegir");
		view_set(v, "CODIGO", "—");
		return;
	}
	dv = nit_dv(s->nit);
	view_setf(v, "NIT", "%s-%d", s->nit, dv);
	view_set(v, "ENTIDAD", s->razon);
	view_set(v, "ROL", rol_etiqueta(s->rol));
	view_set(v, "CODIGO", s->codigo ? s->codigo : "—");
}

/* Replaces whatever the handler built with the error page of status s. */
static void
error_page(struct resp *rs, enum http_status s)
{
	const char *title, *text;
	struct view *v;

	error_text(s, &title, &text);
	if (rs->root != NULL)
		view_free(rs->root);
	rs->root = NULL;
	v = resp_page(rs, "error.tpl", title);
	view_setint(v, "STATUS", s);
	view_set(v, "TEXT", text);
}

/* The OAuth error code and description of an error the handler left without a body (the
 * router's own 404 and 405, the server's 400, 413 and 503). */
static void
oauth_text(enum http_status s, const char **error, const char **descripcion)
{
	*error = "invalid_request";
	switch (s) {
	case HTTP_BAD_REQUEST:
	case HTTP_TOO_LARGE:
		*descripcion = "La solicitud no es válida.";
		break;
	case HTTP_NOT_FOUND:
		*descripcion = "Este servicio no existe.";
		break;
	case HTTP_METHOD_NOT_ALLOWED:
		*descripcion = "Use el método POST.";
		break;
	case HTTP_UNAVAILABLE:
		*error = "temporarily_unavailable";
		*descripcion = "El servicio está ocupado y no guardó ningún registro: intente de "
		    "nuevo en unos segundos.";
		break;
	default:
		*error = "server_error";
		*descripcion = "Error del servidor.";
	}
}

/* Replaces an error left without a body with its dialect's answer. */
static void
error_body(struct resp *rs, enum http_status s)
{
	const char *error, *descripcion;

	switch (rs->dialect) {
	case DIALECT_MESSAGE:
		resp_json_message(rs, s, json_text(s));
		break;
	case DIALECT_OAUTH:
		oauth_text(s, &error, &descripcion);
		resp_json_oauth(rs, s, error, descripcion);
		break;
	default:
		error_page(rs, s);
	}
}

void
resp_render(struct req *r, struct resp *rs)
{
	if (rs->status == HTTP_SEE_OTHER)
		return;
	if (rs->status >= 400 && rs->page == NULL && rs->body.len == 0)
		error_body(rs, rs->status);
	if (rs->page == NULL)
		return;
	view_set(rs->root, "TITLE", rs->title);
	fill_session(r, rs->root);
	if (rs->csrf != NULL || r->sess != NULL)
		view_set(rs->page, "CSRF", rs->csrf != NULL ? rs->csrf : r->sess->csrf);
	if (view_expand("layout.tpl", rs->root, &rs->body) < 0) {
		log_err("render: cannot expand layout for %s", r->path);
		rs->status = HTTP_ERROR;
		buf_reset(&rs->body);
		buf_puts(&rs->body, "<!doctype html><title>Error</title><p>Error del servidor.");
	}
}

void
resp_reset(struct resp *rs)
{
	if (rs->root != NULL)
		view_free(rs->root);
	rs->root = rs->page = NULL;
	rs->title = rs->csrf = NULL;
	rs->status = HTTP_OK;
	rs->ctype = "text/html; charset=utf-8";
	rs->nostore = 0;
	rs->dialect = DIALECT_HTML;
	buf_reset(&rs->head);
	buf_reset(&rs->body);
}
