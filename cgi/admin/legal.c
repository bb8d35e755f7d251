/*
 * The public pages the footer links to: the personal-data policy (Ley 1581 de 2012), the
 * terms of use and the accessibility statement (Resolución 1519 de 2020). Static text in
 * their templates; no session needed, the session header shows when there is one.
 */
#include "admin/admin.h"

/* Renders template tpl titled title, its breadcrumb ending in title. Always 200. */
static enum http_status
legal_page(struct resp *rs, const char *tpl, const char *title)
{
	resp_page(rs, tpl, title);
	resp_crumb(rs, title, NULL);
	return HTTP_OK;
}

/* GET /privacidad: 200. */
enum http_status
page_privacidad(struct req *r, struct resp *rs)
{
	(void)r;
	return legal_page(rs, "admin/privacidad.tpl", "Política de tratamiento de datos personales");
}

/* GET /terminos: 200. */
enum http_status
page_terminos(struct req *r, struct resp *rs)
{
	(void)r;
	return legal_page(rs, "admin/terminos.tpl", "Términos de uso");
}

/* GET /accesibilidad: 200. */
enum http_status
page_accesibilidad(struct req *r, struct resp *rs)
{
	(void)r;
	return legal_page(rs, "admin/accesibilidad.tpl", "Declaración de accesibilidad");
}
