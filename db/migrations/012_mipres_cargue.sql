-- MIPRES "Cargue masivo" (/mipres/cargue, cgi/mipres/cargue.c): each row of a provider's
-- upload that was applied, by the SHA-256 of its normalised content (the kind and every
-- field), with the line (ID) and step (IdEntrega, IdReporteEntrega) it created. The same
-- row uploaded again shows "Ya registrada" with those ids while that step is live (estado
-- > 0) instead of being applied twice; once the step was annulled the row may be applied
-- again, and its hash then names the new step. Written in the step's own transaction.
CREATE TABLE mipres_cargue_fila (
	id		INTEGER PRIMARY KEY,
	entidad_id	INTEGER NOT NULL REFERENCES entidad(id),
	hash		BLOB NOT NULL CHECK (length(hash) = 32),
	tipo		TEXT NOT NULL CHECK (tipo IN ('E', 'R')),	-- mipres_paso.tipo
	linea_id	INTEGER NOT NULL REFERENCES mipres_linea(id),
	paso_id		INTEGER NOT NULL REFERENCES mipres_paso(id),
	creado		INTEGER NOT NULL,
	UNIQUE (entidad_id, hash)
);
