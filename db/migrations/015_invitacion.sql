-- Invitations (issue 11 §2): a delegate's "Nuevo" in Administrar autorizados no longer binds
-- a person to the entity. The authorization (rol_asignado) is written inactive and gives
-- nothing (sessions, the role list and every mail list read only activo = 1) until the
-- person accepts it: logged in as themselves with the mailed one-time link, or, for an
-- account the entity itself created (cuenta_nueva), by setting that account's first
-- password through its link. The invitation keeps what the delegate typed, which the
-- delegate's pages show instead of the account's data until it is accepted.
CREATE TABLE invitacion (
	id		INTEGER PRIMARY KEY,
	rol_id		INTEGER NOT NULL REFERENCES rol_asignado(id),
	token_hash	BLOB NOT NULL UNIQUE,	-- SHA-256 of the mailed token; the token is never stored
	estado		TEXT NOT NULL DEFAULT 'pendiente'
			CHECK (estado IN ('pendiente','aceptada','rechazada','anulada')),
	-- The account was created by this entity and has no password yet: its first password,
	-- set through a mailed link, accepts the invitation.
	cuenta_nueva	INTEGER NOT NULL DEFAULT 0 CHECK (cuenta_nueva IN (0, 1)),
	-- What the delegate typed (never written to an existing account).
	tipo_doc	TEXT NOT NULL,
	num_doc		TEXT NOT NULL,
	sexo		TEXT NOT NULL,
	correo		TEXT NOT NULL,
	primer_nombre	TEXT NOT NULL,
	segundo_nombre	TEXT NOT NULL,
	primer_apellido	TEXT NOT NULL,
	segundo_apellido TEXT NOT NULL,
	invito		INTEGER NOT NULL REFERENCES usuario(id),
	creada		INTEGER NOT NULL,
	expira		INTEGER NOT NULL,
	respondida	INTEGER		-- accepted, declined or voided: when
);
-- An authorization waits on one invitation at a time.
CREATE UNIQUE INDEX invitacion_pendiente ON invitacion(rol_id) WHERE estado = 'pendiente';
CREATE INDEX invitacion_rol ON invitacion(rol_id, id);
