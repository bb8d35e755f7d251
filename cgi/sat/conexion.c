/*
 * Connection test for OAuth 2.0 protected web services (cgi/sat/conexion.h).
 *
 * Each request: check the URL (red_url_check), resolve the host once (getaddrinfo_a,
 * bounded by the deadline), refuse the whole host if any of its addresses is refused, then
 * hand libcurl exactly those addresses (CURLOPT_RESOLVE) so it does no lookup of its own that
 * a DNS answer could change between the check and the connection; the opensocket callback
 * checks again the address actually dialled. TLS still verifies the certificate against the host name (SNI too).
 * Redirects are not followed: a 3xx is reported, and the operator configures the final URL.
 */
#include <errno.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include <curl/curl.h>
#include <jansson.h>
#include <sodium.h>

#include "core/arena.h"
#include "sat/conexion.h"
#include "core/log.h"

#define MAX_DIRS	16

/* One HTTP exchange: what to send, and what came back. */
struct peticion {
	const struct con_config	*c;
	struct arena		*a;
	const char		*url;
	const char		*quien;		/* "servicio de autorización" or "servicio" */
	const char		*metodo;
	struct curl_slist	*hdr;
	const char		*cuerpo;
	size_t			 cuerpo_len;
	long			 fin_ms;	/* monotonic deadline of the whole test */
	struct red_dir		 dirs[MAX_DIRS];	/* the pinned addresses */
	int			 ndirs;
	int			 socket_negado;
	char			*resp;		/* the answer, NUL-terminated, at most max bytes */
	size_t			 len, max;
	int			 grande;
	long			 http;
	char			 ubicacion[200];	/* Location of a 3xx */
};

const char *
con_estado_texto(enum con_estado e)
{
	switch (e) {
	case CON_OK:			return "correcto";
	case CON_NO_INTENTADO:		return "no se intentó";
	case CON_URL_INVALIDA:		return "dirección (URL) no válida";
	case CON_ESQUEMA:		return "la dirección no usa https";
	case CON_USUARIO_EN_URL:	return "la dirección incluye usuario o contraseña";
	case CON_PUERTO:		return "puerto no permitido";
	case CON_NOMBRE:		return "nombre no resuelto";
	case CON_DIRECCION:		return "dirección no permitida";
	case CON_RECHAZADA:		return "conexión rechazada";
	case CON_TLS_CERTIFICADO:	return "certificado TLS no confiable";
	case CON_TLS:			return "fallo en la conexión TLS";
	case CON_TIEMPO:		return "tiempo de espera agotado";
	case CON_REDIRECCION:		return "redirección no seguida";
	case CON_HTTP:			return "respuesta HTTP inesperada";
	case CON_JSON:			return "la respuesta no es JSON válido";
	case CON_SIN_TOKEN:		return "la respuesta no trae token";
	case CON_GRANDE:		return "respuesta demasiado grande";
	case CON_RED:			return "error de red";
	}
	return "desconocido";
}

int
con_metodo_valido(const char *m)
{
	static const char *ok[] = { "GET", "POST", "PUT", "PATCH", "DELETE" };
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strcmp(m, ok[i]) == 0)
			return 1;
	return 0;
}

/* Milliseconds on the monotonic clock (deadlines). */
static long
ahora_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Sets s's state and message; returns the state. */
static enum con_estado
fallo(struct con_paso *s, enum con_estado e, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum con_estado
fallo(struct con_paso *s, enum con_estado e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->mensaje, sizeof(s->mensaje), fmt, ap);
	va_end(ap);
	s->estado = e;
	return e;
}

/* The reason phrase of common statuses, in Spanish, for messages. */
static const char *
estado_http(long st)
{
	switch (st) {
	case 400: return " (solicitud incorrecta)";
	case 401: return " (no autorizado)";
	case 403: return " (prohibido)";
	case 404: return " (no encontrado)";
	case 405: return " (método no permitido)";
	case 500: return " (error interno del servidor)";
	case 502: return " (puerta de enlace incorrecta)";
	case 503: return " (servicio no disponible)";
	case 504: return " (tiempo de espera de la puerta de enlace)";
	}
	return "";
}

/*
 * Copies the first bytes of src (at most cap - 1) into dst as text: control characters
 * become spaces, bytes that are not UTF-8 become '?', and a character cut at the end is
 * dropped. The output is never longer than the input.
 */
static void
extracto(char *dst, size_t cap, const char *src, size_t len)
{
	size_t i = 0, o = 0, n, k;
	unsigned char ch;

	if (len > cap - 1)
		len = cap - 1;
	while (i < len) {
		ch = (unsigned char)src[i];
		n = ch < 0x80 ? 1 : (ch & 0xe0) == 0xc0 ? 2 : (ch & 0xf0) == 0xe0 ? 3 :
		    (ch & 0xf8) == 0xf0 ? 4 : 0;
		if (n > 1 && i + n > len)
			break;
		for (k = 1; k < n; k++)
			if (((unsigned char)src[i + k] & 0xc0) != 0x80)
				n = 0;
		if (n == 0 || (n == 2 && ch < 0xc2)) {
			dst[o++] = '?', i++;
			continue;
		}
		if (n == 1 && (ch < 0x20 || ch == 0x7f) && ch != '\n' && ch != '\t')
			ch = ' ';
		if (n == 1)
			dst[o++] = (char)ch;
		else
			memcpy(dst + o, src + i, n), o += n;
		i += n;
	}
	dst[o] = '\0';
}

/* Keeps the answer up to q->max bytes; past it, stops the transfer (CURLE_WRITE_ERROR). */
static size_t
write_cb(char *p, size_t size, size_t nmemb, void *ud)
{
	struct peticion *q = ud;
	size_t n = size * nmemb;

	if (q->len + n > q->max) {
		/* Keep what fits (for the excerpt), then stop reading. */
		memcpy(q->resp + q->len, p, q->max - q->len);
		q->len = q->max;
		q->resp[q->len] = '\0';
		q->grande = 1;
		return 0;
	}
	memcpy(q->resp + q->len, p, n);
	q->len += n;
	q->resp[q->len] = '\0';
	return n;
}

/* Dials only the pinned addresses: anything else gets no socket. */
static curl_socket_t
open_cb(void *ud, curlsocktype purpose, struct curl_sockaddr *sa)
{
	struct peticion *q = ud;
	struct red_dir d;
	int i;

	(void)purpose;
	memset(&d, 0, sizeof(d));
	if (sa->family == AF_INET) {
		d.fam = 4;
		memcpy(d.b, &((struct sockaddr_in *)(void *)&sa->addr)->sin_addr, 4);
	} else if (sa->family == AF_INET6) {
		d.fam = 6;
		memcpy(d.b, &((struct sockaddr_in6 *)(void *)&sa->addr)->sin6_addr, 16);
	}
	for (i = 0; i < q->ndirs; i++)
		if (d.fam == q->dirs[i].fam && memcmp(d.b, q->dirs[i].b, 16) == 0)
			return socket(sa->family, sa->socktype, sa->protocol);
	q->socket_negado = 1;
	return CURL_SOCKET_BAD;
}

/* Checks the URL of q. CON_OK or the failure, with its message in s. */
static enum con_estado
check_url(struct peticion *q, struct red_url *u, struct con_paso *s)
{
	switch (red_url_check(q->url, q->c->puertos, q->c->npuertos, u)) {
	case RED_URL_OK:
		return CON_OK;
	case RED_URL_ESQUEMA:
		return fallo(s, CON_ESQUEMA, "La dirección del %s debe empezar por https:// "
		    "(conexión cifrada con TLS).", q->quien);
	case RED_URL_USUARIO:
		return fallo(s, CON_USUARIO_EN_URL, "La dirección del %s incluye un usuario o una "
		    "contraseña antes de «@»; quítelos: las credenciales van en sus propios campos.",
		    q->quien);
	case RED_URL_PUERTO:
		return fallo(s, CON_PUERTO, "El puerto %d de la dirección del %s no está permitido: "
		    "solo se permite el 443 y los que autorice el operador del portal.",
		    u->port, q->quien);
	case RED_URL_MAL:
		break;
	}
	return fallo(s, CON_URL_INVALIDA, "La dirección del %s no es una URL válida.", q->quien);
}

/*
 * getaddrinfo for host, bounded by the test's deadline (getaddrinfo_a: glibc's resolver may
 * otherwise wait for several DNS timeouts). 0 with *res, an EAI_* error, or EAI_AGAIN with
 * *tarde set when the deadline passed. A lookup that cannot be cancelled keeps running in
 * glibc's helper thread: its request is left allocated for it (a few bytes, rare).
 */
static int
resolve_in_time(const char *host, long fin_ms, struct addrinfo **res, int *tarde)
{
	struct gaicb *g = calloc(1, sizeof(*g)), *lista[1];
	struct addrinfo *hints = calloc(1, sizeof(*hints));
	char *nombre = strdup(host);
	struct timespec espera;
	long queda;
	int rc;

	*res = NULL, *tarde = 0;
	if (g == NULL || hints == NULL || nombre == NULL) {
		free(g), free(hints), free(nombre);
		return EAI_MEMORY;
	}
	hints->ai_family = AF_UNSPEC;
	hints->ai_socktype = SOCK_STREAM;
	g->ar_name = nombre, g->ar_request = hints;
	lista[0] = g;
	if ((rc = getaddrinfo_a(GAI_NOWAIT, lista, 1, NULL)) != 0)
		goto out;
	while ((rc = gai_error(g)) == EAI_INPROGRESS) {
		if ((queda = fin_ms - ahora_ms()) <= 0) {
			rc = gai_cancel(g);
			if (rc == EAI_ALLDONE)
				continue;	/* it just ended: gai_error says how */
			*tarde = 1;
			if (rc == EAI_NOTCANCELED)
				return EAI_AGAIN;	/* g still belongs to the lookup */
			rc = EAI_AGAIN;
			goto out;
		}
		espera.tv_sec = queda / 1000, espera.tv_nsec = queda % 1000 * 1000000;
		gai_suspend((const struct gaicb *const *)lista, 1, &espera);
	}
	if (rc == 0)
		*res = g->ar_result;
	else if (g->ar_result)
		freeaddrinfo(g->ar_result);
out:
	free(g), free(hints), free(nombre);
	return rc;
}

/* What a failed lookup's code means, in Spanish (gai_strerror's text is English). */
static const char *
dns_texto(int rc)
{
	switch (rc) {
	case EAI_NONAME:
#ifdef EAI_NODATA
	case EAI_NODATA:
#endif
		return "el nombre no existe en el DNS";
	case EAI_AGAIN:
		return "el servidor DNS no respondió a tiempo";
	default:
		return "el DNS del servidor del portal no dio una respuesta útil";
	}
}

/*
 * Resolves u's host once, refuses it when any address is refused, and builds the
 * CURLOPT_RESOLVE entry pinning those addresses into *pin. CON_OK or the failure.
 */
static enum con_estado
resolve_host(struct peticion *q, const struct red_url *u, struct curl_slist **pin,
    struct con_paso *s)
{
	struct addrinfo *res = NULL, *ai;
	char txt[64], *lista = arena_strdup(q->a, "");
	struct red_dir d;
	int rc, i, dup, tarde;

	rc = resolve_in_time(u->host, q->fin_ms, &res, &tarde);
	if (tarde)
		return fallo(s, CON_TIEMPO, "Tiempo de espera agotado: el nombre «%s» del %s no se "
		    "resolvió a tiempo (DNS).", u->host, q->quien);
	if (rc != 0 || res == NULL)
		return fallo(s, CON_NOMBRE, "No se pudo resolver el nombre «%s» del %s: %s. Revise "
		    "la dirección.", u->host, q->quien, dns_texto(rc));
	for (ai = res; ai; ai = ai->ai_next) {
		memset(&d, 0, sizeof(d));
		if (ai->ai_family == AF_INET)
			d.fam = 4, memcpy(d.b, &((struct sockaddr_in *)(void *)ai->ai_addr)->sin_addr, 4);
		else if (ai->ai_family == AF_INET6)
			d.fam = 6, memcpy(d.b, &((struct sockaddr_in6 *)(void *)ai->ai_addr)->sin6_addr, 16);
		else
			continue;
		red_dir_texto(&d, txt, sizeof(txt));
		if (!red_permitida(&d, q->c->permitidas, q->c->npermitidas)) {
			freeaddrinfo(res);
			return fallo(s, CON_DIRECCION, "La dirección %s de «%s» (%s) no está permitida: "
			    "es %s. El portal no se conecta a direcciones internas; si el servicio está "
			    "en su red, el operador del portal debe autorizar esa dirección.",
			    txt, u->host, q->quien, red_clase_texto(red_classify(&d)));
		}
		for (i = 0, dup = 0; i < q->ndirs; i++)
			dup |= q->dirs[i].fam == d.fam && memcmp(q->dirs[i].b, d.b, 16) == 0;
		if (dup || q->ndirs == MAX_DIRS)
			continue;
		q->dirs[q->ndirs++] = d;
		lista = arena_printf(q->a, "%s%s%s%s%s", lista, *lista ? "," : "",
		    d.fam == 6 ? "[" : "", txt, d.fam == 6 ? "]" : "");
	}
	freeaddrinfo(res);
	if (q->ndirs == 0)
		return fallo(s, CON_NOMBRE, "El nombre «%s» del %s no tiene direcciones IP.",
		    u->host, q->quien);
	/* A numeric host needs no lookup; curl connects to it as written. */
	if (!u->literal)
		*pin = curl_slist_append(NULL, arena_printf(q->a, "%s:%d:%s", u->host, u->port,
		    lista));
	return CON_OK;
}

/* Translates curl's failure e into s. */
static enum con_estado
error_curl(struct peticion *q, CURL *h, CURLcode e, const struct red_url *u,
    const char *detalle, struct con_paso *s)
{
	long os = 0;
	curl_off_t conectado = 0;

	curl_easy_getinfo(h, CURLINFO_OS_ERRNO, &os);
	curl_easy_getinfo(h, CURLINFO_APPCONNECT_TIME_T, &conectado);
	if (q->grande || e == CURLE_FILESIZE_EXCEEDED)
		return fallo(s, CON_GRANDE, "La respuesta del %s es demasiado grande (más de %zu "
		    "bytes); se dejó de leer.", q->quien, q->max);
	if (e == CURLE_OPERATION_TIMEDOUT && conectado == 0)
		return fallo(s, CON_TIEMPO, "Tiempo de espera agotado: no se completó la conexión "
		    "(TCP y TLS) con el %s («%s», puerto %d) a tiempo.", q->quien, u->host, u->port);
	if (e == CURLE_OPERATION_TIMEDOUT)
		return fallo(s, CON_TIEMPO, "Tiempo de espera agotado: el %s aceptó la conexión pero no "
		    "respondió a tiempo.", q->quien);
	if (e == CURLE_COULDNT_CONNECT && q->socket_negado)
		return fallo(s, CON_DIRECCION, "La conexión con el %s iba a una dirección distinta de "
		    "la verificada y se detuvo.", q->quien);
	if (e == CURLE_COULDNT_CONNECT && os == ECONNREFUSED)
		return fallo(s, CON_RECHAZADA, "Conexión rechazada: en «%s», puerto %d, no hay un "
		    "servicio escuchando (%s).", u->host, u->port, q->quien);
	if (e == CURLE_COULDNT_CONNECT)
		return fallo(s, CON_RECHAZADA, "No se pudo conectar con el %s («%s», puerto %d): la red "
		    "no lo alcanza.", q->quien, u->host, u->port);
	/* libcurl's own words are English: they go to the operator's log, not to the page. */
	log_info("conexion: %s %s:%d: %s", q->quien, u->host, u->port,
	    *detalle ? detalle : curl_easy_strerror(e));
	if (e == CURLE_PEER_FAILED_VERIFICATION || e == CURLE_SSL_CACERT_BADFILE)
		return fallo(s, CON_TLS_CERTIFICADO, "El certificado TLS del %s («%s») no es de "
		    "confianza: no lo firma una autoridad reconocida, venció o no corresponde a ese "
		    "nombre.", q->quien, u->host);
	if (e == CURLE_SSL_CONNECT_ERROR || e == CURLE_SSL_CERTPROBLEM || e == CURLE_SSL_CIPHER)
		return fallo(s, CON_TLS, "No se pudo establecer la conexión cifrada (TLS) con el %s: "
		    "el servidor cortó la negociación o no ofrece TLS 1.2 o superior con un cifrado "
		    "seguro.", q->quien);
	if (e == CURLE_COULDNT_RESOLVE_HOST)
		return fallo(s, CON_NOMBRE, "No se pudo resolver el nombre «%s» del %s.", u->host,
		    q->quien);
	return fallo(s, CON_RED, "Falló la comunicación con el %s («%s», puerto %d) antes de "
	    "recibir una respuesta completa. Intente de nuevo; si el error continúa, avise al "
	    "operador del portal.", q->quien, u->host, u->port);
}

/* Sets the options of every request on h. */
static void
opciones(struct peticion *q, CURL *h, struct curl_slist *pin, char *detalle)
{
	long queda = q->fin_ms - ahora_ms();
	long conectar = q->c->conectar_ms > 0 ? q->c->conectar_ms : CON_CONECTAR_MS;

	curl_easy_setopt(h, CURLOPT_URL, q->url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_PROXY, "");		/* no *_proxy from the environment */
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	if (q->c->ca_file && *q->c->ca_file)
		curl_easy_setopt(h, CURLOPT_CAINFO, q->c->ca_file);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, conectar < queda ? conectar : queda);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, queda);
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)q->max);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, q);
	curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_cb);
	curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, q);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, detalle);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "Portal-Interoperabilidad/1 (prueba de conexion)");
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, q->hdr);
	if (pin)
		curl_easy_setopt(h, CURLOPT_RESOLVE, pin);
	if (strcmp(q->metodo, "GET") != 0)
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, q->metodo);
	if (q->cuerpo) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)q->cuerpo_len);
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, q->cuerpo);
	}
}

/*
 * Makes the request q. CON_OK when an HTTP answer came (any status, in q->http, the body in
 * q->resp); otherwise the failure, with its message in s.
 */
static enum con_estado
send_request(struct peticion *q, struct con_paso *s)
{
	struct red_url u;
	struct curl_slist *pin = NULL;
	char detalle[CURL_ERROR_SIZE] = "";
	enum con_estado e;
	CURLcode rc;
	CURL *h;

	q->max = q->c->max_bytes > 0 ? q->c->max_bytes : CON_MAX_BYTES;
	q->resp = arena_alloc(q->a, q->max + 1);
	q->resp[0] = '\0';
	if ((e = check_url(q, &u, s)) != CON_OK || (e = resolve_host(q, &u, &pin, s)) != CON_OK)
		return e;
	if (q->fin_ms - ahora_ms() <= 0) {
		curl_slist_free_all(pin);
		return fallo(s, CON_TIEMPO, "Tiempo de espera agotado antes de conectar con el %s.",
		    q->quien);
	}
	if ((h = curl_easy_init()) == NULL) {
		curl_slist_free_all(pin);
		return fallo(s, CON_RED, "No se pudo preparar la conexión con el %s.", q->quien);
	}
	opciones(q, h, pin, detalle);
	rc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &q->http);
	{
		char *loc = NULL;

		if (curl_easy_getinfo(h, CURLINFO_REDIRECT_URL, &loc) == CURLE_OK && loc)
			extracto(q->ubicacion, sizeof(q->ubicacion), loc, strlen(loc));
	}
	s->http = q->http;
	e = rc == CURLE_OK ? CON_OK : error_curl(q, h, rc, &u, detalle, s);
	curl_easy_cleanup(h);
	curl_slist_free_all(pin);
	return e;
}

/* A 3xx answer: says where it pointed. */
static enum con_estado
redireccion(struct peticion *q, struct con_paso *s)
{
	return fallo(s, CON_REDIRECCION, "El %s respondió con una redirección (HTTP %ld)%s%s%s. "
	    "Por seguridad el portal no sigue redirecciones: configure la dirección final.",
	    q->quien, q->http, *q->ubicacion ? " hacia «" : "", q->ubicacion,
	    *q->ubicacion ? "»" : "");
}

/* The application/x-www-form-urlencoded form of s (RFC 6749 appendix B), in a. */
static char *
form(struct arena *a, const char *s)
{
	char *e = curl_easy_escape(NULL, s ? s : "", 0), *r;

	r = arena_strdup(a, e ? e : "");
	curl_free(e);
	return r;
}

/* 1 when s is NULL or empty. */
static int
vacio(const char *s)
{
	return s == NULL || *s == '\0';
}

/* The token request's body; adds the Basic header to *hdr unless the client is in the body. */
static char *
cuerpo_token(struct arena *a, const struct con_config *c, struct curl_slist **hdr)
{
	static const char basic[] = "Authorization: Basic ";
	char *b, *cred, *h;
	size_t n;

	if (c->grant == CON_GRANT_PASSWORD)
		b = arena_printf(a, "grant_type=password&username=%s&password=%s",
		    form(a, c->usuario), form(a, c->clave));
	else
		b = arena_strdup(a, "grant_type=client_credentials");
	if (!vacio(c->scope))
		b = arena_printf(a, "%s&scope=%s", b, form(a, c->scope));
	if (c->cliente_en_cuerpo) {
		b = arena_printf(a, "%s&client_id=%s", b, form(a, c->client_id));
		if (!vacio(c->client_secret))
			b = arena_printf(a, "%s&client_secret=%s", b, form(a, c->client_secret));
		return b;
	}
	/* RFC 6749 §2.3.1: id and secret are form-encoded, then joined, then Base64. */
	cred = arena_printf(a, "%s:%s", form(a, c->client_id), form(a, c->client_secret));
	n = sodium_base64_encoded_len(strlen(cred), sodium_base64_VARIANT_ORIGINAL);
	h = arena_alloc(a, sizeof(basic) - 1 + n);
	memcpy(h, basic, sizeof(basic) - 1);
	sodium_bin2base64(h + sizeof(basic) - 1, n, (const unsigned char *)cred, strlen(cred),
	    sodium_base64_VARIANT_ORIGINAL);
	*hdr = curl_slist_append(*hdr, h);
	sodium_memzero(cred, strlen(cred));
	sodium_memzero(h, strlen(h));
	return b;
}

/* What to do after an OAuth error code, in Spanish. */
static const char *
consejo_oauth(const char *err)
{
	if (strcmp(err, "invalid_client") == 0)
		return " Revise el identificador (client_id) y el secreto del cliente.";
	if (strcmp(err, "invalid_grant") == 0)
		return " Revise el usuario y la contraseña.";
	if (strcmp(err, "unauthorized_client") == 0)
		return " El cliente no está autorizado para este tipo de concesión.";
	if (strcmp(err, "unsupported_grant_type") == 0)
		return " El servidor no acepta este tipo de concesión (grant_type).";
	if (strcmp(err, "invalid_scope") == 0)
		return " Revise el alcance (scope).";
	return "";
}

/* Copies a string member of o into dst (cut to n bytes, as text). */
static void
miembro(json_t *o, const char *k, char *dst, size_t n)
{
	const char *v = json_string_value(json_object_get(o, k));

	extracto(dst, n, v ? v : "", v ? strlen(v) : 0);
}

/* A 400/401 or other failure status from the token endpoint. */
static enum con_estado
error_token(struct peticion *q, struct con_paso *s)
{
	json_t *j = json_loadb(q->resp, q->len, 0, NULL);

	if (json_is_object(j)) {
		miembro(j, "error", s->oauth_error, sizeof(s->oauth_error));
		miembro(j, "error_description", s->oauth_descripcion,
		    sizeof(s->oauth_descripcion));
	}
	json_decref(j);
	if (*s->oauth_error)
		return fallo(s, CON_HTTP, "El servicio de autorización respondió HTTP %ld%s con el "
		    "error OAuth «%s»%s%s%s.%s", q->http, estado_http(q->http), s->oauth_error,
		    *s->oauth_descripcion ? ": «" : "", s->oauth_descripcion,
		    *s->oauth_descripcion ? "»" : "", consejo_oauth(s->oauth_error));
	return fallo(s, CON_HTTP, "El servicio de autorización respondió HTTP %ld%s; se esperaba "
	    "200.", q->http, estado_http(q->http));
}

/* Reads the token answer in q into s; on success *token is the token (in q->a). */
static enum con_estado
read_token(struct peticion *q, struct con_paso *s, char **token)
{
	json_t *j, *exp;
	const char *t;

	if (q->http >= 300 && q->http < 400)
		return redireccion(q, s);
	if (q->http < 200 || q->http >= 300)
		return error_token(q, s);
	j = json_loadb(q->resp, q->len, 0, NULL);
	if (!json_is_object(j)) {
		json_decref(j);
		return fallo(s, CON_JSON, "La respuesta del servicio de autorización (HTTP %ld) "
		    "no es JSON válido.", q->http);
	}
	t = json_string_value(json_object_get(j, "access_token"));
	if (vacio(t)) {
		json_decref(j);
		return fallo(s, CON_SIN_TOKEN, "La respuesta del servicio de autorización es JSON "
		    "pero no trae «access_token».");
	}
	*token = arena_strdup(q->a, t);
	sodium_memzero((char *)t, strlen(t));
	miembro(j, "token_type", s->token_tipo, sizeof(s->token_tipo));
	exp = json_object_get(j, "expires_in");
	s->expira = json_is_integer(exp) ? (long)json_integer_value(exp) : -1;
	json_decref(j);
	s->estado = CON_OK;
	if (s->expira >= 0)
		snprintf(s->mensaje, sizeof(s->mensaje), "Se obtuvo un token de tipo «%s» válido "
		    "por %ld segundos.", *s->token_tipo ? s->token_tipo : "sin tipo", s->expira);
	else
		snprintf(s->mensaje, sizeof(s->mensaje), "Se obtuvo un token de tipo «%s»; el "
		    "servidor no indicó su vigencia.", *s->token_tipo ? s->token_tipo : "sin tipo");
	return CON_OK;
}

/* Wipes the header values (credentials) before freeing the list. */
static void
delete_hdr(struct curl_slist *l)
{
	struct curl_slist *p;

	for (p = l; p; p = p->next)
		sodium_memzero(p->data, strlen(p->data));
	curl_slist_free_all(l);
}

/* Step 1: the token. On success *token is set. */
static enum con_estado
paso_token(const struct con_config *c, struct arena *a, long fin, struct con_paso *s,
    char **token)
{
	struct peticion q;
	enum con_estado e;
	char *b;

	memset(&q, 0, sizeof(q));
	q.c = c, q.a = a, q.fin_ms = fin, q.metodo = "POST";
	q.url = c->token_url ? c->token_url : "";
	q.quien = "servicio de autorización";
	b = cuerpo_token(a, c, &q.hdr);
	q.hdr = curl_slist_append(q.hdr, "Content-Type: application/x-www-form-urlencoded");
	q.hdr = curl_slist_append(q.hdr, "Accept: application/json");
	q.cuerpo = b, q.cuerpo_len = strlen(b);
	e = send_request(&q, s);
	if (e == CON_OK)
		e = read_token(&q, s, token);
	sodium_memzero(b, strlen(b));
	delete_hdr(q.hdr);
	return e;
}

/* Step 2: the service, with the token. */
static enum con_estado
paso_servicio(const struct con_config *c, struct arena *a, long fin, char *token,
    struct con_paso *s)
{
	struct peticion q;
	enum con_estado e;
	char *auth = arena_printf(a, "Authorization: Bearer %s", token);

	memset(&q, 0, sizeof(q));
	q.c = c, q.a = a, q.fin_ms = fin;
	q.metodo = vacio(c->metodo) ? "GET" : c->metodo;
	q.url = c->servicio_url ? c->servicio_url : "";
	q.quien = "servicio";
	q.hdr = curl_slist_append(NULL, auth);
	q.hdr = curl_slist_append(q.hdr, "Accept: application/json");
	sodium_memzero(auth, strlen(auth));
	if (c->cuerpo) {
		q.hdr = curl_slist_append(q.hdr, "Content-Type: application/json");
		q.cuerpo = c->cuerpo, q.cuerpo_len = c->cuerpo_len;
	}
	if (!con_metodo_valido(q.metodo))
		e = fallo(s, CON_URL_INVALIDA, "El método «%s» no es válido: use GET, POST, PUT, "
		    "PATCH o DELETE.", q.metodo);
	else
		e = send_request(&q, s);
	if (e == CON_OK || e == CON_GRANDE)
		extracto(s->extracto, sizeof(s->extracto), q.resp, q.len);
	delete_hdr(q.hdr);
	if (e != CON_OK)
		return e;
	if (q.http >= 300 && q.http < 400)
		return redireccion(&q, s);
	if (q.http < 200 || q.http >= 300)
		return fallo(s, CON_HTTP, "El servicio respondió HTTP %ld%s%s.", q.http,
		    estado_http(q.http), q.http == 401 || q.http == 403 ?
		    ": no aceptó el token obtenido" : "");
	s->estado = CON_OK;
	snprintf(s->mensaje, sizeof(s->mensaje), "El servicio respondió HTTP %ld.", q.http);
	return CON_OK;
}

/* A step not tried yet: the state it keeps when an earlier step fails. */
static void
paso_init(struct con_paso *s)
{
	memset(s, 0, sizeof(*s));
	s->estado = CON_NO_INTENTADO;
	s->expira = -1;
	snprintf(s->mensaje, sizeof(s->mensaje), "No se intentó porque el paso anterior falló.");
}

int
conexion_test(const struct con_config *c, struct con_resultado *r)
{
	struct arena *a = arena_new();
	long fin = ahora_ms() + (c->total_ms > 0 ? c->total_ms : CON_TOTAL_MS);
	char *token = NULL;
	int rc = -1;

	paso_init(&r->token);
	paso_init(&r->servicio);
	if (paso_token(c, a, fin, &r->token, &token) != CON_OK)
		goto out;
	if (paso_servicio(c, a, fin, token, &r->servicio) != CON_OK)
		goto out;
	rc = 0;
out:
	if (token)
		sodium_memzero(token, strlen(token));
	arena_free(a);
	return rc;
}

struct con_operador con_operador_portal;

/* Reads a list of ports (1..65535) separated by commas or blanks into o. 0 or -1. */
static int
read_puertos(struct con_operador *o, const char *v)
{
	char *end;
	long n;

	for (o->npuertos = 0; *(v += strspn(v, ", \t")); v = (const char *)end) {
		n = strtol(v, &end, 10);
		if (end == v || n < 1 || n > 65535 || o->npuertos == 16 ||
		    (*end && !strchr(", \t", *end)))
			return -1;
		o->puertos[o->npuertos++] = (int)n;
	}
	return 0;
}

/* Seconds (decimals allowed, at most 10 minutes) as milliseconds, or -1. */
static long
read_segundos(const char *v)
{
	char *end;
	double s = strtod(v, &end);

	return end == v || *end || !(s > 0 && s <= 600) ? -1 : (long)(s * 1000);
}

int
con_operador_clave(struct con_operador *o, const char *key, const char *v, const char **malo)
{
	char *end;
	long long n;

	if (malo != NULL)
		*malo = NULL;
	if (strcmp(key, "permitidas") == 0)
		return (o->npermitidas = red_lista_parse(v, o->permitidas, 64, malo)) < 0 ?
		    (o->npermitidas = 0, -1) : 1;
	if (strcmp(key, "puertos") == 0)
		return read_puertos(o, v) == 0 ? 1 : (o->npuertos = 0, -1);
	if (strcmp(key, "ca") == 0) {
		o->ca_file = *v ? v : NULL;
		return 1;
	}
	if (strcmp(key, "conectar") == 0)
		return (o->conectar_ms = read_segundos(v)) > 0 ? 1 : (o->conectar_ms = 0, -1);
	if (strcmp(key, "total") == 0)
		return (o->total_ms = read_segundos(v)) > 0 ? 1 : (o->total_ms = 0, -1);
	if (strcmp(key, "max_bytes") == 0) {
		n = strtoll(v, &end, 10);
		if (end == v || *end || n < 1 || n > 64LL * 1024 * 1024)
			return -1;
		o->max_bytes = (size_t)n;
		return 1;
	}
	return 0;
}

int
con_operador_env(struct con_operador *o, char *err, size_t n)
{
	static const char *const keys[] = { "permitidas", "puertos", "ca", "conectar", "total",
		"max_bytes" };
	char name[64], up[16];
	const char *v, *malo;
	size_t i, j;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		for (j = 0; keys[i][j] != '\0' && j + 1 < sizeof(up); j++)
			up[j] = (char)(keys[i][j] >= 'a' && keys[i][j] <= 'z' ? keys[i][j] - 32 :
			    keys[i][j]);
		up[j] = '\0';
		snprintf(name, sizeof(name), "PORTAL_CONEXION_%s", up);
		if ((v = getenv(name)) == NULL)
			continue;
		if (con_operador_clave(o, keys[i], v, &malo) < 0) {
			snprintf(err, n, "%s: valor no válido%s%s%s", name, malo ? " desde «" : "",
			    malo ? malo : "", malo ? "»" : "");
			return -1;
		}
	}
	return 0;
}

void
con_operador_apply(const struct con_operador *o, struct con_config *c)
{
	c->permitidas = o->permitidas;
	c->npermitidas = o->npermitidas;
	c->puertos = o->puertos;
	c->npuertos = o->npuertos;
	c->ca_file = o->ca_file;
	c->conectar_ms = o->conectar_ms;
	c->total_ms = o->total_ms;
	c->max_bytes = o->max_bytes;
}
