-- The audit trail proves itself (issue 15 §2, cgi/core/cadena.h): each row carries
-- mac = HMAC-SHA256(k, 'F' || previous mac || the row), k derived from the secrets key, so a
-- row changed, removed or inserted in the file breaks the chain (portal audit-verify). Ids
-- become consecutive by construction (the insert takes the last id plus one).
--
-- The anchor is where the chain starts: id 0 and 32 zero bytes; when retention removes the
-- oldest rows, the last removed row's id and mac. Its seal (HMAC of both with k) keeps anyone
-- without the key from removing rows from the start and moving it. It only moves forward,
-- and rows up to it are the only ones that can be deleted.
--
-- Plain SQL (the sqlite3 shell applies it too): the macs need the key, so the portal
-- computes them right after its migrations (cadena_asegurar): while the anchor has no seal,
-- the rows so far are chained in id order (they were never deleted: their ids follow each
-- other), then the anchor is sealed, and from then on no row can change. It landed after
-- 020 and 021: a database already past 19 skips it by number, and the portal applies it at
-- its next start when auditoria has no mac column, its version left as it was.

ALTER TABLE auditoria ADD COLUMN mac BLOB;	-- NULL only for a row written outside the portal

CREATE TABLE auditoria_ancla (
	id	INTEGER PRIMARY KEY CHECK (id = 1),	-- one row
	hasta	INTEGER NOT NULL,	-- rows up to this id were removed (0: none)
	mac	BLOB NOT NULL CHECK (length(mac) = 32),	-- the mac of row hasta (zeros for 0)
	sello	BLOB CHECK (length(sello) = 32),	-- HMAC('A' || hasta || mac); NULL: rows to chain
	movida	INTEGER		-- when retention last moved it
);
INSERT INTO auditoria_ancla(id, hasta, mac)
	SELECT 1, coalesce(min(id), 1) - 1, zeroblob(32) FROM auditoria;

-- No row changes once the anchor is sealed (before, the portal writes the rows' macs).
DROP TRIGGER auditoria_no_update;
CREATE TRIGGER auditoria_no_update BEFORE UPDATE ON auditoria
	WHEN (SELECT sello FROM auditoria_ancla) IS NOT NULL
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
