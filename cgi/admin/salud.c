/* GET /salud and GET /metricas (see cgi/admin/salud.h; the counters are cgi/core/metricas.c's). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/statvfs.h>

#include <jansson.h>

#include "core/config.h"
#include "core/db.h"
#include "core/metricas.h"
#include "admin/admin.h"
#include "core/router.h"
#include "admin/salud.h"

static long long disco_mib = SALUD_DISCO_MIB;
static long long correo_min = SALUD_CORREO_MINUTOS;

int
salud_config(char *err, size_t n)
{
	if (config_entero("PORTAL_SALUD_DISCO_MIB", 0, 1000000000LL, "MiB enteros", &disco_mib,
	    err, n) < 0 || config_entero("PORTAL_SALUD_CORREO_MINUTOS", 0, 525600,
	    "minutos enteros", &correo_min, err, n) < 0)
		return -1;
	return 0;
}

/* Since when the oldest due message has been due, or 0 when none is (ST_CORREO_VENCIDO).
 * -1 when the database did not answer. */
static long long
vencido_desde(long long now)
{
	struct db_stmt *st = db_stmt(ST_CORREO_VENCIDO, "i", now);
	long long t = -1;

	if (st == NULL)
		return -1;
	if (db_step(st) == DB_ROW)
		t = db_col_int64(st, 0);	/* NULL reads 0: none due */
	db_reset(st);
	return t;
}

/* The database check: a read, then a committed write of the row salud. Sets the members
 * "lectura" and "escritura" of o; returns how many failed. */
static int
base_datos(json_t *o, json_t *fallas, long long now)
{
	struct db_stmt *st = db_stmt(ST_SALUD_LEER, "");
	int rc = st != NULL ? db_step(st) : DB_ERROR, malas = 0;

	if (st != NULL)
		db_reset(st);
	if (rc != DB_ROW) {
		json_object_set_new(o, "lectura", json_string("la base de datos no respondió "
		    "una lectura"));
		json_array_append_new(fallas, json_string("lectura"));
		malas++;
	} else
		json_object_set_new(o, "lectura", json_string("ok"));
	if (db_exec(ST_SALUD_ESCRIBIR, "i", now) != 0 || db_changes() != 1) {
		json_object_set_new(o, "escritura", json_string(db_ocupada() ?
		    "la base de datos siguió ocupada por otra escritura 2 s" :
		    "la base de datos no aceptó una escritura"));
		json_array_append_new(fallas, json_string("escritura"));
		malas++;
	} else
		json_object_set_new(o, "escritura", json_string("ok"));
	return malas;
}

/* The disk check: free space in var/ for the portal's user, at least disco_mib. */
static int
disco(json_t *o, json_t *fallas)
{
	struct statvfs sv;
	unsigned long long libres;

	if (statvfs(cfg.var, &sv) != 0) {
		json_object_set_new(o, "disco", json_string("no se pudo medir el espacio libre"));
		json_array_append_new(fallas, json_string("disco"));
		return 1;
	}
	libres = (unsigned long long)sv.f_bavail * sv.f_frsize / (1024 * 1024);
	if (libres < (unsigned long long)disco_mib) {
		json_object_set_new(o, "disco", json_sprintf("%llu MiB libres; el mínimo es "
		    "%lld MiB", libres, disco_mib));
		json_array_append_new(fallas, json_string("disco"));
		return 1;
	}
	json_object_set_new(o, "disco", json_string("ok"));
	return 0;
}

/* The mail check, the mailer's: the oldest due message has waited less than correo_min
 * minutes. Not checked when correo_min is 0, nor without an SMTP server (messages then
 * wait in the outbox by design, for an operator to deliver by hand). */
static int
correo(json_t *o, json_t *fallas, long long now)
{
	long long desde;

	if (correo_min == 0) {
		json_object_set_new(o, "correo", json_string("sin comprobar "
		    "(PORTAL_SALUD_CORREO_MINUTOS=0)"));
		return 0;
	}
	if (db_int(ST_SMTP_EXISTE, 0, "") != 1) {
		json_object_set_new(o, "correo", json_string("sin comprobar (no hay servidor "
		    "SMTP configurado)"));
		return 0;
	}
	desde = vencido_desde(now);
	if (desde < 0) {
		json_object_set_new(o, "correo", json_string("no se pudo leer la cola de correo"));
	} else if (desde > 0 && now - desde >= correo_min * 60) {
		json_object_set_new(o, "correo", json_sprintf("el correo más antiguo por enviar "
		    "espera desde hace %lld min; el máximo es %lld min", (now - desde) / 60,
		    correo_min));
	} else {
		json_object_set_new(o, "correo", json_string("ok"));
		return 0;
	}
	json_array_append_new(fallas, json_string("correo"));
	return 1;
}

/* GET /salud: 200 {"estado":"ok",...} when the database answers a read and a write, var/
 * has room and the mail queue keeps up; else 503 with "estado":"falla", "fallas" naming
 * each failing check and that check's member saying why. */
enum http_status
page_salud(struct req *r, struct resp *rs)
{
	json_t *o = json_object(), *checks = json_object(), *fallas = json_array();
	int malas;
	char *txt;

	malas = base_datos(checks, fallas, r->now) + disco(checks, fallas) +
	    correo(checks, fallas, r->now);
	/* "estado" first, then "fallas" (when any), then each check in order. */
	json_object_set_new(o, "estado", json_string(malas ? "falla" : "ok"));
	if (malas)
		json_object_set(o, "fallas", fallas);
	json_object_update(o, checks);
	json_decref(fallas);
	json_decref(checks);
	txt = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	buf_puts(&rs->body, txt ? txt : "{\"estado\":\"falla\"}");
	free(txt);
	rs->ctype = "application/json; charset=utf-8";
	rs->nostore = 1;
	return malas || txt == NULL ? HTTP_UNAVAILABLE : HTTP_OK;
}

/* GET /metricas: 200, the counters in the Prometheus text format (0.0.4), when nginx's
 * location that allows it passed the request (PORTAL_METRICAS); else 404, as if no such
 * page existed. */
enum http_status
page_metricas(struct req *r, struct resp *rs)
{
	struct met_cola c = { 0, 0, 0 };
	struct db_stmt *st;
	long long desde;

	if (!r->metricas)
		return HTTP_NOT_FOUND;
	if ((st = db_stmt(ST_CORREO_COLA, "")) != NULL) {
		if (db_step(st) == DB_ROW) {
			c.pendientes = db_col_int64(st, 0);
			if (!db_col_null(st, 1))
				c.antiguo_s = r->now - db_col_int64(st, 1);
		}
		db_reset(st);
	}
	if ((desde = vencido_desde(r->now)) > 0 && desde < r->now)
		c.vencido_s = r->now - desde;
	metricas_texto(&rs->body, routes, nroutes, &c);
	rs->ctype = "text/plain; version=0.0.4; charset=utf-8";
	rs->nostore = 1;
	return HTTP_OK;
}
