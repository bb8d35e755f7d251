/*
 * `portal probar-conexion` (cgi/main.c's command table): the connection test of SAT's web
 * services from the command line, through the engine of "Probar conexión"
 * (cgi/sat/conexion.c), and the start-up that reads the operator's limits for that page.
 */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/comando.h"
#include "core/log.h"
#include "core/vigia.h"
#include "sat/conexion.h"
#include "sat/sat.h"

/* probar-conexion: the parameters read so far. */
struct prueba {
	struct con_config	c;
	struct con_operador	o;	/* the environment's, then the parameters' */
	const char		*cuerpo_archivo;
};

/* Reads the body file (at most 64 KiB) into c. 0 or -1 with a message. */
static int
read_cuerpo(struct prueba *p)
{
	static char cuerpo[65537];
	FILE *f = fopen(p->cuerpo_archivo, "rb");
	size_t n;

	if (f == NULL) {
		fprintf(stderr, "No se pudo abrir el archivo del cuerpo «%s».\n", p->cuerpo_archivo);
		return -1;
	}
	n = fread(cuerpo, 1, sizeof(cuerpo), f);
	fclose(f);
	if (n == sizeof(cuerpo)) {
		fprintf(stderr, "El archivo del cuerpo pasa de 64 KiB.\n");
		return -1;
	}
	p->c.cuerpo = cuerpo, p->c.cuerpo_len = n;
	return 0;
}

/* Applies KEY=VALUE (v is kept, not copied) to p: the operator's limits through the parser
 * `portal serve` uses (con_operador_clave), the rest here. 0 or -1 with a message. */
static int
prueba_clave(struct prueba *p, char *kv)
{
	struct con_config *c = &p->c;
	char *v = strchr(kv, '=');
	const char *malo = NULL;
	int op;

	if (v == NULL) {
		fprintf(stderr, "Falta «=» en «%s».\n", kv);
		return -1;
	}
	*v++ = '\0';
	if ((op = con_operador_clave(&p->o, kv, v, &malo)) != 0)
		;
	else if (strcmp(kv, "token_url") == 0)
		c->token_url = v;
	else if (strcmp(kv, "servicio_url") == 0)
		c->servicio_url = v;
	else if (strcmp(kv, "metodo") == 0 && con_metodo_valido(v))
		c->metodo = v;
	else if (strcmp(kv, "grant") == 0 && strcmp(v, "client_credentials") == 0)
		c->grant = CON_GRANT_CLIENT_CREDENTIALS;
	else if (strcmp(kv, "grant") == 0 && strcmp(v, "password") == 0)
		c->grant = CON_GRANT_PASSWORD;
	else if (strcmp(kv, "client_id") == 0)
		c->client_id = v;
	else if (strcmp(kv, "client_secret") == 0)
		c->client_secret = v;
	else if (strcmp(kv, "usuario") == 0)
		c->usuario = v;
	else if (strcmp(kv, "clave") == 0)
		c->clave = v;
	else if (strcmp(kv, "scope") == 0)
		c->scope = v;
	else if (strcmp(kv, "cliente") == 0 && (strcmp(v, "basic") == 0 || strcmp(v, "cuerpo") == 0))
		c->cliente_en_cuerpo = strcmp(v, "cuerpo") == 0;
	else if (strcmp(kv, "cuerpo_archivo") == 0)
		p->cuerpo_archivo = v;
	else
		op = -1;
	if (op >= 0)
		return 0;
	if (malo != NULL)
		fprintf(stderr, "Parámetro %s: entrada no válida desde «%s».\n", kv, malo);
	else
		fprintf(stderr, "Parámetro desconocido o valor no válido: %s=%s\n", kv, v);
	return -1;
}

/* Reads KEY=VALUE lines from stdin (blank lines and # comments skipped). 0 or -1. */
static int
prueba_stdin(struct prueba *p, struct arena *a)
{
	char line[8192];
	size_t n;

	comando_stdin_read();
	while (fgets(line, sizeof(line), stdin)) {
		n = strcspn(line, "\r\n");
		line[n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		if (prueba_clave(p, arena_strdup(a, line)) < 0)
			return -1;
	}
	return 0;
}

/* Prints one step. */
static void
print_paso(const char *titulo, const struct con_paso *s)
{
	printf("%s: %s", titulo, con_estado_texto(s->estado));
	if (s->http)
		printf(" (HTTP %ld)", s->http);
	printf("\n  %s\n", s->mensaje);
	if (*s->extracto)
		printf("  Extracto de la respuesta: %s\n", s->extracto);
}

/*
 * probar-conexion: asks for a token, calls the service with it, prints each step in Spanish.
 * Exit status 0 when both steps succeed, 1 when one failed, 2 on a bad parameter.
 */
int
sat_comando_test_conexion(int argc, char **argv)
{
	struct arena *a = arena_new();
	struct prueba p;
	struct con_resultado r;
	char err[256];
	int i, rc = 2;

	memset(&p, 0, sizeof(p));
	if (con_operador_env(&p.o, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s\n", err);
		goto out;
	}
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "-") == 0 ? prueba_stdin(&p, a) < 0 : prueba_clave(&p, argv[i]) < 0)
			goto out;
	if (argc == 1 && prueba_stdin(&p, a) < 0)
		goto out;
	if (p.c.token_url == NULL || p.c.servicio_url == NULL || p.c.client_id == NULL) {
		fprintf(stderr, "Faltan parámetros: token_url, servicio_url y client_id son "
		    "obligatorios.\n");
		goto out;
	}
	if (p.cuerpo_archivo && read_cuerpo(&p) < 0)
		goto out;
	con_operador_apply(&p.o, &p.c);
	rc = conexion_test(&p.c, &r) == 0 ? 0 : 1;
	print_paso("Paso 1, token", &r.token);
	print_paso("Paso 2, servicio", &r.servicio);
out:
	arena_free(a);
	return rc;
}

/* Warns when "Probar conexión" may wait longer than a request may hold a worker: the guard
 * would cut it, and the CCF would read the 503 page instead of the timeout. */
static void
limite_conexion(void)
{
	long total = con_operador_portal.total_ms > 0 ? con_operador_portal.total_ms :
	    CON_TOTAL_MS;

	if (total + 1000 >= (long)vigia_limite() * 1000)
		log_err("PORTAL_CONEXION_TOTAL (%ld ms) is not a second below "
		    "PORTAL_LIMITE_SEGUNDOS (%d s): a slow connection test will be cut", total,
		    vigia_limite());
}

/* The operator's limits of "Probar conexión" (PORTAL_CONEXION_*), with the warning above. */
int
sat_config(char *err, size_t n)
{
	if (con_operador_env(&con_operador_portal, err, n) < 0)
		return -1;
	limite_conexion();
	return 0;
}
