-- The Auditoría page's counts (issue 16): how many audit rows each action has on each day
-- (Colombia's, UTC-5 all year: dia is the day's first second, as the page's date filter
-- takes it), kept by auditoria's triggers in the transaction that writes or removes the
-- row. A filter by action and dates, or by dates alone, sums these rows instead of counting
-- the trail's index entries: among 1,000,000 rows an action's 83,333 were read one by one,
-- 52.5 M instructions a page; now its 365 days' rows are summed, 2.0 M. A person or an
-- entity is still counted on its own index (auditoria.c). Each audit row's insert costs
-- ~6,500 instructions more (the sqlite3 shell, 10,000 rows: 24,800 -> 31,200 a row).
CREATE TABLE auditoria_dia (
	dia	INTEGER NOT NULL,	-- the day's first second (00:00 in Colombia)
	accion	TEXT NOT NULL,
	n	INTEGER NOT NULL,	-- the day's rows of that action
	PRIMARY KEY (dia, accion)
) WITHOUT ROWID;
CREATE INDEX auditoria_dia_accion ON auditoria_dia(accion, dia);
INSERT INTO auditoria_dia(dia, accion, n)
	SELECT ts - ((ts - 18000) % 86400 + 86400) % 86400, accion, count(*) FROM auditoria
	GROUP BY 1, 2;
CREATE TRIGGER auditoria_dia_suma AFTER INSERT ON auditoria BEGIN
	INSERT INTO auditoria_dia(dia, accion, n)
		VALUES (NEW.ts - ((NEW.ts - 18000) % 86400 + 86400) % 86400, NEW.accion, 1)
		ON CONFLICT (dia, accion) DO UPDATE SET n = n + 1;
END;
-- Retention removes the oldest rows (up to the anchor): their days count them no more.
CREATE TRIGGER auditoria_dia_resta AFTER DELETE ON auditoria BEGIN
	UPDATE auditoria_dia SET n = n - 1
	WHERE dia = OLD.ts - ((OLD.ts - 18000) % 86400 + 86400) % 86400 AND accion = OLD.accion;
END;
