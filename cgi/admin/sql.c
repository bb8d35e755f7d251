/*
 * The statements of administration (cgi/admin/): pending accounts, blocks, the Auditoria
 * page, retention, health, the mail queue page. Each is prepared once per worker
 * (db_stmt(), cgi/core/db.h); their names are in cgi/core/sql.h. Placeholders are
 * positional: the comment names them in order, then the columns a query returns.
 */
#include "core/sql.h"

const char *const admin_sql[ST__MAX] = {
	/* aprobacion, activo, id: only from 'pendiente' (0 rows: already decided) */
	[ST_USUARIO_SET_APROBACION] = "UPDATE usuario SET aprobacion = ?, activo = ? "
	    "WHERE id = ? AND aprobacion = 'pendiente'",
	/* -> accounts waiting for a ministry administrator, oldest first: id, login, correo,
	 * tipo_doc, num_doc, creado, the name's four parts */
	[ST_CUENTAS_PENDIENTES] = "SELECT u.id, u.login, u.correo, u.tipo_doc, u.num_doc, "
	    "u.creado, " PERSONA_NOMBRES("u") " FROM usuario u WHERE u.aprobacion = 'pendiente' "
	    "ORDER BY u.creado, u.id",
	/* id -> login, nombre, correo of a pending account */
	[ST_CUENTA_PENDIENTE_BY_ID] = "SELECT login, nombre, correo FROM usuario "
	    "WHERE id = ? AND aprobacion = 'pendiente'",
	/* -> id of the ministry's entity (tipo MSPS) */
	[ST_ENTIDAD_MSPS] = "SELECT id FROM entidad WHERE tipo = 'MSPS' ORDER BY id LIMIT 1",
	/* max -> logins locked until an administrator lifts it: tipo, login as typed, fallos,
	 * last failure, the account's (or AP's) name or NULL */
	[ST_BLOQUEOS_LIST] = "SELECT f.tipo, f.login, f.fallos, f.ultimo, CASE f.tipo WHEN "
	    "'login' THEN (SELECT nombre FROM usuario WHERE login = f.clave) ELSE (SELECT "
	    "razon_social FROM entidad WHERE nit = f.clave AND tipo = 'AP') END "
	    "FROM intento_seguido f WHERE f.fallos >= ? ORDER BY f.ultimo DESC, f.login",
	/* max, window start -> (login, address) locks in force: tipo, login as typed, address,
	 * fallos, window start, the account's (or AP's) name or NULL */
	[ST_BLOQUEOS_PAR_LIST] = "SELECT f.tipo, f.login, f.ip, f.fallos, f.desde, CASE f.tipo "
	    "WHEN 'login' THEN (SELECT nombre FROM usuario WHERE login = f.clave) ELSE (SELECT "
	    "razon_social FROM entidad WHERE nit = f.clave AND tipo = 'AP') END FROM intento f "
	    "WHERE f.clave <> '' AND f.fallos >= ? AND f.desde >= ? ORDER BY f.desde DESC, f.login",
	/* The Auditoría page (cgi/admin/auditoria.c), one statement per index that leads: by login, by
	 * entity, by action, or by date alone. Each takes login ('' any), entidad_id (0 any),
	 * accion ('' any), from, to (seconds, [from, to)), then n. The pages go on from a row
	 * (keyset: ts, id; a ts past every row for the first page): the caller passes to at most
	 * that row's ts + 1, so the index range starts at it, not OFFSET rows later.
	 * _PAGINA: n, ts, id -> the n rows listed after that row (older): id, ts, login, rol, nit,
	 * razon_social, ip, accion, detalle, newest first */
#define AUDITORIA_COLS "SELECT a.id, a.ts, a.login, a.rol, e.nit, e.razon_social, a.ip, " \
	"a.accion, a.detalle FROM auditoria a LEFT JOIN entidad e ON e.id = a.entidad_id WHERE "
#define AUDITORIA_FILTRO "a.ts >= ?4 AND a.ts < ?5 AND (?1 = '' OR a.login = ?1 COLLATE " \
	"NOCASE) AND (?2 = 0 OR a.entidad_id = ?2) AND (?3 = '' OR a.accion = ?3) "
#define AUDITORIA_ORDEN "AND (a.ts < ?7 OR a.id < ?8) ORDER BY a.ts DESC, a.id DESC LIMIT ?6"
	[ST_AUDITORIA_PAGINA] = AUDITORIA_COLS AUDITORIA_FILTRO AUDITORIA_ORDEN,
	[ST_AUDITORIA_PAGINA_LOGIN] = AUDITORIA_COLS "a.login = ?1 COLLATE NOCASE AND "
	    AUDITORIA_FILTRO AUDITORIA_ORDEN,
	[ST_AUDITORIA_PAGINA_ENTIDAD] = AUDITORIA_COLS "a.entidad_id = ?2 AND " AUDITORIA_FILTRO
	    AUDITORIA_ORDEN,
	[ST_AUDITORIA_PAGINA_ACCION] = AUDITORIA_COLS "a.accion = ?3 AND " AUDITORIA_FILTRO
	    AUDITORIA_ORDEN,
	/* _ANTES: n, ts, id -> the id of the row listed n + 1 places before that row (newer),
	 * none when there are fewer (the caller passes from at least that row's ts) */
#define AUDITORIA_ANTES "AND (a.ts > ?7 OR a.id > ?8) ORDER BY a.ts, a.id LIMIT 1 OFFSET ?6"
	[ST_AUDITORIA_ANTES] = "SELECT a.id FROM auditoria a WHERE " AUDITORIA_FILTRO
	    AUDITORIA_ANTES,
	[ST_AUDITORIA_ANTES_LOGIN] = "SELECT a.id FROM auditoria a WHERE a.login = ?1 COLLATE "
	    "NOCASE AND " AUDITORIA_FILTRO AUDITORIA_ANTES,
	[ST_AUDITORIA_ANTES_ENTIDAD] = "SELECT a.id FROM auditoria a WHERE a.entidad_id = ?2 AND "
	    AUDITORIA_FILTRO AUDITORIA_ANTES,
	[ST_AUDITORIA_ANTES_ACCION] = "SELECT a.id FROM auditoria a WHERE a.accion = ?3 AND "
	    AUDITORIA_FILTRO AUDITORIA_ANTES,
	/* _CUENTA: n -> how many rows match, counting up to n. With a person or an entity, their
	 * index's entries up to n; with an action and dates, or dates alone, the sum of the days'
	 * counts (auditoria_dia, migration 028: the dates are whole days, as the page takes them),
	 * a row a day and action however many rows they count, then capped at n as the others
	 * stop there (an action's 83,333 rows among 1,000,000: the page 52.5 M -> 2.0 M
	 * instructions; a week's 20,185: 11.5 M -> 1.3 M) */
#define AUDITORIA_HASTA_N "LIMIT ?6) n"
#define AUDITORIA_DIAS(filtro) "SELECT CASE WHEN s > ?6 THEN ?6 ELSE s END FROM (SELECT " \
	"coalesce(sum(n), 0) AS s FROM auditoria_dia WHERE " filtro "dia >= ?4 AND dia < ?5 " \
	"AND ?1 = '' AND ?2 = 0) d"
	[ST_AUDITORIA_CUENTA] = AUDITORIA_DIAS("?3 = '' AND "),
	[ST_AUDITORIA_CUENTA_LOGIN] = "SELECT count(*) FROM (SELECT 1 FROM auditoria a WHERE "
	    "a.login = ?1 COLLATE NOCASE AND " AUDITORIA_FILTRO AUDITORIA_HASTA_N,
	[ST_AUDITORIA_CUENTA_ENTIDAD] = "SELECT count(*) FROM (SELECT 1 FROM auditoria a WHERE "
	    "a.entidad_id = ?2 AND " AUDITORIA_FILTRO AUDITORIA_HASTA_N,
	/* The action leads only when no person or entity is asked for (auditoria.c's sentencias) */
	[ST_AUDITORIA_CUENTA_ACCION] = AUDITORIA_DIAS("accion = ?3 AND "),
	/* -> how many rows the trail holds, without reading them: the ids after the anchor
	 * follow each other (the insert takes the last one plus one; audit-verify checks it) */
	[ST_AUDITORIA_CUENTA_TODAS] = "SELECT coalesce((SELECT max(id) FROM auditoria), hasta) - "
	    "hasta FROM auditoria_ancla",
	/* id -> the row's ts (none: no such row) */
	[ST_AUDITORIA_TS] = "SELECT ts FROM auditoria WHERE id = ?",
	/* -> the actions recorded, in order: one index seek each */
	[ST_AUDITORIA_ACCIONES] = "WITH RECURSIVE x(accion) AS (SELECT min(accion) FROM auditoria "
	    "UNION ALL SELECT (SELECT min(accion) FROM auditoria WHERE accion > x.accion) FROM x "
	    "WHERE x.accion IS NOT NULL) SELECT accion FROM x WHERE accion IS NOT NULL",
	/* hasta: the rows up to the anchor, which cadena_anchor just moved there */
	[ST_AUDITORIA_PODAR] = "DELETE FROM auditoria WHERE id <= ?",

	/* Retention (cgi/admin/retencion.c). cutoff -> the last id of the oldest rows, all older than
	 * cutoff (the chain loses only its start); NULL when there are none. The rowid scan
	 * (+ts) reads only those rows and the first newer one. */
	[ST_RETENCION_AUDITORIA_HASTA] = "SELECT coalesce((SELECT id FROM auditoria WHERE "
	    "+ts >= ?1 ORDER BY id LIMIT 1) - 1, (SELECT max(id) FROM auditoria))",
	/* cutoff, locked: consecutive failures whose last is older than cutoff, but a login
	 * locked until an administrator lifts it (fallos >= locked) */
	[ST_RETENCION_INTENTO_SEGUIDO] = "DELETE FROM intento_seguido WHERE ultimo < ? AND "
	    "fallos < ?",
	/* cutoff: the attachments of the messages ST_RETENCION_CORREO removes */
#define RETENCION_CORREO "((estado = 'enviado' AND enviado < ?1) OR (estado = 'fallido' AND " \
	"creado < ?1))"
	[ST_RETENCION_CORREO_ADJUNTOS] = "DELETE FROM correo_adjunto WHERE correo_id IN (SELECT "
	    "id FROM correo WHERE " RETENCION_CORREO ")",
	/* cutoff, limit: delivered messages delivered before cutoff, failed ones queued before
	 * it; never a pending one */
	[ST_RETENCION_CORREO] = "DELETE FROM correo WHERE id IN (SELECT id FROM correo WHERE "
	    RETENCION_CORREO " ORDER BY id LIMIT ?2)",
	/* cutoff: password links used, or expired, before cutoff */
	[ST_RETENCION_ENLACES] = "DELETE FROM enlace_clave WHERE coalesce(usado, expira) < ?",
	/* cutoff, limit: AP measurements older than cutoff */
	[ST_RETENCION_AP] = "DELETE FROM ap_medicion WHERE id IN (SELECT id FROM ap_medicion "
	    "WHERE fecha < ? ORDER BY fecha LIMIT ?)",
	/* now -> messages due for an attempt, oldest first: id, para, asunto, sealed body,
	 * intentos */
	/* -> pending messages, and the creation time of the oldest (NULL: none); both walk the
	 * index correo_estado (estado, id) */
	[ST_CORREO_COLA] = "SELECT (SELECT COUNT(*) FROM correo WHERE estado = 'pendiente'), "
	    "(SELECT creado FROM correo WHERE estado = 'pendiente' ORDER BY id LIMIT 1)",
	/* now -> since when the oldest due message has been due (NULL: none is): a message
	 * never tried (proximo 0) since its creation, the oldest being the lowest id; a retried
	 * one since its next attempt. Two index seeks on correo_pendiente (estado, proximo). */
	[ST_CORREO_VENCIDO] = "SELECT MIN(t) FROM (SELECT creado AS t FROM (SELECT creado FROM "
	    "correo WHERE estado = 'pendiente' AND proximo = 0 ORDER BY id LIMIT 1) a UNION ALL "
	    "SELECT MIN(proximo) FROM correo WHERE estado = 'pendiente' AND proximo > 0 AND "
	    "proximo <= ?1) v",
	/* -> 1 when an SMTP server is configured */
	[ST_SMTP_EXISTE] = "SELECT 1 FROM smtp WHERE id = 1",
	/* -> the health check's row (020_salud.sql): a read of the database */
	[ST_SALUD_LEER] = "SELECT comprobado FROM salud WHERE id = 1",
	/* now: a write of the database (one row, committed) */
	[ST_SALUD_ESCRIBIR] = "UPDATE salud SET comprobado = ? WHERE id = 1",
	/* estado ('' for any) -> how many messages */
	[ST_CORREO_ADMIN_COUNT] = "SELECT count(*) FROM correo WHERE ?1 = '' OR estado = ?1",
	/* estado ('' for any), limit, offset -> a page of the outbox, newest first, without
	 * the body: id, para, asunto, estado, creado, intentos, proximo, ultimo_error, 1 while
	 * the body is kept */
	[ST_CORREO_ADMIN_PAGE] = "SELECT id, para, asunto, estado, creado, intentos, proximo, "
	    "ultimo_error, cuerpo IS NOT NULL FROM correo WHERE ?1 = '' OR estado = ?1 "
	    "ORDER BY id DESC LIMIT ?2 OFFSET ?3",
	/* now, id: a failed message whose body is kept goes back to the queue with a fresh
	 * retry schedule (0 rows: unknown, not failed, or its body wiped) */
	[ST_CORREO_REINTENTAR] = "UPDATE correo SET estado = 'pendiente', intentos = 0, "
	    "proximo = ? WHERE id = ? AND estado = 'fallido' AND cuerpo IS NOT NULL",
	/* id -> 0 unknown, 1 its body kept, 2 its body wiped */
	[ST_CORREO_ADMIN_EXISTE] = "SELECT CASE WHEN cuerpo IS NULL THEN 2 ELSE 1 END "
	    "FROM correo WHERE id = ?",
	/* limit -> people with an active role, for seed-auditoria: usuario_id, login, rol,
	 * entidad_id */
	[ST_AUDITORIA_CARGA_PERSONAS] = "SELECT u.id, u.login, r.rol, r.entidad_id "
	    "FROM rol_asignado r JOIN usuario u ON u.id = r.usuario_id WHERE r.activo = 1 "
	    "ORDER BY r.id LIMIT ?",
};
