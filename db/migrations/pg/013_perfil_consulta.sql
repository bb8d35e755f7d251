-- PostgreSQL twin of ../013_perfil_consulta.sql.
-- A perfil that only consults: its people see their entity's data but change nothing (the
-- routes that write answer 403). Rol_MIPRES_Dispensador's "Consulta de direccionamientos".
ALTER TABLE perfil ADD COLUMN solo_consulta bigint NOT NULL DEFAULT 0
	CHECK (solo_consulta IN (0, 1));
UPDATE perfil SET solo_consulta = 1 WHERE rol = 'Rol_MIPRES_Dispensador'
	AND nombre = 'Consulta de direccionamientos';
