#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/claves_comunes.h"
#include "core/log.h"
#include "core/valid.h"

/* The common passwords, lower case, sorted; read-only after clave_load. */
static char **comunes;
static size_t ncomunes;

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* s with ASCII letters in lower case, into out (n bytes). */
static void
lower(const char *s, char *out, size_t n)
{
	size_t i;

	for (i = 0; s[i] != '\0' && i + 1 < n; i++)
		out[i] = (char)tolower((unsigned char)s[i]);
	out[i] = '\0';
}

long
clave_load(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[CLAVE_MAX + 2], **v;
	size_t cap = 0;

	if (f == NULL) {
		log_err("claves comunes: %s: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		if (ncomunes == cap) {
			cap = cap ? cap * 2 : 4096;
			if ((v = realloc(comunes, cap * sizeof(*v))) == NULL)
				break;
			comunes = v;
		}
		lower(line, line, sizeof(line));
		if ((comunes[ncomunes] = strdup(line)) == NULL)
			break;
		ncomunes++;
	}
	fclose(f);
	qsort(comunes, ncomunes, sizeof(*comunes), cmp);
	return (long)ncomunes;
}

/* Whether pw, ignoring case, is on the list. */
static int
comun(const char *pw)
{
	char low[CLAVE_MAX + 1];
	const char *key = low;

	lower(pw, low, sizeof(low));
	return ncomunes > 0 && bsearch(&key, comunes, ncomunes, sizeof(*comunes), cmp) != NULL;
}

/* Whether hay contains needle, ignoring ASCII case; an empty or short needle never. */
static int
contiene(const char *hay, const char *needle)
{
	char h[CLAVE_MAX + 1], n[CLAVE_MAX + 1];

	if (needle == NULL || strlen(needle) < 3)
		return 0;
	lower(hay, h, sizeof(h));
	lower(needle, n, sizeof(n));
	return strstr(h, n) != NULL;
}

const char *
clave_problema(const char *pw, const char *login, const char *num_doc)
{
	if (pw != NULL && strlen(pw) > CLAVE_MAX)
		return "La contraseña puede tener hasta 256 caracteres.";
	if (pw != NULL && pw[0] != '\0' && !v_password(pw))
		return "La contraseña tiene caracteres no válidos (de control).";
	if (pw == NULL || utf8_chars(pw) < CLAVE_MIN)
		return "La contraseña debe tener al menos 12 caracteres (puede usar espacios, "
		    "letras, números y símbolos; una frase fácil de recordar sirve).";
	if (comun(pw))
		return "Esa contraseña es muy común y fácil de adivinar: elija otra, por ejemplo "
		    "una frase de varias palabras.";
	if (contiene(pw, login) || contiene(pw, num_doc))
		return "La contraseña no puede contener su usuario ni su número de documento.";
	return NULL;
}
