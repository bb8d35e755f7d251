-- The MSPS search at national scale (issue 16).
-- A search asks the trigram index for the rarest trigrams of its text (cgi/ihce/busqueda.c),
-- not every third: their frequencies, in how many entities each trigram is, are read from
-- this table, which the periodic job "busqueda" fills from the index's vocabulary
-- (entidad_busqueda_vocab) at its first pass and every hour; the row '' holds the number
-- of entities. Only a choice of cost rides on it: a trigram missing or stale still gives
-- every match.
CREATE TABLE busqueda_trigrama (
	trigrama	TEXT PRIMARY KEY,
	n		INTEGER NOT NULL
) WITHOUT ROWID;
CREATE VIRTUAL TABLE entidad_busqueda_vocab USING fts5vocab(entidad_busqueda, row);
-- An entity's current request, its queue and date without reading the request's row: the
-- search checks each candidate of the index here (solicitud_vigente answers only the id).
CREATE INDEX solicitud_entidad_cola ON solicitud(entidad_id, cola, fecha) WHERE vigente = 1;
