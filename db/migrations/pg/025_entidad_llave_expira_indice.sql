-- PostgreSQL twin of ../025_entidad_llave_expira_indice.sql: the entities whose first
-- current key expires by a date, for the MSPS queue's "Por vencer" filter.
CREATE INDEX entidad_llave_expira ON entidad(llave_expira);
