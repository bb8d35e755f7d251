/* The login's throttle (cgi/accounts.c), shared with the second step and re-authentication:
 * 5 failures of a login or 20 of an address within 15 minutes lock it for 15 minutes. */
#ifndef LOGIN_H
#define LOGIN_H
#include "req.h"
#include "session.h"

/* The message to show when login or the client's address is locked now, or NULL. */
const char *login_bloqueado(struct req *, const char *login);
/* Counts one failure against login and the client's address. */
void login_fallo(struct req *, const char *login);
/* Clears login's failures (after a complete authentication). */
void login_fallo_clear(struct req *, const char *login);
/* What a user who just gave the right password still owes (cgi/dos_pasos.c): the code
 * when a factor is active, enrollment for ministry staff without one, else nothing. */
enum paso segundo_paso(long long usuario_id);
#endif
