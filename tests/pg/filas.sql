-- The same writes on both engines, then reads of what the triggers and constraints made of
-- them: tests/pg/run.sh runs this with the sqlite3 shell on SQLite's migrated database and
-- with psql on PostgreSQL's, and compares what each printed (a refused write prints nothing
-- on standard output). Ids are explicit, so neither engine's id choice shows.
INSERT INTO entidad(id, nit, razon_social, razon_norm, tipo, creada)
	VALUES (1, '900000001', 'Clínica Uno', 'clinica uno', 'IPS', 0);
INSERT INTO entidad(id, nit, razon_social, razon_norm, tipo, creada)
	VALUES (2, '90000000X', 'Mala', 'mala', 'IPS', 0);
INSERT INTO usuario(id, login, nombre, correo, creado) VALUES
	(1, 'Ana', 'Ana  María	Pérez Gómez', 'ana@x.co', 0),
	(2, 'juan', 'Juan Pérez Gómez', 'juan@x.co', 0),
	(3, 'cher', 'Cher', 'cher@x.co', 0),
	(4, 'dos', 'Luis Vélez', 'luis@x.co', 0),
	(5, 'cinco', 'María de la Torre Ruiz Paz', 'maria@x.co', 0);
INSERT INTO usuario(id, login, nombre, correo, creado) VALUES (6, 'ANA', 'Otra', 'o@x.co', 0);
SELECT id, primer_nombre, segundo_nombre, primer_apellido, segundo_apellido
	FROM usuario ORDER BY id;
SELECT id FROM usuario WHERE login = 'aNa';

-- The MSPS queues and their totals.
INSERT INTO solicitud(id, entidad_id, tipo, estado, proveedor_tec, software, lider_nombre,
	lider_correo, lider_tel, resp_nombre, resp_correo, resp_tel, terminos_ts, terminos_ip,
	datos_ts, datos_ip, solicitante_id, fecha)
	VALUES (1, 1, 'inscripcion', 'pendiente', 'p', 's', 'l', 'l@x.co', '1', 'r', 'r@x.co',
	'1', 0, '::1', 0, '::1', 1, 10);
SELECT cola, n FROM cola_total ORDER BY cola;
UPDATE solicitud SET estado = 'asignado' WHERE id = 1;
SELECT id, cola FROM solicitud ORDER BY id;
SELECT cola, n FROM cola_total ORDER BY cola;
UPDATE solicitud SET vigente = 0 WHERE id = 1;
SELECT cola, n FROM cola_total ORDER BY cola;
UPDATE solicitud SET vigente = 1 WHERE id = 1;
DELETE FROM solicitud WHERE id = 1;
SELECT cola, n FROM cola_total ORDER BY cola;

-- One principal delegate per entity and module.
INSERT INTO rol_asignado(id, usuario_id, entidad_id, rol) VALUES (1, 1, 1, 'securityAdmin_IHCE_IPS');
INSERT INTO rol_asignado(id, usuario_id, entidad_id, rol) VALUES (2, 2, 1, 'securityAdmin_IHCE_IPS');
INSERT INTO rol_asignado(id, usuario_id, entidad_id, rol) VALUES (3, 2, 1, 'securityAdminXIHCE');
SELECT id FROM rol_asignado ORDER BY id;

-- MIPRES steps hold JSON.
INSERT INTO mipres_linea(id, no_prescripcion, tipo_tec, con_tec, tipo_id_paciente,
	no_id_paciente, creada) VALUES (1, '2024', 'M', 1, 'CC', '1', 0);
INSERT INTO mipres_paso(id, linea_id, tipo, fecha, dia, datos) VALUES (1, 1, 'E', 0, 'd', '{"a":1}');
INSERT INTO mipres_paso(id, linea_id, tipo, fecha, dia, datos) VALUES (2, 1, 'R', 0, 'd', '{"a":');
SELECT id FROM mipres_paso ORDER BY id;

-- The audit trail: once the anchor is sealed (the portal seals it after its migrations,
-- so SQLite's already is), nothing changes, and only rows up to the anchor are deleted.
UPDATE auditoria_ancla SET sello = mac WHERE sello IS NULL;
INSERT INTO auditoria(id, ts, accion) VALUES (1, 1, 'a'), (2, 2, 'b'), (3, 3, 'c');
UPDATE auditoria SET accion = 'y' WHERE id = 3;
DELETE FROM auditoria WHERE id = 2;
UPDATE auditoria_ancla SET hasta = 1;
DELETE FROM auditoria WHERE id = 1;
UPDATE auditoria_ancla SET hasta = 0;
DELETE FROM auditoria_ancla;
SELECT id, accion FROM auditoria ORDER BY id;
SELECT hasta, length(mac) FROM auditoria_ancla;
SELECT id, rol, nombre FROM perfil ORDER BY id;
