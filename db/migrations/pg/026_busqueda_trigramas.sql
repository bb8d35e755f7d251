-- PostgreSQL twin of ../026_busqueda_trigramas.sql.
-- The frequencies of the search's trigrams (cgi/ihce/busqueda.c), the row '' the number of
-- entities. PostgreSQL answers the search through pg_trgm's GIN index, whatever trigrams
-- are chosen, but the choice of plan (sort the candidates, or read the queue in order)
-- rides on these: the periodic job fills the table from entidad itself (no vocabulary
-- table here).
CREATE TABLE busqueda_trigrama (
	trigrama	text PRIMARY KEY,
	n		bigint NOT NULL
);
CREATE INDEX solicitud_entidad_cola ON solicitud(entidad_id, cola, fecha) WHERE vigente = 1;
