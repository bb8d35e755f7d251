-- Accounts, sessions, audit, outbox and the IHCE key workflow.

CREATE TABLE entidad (
	id			INTEGER PRIMARY KEY,
	nit			TEXT NOT NULL UNIQUE CHECK (length(nit) = 9 AND nit NOT GLOB '*[^0-9]*'),
	razon_social		TEXT NOT NULL CHECK (length(razon_social) BETWEEN 1 AND 200),
	razon_norm		TEXT NOT NULL,	-- lower case, no accents: what the search box matches
	tipo			TEXT NOT NULL CHECK (tipo IN ('MSPS','IPS','EPSC','EPSS','ET','PROV','CCF','AP')),
	codigo_habilitacion	TEXT CHECK (codigo_habilitacion IS NULL OR
				 (length(codigo_habilitacion) = 12 AND codigo_habilitacion NOT GLOB '*[^0-9]*')),
	creada			INTEGER NOT NULL
);

CREATE TABLE usuario (
	id		INTEGER PRIMARY KEY,
	login		TEXT NOT NULL UNIQUE COLLATE NOCASE,
	nombre		TEXT NOT NULL,
	correo		TEXT NOT NULL,
	tipo_doc	TEXT,
	num_doc		TEXT,
	pass_hash	TEXT,		-- scrypt MCF; NULL until the password is set
	activo		INTEGER NOT NULL DEFAULT 1,
	creado		INTEGER NOT NULL
);

-- A role is always held for one entity.
CREATE TABLE rol_asignado (
	id		INTEGER PRIMARY KEY,
	usuario_id	INTEGER NOT NULL REFERENCES usuario(id),
	entidad_id	INTEGER NOT NULL REFERENCES entidad(id),
	rol		TEXT NOT NULL,
	activo		INTEGER NOT NULL DEFAULT 1,
	UNIQUE (usuario_id, entidad_id, rol)
);
CREATE INDEX rol_asignado_entidad ON rol_asignado(entidad_id, rol);

-- Sessions are found by the SHA-256 of the cookie value; the value itself is never stored.
CREATE TABLE sesion (
	id_hash		BLOB PRIMARY KEY,
	usuario_id	INTEGER NOT NULL REFERENCES usuario(id) ON DELETE CASCADE,
	rol_id		INTEGER NOT NULL REFERENCES rol_asignado(id),
	csrf		TEXT NOT NULL,
	creada		INTEGER NOT NULL,
	ultimo		INTEGER NOT NULL,
	ip		TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sesion_usuario ON sesion(usuario_id);

-- Failed logins per key ('u:<login>' or 'ip:<address>') in the current window.
CREATE TABLE login_fallo (
	clave		TEXT PRIMARY KEY,
	fallos		INTEGER NOT NULL,
	desde		INTEGER NOT NULL
) WITHOUT ROWID;

-- Append-only: the triggers below refuse changes and deletions.
CREATE TABLE auditoria (
	id		INTEGER PRIMARY KEY,
	ts		INTEGER NOT NULL,
	usuario_id	INTEGER,
	login		TEXT,
	rol		TEXT,
	entidad_id	INTEGER,
	ip		TEXT,
	accion		TEXT NOT NULL,
	detalle		TEXT
);
CREATE TRIGGER auditoria_no_update BEFORE UPDATE ON auditoria
BEGIN SELECT RAISE(ABORT, 'auditoria es de solo adición'); END;
CREATE TRIGGER auditoria_no_delete BEFORE DELETE ON auditoria
BEGIN SELECT RAISE(ABORT, 'auditoria es de solo adición'); END;

-- Every notification is written here in the transaction of the change that causes it.
CREATE TABLE correo (
	id		INTEGER PRIMARY KEY,
	para		TEXT NOT NULL,
	asunto		TEXT NOT NULL,
	cuerpo		TEXT NOT NULL,
	estado		TEXT NOT NULL DEFAULT 'pendiente' CHECK (estado IN ('pendiente','enviado','fallido')),
	intentos	INTEGER NOT NULL DEFAULT 0,
	creado		INTEGER NOT NULL,
	enviado		INTEGER
);
CREATE INDEX correo_estado ON correo(estado, id);

-- IHCE: one row per request; vigente marks the entity's current one.
CREATE TABLE solicitud (
	id		INTEGER PRIMARY KEY,
	entidad_id	INTEGER NOT NULL REFERENCES entidad(id),
	tipo		TEXT NOT NULL CHECK (tipo IN ('inscripcion','resolicitud')),
	estado		TEXT NOT NULL CHECK (estado IN ('pendiente','resolicitado','asignado','reasignado','rechazado')),
	vigente		INTEGER NOT NULL DEFAULT 1,
	proveedor_tec	TEXT NOT NULL,
	software	TEXT NOT NULL,
	lider_nombre	TEXT NOT NULL,
	lider_correo	TEXT NOT NULL,
	lider_tel	TEXT NOT NULL,
	resp_nombre	TEXT NOT NULL,
	resp_correo	TEXT NOT NULL,
	resp_tel	TEXT NOT NULL,
	terminos_ts	INTEGER NOT NULL,	-- acceptance of the terms: when and from where
	terminos_ip	TEXT NOT NULL,
	datos_ts	INTEGER NOT NULL,	-- personal-data authorization: when and from where
	datos_ip	TEXT NOT NULL,
	solicitante_id	INTEGER NOT NULL REFERENCES usuario(id),
	fecha		INTEGER NOT NULL,
	respondida	INTEGER,
	respondio_id	INTEGER REFERENCES usuario(id),
	motivo_rechazo	TEXT,
	version		INTEGER NOT NULL DEFAULT 1,
	-- The MSPS queue a current request belongs to ('asignar' or 'actualizar'), kept by the
	-- triggers below. A plain column, not a generated one: SQLite reads a generated column
	-- from the row, so the queue index could not answer the queue pages by itself.
	cola		TEXT
);
CREATE UNIQUE INDEX solicitud_vigente ON solicitud(entidad_id) WHERE vigente = 1;
CREATE TRIGGER solicitud_cola_nueva AFTER INSERT ON solicitud BEGIN
	UPDATE solicitud SET cola = CASE
		WHEN NEW.estado IN ('pendiente','resolicitado') THEN 'asignar'
		WHEN NEW.estado IN ('asignado','reasignado') THEN 'actualizar' END
	WHERE id = NEW.id;
END;
CREATE TRIGGER solicitud_cola_estado AFTER UPDATE OF estado ON solicitud BEGIN
	UPDATE solicitud SET cola = CASE
		WHEN NEW.estado IN ('pendiente','resolicitado') THEN 'asignar'
		WHEN NEW.estado IN ('asignado','reasignado') THEN 'actualizar' END
	WHERE id = NEW.id;
END;
-- How many current requests each queue holds, so the queue page does not count its index.
CREATE TABLE cola_total (
	cola		TEXT PRIMARY KEY,
	n		INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO cola_total VALUES ('asignar', 0), ('actualizar', 0);
CREATE TRIGGER solicitud_cola_sale AFTER UPDATE OF cola, vigente ON solicitud
WHEN OLD.vigente = 1 AND OLD.cola IS NOT NULL BEGIN
	UPDATE cola_total SET n = n - 1 WHERE cola = OLD.cola;
END;
CREATE TRIGGER solicitud_cola_entra AFTER UPDATE OF cola, vigente ON solicitud
WHEN NEW.vigente = 1 AND NEW.cola IS NOT NULL BEGIN
	UPDATE cola_total SET n = n + 1 WHERE cola = NEW.cola;
END;
CREATE TRIGGER solicitud_cola_borrada AFTER DELETE ON solicitud
WHEN OLD.vigente = 1 AND OLD.cola IS NOT NULL BEGIN
	UPDATE cola_total SET n = n - 1 WHERE cola = OLD.cola;
END;
-- Covers the queue pages and searches (every column they read, vigente included).
CREATE INDEX solicitud_cola ON solicitud(cola, fecha, id, entidad_id, estado, vigente)
	WHERE vigente = 1;

-- Keys per environment; a replaced key stays as history (vigente = 0).
CREATE TABLE llave (
	id		INTEGER PRIMARY KEY,
	entidad_id	INTEGER NOT NULL REFERENCES entidad(id),
	solicitud_id	INTEGER NOT NULL REFERENCES solicitud(id),
	ambiente	TEXT NOT NULL CHECK (ambiente IN ('desarrollo','preproduccion','produccion')),
	client_id	TEXT NOT NULL,
	client_secret	BLOB NOT NULL,		-- sealed, bound to this row's id
	expira		TEXT NOT NULL,		-- YYYY-MM-DD
	vigente		INTEGER NOT NULL DEFAULT 1,
	creada		INTEGER NOT NULL,
	creada_por	INTEGER NOT NULL REFERENCES usuario(id),
	reemplazada	INTEGER
);
CREATE UNIQUE INDEX llave_vigente ON llave(entidad_id, ambiente) WHERE vigente = 1;
CREATE INDEX llave_entidad ON llave(entidad_id, id);

-- Connection parameters of each environment, configured by the ministry.
CREATE TABLE ambiente (
	nombre		TEXT PRIMARY KEY CHECK (nombre IN ('desarrollo','preproduccion','produccion')),
	orden		INTEGER NOT NULL,
	endpoint	TEXT NOT NULL DEFAULT '',
	tenant_id	TEXT NOT NULL DEFAULT '',
	scope		TEXT NOT NULL DEFAULT '',
	apim_key	BLOB,			-- sealed, bound to the environment's name
	actualizado	INTEGER
) WITHOUT ROWID;
INSERT INTO ambiente(nombre, orden) VALUES ('desarrollo', 1), ('preproduccion', 2), ('produccion', 3);
