-- PostgreSQL twin of ../007_busqueda.sql.
-- The MSPS search box: a trigram index over what it matches (NIT, código de habilitación,
-- razón social folded), so a search reads the entities that contain the text instead of
-- every request in the queue.
-- PostgreSQL: pg_trgm's GIN index on the three columns of entidad itself (SQLite's FTS5
-- trigram table entidad_busqueda and its triggers); the index bears the table's name. The
-- search statement matches with LIKE / similarity operators, which this index answers.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX entidad_busqueda ON entidad USING gin (nit gin_trgm_ops,
	codigo_habilitacion gin_trgm_ops, razon_norm gin_trgm_ops);
