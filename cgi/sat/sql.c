/*
 * The statements of SAT (cgi/sat/): activation, terms, services, assignments, shared
 * services. Each is prepared once per worker (db_stmt(), cgi/core/db.h); their names are in
 * cgi/core/sql.h. Placeholders are positional: the comment names them in order, then the
 * columns a query returns.
 */
#include "core/sql.h"

const char *const sat_sql[ST__MAX] = {
	/* entidad_id -> 1 when the ministry activated SAT for the entity (no row: none) */
	[ST_SAT_ACTIVA] = "SELECT activo FROM sat_entidad WHERE entidad_id = ?",
	/* entidad_id, activado, activado_por: the module on (again) for the entity */
	[ST_SAT_ACTIVAR] = "INSERT INTO sat_entidad(entidad_id, activo, activado, activado_por) "
	    "VALUES (?1, 1, ?2, ?3) ON CONFLICT (entidad_id) DO UPDATE SET activo = 1, "
	    "activado = ?2, activado_por = ?3",
	/* usuario_id, entidad_id, version -> the newest answer: 1 accepted, 0 declined */
	[ST_SAT_TERMINOS_ULTIMA] = "SELECT acepto FROM sat_terminos WHERE usuario_id = ? "
	    "AND entidad_id = ? AND version = ? ORDER BY id DESC LIMIT 1",
	/* usuario_id, entidad_id, version, acepto, fecha, ip */
	[ST_SAT_TERMINOS_INSERT] = "INSERT INTO sat_terminos(usuario_id, entidad_id, version, "
	    "acepto, fecha, ip) VALUES (?,?,?,?,?,?)",
	/* entidad_id -> the active services enabled for the entity: assignment id, nombre,
	 * descripcion, client_id, estado */
	[ST_SAT_CATALOGO_ENTIDAD] = "SELECT a.id, s.nombre, s.descripcion, a.client_id, "
	    "s.estado FROM servicio_asignado a JOIN servicio s ON s.id = a.servicio_id "
	    "WHERE a.entidad_id = ? AND a.activo = 1 ORDER BY s.nombre",
	/* nit pattern, folded razón social pattern (LIKE, escape '\\'), limit -> the CCF and
	 * AP entities matching either: id, nit, razon_social, tipo, SAT activo (0 also when
	 * never activated), active assignments */
	[ST_SAT_ENTIDADES] = "SELECT e.id, e.nit, e.razon_social, e.tipo, "
	    "coalesce(s.activo, 0), (SELECT count(*) FROM servicio_asignado a "
	    "WHERE a.entidad_id = e.id AND a.activo = 1) FROM entidad e "
	    "LEFT JOIN sat_entidad s ON s.entidad_id = e.id WHERE e.tipo IN ('CCF', 'AP') "
	    "AND (e.nit LIKE ?1 ESCAPE '\\' OR e.razon_norm LIKE ?2 ESCAPE '\\') "
	    "ORDER BY e.razon_norm, e.id LIMIT ?3",
	/* entidad_id -> of a CCF or AP entity: nit, razon_social, tipo, SAT activo (NULL:
	 * never activated), activado, name of who activated, clave_fecha */
	[ST_SAT_ENTIDAD_GET] = "SELECT e.nit, e.razon_social, e.tipo, s.activo, s.activado, "
	    "u.nombre, s.clave_fecha FROM entidad e LEFT JOIN sat_entidad s ON "
	    "s.entidad_id = e.id LEFT JOIN usuario u ON u.id = s.activado_por "
	    "WHERE e.id = ? AND e.tipo IN ('CCF', 'AP')",
	/* entidad_id: the module off for the entity (its users see why) */
	[ST_SAT_DESACTIVAR] = "UPDATE sat_entidad SET activo = 0 WHERE entidad_id = ? "
	    "AND activo = 1",
	/* -> the catalog: id, nombre, tipo_entidad, estado, url_base, metodo, actualizado,
	 * active assignments */
	[ST_SERVICIO_LIST] = "SELECT s.id, s.nombre, s.tipo_entidad, s.estado, s.url_base, "
	    "s.metodo, s.actualizado, (SELECT count(*) FROM servicio_asignado a WHERE "
	    "a.servicio_id = s.id AND a.activo = 1) FROM servicio s "
	    "ORDER BY s.tipo_entidad, s.nombre",
	/* id -> nombre, descripcion, tipo_entidad, estado, url_base, metodo, openapi
	 * (columns: enum servicio_get_col) */
	[ST_SERVICIO_GET] = "SELECT nombre, descripcion, tipo_entidad, estado, url_base, "
	    "metodo, openapi FROM servicio WHERE id = ?",
	/* nombre, descripcion, tipo_entidad, estado, url_base, metodo, openapi, now */
	[ST_SERVICIO_INSERT] = "INSERT INTO servicio(nombre, descripcion, tipo_entidad, estado, "
	    "url_base, metodo, openapi, creado, actualizado) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?8)",
	/* nombre, descripcion, tipo_entidad, estado, url_base, metodo, openapi, now, id; changes
	 * nothing when the type would change while the service is enabled for an entity */
	[ST_SERVICIO_UPDATE] = "UPDATE servicio SET nombre = ?1, descripcion = ?2, "
	    "tipo_entidad = ?3, estado = ?4, url_base = ?5, metodo = ?6, openapi = ?7, "
	    "actualizado = ?8 WHERE id = ?9 AND (tipo_entidad = ?3 OR NOT EXISTS (SELECT 1 "
	    "FROM servicio_asignado a WHERE a.servicio_id = ?9 AND a.activo = 1))",
	/* entidad_id -> every assignment of the entity: id, nombre, client_id, activo,
	 * asignado, servicio estado, name of who assigned */
	[ST_SERVICIO_ASIGNADOS] = "SELECT a.id, s.nombre, a.client_id, a.activo, a.asignado, "
	    "s.estado, u.nombre FROM servicio_asignado a JOIN servicio s ON s.id = a.servicio_id "
	    "JOIN usuario u ON u.id = a.asignado_por WHERE a.entidad_id = ? ORDER BY s.nombre",
	/* entidad_id, tipo -> the active services of that entity type not enabled for the
	 * entity: id, nombre */
	[ST_SERVICIO_ASIGNABLES] = "SELECT s.id, s.nombre FROM servicio s WHERE "
	    "s.tipo_entidad = ?2 AND s.estado = 'Activo' AND NOT EXISTS (SELECT 1 FROM "
	    "servicio_asignado a WHERE a.servicio_id = s.id AND a.entidad_id = ?1 AND "
	    "a.activo = 1) ORDER BY s.nombre",
	/* servicio_id, entidad_id, client_id, now, asignado_por: enables the service for the
	 * entity; enabling it again keeps the Client ID it had */
	[ST_SERVICIO_ASIGNAR] = "INSERT INTO servicio_asignado(servicio_id, entidad_id, "
	    "client_id, activo, asignado, asignado_por) VALUES (?1, ?2, ?3, 1, ?4, ?5) "
	    "ON CONFLICT (servicio_id, entidad_id) DO UPDATE SET activo = 1, asignado = ?4, "
	    "asignado_por = ?5 WHERE servicio_asignado.activo = 0",
	/* id -> entidad_id, servicio nombre, client_id, activo */
	[ST_SERVICIO_ASIGNADO_GET] = "SELECT a.entidad_id, s.nombre, a.client_id, a.activo "
	    "FROM servicio_asignado a JOIN servicio s ON s.id = a.servicio_id WHERE a.id = ?",
	/* id: the assignment off (the entity no longer sees the service) */
	[ST_SERVICIO_ASIGNADO_DESACTIVAR] = "UPDATE servicio_asignado SET activo = 0 "
	    "WHERE id = ? AND activo = 1",
	/* assignment id, entidad_id -> when it is the entity's and active: nombre, client_id,
	 * estado, url_base, metodo, descripcion, openapi */
	[ST_SAT_SERVICIO_ENTIDAD] = "SELECT s.nombre, a.client_id, s.estado, s.url_base, "
	    "s.metodo, s.descripcion, s.openapi FROM servicio_asignado a JOIN servicio s ON "
	    "s.id = a.servicio_id WHERE a.id = ? AND a.entidad_id = ? AND a.activo = 1",
	/* entidad_id -> clave_fecha (NULL: no password yet), name of who set it */
	[ST_SAT_CLAVE_GET] = "SELECT s.clave_fecha, u.nombre FROM sat_entidad s LEFT JOIN "
	    "usuario u ON u.id = s.clave_por WHERE s.entidad_id = ?",
	/* clave (scrypt MCF), clave_fecha, clave_por, entidad_id */
	[ST_SAT_CLAVE_SET] = "UPDATE sat_entidad SET clave = ?, clave_fecha = ?, clave_por = ? "
	    "WHERE entidad_id = ?",

	/* entidad_id -> the services the entity shares: id, nombre, url, metodo, datos,
	 * credenciales (NULL: that form not saved yet) */
	[ST_COMPARTIDO_LIST] = "SELECT id, nombre, url, metodo, datos, credenciales "
	    "FROM servicio_compartido WHERE entidad_id = ? ORDER BY nombre, id",
	/* id, entidad_id -> one shared service of that entity (sql columns in the order of
	 * struct compartido, cgi/sat/compartir.c) */
	[ST_COMPARTIDO_GET] = "SELECT id, nombre, descripcion, url, metodo, llave_pem, llave_tipo, "
	    "llave_bits, llave_huella, llave_vence, ejemplo, token_nombre, token_url, usuario, "
	    "clave, client_id, client_secret, scope, grant_type, cliente_en_cuerpo, datos, "
	    "credenciales FROM servicio_compartido WHERE id = ? AND entidad_id = ?",
	/* entidad_id, nombre, id -> 1 when another service of the entity has that name */
	[ST_COMPARTIDO_NOMBRE_USADO] = "SELECT 1 FROM servicio_compartido WHERE entidad_id = ? "
	    "AND nombre = ? AND id <> ?",
	/* entidad_id, nombre, descripcion, url, metodo, llave_pem, llave_tipo, llave_bits,
	 * llave_huella, llave_vence (0: NULL), ejemplo, datos (= creado = actualizado) */
	[ST_COMPARTIDO_INSERT] = "INSERT INTO servicio_compartido(entidad_id, nombre, descripcion, "
	    "url, metodo, llave_pem, llave_tipo, llave_bits, llave_huella, llave_vence, ejemplo, "
	    "datos, creado, actualizado) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,NULLIF(?10, 0),?11,?12,?12,?12)",
	/* nombre, descripcion, url, metodo, llave_pem, llave_tipo, llave_bits, llave_huella,
	 * llave_vence (0: NULL), ejemplo, datos (= actualizado), id, entidad_id */
	[ST_COMPARTIDO_DATOS] = "UPDATE servicio_compartido SET nombre = ?1, descripcion = ?2, "
	    "url = ?3, metodo = ?4, llave_pem = ?5, llave_tipo = ?6, llave_bits = ?7, "
	    "llave_huella = ?8, llave_vence = NULLIF(?9, 0), ejemplo = ?10, datos = ?11, actualizado = ?11 "
	    "WHERE id = ?12 AND entidad_id = ?13",
	/* token_nombre, token_url, usuario, clave (sealed or NULL), client_id, client_secret
	 * (sealed or NULL), scope, grant_type, cliente_en_cuerpo, credenciales
	 * (= actualizado), id, entidad_id */
	[ST_COMPARTIDO_CREDENCIALES] = "UPDATE servicio_compartido SET token_nombre = ?1, "
	    "token_url = ?2, usuario = ?3, clave = ?4, client_id = ?5, client_secret = ?6, "
	    "scope = ?7, grant_type = ?8, cliente_en_cuerpo = ?9, credenciales = ?10, "
	    "actualizado = ?10 WHERE id = ?11 AND entidad_id = ?12",
	/* id, entidad_id */
	[ST_COMPARTIDO_DELETE] = "DELETE FROM servicio_compartido WHERE id = ? AND entidad_id = ?",
};
