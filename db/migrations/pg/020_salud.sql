-- PostgreSQL twin of ../020_salud.sql.
-- GET /salud (cgi/admin/salud.c) reads this row and writes it on every probe: the database
-- answers a read and a committed write. One row, never more; nothing else uses it.
CREATE TABLE salud (
	id		bigint PRIMARY KEY CHECK (id = 1),
	comprobado	bigint NOT NULL	-- the last probe's time (Unix), or 0
);
INSERT INTO salud(id, comprobado) VALUES (1, 0);
