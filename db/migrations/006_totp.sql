-- Second factor (TOTP, RFC 6238) and re-authentication.

-- One TOTP secret per user, sealed (cgi/core/secret.h) with the additional data
-- 'totp.secreto:<usuario_id>'. activo = 0 while the user is enrolling (the QR code is
-- shown, no code confirmed yet); 1 once a code was confirmed. ultimo_paso is the last
-- accepted time step: a step at or before it is refused, so a code works once.
CREATE TABLE totp (
	usuario_id	INTEGER PRIMARY KEY REFERENCES usuario(id),
	secreto		BLOB NOT NULL,
	activo		INTEGER NOT NULL DEFAULT 0 CHECK (activo IN (0, 1)),
	creado		INTEGER NOT NULL,
	activado	INTEGER,
	ultimo_paso	INTEGER
);

-- One-time recovery codes: only SHA-256('<usuario_id>:<code>') is stored; usado is when
-- the code was spent.
CREATE TABLE totp_recuperacion (
	id		INTEGER PRIMARY KEY,
	usuario_id	INTEGER NOT NULL REFERENCES usuario(id),
	codigo_hash	BLOB NOT NULL UNIQUE,
	usado		INTEGER
);
CREATE INDEX totp_recuperacion_usuario ON totp_recuperacion(usuario_id);

-- paso: 0 when the session is fully authenticated; 1 while it waits for the TOTP code
-- (or a recovery code) after the password; 2 while ministry staff without a factor must
-- enroll one. Only the second-step, enrollment and logout pages answer until it is 0.
-- autenticado: when the user last gave the password (and the code when enrolled);
-- revealing a secret asks again after 10 minutes.
ALTER TABLE sesion ADD COLUMN paso INTEGER NOT NULL DEFAULT 0 CHECK (paso IN (0, 1, 2));
ALTER TABLE sesion ADD COLUMN autenticado INTEGER NOT NULL DEFAULT 0;
