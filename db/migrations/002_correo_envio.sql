-- Delivery of the outbox over SMTP: retry schedule, last error, and the server settings.
ALTER TABLE correo ADD COLUMN proximo INTEGER NOT NULL DEFAULT 0;	-- next attempt, Unix time
ALTER TABLE correo ADD COLUMN ultimo_error TEXT;
CREATE INDEX correo_pendiente ON correo(estado, proximo);

-- One row: where mail goes. The password is sealed, bound to 'smtp.password'.
CREATE TABLE smtp (
	id		INTEGER PRIMARY KEY CHECK (id = 1),
	url		TEXT NOT NULL,		-- smtp://host:587 (STARTTLS) or smtps://host:465
	usuario		TEXT,
	clave		BLOB,
	remitente	TEXT NOT NULL,
	exigir_tls	INTEGER NOT NULL DEFAULT 1,	-- 0 only for a relay on loopback
	actualizado	INTEGER NOT NULL
);
