/*
 * The statements of the AP port (cgi/ap/): credentials, tokens, measurements and their
 * rollups, affiliations. Each is prepared once per worker (db_stmt(), cgi/core/db.h); their
 * names are in cgi/core/sql.h. Placeholders are positional: the comment names them in
 * order, then the columns a query returns.
 */
#include "core/sql.h"

const char *const ap_sql[ST__MAX] = {
	/* AP web services (cgi/ap/ap.c, cgi/ap/reporte.c, cgi/tools/demo_ap.c). */
	/* nit -> entidad_id, clave (scrypt MCF or NULL), activo of an AP with SAT enabled */
	[ST_AP_CREDENCIAL] = "SELECT e.id, s.clave, s.activo FROM entidad e "
	    "JOIN sat_entidad s ON s.entidad_id = e.id WHERE e.nit = ? AND e.tipo = 'AP'",
	/* client_id, entidad_id -> servicio_asignado id, service name: enabled, of the AP
	 * catalog, active */
	[ST_AP_ASIGNADO_BY_CLIENT] = "SELECT a.id, s.nombre FROM servicio_asignado a "
	    "JOIN servicio s ON s.id = a.servicio_id WHERE a.client_id = ? AND a.entidad_id = ? "
	    "AND a.activo = 1 AND s.estado = 'Activo' AND s.tipo_entidad = 'AP'",
	/* token_hash (32 bytes), entidad_id, asignado_id, creado, expira */
	[ST_AP_TOKEN_INSERT] = "INSERT INTO ap_token(token_hash, entidad_id, asignado_id, creado, "
	    "expira) VALUES (?,?,?,?,?)",
	/* now: tokens expired more than a day ago are forgotten */
	[ST_AP_TOKEN_PURGE] = "DELETE FROM ap_token WHERE expira < ? - 86400",
	/* token_hash -> entidad_id, service name, expira; only while the entity, the
	 * assignment and the service are still active */
	[ST_AP_TOKEN_BY_HASH] = "SELECT t.entidad_id, s.nombre, t.expira FROM ap_token t "
	    "JOIN servicio_asignado a ON a.id = t.asignado_id "
	    "JOIN servicio s ON s.id = a.servicio_id "
	    "JOIN sat_entidad e ON e.entidad_id = t.entidad_id "
	    "WHERE t.token_hash = ? AND a.activo = 1 AND s.estado = 'Activo' AND e.activo = 1",
	/* entidad_id (or NULL), servicio, fecha, estado, recibidos, aceptados, rechazados,
	 * duracion_us, incidente (or NULL) */
	[ST_AP_MEDICION_INSERT] = "INSERT INTO ap_medicion(entidad_id, servicio, fecha, estado, "
	    "recibidos, aceptados, rechazados, duracion_us, incidente) VALUES (?,?,?,?,?,?,?,?,?)",
	/* entidad_id, radicado, tipo_doc, num_doc, primer_nombre, segundo_nombre,
	 * primer_apellido, segundo_apellido, fecha_nacimiento, sexo, tipo_novedad,
	 * codigo_origen, codigo_destino, fecha_solicitud, fecha_efectividad, recibido;
	 * a radicado already received changes nothing (0 rows) */
	[ST_AP_AFILIACION_INSERT] = "INSERT INTO ap_afiliacion(entidad_id, radicado, tipo_doc, "
	    "num_doc, primer_nombre, segundo_nombre, primer_apellido, segundo_apellido, "
	    "fecha_nacimiento, sexo, tipo_novedad, codigo_origen, codigo_destino, fecha_solicitud, "
	    "fecha_efectividad, recibido) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
	    "ON CONFLICT (entidad_id, radicado) DO NOTHING",
	/* entidad_id, radicado -> id, tipo_doc, num_doc, fecha_solicitud of the AP's own */
	[ST_AP_AFILIACION_BY_RADICADO] = "SELECT id, tipo_doc, num_doc, fecha_solicitud "
	    "FROM ap_afiliacion WHERE entidad_id = ? AND radicado = ?",
	/* entidad_id, afiliacion_id, radicado, tipo_doc, num_doc, fecha_retracto, motivo,
	 * recibido; one per radicado (0 rows: already received) */
	[ST_AP_RETRACTO_INSERT] = "INSERT INTO ap_retracto(entidad_id, afiliacion_id, radicado, "
	    "tipo_doc, num_doc, fecha_retracto, motivo, recibido) VALUES (?,?,?,?,?,?,?,?) "
	    "ON CONFLICT (entidad_id, radicado) DO NOTHING",
	/* servicio, segundos (3600: an hour, 86400: a day), inicio (the period's first second),
	 * entidad_id (0: not identified), llamadas, recibidos, aceptados, rechazados, incidents
	 * (autenticacion, validacion, servidor), max_us, histogram (cgi/ap/resumen.h): added to
	 * that period's rollup, created when new */
	[ST_AP_RESUMEN_SUMAR] = "INSERT INTO ap_resumen(servicio, segundos, inicio, entidad_id, "
	    "llamadas, recibidos, aceptados, rechazados, inc_autenticacion, inc_validacion, "
	    "inc_servidor, max_us, histograma) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) "
	    "ON CONFLICT (servicio, segundos, inicio, entidad_id) DO UPDATE SET "
	    "llamadas = ap_resumen.llamadas + excluded.llamadas, "
	    "recibidos = ap_resumen.recibidos + excluded.recibidos, "
	    "aceptados = ap_resumen.aceptados + excluded.aceptados, "
	    "rechazados = ap_resumen.rechazados + excluded.rechazados, "
	    "inc_autenticacion = ap_resumen.inc_autenticacion + excluded.inc_autenticacion, "
	    "inc_validacion = ap_resumen.inc_validacion + excluded.inc_validacion, "
	    "inc_servidor = ap_resumen.inc_servidor + excluded.inc_servidor, "
	    "max_us = CASE WHEN excluded.max_us > ap_resumen.max_us THEN excluded.max_us "
	    "ELSE ap_resumen.max_us END, "
	    "histograma = ap_hist_unir(ap_resumen.histograma, excluded.histograma)",
	/* servicio, segundos, desde, hasta (seconds, [desde, hasta)) -> the rollups of every AP
	 * and of the unidentified calls: inicio, llamadas, recibidos, aceptados, rechazados,
	 * incidents (autenticacion, validacion, servidor), max_us, histogram; by period */
	[ST_AP_RESUMEN_TODAS] = "SELECT inicio, llamadas, recibidos, aceptados, rechazados, "
	    "inc_autenticacion, inc_validacion, inc_servidor, max_us, histograma FROM ap_resumen "
	    "WHERE servicio = ?1 AND segundos = ?2 AND inicio >= ?3 AND inicio < ?4 "
	    "ORDER BY inicio",
	/* servicio, segundos, desde, hasta, entidad_id -> the same, of one AP (its index: with
	 * no statistics the planner would read every AP's rows of the primary key) */
	[ST_AP_RESUMEN_ENTIDAD] = "SELECT inicio, llamadas, recibidos, aceptados, rechazados, "
	    "inc_autenticacion, inc_validacion, inc_servidor, max_us, histograma FROM ap_resumen "
	    "INDEXED BY ap_resumen_entidad WHERE entidad_id = ?5 AND servicio = ?1 "
	    "AND segundos = ?2 AND inicio >= ?3 AND inicio < ?4 ORDER BY inicio",
	/* -> the APs with SAT enabled: id, nit, razon_social (from the few entities with SAT:
	 * CROSS JOIN keeps that order; SQLite would otherwise read every entity, 100,000 at
	 * national scale, on each report page) */
	[ST_AP_ENTIDADES] = "SELECT e.id, e.nit, e.razon_social FROM sat_entidad s "
	    "CROSS JOIN entidad e ON e.id = s.entidad_id WHERE e.tipo = 'AP' "
	    "ORDER BY e.razon_social, e.id",
	/* id -> razon_social of an AP */
	[ST_AP_ENTIDAD_RAZON] = "SELECT razon_social FROM entidad WHERE id = ? AND tipo = 'AP'",
	/* nombre, descripcion, url_base, openapi, now: the catalog entry (demo); the id via
	 * RETURNING, also when it existed */
	[ST_AP_SERVICIO_UPSERT] = "INSERT INTO servicio(nombre, descripcion, tipo_entidad, estado, "
	    "url_base, metodo, openapi, creado, actualizado) VALUES (?1, ?2, 'AP', 'Activo', ?3, "
	    "'POST', ?4, ?5, ?5) ON CONFLICT (nombre) DO UPDATE SET openapi = ?4 RETURNING id",
	/* servicio_id, entidad_id, client_id, asignado, asignado_por */
	[ST_AP_ASIGNAR] = "INSERT INTO servicio_asignado(servicio_id, entidad_id, client_id, "
	    "asignado, asignado_por) VALUES (?,?,?,?,?)",
	/* clave (scrypt MCF), clave_fecha, clave_por, entidad_id */
	[ST_AP_CLAVE_SET] = "UPDATE sat_entidad SET clave = ?, clave_fecha = ?, clave_por = ? "
	    "WHERE entidad_id = ?",
	/* -> the perfil of Rol_WS_AP (010) */
	[ST_AP_PERFIL] = "SELECT id FROM perfil WHERE rol = 'Rol_WS_AP' ORDER BY id LIMIT 1",
};
