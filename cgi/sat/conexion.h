/*
 * "Probar conexión": asks an OAuth 2.0 token endpoint for a token, then calls a web service
 * with it, and says in Spanish how each step went. Safe to run from a worker on an entity's
 * behalf: https only on allowed ports, each host resolved once and the connection pinned to
 * that address (refused ranges unless allow-listed), TLS always verified, redirects never
 * followed, bounded time and answer size. The token itself never leaves this module.
 */
#ifndef CONEXION_H
#define CONEXION_H
#include <stddef.h>

#include "sat/red.h"

/* How a step ended. */
enum con_estado {
	CON_OK = 0,
	CON_NO_INTENTADO,	/* an earlier step failed */
	CON_URL_INVALIDA,	/* not a URL, or no host */
	CON_ESQUEMA,		/* not https */
	CON_USUARIO_EN_URL,	/* user:password@ in the URL */
	CON_PUERTO,		/* port not allowed */
	CON_NOMBRE,		/* the name does not resolve */
	CON_DIRECCION,		/* resolves to a refused address */
	CON_RECHAZADA,		/* connection refused or unreachable */
	CON_TLS_CERTIFICADO,	/* certificate not trusted or not for this name */
	CON_TLS,		/* another TLS failure */
	CON_TIEMPO,		/* connect or total timeout */
	CON_REDIRECCION,	/* a 3xx answer (not followed) */
	CON_HTTP,		/* an unexpected HTTP status */
	CON_JSON,		/* the token answer is not valid JSON */
	CON_SIN_TOKEN,		/* valid JSON, but no access_token */
	CON_GRANDE,		/* the answer is over the size cap */
	CON_RED,		/* another network error */
};

enum con_grant {
	CON_GRANT_CLIENT_CREDENTIALS = 0,
	CON_GRANT_PASSWORD,	/* RFC 9700 deprecates it; some SAT services still use it */
};

/* What to test. Strings are borrowed; NULL or "" means absent. */
struct con_config {
	const char		*token_url;
	const char		*servicio_url;
	const char		*metodo;	/* GET (default), POST, PUT, PATCH, DELETE */
	const char		*cuerpo;	/* JSON example body, or NULL */
	size_t			 cuerpo_len;
	enum con_grant		 grant;
	const char		*client_id;
	const char		*client_secret;
	const char		*usuario;	/* grant password */
	const char		*clave;		/* grant password */
	const char		*scope;
	int			 cliente_en_cuerpo;	/* 0: HTTP Basic (RFC 6749 §2.3.1) */
	const struct red_cidr	*permitidas;	/* allow-list of refused ranges */
	int			 npermitidas;
	const int		*puertos;	/* ports allowed besides 443 */
	int			 npuertos;
	const char		*ca_file;	/* NULL: the system's CA bundle */
	long			 conectar_ms;	/* 0: CON_CONECTAR_MS */
	long			 total_ms;	/* 0: CON_TOTAL_MS; bounds the whole test */
	size_t			 max_bytes;	/* 0: CON_MAX_BYTES */
};

#define CON_CONECTAR_MS	5000
#define CON_TOTAL_MS	10000
#define CON_MAX_BYTES	65536
#define CON_EXTRACTO	300

/* One step's outcome. */
struct con_paso {
	enum con_estado	 estado;
	long		 http;		/* HTTP status, 0 when none came */
	char		 mensaje[640];	/* Spanish, plain text (the page escapes it) */
	char		 token_tipo[32];	/* token step: token_type on success */
	long		 expira;	/* token step: expires_in seconds, -1 when not given */
	char		 oauth_error[64];	/* token step: OAuth "error" on 400/401 */
	char		 oauth_descripcion[256];	/* and "error_description" */
	char		 extracto[CON_EXTRACTO + 1];	/* service step: first bytes of the answer */
};

struct con_resultado {
	struct con_paso	token;
	struct con_paso	servicio;
};

/*
 * The operator's limits on connection tests: which refused addresses and which ports besides
 * 443 are allowed, the CA file, the timeouts and the answer cap. One parser reads them for
 * `portal serve` (environment PORTAL_CONEXION_<KEY>) and for `portal probar-conexion` (the
 * same environment, then KEY=VALUE parameters), keys in lower case:
 *   permitidas	addresses and CIDR blocks, separated by commas or blanks
 *   puertos	ports 1..65535, separated by commas or blanks (at most 16)
 *   ca		a CA file (PEM) instead of the system's bundle
 *   conectar	seconds (decimals allowed, at most 600)
 *   total	seconds, the same way; bounds the whole test
 *   max_bytes	bytes, at least 1
 */
struct con_operador {
	struct red_cidr	 permitidas[64];
	int		 npermitidas;
	int		 puertos[16];
	int		 npuertos;
	const char	*ca_file;	/* borrowed: the environment's or the caller's string */
	long		 conectar_ms, total_ms;
	size_t		 max_bytes;
};

/* The limits `portal serve` read at start-up (all zero: the defaults, no allow-list). */
extern struct con_operador con_operador_portal;

/*
 * Applies key=valor to o (valor borrowed). Returns 1 when applied, 0 when key is not one of
 * the operator's, -1 when the value is not valid (*malo, when not NULL, points at the bad
 * part of a list, or is NULL).
 */
int con_operador_clave(struct con_operador *o, const char *key, const char *valor,
    const char **malo);
/*
 * Reads every PORTAL_CONEXION_<KEY> variable set in the environment into o. Returns 0, or -1
 * with a Spanish message naming the variable in err.
 */
int con_operador_env(struct con_operador *o, char *err, size_t n);
/* Points c's operator fields at o's (o must outlive c). */
void con_operador_apply(const struct con_operador *o, struct con_config *c);

/* 1 when the method is one conexion_test accepts (upper case). */
int con_metodo_valido(const char *m);
/*
 * Runs both steps and fills r (every field, always). Returns 0 when both succeeded, -1 when
 * a step failed (r says which and why). Blocks at most about total_ms plus name resolution.
 */
int conexion_test(const struct con_config *c, struct con_resultado *r);
/* The step's state as a short Spanish label ("correcto", "tiempo de espera agotado"). */
const char *con_estado_texto(enum con_estado e);
#endif
