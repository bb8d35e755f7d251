-- PostgreSQL twin of ../002_correo_envio.sql.
-- Delivery of the outbox over SMTP: retry schedule, last error, and the server settings.
ALTER TABLE correo ADD COLUMN proximo bigint NOT NULL DEFAULT 0;	-- next attempt, Unix time
ALTER TABLE correo ADD COLUMN ultimo_error text;
CREATE INDEX correo_pendiente ON correo(estado, proximo);

-- One row: where mail goes. The password is sealed, bound to 'smtp.password'.
CREATE TABLE smtp (
	id		bigint PRIMARY KEY CHECK (id = 1),
	url		text NOT NULL,		-- smtp://host:587 (STARTTLS) or smtps://host:465
	usuario		text,
	clave		bytea,
	remitente	text NOT NULL,
	exigir_tls	bigint NOT NULL DEFAULT 1,	-- 0 only for a relay on loopback
	actualizado	bigint NOT NULL
);
