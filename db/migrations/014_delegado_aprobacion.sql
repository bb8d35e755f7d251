-- A delegado administrativo's registration waits for a funcionario MSPS (issue 11 §1), and
-- registration is capped per client address and in total per hour (§7).

-- One row per registration as delegado administrativo of an entity and module. It waits
-- ('pendiente') until a funcionario MSPS approves it — only then is the role created (and,
-- for an entity the portal did not know, the entity) — or rejects it with a reason, which
-- the registrant is mailed. nit, tipo and rol say what was asked; entidad_id is the entity
-- when the portal knew it, or the one the approval created; razon_social is what the
-- registrant typed for an entity the portal did not know (NULL otherwise). carta is the
-- designation letter signed by the entity's legal representative (a PDF of at most 2 MiB),
-- kept with the request so that any host serves it; it is the last column, so reading the
-- others never reads it.
CREATE TABLE solicitud_delegado (
	id		INTEGER PRIMARY KEY,
	usuario_id	INTEGER NOT NULL REFERENCES usuario(id),
	nit		TEXT NOT NULL CHECK (length(nit) = 9 AND nit NOT GLOB '*[^0-9]*'),
	tipo		TEXT NOT NULL CHECK (tipo IN ('MSPS','IPS','EPSC','EPSS','ET','PROV','CCF','AP')),
	rol		TEXT NOT NULL CHECK (rol GLOB 'securityAdmin_*'),
	entidad_id	INTEGER REFERENCES entidad(id),
	razon_social	TEXT CHECK (razon_social IS NULL OR length(razon_social) BETWEEN 1 AND 200),
	estado		TEXT NOT NULL DEFAULT 'pendiente'
			CHECK (estado IN ('pendiente','aprobada','rechazada')),
	creada		INTEGER NOT NULL,
	ip		TEXT,
	decidida	INTEGER,
	decidio_id	INTEGER REFERENCES usuario(id),
	motivo		TEXT,
	carta_nombre	TEXT,
	carta		BLOB
);
-- One request waits per entity (NIT) and module at a time.
CREATE UNIQUE INDEX solicitud_delegado_pendiente ON solicitud_delegado(nit, rol)
	WHERE estado = 'pendiente';
-- The queue (oldest first) and a person's latest request (what the login shows).
CREATE INDEX solicitud_delegado_estado ON solicitud_delegado(estado, creada, id);
CREATE INDEX solicitud_delegado_usuario ON solicitud_delegado(usuario_id, id);

-- The principal delegates the portal had before this rule stay approved: each is recorded
-- as an approved request (no letter, no official: they predate the approval).
INSERT INTO solicitud_delegado(usuario_id, nit, tipo, rol, entidad_id, estado, creada, decidida)
SELECT r.usuario_id, e.nit, e.tipo, r.rol, e.id, 'aprobada',
	CAST(strftime('%s', 'now') AS INTEGER), CAST(strftime('%s', 'now') AS INTEGER)
FROM rol_asignado r JOIN entidad e ON e.id = r.entidad_id
WHERE r.rol GLOB 'securityAdmin_*' AND r.asignado_por IS NULL
ORDER BY r.id;

-- The registrations (of both forms) that sent mail within the last hour, by client address,
-- for the caps per address and in total. Rows older than an hour are deleted at each
-- registration, so the table holds at most the total cap's worth of rows.
CREATE TABLE registro_envio (
	id		INTEGER PRIMARY KEY,
	ip		TEXT NOT NULL,
	ts		INTEGER NOT NULL
);
CREATE INDEX registro_envio_ip ON registro_envio(ip, ts);
CREATE INDEX registro_envio_ts ON registro_envio(ts);
