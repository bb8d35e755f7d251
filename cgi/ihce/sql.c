/*
 * The statements of IHCE (cgi/ihce/): key requests, the MSPS queue, activation, keys and
 * environments, expiry warnings. Each is prepared once per worker (db_stmt(),
 * cgi/core/db.h); their names are in cgi/core/sql.h. Placeholders are positional: the
 * comment names them in order, then the columns a query returns.
 */
#include "core/sql.h"

/* The queue's search rule, text ?2 (folded: ?3): the razón social folded contains it, or
 * the NIT or the código starts with it (terms joined by OR, for a statement to enclose).
 * The name first (most texts are names); the NIT and código only for a text of digits
 * (theirs are digits alone: another text cannot start them), a test of the parameter that
 * SQLite makes once a statement, where substr and length cost ~1,000 instructions a row
 * that is not a match. */
#define COLA_REGLA "instr(e.razon_norm, ?3) > 0 OR (?2 NOT GLOB '*[^0-9]*' " \
	"AND (substr(e.nit, 1, length(?2)) = ?2 " \
	"OR substr(e.codigo_habilitacion, 1, length(?2)) = ?2))"

const char *const ihce_sql[ST__MAX] = {
	/* entidad_id -> the entity's current request (columns: enum solicitud_vigente_col) */
	[ST_SOLICITUD_VIGENTE] = "SELECT id, tipo, estado, fecha, motivo_rechazo, version "
	    "FROM solicitud WHERE entidad_id = ? AND vigente = 1",
	/* entidad_id -> 1 when keys were ever assigned to the entity */
	[ST_SOLICITUD_TUVO_LLAVES] = "SELECT EXISTS (SELECT 1 FROM llave WHERE entidad_id = ?)",
	/* entidad_id: the current request stops being current */
	[ST_SOLICITUD_RETIRAR] = "UPDATE solicitud SET vigente = 0 WHERE entidad_id = ? AND vigente = 1",
	/* entidad_id, tipo, estado, proveedor_tec, software, lider_nombre, lider_correo, lider_tel,
	 * resp_nombre, resp_correo, resp_tel, terminos_ts, terminos_ip, datos_ts, datos_ip,
	 * solicitante_id, fecha */
	[ST_SOLICITUD_INSERT] = "INSERT INTO solicitud(entidad_id, tipo, estado, proveedor_tec, "
	    "software, lider_nombre, lider_correo, lider_tel, resp_nombre, resp_correo, resp_tel, "
	    "terminos_ts, terminos_ip, datos_ts, datos_ip, solicitante_id, fecha) "
	    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	/* id -> the request and its entity (columns: enum solicitud_by_id_col) */
	[ST_SOLICITUD_BY_ID] = "SELECT s.id, s.entidad_id, s.tipo, s.estado, s.vigente, "
	    "s.proveedor_tec, s.software, s.lider_nombre, s.lider_correo, s.lider_tel, "
	    "s.resp_nombre, s.resp_correo, s.resp_tel, s.fecha, s.motivo_rechazo, s.version, "
	    "e.nit, e.razon_social, e.codigo_habilitacion "
	    "FROM solicitud s JOIN entidad e ON e.id = s.entidad_id WHERE s.id = ?",
	/* estado, motivo_rechazo, respondida, respondio_id, id, version: 0 rows when it changed */
	[ST_SOLICITUD_RESPONDER] = "UPDATE solicitud SET estado = ?, motivo_rechazo = ?, "
	    "respondida = ?, respondio_id = ?, version = version + 1 "
	    "WHERE id = ? AND version = ? AND vigente = 1",
	/* entidad_id -> every request of the entity, newest first */
	[ST_SOLICITUDES_BY_ENTIDAD] = "SELECT id, tipo, estado, fecha, respondida, motivo_rechazo "
	    "FROM solicitud WHERE entidad_id = ? ORDER BY id DESC",

	/* cola ('asignar' or 'actualizar') -> how many current requests it holds */
	[ST_COLA_COUNT] = "SELECT n FROM cola_total WHERE cola = ?",
	/* A search's matches, as (fecha, id) of their requests, at most cap of them: cgi/ihce/
	 * msps.c counts them, sorts them in the queue's order and reads its page (ST_COLA_FILAS).
	 * _BUSCA, reading the queue in order (searches the trigram index cannot answer: under 3
	 * characters, a state name), so the first cap are the pages: cola, text, folded, cap */
	[ST_COLA_BUSCA] = "SELECT s.fecha, s.id FROM solicitud s JOIN entidad e ON e.id = s.entidad_id "
	    "WHERE s.vigente = 1 AND s.cola = ?1 AND (" COLA_REGLA " OR s.estado = ?3) "
	    "ORDER BY s.fecha, s.id LIMIT ?4",
	/* _BUSCA_FTS, a search of 3 characters or more that is not a state name, in no order: the
	 * trigram index gives the candidates (CROSS JOIN keeps its order, else SQLite reads the
	 * queue and asks the index per row), each checked on its entity's row alone: its
	 * current request's queue, then the rule; the request's date and id from the row too
	 * (migration 027). cola, text, folded, FTS5 query, cap */
	[ST_COLA_BUSCA_FTS] = "SELECT e.cola_fecha, e.cola_solicitud FROM entidad_busqueda b "
	    "CROSS JOIN entidad e ON e.id = b.rowid WHERE entidad_busqueda MATCH ?4 "
	    "AND e.cola = ?1 AND (" COLA_REGLA ") LIMIT ?5",
	/* ids (a JSON array of request ids) -> those requests as a page of ST_COLA_TODAS (the
	 * first key's expiry as its date), in the array's order (msps.c gives them in the
	 * queue's): CROSS JOIN keeps json_each's order, without a sort (43,000 instructions of
	 * a page of 20, callgrind) */
	[ST_COLA_FILAS] = "SELECT s.id, e.nit, e.codigo_habilitacion, e.razon_social, s.fecha, "
	    "s.estado, e.llave_expira FROM json_each(?1) j CROSS JOIN solicitud s ON s.id = j.value "
	    "CROSS JOIN entidad e ON e.id = s.entidad_id",
	/* The search's trigrams (cgi/ihce/busqueda.c): trigrams (a JSON array of texts) -> each
	 * one there is and in how many entities it is ('': how many entities there are); one
	 * statement for all of a text's (a statement each cost ~5,800 instructions, its read
	 * transaction ~2,000 of them) */
	[ST_BUSQUEDA_TRIGRAMA] = "SELECT j.value, t.n FROM json_each(?1) j "
	    "CROSS JOIN busqueda_trigrama t ON t.trigrama = j.value",
	/* The periodic job (cgi/ihce/busqueda.c), outside any transaction: each trigram of the
	 * index's vocabulary and in how many entities it is, then '' and how many entities */
	[ST_BUSQUEDA_VOCABULARIO] = "SELECT term, doc FROM entidad_busqueda_vocab "
	    "UNION ALL SELECT '', count(*) FROM entidad",
	/* then, in one short transaction, the table again: */
	[ST_BUSQUEDA_TRIGRAMAS_BORRAR] = "DELETE FROM busqueda_trigrama",
	/* trigrama, n */
	[ST_BUSQUEDA_TRIGRAMA_PONER] = "INSERT INTO busqueda_trigrama(trigrama, n) VALUES (?, ?)",
	/* One step of merging the index's segments into one (each segment costs every query a
	 * seek per trigram; the triggers add one per write): at most 64 pages written, segments
	 * of different levels too (a negative count), nothing when it is one already */
	[ST_BUSQUEDA_MEZCLAR] = "INSERT INTO entidad_busqueda(entidad_busqueda, rank) "
	    "VALUES ('merge', -64)",
	/* -> the index's pages: a step that changes nothing leaves them as they were */
	[ST_BUSQUEDA_PAGINAS] = "SELECT count(*) FROM entidad_busqueda_data",

	/* cola, search text, search text folded, limit, offset -> a page of the search's matches
	 * in the queue, oldest request first, as ST_COLA_TODAS (the first key's expiry as its
	 * date: it counted the days with a subquery on llave, ~4,300 instructions a row) */
	[ST_COLA_PAGE] = "SELECT s.id, e.nit, e.codigo_habilitacion, e.razon_social, s.fecha, "
	    "s.estado, e.llave_expira FROM solicitud s JOIN entidad e ON e.id = s.entidad_id "
	    "WHERE s.vigente = 1 AND s.cola = ?1 AND (" COLA_REGLA " OR s.estado = ?3) "
	    "ORDER BY s.fecha, s.id LIMIT ?4 OFFSET ?5",
	/* cola, limit, offset -> a page of the whole queue (no search), as ST_COLA_PAGE but with
	 * the entity's first current key's expiry date (YYYY-MM-DD; NULL: no keys), kept in
	 * entidad.llave_expira (migration 024), where ST_COLA_PAGE counts the days */
	[ST_COLA_TODAS] = "SELECT s.id, e.nit, e.codigo_habilitacion, e.razon_social, s.fecha, "
	    "s.estado, e.llave_expira FROM solicitud s JOIN entidad e ON e.id = s.entidad_id "
	    "WHERE s.vigente = 1 AND s.cola = ?1 ORDER BY s.fecha, s.id LIMIT ?2 OFFSET ?3",

	/* cola, last date -> how many of its entities have a current key expiring by then:
	 * read from the entities' first expiries (index entidad_llave_expira, migration 025;
	 * CROSS JOIN keeps that order, else SQLite reads the whole queue) */
	[ST_COLA_VENCE_COUNT] = "SELECT count(*) FROM entidad e CROSS JOIN solicitud s "
	    "ON s.entidad_id = e.id AND s.vigente = 1 WHERE e.llave_expira <= ?2 AND s.cola = ?1",
	/* cola, last date, limit, offset -> a page of those entities (as ST_COLA_TODAS, the
	 * first key's expiry as its date), the nearest expiry first */
	[ST_COLA_VENCE_PAGE] = "SELECT s.id, e.nit, e.codigo_habilitacion, e.razon_social, s.fecha, "
	    "s.estado, e.llave_expira FROM entidad e CROSS JOIN solicitud s "
	    "ON s.entidad_id = e.id AND s.vigente = 1 WHERE e.llave_expira <= ?2 AND s.cola = ?1 "
	    "ORDER BY e.llave_expira, s.fecha, s.id LIMIT ?3 OFFSET ?4",

	/* today -> current keys expiring in 0 to 90 days whose nearest threshold (90, 45, 30,
	 * 7 days) has not been warned yet: llave id, entidad_id, ambiente, expira, days left,
	 * threshold, the request's líder técnico e-mail, razón social, NIT; by entity */
	[ST_AVISOS_DUE] = "SELECT l.id, l.entidad_id, l.ambiente, l.expira, v.dias, v.umbral, "
	    "s.lider_correo, e.razon_social, e.nit FROM (SELECT id, dias, CASE WHEN dias <= 7 "
	    "THEN 7 WHEN dias <= 30 THEN 30 WHEN dias <= 45 THEN 45 ELSE 90 END AS umbral "
	    "FROM (SELECT id, CAST(julianday(expira) - julianday(?1) AS INTEGER) AS dias "
	    "FROM llave WHERE vigente = 1) d WHERE dias BETWEEN 0 AND 90) v "
	    "JOIN llave l ON l.id = v.id JOIN solicitud s ON s.id = l.solicitud_id "
	    "JOIN entidad e ON e.id = l.entidad_id WHERE NOT EXISTS (SELECT 1 FROM "
	    "aviso_vencimiento a WHERE a.llave_id = l.id AND a.umbral = v.umbral) "
	    "ORDER BY l.entidad_id, v.umbral, l.id",
	/* llave_id, umbral, enviado: claims one warning (0 rows: already sent) */
	[ST_AVISO_INSERT] = "INSERT INTO aviso_vencimiento(llave_id, umbral, enviado) "
	    "VALUES (?,?,?) ON CONFLICT (llave_id, umbral) DO NOTHING",
	/* llave_id, umbral, enviado: the farther thresholds, passed without their own mail */
	[ST_AVISO_OMITIR] = "INSERT INTO aviso_vencimiento(llave_id, umbral, enviado, omitido) "
	    "SELECT ?1, column1, ?3, 1 FROM (VALUES (90), (45), (30), (7)) u WHERE column1 > ?2 "
	    "ON CONFLICT (llave_id, umbral) DO NOTHING",

	/* anulado, entidad_id: the entity's code waiting to be entered is void */
	[ST_ACTIVACION_ANULAR] = "UPDATE activacion SET anulado = ? "
	    "WHERE entidad_id = ? AND usado IS NULL AND anulado IS NULL",
	/* entidad_id, solicitud_id, codigo_hash, creado, expira, creado_por */
	[ST_ACTIVACION_INSERT] = "INSERT INTO activacion(entidad_id, solicitud_id, codigo_hash, "
	    "creado, expira, creado_por) VALUES (?,?,?,?,?,?)",
	/* codigo_hash -> id, entidad_id, expira, usado, anulado */
	[ST_ACTIVACION_BY_HASH] = "SELECT id, entidad_id, expira, usado, anulado FROM activacion "
	    "WHERE codigo_hash = ?",
	/* usado, usado_por, usado_ip, usado_ua, id, entidad_id, now: 0 rows when it was used,
	 * voided or expired meanwhile, or is another entity's */
	[ST_ACTIVACION_USAR] = "UPDATE activacion SET usado = ?, usado_por = ?, usado_ip = ?, "
	    "usado_ua = ? WHERE id = ? AND entidad_id = ? AND usado IS NULL AND anulado IS NULL "
	    "AND expira > ?",
	/* entidad_id -> the code waiting to be entered: id, creado, expira */
	[ST_ACTIVACION_PENDIENTE] = "SELECT id, creado, expira FROM activacion "
	    "WHERE entidad_id = ? AND usado IS NULL AND anulado IS NULL",
	/* entidad_id -> the last activation: usado, login, usado_ip, usado_ua */
	[ST_ACTIVACION_ULTIMA] = "SELECT a.usado, u.login, a.usado_ip, a.usado_ua FROM activacion a "
	    "JOIN usuario u ON u.id = a.usado_por WHERE a.entidad_id = ? AND a.usado IS NOT NULL "
	    "ORDER BY a.id DESC LIMIT 1",

	/* entidad_id -> current keys with their environment's parameters, in environment order
	 * (columns: enum llaves_vigentes_col) */
	[ST_LLAVES_VIGENTES] = "SELECT l.id, a.nombre, l.client_id, l.client_secret, l.expira, "
	    "a.endpoint, a.tenant_id, a.scope, a.apim_key "
	    "FROM ambiente a LEFT JOIN llave l ON l.ambiente = a.nombre AND l.entidad_id = ? "
	    "AND l.vigente = 1 ORDER BY a.orden",
	/* id, entidad_id -> one current key of that entity */
	[ST_LLAVE_BY_ID] = "SELECT id, ambiente, client_secret FROM llave "
	    "WHERE id = ? AND entidad_id = ? AND vigente = 1",
	/* reemplazada, entidad_id, ambiente */
	[ST_LLAVE_RETIRAR] = "UPDATE llave SET vigente = 0, reemplazada = ? "
	    "WHERE entidad_id = ? AND ambiente = ? AND vigente = 1",
	/* entidad_id, solicitud_id, ambiente, client_id, expira, creada, creada_por
	 * (the secret is sealed to the new row's id, then set) */
	[ST_LLAVE_INSERT] = "INSERT INTO llave(entidad_id, solicitud_id, ambiente, client_id, "
	    "client_secret, expira, creada, creada_por) VALUES (?,?,?,?,x'',?,?,?)",
	/* client_secret, id */
	[ST_LLAVE_SET_SECRET] = "UPDATE llave SET client_secret = ? WHERE id = ?",
	/* entidad_id -> every key of the entity, newest first (no secrets) */
	[ST_LLAVES_HISTORIAL] = "SELECT l.ambiente, l.client_id, l.expira, l.vigente, l.creada, "
	    "l.reemplazada, u.login FROM llave l JOIN usuario u ON u.id = l.creada_por "
	    "JOIN ambiente a ON a.nombre = l.ambiente "
	    "WHERE l.entidad_id = ? ORDER BY l.id DESC",

	/* -> every environment in order */
	[ST_AMBIENTE_LIST] = "SELECT nombre, endpoint, tenant_id, scope, apim_key, actualizado "
	    "FROM ambiente ORDER BY orden",
	/* endpoint, tenant_id, scope, apim_key, actualizado, nombre */
	[ST_AMBIENTE_UPDATE] = "UPDATE ambiente SET endpoint = ?, tenant_id = ?, scope = ?, "
	    "apim_key = ?, actualizado = ? WHERE nombre = ?",
};
