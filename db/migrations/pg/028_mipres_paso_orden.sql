-- PostgreSQL twin of ../028_mipres_paso_orden.sql.
-- A day's steps of a dispenser or an EPS (EntregaXFecha and the other ...XFecha: tipo, prov_nit
-- or eps_id, dia) come in id order from the index itself, as the queries answer them (ORDER
-- BY id), so their plan has no Sort: it copied each row (the step's JSON among them) into a
-- sort before sending it, a tenth of the backend's instructions for EntregaXFecha's 114 rows.
-- The same names and leading columns, so every query that used them uses them as before.
DROP INDEX mipres_paso_prov;
CREATE INDEX mipres_paso_prov ON mipres_paso(tipo, prov_nit, dia, id);
DROP INDEX mipres_paso_eps;
CREATE INDEX mipres_paso_eps ON mipres_paso(tipo, eps_id, dia, id);
