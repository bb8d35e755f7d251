-- PostgreSQL twin of ../022_rol_asignado_rol.sql.
-- The holders of a role across entities (issue 16): each request's notice to the ministry
-- looks up the people holding Rol_IHCE_MSPS (ST_USUARIOS_CORREO_BY_ROL).
CREATE INDEX rol_asignado_rol ON rol_asignado(rol, activo);
