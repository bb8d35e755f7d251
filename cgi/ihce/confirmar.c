/*
 * The confirmation steps of the funcionario MSPS's answers to a key request: the key form,
 * once it validates, and the rejection, once it has its reason, show what will be recorded
 * and ask for Confirmar; only that second POST writes. The validated values go from the
 * first page to the second sealed in one form field (secret_seal_field: a secret is never
 * in clear in the page or a URL), bound to the session, the request and the version the
 * official saw, and good for CONFIRMAR_VIDA seconds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/form.h"
#include "ihce/ihce.h"
#include "ihce/msps.h"
#include "core/secret.h"
#include "core/session.h"
#include "core/text.h"
#include "core/valid.h"

#define CONFIRMAR_VIDA	1800	/* seconds a confirmation page stays good */
#define MASCARA		"••••••••••••"
#define CAMPOS_LLAVES	(1 + 3 * AMBIENTES)	/* time sealed, then id, secret, date each */

/* The additional data binding a sealed confirmation to its kind ("llaves", "rechazo"),
 * request, version and session (the session's CSRF token is its own random value). */
static const char *
ad_confirm(struct req *r, const char *tipo, long long id, long long version)
{
	return arena_printf(r->a, "ihce.confirmar_%s:%lld:%lld:%s", tipo, id, version,
	    r->sess->csrf);
}

/* Opens the sealed field of the form for kind tipo and request id at the form's version
 * (*version), checks its age and splits it into v[0..n): the first n - 1 lines (v[0]: the
 * time it was sealed) and the rest (a reason may hold newlines). Returns 0, or -1 when it
 * does not open, is stale or has fewer lines. */
static int
open_sellado(struct req *r, const char *tipo, long long id, long long *version, char **v, size_t n)
{
	char *p;
	long long t;
	size_t i;

	*version = parse_id(req_form(r, "version"));
	if ((p = secret_open_field(r->a, req_form(r, "sellado"),
	    ad_confirm(r, tipo, id, *version))) == NULL)
		return -1;
	for (i = 0; i + 1 < n; i++)
		if ((v[i] = strsep(&p, "\n")) == NULL || p == NULL)
			return -1;
	v[n - 1] = p;
	t = strtoll(v[0], NULL, 10);
	return t > 0 && t <= r->now && r->now - t <= CONFIRMAR_VIDA ? 0 : -1;
}

/* The page's heading, breadcrumbs and the hidden fields of its form. */
static struct view *
confirmacion_page(struct req *r, struct resp *rs, const struct solicitud *s, const char *titulo,
    const char *seccion, const char *sellado)
{
	const struct cola *c = msps_cola_de(s);
	struct view *v = resp_page(rs, "ihce/msps_confirmar.tpl", titulo);

	resp_crumb(rs, c->title, c->path);
	resp_crumb(rs, s->razon, arena_printf(r->a, "/msps/solicitudes/%lld", s->id));
	resp_crumb(rs, "Confirmar", NULL);
	rs->nostore = 1;
	view_set(v, "TITULO", titulo);
	view_set(v, "RAZON", s->razon);
	v = view_section(v, seccion);
	view_setint(v, "ID", s->id);
	view_setint(v, "VERSION", s->version);
	view_set(v, "SELLADO", sellado);
	return v;
}

/* One environment's block: what it will have and what it had, secrets masked. */
static void
ambiente_cambio(struct req *r, struct view *v, int i, const struct llave_in *in,
    const struct llave_actual *cur)
{
	struct view *b = view_section(v, "AMBIENTE");

	view_set(b, "NOMBRE", ambiente_label[i]);
	view_set(b, "SLUG", ambiente_name[i]);
	view_set(b, "RESUMEN", cur->id == 0 ? "Llaves nuevas: este ambiente aún no tiene llaves." :
	    !llave_cambia(cur, in) ? "Sin cambios: se conservan las llaves actuales." :
	    "Cambian: se registrarán llaves nuevas y las actuales quedarán en el "
	    "historial.");
	view_set(b, "CLIENT_ID", in->client_id);
	if (cur->id != 0 && strcmp(cur->client_id, in->client_id) != 0)
		view_set(view_section(b, "CLIENT_ID_ANTES"), "TEXT", cur->client_id);
	view_set(b, "SECRET", in->client_secret != NULL ? cur->id != 0 ? MASCARA
	    " (nuevo: reemplaza el guardado)" : MASCARA " (nuevo)" :
	    "Se conserva el guardado (no se muestra)");
	view_set(b, "EXPIRA", fecha_es(r->a, in->expira));
	if (cur->id != 0 && strcmp(cur->expira, in->expira) != 0)
		view_set(view_section(b, "EXPIRA_ANTES"), "TEXT", fecha_es(r->a, cur->expira));
}

enum http_status
msps_confirm_llaves(struct req *r, struct resp *rs, const struct solicitud *s,
    const struct llave_in in[AMBIENTES], const struct llave_actual cur[AMBIENTES])
{
	const char *pt = arena_printf(r->a, "%lld", r->now), *sellado;
	struct view *v;
	int i;

	for (i = 0; i < AMBIENTES; i++)
		pt = arena_printf(r->a, "%s\n%s\n%s\n%s", pt, in[i].client_id,
		    in[i].client_secret ? in[i].client_secret : "", in[i].expira);
	sellado = secret_seal_field(r->a, pt, ad_confirm(r, "llaves", s->id, s->version));
	v = confirmacion_page(r, rs, s, "Confirme las llaves", "LLAVES", sellado);
	for (i = 0; i < AMBIENTES; i++)
		ambiente_cambio(r, v, i, &in[i], &cur[i]);
	return HTTP_OK;
}

enum http_status
msps_confirm_rechazo(struct req *r, struct resp *rs, const struct solicitud *s,
    const char *motivo)
{
	const char *sellado = secret_seal_field(r->a, arena_printf(r->a, "%lld\n%s",
	    r->now, motivo), ad_confirm(r, "rechazo", s->id, s->version));
	struct view *v = confirmacion_page(r, rs, s, "Confirme el rechazo", "RECHAZO", sellado);

	view_set(v, "MOTIVO", motivo);
	return HTTP_OK;
}

/* The request page (400) when a confirmation does not open or is stale: nothing written. */
static enum http_status
vencida(struct req *r, struct resp *rs, const struct solicitud *s, const char *que)
{
	return msps_solicitud_page(r, rs, HTTP_BAD_REQUEST, s, NULL, NULL, NULL,
	    arena_printf(r->a, "La confirmación no es válida o venció (sirve %d minutos, en esta "
	    "sesión): %s. No se guardó nada.", CONFIRMAR_VIDA / 60, que));
}

/* The keys of a confirmation, checked again as the form checks them on the day of now.
 * Returns 0 or -1. */
static int
llaves_de(char **v, long long now, struct llave_in in[AMBIENTES])
{
	int i;

	for (i = 0; i < AMBIENTES; i++) {
		in[i].client_id = v[1 + 3 * i];
		in[i].client_secret = v[2 + 3 * i][0] != '\0' ? v[2 + 3 * i] : NULL;
		in[i].expira = v[3 + 3 * i];
		if (!v_client_id(in[i].client_id) || !v_fecha_futura(in[i].expira, now) ||
		    (in[i].client_secret != NULL && !v_client_secret(in[i].client_secret)))
			return -1;
	}
	return 0;
}

/* The answer after a transaction: 303 to ok on IHCE_OK, else the request page as it is
 * now with why (409), or 500. */
static enum http_status
respuesta(struct req *r, struct resp *rs, struct solicitud *s, enum ihce_rc rc, const char *ok)
{
	const char *msg;
	enum http_status st;

	if (rc == IHCE_OK)
		return resp_redirect(rs, ok);
	if ((st = msps_conflicto(rc, &msg)) == HTTP_ERROR)
		return st;
	ihce_solicitud_get(r->a, s->id, s);
	return msps_solicitud_page(r, rs, st, s, NULL, NULL, NULL, msg);
}

/* POST /msps/solicitudes/{id}/confirmar (F_REAUTH): 303 to the queue, the keys saved (a
 * blank ClientSecret kept the stored one) with their activation code mailed; 400 with the
 * request page when the sealed values do not open (another session, request or version;
 * tampered) or are stale; 409 when the request changed meanwhile; 404 if unknown. */
enum http_status
page_msps_confirmacion(struct req *r, struct resp *rs)
{
	struct llave_in in[AMBIENTES];
	struct solicitud s;
	char *v[CAMPOS_LLAVES];
	long long version;

	if (!ihce_solicitud_get(r->a, r->pathid[0], &s))
		return HTTP_NOT_FOUND;
	if (open_sellado(r, "llaves", s.id, &version, v, CAMPOS_LLAVES) < 0 || llaves_de(v, r->now, in) < 0)
		return vencida(r, rs, &s, "escriba de nuevo las llaves");
	/* The queue it was in: Asignar token, or Actualizar token once it had keys. */
	return respuesta(r, rs, &s, ihce_assign(r, s.id, version, in, NULL),
	    arena_printf(r->a, "%s?ok=llaves", msps_cola_de(&s)->path));
}

/* POST /msps/solicitudes/{id}/rechazar/confirmar: 303 to Asignar token, the request
 * rejected and the entity told; 400 with the request page when the sealed reason does not
 * open or is stale; 409 when the request changed meanwhile; 404 if unknown. */
enum http_status
page_msps_rechazo_confirmacion(struct req *r, struct resp *rs)
{
	struct solicitud s;
	char *v[2];
	long long version;

	if (!ihce_solicitud_get(r->a, r->pathid[0], &s))
		return HTTP_NOT_FOUND;
	if (open_sellado(r, "rechazo", s.id, &version, v, 2) < 0 || !v_longtext(v[1]))
		return vencida(r, rs, &s, "escriba de nuevo el motivo del rechazo");
	return respuesta(r, rs, &s, ihce_reject(r, s.id, version, v[1]),
	    "/msps/asignar?ok=rechazo");
}
