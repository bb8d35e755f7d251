/*
 * PostgreSQL's own text of the portal's statements (sql_texto(): each feature's sql.c) whose
 * SQLite text it does not take (issue 14; db/pg/sentencias_por_adaptar.txt lists those
 * still without one). The PostgreSQL engine (core/db_pg.c) prepares stmts_pg[s] when set,
 * sql_texto(s) otherwise; tests/pg/run.sh prepares the same. Each variant takes the same
 * parameters and returns the same columns, values as SQLite's would read through db.h. A
 * text both engines take belongs in the feature's sql.c instead.
 */
#include "core/db_pg.h"

/* julianday(a) - julianday(b) of two dates YYYY-MM-DD, cast to an integer: the days from b
 * to a (NULL when either is NULL). */
#define PG_DIAS(a, b) "((" a ")::date - (" b ")::date)"
/* The text p as a LIKE pattern that matches it alone ('\' is LIKE's escape). */
#define PG_LIKE_LITERAL(p) "replace(replace(replace(" p ", '\\', '\\\\'), '%', '\\%'), " \
	"'_', '\\_')"
/* The queue's search rule of cgi/ihce/sql.c (NIT or código starting with the text ?2,
 * razón social folded containing ?3, which SQLite asks as substr and instr) as LIKE
 * patterns, the same rows, which the trigram GIN index entidad_busqueda answers. */
#define PG_COLA_REGLA "(e.nit LIKE " PG_LIKE_LITERAL("?2") " || '%' " \
	"OR e.codigo_habilitacion LIKE " PG_LIKE_LITERAL("?2") " || '%' " \
	"OR e.razon_norm LIKE '%' || " PG_LIKE_LITERAL("?3") " || '%')"
/* cgi/mipres/sql.c's MIPRES_LISTA, json_extract(datos, '$.k') as datos::json ->> 'k' */
#define PG_MIPRES_LISTA(sel, lim) "WITH sel(id) AS (" sel "), pocas(id) AS (SELECT id " \
	"FROM sel ORDER BY id LIMIT " lim ") SELECT l.id, l.no_prescripcion, l.tipo_tec, " \
	"l.con_tec, l.tipo_id_paciente, l.no_id_paciente, l.no_entrega, l.cant_total, " \
	"l.fec_max_ent, p.tipo, p.id, p.estado, p.ambito, p.dia, " \
	"coalesce(p.datos::json ->> 'CodSerTecAEntregar', " \
	"p.datos::json ->> 'CodSerTecEntregado') " \
	"FROM pocas JOIN mipres_linea l ON l.id = pocas.id " \
	"JOIN mipres_paso p ON p.linea_id = l.id ORDER BY l.id, p.id"

/* cgi/mipres/sql.c's MIPRES_Q for the queries by a day (l's condition c in its subquery),
 * in a shape with one sensible plan, whatever the data: the day's steps by mipres_paso_prov
 * or _eps, each step's line by its key in a subquery of its own (LATERAL, OFFSET 0: never
 * flattened into a join, so never the hash join over every line that a generic plan of the
 * plain join became on other data). The values come through scalar subqueries (InitPlans),
 * which the planner estimates as it does a generic plan's parameters: the plan for the
 * values at hand is the generic one, costed the same plus its planning, so PostgreSQL keeps
 * the generic plan after its first five executions (plan_cache_mode auto), instead of
 * planning each one again (170 us of EntregaXFecha's). The step's id in the subquery, unused,
 * makes the lookup's key unique to the planner: no cache (Memoize) in front of it, which a
 * day's steps, each of its own line, never hit (README, Performance). */
#define PG_MIPRES_Q_DIA(c) "SELECT p.linea_id, p.id, l.no_prescripcion, l.tipo_tec, " \
	"l.con_tec, l.tipo_id_paciente, l.no_id_paciente, l.no_entrega, p.datos, p.fecha, " \
	"p.estado, p.fec_anulacion FROM mipres_paso p CROSS JOIN LATERAL (SELECT p.id AS paso_id, " \
	"no_prescripcion, tipo_tec, con_tec, tipo_id_paciente, no_id_paciente, no_entrega " \
	"FROM mipres_linea WHERE id = p.linea_id" c " OFFSET 0) l "

const char *const stmts_pg[ST__MAX] = {
	/* SQLite's BEGIN IMMEDIATE: one writer at a time; here, serializable (db_pg_begin) */
	[ST_BEGIN] = "BEGIN ISOLATION LEVEL SERIALIZABLE",
	/* PRAGMAs: nothing to do (PostgreSQL has no secure_delete: a deleted row's bytes stay
	 * in its page until VACUUM reuses it; no WAL of the portal's to truncate) */
	[ST_SECURE_DELETE] = "SELECT 1 WHERE false",
	[ST_WAL_TRUNCAR] = "SELECT 1 WHERE false",
	/* bodies in clear come from before 016, which PostgreSQL never had */
	[ST_CORREO_EN_CLARO] = "SELECT id, cuerpo FROM correo WHERE false",
	[ST_CORREO_LIST] = "SELECT id, to_char(to_timestamp(creado) AT TIME ZONE 'UTC', "
	    "'YYYY-MM-DD HH24:MI:SS'), estado, intentos, para, asunto, ultimo_error, "
	    "cuerpo IS NOT NULL FROM correo ORDER BY id",
	/* x'' is a bit string in PostgreSQL: the empty bytea */
	[ST_ADJUNTO_INSERT] = "INSERT INTO correo_adjunto(correo_id, cid, nombre, tipo, datos) "
	    "VALUES (?,?,?,?,'\\x'::bytea)",
	[ST_LLAVE_INSERT] = "INSERT INTO llave(entidad_id, solicitud_id, ambiente, client_id, "
	    "client_secret, expira, creada, creada_por) VALUES (?,?,?,?,'\\x'::bytea,?,?,?)",
	/* Each active holder's user read by its key: a plan made for any role (PostgreSQL's
	 * generic plan, which it keeps after five runs) read the whole usuario table instead,
	 * 2.5 ms a call among 10,000 people, growing with them (seed-demo's IHCE requests
	 * each notify the ministry's staff). Its callers name the ministry's roles, of few
	 * holders. */
	[ST_USUARIOS_CORREO_BY_ROL] = "SELECT DISTINCT u.correo FROM rol_asignado r "
	    "CROSS JOIN LATERAL (SELECT correo FROM usuario WHERE id = r.usuario_id "
	    "AND activo = 1 OFFSET 0) u WHERE r.rol = ? AND r.activo = 1",
	/* GLOB: a prefix, case-sensitive */
	[ST_DELEGADOS_CORREO_BY_ENTIDAD] = "SELECT DISTINCT u.correo FROM usuario u "
	    "JOIN rol_asignado r ON r.usuario_id = u.id WHERE r.entidad_id = ? "
	    "AND substr(r.rol, 1, 14) = 'securityAdmin_' AND r.activo = 1 AND u.activo = 1",
	/* CROSS JOIN ... ON, INDEXED BY: SQLite's planner hints, PostgreSQL's planner chooses */
	[ST_AP_ENTIDADES] = "SELECT e.id, e.nit, e.razon_social FROM sat_entidad s "
	    "JOIN entidad e ON e.id = s.entidad_id WHERE e.tipo = 'AP' "
	    "ORDER BY e.razon_social, e.id",
	[ST_AP_RESUMEN_ENTIDAD] = "SELECT inicio, llamadas, recibidos, aceptados, rechazados, "
	    "inc_autenticacion, inc_validacion, inc_servidor, max_us, histograma FROM ap_resumen "
	    "WHERE entidad_id = ?5 AND servicio = ?1 "
	    "AND segundos = ?2 AND inicio >= ?3 AND inicio < ?4 ORDER BY inicio",
	/* instr -> strpos */
	[ST_COLA_BUSCA] = "SELECT s.fecha, s.id FROM solicitud s JOIN entidad e ON e.id = s.entidad_id "
	    "WHERE s.vigente = 1 AND s.cola = ?1 AND (substr(e.nit, 1, length(?2)) = ?2 "
	    "OR substr(e.codigo_habilitacion, 1, length(?2)) = ?2 "
	    "OR strpos(e.razon_norm, ?3) > 0 OR s.estado = ?3) ORDER BY s.fecha, s.id LIMIT ?4",
	/* FTS5's MATCH ?4 (trigrams, a superset of the rule's rows) -> the rule itself as LIKE
	 * patterns, which the GIN index answers; ?4 is not needed, but named, so that it has a
	 * type. Which matches the cap keeps is left to the planner (SQLite's are in entidad's
	 * order): at the cap, cgi/ihce/msps.c reads the queue in order instead. */
	[ST_COLA_BUSCA_FTS] = "SELECT s.fecha, s.id FROM entidad e "
	    "JOIN solicitud s ON s.entidad_id = e.id AND s.vigente = 1 "
	    "WHERE ?4::text IS NOT NULL AND s.cola = ?1 AND " PG_COLA_REGLA " LIMIT ?5",
	/* json_each -> json_array_elements_text, its order kept by the ordinality */
	[ST_COLA_FILAS] = "SELECT s.id, e.nit, e.codigo_habilitacion, e.razon_social, s.fecha, "
	    "s.estado, e.llave_expira FROM json_array_elements_text(?1::json) WITH ORDINALITY "
	    "j(value, n) JOIN solicitud s ON s.id = j.value::bigint "
	    "JOIN entidad e ON e.id = s.entidad_id ORDER BY j.n",
	/* json_each -> json_array_elements_text */
	[ST_BUSQUEDA_TRIGRAMA] = "SELECT j.value, t.n FROM json_array_elements_text(?1::json) "
	    "WITH ORDINALITY j(value, i) JOIN busqueda_trigrama t ON t.trigrama = j.value "
	    "ORDER BY j.i",
	/* No vocabulary table: the trigrams of each entity's three columns as FTS5's trigram
	 * tokenizer makes them (each three characters, case folded), counted once an entity */
	[ST_BUSQUEDA_VOCABULARIO] = "SELECT t, count(DISTINCT id) FROM (SELECT e.id, "
	    "substr(lower(c), i, 3) AS t FROM entidad e CROSS JOIN LATERAL unnest(ARRAY[e.nit, "
	    "e.codigo_habilitacion, e.razon_norm]) AS c CROSS JOIN LATERAL "
	    "generate_series(1, length(c) - 2) AS i) x GROUP BY t "
	    "UNION ALL SELECT '', count(*) FROM entidad",
	/* A GIN index has no segments of the portal's to merge (autovacuum cleans its pending
	 * list) */
	[ST_BUSQUEDA_MEZCLAR] = "SELECT 1 WHERE false",
	[ST_BUSQUEDA_PAGINAS] = "SELECT 0",
	[ST_COLA_PAGE] = "SELECT s.id, e.nit, e.codigo_habilitacion, e.razon_social, s.fecha, "
	    "s.estado, e.llave_expira FROM solicitud s JOIN entidad e ON e.id = s.entidad_id "
	    "WHERE s.vigente = 1 AND s.cola = ?1 AND (substr(e.nit, 1, length(?2)) = ?2 "
	    "OR substr(e.codigo_habilitacion, 1, length(?2)) = ?2 OR strpos(e.razon_norm, ?3) > 0 "
	    "OR s.estado = ?3) ORDER BY s.fecha, s.id LIMIT ?4 OFFSET ?5",
	/* CROSS JOIN ... ON -> JOIN */
	[ST_COLA_VENCE_COUNT] = "SELECT count(*) FROM entidad e JOIN solicitud s "
	    "ON s.entidad_id = e.id AND s.vigente = 1 WHERE e.llave_expira <= ?2 AND s.cola = ?1",
	[ST_COLA_VENCE_PAGE] = "SELECT s.id, e.nit, e.codigo_habilitacion, e.razon_social, s.fecha, "
	    "s.estado, e.llave_expira FROM entidad e JOIN solicitud s "
	    "ON s.entidad_id = e.id AND s.vigente = 1 WHERE e.llave_expira <= ?2 AND s.cola = ?1 "
	    "ORDER BY e.llave_expira, s.fecha, s.id LIMIT ?3 OFFSET ?4",
	/* julianday -> date arithmetic */
	[ST_AVISOS_DUE] = "SELECT l.id, l.entidad_id, l.ambiente, l.expira, v.dias, v.umbral, "
	    "s.lider_correo, e.razon_social, e.nit FROM (SELECT id, dias, CASE WHEN dias <= 7 "
	    "THEN 7 WHEN dias <= 30 THEN 30 WHEN dias <= 45 THEN 45 ELSE 90 END AS umbral "
	    "FROM (SELECT id, " PG_DIAS("expira", "?1") " AS dias "
	    "FROM llave WHERE vigente = 1) d WHERE dias BETWEEN 0 AND 90) v "
	    "JOIN llave l ON l.id = v.id JOIN solicitud s ON s.id = l.solicitud_id "
	    "JOIN entidad e ON e.id = l.entidad_id WHERE NOT EXISTS (SELECT 1 FROM "
	    "aviso_vencimiento a WHERE a.llave_id = l.id AND a.umbral = v.umbral) "
	    "ORDER BY l.entidad_id, v.umbral, l.id",
	/* CROSS JOIN ... ON -> JOIN; json_extract -> ->> */
	/* + RETURNING id, which db_exec passes over: db_last_id then reads the id drawn from
	 * it, without a round trip of its own (lastval() under a savepoint), inside the audit
	 * writers' turn (core/db_pg.c) */
	[ST_MIPRES_PASO_INSERT] = "INSERT INTO mipres_paso(linea_id, tipo, ambito, fecha, dia, "
	    "prov_nit, eps_id, cantidad, datos) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
	/* one plan for any data, kept (PG_MIPRES_Q_DIA) */
	[ST_MIPRES_Q_FECHA_PROV] = PG_MIPRES_Q_DIA("") "WHERE p.tipo = (SELECT ?1::text) "
	    "AND p.prov_nit = (SELECT ?2::text) AND p.dia = (SELECT ?3::text) ORDER BY p.id",
	[ST_MIPRES_Q_FECHA_EPS] = PG_MIPRES_Q_DIA(" AND regimen = (SELECT ?4::text)")
	    "WHERE p.tipo = (SELECT ?1::text) AND p.eps_id = (SELECT ?2::bigint) "
	    "AND p.dia = (SELECT ?3::text) ORDER BY p.id",
	[ST_MIPRES_LISTA_PROV] = PG_MIPRES_LISTA("SELECT linea_id FROM mipres_paso "
	    "WHERE ?1 = 'fecha' AND tipo IN ('D', 'E') AND prov_nit = ?2 AND dia = ?3 "
	    "AND (tipo = 'D' OR ambito = 1) "
	    "UNION SELECT id FROM mipres_linea WHERE ?1 = 'prescripcion' AND no_prescripcion = ?4 "
	    "AND prov_nit = ?2 "
	    "UNION SELECT l.id FROM mipres_linea l JOIN mipres_paso p ON p.linea_id = l.id "
	    "WHERE ?1 = 'paciente' AND l.no_id_paciente = ?5 AND l.tipo_id_paciente = ?6 "
	    "AND l.prov_nit = ?2 AND p.tipo IN ('D', 'E') AND (p.tipo = 'D' OR p.ambito = 1) "
	    "AND p.dia = ?3", "?7"),
	[ST_MIPRES_LISTA_EPS] = PG_MIPRES_LISTA("SELECT p.linea_id FROM mipres_paso p "
	    "JOIN mipres_linea l ON l.id = p.linea_id WHERE ?1 = 'fecha' AND p.tipo = 'D' "
	    "AND p.eps_id = ?2 AND p.dia = ?3 AND l.regimen = ?7 "
	    "UNION SELECT id FROM mipres_linea WHERE ?1 = 'prescripcion' AND no_prescripcion = ?4 "
	    "AND eps_id = ?2 AND regimen = ?7 AND prov_nit IS NOT NULL "
	    "UNION SELECT l.id FROM mipres_linea l JOIN mipres_paso p ON p.linea_id = l.id "
	    "WHERE ?1 = 'paciente' AND l.no_id_paciente = ?5 AND l.tipo_id_paciente = ?6 "
	    "AND l.eps_id = ?2 AND l.regimen = ?7 AND p.tipo = 'D' AND p.dia = ?3", "?8"),
	/* the audit writers' lock, in a transaction that did not take their turn at its begin
	 * (db_turno: LOCK TABLE there, cgi/core/db_pg.c): each updates the anchor's row first,
	 * so a second waits for the first to end, and then fails to serialize (40001:
	 * DB_RETRY) when its snapshot is older than the first's commit; never two rows chained
	 * from one (cgi/core/cadena.h) */
	[ST_AUDITORIA_CERROJO] = "UPDATE auditoria_ancla SET hasta = hasta",
	/* BEGIN is READ COMMITTED here, a snapshot per statement: audit-verify reads the anchor
	 * and every row in one */
	[ST_BEGIN_LECTURA] = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
	/* pragma_table_info: the catalog's view */
	[ST_AUDITORIA_TIENE_MAC] = "SELECT count(*) FROM information_schema.columns "
	    "WHERE table_schema = current_schema() AND table_name = 'auditoria' "
	    "AND column_name = 'mac'",
};
