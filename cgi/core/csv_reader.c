/*
 * A CSV reader for uploads (see cgi/core/csv_reader.h): one pass over the bytes, each field copied
 * into the arena once its length is known.
 */
#include <string.h>

#include "core/csv_reader.h"

struct lector {
	struct arena	*a;
	const char	*p, *end;
	size_t		 line;		/* the line p is on */
	char		 sep;
};

static int
blanco(char c)
{
	return c == ' ' || c == '\t';
}

/* The separator of the first record (after blank lines): ';' when it has more semicolons
 * than commas outside quotes, else ','. */
static char
separador(const char *p, const char *end)
{
	size_t comas = 0, puntos = 0;
	int dentro = 0;

	while (p < end && (*p == '\r' || *p == '\n' || blanco(*p)))
		p++;
	for (; p < end; p++) {
		if (*p == '"')
			dentro = !dentro;
		else if (!dentro && (*p == '\n' || *p == '\r'))
			break;
		else if (!dentro && *p == ',')
			comas++;
		else if (!dentro && *p == ';')
			puntos++;
	}
	return puntos > comas ? ';' : ',';
}

/* Reads a quoted field at l->p (on its opening quote) into *out. Returns NULL or why. */
static const char *
entre_comillas(struct lector *l, const char **out)
{
	const char *p = l->p + 1, *ini = p;
	size_t desde = l->line, n = 0;
	char *d;

	/* First its length, counting "" as one quote, then the copy. */
	for (;; p++, n++) {
		if (p == l->end)
			return arena_printf(l->a, "Línea %zu: unas comillas (\") abren un campo que "
			    "no se cierra.", desde);
		if (*p == '"' && p + 1 < l->end && p[1] == '"')
			p++;
		else if (*p == '"')
			break;
		else if (*p == '\n')
			l->line++;
	}
	*out = d = arena_alloc(l->a, n + 1);
	for (; ini < p; ini++) {
		*d++ = *ini;
		if (*ini == '"')
			ini++;
	}
	*d = '\0';
	for (p++; p < l->end && blanco(*p); p++)
		continue;
	if (p < l->end && *p != l->sep && *p != '\r' && *p != '\n')
		return arena_printf(l->a, "Línea %zu: hay texto después de las comillas que cierran "
		    "un campo; escriba una comilla dentro de un campo como \"\".", l->line);
	l->p = p;
	return NULL;
}

/* Reads the field at l->p into *out, leaving l->p on the separator, line end or end.
 * Returns NULL or why the file is refused. */
static const char *
campo(struct lector *l, const char **out)
{
	const char *ini, *fin;

	while (l->p < l->end && blanco(*l->p))
		l->p++;
	if (l->p < l->end && *l->p == '"')
		return entre_comillas(l, out);
	for (ini = l->p; l->p < l->end && *l->p != l->sep && *l->p != '\r' && *l->p != '\n';)
		l->p++;
	for (fin = l->p; fin > ini && blanco(fin[-1]); fin--)
		continue;
	*out = arena_strndup(l->a, ini, (size_t)(fin - ini));
	return NULL;
}

/* Reads one record into row (its fields in the arena) and moves past its line end.
 * Returns NULL or why the file is refused. */
static const char *
registro(struct lector *l, struct csv_row *row)
{
	const char *v[CSV_MAX_COLS], *why;
	size_t n = 0;

	row->line = l->line;
	for (;;) {
		if (n == CSV_MAX_COLS)
			return arena_printf(l->a, "Línea %zu: tiene más de %d columnas.", row->line,
			    CSV_MAX_COLS);
		if ((why = campo(l, &v[n++])) != NULL)
			return why;
		if (l->p < l->end && *l->p == l->sep) {
			l->p++;
			continue;
		}
		break;
	}
	if (l->p < l->end && *l->p == '\r')
		l->p++;
	if (l->p < l->end && *l->p == '\n')
		l->p++;
	l->line++;
	row->v = arena_alloc(l->a, n * sizeof(*row->v));
	memcpy(row->v, v, n * sizeof(*row->v));
	row->n = n;
	return NULL;
}

/* Whether every field of row is empty (a blank line, or only separators). */
static int
vacio(const struct csv_row *row)
{
	size_t i;

	for (i = 0; i < row->n; i++)
		if (row->v[i][0] != '\0')
			return 0;
	return 1;
}

const char *
csv_read(struct arena *a, const char *s, size_t len, size_t max_rows, struct csv *out)
{
	struct lector l = { a, s, s + len, 1, ',' };
	struct csv_row row, *grande;
	const char *why;
	size_t cap = 0;

	memset(out, 0, sizeof(*out));
	if (memchr(s, '\0', len) != NULL)
		return "El archivo contiene bytes nulos: no es un archivo de texto.";
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		l.p += 3;
	out->sep = l.sep = separador(l.p, l.end);
	while (l.p < l.end) {
		if ((why = registro(&l, &row)) != NULL)
			return why;
		if (vacio(&row))
			continue;
		if (out->n == max_rows)
			return arena_printf(a, "El archivo tiene más de %zu filas además del "
			    "encabezado.", max_rows > 0 ? max_rows - 1 : 0);
		if (out->n == cap) {
			cap = cap ? cap * 2 : 64;
			grande = arena_alloc(a, cap * sizeof(*grande));
			if (out->n > 0)
				memcpy(grande, out->rows, out->n * sizeof(*grande));
			out->rows = grande;
		}
		out->rows[out->n++] = row;
	}
	return NULL;
}
