-- MIPRES queries by day (EntregaXFecha and the other ...XFecha) read a day's steps of a
-- dispenser or an EPS through mipres_paso_prov or mipres_paso_eps and answer them ORDER BY
-- id. PostgreSQL's twin makes both indexes end with id, so the rows come in that order and
-- its plan sorts nothing. Here nothing to do: id is the rowid, which every SQLite index
-- already ends with (EXPLAIN QUERY PLAN has no "USE TEMP B-TREE FOR ORDER BY").
SELECT 1;
