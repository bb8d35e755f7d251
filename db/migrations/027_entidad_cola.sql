-- The entity's current request in the MSPS queue (issue 16): its queue, date and id, kept on
-- the entity's row. A search checks each candidate the trigram index gives (cgi/ihce/
-- msps.c): it read the entity's row for the rule, then sought its current request in
-- solicitud_entidad_cola (migration 026) for the queue and the queue's order, ~2,000
-- instructions a candidate; now the row it reads anyway answers both. Kept by solicitud's
-- triggers, in the transaction that writes the request.
ALTER TABLE entidad ADD COLUMN cola TEXT;		-- 'asignar', 'actualizar'; NULL: none
ALTER TABLE entidad ADD COLUMN cola_fecha INTEGER;	-- the current request's fecha
ALTER TABLE entidad ADD COLUMN cola_solicitud INTEGER;	-- the current request's id
UPDATE entidad SET (cola, cola_fecha, cola_solicitud) = (SELECT s.cola, s.fecha, s.id
	FROM solicitud s WHERE s.entidad_id = entidad.id AND s.vigente = 1);
-- The entity of the request written (OLD's too) gets its current request's again. An
-- insert sets the request's cola through solicitud_cola_nueva, an update of cola.
CREATE TRIGGER entidad_cola_nueva AFTER INSERT ON solicitud BEGIN
	UPDATE entidad SET (cola, cola_fecha, cola_solicitud) = (SELECT s.cola, s.fecha, s.id
		FROM solicitud s WHERE s.entidad_id = entidad.id AND s.vigente = 1)
	WHERE id = NEW.entidad_id;
END;
CREATE TRIGGER entidad_cola_cambio AFTER UPDATE OF entidad_id, cola, fecha, vigente
ON solicitud BEGIN
	UPDATE entidad SET (cola, cola_fecha, cola_solicitud) = (SELECT s.cola, s.fecha, s.id
		FROM solicitud s WHERE s.entidad_id = entidad.id AND s.vigente = 1)
	WHERE id IN (OLD.entidad_id, NEW.entidad_id);
END;
CREATE TRIGGER entidad_cola_borrada AFTER DELETE ON solicitud BEGIN
	UPDATE entidad SET (cola, cola_fecha, cola_solicitud) = (SELECT s.cola, s.fecha, s.id
		FROM solicitud s WHERE s.entidad_id = entidad.id AND s.vigente = 1)
	WHERE id = OLD.entidad_id;
END;
-- Read by nothing now.
DROP INDEX solicitud_entidad_cola;
