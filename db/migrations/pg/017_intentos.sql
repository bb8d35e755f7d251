-- PostgreSQL twin of ../017_intentos.sql.
-- Failed logins (issue 11 §6), replacing login_fallo. A login is throttled per login AND
-- client address, so nobody else's failures lock the owner out from another address; per
-- address overall; and per login overall by consecutive failures up to a hard lock that
-- only an administrator lifts. `tipo` is 'login' (the portal's logins) or 'ap' (the
-- usernames of the AP's POST /token). cgi/cuentas/intento.c.

-- Failures within the current 15-minute window: one row per (login, address) and one per
-- address (clave ''). A row whose window has passed says nothing and is purged.
CREATE TABLE intento (
	tipo	text NOT NULL CHECK (tipo IN ('login', 'ap')),
	clave	text NOT NULL,	-- the login in lower case, or the AP username; '' for the address
	ip	text NOT NULL,	-- the client's address
	login	text NOT NULL,	-- the login as typed at its last failure ('' for the address)
	fallos	bigint NOT NULL,
	desde	bigint NOT NULL,	-- the window's start (reset when fallos reaches the limit)
	PRIMARY KEY (tipo, clave, ip)
);
CREATE INDEX intento_desde ON intento(desde);

-- Consecutive failures of a login since its last success, from any address: at 100 the login
-- is refused until an administrator lifts it (/admin/bloqueos). `cuenta` says whether the
-- login named an account (a user, an AP) at its last failure: the rows of logins without
-- one are capped (cgi/cuentas/intento.c INTENTO_SIN_CUENTA_MAX), the oldest forgotten first.
CREATE TABLE intento_seguido (
	tipo	text NOT NULL CHECK (tipo IN ('login', 'ap')),
	clave	text NOT NULL,
	login	text NOT NULL,	-- as typed at its last failure
	fallos	bigint NOT NULL,
	ultimo	bigint NOT NULL,	-- time of the last failure
	cuenta	bigint NOT NULL CHECK (cuenta IN (0, 1)),
	PRIMARY KEY (tipo, clave)
);
CREATE INDEX intento_seguido_sin_cuenta ON intento_seguido(ultimo) WHERE cuenta = 0;

DROP TABLE login_fallo;
