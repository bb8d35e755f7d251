-- SAT: the web services the ministry offers to Cajas de Compensación Familiar (and, with the
-- same tables, to Administradoras de Pensiones), the services each entity shares with the
-- ministry with their OAuth 2.0 credentials, and the entity's connection password.

-- The ministry turned the module on for an entity (activo = 0: turned off again). clave is
-- the scrypt hash of the password the entity's systems use to consume the ministry's
-- services ("Asignar contraseña"), NULL until assigned.
CREATE TABLE sat_entidad (
	entidad_id	INTEGER PRIMARY KEY REFERENCES entidad(id),
	activo		INTEGER NOT NULL DEFAULT 1 CHECK (activo IN (0, 1)),
	activado	INTEGER NOT NULL,
	activado_por	INTEGER NOT NULL REFERENCES usuario(id),
	clave		TEXT,
	clave_fecha	INTEGER,
	clave_por	INTEGER REFERENCES usuario(id)
);

-- Each answer a person gave to the terms and the privacy/retention policy: who, for which
-- entity, which version of the text, accepted or not, when and from where. The newest row
-- for the current version decides.
CREATE TABLE sat_terminos (
	id		INTEGER PRIMARY KEY,
	usuario_id	INTEGER NOT NULL REFERENCES usuario(id),
	entidad_id	INTEGER NOT NULL REFERENCES entidad(id),
	version		TEXT NOT NULL,
	acepto		INTEGER NOT NULL CHECK (acepto IN (0, 1)),
	fecha		INTEGER NOT NULL,
	ip		TEXT NOT NULL
);
CREATE INDEX sat_terminos_usuario ON sat_terminos(usuario_id, entidad_id, version, id);

-- The ministry's catalog: tipo_entidad says which kind of entity it can be enabled for
-- (CCF, AP); openapi is the OpenAPI 2 or 3 JSON document, checked on upload.
CREATE TABLE servicio (
	id		INTEGER PRIMARY KEY,
	nombre		TEXT NOT NULL UNIQUE CHECK (length(nombre) BETWEEN 1 AND 100),
	descripcion	TEXT NOT NULL CHECK (length(descripcion) BETWEEN 1 AND 1000),
	tipo_entidad	TEXT NOT NULL DEFAULT 'CCF' CHECK (tipo_entidad IN ('CCF', 'AP')),
	estado		TEXT NOT NULL DEFAULT 'Activo' CHECK (estado IN ('Activo', 'Inactivo')),
	url_base	TEXT NOT NULL,
	metodo		TEXT NOT NULL CHECK (metodo IN ('GET', 'POST', 'PUT', 'PATCH', 'DELETE')),
	openapi		TEXT,
	creado		INTEGER NOT NULL,
	actualizado	INTEGER NOT NULL
);

-- A service enabled for an entity, with the Client ID generated for that pair.
CREATE TABLE servicio_asignado (
	id		INTEGER PRIMARY KEY,
	servicio_id	INTEGER NOT NULL REFERENCES servicio(id),
	entidad_id	INTEGER NOT NULL REFERENCES entidad(id),
	client_id	TEXT NOT NULL UNIQUE,
	activo		INTEGER NOT NULL DEFAULT 1 CHECK (activo IN (0, 1)),
	asignado	INTEGER NOT NULL,
	asignado_por	INTEGER NOT NULL REFERENCES usuario(id),
	UNIQUE (servicio_id, entidad_id)
);
CREATE INDEX servicio_asignado_entidad ON servicio_asignado(entidad_id);

-- A service the entity shares with the ministry. The service data and the OAuth 2.0
-- credentials are two forms saved at different times: datos / credenciales say when each
-- was last saved complete (NULL: not yet), and the service is "Incompleto" until both are.
-- clave and client_secret are sealed (cgi/core/secret.h) with the additional data
-- 'compartido.<column>:<id>'; the public key is kept as PEM with what was parsed from it.
CREATE TABLE servicio_compartido (
	id		INTEGER PRIMARY KEY,
	entidad_id	INTEGER NOT NULL REFERENCES entidad(id),
	nombre		TEXT NOT NULL CHECK (length(nombre) BETWEEN 1 AND 100),
	descripcion	TEXT,
	url		TEXT,
	metodo		TEXT CHECK (metodo IN ('GET', 'POST', 'PUT', 'PATCH', 'DELETE')),
	llave_pem	TEXT,
	llave_tipo	TEXT,
	llave_bits	INTEGER,
	llave_huella	TEXT,
	llave_vence	INTEGER,
	ejemplo		TEXT,
	token_nombre	TEXT,
	token_url	TEXT,
	usuario		TEXT,
	clave		BLOB,
	client_id	TEXT,
	client_secret	BLOB,
	scope		TEXT,
	grant_type	TEXT CHECK (grant_type IN ('password', 'client_credentials')),
	cliente_en_cuerpo INTEGER NOT NULL DEFAULT 0 CHECK (cliente_en_cuerpo IN (0, 1)),
	datos		INTEGER,
	credenciales	INTEGER,
	creado		INTEGER NOT NULL,
	actualizado	INTEGER NOT NULL,
	UNIQUE (entidad_id, nombre)
);
