/* The anti-automation challenge of the public forms, with no outside service: a code drawn
 * in an image (libgd), or, for people who cannot see it, a question in text. */
#ifndef RETO_H
#define RETO_H
#include "core/http.h"
#include "cuentas/cuentas.h"
#include "core/req.h"
#include "core/view.h"

/* Creates a challenge and fills view v: RETO_ID (hidden field), the image's address and
 * the text question (section RETO). Returns 0 or -1. */
int cuentas_reto_show(struct req *, struct view *v);
/* Whether answer solves the challenge named by the form's reto_id: the image's code or the
 * question's answer, ignoring case and blanks. The challenge is used up either way. */
int cuentas_reto_resuelto(struct req *, const char *reto_id, const char *answer);
/* GET /registro/reto/{id}: 200 with the PNG; 404 when unknown or expired. */
enum http_status page_reto_imagen(struct req *, struct resp *);
#endif
