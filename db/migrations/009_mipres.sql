-- MIPRES Suministro: the web-service tokens of dispensers and EPS, and the dispensing cycle
-- Direccionamiento -> Programación -> Entrega -> Reporte de entrega -> Suministro
-- (spec/mipres.md). States of every step: 0 Anulado, 1 Activo, 2 Procesado.

-- A user token (a GUID generated in the portal): only its SHA-256 is kept, and its last
-- characters to show which one is current. An EPS holds one per régimen; a provider one.
CREATE TABLE mipres_token (
	id		INTEGER PRIMARY KEY,
	entidad_id	INTEGER NOT NULL REFERENCES entidad(id),
	regimen		TEXT NOT NULL DEFAULT '' CHECK (regimen IN ('', 'contributivo', 'subsidiado')),
	hash		BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),
	final		TEXT NOT NULL,			-- the last characters, for display
	creado		INTEGER NOT NULL,
	creado_por	INTEGER REFERENCES usuario(id),	-- NULL: the operator command
	revocado	INTEGER				-- set when a new one replaces it
);
CREATE UNIQUE INDEX mipres_token_vigente ON mipres_token(entidad_id, regimen)
	WHERE revocado IS NULL;

-- Temporary tokens from GenerarToken, valid 24 hours; they die with their user token.
CREATE TABLE mipres_token_temp (
	hash		BLOB PRIMARY KEY CHECK (length(hash) = 32),
	token_id	INTEGER NOT NULL REFERENCES mipres_token(id),
	expira		INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX mipres_token_temp_expira ON mipres_token_temp(expira);

-- One line of the cycle: its id is the ID every step of the cycle carries. A
-- direccionamiento or a no-direccionamiento (by an EPS) or an entrega ámbito (by a
-- provider, without direccionamiento) creates it.
CREATE TABLE mipres_linea (
	id		INTEGER PRIMARY KEY,
	eps_id		INTEGER REFERENCES entidad(id),	-- the EPS that directed it; NULL: ámbito
	regimen		TEXT NOT NULL DEFAULT '',
	prov_nit	TEXT,				-- NoIDProv: the provider who sees it
	no_prescripcion	TEXT NOT NULL,
	tipo_tec	TEXT NOT NULL,
	con_tec		INTEGER NOT NULL,
	tipo_id_paciente TEXT NOT NULL,
	no_id_paciente	TEXT NOT NULL,
	no_entrega	INTEGER,
	fec_max_ent	TEXT,				-- YYYY-MM-DD
	cant_total	INTEGER,			-- CantTotAEntregar directed
	creada		INTEGER NOT NULL
);
CREATE INDEX mipres_linea_prescripcion ON mipres_linea(no_prescripcion);
CREATE INDEX mipres_linea_paciente ON mipres_linea(no_id_paciente, tipo_id_paciente);

-- Each step of a line: its own id (IdDireccionamiento, IdProgramacion, ...), state and
-- dates; the step's own fields as the JSON the queries return (dates "YYYY-MM-DD HH:mm").
-- prov_nit and eps_id repeat the line's, so "...XFecha" reads one index range.
CREATE TABLE mipres_paso (
	id		INTEGER PRIMARY KEY,
	linea_id	INTEGER NOT NULL REFERENCES mipres_linea(id),
	tipo		TEXT NOT NULL CHECK (tipo IN ('D', 'N', 'P', 'E', 'R', 'S')),
	ambito		INTEGER NOT NULL DEFAULT 0,	-- an entrega ámbito (no direccionamiento)
	estado		INTEGER NOT NULL DEFAULT 1 CHECK (estado IN (0, 1, 2)),
	fecha		INTEGER NOT NULL,		-- when it was recorded (Fec<Step>)
	dia		TEXT NOT NULL,			-- its date in Colombia: what XFecha asks
	fec_anulacion	INTEGER,
	prov_nit	TEXT,
	eps_id		INTEGER,
	cantidad	INTEGER,	-- programmed (P), delivered (E, S) quantity
	datos		TEXT NOT NULL CHECK (json_valid(datos))
);
CREATE INDEX mipres_paso_prov ON mipres_paso(tipo, prov_nit, dia);
CREATE INDEX mipres_paso_eps ON mipres_paso(tipo, eps_id, dia);
-- At most one live (active or processed) step of each kind per line: the cycle's order
-- holds even if two requests race.
CREATE UNIQUE INDEX mipres_paso_vivo ON mipres_paso(linea_id, tipo) WHERE estado > 0;
CREATE INDEX mipres_paso_linea ON mipres_paso(linea_id, tipo, estado);
