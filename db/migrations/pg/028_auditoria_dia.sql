-- PostgreSQL twin of ../028_auditoria_dia.sql.
-- The Auditoría page's counts (issue 16): how many audit rows each action has on each day
-- (Colombia's: dia is the day's first second, as the page's date filter takes it), kept by
-- auditoria's triggers in the transaction that writes or removes the rows. Transactions that
-- audit take the chain's turn already (LOCK TABLE auditoria_ancla, core/db_pg.c), one at a
-- time, so a day's row adds no conflict between writers.
-- Per statement, each day and action's rows added at once: a row trigger updated the same
-- day's row once per audit row, and within one transaction every update walks the versions
-- the ones before it left (not pruned before the commit), so 100,001 rows of one action in
-- one statement took quadratic time (the e2e test's: 50 s).
CREATE TABLE auditoria_dia (
	dia	bigint NOT NULL,	-- the day's first second (00:00 in Colombia)
	accion	text NOT NULL,
	n	bigint NOT NULL,	-- the day's rows of that action
	PRIMARY KEY (dia, accion)
);
CREATE INDEX auditoria_dia_accion ON auditoria_dia(accion, dia);
INSERT INTO auditoria_dia(dia, accion, n)
	SELECT ts - ((ts - 18000) % 86400 + 86400) % 86400, accion, count(*) FROM auditoria
	GROUP BY 1, 2;
CREATE FUNCTION auditoria_dia_suma() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO auditoria_dia(dia, accion, n)
		SELECT ts - ((ts - 18000) % 86400 + 86400) % 86400, accion, count(*) FROM nuevas
		GROUP BY 1, 2
		ON CONFLICT (dia, accion) DO UPDATE SET n = auditoria_dia.n + excluded.n;
	RETURN NULL;
END $$;
-- Retention removes the oldest rows (up to the anchor): their days count them no more.
CREATE FUNCTION auditoria_dia_resta() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE auditoria_dia d SET n = d.n - v.n
	FROM (SELECT ts - ((ts - 18000) % 86400 + 86400) % 86400 AS dia, accion, count(*) AS n
		FROM viejas GROUP BY 1, 2) v
	WHERE d.dia = v.dia AND d.accion = v.accion;
	RETURN NULL;
END $$;
CREATE TRIGGER auditoria_dia_suma AFTER INSERT ON auditoria REFERENCING NEW TABLE AS nuevas
	FOR EACH STATEMENT EXECUTE FUNCTION auditoria_dia_suma();
CREATE TRIGGER auditoria_dia_resta AFTER DELETE ON auditoria REFERENCING OLD TABLE AS viejas
	FOR EACH STATEMENT EXECUTE FUNCTION auditoria_dia_resta();
