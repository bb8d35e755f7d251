/* The MSPS queue's search through the trigram index: the trigrams asked, and the job that
 * keeps their counts (busqueda_trigrama) and the index in shape. */
#include <ctype.h>
#include <string.h>

#include "core/db.h"
#include "core/log.h"
#include "core/tareas.h"
#include "core/valid.h"
#include "ihce/busqueda.h"
#include "ihce/estado.h"
#include "ihce/ihce.h"

#define BUSQUEDA_CADA	3600	/* seconds between the job's runs */
#define TEXTO_MAX	100	/* cgi/ihce/msps.c's longest search text, in bytes */
/* A second trigram is asked when the candidates it would drop, each checked at about this
 * many times the cost of an entry of its list walked, outnumber its list (FTS5 walks ~300
 * to 600 instructions an entry; an entity and its request checked ~5,000, callgrind; since
 * migration 027 the request is read from the entity's row, ~2,500, the factor unchanged:
 * it only shifts the choice of texts whose two counts are near). */
#define CANDIDATO_POR_ENTRADA	25
#define MEZCLAS_MAX	1000	/* merge steps a run takes at most */

/* Appends s[0..n) to o as an FTS5 string ("..." with quotes doubled); returns the end. */
static char *
fts_string(char *o, const char *s, size_t n)
{
	*o++ = '"';
	for (; n > 0; n--, s++)
		if ((*o++ = *s) == '"')
			*o++ = '"';
	*o++ = '"';
	return o;
}

/* Appends s[0..n) to o as a JSON string (what is not a letter, digit or space as \u00XX);
 * returns the end. */
static char *
json_string(char *o, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char c;

	*o++ = '"';
	for (; n > 0; n--) {
		c = (unsigned char)*s++;
		if (isalnum(c) || c == ' ')
			*o++ = (char)c;
		else {
			memcpy(o, "\\u00", 4);
			o[4] = hex[c >> 4];
			o[5] = hex[c & 15];
			o += 6;
		}
	}
	*o++ = '"';
	return o;
}

/* The trigrams of text fq (n bytes, 3 to TEXTO_MAX, ASCII) at each position: f their
 * counts, in how many entities each is (busqueda_trigrama; 0 when it is not there), all
 * read by one statement, *total how many entities there are; lo..hi the words they touch
 * (-1: only spaces). Returns 0, or -1 when they could not be read. */
static int
read_trigramas(struct arena *a, const char *fq, size_t n, long long *f, int *lo, int *hi,
    long long *total)
{
	int w[TEXTO_MAX], palabra = -1, rc;
	char *lista = arena_alloc(a, 8 * 6 * TEXTO_MAX + 8), *o = lista;
	struct db_stmt *st;
	const char *t;
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (isspace((unsigned char)fq[i]))
			w[i] = -1;
		else
			w[i] = i > 0 && w[i - 1] >= 0 ? w[i - 1] : ++palabra;
	}
	*o++ = '[';
	for (i = 0; i + 3 <= n; i++) {
		f[i] = 0;
		lo[i] = hi[i] = -1;
		for (k = i; k < i + 3; k++)
			if (w[k] >= 0) {
				if (lo[i] < 0)
					lo[i] = w[k];
				hi[i] = w[k];
			}
		o = json_string(o, fq + i, 3);
		*o++ = ',';
	}
	memcpy(o, "\"\"]", 4);	/* '': the entities */
	*total = 0;
	if ((st = db_stmt(ST_BUSQUEDA_TRIGRAMA, "t", lista)) == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		t = db_col_text(st, 0);
		if (t[0] == '\0')
			*total = db_col_int64(st, 1);
		else if (strlen(t) == 3)
			for (i = 0; i + 3 <= n; i++)
				if (memcmp(fq + i, t, 3) == 0)
					f[i] = db_col_int64(st, 1);
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : -1;
}

const char *
busqueda_consulta(struct arena *a, const char *fq, int *pocos)
{
	size_t n = strlen(fq), i, t1, t2;
	long long f[TEXTO_MAX] = { 0 }, total, estimado;
	int lo[TEXTO_MAX], hi[TEXTO_MAX], texto = 0, ascii = 1;
	char *out, *o;

	*pocos = 0;
	for (i = 0; i < n; i++) {
		texto |= !isdigit((unsigned char)fq[i]);
		ascii &= (unsigned char)fq[i] < 0x80;
	}
	if ((ascii && n < 3) || estado_parse(fq) != E__INVALIDO)
		return NULL;
	if (!ascii && utf8_chars(fq) < 3)
		return NULL;
	o = out = arena_alloc(a, 4 * n + 16);
	if (!texto || !ascii || n > TEXTO_MAX) {
		*fts_string(o, fq, n) = '\0';
		return out;
	}
	if (read_trigramas(a, fq, n, f, lo, hi, &total) < 0)
		total = 0;	/* the phrase's first trigram: every match still */
	for (t1 = 0, i = 1; i + 3 <= n; i++)
		if (f[i] < f[t1])
			t1 = i;
	/* the rarest trigram of another word (t1's words apart) */
	for (t2 = n, i = 0; i + 3 <= n; i++)
		if (lo[i] >= 0 && (lo[t1] < 0 || hi[i] < lo[t1] || lo[i] > hi[t1]) &&
		    (t2 == n || f[i] < f[t2]))
			t2 = i;
	estimado = f[t1];
	if (t2 < n && total > 0 && f[t1] * (total - f[t2]) * CANDIDATO_POR_ENTRADA <=
	    f[t2] * total)
		t2 = n;	/* it would cost more than it filters */
	if (t2 < n && total > 0)
		estimado = f[t1] * f[t2] / total;
	*pocos = estimado <= BUSQUEDA_CANDIDATOS;
	o = fts_string(o, fq + t1, 3);
	if (t2 < n) {
		memcpy(o, " AND ", 5);
		o = fts_string(o + 5, fq + t2, 3);
	}
	*o = '\0';
	return out;
}

/* The trigrams' counts the job read (ST_BUSQUEDA_VOCABULARIO). */
struct conteos {
	const char	**t;
	long long	 *n;
	size_t		  len;
};

/* Reads the counts into c (the arena's); returns 0 or -1. Outside any transaction: the
 * vocabulary walks the whole index, which the writers' lock need not wait for. */
static int
read_conteos(struct arena *a, struct conteos *c)
{
	struct db_stmt *st = db_stmt(ST_BUSQUEDA_VOCABULARIO, "");
	size_t max = 0;
	int rc;

	memset(c, 0, sizeof(*c));
	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		if (c->len == max) {
			const char **t = c->t;
			long long *n = c->n;

			max = max == 0 ? 4096 : 2 * max;
			c->t = arena_alloc(a, max * sizeof(*c->t));
			c->n = arena_alloc(a, max * sizeof(*c->n));
			if (c->len > 0) {
				memcpy(c->t, t, c->len * sizeof(*t));
				memcpy(c->n, n, c->len * sizeof(*n));
			}
		}
		c->t[c->len] = db_text(a, st, 0);
		c->n[c->len++] = db_col_int64(st, 1);
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : -1;
}

/* The table again from the counts read (arg), in one short transaction. */
static int
write_trigramas(void *arg)
{
	const struct conteos *c = arg;
	size_t i;
	int rc;

	if ((rc = db_exec(ST_BUSQUEDA_TRIGRAMAS_BORRAR, "")) != 0)
		return rc;
	for (i = 0; i < c->len; i++)
		if ((rc = db_exec(ST_BUSQUEDA_TRIGRAMA_PONER, "ti", c->t[i], c->n[i])) != 0)
			return rc;
	return 0;
}

/* One step of merging the index, its own transaction. */
static int
merge_indice(void *arg)
{
	(void)arg;
	return db_exec(ST_BUSQUEDA_MEZCLAR, "");
}

int
busqueda_tarea(struct arena *a, long long now)
{
	static long long ultima;
	struct conteos c;
	long long antes;
	int i;

	if (ultima != 0 && now - ultima < BUSQUEDA_CADA)
		return 0;
	ultima = now;
	/* a step at a time, the writers' lock let go between them, until one changes nothing */
	for (i = 0; i < MEZCLAS_MAX && !tareas_stop(); i++) {
		antes = db_int(ST_BUSQUEDA_PAGINAS, -1, "");
		if (db_tx_run(merge_indice, NULL, 3) != 0) {
			log_err("busqueda: the trigram index was not merged");
			return -1;
		}
		if (db_int(ST_BUSQUEDA_PAGINAS, -1, "") == antes)
			break;
	}
	if (read_conteos(a, &c) < 0 || db_tx_run(write_trigramas, &c, 3) != 0) {
		log_err("busqueda: the trigrams' counts were not refreshed");
		return -1;
	}
	return 1;
}
