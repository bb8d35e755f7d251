/*
 * The same statements give the same rows on both engines (issue 14): what preparing them
 * (tests/pg/preparar.c) cannot see. The same writes, through cgi/core/db.h, go to a new
 * SQLite database and to the PostgreSQL database PORTAL_DB names (new: tests/pg/run.sh
 * makes it; this program migrates it); then the same reads, case by case, and each case's
 * rows (and each write's changed-row count) must read alike: values as the handlers read
 * them (db_col_text, marked # when db_col_type says an integer, ~ a float; NULL as NULL;
 * blobs in hex). The cases are the statements whose text differs between the engines
 * (cgi/core/sql_pg.c) or that both take in a new form: the MSPS queue's pages and searches
 * (LIKE's own characters in the search too), the expiry warnings, the MIPRES lists, the SAT
 * list's LIKE, every upsert and ON CONFLICT (not the AP rollups': ap_hist_unir is SQLite's
 * only, for now). Without PORTAL_DB every test is skipped (make -f tests/unit/unit.mk).
 * Each engine's text is kept in tests/out/pg/mismas.<engine>.txt.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/db.h"
#include "core/db_pg.h"
#include "core/sql.h"
#include "support.h"

enum { LITE, PG, MOTORES };
static const char *const motor_nombre[MOTORES] = { "sqlite", "postgresql" };

/* What each case read on each engine, in the order the scenario ran them. */
#define CASOS_MAX	96
static struct caso {
	const char	*nombre;
	char		*texto[MOTORES];
	size_t		 largo[MOTORES];
} casos[CASOS_MAX];
static int ncasos[MOTORES];
static int motor;		/* the engine the scenario runs on */
static FILE *out;		/* the current case's text */
static int con_pg;		/* PORTAL_DB names a PostgreSQL database */

/* Ends the current case's text. */
static void
cerrar_caso(void)
{
	if (out != NULL)
		fclose(out);
	out = NULL;
}

/* Starts case nombre on the current engine. */
static void
caso(const char *nombre)
{
	struct caso *c;

	cerrar_caso();
	assert_true(ncasos[motor] < CASOS_MAX);
	c = &casos[ncasos[motor]++];
	if (motor == LITE)
		c->nombre = nombre;
	assert_string_equal(c->nombre, nombre);
	out = open_memstream(&c->texto[motor], &c->largo[motor]);
	assert_non_null(out);
}

/* Writes st's rows (n columns each) to the case, one line each, then how it ended. */
static void
leer(struct db_stmt *st, int n)
{
	const unsigned char *b;
	int rc, i, j;

	if (st == NULL) {
		fprintf(out, "no statement: %s\n", db_errmsg());
		return;
	}
	while ((rc = db_step(st)) == DB_ROW) {
		for (i = 0; i < n; i++) {
			if (i > 0)
				fputc('|', out);
			if (db_col_null(st, i))
				fputs("NULL", out);
			else if (db_col_type(st, i) == DB_BLOB) {
				b = db_col_blob(st, i);
				fputs("x'", out);
				for (j = 0; j < db_col_bytes(st, i); j++)
					fprintf(out, "%02x", b[j]);
				fputc('\'', out);
			} else
				fprintf(out, "%s%s", db_col_type(st, i) == DB_INTEGER ? "#" :
				    db_col_type(st, i) == DB_FLOAT ? "~" : "", db_col_text(st, i));
		}
		fputc('\n', out);
	}
	fprintf(out, rc == DB_DONE ? "end\n" : "rc %d\n", rc);
	db_reset(st);
}

/* Writes a write's result and how many rows it changed. */
static void
escrito(int rc)
{
	fprintf(out, "rc %d, %d row(s)\n", rc, rc == 0 ? db_changes() : -1);
}

/* A search's matches (fecha, id), in no order: sorted here, each written; or only how many
 * when capped (which the cap keeps is each engine's: the handler then reads the queue). */
static int
by_fecha_id(const void *x, const void *y)
{
	const long long *a = x, *b = y;

	return a[0] != b[0] ? (a[0] < b[0] ? -1 : 1) : (a[1] > b[1]) - (a[1] < b[1]);
}

static void
aciertos(struct db_stmt *st, int capped)
{
	long long v[64][2];
	int n = 0, i, tipos = 1;

	assert_non_null(st);
	while (db_step(st) == DB_ROW) {
		assert_true(n < 64);
		tipos &= db_col_type(st, 0) == DB_INTEGER && db_col_type(st, 1) == DB_INTEGER;
		v[n][0] = db_col_int64(st, 0);
		v[n++][1] = db_col_int64(st, 1);
	}
	db_reset(st);
	qsort(v, (size_t)n, sizeof(v[0]), by_fecha_id);
	for (i = 0; i < n && !capped; i++)
		fprintf(out, "#%lld|#%lld\n", v[i][0], v[i][1]);
	fprintf(out, "%d row(s)%s\n", n, tipos ? "" : ", not integers");
}

#define LEER(n, s, ...)		leer(db_stmt(s, __VA_ARGS__), n)
#define ESCRIBIR(s, ...)	escrito(db_exec(s, __VA_ARGS__))
/* A write the scenario needs: it must work on both engines. */
#define PONER(s, ...)		assert_int_equal(db_exec(s, __VA_ARGS__), 0)

/* Today, for the queue's and the warnings' days. */
#define HOY	"2026-03-01"

/* The rows every case reads: users, entities, requests, keys, MIPRES lines. Ids are the
 * engines' own (both count from 1 on an empty table). */
static void
datos(void)
{
	static const struct {
		const char *nit, *razon, *norm, *tipo, *codigo;
	} ent[] = {
		{ "800100200", "Clínica del Norte", "clinica del norte", "IPS", "110010000101" },
		{ "800100300", "CLÍNICA SUR 50%", "clinica sur 50%", "IPS", "110010000202" },
		{ "900200100", "Hospital_Uno", "hospital_uno", "IPS", NULL },
		{ "900200200", "Hospital Uno", "hospital uno", "IPS", "080010000303" },
		{ "900300100", "Centro Médico Clínica", "centro medico clinica", "IPS", NULL },
		{ "900300200", "IPS 150 Camas", "ips 150 camas", "IPS", "800100299999" },
		{ "830000001", "EPS Salud", "eps salud", "EPSC", NULL },
		{ "860000001", "Administradora", "administradora", "AP", NULL },
		{ "860000002", "Caja Uno", "caja uno", "CCF", NULL },
	};
	/* entity (1-based), estado, fecha: 1 and 2 the same date (the id decides) */
	static const struct {
		int e;
		const char *estado;
		long long fecha;
	} sol[] = {
		{ 1, "pendiente", 100 }, { 2, "pendiente", 100 }, { 3, "resolicitado", 50 },
		{ 4, "pendiente", 70 }, { 5, "asignado", 200 }, { 6, "pendiente", 300 },
	};
	/* entity (its request), ambiente, expira: 7 and 90 days, expired, 40, today, 50 */
	static const struct {
		int e;
		const char *ambiente, *expira;
	} lla[] = {
		{ 1, "produccion", "2026-03-08" }, { 1, "desarrollo", "2026-05-30" },
		{ 2, "produccion", "2026-02-20" }, { 4, "produccion", "2026-04-10" },
		{ 6, "produccion", "2026-03-01" }, { 5, "produccion", "2026-04-20" },
	};
	char cid[32];
	size_t i;

	PONER(ST_USUARIO_INSERT, "tttttti", "ana", "Ana María Pérez", "ana@x.co", "CC", "1",
	    "h", 1LL);
	PONER(ST_USUARIO_INSERT, "tttttti", "beto", "Beto Ruiz", "beto@x.co", "CC", "2", "h",
	    1LL);
	for (i = 0; i < sizeof(ent) / sizeof(ent[0]); i++)
		PONER(ST_ENTIDAD_INSERT, "ttttti", ent[i].nit, ent[i].razon, ent[i].norm,
		    ent[i].tipo, ent[i].codigo, 1LL);
	for (i = 0; i < sizeof(sol) / sizeof(sol[0]); i++)
		PONER(ST_SOLICITUD_INSERT, "ittttttttttititii", (long long)sol[i].e,
		    "inscripcion", sol[i].estado, "p", "s", "l", "lider@x.co", "1", "r",
		    "r@x.co", "1", 1LL, "::1", 1LL, "::1", 1LL, sol[i].fecha);
	for (i = 0; i < sizeof(lla) / sizeof(lla[0]); i++) {
		snprintf(cid, sizeof(cid), "cid-%zu", i);
		PONER(ST_LLAVE_INSERT, "iitttii", (long long)lla[i].e, (long long)lla[i].e,
		    lla[i].ambiente, cid, lla[i].expira, 1LL, 1LL);
	}
	/* MIPRES: two lines directed by the EPS (7) to provider 800100200, one entrega
	 * ámbito of that provider; the tecnología's code in either key, or none */
	PONER(ST_MIPRES_LINEA_INSERT, "ittttittitii", 7LL, "C", "800100200", "20260101",
	    "M", 1LL, "CC", "123", 1LL, "2026-03-10", 5LL, 1LL);
	PONER(ST_MIPRES_LINEA_INSERT, "ittttittitii", 7LL, "S", "800100200", "20260102",
	    "M", 1LL, "CC", "123", 1LL, "2026-03-10", 5LL, 1LL);
	PONER(ST_MIPRES_LINEA_INSERT, "nttttittnnni", "", "800100200", "20260103", "P", 2LL,
	    "TI", "456", 1LL);
	PONER(ST_MIPRES_PASO_INSERT, "itiittiit", 1LL, "D", 0LL, 1LL, HOY, "800100200", 7LL,
	    5LL, "{\"CodSerTecAEntregar\":\"A-1\"}");
	PONER(ST_MIPRES_PASO_INSERT, "itiittiit", 1LL, "E", 0LL, 2LL, "2026-03-02",
	    "800100200", 7LL, 5LL, "{\"CodSerTecEntregado\":\"A-1 \\u00f1\"}");
	PONER(ST_MIPRES_PASO_INSERT, "itiittiit", 2LL, "D", 0LL, 3LL, HOY, "800100200", 7LL,
	    1LL, "{}");
	PONER(ST_MIPRES_PASO_INSERT, "itiittnit", 3LL, "E", 1LL, 4LL, HOY, "800100200", 2LL,
	    "{\"CodSerTecEntregado\":null,\"CodSerTecAEntregar\":\"B\"}");
}

/* The search job's run (cgi/ihce/busqueda.c): the vocabulary's counts read, then written
 * into busqueda_trigrama. */
static void
vocabulario(void)
{
	struct db_stmt *st;
	char *t[512];
	long long n[512];
	int k = 0, i;

	PONER(ST_BUSQUEDA_TRIGRAMAS_BORRAR, "");
	st = db_stmt(ST_BUSQUEDA_VOCABULARIO, "");
	assert_non_null(st);
	while (db_step(st) == DB_ROW) {
		assert_true(k < 512);
		t[k] = strdup(db_col_text(st, 0));
		n[k++] = db_col_int64(st, 1);
	}
	db_reset(st);
	for (i = 0; i < k; i++) {
		PONER(ST_BUSQUEDA_TRIGRAMA_PONER, "ti", t[i], n[i]);
		free(t[i]);
	}
}

/* The MSPS queue (cgi/ihce/msps.c): its pages, searches (read in order, and through the
 * trigram index with FTS5 queries as busqueda_consulta asks them), the keys about to
 * expire; the expiry warnings (cgi/ihce/avisos.c). Columns: 7 of a page; a search's
 * matches are (fecha, id); the trigrams' counts of its periodic job (cgi/ihce/busqueda.c). */
static void
cola(void)
{
	static const struct {
		const char *caso, *q, *fq, *frase;
	} fts[] = {
		{ "ST_COLA_BUSCA_FTS clinica", "Clínica", "clinica",
		    "\"cli\" AND \"nic\" AND \"ica\"" },
		/* the rarest trigrams alone, as busqueda_consulta asks them */
		{ "ST_COLA_BUSCA_FTS clinica, one trigram", "Clínica", "clinica", "\"nic\"" },
		/* NITs and a código starting so */
		{ "ST_COLA_BUSCA_FTS 8001", "8001", "8001", "\"8001\"" },
		/* LIKE's own characters are the text itself */
		{ "ST_COLA_BUSCA_FTS 50%", "50%", "50%", "\"50%\"" },
		{ "ST_COLA_BUSCA_FTS l_u", "l_u", "l_u", "\"l_u\"" },
		/* NIT and código as typed, the name folded */
		{ "ST_COLA_BUSCA_FTS SUR", "SUR", "sur", "\"sur\"" },
		{ "ST_COLA_BUSCA_FTS 0800", "0800", "0800", "\"0800\"" },
		{ "ST_COLA_BUSCA_FTS nandu", "ñandú", "nandu", "\"nan\" AND \"andu\"" },
	};
	size_t i;

	caso("ST_COLA_PAGE asignar, every request");
	LEER(7, ST_COLA_PAGE, "tttii", "asignar", "", "", 20LL, 0LL);
	caso("ST_COLA_PAGE asignar, the second and third");
	LEER(7, ST_COLA_PAGE, "tttii", "asignar", "", "", 2LL, 1LL);
	caso("ST_COLA_TODAS asignar");
	LEER(7, ST_COLA_TODAS, "tii", "asignar", 20LL, 0LL);
	caso("ST_COLA_TODAS actualizar, the second and third");
	LEER(7, ST_COLA_TODAS, "tii", "actualizar", 2LL, 1LL);
	caso("ST_COLA_PAGE actualizar");
	LEER(7, ST_COLA_PAGE, "tttii", "actualizar", "", "", 20LL, 0LL);
	caso("ST_COLA_PAGE asignar, searched");
	LEER(7, ST_COLA_PAGE, "tttii", "asignar", "Clínica", "clinica", 20LL, 0LL);
	caso("ST_COLA_PAGE asignar, a state");
	LEER(7, ST_COLA_PAGE, "tttii", "asignar", "resolicitado", "resolicitado", 20LL, 0LL);
	caso("ST_COLA_BUSCA short text");
	LEER(2, ST_COLA_BUSCA, "ttti", "asignar", "cl", "cl", 101LL);
	caso("ST_COLA_BUSCA a state");
	LEER(2, ST_COLA_BUSCA, "ttti", "asignar", "pendiente", "pendiente", 101LL);
	caso("ST_COLA_BUSCA capped at 2");
	LEER(2, ST_COLA_BUSCA, "ttti", "asignar", "pendiente", "pendiente", 2LL);
	for (i = 0; i < sizeof(fts) / sizeof(fts[0]); i++) {
		caso(fts[i].caso);
		aciertos(db_stmt(ST_COLA_BUSCA_FTS, "tttti", "asignar", fts[i].q, fts[i].fq,
		    fts[i].frase, 101LL), 0);
	}
	caso("ST_COLA_BUSCA_FTS capped at 1");
	aciertos(db_stmt(ST_COLA_BUSCA_FTS, "tttti", "asignar", "Clínica", "clinica",
	    "\"cli\" AND \"ica\"", 1LL), 1);
	caso("ST_COLA_BUSCA_FTS actualizar");
	aciertos(db_stmt(ST_COLA_BUSCA_FTS, "tttti", "actualizar", "Centro", "centro",
	    "\"cen\" AND \"tro\"", 101LL), 0);
	caso("ST_COLA_FILAS three, in the array's order");
	LEER(7, ST_COLA_FILAS, "t", "[5,1,3]");
	caso("ST_COLA_FILAS none");
	LEER(7, ST_COLA_FILAS, "t", "[]");
	caso("ST_BUSQUEDA_MEZCLAR");
	ESCRIBIR(ST_BUSQUEDA_MEZCLAR, "");
	vocabulario();
	caso("ST_BUSQUEDA_TRIGRAMA cli, 800, sur, the entities, zzz (none)");
	LEER(2, ST_BUSQUEDA_TRIGRAMA, "t", "[\"cli\",\"800\",\"sur\",\"\",\"zzz\"]");
	caso("ST_COLA_VENCE_COUNT");
	LEER(1, ST_COLA_VENCE_COUNT, "tt", "asignar", "2026-03-31");
	caso("ST_COLA_VENCE_PAGE");
	LEER(7, ST_COLA_VENCE_PAGE, "ttii", "asignar", "2026-03-31", 20LL, 0LL);
	caso("ST_COLA_VENCE_PAGE actualizar, 60 days");
	LEER(7, ST_COLA_VENCE_PAGE, "ttii", "actualizar", "2026-04-30", 20LL, 0LL);

	caso("ST_AVISOS_DUE");
	LEER(9, ST_AVISOS_DUE, "t", HOY);
	caso("ST_AVISO_INSERT, then again");
	ESCRIBIR(ST_AVISO_INSERT, "iii", 1LL, 7LL, 1000LL);
	ESCRIBIR(ST_AVISO_INSERT, "iii", 1LL, 7LL, 1001LL);
	caso("ST_AVISO_OMITIR, then again");
	ESCRIBIR(ST_AVISO_OMITIR, "iii", 1LL, 7LL, 1000LL);
	ESCRIBIR(ST_AVISO_OMITIR, "iii", 1LL, 7LL, 1001LL);
	ESCRIBIR(ST_AVISO_OMITIR, "iii", 4LL, 30LL, 1002LL);
	caso("ST_AVISOS_DUE after the warnings");
	LEER(9, ST_AVISOS_DUE, "t", HOY);
}

/* The Direccionamientos page's lists (cgi/mipres/lista.c): 15 columns. */
static void
mipres(void)
{
	caso("ST_MIPRES_LISTA_PROV fecha");
	LEER(15, ST_MIPRES_LISTA_PROV, "tttttti", "fecha", "800100200", HOY, "", "", "",
	    10LL);
	caso("ST_MIPRES_LISTA_PROV fecha, limit 2");
	LEER(15, ST_MIPRES_LISTA_PROV, "tttttti", "fecha", "800100200", HOY, "", "", "", 2LL);
	caso("ST_MIPRES_LISTA_PROV prescripcion");
	LEER(15, ST_MIPRES_LISTA_PROV, "tttttti", "prescripcion", "800100200", "", "20260103",
	    "", "", 10LL);
	caso("ST_MIPRES_LISTA_PROV paciente");
	LEER(15, ST_MIPRES_LISTA_PROV, "tttttti", "paciente", "800100200", HOY, "", "123",
	    "CC", 10LL);
	caso("ST_MIPRES_LISTA_PROV another provider");
	LEER(15, ST_MIPRES_LISTA_PROV, "tttttti", "fecha", "800100300", HOY, "", "", "", 10LL);
	caso("ST_MIPRES_LISTA_EPS fecha C");
	LEER(15, ST_MIPRES_LISTA_EPS, "tittttti", "fecha", 7LL, HOY, "", "", "", "C", 10LL);
	caso("ST_MIPRES_LISTA_EPS fecha S");
	LEER(15, ST_MIPRES_LISTA_EPS, "tittttti", "fecha", 7LL, HOY, "", "", "", "S", 10LL);
	caso("ST_MIPRES_LISTA_EPS prescripcion");
	LEER(15, ST_MIPRES_LISTA_EPS, "tittttti", "prescripcion", 7LL, "", "20260101", "", "",
	    "C", 10LL);
	caso("ST_MIPRES_LISTA_EPS paciente");
	LEER(15, ST_MIPRES_LISTA_EPS, "tittttti", "paciente", 7LL, HOY, "", "123", "CC", "S",
	    10LL);
}

/* The MSPS's list of CCF and AP entities (cgi/sat/msps.c): LIKE, which ignores ASCII case
 * in SQLite and not in PostgreSQL, on the NIT (digits) as typed and the name folded as
 * razon_norm is (patterns as its patron() makes them); 6 columns. */
static void
sat(void)
{
	caso("ST_SAT_ENTIDADES CAJA");
	LEER(6, ST_SAT_ENTIDADES, "tti", "%CAJA%", "%caja%", 10LL);
	caso("ST_SAT_ENTIDADES 86");
	LEER(6, ST_SAT_ENTIDADES, "tti", "%86%", "%86%", 10LL);
	caso("ST_SAT_ENTIDADES every one, limit 1");
	LEER(6, ST_SAT_ENTIDADES, "tti", "%%", "%%", 1LL);
	caso("ST_SAT_ENTIDADES a\\_u");
	LEER(6, ST_SAT_ENTIDADES, "tti", "%a\\_u%", "%a\\_u%", 10LL);
	caso("ST_SAT_ENTIDADES a_u");
	LEER(6, ST_SAT_ENTIDADES, "tti", "%a_u%", "%a_u%", 10LL);
}

/* The upserts and INSERT ... ON CONFLICT that replaced SQLite's INSERT OR ...: what each
 * changed, and the row after. */
static void
upserts(void)
{
	static const unsigned char clave[] = { 0, 1, 2, 0xff };
	static const unsigned char sec1[] = { 1, 1 }, sec2[] = { 2, 2 }, sec3[] = { 3, 3 };
	unsigned char hash[32];

	caso("ST_SMTP_SET new, then replaced");
	ESCRIBIR(ST_SMTP_SET, "tnntii", "smtp://a:25", "portal@x.co", 1LL, 100LL);
	LEER(6, ST_SMTP_GET, "");
	ESCRIBIR(ST_SMTP_SET, "ttbtii", "smtps://b:465", "u", clave, (int)sizeof(clave),
	    "otro@x.co", 0LL, 200LL);
	LEER(6, ST_SMTP_GET, "");

	caso("ST_TOTP_PENDIENTE, again, active, again");
	ESCRIBIR(ST_TOTP_PENDIENTE, "ibi", 1LL, sec1, (int)sizeof(sec1), 10LL);
	ESCRIBIR(ST_TOTP_PENDIENTE, "ibi", 1LL, sec2, (int)sizeof(sec2), 20LL);
	LEER(4, ST_TOTP_GET, "i", 1LL);
	ESCRIBIR(ST_TOTP_ACTIVAR, "iii", 30LL, 5LL, 1LL);
	ESCRIBIR(ST_TOTP_PENDIENTE, "ibi", 1LL, sec3, (int)sizeof(sec3), 40LL);
	LEER(4, ST_TOTP_GET, "i", 1LL);

	/* tipo, clave, ip, login, now, window start, max */
	caso("ST_INTENTO_SUMAR in the window, to max, after it");
	ESCRIBIR(ST_INTENTO_SUMAR, "ttttiii", "login", "ana", "10.0.0.1", "Ana", 1000LL, 400LL,
	    3LL);
	ESCRIBIR(ST_INTENTO_SUMAR, "ttttiii", "login", "ana", "10.0.0.1", "ANA", 1010LL, 410LL,
	    3LL);
	LEER(3, ST_INTENTO_ESTADO, "ttti", "login", "ana", "10.0.0.1", 0LL);
	ESCRIBIR(ST_INTENTO_SUMAR, "ttttiii", "login", "ana", "10.0.0.1", "ana", 1020LL, 420LL,
	    3LL);
	LEER(3, ST_INTENTO_ESTADO, "ttti", "login", "ana", "10.0.0.1", 1015LL);
	LEER(3, ST_INTENTO_ESTADO, "ttti", "login", "ana", "10.0.0.1", 1021LL);
	ESCRIBIR(ST_INTENTO_SUMAR, "ttttiii", "login", "ana", "10.0.0.1", "ana", 5000LL,
	    2000LL, 3LL);
	LEER(3, ST_INTENTO_ESTADO, "ttti", "login", "ana", "10.0.0.1", 0LL);

	caso("ST_INTENTO_SEGUIDO_SUMAR: a user, twice; no user; an AP; not an AP");
	LEER(2, ST_INTENTO_SEGUIDO_SUMAR, "ttti", "login", "ana", "Ana", 1000LL);
	LEER(2, ST_INTENTO_SEGUIDO_SUMAR, "ttti", "login", "ana", "ana", 1001LL);
	LEER(2, ST_INTENTO_SEGUIDO_SUMAR, "ttti", "login", "zoe", "zoe", 1002LL);
	LEER(2, ST_INTENTO_SEGUIDO_SUMAR, "ttti", "ap", "860000001", "860000001", 1003LL);
	LEER(2, ST_INTENTO_SEGUIDO_SUMAR, "ttti", "ap", "900200100", "900200100", 1004LL);
	LEER(3, ST_INTENTO_ESTADO, "ttti", "login", "ana", "10.0.0.9", 0LL);

	caso("ST_SERVICIO_ASIGNAR, again, off, again");
	PONER(ST_SERVICIO_INSERT, "ttttttti", "Afiliados", "Consulta", "CCF", "Activo",
	    "https://x.co", "GET", "{}", 1LL);
	ESCRIBIR(ST_SERVICIO_ASIGNAR, "iitii", 1LL, 9LL, "c-1", 100LL, 1LL);
	ESCRIBIR(ST_SERVICIO_ASIGNAR, "iitii", 1LL, 9LL, "c-2", 200LL, 2LL);
	LEER(7, ST_SERVICIO_ASIGNADOS, "i", 9LL);
	ESCRIBIR(ST_SERVICIO_ASIGNADO_DESACTIVAR, "i", 1LL);
	ESCRIBIR(ST_SERVICIO_ASIGNAR, "iitii", 1LL, 9LL, "c-3", 300LL, 2LL);
	LEER(7, ST_SERVICIO_ASIGNADOS, "i", 9LL);

	caso("ST_SAT_ACTIVAR, again");
	LEER(1, ST_SAT_ACTIVA, "i", 9LL);
	ESCRIBIR(ST_SAT_ACTIVAR, "iii", 9LL, 100LL, 1LL);
	ESCRIBIR(ST_SAT_ACTIVAR, "iii", 9LL, 200LL, 2LL);
	LEER(1, ST_SAT_ACTIVA, "i", 9LL);

	caso("ST_AP_SERVICIO_UPSERT: RETURNING id, new and again");
	LEER(1, ST_AP_SERVICIO_UPSERT, "tttti", "Reportar", "Reporte", "https://ap.co", "{}",
	    1LL);
	LEER(1, ST_AP_SERVICIO_UPSERT, "tttti", "Reportar", "Reporte", "https://ap.co",
	    "{\"a\":1}", 2LL);

	caso("ST_AP_AFILIACION_INSERT and ST_AP_RETRACTO_INSERT, each again");
	ESCRIBIR(ST_AP_AFILIACION_INSERT, "ittttntntttnttti", 8LL, "R-1", "CC", "10", "Ana",
	    "Pérez", "1990-01-01", "F", "AFILIACION", "EPS001", "2026-03-01", "2026-04-01",
	    1LL);
	ESCRIBIR(ST_AP_AFILIACION_INSERT, "ittttntntttnttti", 8LL, "R-1", "CC", "11", "Eva",
	    "Gil", "1990-01-02", "F", "AFILIACION", "EPS002", "2026-03-02", "2026-04-02",
	    2LL);
	LEER(4, ST_AP_AFILIACION_BY_RADICADO, "it", 8LL, "R-1");
	ESCRIBIR(ST_AP_RETRACTO_INSERT, "iittttti", 8LL, 1LL, "R-1", "CC", "10", "2026-03-05",
	    "m", 3LL);
	ESCRIBIR(ST_AP_RETRACTO_INSERT, "iittttti", 8LL, 1LL, "R-1", "CC", "10", "2026-03-06",
	    "n", 4LL);

	caso("ST_MIPRES_CARGUE_GUARDAR, again");
	memset(hash, 0xab, sizeof(hash));
	ESCRIBIR(ST_MIPRES_CARGUE_GUARDAR, "ibtiii", 2LL, hash, (int)sizeof(hash), "E", 1LL,
	    2LL, 10LL);
	LEER(2, ST_MIPRES_CARGUE_BUSCAR, "ib", 2LL, hash, (int)sizeof(hash));
	ESCRIBIR(ST_MIPRES_CARGUE_GUARDAR, "ibtiii", 2LL, hash, (int)sizeof(hash), "E", 3LL,
	    4LL, 20LL);
	LEER(2, ST_MIPRES_CARGUE_BUSCAR, "ib", 2LL, hash, (int)sizeof(hash));

	caso("ST_CORREO_VENCIDO");
	LEER(1, ST_CORREO_VENCIDO, "i", 1000LL);
	PONER(ST_CORREO_INSERT, "ttii", "a@x.co", "uno", 500LL, 99999LL);
	PONER(ST_CORREO_INSERT, "ttii", "b@x.co", "dos", 600LL, 99999LL);
	LEER(1, ST_CORREO_VENCIDO, "i", 1000LL);
	PONER(ST_CORREO_FALLO, "tiii", "x", 550LL, 5LL, 1LL);
	PONER(ST_CORREO_FALLO, "tiii", "x", 700LL, 5LL, 2LL);
	LEER(1, ST_CORREO_VENCIDO, "i", 560LL);
	LEER(1, ST_CORREO_VENCIDO, "i", 540LL);
}

/* Runs the scenario on the open database of engine m. */
static void
escenario(int m)
{
	motor = m;
	quiet(1);
	datos();
	cola();
	mipres();
	sat();
	upserts();
	cerrar_caso();
	quiet(0);
}

static int
preparar(void **state)
{
	const char *url = getenv("PORTAL_DB");
	char *copia;
	int rc;

	con_pg = db_pg_url(url);
	if (!con_pg)
		return arena_setup(state);
	copia = strdup(url);
	/* SQLite first: a new database, as `portal migrate` makes it */
	unsetenv("PORTAL_DB");
	rc = db_setup(state);
	setenv("PORTAL_DB", copia, 1);
	free(copia);
	return rc;
}

static int
terminar(void **state)
{
	int m, i;

	for (m = 0; m < MOTORES; m++)
		for (i = 0; i < ncasos[m]; i++)
			free(casos[i].texto[m]);
	return con_pg ? db_teardown(state) : arena_teardown(state);
}

/* Keeps engine m's cases in tests/out/pg/mismas.<engine>.txt. */
static void
guardar(int m)
{
	char path[256];
	FILE *f;
	int i;

	snprintf(path, sizeof(path), "%s/tests/out/pg/mismas.%s.txt", PORTAL_ROOT,
	    motor_nombre[m]);
	if ((f = fopen(path, "w")) == NULL)
		return;
	for (i = 0; i < ncasos[m]; i++)
		fprintf(f, "== %s\n%s", casos[i].nombre, casos[i].texto[m]);
	fclose(f);
}

/* The scenario on SQLite, then on PostgreSQL (migrated here), every case alike. */
static void
test_mismas_filas(void **state)
{
	int i, distintos = 0;

	(void)state;
	if (!con_pg)
		skip();
	escenario(LITE);
	db_close();
	assert_int_equal(db_open(""), 0);
	assert_true(db_es_pg());
	quiet(1);
	assert_int_equal(db_migrate(cfg.mig), 0);
	quiet(0);
	escenario(PG);
	guardar(LITE);
	guardar(PG);
	assert_int_equal(ncasos[PG], ncasos[LITE]);
	for (i = 0; i < ncasos[LITE]; i++)
		if (strcmp(casos[i].texto[LITE], casos[i].texto[PG]) != 0) {
			fprintf(stderr, "== %s\n-- sqlite:\n%s-- postgresql:\n%s", casos[i].nombre,
			    casos[i].texto[LITE], casos[i].texto[PG]);
			distintos++;
		}
	assert_int_equal(distintos, 0);
}

/* The scenario is not empty: the cases the engines could read alike by both failing
 * read rows on SQLite, as the portal's own tests expect of it. */
static void
test_casos_con_filas(void **state)
{
	static const struct {
		const char *caso;
		int filas;
	} esperado[] = {
		{ "ST_COLA_PAGE asignar, every request", 5 },
		{ "ST_COLA_TODAS asignar", 5 },
		{ "ST_COLA_BUSCA_FTS clinica", 2 },
		{ "ST_COLA_BUSCA_FTS 8001", 3 },
		{ "ST_COLA_BUSCA_FTS 50%", 1 },
		{ "ST_COLA_BUSCA_FTS l_u", 1 },
		{ "ST_COLA_BUSCA_FTS 0800", 1 },
		{ "ST_COLA_VENCE_PAGE", 3 },
		{ "ST_COLA_VENCE_PAGE actualizar, 60 days", 1 },
		{ "ST_AVISOS_DUE", 5 },
		{ "ST_MIPRES_LISTA_PROV fecha", 4 },
		{ "ST_MIPRES_LISTA_EPS fecha C", 2 },
		{ "ST_SAT_ENTIDADES CAJA", 1 },
		{ "ST_SAT_ENTIDADES 86", 2 },
		{ "ST_SAT_ENTIDADES a_u", 1 },
	};
	const char *p;
	size_t j;
	int i, n;

	(void)state;
	if (!con_pg)
		skip();
	for (j = 0; j < sizeof(esperado) / sizeof(esperado[0]); j++) {
		for (i = 0; i < ncasos[LITE] && strcmp(casos[i].nombre, esperado[j].caso) != 0;
		    i++)
			continue;
		assert_true(i < ncasos[LITE]);
		for (n = 0, p = casos[i].texto[LITE]; (p = strchr(p, '\n')) != NULL; p++)
			n++;
		if (n - 1 != esperado[j].filas)
			fprintf(stderr, "%s:\n%s", esperado[j].caso, casos[i].texto[LITE]);
		assert_int_equal(n - 1, esperado[j].filas);	/* the rows, then "end" */
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mismas_filas),
		cmocka_unit_test(test_casos_con_filas),
	};

	return cmocka_run_group_tests(tests, preparar, terminar);
}
