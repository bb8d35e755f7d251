-- Web services for Administradoras de Pensiones (issue 6, ../shared/spec/ap.md): the AP's
-- autorizado role, the 5-minute tokens, the records of ReportarAfiliaciontraslado and
-- ReportarRetractoAfiliacion, and the measurement of every call for the follow-up report.

-- The AP's autorizado uses the SAT pages (services, Client IDs, connection password, report).
INSERT INTO rol_autorizable VALUES
	('Rol_WS_AP', 'AP', 'Autorizado de servicios web de la Administradora', 1);
INSERT INTO perfil(rol, nombre) VALUES
	('Rol_WS_AP', 'Autorizado para administrar los servicios web de la Administradora');

-- A bearer token issued by POST /token: only its SHA-256 is kept. It is good for the AP
-- (entidad_id) and the one enabled service (asignado_id) whose Client ID asked for it,
-- until expira (seconds).
CREATE TABLE ap_token (
	id		INTEGER PRIMARY KEY,
	token_hash	BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
	entidad_id	INTEGER NOT NULL REFERENCES entidad(id),
	asignado_id	INTEGER NOT NULL REFERENCES servicio_asignado(id),
	creado		INTEGER NOT NULL,
	expira		INTEGER NOT NULL
);
CREATE INDEX ap_token_expira ON ap_token(expira);

-- ReportarAfiliaciontraslado: one row per AP and radicado (a record sent again is reported
-- as already received and never stored twice). Dates are 'YYYY-MM-DD'.
CREATE TABLE ap_afiliacion (
	id		INTEGER PRIMARY KEY,
	entidad_id	INTEGER NOT NULL REFERENCES entidad(id),
	radicado	TEXT NOT NULL,
	tipo_doc	TEXT NOT NULL,
	num_doc		TEXT NOT NULL,
	primer_nombre	TEXT NOT NULL,
	segundo_nombre	TEXT,
	primer_apellido	TEXT NOT NULL,
	segundo_apellido TEXT,
	fecha_nacimiento TEXT NOT NULL,
	sexo		TEXT NOT NULL CHECK (sexo IN ('M', 'F')),
	tipo_novedad	TEXT NOT NULL CHECK (tipo_novedad IN ('AFILIACION', 'TRASLADO')),
	codigo_origen	TEXT,
	codigo_destino	TEXT NOT NULL,
	fecha_solicitud	TEXT NOT NULL,
	fecha_efectividad TEXT NOT NULL,
	recibido	INTEGER NOT NULL,
	UNIQUE (entidad_id, radicado)
);

-- ReportarRetractoAfiliacion: the withdrawal of one of the AP's own affiliations/transfers,
-- at most one per radicado.
CREATE TABLE ap_retracto (
	id		INTEGER PRIMARY KEY,
	entidad_id	INTEGER NOT NULL REFERENCES entidad(id),
	afiliacion_id	INTEGER NOT NULL REFERENCES ap_afiliacion(id),
	radicado	TEXT NOT NULL,
	tipo_doc	TEXT NOT NULL,
	num_doc		TEXT NOT NULL,
	fecha_retracto	TEXT NOT NULL,
	motivo		TEXT NOT NULL,
	recibido	INTEGER NOT NULL,
	UNIQUE (entidad_id, radicado)
);

-- Every call to the AP port: who (NULL when the AP could not be identified), which service
-- ('token' for POST /token), when, the HTTP status, the records received / accepted /
-- rejected, how long the portal took (microseconds) and the incident, when it failed.
CREATE TABLE ap_medicion (
	id		INTEGER PRIMARY KEY,
	entidad_id	INTEGER REFERENCES entidad(id),
	servicio	TEXT NOT NULL CHECK (servicio IN ('token', 'ReportarAfiliaciontraslado',
			    'ReportarRetractoAfiliacion')),
	fecha		INTEGER NOT NULL,
	estado		INTEGER NOT NULL,
	recibidos	INTEGER NOT NULL DEFAULT 0,
	aceptados	INTEGER NOT NULL DEFAULT 0,
	rechazados	INTEGER NOT NULL DEFAULT 0,
	duracion_us	INTEGER NOT NULL,
	incidente	TEXT CHECK (incidente IN ('autenticacion', 'validacion', 'servidor'))
);
-- The report reads a date range, all APs or one, ordered by service and duration.
CREATE INDEX ap_medicion_fecha ON ap_medicion(fecha, servicio);
CREATE INDEX ap_medicion_entidad ON ap_medicion(entidad_id, fecha);
