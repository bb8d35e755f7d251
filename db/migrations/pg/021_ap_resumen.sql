-- PostgreSQL twin of ../021_ap_resumen.sql.
-- The AP follow-up report at national scale (issue 16): rollups of ap_medicion per hour
-- and per day. Each measurement is added to its hour's and its day's rows in the
-- transaction that stores it (cgi/ap/resumen.c), so a report reads one row per day (or
-- hour), service and AP instead of every call.
-- histograma: the durations' log-scale histogram, 16 buckets per doubling (4.4% wide),
-- encoded as cgi/ap/resumen.h says; ap_hist() and ap_hist_unir() are the portal's own SQL
-- functions (registered by db_open); PostgreSQL does not have them (see below).
CREATE TABLE ap_resumen (
	servicio	text NOT NULL,
	segundos	bigint NOT NULL CHECK (segundos IN (3600, 86400)),	-- an hour or a day
	-- The period's first second (UTC): an hour starts on a multiple of 3600, a day at
	-- midnight in Colombia (UTC-5, no daylight saving), 05:00 UTC.
	inicio		bigint NOT NULL CHECK ((inicio - 18000 * (segundos = 86400)::int) % segundos = 0),
	entidad_id	bigint NOT NULL,	-- the AP, or 0 when it was not identified
	llamadas	bigint NOT NULL,
	recibidos	bigint NOT NULL,
	aceptados	bigint NOT NULL,
	rechazados	bigint NOT NULL,
	inc_autenticacion bigint NOT NULL,
	inc_validacion	bigint NOT NULL,
	inc_servidor	bigint NOT NULL,
	max_us		bigint NOT NULL,	-- the longest call (microseconds)
	histograma	bytea NOT NULL,
	PRIMARY KEY (servicio, segundos, inicio, entidad_id)
);
-- Every AP: the primary key; one AP: this index.
CREATE INDEX ap_resumen_entidad ON ap_resumen(entidad_id, servicio, segundos, inicio);

-- SQLite rolls up here the calls measured before this migration. PostgreSQL came after it:
-- its ap_medicion is empty at this point, so there is nothing to roll up (and ap_hist, the
-- portal's own aggregate, is not defined in PostgreSQL).
