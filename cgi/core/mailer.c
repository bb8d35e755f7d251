#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <sodium.h>

#include "core/config.h"
#include "core/db.h"
#include "core/log.h"
#include "core/mailer.h"
#include "core/outbox.h"
#include "core/secret.h"
#include "core/tareas.h"

#define LEASE		300	/* seconds a sender holds a message it is delivering */

/* Appends src as base64, in lines of 76 characters when wrap is set. */
static void
put_base64(struct buf *out, const char *src, size_t n, int wrap)
{
	char line[77];
	size_t chunk;

	do {
		chunk = n > 57 ? 57 : n;	/* 57 bytes make 76 characters */
		sodium_bin2base64(line, sizeof(line), (const unsigned char *)src, chunk,
		    sodium_base64_VARIANT_ORIGINAL);
		buf_puts(out, line);
		if (wrap)
			buf_puts(out, "\r\n");
		src += chunk;
		n -= chunk;
	} while (n > 0);
}

/* Appends subject as RFC 2047 encoded words of at most 45 bytes, never splitting a
 * UTF-8 character, so header lines stay short. */
static void
put_subject(struct buf *out, const char *s)
{
	size_t n = strlen(s), i = 0, k;

	do {
		k = n - i > 45 ? 45 : n - i;
		while (i + k < n && k > 0 && ((unsigned char)s[i + k] & 0xc0) == 0x80)
			k--;
		if (k == 0)	/* no character boundary (invalid UTF-8): cut anyway */
			k = n - i > 45 ? 45 : n - i;
		buf_puts(out, i ? "\r\n =?UTF-8?B?" : "=?UTF-8?B?");
		put_base64(out, s + i, k, 0);
		buf_puts(out, "?=");
		i += k;
	} while (i < n);
}

/* Appends body as HTML: escaped, line breaks as <br>, then each image by its cid. */
static void
put_html(struct buf *out, const char *body, const struct adjunto *adj, size_t nadj)
{
	struct buf h = { 0 };
	size_t i;

	buf_puts(&h, "<!doctype html><html><body><p>");
	for (; *body; body++) {
		switch (*body) {
		case '<': buf_puts(&h, "&lt;"); break;
		case '>': buf_puts(&h, "&gt;"); break;
		case '&': buf_puts(&h, "&amp;"); break;
		case '"': buf_puts(&h, "&quot;"); break;
		case '\n': buf_puts(&h, "<br>\r\n"); break;
		default: buf_put(&h, body, 1);
		}
	}
	buf_puts(&h, "</p>");
	for (i = 0; i < nadj; i++)
		buf_printf(&h, "<p><img src=\"cid:%s\" alt=\"%s\"></p>", adj[i].cid, adj[i].nombre);
	buf_puts(&h, "</body></html>\r\n");
	put_base64(out, h.p, h.len, 1);
	buf_free(&h);
}

/* Appends the multipart/related body of a message with attachments. */
static void
put_multipart(struct buf *out, const char *body, const struct adjunto *adj, size_t nadj,
    long long id)
{
	size_t i;

	buf_printf(out, "Content-Type: multipart/related; boundary=\"=_r%lld\"; "
	    "type=\"multipart/alternative\"\r\n\r\n--=_r%lld\r\n"
	    "Content-Type: multipart/alternative; boundary=\"=_a%lld\"\r\n\r\n--=_a%lld\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n",
	    id, id, id, id);
	put_base64(out, body, strlen(body), 1);
	buf_printf(out, "--=_a%lld\r\nContent-Type: text/html; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n", id);
	put_html(out, body, adj, nadj);
	buf_printf(out, "--=_a%lld--\r\n", id);
	for (i = 0; i < nadj; i++) {
		buf_printf(out, "--=_r%lld\r\nContent-Type: %s; name=\"%s\"\r\n"
		    "Content-Transfer-Encoding: base64\r\nContent-ID: <%s>\r\n"
		    "Content-Disposition: inline; filename=\"%s\"\r\n\r\n", id, adj[i].tipo,
		    adj[i].nombre, adj[i].cid, adj[i].nombre);
		put_base64(out, adj[i].datos, adj[i].len, 1);
	}
	buf_printf(out, "--=_r%lld--\r\n", id);
}

int
mail_format(struct buf *out, const char *from, const char *to, const char *subject,
    const char *body, const struct adjunto *adj, size_t nadj, long long id, long long now)
{
	char date[64];
	time_t t = (time_t)now;
	struct tm tm;
	size_t i;

	if (strpbrk(from, "\r\n<>") != NULL || strpbrk(to, "\r\n<>") != NULL)
		return -1;
	for (i = 0; i < nadj; i++)
		if (strpbrk(adj[i].cid, "\r\n<>\"") || strpbrk(adj[i].nombre, "\r\n<>\"") ||
		    strpbrk(adj[i].tipo, "\r\n<>\";"))
			return -1;
	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	buf_printf(out, "Date: %s\r\nFrom: <%s>\r\nTo: <%s>\r\nSubject: ", date, from, to);
	put_subject(out, subject);
	buf_printf(out, "\r\nMessage-ID: <%lld.%lld@portal.minsalud>\r\nMIME-Version: 1.0\r\n",
	    id, now);
	if (nadj > 0) {
		put_multipart(out, body, adj, nadj, id);
		return 0;
	}
	buf_puts(out, "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n");
	put_base64(out, body, strlen(body), 1);
	return 0;
}

long long
mail_backoff(int attempt)
{
	long long s = 60;

	while (attempt-- > 1 && s < 3600)
		s *= 2;
	return s > 3600 ? 3600 : s;
}

struct upload {
	const char	*p;
	size_t		 left;
};

static size_t
read_cb(char *dst, size_t size, size_t nmemb, void *arg)
{
	struct upload *u = arg;
	size_t n = size * nmemb < u->left ? size * nmemb : u->left;

	memcpy(dst, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

struct smtp {
	const char	*url, *user, *pass, *from;
	int		 tls;
};

/* Reads the SMTP settings; 0 when none are configured. */
static int
smtp_get(struct arena *a, struct smtp *s)
{
	struct db_stmt *st = db_stmt(ST_SMTP_GET, "");
	int found = 0;

	if (st != NULL && db_step(st) == DB_ROW) {
		s->url = db_text(a, st, 0);
		s->user = db_text(a, st, 1);
		s->pass = s->user ? secret_open(a, db_col_blob(st, 2),
		    (size_t)db_col_bytes(st, 2), "smtp.password") : NULL;
		s->from = db_text(a, st, 3);
		s->tls = db_col_int(st, 4);
		found = 1;
	}
	if (st != NULL)
		db_reset(st);
	return found;
}

/* Sends one formatted message; returns NULL, or curl's description of the failure. */
static const char *
send_one(const struct smtp *s, const char *to, const struct buf *msg, char *err)
{
	CURL *c = curl_easy_init();
	struct curl_slist *rcpt = NULL;
	struct upload u = { msg->p, msg->len };
	char from[300], rto[300];
	CURLcode rc;

	if (c == NULL)
		return "curl_easy_init failed";
	snprintf(from, sizeof(from), "<%s>", s->from);
	snprintf(rto, sizeof(rto), "<%s>", to);
	rcpt = curl_slist_append(rcpt, rto);
	err[0] = '\0';
	curl_easy_setopt(c, CURLOPT_URL, s->url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_USE_SSL, s->tls ? (long)CURLUSESSL_ALL : (long)CURLUSESSL_NONE);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
	if (s->user != NULL) {
		curl_easy_setopt(c, CURLOPT_USERNAME, s->user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, s->pass ? s->pass : "");
	}
	rc = curl_easy_perform(c);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	if (rc == CURLE_OK)
		return NULL;
	return err[0] ? err : curl_easy_strerror(rc);
}

/* One due message read from the outbox; cuerpo is NULL when its sealed body (or one of
 * its attachments) did not open. */
struct due {
	long long	 id;
	int		 intentos;
	const char	*para, *asunto, *cuerpo;
	struct adjunto	 adj[MAIL_ADJUNTOS];
	size_t		 nadj;
};

/* Opens message d's sealed attachments into the arena; one that does not open makes the
 * whole message unsendable (d->cuerpo NULL). */
static void
adjuntos(struct arena *a, struct due *d)
{
	struct db_stmt *st = db_stmt(ST_ADJUNTOS_BY_CORREO, "i", d->id);
	struct adjunto *j;

	d->nadj = 0;
	while (st != NULL && d->nadj < MAIL_ADJUNTOS && db_step(st) == DB_ROW) {
		j = &d->adj[d->nadj++];
		j->cid = db_text(a, st, 1);
		j->nombre = db_text(a, st, 2);
		j->tipo = db_text(a, st, 3);
		j->datos = outbox_adjunto_open(a, d->id, db_col_int64(st, 0),
		    db_col_blob(st, 4), (size_t)db_col_bytes(st, 4), &j->len);
		if (j->datos == NULL)
			d->cuerpo = NULL;
	}
	if (st != NULL)
		db_reset(st);
}

/* The transaction of entregado: message d delivered, its body and attachments wiped. */
static int
entregado_tx(void *arg)
{
	const struct due *d = arg;
	int rc;

	if ((rc = db_exec(ST_CORREO_ENVIADO, "ii", (long long)time(NULL), d->id)) != 0)
		return rc;
	return db_exec(ST_ADJUNTOS_BORRAR, "i", d->id);
}

/* Records message d delivered and wipes its body and attachments, at once. On PostgreSQL a
 * serialization failure (another host's mailer, or a page, writing near it) runs it again:
 * left pending, the message would go out a second time once its lease ended. */
static int
entregado(struct due *d)
{
	return db_tx_run(entregado_tx, d, 5) == 0 ? 0 : -1;
}

int
mailer_pass(struct arena *a, long long now)
{
	struct due d[MAIL_BATCH];
	struct smtp s;
	struct buf msg = { 0 };
	struct db_stmt *st;
	char err[CURL_ERROR_SIZE];
	const char *e;
	int n = 0, i, sent = 0;

	/* Bodies whose link expired go first, SMTP server or not. */
	outbox_clean(now);
	if (!smtp_get(a, &s))
		return -1;
	/* Read the batch first: no statement or transaction stays open while sending. */
	if ((st = db_stmt(ST_CORREO_DUE, "i", now)) == NULL)
		return 0;
	while (n < MAIL_BATCH && db_step(st) == DB_ROW) {
		d[n].id = db_col_int64(st, 0);
		d[n].para = db_text(a, st, 1);
		d[n].asunto = db_text(a, st, 2);
		d[n].cuerpo = outbox_open(a, d[n].id, db_col_blob(st, 3),
		    (size_t)db_col_bytes(st, 3));
		d[n++].intentos = db_col_int(st, 4);
	}
	db_reset(st);
	for (i = 0; i < n; i++)
		adjuntos(a, &d[i]);
	for (i = 0; i < n; i++) {
		/* Claim it for a while, so two senders never deliver the same message: those
		 * of two hosts sharing a PostgreSQL database too. There the UPDATE runs on its
		 * own (READ COMMITTED): the second to reach the row waits for the first's
		 * commit and evaluates its WHERE again on the row as the first left it, with
		 * proximo past now, so it changes nothing (tests/e2e/core/hosts.test.js). */
		if (db_exec(ST_CORREO_RECLAMAR, "iii", now + LEASE, d[i].id, now) != 0 ||
		    db_changes() != 1)
			continue;
		buf_reset(&msg);
		if (d[i].cuerpo == NULL)
			e = "sealed content does not open (another secrets key?)";
		else if (mail_format(&msg, s.from, d[i].para, d[i].asunto, d[i].cuerpo, d[i].adj,
		    d[i].nadj, d[i].id, now) < 0)
			e = "invalid address";
		else
			e = send_one(&s, d[i].para, &msg, err);
		if (e == NULL && entregado(&d[i]) == 0)
			sent++;
		else if (e != NULL) {
			log_err("mail %lld to %s: %s", d[i].id, d[i].para, e);
			db_exec(ST_CORREO_FALLO, "tiii", e, now + mail_backoff(d[i].intentos + 1),
			    (long long)MAIL_MAX_ATTEMPTS, d[i].id);
		}
	}
	buf_free(&msg);
	if (sent > 0)
		log_info("mail: %d message(s) delivered", sent);
	return sent;
}

int
mailer_drain(struct arena *a)
{
	int n = 0, total = 0;

	while (!tareas_stop() && (n = mailer_pass(a, (long long)time(NULL))) > 0) {
		total += n;
		arena_reset(a);
	}
	arena_reset(a);
	return n < 0 ? -1 : total;
}

int
mailer_tarea(struct arena *a, long long now)
{
	static int curl_listo;

	(void)now;	/* each pass of mailer_drain reads the clock: a delivery takes time */
	if (!curl_listo) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		curl_listo = 1;
	}
	return mailer_drain(a);
}
