/*
 * PostgreSQL's own text of the portal's statements (sql_texto(): each feature's sql.c) whose
 * SQLite text it does not take (issue 14; db/pg/sentencias_por_adaptar.txt lists those
 * still without one). The PostgreSQL engine (core/db_pg.c) prepares stmts_pg[s] when set,
 * sql_texto(s) otherwise; tests/pg/run.sh prepares the same. Each variant takes the same
 * parameters and returns the same columns, values as SQLite's would read through db.h. A
 * text both engines take belongs in the feature's sql.c instead.
 */
#include "core/db_pg.h"

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
	/* pragma_table_info: the catalog's view */
	[ST_AUDITORIA_TIENE_MAC] = "SELECT count(*) FROM information_schema.columns "
	    "WHERE table_schema = current_schema() AND table_name = 'auditoria' "
	    "AND column_name = 'mac'",
};
