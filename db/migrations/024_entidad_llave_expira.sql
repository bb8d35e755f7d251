-- The nearest expiry among an entity's current keys (issue 16). The MSPS queue's page read
-- it per row through a subquery (min(expira) of the entity's current keys in llave: about
-- 4,300 instructions for each of its 20 rows, half the page's SQLite); now the queue reads
-- it from the entity's row, which it reads anyway. Kept by llave's triggers, in the
-- transaction that writes the key.
ALTER TABLE entidad ADD COLUMN llave_expira TEXT;	-- YYYY-MM-DD; NULL: no current key
UPDATE entidad SET llave_expira = (SELECT min(l.expira) FROM llave l
	WHERE l.entidad_id = entidad.id AND l.vigente = 1);
CREATE TRIGGER llave_expira_nueva AFTER INSERT ON llave WHEN NEW.vigente = 1 BEGIN
	UPDATE entidad SET llave_expira = (SELECT min(l.expira) FROM llave l
		WHERE l.entidad_id = entidad.id AND l.vigente = 1) WHERE id = NEW.entidad_id;
END;
CREATE TRIGGER llave_expira_cambio AFTER UPDATE OF entidad_id, expira, vigente ON llave BEGIN
	UPDATE entidad SET llave_expira = (SELECT min(l.expira) FROM llave l
		WHERE l.entidad_id = entidad.id AND l.vigente = 1)
	WHERE id IN (OLD.entidad_id, NEW.entidad_id);
END;
CREATE TRIGGER llave_expira_borrada AFTER DELETE ON llave WHEN OLD.vigente = 1 BEGIN
	UPDATE entidad SET llave_expira = (SELECT min(l.expira) FROM llave l
		WHERE l.entidad_id = entidad.id AND l.vigente = 1) WHERE id = OLD.entidad_id;
END;
