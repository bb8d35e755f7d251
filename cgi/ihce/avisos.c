#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/audit.h"
#include "ihce/ihce.h"
#include "core/buf.h"
#include "core/db.h"
#include "core/log.h"
#include "core/text.h"

#define AVISOS_MAX	256	/* keys read per pass; the rest wait for the next one */
#define PARA_MAX	64

/* One key whose warning is due (ST_AVISOS_DUE). */
struct aviso {
	long long	 llave_id, entidad_id;
	int		 dias, umbral;
	const char	*ambiente, *expira, *lider, *razon, *nit;
};

static const char *
ambiente_de(const char *name)
{
	int i;

	for (i = 0; i < AMBIENTES; i++)
		if (strcmp(name, ambiente_name[i]) == 0)
			return ambiente_label[i];
	return name;
}

/* Reads up to max due warnings into v; returns how many. */
static int
read_avisos(struct arena *a, const char *hoy, struct aviso *v, int max)
{
	struct db_stmt *st = db_stmt(ST_AVISOS_DUE, "t", hoy);
	int n = 0;

	while (st != NULL && n < max && db_step(st) == DB_ROW) {
		v[n].llave_id = db_col_int64(st, 0);
		v[n].entidad_id = db_col_int64(st, 1);
		v[n].ambiente = db_text(a, st, 2);
		v[n].expira = db_text(a, st, 3);
		v[n].dias = db_col_int(st, 4);
		v[n].umbral = db_col_int(st, 5);
		v[n].lider = db_text(a, st, 6);
		v[n].razon = db_text(a, st, 7);
		v[n++].nit = db_text(a, st, 8);
	}
	if (st != NULL)
		db_reset(st);
	return n;
}

/* The recipients: the entity's delegates and the líder técnico, each once. */
static size_t
destinatarios(struct arena *a, const struct aviso *v, const char **para)
{
	struct db_stmt *st;
	size_t n = 0, i;

	st = db_stmt(ST_USUARIOS_CORREO_BY_ROL_ENTIDAD, "ti", "securityAdmin_IHCE_IPS",
	    v->entidad_id);
	while (st != NULL && n < PARA_MAX - 1 && db_step(st) == DB_ROW)
		para[n++] = db_text(a, st, 0);
	if (st != NULL)
		db_reset(st);
	for (i = 0; i < n && strcasecmp(para[i], v->lider) != 0; i++)
		;
	if (i == n)
		para[n++] = v->lider;
	return n;
}

/* One warning being queued: v[0..n) (one entity, one threshold). */
struct envio {
	struct arena		*a;
	const struct aviso	*v;
	int			 n;
	long long		 now;
};

/* queue_aviso's answer when another sender had already sent the warning: nothing to commit. */
#define YA_ENVIADO	1
/* Runs of a warning's transaction that fails to serialize with another sender's (PostgreSQL:
 * the mailer's pass and the cron command, or two hosts, at once). */
#define AVISO_VECES	5

/* db_tx_run's body: records the thresholds and queues the mail, audited. Returns 0,
 * YA_ENVIADO, or a failure. */
static int
queue_aviso(void *arg)
{
	const struct envio *e = arg;
	const struct aviso *v = e->v;
	struct req r = { .a = e->a, .ip = "localhost", .now = e->now };
	const char *para[PARA_MAX], *asunto;
	struct buf cuerpo = { 0 }, det = { 0 };
	int i, nuevos = 0, dias = v[0].dias, rc = -1;
	size_t np, k;

	for (i = 0; i < e->n; i++) {
		if (db_exec(ST_AVISO_INSERT, "iii", v[i].llave_id, (long long)v[i].umbral,
		    e->now) < 0)
			goto out;
		nuevos += db_changes();
		if (db_exec(ST_AVISO_OMITIR, "iii", v[i].llave_id, (long long)v[i].umbral,
		    e->now) < 0)
			goto out;
		dias = v[i].dias < dias ? v[i].dias : dias;
	}
	if (nuevos == 0) {
		rc = YA_ENVIADO;
		goto out;
	}
	asunto = dias == 0 ? "Sus llaves IHCE vencen hoy" : arena_printf(e->a,
	    "Sus llaves IHCE vencen en %d día%s", dias, dias == 1 ? "" : "s");
	buf_printf(&cuerpo, "Las llaves de interoperabilidad IHCE de %s (NIT %s) vencen pronto:\n\n",
	    v[0].razon, v[0].nit);
	for (i = 0; i < e->n; i++) {
		buf_printf(&cuerpo, "- %s: vence el %s (en %d día%s).\n", ambiente_de(v[i].ambiente),
		    v[i].expira, v[i].dias, v[i].dias == 1 ? "" : "s");
		buf_printf(&det, "%s%lld", i ? "," : "", v[i].llave_id);
	}
	buf_puts(&cuerpo, "\nPara no perder la conexión, el delegado administrativo puede pedir "
	    "llaves nuevas en el portal, opción Resolicitud token, antes de esa fecha.\n");
	np = destinatarios(e->a, &v[0], para);
	for (k = 0; k < np; k++)
		if (outbox_add(para[k], asunto, cuerpo.p, e->now) < 0)
			goto out;
	rc = audit(&r, "aviso_vencimiento", "entidad %s umbral %d dias %d llaves %s",
	    v[0].nit, v[0].umbral, dias, det.p);
out:
	buf_free(&cuerpo);
	buf_free(&det);
	return rc;
}

/* Sends the warning of v[0..n) (one entity, one threshold) in one transaction, run again
 * when it fails to serialize. Returns 1 when queued, 0 when another sender had already
 * sent it, -1 on error. */
static int
send_aviso(struct arena *a, const struct aviso *v, int n, long long now)
{
	struct envio e = { a, v, n, now };
	int rc = db_tx_run(queue_aviso, &e, AVISO_VECES);

	return rc == 0 ? 1 : rc == YA_ENVIADO ? 0 : -1;
}

int
avisos_pass(struct arena *a, long long now)
{
	struct aviso *v = arena_alloc(a, AVISOS_MAX * sizeof(*v));
	char hoy[11];
	int n, i, j, rc, total = 0;

	colombia_date(now, hoy);
	n = read_avisos(a, hoy, v, AVISOS_MAX);
	/* One warning per entity and threshold (the rows come grouped so). */
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && v[j].entidad_id == v[i].entidad_id &&
		    v[j].umbral == v[i].umbral; j++)
			;
		if ((rc = send_aviso(a, &v[i], j - i, now)) < 0) {
			log_err("avisos: could not queue the warning of entity %lld", v[i].entidad_id);
			return -1;
		}
		total += rc;
	}
	return total;
}
