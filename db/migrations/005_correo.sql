-- Expiry warnings of IHCE keys: one row per key and threshold (90, 45, 30 and 7 days
-- before its date), so a warning is never sent twice, whatever restarts or runs.
CREATE TABLE aviso_vencimiento (
	llave_id	INTEGER NOT NULL REFERENCES llave(id),
	umbral		INTEGER NOT NULL CHECK (umbral IN (90, 45, 30, 7)),
	enviado		INTEGER NOT NULL,		-- when it was queued, Unix time
	omitido		INTEGER NOT NULL DEFAULT 0,	-- 1: a nearer threshold was reached first
	PRIMARY KEY (llave_id, umbral)
) WITHOUT ROWID;
