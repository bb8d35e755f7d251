-- PostgreSQL twin of ../027_entidad_cola.sql.
-- The entity's current request in the MSPS queue (issue 16): its queue, date and id, kept on
-- the entity's row by solicitud's triggers, in the request's own transaction.
ALTER TABLE entidad ADD COLUMN cola text;		-- 'asignar', 'actualizar'; NULL: none
ALTER TABLE entidad ADD COLUMN cola_fecha bigint;	-- the current request's fecha
ALTER TABLE entidad ADD COLUMN cola_solicitud bigint;	-- the current request's id
UPDATE entidad e SET (cola, cola_fecha, cola_solicitud) = (SELECT s.cola, s.fecha, s.id
	FROM solicitud s WHERE s.entidad_id = e.id AND s.vigente = 1);
-- The entity of the request written (OLD's too on an update or a delete; OLD is NULL on an
-- insert) gets its current request's again.
CREATE FUNCTION entidad_cola_poner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE entidad e SET (cola, cola_fecha, cola_solicitud) = (SELECT s.cola, s.fecha, s.id
		FROM solicitud s WHERE s.entidad_id = e.id AND s.vigente = 1)
	WHERE e.id IN (OLD.entidad_id, NEW.entidad_id);
	RETURN NULL;
END $$;
CREATE TRIGGER entidad_cola_nueva AFTER INSERT ON solicitud
	FOR EACH ROW EXECUTE FUNCTION entidad_cola_poner();
CREATE TRIGGER entidad_cola_cambio AFTER UPDATE OF entidad_id, cola, fecha, vigente ON solicitud
	FOR EACH ROW EXECUTE FUNCTION entidad_cola_poner();
CREATE TRIGGER entidad_cola_borrada AFTER DELETE ON solicitud
	FOR EACH ROW EXECUTE FUNCTION entidad_cola_poner();
DROP INDEX solicitud_entidad_cola;
