-- PostgreSQL twin of ../016_correo_sellado.sql.
-- The outbox holds no usable secret. A message's body is stored sealed with the secrets
-- key (cgi/core/secret.c; the additional data 'correo.cuerpo:<id>' binds it to its row), and
-- wiped (NULL) once it is delivered or once the one-time link or code it carries has
-- expired (caduca); its attachments (the activation QR, which encodes the code) likewise,
-- bound to 'correo_adjunto.datos:<correo_id>:<id>'. The metadata stays.
--
-- cuerpo becomes a nullable bytea. PostgreSQL came after this migration: its outbox never
-- held a body in clear, so SQLite's conversion of the bodies queued before it (and the index
-- correo_en_claro that finds them, and PRAGMA secure_delete) has no twin here. The columns
-- change as in SQLite, in the same order.
ALTER TABLE correo ADD COLUMN sellado bytea;
ALTER TABLE correo ADD COLUMN caduca bigint;	-- when the link or code in the body expires
ALTER TABLE correo DROP COLUMN cuerpo;
ALTER TABLE correo RENAME COLUMN sellado TO cuerpo;	-- sealed body; NULL once wiped

-- The bodies that expire, for the mailer's pass.
CREATE INDEX correo_caduca ON correo(caduca) WHERE cuerpo IS NOT NULL;
