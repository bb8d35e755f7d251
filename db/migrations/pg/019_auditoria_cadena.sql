-- PostgreSQL twin of ../019_auditoria_cadena.sql.
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
-- The macs need the key, so the portal computes them right after its migrations
-- (cadena_asegurar): while the anchor has no seal, the rows so far are chained in id order,
-- then the anchor is sealed, and from then on no row can change. (SQLite's note on this
-- file landing after 020 and 021 does not apply: PostgreSQL came after both.)

ALTER TABLE auditoria ADD COLUMN mac bytea;	-- NULL only for a row written outside the portal

CREATE TABLE auditoria_ancla (
	id	bigint PRIMARY KEY CHECK (id = 1),	-- one row
	hasta	bigint NOT NULL,	-- rows up to this id were removed (0: none)
	mac	bytea NOT NULL CHECK (length(mac) = 32),	-- the mac of row hasta (zeros for 0)
	sello	bytea CHECK (length(sello) = 32),	-- HMAC('A' || hasta || mac); NULL: rows to chain
	movida	bigint		-- when retention last moved it
);
INSERT INTO auditoria_ancla(id, hasta, mac)
	SELECT 1, coalesce(min(id), 1) - 1, decode(repeat('00', 32), 'hex') FROM auditoria;

-- No row changes once the anchor is sealed (before, the portal writes the rows' macs).
-- (PostgreSQL: a trigger's WHEN cannot read a table, so each function checks its condition.)
CREATE FUNCTION auditoria_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF (SELECT sello FROM auditoria_ancla) IS NOT NULL THEN
		RAISE EXCEPTION 'auditoria es de solo adición';
	END IF;
	RETURN NEW;
END $$;
CREATE FUNCTION auditoria_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF OLD.id > (SELECT hasta FROM auditoria_ancla) THEN
		RAISE EXCEPTION 'auditoria es de solo adición: la retención borra solo hasta el ancla';
	END IF;
	RETURN OLD;
END $$;
CREATE FUNCTION auditoria_ancla_avanza() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'el ancla de la auditoría solo avanza';
END $$;
CREATE FUNCTION auditoria_ancla_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'el ancla de la auditoría no se borra';
END $$;
DROP TRIGGER auditoria_no_update ON auditoria;
CREATE TRIGGER auditoria_no_update BEFORE UPDATE ON auditoria
	FOR EACH ROW EXECUTE FUNCTION auditoria_no_update();
DROP TRIGGER auditoria_no_delete ON auditoria;
CREATE TRIGGER auditoria_no_delete BEFORE DELETE ON auditoria
	FOR EACH ROW EXECUTE FUNCTION auditoria_no_delete();
DROP FUNCTION auditoria_solo_adicion();
CREATE TRIGGER auditoria_ancla_avanza BEFORE UPDATE ON auditoria_ancla
	FOR EACH ROW WHEN (NEW.hasta < OLD.hasta) EXECUTE FUNCTION auditoria_ancla_avanza();
CREATE TRIGGER auditoria_ancla_no_delete BEFORE DELETE ON auditoria_ancla
	FOR EACH ROW EXECUTE FUNCTION auditoria_ancla_no_delete();

-- The Auditoría page (/admin/auditoria) filters by person, entity or action and a date
-- range, newest first (ts, then id): each filter has an index in that order, so a page
-- reads only its rows, and the list of actions is a few index seeks.
CREATE INDEX auditoria_ts ON auditoria(ts);
CREATE INDEX auditoria_login ON auditoria(login COLLATE nocase, ts);
CREATE INDEX auditoria_entidad ON auditoria(entidad_id, ts);
CREATE INDEX auditoria_accion ON auditoria(accion, ts);
