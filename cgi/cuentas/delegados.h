/*
 * Becoming an entity's delegado administrativo needs proof (issue 11 §1): a registration
 * is a request, with the designation letter signed by the entity's legal representative,
 * that waits until a funcionario MSPS approves it on "Solicitudes de delegado"
 * (cgi/cuentas/delegados.c). Until then the registrant holds no role: the login shows only the
 * request's state.
 */
#ifndef DELEGADOS_H
#define DELEGADOS_H
#include <stddef.h>

#include "core/http.h"
#include "core/req.h"

#define REGISTRO_PATH		"/registro"	/* its body's cap: cgi/cuentas/cuentas.h */

/* What a registrant asks for. */
struct delegado_pedido {
	long long	 usuario_id;
	long long	 entidad_id;	/* 0: an entity the portal does not know yet */
	const char	*login, *nit, *tipo, *rol, *modulo;
	const char	*razon;		/* typed for a new entity; NULL for a known one */
	const char	*carta, *carta_nombre;	/* the PDF and the file name the browser gave */
	size_t		 carta_len;
};

/* Records the request as waiting, in the caller's transaction, with its notices (no text
 * the registrant typed): the entity's active people (when the portal knows it) and the
 * funcionarios MSPS; and the audit entry. Returns the request's id, 0 when a request for
 * that entity and module waits already, or -1. */
long long cuentas_delegado_request(struct req *, const struct delegado_pedido *);

/* For a user who gave the right password but holds no active role: when the user's latest
 * delegate request waits or was rejected, renders the page that says so (and nothing of the
 * entity), audits the login and returns 403; returns 0 when the user has no such request. */
enum http_status cuentas_delegado_estado_login(struct req *, struct resp *, long long usuario_id,
    const char *login);
#endif
