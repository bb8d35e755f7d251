/*
 * Web services for Administradoras de Pensiones (../shared/spec/ap.md): POST /token and the
 * two reporting services, served only on the AP port, every call measured (ap_medicion).
 * AP's public header: what other features may call. Its other headers are its own.
 */
#ifndef AP_H
#define AP_H
#include <stddef.h>

#include "core/http.h"
#include "core/req.h"

#define AP_TOKEN_SEGUNDOS	300	/* the spec's 5 minutes */

/* Reads the configuration from the environment at start-up: PORTAL_AP_TOKEN_SEGUNDOS (the
 * tokens' lifetime, 1..86400; tests shorten it). Returns 0, or -1 with the message in err
 * when invalid. */
int ap_config(char *err, size_t n);
/* The tokens' lifetime in seconds. */
long ap_token_segundos(void);

/* Answers {"error": error, "error_description": descripcion} with status s (JSON); returns s. */
enum http_status ap_error(struct resp *, enum http_status s, const char *error,
    const char *descripcion);

/* ---- The pages (the route table's handlers, cgi/routes.c): each returns its answer's
 * status ---- */
/* cgi/ap/ap.c: the AP web services (AP port only) */
enum http_status page_ap_token(struct req *, struct resp *);
enum http_status page_ap_afiliacion(struct req *, struct resp *);
enum http_status page_ap_retracto(struct req *, struct resp *);
/* cgi/ap/reporte.c: the production follow-up report */
enum http_status page_ap_reporte_msps(struct req *, struct resp *);
enum http_status page_ap_reporte_msps_csv(struct req *, struct resp *);
enum http_status page_ap_reporte_sat(struct req *, struct resp *);
enum http_status page_ap_reporte_sat_csv(struct req *, struct resp *);

/* Days since 1970-01-01 of a valid YYYY-MM-DD date (ap_fecha_valida, cgi/ap/registro.h). */
long ap_fecha_dias(const char *s);

/* Registers on the open connection the SQL functions of the rollups: ap_hist(us), an aggregate giving the
 * encoded histogram of its durations, and ap_hist_unir(a, b), the sum of two encoded
 * histograms. db_open calls it (the wiring's table, db_funciones), so migrations and statements may use them. Returns 0 or
 * -1. SQLite only: PostgreSQL has ap_hist_unir in PL/pgSQL (db/migrations/pg/023_ap_hist_unir.sql),
 * and needs no ap_hist (its ap_medicion was empty when 021 rolled it up). */
int ap_resumen_funciones(void);
#endif
