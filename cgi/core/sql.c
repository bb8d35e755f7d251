/*
 * The statements of the core: transactions, entities and users as the session, audit trail
 * and mail queue need them, the session itself, the mailer. Each is prepared once per
 * worker (db_stmt(), cgi/core/db.h); their names are in cgi/core/sql.h. Placeholders are
 * positional: the comment names them in order, then the columns a query returns.
 */
#include <stddef.h>

#include "core/sql.h"

const char *const core_sql[ST__MAX] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",

	/* nit, razon_social, razon_norm, tipo, codigo_habilitacion, creada */
	[ST_ENTIDAD_INSERT] = "INSERT INTO entidad(nit, razon_social, razon_norm, tipo, "
	    "codigo_habilitacion, creada) VALUES (?,?,?,?,?,?)",
	/* nit -> id, razon_social, tipo, codigo_habilitacion (columns: enum entidad_by_nit_col) */
	[ST_ENTIDAD_BY_NIT] = "SELECT id, razon_social, tipo, codigo_habilitacion "
	    "FROM entidad WHERE nit = ?",

	/* login, nombre, correo, tipo_doc, num_doc, pass_hash, creado */
	[ST_USUARIO_INSERT] = "INSERT INTO usuario(login, nombre, correo, tipo_doc, num_doc, "
	    "pass_hash, creado) VALUES (?,?,?,?,?,?,?)",
	/* rol -> correo of active holders of the role, any entity */
	[ST_USUARIOS_CORREO_BY_ROL] = "SELECT DISTINCT u.correo FROM usuario u "
	    "JOIN rol_asignado r ON r.usuario_id = u.id "
	    "WHERE r.rol = ? AND r.activo = 1 AND u.activo = 1",
	/* rol, entidad_id -> correo */
	[ST_USUARIOS_CORREO_BY_ROL_ENTIDAD] = "SELECT DISTINCT u.correo FROM usuario u "
	    "JOIN rol_asignado r ON r.usuario_id = u.id "
	    "WHERE r.rol = ? AND r.entidad_id = ? AND r.activo = 1 AND u.activo = 1",
	/* entidad_id, usuario_id -> correo of the entity's active people (delegates and
	 * autorizados, any role) but that user */
	[ST_USUARIOS_CORREO_BY_ENTIDAD] = "SELECT DISTINCT u.correo FROM usuario u "
	    "JOIN rol_asignado r ON r.usuario_id = u.id "
	    "WHERE r.entidad_id = ? AND u.id <> ? AND r.activo = 1 AND u.activo = 1",
	/* entidad_id -> correo of the entity's active delegates (any securityAdmin_* role) */
	[ST_DELEGADOS_CORREO_BY_ENTIDAD] = "SELECT DISTINCT u.correo FROM usuario u "
	    "JOIN rol_asignado r ON r.usuario_id = u.id WHERE r.entidad_id = ? "
	    "AND r.rol GLOB 'securityAdmin_*' AND r.activo = 1 AND u.activo = 1",

	/* usuario_id, entidad_id, rol */
	[ST_ROL_INSERT] = "INSERT INTO rol_asignado(usuario_id, entidad_id, rol) VALUES (?,?,?)",

	/* usuario_id -> the user's active roles: id, rol, entity nit, razon_social, in order */
	[ST_ROLES_BY_USUARIO] = "SELECT r.id, r.rol, e.nit, e.razon_social FROM rol_asignado r "
	    "JOIN entidad e ON e.id = r.entidad_id WHERE r.usuario_id = ? AND r.activo = 1 "
	    "ORDER BY r.id",
	/* login, nombre, correo, tipo_doc, num_doc, sexo, primer_nombre, segundo_nombre,
	 * primer_apellido, segundo_apellido, creado (no password: set by registration). A
	 * login already held inserts nothing (db_changes 0) instead of failing: on PostgreSQL
	 * a failed statement would end the caller's transaction, which goes on (registration
	 * takes over a rejected registrant's login). */
	[ST_USUARIO_INSERT_PERSONA] = "INSERT INTO usuario(login, nombre, correo, tipo_doc, "
	    "num_doc, sexo, primer_nombre, segundo_nombre, primer_apellido, segundo_apellido, "
	    "creado) VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",

	/* id_hash, usuario_id, rol_id, csrf, creada, ultimo, ip, elegir, varios_roles, paso,
	 * autenticado */
	[ST_SESION_INSERT] = "INSERT INTO sesion(id_hash, usuario_id, rol_id, csrf, creada, "
	    "ultimo, ip, elegir, varios_roles, paso, autenticado) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
	/* id_hash -> the session with its user, role and entity, and whether its perfil only
	 * consults; a session of a user with no active role (elegir 2: only their invitations
	 * answer) rests on a waiting authorization (columns: enum sesion_load_col) */
	[ST_SESION_LOAD] = "SELECT s.usuario_id, s.rol_id, s.csrf, s.creada, s.ultimo, "
	    "u.login, u.nombre, r.rol, e.id, e.nit, e.razon_social, e.codigo_habilitacion, "
	    "s.elegir, s.varios_roles, s.paso, s.autenticado, coalesce(p.solo_consulta, 0) "
	    "FROM sesion s JOIN usuario u ON u.id = s.usuario_id "
	    "JOIN rol_asignado r ON r.id = s.rol_id JOIN entidad e ON e.id = r.entidad_id "
	    "LEFT JOIN perfil p ON p.id = r.perfil_id "
	    "WHERE s.id_hash = ? AND u.activo = 1 AND (r.activo = 1 OR s.elegir = 2)",
	/* autenticado, id_hash: the user just gave the password (and code) again */
	[ST_SESION_AUTENTICADO] = "UPDATE sesion SET autenticado = ? WHERE id_hash = ?",
	/* ultimo, id_hash */
	[ST_SESION_TOUCH] = "UPDATE sesion SET ultimo = ? WHERE id_hash = ?",
	/* id_hash */
	[ST_SESION_DELETE] = "DELETE FROM sesion WHERE id_hash = ?",
	/* idle limit, absolute limit: sessions whose ultimo/creada are older */
	[ST_SESION_PURGE] = "DELETE FROM sesion WHERE ultimo < ? OR creada < ?",

	/* ts, usuario_id, login, rol, entidad_id, ip, accion, detalle, id, mac: an audit row.
	 * Only through db_exec(ST_AUDIT_INSERT, fmt, the first eight): cgi/core/cadena.c numbers it
	 * after the chain's tail (ST_AUDITORIA_COLA) and binds its mac, computed in C */
	[ST_AUDIT_INSERT] = "INSERT INTO auditoria(ts, usuario_id, login, rol, entidad_id, ip, "
	    "accion, detalle, id, mac) VALUES (?,?,?,?,?,?,?,?,?,?)",
	/* the audit writers' lock, taken before the tail is read, until the transaction ends:
	 * nothing here, where BEGIN IMMEDIATE lets one writer in at a time (PostgreSQL:
	 * cgi/core/sql_pg.c) */
	[ST_AUDITORIA_CERROJO] = "SELECT 1 WHERE 0",
	/* -> the chain's tail: the last row's id and mac, or the anchor's when retention
	 * removed every row (one row: the larger id). Each half tests the other's id instead
	 * of sorting the two: SQLite sorted each half for one row (ORDER BY 1 DESC), 59,900
	 * instructions inside the writers' lock on every audited write; now 8,800 (issue 17) */
	[ST_AUDITORIA_COLA] = "SELECT id, mac FROM (SELECT id, mac FROM auditoria ORDER BY id "
	    "DESC LIMIT 1) AS u WHERE id >= (SELECT hasta FROM auditoria_ancla) "
	    "UNION ALL SELECT hasta, mac FROM auditoria_ancla "
	    "WHERE hasta > coalesce((SELECT max(id) FROM auditoria), -1)",
	/* a read transaction: one snapshot for several statements */
	[ST_BEGIN_LECTURA] = "BEGIN",
	/* -> the anchor: the id and mac the chain starts from, their seal */
	[ST_AUDITORIA_ANCLA] = "SELECT hasta, mac, sello FROM auditoria_ancla",
	/* -> 1 when auditoria has its mac column (the chain's migration was applied) */
	[ST_AUDITORIA_TIENE_MAC] = "SELECT count(*) FROM pragma_table_info('auditoria') "
	    "WHERE name = 'mac'",
	/* -> 1 when the anchor has no seal yet: the rows before 019 wait for their macs */
	[ST_AUDITORIA_SIN_SELLO] = "SELECT count(*) FROM auditoria_ancla WHERE sello IS NULL",
	/* mac, id: a row written before 019 gets its mac (the trigger lets rows change while
	 * the anchor has no seal) */
	[ST_AUDITORIA_ENCADENAR] = "UPDATE auditoria SET mac = ? WHERE id = ?",
	/* seal: the anchor's, once the rows before 019 are chained; from now on no row changes */
	[ST_AUDITORIA_SELLAR] = "UPDATE auditoria_ancla SET sello = ? WHERE sello IS NULL",
	/* after, how many -> the rows after id after, in the chain's order, with their macs (the
	 * fields as cgi/core/cadena.c hashes them) */
	[ST_AUDITORIA_CADENA] = "SELECT id, ts, usuario_id, login, rol, entidad_id, ip, accion, "
	    "detalle, mac FROM auditoria WHERE id > ? ORDER BY id LIMIT ?",
	/* id -> the mac of row id, when it is past the anchor */
	[ST_AUDITORIA_MAC_FILA] = "SELECT a.mac FROM auditoria a JOIN auditoria_ancla n "
	    "ON a.id > n.hasta WHERE a.id = ?",
	/* hasta, its mac, their seal, now: the anchor moves forward to row hasta */
	[ST_AUDITORIA_ANCLAR] = "UPDATE auditoria_ancla SET hasta = ?1, mac = ?2, sello = ?3, "
	    "movida = ?4 WHERE hasta < ?1",
	/* para, asunto, creado, caduca (NULL: no link or code in it): the body is sealed to the
	 * new row next (ST_CORREO_SELLAR), in the same transaction */
	[ST_CORREO_INSERT] = "INSERT INTO correo(para, asunto, creado, caduca) VALUES (?,?,?,?)",
	/* sealed body, id */
	[ST_CORREO_SELLAR] = "UPDATE correo SET cuerpo = ? WHERE id = ?",
	/* id -> estado, sealed body (NULL once wiped) */
	[ST_CORREO_CUERPO] = "SELECT estado, cuerpo FROM correo WHERE id = ?",
	/* -> id, body of each message still in clear (queued before 016_correo_sellado.sql) */
	[ST_CORREO_EN_CLARO] = "SELECT id, cuerpo FROM correo WHERE typeof(cuerpo) = 'text'",
	/* -> every message: id, created (UTC text), estado, intentos, para, asunto, error,
	 * 1 while its body is kept (sealed) */
	[ST_CORREO_LIST] = "SELECT id, datetime(creado, 'unixepoch'), estado, intentos, para, "
	    "asunto, ultimo_error, cuerpo IS NOT NULL FROM correo ORDER BY id",
	[ST_CORREO_DUE] = "SELECT id, para, asunto, cuerpo, intentos FROM correo "
	    "WHERE estado = 'pendiente' AND proximo <= ? ORDER BY id LIMIT 20",	/* MAIL_BATCH */
	/* lease end, id, now: claims a due message for one sender (0 rows: another has it) */
	[ST_CORREO_RECLAMAR] = "UPDATE correo SET proximo = ? WHERE id = ? "
	    "AND estado = 'pendiente' AND proximo <= ?",
	/* enviado, id: delivered, and its body wiped */
	[ST_CORREO_ENVIADO] = "UPDATE correo SET estado = 'enviado', enviado = ?, "
	    "intentos = intentos + 1, ultimo_error = NULL, cuerpo = NULL "
	    "WHERE id = ? AND estado = 'pendiente'",
	/* error, next attempt, attempts after which it is given up, id */
	[ST_CORREO_FALLO] = "UPDATE correo SET intentos = intentos + 1, ultimo_error = ?, "
	    "proximo = ?, estado = CASE WHEN intentos + 1 >= ? THEN 'fallido' ELSE 'pendiente' END "
	    "WHERE id = ?",
	/* now: wipes the body of each undelivered message whose link or code has expired;
	 * a pending one is given up, the reason appended to its last error */
	[ST_CORREO_CADUCAR] = "UPDATE correo SET cuerpo = NULL, estado = 'fallido', "
	    "ultimo_error = coalesce(ultimo_error || '. ', '') || 'El enlace o código del mensaje "
	    "venció sin que se entregara: su contenido se borró' "
	    "WHERE cuerpo IS NOT NULL AND caduca <= ?",
	/* the connection zeroes what it deletes instead of leaving it in free pages */
	[ST_SECURE_DELETE] = "PRAGMA secure_delete = ON",
	/* copies the WAL into the database and empties it (old page images with it) */
	[ST_WAL_TRUNCAR] = "PRAGMA wal_checkpoint(TRUNCATE)",
	/* correo_id, cid, nombre, tipo: the data is sealed to the new row next
	 * (ST_ADJUNTO_SELLAR), in the same transaction */
	[ST_ADJUNTO_INSERT] = "INSERT INTO correo_adjunto(correo_id, cid, nombre, tipo, datos) "
	    "VALUES (?,?,?,?,x'')",
	/* sealed data, id */
	[ST_ADJUNTO_SELLAR] = "UPDATE correo_adjunto SET datos = ? WHERE id = ?",
	/* correo_id -> id, cid, nombre, tipo, sealed datos of each attachment */
	[ST_ADJUNTOS_BY_CORREO] = "SELECT id, cid, nombre, tipo, datos FROM correo_adjunto "
	    "WHERE correo_id = ? ORDER BY id",
	/* correo_id: its attachments go with its body */
	[ST_ADJUNTOS_BORRAR] = "DELETE FROM correo_adjunto WHERE correo_id = ?",
	/* the attachments of every message whose body was wiped */
	[ST_ADJUNTOS_HUERFANOS] = "DELETE FROM correo_adjunto WHERE "
	    "(SELECT cuerpo IS NULL FROM correo WHERE correo.id = correo_adjunto.correo_id)",
	/* -> url, usuario, clave, remitente, exigir_tls, actualizado */
	[ST_SMTP_GET] = "SELECT url, usuario, clave, remitente, exigir_tls, actualizado "
	    "FROM smtp WHERE id = 1",
	/* url, usuario, clave, remitente, exigir_tls, actualizado */
	[ST_SMTP_SET] = "INSERT INTO smtp(id, url, usuario, clave, remitente, exigir_tls, "
	    "actualizado) VALUES (1, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
	    "url = excluded.url, usuario = excluded.usuario, clave = excluded.clave, "
	    "remitente = excluded.remitente, exigir_tls = excluded.exigir_tls, "
	    "actualizado = excluded.actualizado",
};

const char *
sql_texto(enum stmt s)
{
	const char *const *const *t;

	for (t = sql_tablas; *t != NULL; t++)
		if ((*t)[s] != NULL)
			return (*t)[s];
	return NULL;
}
