/* Sessions (DESIGN §3): a random 256-bit id in a __Host- cookie, stored hashed. */
#ifndef SESSION_H
#define SESSION_H
#include "core/http.h"
#include "core/req.h"

#define SESSION_COOKIE	"__Host-sid"
#define PRE_COOKIE	"__Host-pre"	/* CSRF token of forms shown before login */
#define SESSION_IDLE	(30 * 60)
#define SESSION_MAX	(12 * 60 * 60)
#define REAUTH_MAX	(10 * 60)	/* a secret shows only this long after the password */

/* Where the login of a session stands (sesion.paso). */
enum paso {
	PASO_LISTO = 0,		/* fully authenticated */
	PASO_CODIGO = 1,	/* password given; the TOTP or a recovery code is due */
	PASO_ENROLAR = 2,	/* ministry staff without a factor: must enroll one first */
};

struct session {
	unsigned char	 hash[32];
	long long	 usuario_id, rol_id, entidad_id;
	long long	 creada, ultimo;
	unsigned	 role;		/* R_PICK while no role is chosen */
	int		 varios;	/* more than one role: "Cambiar rol" shows */
	int		 elegir;	/* no role chosen yet (R_PICK once paso is done) */
	int		 paso;		/* enum paso */
	int		 solo_consulta;	/* the perfil only consults: F_ESCRIBE routes refuse */
	long long	 autenticado;	/* when the password (and code) were last given */
	const char	*login, *nombre, *rol;
	const char	*nit, *razon, *codigo;
	const char	*csrf;
};

/* Sets r->sess when the cookie names a live session; an expired one is deleted. */
void session_load(struct req *);
/* Starts a session for the user in the role (rotating any current one, whose time of
 * authentication it keeps) and sets the cookie. Returns 0 or -1. */
int session_start(struct req *, struct resp *, long long usuario_id, long long rol_id);
/* sesion.elegir of a user with no active role who has waiting invitations: the session
 * rests on one's (inactive) authorization and answers as R_INVITADO. */
#define ELEGIR_INVITADO	2

/* Starts the session of a login that gave the right password: elegir 1 when the user has
 * several roles (ELEGIR_INVITADO when none but waiting invitations), paso what is still
 * due (R_CODIGO, R_ENROLAR until it is PASO_LISTO). The time of authentication is now when
 * nothing is due. Returns 0 or -1. */
int session_start_login(struct req *, struct resp *, long long usuario_id, long long rol_id,
    int elegir, enum paso);
/* Records that the user of the current session just authenticated again. Returns 0 or -1. */
int session_reautenticado(struct req *);
/* Whether the current session authenticated within REAUTH_MAX. */
int session_reciente(const struct req *);
/* Starts a session for a user with several roles who has yet to choose one (role R_PICK:
 * only the role list answers); rol_id is any of the user's active roles. Returns 0 or -1. */
int session_start_pick(struct req *, struct resp *, long long usuario_id, long long rol_id);
/* How many active roles the user holds that this portal serves; *first gets the first
 * one's assignment id (when any). */
int session_roles(long long usuario_id, long long *first);
/* Ends the current session and clears the cookie. */
void session_end(struct req *, struct resp *);
/* The CSRF token for a form shown without a session (login): the pre-session cookie's
 * value, set when absent. The page's forms carry it (rs->csrf, resp_render). */
const char *csrf_pre(struct req *, struct resp *);
/* Whether a state-changing request carries the session's CSRF token (or, without a
 * session, the pre-session cookie's) and, when the browser sent one, a same-origin
 * Origin header ("null", as browsers send it under no-referrer, only with
 * "Sec-Fetch-Site: same-origin"). */
int csrf_ok(const struct req *);
/* Whether origin is https://host. */
int origin_ok(const char *origin, const char *host);
#endif
