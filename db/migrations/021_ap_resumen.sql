-- The AP follow-up report at national scale (issue 16): rollups of ap_medicion per hour
-- and per day. Each measurement is added to its hour's and its day's rows in the
-- transaction that stores it (cgi/ap/resumen.c), so a report reads one row per day (or
-- hour), service and AP instead of every call.
-- histograma: the durations' log-scale histogram, 16 buckets per doubling (4.4% wide),
-- encoded as cgi/ap/resumen.h says; ap_hist() and ap_hist_unir() are the portal's own SQL
-- functions (registered by db_open), so this migration runs through `portal migrate`.
CREATE TABLE ap_resumen (
	servicio	TEXT NOT NULL,
	segundos	INTEGER NOT NULL CHECK (segundos IN (3600, 86400)),	-- an hour or a day
	-- The period's first second (UTC): an hour starts on a multiple of 3600, a day at
	-- midnight in Colombia (UTC-5, no daylight saving), 05:00 UTC.
	inicio		INTEGER NOT NULL CHECK ((inicio - 18000 * (segundos = 86400)) % segundos = 0),
	entidad_id	INTEGER NOT NULL,	-- the AP, or 0 when it was not identified
	llamadas	INTEGER NOT NULL,
	recibidos	INTEGER NOT NULL,
	aceptados	INTEGER NOT NULL,
	rechazados	INTEGER NOT NULL,
	inc_autenticacion INTEGER NOT NULL,
	inc_validacion	INTEGER NOT NULL,
	inc_servidor	INTEGER NOT NULL,
	max_us		INTEGER NOT NULL,	-- the longest call (microseconds)
	histograma	BLOB NOT NULL,
	PRIMARY KEY (servicio, segundos, inicio, entidad_id)
) WITHOUT ROWID;
-- Every AP: the primary key; one AP: this index.
CREATE INDEX ap_resumen_entidad ON ap_resumen(entidad_id, servicio, segundos, inicio);

-- The calls measured before this migration, per hour and per day.
INSERT INTO ap_resumen(servicio, segundos, inicio, entidad_id, llamadas, recibidos,
    aceptados, rechazados, inc_autenticacion, inc_validacion, inc_servidor, max_us,
    histograma)
SELECT servicio, p.segundos, fecha - (fecha - p.corr) % p.segundos, coalesce(entidad_id, 0),
    count(*), sum(recibidos), sum(aceptados), sum(rechazados),
    sum(incidente IS 'autenticacion'), sum(incidente IS 'validacion'),
    sum(incidente IS 'servidor'), max(duracion_us), ap_hist(duracion_us)
FROM ap_medicion, (SELECT 3600 AS segundos, 0 AS corr UNION ALL SELECT 86400, 18000) p
GROUP BY 1, 2, 3, 4;
