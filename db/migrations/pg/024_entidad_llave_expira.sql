-- PostgreSQL twin of ../024_entidad_llave_expira.sql.
-- The nearest expiry among an entity's current keys (issue 16), which the MSPS queue's page
-- read per row through a subquery; kept by llave's triggers, in the key's own transaction.
ALTER TABLE entidad ADD COLUMN llave_expira text;	-- YYYY-MM-DD; NULL: no current key
UPDATE entidad e SET llave_expira = (SELECT min(l.expira) FROM llave l
	WHERE l.entidad_id = e.id AND l.vigente = 1);
-- The entity of the key written (OLD's too on an update or a delete; OLD is NULL on an
-- insert) gets its nearest current expiry again.
CREATE FUNCTION llave_expira_poner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE entidad e SET llave_expira = (SELECT min(l.expira) FROM llave l
		WHERE l.entidad_id = e.id AND l.vigente = 1)
	WHERE e.id IN (OLD.entidad_id, NEW.entidad_id);
	RETURN NULL;
END $$;
CREATE TRIGGER llave_expira_nueva AFTER INSERT ON llave
	FOR EACH ROW WHEN (NEW.vigente = 1) EXECUTE FUNCTION llave_expira_poner();
CREATE TRIGGER llave_expira_cambio AFTER UPDATE OF entidad_id, expira, vigente ON llave
	FOR EACH ROW EXECUTE FUNCTION llave_expira_poner();
CREATE TRIGGER llave_expira_borrada AFTER DELETE ON llave
	FOR EACH ROW WHEN (OLD.vigente = 1) EXECUTE FUNCTION llave_expira_poner();
