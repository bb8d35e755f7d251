-- mipres_paso's checks on tipo and estado as comparisons instead of lists (issue 17). SQLite
-- tests `x IN (a, b, c)` of more than two constants against a temporary table it builds of
-- them, on every statement that checks it: each INSERT of a step built two (tipo, estado)
-- and each UPDATE of estado one, about 30,000 instructions each, inside the writers' lock
-- (a PUT Entrega: 430,000 -> 340,000 instructions from BEGIN to COMMIT, callgrind). The
-- same values pass as before, so every row already stored passes: the table's text is
-- rewritten in place, SQLite's documented way to change a CHECK
-- (https://www.sqlite.org/lang_altertable.html#otheralter), not copied (the table holds
-- every step of every line). writable_schema=RESET reads the schema again; the table made
-- and dropped after it moves the schema's version, so every other connection open on the
-- database reads the new text at its next statement.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(replace(sql,
	'CHECK (tipo IN (''D'', ''N'', ''P'', ''E'', ''R'', ''S''))',
	'CHECK (tipo = ''D'' OR tipo = ''N'' OR tipo = ''P'' OR tipo = ''E'' OR tipo = ''R'' OR tipo = ''S'')'),
	'CHECK (estado IN (0, 1, 2))', 'CHECK (estado = 0 OR estado = 1 OR estado = 2)')
WHERE type = 'table' AND name = 'mipres_paso';
PRAGMA writable_schema = RESET;
CREATE TABLE migracion_029 (x);
DROP TABLE migracion_029;
