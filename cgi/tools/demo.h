#ifndef DEMO_H
#define DEMO_H
/* Loads the demo data once (the ministry, providers, delegates, requests in every state)
 * and, when extra > 0, that many more entities with pending requests (benchmarks).
 * Prints the demo logins. Returns 0 or -1. */
int demo_seed(int extra);
/* cgi/tools/demo_mipres.c: the MIPRES EPS, two dispensers, their delegates (password hash) and
 * direccionamientos in several states. Returns 0 or -1. */
int demo_mipres(const char *hash);
/* Gives the MIPRES demo entities new user tokens and prints them with their logins. */
void demo_mipres_logins(void);

/* For the demo's parts (demo_*.c). */
#include "core/req.h"
#define DEMO_CCF_NIT	"892300110"	/* the first demo CCF: present once SAT's demo is loaded */
/* A plausible Colombian name for demo person k (first name, maybe a second one, two
 * surnames), in the arena. */
const char *demo_nombre(struct arena *, unsigned k);
/* Creates a user holding rol for entity ent (a "CC<number>" login is the person's
 * document; a delegate's gets a cédula made of the NIT); returns the user id or -1. */
long long demo_user(const char *login, const char *nombre, const char *correo,
    const char *hash, long long ent, const char *rol, long long now);
/* SAT: three CCFs (two activated), their delegates and autorizados. Returns 0 or -1. */
int demo_sat(struct req *, const char *hash);
void demo_sat_logins(void);
#define DEMO_AP_NIT	"800900101"	/* the first demo AP: present once AP's demo is loaded */
/* AP: two Administradoras de Pensiones with both AP services, their connection password
 * and an autorizado each. Returns 0 or -1. */
int demo_ap(struct req *, const char *hash);
void demo_ap_logins(void);
/* Delegates: two registrations waiting for the ministry, with their letters (PDF), the
 * registrants with the demo password. Returns 0 or -1. */
int demo_delegados(struct req *, const char *hash);
void demo_delegados_logins(void);
#endif
