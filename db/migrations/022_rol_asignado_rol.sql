-- The holders of a role across entities (issue 16): each request's notice to the ministry
-- looks up the people holding Rol_IHCE_MSPS (ST_USUARIOS_CORREO_BY_ROL), which read all of
-- rol_asignado without this index, so submitting grew with the number of providers.
CREATE INDEX rol_asignado_rol ON rol_asignado(rol, activo);
