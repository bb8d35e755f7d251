/*
 * Shared by the funcionario MSPS's IHCE pages: the request page and its queues
 * (cgi/ihce/msps.c), and the confirmation steps of the key form and the rejection
 * (cgi/ihce/confirmar.c).
 */
#ifndef IHCE_MSPS_H
#define IHCE_MSPS_H
#include "core/http.h"
#include "ihce/ihce.h"

/* One queue: its title, path, action label and its name in solicitud.cola. */
struct cola {
	const char	*title, *path, *accion, *name;
};

/* The queue request s belongs to: Actualizar token once it has keys, else Asignar token. */
const struct cola *msps_cola_de(const struct solicitud *s);
/* Renders request s with status: the key form (vals/errs; NULL: prefilled with the
 * current keys), the reject form (motivo[0] and its error motivo[1]) and alert on top. */
enum http_status msps_solicitud_page(struct req *, struct resp *, enum http_status status,
    const struct solicitud *s, const char **vals, const char **errs, const char **motivo,
    const char *alert);
/* The message (*msg) and status (409; 500 for IHCE_ERROR) of a refused transaction. */
enum http_status msps_conflicto(enum ihce_rc rc, const char **msg);

/* 200, the confirmation page of keys in (validated) for request s, whose entity has the
 * keys cur: what changes per environment, secrets masked; in travels sealed in the form
 * to POST /msps/solicitudes/{id}/confirmar. */
enum http_status msps_confirm_llaves(struct req *, struct resp *, const struct solicitud *s,
    const struct llave_in in[AMBIENTES], const struct llave_actual cur[AMBIENTES]);
/* 200, the confirmation page of the rejection of s with motivo (validated), which travels
 * sealed to POST /msps/solicitudes/{id}/rechazar/confirmar. */
enum http_status msps_confirm_rechazo(struct req *, struct resp *, const struct solicitud *s,
    const char *motivo);
#endif
