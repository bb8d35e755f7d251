-- Expiry warnings of IHCE keys: one row per key and threshold (90, 45, 30 and 7 days
-- before its date), so a warning is never sent twice, whatever restarts or runs.
CREATE TABLE aviso_vencimiento (
	llave_id	INTEGER NOT NULL REFERENCES llave(id),
	umbral		INTEGER NOT NULL CHECK (umbral IN (90, 45, 30, 7)),
	enviado		INTEGER NOT NULL,		-- when it was queued, Unix time
	omitido		INTEGER NOT NULL DEFAULT 0,	-- 1: a nearer threshold was reached first
	PRIMARY KEY (llave_id, umbral)
) WITHOUT ROWID;

-- Inline attachments of a message (the activation QR image), shown by the HTML part by cid.
CREATE TABLE correo_adjunto (
	id		INTEGER PRIMARY KEY,
	correo_id	INTEGER NOT NULL REFERENCES correo(id),
	cid		TEXT NOT NULL,
	nombre		TEXT NOT NULL,
	tipo		TEXT NOT NULL,
	datos		BLOB NOT NULL
);
CREATE INDEX correo_adjunto_correo ON correo_adjunto(correo_id);

-- Activation of an entity's IHCE keys (manual IHCE v2): each assignment or update of keys
-- issues a one-time code, mailed to the delegates as a QR image and as text; the
-- delegate's entry of it enables the keys and stands as the provider's signature of the
-- security declaration (who, when, from where). Only the code's SHA-256 is stored.
CREATE TABLE activacion (
	id		INTEGER PRIMARY KEY,
	entidad_id	INTEGER NOT NULL REFERENCES entidad(id),
	solicitud_id	INTEGER NOT NULL REFERENCES solicitud(id),
	codigo_hash	BLOB NOT NULL UNIQUE,
	creado		INTEGER NOT NULL,
	expira		INTEGER NOT NULL,
	creado_por	INTEGER NOT NULL REFERENCES usuario(id),
	usado		INTEGER,		-- entered: when, by whom, from where
	usado_por	INTEGER REFERENCES usuario(id),
	usado_ip	TEXT,
	usado_ua	TEXT,
	anulado		INTEGER			-- replaced by a newer code
);
-- The entity's code waiting to be entered (at most one: issuing voids the previous).
CREATE UNIQUE INDEX activacion_pendiente ON activacion(entidad_id)
	WHERE usado IS NULL AND anulado IS NULL;
CREATE INDEX activacion_entidad ON activacion(entidad_id, id);
