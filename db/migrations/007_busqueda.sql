-- The MSPS search box: a trigram index over what it matches (NIT, código de habilitación,
-- razón social folded), so a search reads the entities that contain the text instead of
-- every request in the queue. Kept in step with entidad by triggers.
CREATE VIRTUAL TABLE entidad_busqueda USING fts5(nit, codigo_habilitacion, razon_norm,
	content='entidad', content_rowid='id', tokenize='trigram');
INSERT INTO entidad_busqueda(entidad_busqueda) VALUES ('rebuild');

CREATE TRIGGER entidad_busqueda_nueva AFTER INSERT ON entidad BEGIN
	INSERT INTO entidad_busqueda(rowid, nit, codigo_habilitacion, razon_norm)
	VALUES (NEW.id, NEW.nit, NEW.codigo_habilitacion, NEW.razon_norm);
END;
CREATE TRIGGER entidad_busqueda_borrada AFTER DELETE ON entidad BEGIN
	INSERT INTO entidad_busqueda(entidad_busqueda, rowid, nit, codigo_habilitacion, razon_norm)
	VALUES ('delete', OLD.id, OLD.nit, OLD.codigo_habilitacion, OLD.razon_norm);
END;
CREATE TRIGGER entidad_busqueda_cambio AFTER UPDATE OF nit, codigo_habilitacion, razon_norm
ON entidad BEGIN
	INSERT INTO entidad_busqueda(entidad_busqueda, rowid, nit, codigo_habilitacion, razon_norm)
	VALUES ('delete', OLD.id, OLD.nit, OLD.codigo_habilitacion, OLD.razon_norm);
	INSERT INTO entidad_busqueda(rowid, nit, codigo_habilitacion, razon_norm)
	VALUES (NEW.id, NEW.nit, NEW.codigo_habilitacion, NEW.razon_norm);
END;
