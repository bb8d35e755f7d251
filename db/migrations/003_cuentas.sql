-- Accounts: self-registration, ministry approval of staff accounts, one-time password
-- links, and the anti-automation challenge of the public forms.

-- Ministry staff who registered themselves ("Otro usuario") wait for an administrator:
-- 'pendiente' until granted ('aprobada') or refused ('rechazada'). NULL for everyone else.
ALTER TABLE usuario ADD COLUMN aprobacion TEXT
	CHECK (aprobacion IS NULL OR aprobacion IN ('pendiente','aprobada','rechazada'));
CREATE INDEX usuario_aprobacion ON usuario(aprobacion) WHERE aprobacion IS NOT NULL;

-- One delegado administrativo per entity and module: a second active holder of the same
-- securityAdmin_* role in the same entity is refused by the database itself.
CREATE UNIQUE INDEX rol_delegado_unico ON rol_asignado(entidad_id, rol)
	WHERE activo = 1 AND rol GLOB 'securityAdmin_*';

-- Links that set a password (after registration) or reset it (forgotten password).
-- Only the SHA-256 of the random token is stored; a link works once and for 24 hours.
CREATE TABLE enlace_clave (
	id		INTEGER PRIMARY KEY,
	token_hash	BLOB NOT NULL UNIQUE,
	usuario_id	INTEGER NOT NULL REFERENCES usuario(id),
	proposito	TEXT NOT NULL CHECK (proposito IN ('activar','restablecer')),
	creado		INTEGER NOT NULL,
	expira		INTEGER NOT NULL,
	usado		INTEGER			-- when it was used or superseded; NULL while usable
);
CREATE INDEX enlace_clave_usuario ON enlace_clave(usuario_id) WHERE usado IS NULL;

-- Anti-automation challenges of the public forms: the SHA-256 of the form's random id,
-- the code drawn in the image and the answer of the text question. Used once.
CREATE TABLE reto (
	id_hash		BLOB PRIMARY KEY,
	codigo		TEXT NOT NULL,
	respuesta	TEXT NOT NULL,
	creado		INTEGER NOT NULL
) WITHOUT ROWID;
