#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <gd.h>
#include <gdfontg.h>
#include <sodium.h>

#include "core/db.h"
#include "cuentas/reto.h"
#include "core/token.h"

#define CODE_LEN	6
/* No 0/O, 1/I/L, 2/Z, 5/S, 8/B: characters people confuse in a noisy image. */
static const char alphabet[] = "ACDEFHJKMNPRTUVWXY3479";
static const char *const numeros[] = { "cero", "uno", "dos", "tres", "cuatro", "cinco",
	"seis", "siete", "ocho", "nueve" };

int
cuentas_reto_show(struct req *r, struct view *v)
{
	unsigned char h[32];
	char id[TOKEN_LEN + 1], code[CODE_LEN + 1], ans[4];
	unsigned a = 1 + randombytes_uniform(9), b = 1 + randombytes_uniform(9);
	struct view *s;
	int i;

	token_make(id);
	for (i = 0; i < CODE_LEN; i++)
		code[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	code[CODE_LEN] = '\0';
	snprintf(ans, sizeof(ans), "%u", a + b);
	token_hash(id, h);
	db_exec(ST_RETO_PURGE, "i", r->now - RETO_VIDA);
	if (db_exec(ST_RETO_INSERT, "btti", h, 32, code, ans, r->now) < 0)
		return -1;
	s = view_section(v, "RETO");
	view_set(s, "RETO_ID", id);
	view_setf(s, "PREGUNTA", "¿Cuánto es %s más %s? Escriba el resultado en números.",
	    numeros[a], numeros[b]);
	return 0;
}

/* s without blanks, in upper case, into out (n bytes). */
static void
normalize(const char *s, char *out, size_t n)
{
	size_t o = 0;

	for (; *s != '\0' && o + 1 < n; s++)
		if (!isspace((unsigned char)*s))
			out[o++] = (char)toupper((unsigned char)*s);
	out[o] = '\0';
}

int
cuentas_reto_resuelto(struct req *r, const char *reto_id, const char *answer)
{
	unsigned char h[32];
	char got[16];
	const char *code = NULL, *ans = NULL;
	long long creado = 0;
	struct db_stmt *st;

	if (reto_id == NULL || strlen(reto_id) != TOKEN_LEN || answer == NULL || strlen(answer) > 15)
		return 0;
	token_hash(reto_id, h);
	if ((st = db_stmt(ST_RETO_TOMAR, "b", h, 32)) == NULL)
		return 0;
	if (db_step(st) == DB_ROW) {
		code = db_text(r->a, st, 0);
		ans = db_text(r->a, st, 1);
		creado = db_col_int64(st, 2);
	}
	db_reset(st);
	if (code == NULL || creado < r->now - RETO_VIDA)
		return 0;
	normalize(answer, got, sizeof(got));
	return got[0] != '\0' && (strcmp(got, code) == 0 || strcmp(got, ans) == 0);
}

/* Draws code into a PNG: each character enlarged from gd's giant font at a random height,
 * over noise lines. Returns the PNG (free with gdFree) and its size, or NULL. */
static void *
draw(const char *code, int *size)
{
	gdImagePtr im = gdImageCreate(6 * 34 + 20, 70), ch;
	gdFontPtr font = gdFontGetGiant();
	int i, noise, x;
	void *png;

	if (im == NULL)
		return NULL;
	gdImageColorAllocate(im, 245, 247, 251);	/* the first color is the background */
	noise = gdImageColorAllocate(im, 150, 170, 200);
	for (i = 0; i < 8; i++)
		gdImageLine(im, (int)randombytes_uniform(220), (int)randombytes_uniform(70),
		    (int)randombytes_uniform(220), (int)randombytes_uniform(70), noise);
	for (i = 0, x = 10; code[i] != '\0'; i++, x += 34) {
		if ((ch = gdImageCreate(font->w, font->h)) == NULL)
			break;
		gdImageColorAllocate(ch, 245, 247, 251);
		gdImageChar(ch, font, 0, 0, code[i], gdImageColorAllocate(ch, 0, 72, 132));
		gdImageColorTransparent(ch, 0);
		gdImageCopyResized(im, ch, x + (int)randombytes_uniform(6),
		    5 + (int)randombytes_uniform(15), 0, 0, font->w * 3, font->h * 3 - 5,
		    font->w, font->h);
		gdImageDestroy(ch);
	}
	png = gdImagePngPtr(im, size);
	gdImageDestroy(im);
	return png;
}

enum http_status
page_reto_imagen(struct req *r, struct resp *rs)
{
	unsigned char h[32];
	const char *code = NULL;
	struct db_stmt *st;
	void *png;
	int size = 0;

	if (strlen(r->pathv[0]) != TOKEN_LEN)
		return HTTP_NOT_FOUND;
	token_hash(r->pathv[0], h);
	if ((st = db_stmt(ST_RETO_CODIGO, "bi", h, 32, r->now - RETO_VIDA)) == NULL)
		return HTTP_ERROR;
	if (db_step(st) == DB_ROW)
		code = db_text(r->a, st, 0);
	db_reset(st);
	if (code == NULL)
		return HTTP_NOT_FOUND;
	if ((png = draw(code, &size)) == NULL)
		return HTTP_ERROR;
	buf_put(&rs->body, png, (size_t)size);
	gdFree(png);
	rs->ctype = "image/png";
	rs->nostore = 1;
	return HTTP_OK;
}
