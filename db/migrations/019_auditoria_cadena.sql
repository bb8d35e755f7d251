-- The audit trail proves itself (issue 15 §2, cgi/cadena.h): each row carries
-- mac = HMAC-SHA256(k, 'F' || previous mac || the row), k derived from the secrets key, so a
-- row changed, removed or inserted in the file breaks the chain (portal audit-verify). Ids
-- become consecutive by construction (the insert takes the last id plus one).
--
-- The anchor is where the chain starts: id 0 and 32 zero bytes; when retention removes the
-- oldest rows, the last removed row's id and mac. Its seal (HMAC of both with k) keeps anyone
-- without the key from removing rows from the start and moving it. It only moves forward,
-- and rows up to it are the only ones that can be deleted.
--
-- auditoria_mac and auditoria_sello are the portal's SQL functions (cadena_registrar): this
-- migration runs only in portal, with the secrets key loaded.

ALTER TABLE auditoria ADD COLUMN mac BLOB;	-- NULL only for a row written outside the portal

CREATE TABLE auditoria_ancla (
	id	INTEGER PRIMARY KEY CHECK (id = 1),	-- one row
	hasta	INTEGER NOT NULL,	-- rows up to this id were removed (0: none)
	mac	BLOB NOT NULL CHECK (length(mac) = 32),	-- the mac of row hasta (zeros for 0)
	sello	BLOB NOT NULL CHECK (length(sello) = 32),	-- HMAC('A' || hasta || mac)
	movida	INTEGER		-- when retention last moved it
);
INSERT INTO auditoria_ancla(id, hasta, mac, sello)
	SELECT 1, h, zeroblob(32), auditoria_sello(h, zeroblob(32))
	FROM (SELECT coalesce(min(id), 1) - 1 AS h FROM auditoria);

-- The rows so far, chained in id order (they were never deleted: their ids follow each other).
DROP TRIGGER auditoria_no_update;
WITH RECURSIVE c(id, mac) AS (
	SELECT hasta, mac FROM auditoria_ancla
	UNION ALL
	SELECT a.id, auditoria_mac(c.mac, a.ts, a.usuario_id, a.login, a.rol, a.entidad_id, a.ip,
	    a.accion, a.detalle)
	FROM c JOIN auditoria a ON a.id = c.id + 1
)
UPDATE auditoria SET mac = c.mac FROM c WHERE c.id = auditoria.id;

CREATE TRIGGER auditoria_no_update BEFORE UPDATE ON auditoria
BEGIN SELECT RAISE(ABORT, 'auditoria es de solo adición'); END;
DROP TRIGGER auditoria_no_delete;
CREATE TRIGGER auditoria_no_delete BEFORE DELETE ON auditoria
	WHEN OLD.id > (SELECT hasta FROM auditoria_ancla)
BEGIN SELECT RAISE(ABORT, 'auditoria es de solo adición: la retención borra solo hasta el ancla'); END;
CREATE TRIGGER auditoria_ancla_avanza BEFORE UPDATE ON auditoria_ancla
	WHEN NEW.hasta < OLD.hasta
BEGIN SELECT RAISE(ABORT, 'el ancla de la auditoría solo avanza'); END;
CREATE TRIGGER auditoria_ancla_no_delete BEFORE DELETE ON auditoria_ancla
BEGIN SELECT RAISE(ABORT, 'el ancla de la auditoría no se borra'); END;

-- The Auditoría page (/admin/auditoria) filters by person, entity or action and a date
-- range, newest first (ts, then id): each filter has an index in that order, so a page
-- reads only its rows, and the list of actions is a few index seeks.
CREATE INDEX auditoria_ts ON auditoria(ts);
CREATE INDEX auditoria_login ON auditoria(login COLLATE NOCASE, ts);
CREATE INDEX auditoria_entidad ON auditoria(entidad_id, ts);
CREATE INDEX auditoria_accion ON auditoria(accion, ts);
