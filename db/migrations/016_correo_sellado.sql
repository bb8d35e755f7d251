-- The outbox holds no usable secret. A message's body is stored sealed with the secrets
-- key (cgi/core/secret.c; the additional data 'correo.cuerpo:<id>' binds it to its row), and
-- wiped (NULL) once it is delivered or once the one-time link or code it carries has
-- expired (caduca); its attachments (the activation QR, which encodes the code) likewise,
-- bound to 'correo_adjunto.datos:<correo_id>:<id>'. The metadata stays.
--
-- cuerpo becomes a nullable BLOB. Bodies queued before this migration are in clear: the
-- delivered ones are wiped here; the others are kept, to be sealed by the portal at
-- start-up (outbox_sellar_legado, which finds them through correo_en_claro), and those
-- carrying a password link (24 hours) or an activation code (7 days) get their expiry
-- from their creation. secure_delete zeroes what is removed instead of leaving it in free
-- pages of the file.
PRAGMA secure_delete = ON;

ALTER TABLE correo ADD COLUMN sellado BLOB;
ALTER TABLE correo ADD COLUMN caduca INTEGER;	-- when the link or code in the body expires
UPDATE correo SET sellado = cuerpo,
	caduca = CASE WHEN cuerpo LIKE '%/clave/%' THEN creado + 86400
		WHEN cuerpo LIKE '%/ihce/activar?codigo=%' THEN creado + 7 * 86400 END
	WHERE estado <> 'enviado';
DELETE FROM correo_adjunto WHERE correo_id IN (SELECT id FROM correo WHERE estado = 'enviado');
ALTER TABLE correo DROP COLUMN cuerpo;
ALTER TABLE correo RENAME COLUMN sellado TO cuerpo;	-- sealed body; NULL once wiped

-- The bodies still in clear (only those of this migration; empty once sealed).
CREATE INDEX correo_en_claro ON correo(id) WHERE typeof(cuerpo) = 'text';
-- The bodies that expire, for the mailer's pass.
CREATE INDEX correo_caduca ON correo(caduca) WHERE cuerpo IS NOT NULL;
