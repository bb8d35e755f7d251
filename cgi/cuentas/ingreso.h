/* The login's throttle (cgi/cuentas/intento.c, INTENTO_LOGIN), shared with the second step,
 * re-authentication and "Cambiar contraseña": the pages' messages. */
#ifndef LOGIN_H
#define LOGIN_H
#include "core/http.h"
#include "cuentas/cuentas.h"
#include "core/req.h"
#include "core/session.h"

/* The message of a refused reservation (the same whether or not the login exists). */
const char *cuentas_login_aviso(enum intento_res);
/* Sets Retry-After for a 429 because every hashing slot is taken; returns 429. */
enum http_status cuentas_login_ocupado(struct resp *);
/* What a user who just gave the right password still owes (cgi/cuentas/dos_pasos.c): the code
 * when a factor is active, enrollment for ministry staff without one, else nothing. */
enum paso cuentas_segundo_paso(long long usuario_id);
#endif
