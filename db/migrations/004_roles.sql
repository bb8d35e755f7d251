-- Roles and authorized people: the sedes of each entity, the roles an entity may authorize
-- with their perfiles, the person's data of an authorization, and the session's role choice.

-- Where an entity provides its services; an authorized person works at one of them.
CREATE TABLE sede (
	id		INTEGER PRIMARY KEY,
	entidad_id	INTEGER NOT NULL REFERENCES entidad(id),
	nombre		TEXT NOT NULL CHECK (length(nombre) BETWEEN 1 AND 200),
	municipio	TEXT NOT NULL,
	UNIQUE (entidad_id, nombre)
);

-- The roles a delegate may assign, by the type of the delegate's entity.
CREATE TABLE rol_autorizable (
	rol		TEXT NOT NULL,
	tipo_entidad	TEXT NOT NULL,
	nombre		TEXT NOT NULL,		-- what the delegate reads
	orden		INTEGER NOT NULL,
	PRIMARY KEY (rol, tipo_entidad)
) WITHOUT ROWID;
INSERT INTO rol_autorizable VALUES
	('securityAdmin_IHCE_IPS', 'IPS', 'Delegado administrativo IHCE', 1),
	('Rol_MIPRES_Dispensador', 'IPS', 'Dispensador MIPRES', 2),
	('Rol_MIPRES_Dispensador', 'PROV', 'Dispensador MIPRES', 1),
	('Rol_SAT_CCF', 'CCF', 'Autorizado SAT de la Caja de Compensación', 1);

-- What an authorized person does within a role.
CREATE TABLE perfil (
	id		INTEGER PRIMARY KEY,
	rol		TEXT NOT NULL,
	nombre		TEXT NOT NULL,
	UNIQUE (rol, nombre)
);
INSERT INTO perfil(id, rol, nombre) VALUES
	(1, 'securityAdmin_IHCE_IPS', 'Administración de llaves IHCE y de autorizados'),
	(2, 'Rol_MIPRES_Dispensador', 'Dispensación y reporte de entregas'),
	(3, 'Rol_MIPRES_Dispensador', 'Consulta de direccionamientos'),
	(4, 'Rol_SAT_CCF', 'Autorizado para administrar servicios web externos');

-- The person, as the authorizing entity records them (usuario.nombre stays the full name).
ALTER TABLE usuario ADD COLUMN sexo TEXT;
ALTER TABLE usuario ADD COLUMN primer_nombre TEXT;
ALTER TABLE usuario ADD COLUMN segundo_nombre TEXT;
ALTER TABLE usuario ADD COLUMN primer_apellido TEXT;
ALTER TABLE usuario ADD COLUMN segundo_apellido TEXT;
CREATE INDEX usuario_documento ON usuario(tipo_doc, num_doc);

-- An authorization: its perfil, sede, who made it and when it last changed.
ALTER TABLE rol_asignado ADD COLUMN perfil_id INTEGER REFERENCES perfil(id);
ALTER TABLE rol_asignado ADD COLUMN sede_id INTEGER REFERENCES sede(id);
ALTER TABLE rol_asignado ADD COLUMN asignado_por INTEGER REFERENCES usuario(id);
-- One principal delegado administrativo per entity and module (003) is the one who
-- registered or was created by an operator; the people that delegate authorizes with the
-- same role (asignado_por set) are not that principal.
DROP INDEX rol_delegado_unico;
CREATE UNIQUE INDEX rol_delegado_unico ON rol_asignado(entidad_id, rol)
	WHERE activo = 1 AND rol GLOB 'securityAdmin_*' AND asignado_por IS NULL;
ALTER TABLE rol_asignado ADD COLUMN actualizado INTEGER;
CREATE INDEX rol_asignado_usuario ON rol_asignado(usuario_id, activo);
CREATE INDEX sesion_rol ON sesion(rol_id);

-- elegir: logged in, no role chosen yet (only the role list and logout answer).
-- varios_roles: the user had more than one role at login ("Cambiar rol" shows).
ALTER TABLE sesion ADD COLUMN elegir INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sesion ADD COLUMN varios_roles INTEGER NOT NULL DEFAULT 0;
