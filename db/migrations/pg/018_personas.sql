-- PostgreSQL twin of ../018_personas.sql.
-- People read as people (issue 12 §4): every account keeps its name in four parts —
-- primer nombre, segundo nombre, primer apellido, segundo apellido (columns added by 004,
-- until now filled only for people an entity added with "Nuevo") — and `nombre` stays their
-- join, which mails and the session header use.
--
-- The accounts that only have `nombre` (registrations before this migration, accounts an
-- operator added with `portal user-add`, demo data) get their parts by this rule, on the
-- name with its blanks collapsed, word by word:
--   1 word             primer nombre
--   2 words            primer nombre, primer apellido
--   3 words            primer nombre, primer apellido, segundo apellido
--                      (one given name and two surnames, the usual Colombian name)
--   4 words or more    the first is the primer nombre, the last two the apellidos and
--                      every word between them the segundo nombre
-- e.g. "Ana María Pérez Gómez" → Ana | María | Pérez | Gómez; "Juan Pérez Gómez" →
-- Juan | — | Pérez | Gómez. A surname of several words ("de la Torre") is split wrongly
-- by any rule: the person or the entity corrects it.
--
-- The same rule runs for every new account inserted with `nombre` only (trigger below), so
-- no account is ever without its parts. Empty parts are ''.

-- Step 1: the name, blanks collapsed, as scratch in segundo_nombre.
UPDATE usuario SET segundo_nombre = trim(replace(replace(replace(replace(replace(nombre,
	chr(9), ' '), '    ', ' '), '   ', ' '), '  ', ' '), '  ', ' '))
	WHERE primer_nombre IS NULL;
-- Step 2: its first word is the primer nombre; the rest stays in segundo_nombre.
UPDATE usuario SET primer_nombre = substr(segundo_nombre, 1, strpos(segundo_nombre || ' ', ' ') - 1),
	segundo_nombre = ltrim(substr(segundo_nombre, strpos(segundo_nombre || ' ', ' ')))
	WHERE primer_nombre IS NULL;
-- Step 3: the rest's last two words are the apellidos (one word: the primer apellido);
-- what is left before them is the segundo nombre. rtrim(x, <x's non-blank characters>)
-- is x up to its last blank: x without its last word.
UPDATE usuario SET
	primer_apellido = CASE
		WHEN segundo_nombre = '' THEN ''
		WHEN strpos(segundo_nombre, ' ') = 0 THEN segundo_nombre
		ELSE substr(rtrim(rtrim(segundo_nombre, replace(segundo_nombre, ' ', ''))),
			length(rtrim(rtrim(rtrim(segundo_nombre, replace(segundo_nombre, ' ', ''))),
			replace(rtrim(rtrim(segundo_nombre, replace(segundo_nombre, ' ', ''))), ' ', '')))
			+ 1) END,
	segundo_apellido = CASE
		WHEN strpos(segundo_nombre, ' ') = 0 THEN ''
		ELSE substr(segundo_nombre, length(rtrim(segundo_nombre,
			replace(segundo_nombre, ' ', ''))) + 1) END,
	segundo_nombre = CASE
		WHEN length(segundo_nombre) - length(replace(segundo_nombre, ' ', '')) < 2 THEN ''
		ELSE rtrim(rtrim(rtrim(rtrim(segundo_nombre, replace(segundo_nombre, ' ', ''))),
			replace(rtrim(rtrim(segundo_nombre, replace(segundo_nombre, ' ', ''))), ' ', '')))
		END
	WHERE primer_apellido IS NULL AND primer_nombre IS NOT NULL;
-- Anything still NULL (none expected) reads as empty.
UPDATE usuario SET segundo_nombre = coalesce(segundo_nombre, ''),
	primer_apellido = coalesce(primer_apellido, ''),
	segundo_apellido = coalesce(segundo_apellido, '')
	WHERE segundo_nombre IS NULL OR primer_apellido IS NULL OR segundo_apellido IS NULL;

-- New accounts inserted with `nombre` only get their parts by the same three steps.
CREATE FUNCTION usuario_nombre_partes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE usuario SET segundo_nombre = trim(replace(replace(replace(replace(replace(nombre,
		chr(9), ' '), '    ', ' '), '   ', ' '), '  ', ' '), '  ', ' '))
		WHERE id = NEW.id;
	UPDATE usuario SET primer_nombre = substr(segundo_nombre, 1,
		strpos(segundo_nombre || ' ', ' ') - 1),
		segundo_nombre = ltrim(substr(segundo_nombre, strpos(segundo_nombre || ' ', ' ')))
		WHERE id = NEW.id;
	UPDATE usuario SET
		primer_apellido = CASE
			WHEN segundo_nombre = '' THEN ''
			WHEN strpos(segundo_nombre, ' ') = 0 THEN segundo_nombre
			ELSE substr(rtrim(rtrim(segundo_nombre, replace(segundo_nombre, ' ', ''))),
				length(rtrim(rtrim(rtrim(segundo_nombre, replace(segundo_nombre, ' ',
				''))), replace(rtrim(rtrim(segundo_nombre, replace(segundo_nombre, ' ',
				''))), ' ', ''))) + 1) END,
		segundo_apellido = CASE
			WHEN strpos(segundo_nombre, ' ') = 0 THEN ''
			ELSE substr(segundo_nombre, length(rtrim(segundo_nombre,
				replace(segundo_nombre, ' ', ''))) + 1) END,
		segundo_nombre = CASE
			WHEN length(segundo_nombre) - length(replace(segundo_nombre, ' ', '')) < 2
			THEN ''
			ELSE rtrim(rtrim(rtrim(rtrim(segundo_nombre, replace(segundo_nombre, ' ',
				''))), replace(rtrim(rtrim(segundo_nombre, replace(segundo_nombre, ' ',
				''))), ' ', ''))) END
		WHERE id = NEW.id;
	RETURN NULL;
END $$;
CREATE TRIGGER usuario_nombre_partes AFTER INSERT ON usuario
	FOR EACH ROW WHEN (NEW.primer_nombre IS NULL) EXECUTE FUNCTION usuario_nombre_partes();

-- "¿Olvidó su usuario?" finds accounts by e-mail (either case) or by document number.
CREATE INDEX usuario_correo ON usuario(lower(correo));
CREATE INDEX usuario_num_doc ON usuario(num_doc);

-- rol_autorizable.nombre is no longer read: every page and mail names a role through one
-- table of labels (cgi/core/roles.c, rol_etiqueta), so a label is written in one place.
