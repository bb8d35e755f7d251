/*
 * The statements of accounts (cgi/cuentas/): users, roles, authorized people, invitations,
 * delegates, two-step verification, throttles, links. Each is prepared once per worker
 * (db_stmt(), cgi/core/db.h); their names are in cgi/core/sql.h. Placeholders are
 * positional: the comment names them in order, then the columns a query returns.
 */
#include "core/sql.h"

/* Whether assignment o ties its entity to the person: it is not a mere invitation the
 * person never accepted (one the entity sent to an account it created itself counts). */
#define ROL_VINCULA(o) "(NOT EXISTS (SELECT 1 FROM invitacion vi WHERE vi.rol_id = " o ".id) " \
	"OR EXISTS (SELECT 1 FROM invitacion vi WHERE vi.rol_id = " o ".id " \
	"AND (vi.estado = 'aceptada' OR vi.cuenta_nueva = 1)))"

/* The latest invitation of assignment r (NULL columns when it has none), as alias i. */
#define ULTIMA_INVITACION "LEFT JOIN invitacion i ON i.id = (SELECT max(id) FROM invitacion " \
	"WHERE rol_id = r.id) "

/* The columns of one invitation with its authorization (see ST_INVITACION_BY_TOKEN). */
#define INVITACION_Q "SELECT i.id, i.estado, i.expira, i.cuenta_nueva, r.id, r.usuario_id, " \
	"r.rol, e.id, e.nit, e.razon_social, coalesce(p.nombre, ''), " \
	"coalesce(s.nombre, ''), coalesce(s.municipio, ''), d.nombre, d.correo, i.creada, " \
	"i.tipo_doc, i.num_doc FROM invitacion i JOIN rol_asignado r ON r.id = i.rol_id " \
	"JOIN entidad e ON e.id = r.entidad_id JOIN usuario d ON d.id = i.invito " \
	"LEFT JOIN perfil p ON p.id = r.perfil_id LEFT JOIN sede s ON s.id = r.sede_id "

const char *const cuentas_sql[ST__MAX] = {
	/* login -> id, login, pass_hash, activo, aprobacion
	 * (columns: enum usuario_by_login_col) */
	[ST_USUARIO_BY_LOGIN] = "SELECT id, login, pass_hash, activo, aprobacion FROM usuario "
	    "WHERE login = ?",
	/* pass_hash, id */
	[ST_USUARIO_SET_HASH] = "UPDATE usuario SET pass_hash = ? WHERE id = ?",
	/* id -> login, num_doc, pass_hash, nombre, correo, activo (cuentas_usuario_get) */
	[ST_USUARIO_BY_ID] = "SELECT login, num_doc, pass_hash, nombre, correo, activo "
	    "FROM usuario WHERE id = ?",
	/* login, correo -> id, nombre, correo, login of the active account with that login
	 * and e-mail (either case) */
	[ST_USUARIO_BY_LOGIN_CORREO] = "SELECT id, nombre, correo, login FROM usuario WHERE login = ? "
	    "AND lower(correo) = lower(?) AND activo = 1 AND coalesce(aprobacion, '') <> 'rechazada'",
	/* correo -> the active accounts with that e-mail (either case), not rejected: id,
	 * login, correo ("¿Olvidó su usuario?") */
	[ST_USUARIOS_OLVIDO_CORREO] = "SELECT id, login, correo FROM usuario "
	    "WHERE lower(correo) = lower(?) AND activo = 1 "
	    "AND coalesce(aprobacion, '') <> 'rechazada' ORDER BY login LIMIT 20",
	/* num_doc -> the active accounts of that document number (any document type, or a
	 * login "<tipo><número>" of an account without it), not rejected: id, login, correo,
	 * by e-mail */
	[ST_USUARIOS_OLVIDO_DOC] = "SELECT id, login, correo FROM usuario "
	    "WHERE (num_doc = ?1 OR login IN ('CC' || ?1, 'CE' || ?1, 'PA' || ?1, 'PE' || ?1, "
	    "'PT' || ?1)) AND activo = 1 AND coalesce(aprobacion, '') <> 'rechazada' "
	    "ORDER BY lower(correo), login LIMIT 20",
	/* id: a self-registered staff account waits for an administrator */
	[ST_USUARIO_SET_APROBACION_INICIAL] = "UPDATE usuario SET aprobacion = 'pendiente' "
	    "WHERE id = ?",
	/* entidad_id, rol -> 1 when an active delegate holds the role in the entity */
	[ST_DELEGADO_EXISTE] = "SELECT EXISTS (SELECT 1 FROM rol_asignado "
	    "WHERE entidad_id = ? AND rol = ? AND activo = 1)",

	/* Delegate registrations waiting for a funcionario MSPS (014, cgi/cuentas/delegados.c). */
	/* nit, rol -> 1 when a request for that entity and module waits */
	[ST_DELEGADO_SOL_PENDIENTE] = "SELECT EXISTS (SELECT 1 FROM solicitud_delegado "
	    "WHERE nit = ? AND rol = ? AND estado = 'pendiente')",
	/* usuario_id, nit, tipo, rol, entidad_id (NULL: unknown), razon_social (NULL: known
	 * entity), creada, ip, carta_nombre, carta */
	[ST_DELEGADO_SOL_INSERT] = "INSERT INTO solicitud_delegado(usuario_id, nit, tipo, rol, "
	    "entidad_id, razon_social, creada, ip, carta_nombre, carta) "
	    "VALUES (?,?,?,?,NULLIF(?, 0),?,?,?,?,?)",
	/* usuario_id -> the person's latest request: id, estado, rol, tipo, creada, decidida,
	 * motivo */
	[ST_DELEGADO_SOL_ULTIMA] = "SELECT id, estado, rol, tipo, creada, decidida, motivo "
	    "FROM solicitud_delegado WHERE usuario_id = ? ORDER BY id DESC LIMIT 1",
	/* -> how many requests wait */
	[ST_DELEGADO_SOL_COUNT] = "SELECT count(*) FROM solicitud_delegado "
	    "WHERE estado = 'pendiente'",
	/* limit, offset -> a page of the waiting requests, oldest first: id, nit, tipo, rol,
	 * razón social (the entity's, else the one typed), whether the entity is new, the
	 * person's tipo_doc, num_doc, correo, creada, the letter's size, primer nombre,
	 * segundo nombre, primer apellido, segundo apellido */
	[ST_DELEGADO_SOL_PAGE] = "SELECT d.id, d.nit, d.tipo, d.rol, "
	    "coalesce(e.razon_social, d.razon_social, ''), e.id IS NULL, "
	    "coalesce(u.tipo_doc, ''), coalesce(u.num_doc, ''), u.correo, d.creada, "
	    "length(d.carta), " PERSONA_NOMBRES("u") " FROM solicitud_delegado d JOIN usuario u ON u.id = d.usuario_id "
	    "LEFT JOIN entidad e ON e.nit = d.nit WHERE d.estado = 'pendiente' "
	    "ORDER BY d.creada, d.id LIMIT ? OFFSET ?",
	/* id -> the request with its person and entity (columns in the order of struct
	 * delegado_sol, cgi/cuentas/delegados.c) */
	[ST_DELEGADO_SOL_GET] = "SELECT d.id, d.usuario_id, u.login, u.nombre, "
	    "coalesce(u.tipo_doc, ''), coalesce(u.num_doc, ''), u.correo, d.nit, d.tipo, d.rol, "
	    "coalesce(e.id, 0), e.tipo, coalesce(e.razon_social, d.razon_social, ''), d.estado, "
	    "d.creada, d.ip, d.decidida, v.login, d.motivo, d.carta_nombre, "
	    "coalesce(length(d.carta), 0), " PERSONA_NOMBRES("u") " FROM solicitud_delegado d "
	    "JOIN usuario u ON u.id = d.usuario_id LEFT JOIN entidad e ON e.nit = d.nit "
	    "LEFT JOIN usuario v ON v.id = d.decidio_id WHERE d.id = ?",
	/* id -> carta_nombre, carta */
	[ST_DELEGADO_SOL_CARTA] = "SELECT carta_nombre, carta FROM solicitud_delegado "
	    "WHERE id = ? AND carta IS NOT NULL",
	/* estado, decidida, decidio_id, motivo, id: only from 'pendiente' (0 rows: decided
	 * meanwhile, by another official or a second click) */
	[ST_DELEGADO_SOL_DECIDIR] = "UPDATE solicitud_delegado SET estado = ?, decidida = ?, "
	    "decidio_id = ?, motivo = ? WHERE id = ? AND estado = 'pendiente'",
	/* entidad_id, id: the entity the approval gave the role in */
	[ST_DELEGADO_SOL_ENTIDAD] = "UPDATE solicitud_delegado SET entidad_id = ? WHERE id = ?",
	/* login -> id of a registrant whose latest delegate request was rejected and who holds
	 * no role anywhere: the login may be registered again */
	[ST_USUARIO_RECHAZADO_BY_LOGIN] = "SELECT u.id FROM usuario u WHERE u.login = ? "
	    "AND NOT EXISTS (SELECT 1 FROM rol_asignado r WHERE r.usuario_id = u.id) "
	    "AND (SELECT d.estado FROM solicitud_delegado d WHERE d.usuario_id = u.id "
	    "ORDER BY d.id DESC LIMIT 1) = 'rechazada'",
	/* nombre, primer_nombre, segundo_nombre, primer_apellido, segundo_apellido, correo,
	 * tipo_doc, num_doc, id: the rejected registrant's login goes to the new registrant,
	 * without the old password */
	[ST_USUARIO_REUSAR] = "UPDATE usuario SET nombre = ?, primer_nombre = ?, "
	    "segundo_nombre = ?, primer_apellido = ?, segundo_apellido = ?, correo = ?, "
	    "tipo_doc = ?, num_doc = ?, pass_hash = NULL, activo = 1 WHERE id = ?",
	/* entidad_id -> how many active people hold a role in the entity */
	[ST_ENTIDAD_PERSONAS] = "SELECT count(DISTINCT r.usuario_id) FROM rol_asignado r "
	    "JOIN usuario u ON u.id = r.usuario_id WHERE r.entidad_id = ? AND r.activo = 1 "
	    "AND u.activo = 1",
	/* id, usuario_id -> rol, when the assignment is that user's and active */
	[ST_ROL_DEL_USUARIO] = "SELECT rol FROM rol_asignado "
	    "WHERE id = ? AND usuario_id = ? AND activo = 1",

	/* entidad_id, nombre, municipio */
	[ST_SEDE_INSERT] = "INSERT INTO sede(entidad_id, nombre, municipio) VALUES (?,?,?)",
	/* entidad_id -> the entity's sedes: id, nombre, municipio */
	[ST_SEDES_BY_ENTIDAD] = "SELECT id, nombre, municipio FROM sede WHERE entidad_id = ? "
	    "ORDER BY nombre",
	/* id, entidad_id -> 1 when the sede is the entity's */
	[ST_SEDE_DE_ENTIDAD] = "SELECT EXISTS (SELECT 1 FROM sede WHERE id = ? AND entidad_id = ?)",
	/* entidad_id -> the roles the entity may authorize, in order (labels: rol_etiqueta) */
	[ST_ROLES_AUTORIZABLES] = "SELECT a.rol FROM rol_autorizable a "
	    "JOIN entidad e ON e.tipo = a.tipo_entidad WHERE e.id = ? ORDER BY a.orden",
	/* rol, entidad_id -> 1 when the entity may authorize the role */
	[ST_ROL_AUTORIZABLE] = "SELECT EXISTS (SELECT 1 FROM rol_autorizable a "
	    "JOIN entidad e ON e.tipo = a.tipo_entidad WHERE a.rol = ? AND e.id = ?)",
	/* entidad_id, rol ('' for every role) -> perfiles: id, nombre, rol */
	[ST_PERFILES] = "SELECT p.id, p.nombre, p.rol FROM perfil p "
	    "JOIN rol_autorizable a ON a.rol = p.rol "
	    "JOIN entidad e ON e.tipo = a.tipo_entidad WHERE e.id = ?1 AND (?2 = '' OR p.rol = ?2) "
	    "ORDER BY a.orden, p.id",
	/* id, rol -> 1 when the perfil belongs to the role */
	[ST_PERFIL_DE_ROL] = "SELECT EXISTS (SELECT 1 FROM perfil WHERE id = ? AND rol = ?)",

	/* entidad_id, now -> the entity's authorized people: assignment id, tipo_doc, num_doc,
	 * primer nombre, segundo nombre, primer apellido, segundo apellido, rol, perfil, sede,
	 * activo, state ('activo', 'pendiente', 'vencida', 'rechazada', 'inactivo'), whether the
	 * person accepted it (no invitation, or the latest accepted: Reactivar may apply). Until
	 * the person accepts, the person's columns are what the delegate typed, never the
	 * account's. A principal delegate's row has no perfil or sede: '' (the page says so). */
	[ST_AUTORIZADOS_BY_ENTIDAD] = "SELECT r.id, CASE WHEN i.estado <> 'aceptada' "
	    "THEN i.tipo_doc ELSE coalesce(u.tipo_doc, '') END, CASE WHEN i.estado <> 'aceptada' "
	    "THEN i.num_doc ELSE coalesce(u.num_doc, '') END, CASE WHEN i.estado <> 'aceptada' "
	    "THEN i.primer_nombre ELSE coalesce(u.primer_nombre, u.nombre) END, "
	    "CASE WHEN i.estado <> 'aceptada' THEN i.segundo_nombre "
	    "ELSE coalesce(u.segundo_nombre, '') END, "
	    "CASE WHEN i.estado <> 'aceptada' THEN i.primer_apellido "
	    "ELSE coalesce(u.primer_apellido, '') END, "
	    "CASE WHEN i.estado <> 'aceptada' THEN i.segundo_apellido "
	    "ELSE coalesce(u.segundo_apellido, '') END, r.rol, "
	    "coalesce(p.nombre, ''), coalesce(s.nombre, ''), r.activo, CASE WHEN r.activo = 1 "
	    "THEN 'activo' WHEN i.estado = 'pendiente' AND i.expira > ?2 THEN 'pendiente' "
	    "WHEN i.estado = 'pendiente' THEN 'vencida' WHEN i.estado = 'rechazada' "
	    "THEN 'rechazada' ELSE 'inactivo' END, coalesce(i.estado, 'aceptada') = 'aceptada' "
	    "FROM rol_asignado r JOIN usuario u ON u.id = r.usuario_id " ULTIMA_INVITACION
	    "LEFT JOIN perfil p ON p.id = r.perfil_id LEFT JOIN sede s ON s.id = r.sede_id "
	    "WHERE r.entidad_id = ?1 ORDER BY r.activo DESC, r.id",
	/* id, entidad_id -> one assignment of the entity with its person: usuario_id, rol,
	 * perfil_id, sede_id, activo, tipo_doc, num_doc, sexo, correo, primer_nombre,
	 * segundo_nombre, primer_apellido, segundo_apellido, nombre, and whether the entity
	 * may change the person's data (as ST_USUARIO_EDITABLE: no password yet, not
	 * a staff account waiting for approval, tied to this entity and to no other) */
	[ST_AUTORIZADO_BY_ID] = "SELECT r.usuario_id, r.rol, r.perfil_id, r.sede_id, r.activo, "
	    "u.tipo_doc, u.num_doc, u.sexo, u.correo, u.primer_nombre, u.segundo_nombre, "
	    "u.primer_apellido, u.segundo_apellido, u.nombre, "
	    "u.pass_hash IS NULL AND u.aprobacion IS NULL AND " ROL_VINCULA("r") " AND "
	    "NOT EXISTS (SELECT 1 FROM rol_asignado o WHERE o.usuario_id = u.id "
	    "AND o.entidad_id <> r.entidad_id AND " ROL_VINCULA("o") ") "
	    "FROM rol_asignado r JOIN usuario u ON u.id = r.usuario_id "
	    "WHERE r.id = ? AND r.entidad_id = ?",
	/* tipo_doc, num_doc -> the person's user: id, correo, nombre, login, whether the
	 * password is still unset (also found by a login "<tipo><número>") */
	[ST_USUARIO_BY_DOC] = "SELECT id, correo, nombre, login, pass_hash IS NULL FROM usuario "
	    "WHERE (tipo_doc = ?1 AND num_doc = ?2) OR login = ?1 || ?2 ORDER BY id LIMIT 1",
	/* usuario_id, entidad_id -> 1 when the entity may change the person's data: it created
	 * them (tied to this entity, to none other: ROL_VINCULA), they have no password yet and
	 * are not a staff account waiting for approval; anyone else's e-mail is never this
	 * entity's to change (an invitation the person never accepted ties nobody) */
	[ST_USUARIO_EDITABLE] = "SELECT pass_hash IS NULL AND aprobacion IS NULL "
	    "AND EXISTS (SELECT 1 FROM rol_asignado r WHERE r.usuario_id = ?1 "
	    "AND r.entidad_id = ?2 AND " ROL_VINCULA("r") ") "
	    "AND NOT EXISTS (SELECT 1 FROM rol_asignado o WHERE o.usuario_id = ?1 "
	    "AND o.entidad_id <> ?2 AND " ROL_VINCULA("o") ") FROM usuario WHERE id = ?1",
	/* nombre, correo, sexo, primer_nombre, segundo_nombre, primer_apellido,
	 * segundo_apellido, id */
	[ST_USUARIO_UPDATE_PERSONA] = "UPDATE usuario SET nombre = ?, correo = ?, sexo = ?, "
	    "primer_nombre = ?, segundo_nombre = ?, primer_apellido = ?, segundo_apellido = ? "
	    "WHERE id = ?",
	/* usuario_id, entidad_id, rol -> the assignment: id, activo */
	[ST_ROL_ASIGNADO_GET] = "SELECT id, activo FROM rol_asignado "
	    "WHERE usuario_id = ? AND entidad_id = ? AND rol = ?",
	/* usuario_id, entidad_id, rol, perfil_id, sede_id, asignado_por, actualizado */
	[ST_AUTORIZADO_INSERT] = "INSERT INTO rol_asignado(usuario_id, entidad_id, rol, "
	    "perfil_id, sede_id, asignado_por, actualizado) VALUES (?,?,?,?,?,?,?)",
	/* usuario_id, entidad_id, rol, perfil_id, sede_id, asignado_por, actualizado: an
	 * authorization waiting for the person's acceptance (inactive) */
	[ST_AUTORIZADO_INSERT_INVITADO] = "INSERT INTO rol_asignado(usuario_id, entidad_id, rol, "
	    "perfil_id, sede_id, asignado_por, actualizado, activo) VALUES (?,?,?,?,?,?,?,0)",
	/* perfil_id, sede_id, asignado_por, actualizado, id, entidad_id: an inactive
	 * authorization invited again (it stays inactive until accepted) */
	[ST_AUTORIZADO_REINVITAR] = "UPDATE rol_asignado SET perfil_id = ?, sede_id = ?, "
	    "asignado_por = ?, actualizado = ? WHERE id = ? AND entidad_id = ? AND activo = 0",
	/* actualizado, id: the invited person accepted (0 rows when it was active already) */
	[ST_AUTORIZADO_ACEPTAR] = "UPDATE rol_asignado SET activo = 1, actualizado = ? "
	    "WHERE id = ? AND activo = 0",

	/* rol_id, token_hash, cuenta_nueva, tipo_doc, num_doc, sexo, correo, primer_nombre,
	 * segundo_nombre, primer_apellido, segundo_apellido, invito, creada, expira */
	[ST_INVITACION_INSERT] = "INSERT INTO invitacion(rol_id, token_hash, cuenta_nueva, "
	    "tipo_doc, num_doc, sexo, correo, primer_nombre, segundo_nombre, primer_apellido, "
	    "segundo_apellido, invito, creada, expira) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	/* rol_id -> the assignment's latest invitation: id, estado, expira, cuenta_nueva,
	 * tipo_doc, num_doc, sexo, correo, primer_nombre, segundo_nombre, primer_apellido,
	 * segundo_apellido */
	[ST_INVITACION_ULTIMA] = "SELECT id, estado, expira, cuenta_nueva, tipo_doc, num_doc, "
	    "sexo, correo, primer_nombre, segundo_nombre, primer_apellido, segundo_apellido "
	    "FROM invitacion WHERE rol_id = ? ORDER BY id DESC LIMIT 1",
	/* respondida, rol_id: the assignment's waiting invitation is voided */
	[ST_INVITACION_ANULAR] = "UPDATE invitacion SET estado = 'anulada', respondida = ? "
	    "WHERE rol_id = ? AND estado = 'pendiente'",
	/* sexo, correo, primer_nombre, segundo_nombre, primer_apellido, segundo_apellido, id:
	 * what the delegate typed, corrected (the account is not touched) */
	[ST_INVITACION_UPDATE_PERSONA] = "UPDATE invitacion SET sexo = ?, correo = ?, "
	    "primer_nombre = ?, segundo_nombre = ?, primer_apellido = ?, segundo_apellido = ? "
	    "WHERE id = ?",
	/* token_hash -> INVITACION_Q's columns: id, estado, expira, cuenta_nueva, rol_id,
	 * usuario_id, rol, entidad_id, nit, razon_social, role's name, perfil, sede, municipio,
	 * inviter's nombre and correo, creada, typed tipo_doc and num_doc */
	[ST_INVITACION_BY_TOKEN] = INVITACION_Q "WHERE i.token_hash = ?",
	/* id -> the same columns */
	[ST_INVITACION_BY_ID] = INVITACION_Q "WHERE i.id = ?",
	/* estado, respondida (now), id: answers a waiting invitation that has not expired
	 * (0 rows: answered, voided or expired meanwhile) */
	[ST_INVITACION_RESPONDER] = "UPDATE invitacion SET estado = ?1, respondida = ?2 "
	    "WHERE id = ?3 AND estado = 'pendiente' AND expira > ?2",
	/* usuario_id, now -> the user's waiting invitations: id, rol_id, nit, razon_social,
	 * rol, perfil, sede, expira, cuenta_nueva; oldest first */
	[ST_INVITACIONES_DEL_USUARIO] = "SELECT i.id, r.id, e.nit, e.razon_social, "
	    "r.rol, coalesce(p.nombre, ''), coalesce(s.nombre, ''), i.expira, "
	    "i.cuenta_nueva FROM invitacion i JOIN rol_asignado r ON r.id = i.rol_id "
	    "JOIN entidad e ON e.id = r.entidad_id "
	    "LEFT JOIN perfil p ON p.id = r.perfil_id LEFT JOIN sede s ON s.id = r.sede_id "
	    "WHERE r.usuario_id = ?1 AND i.estado = 'pendiente' AND i.expira > ?2 ORDER BY i.id",
	/* perfil_id, sede_id, actualizado, id, entidad_id */
	[ST_AUTORIZADO_UPDATE] = "UPDATE rol_asignado SET perfil_id = ?, sede_id = ?, "
	    "actualizado = ? WHERE id = ? AND entidad_id = ?",
	/* actualizado, id, entidad_id: 0 rows when it was active already */
	[ST_AUTORIZADO_REACTIVAR] = "UPDATE rol_asignado SET activo = 1, actualizado = ? "
	    "WHERE id = ? AND entidad_id = ? AND activo = 0",
	/* actualizado, id, entidad_id: 0 rows when it was not active */
	[ST_AUTORIZADO_INACTIVAR] = "UPDATE rol_asignado SET activo = 0, actualizado = ? "
	    "WHERE id = ? AND entidad_id = ? AND activo = 1",
	/* rol_id: every session in that role assignment ends */
	[ST_SESION_DELETE_BY_ROL] = "DELETE FROM sesion WHERE rol_id = ?",
	/* usuario_id: every session of the user */
	[ST_SESION_DELETE_USUARIO] = "DELETE FROM sesion WHERE usuario_id = ?",
	/* usuario_id, id_hash: every session of the user but that one */
	[ST_SESION_DELETE_OTRAS] = "DELETE FROM sesion WHERE usuario_id = ? AND id_hash <> ?",

	/* usuario_id -> secreto, activo, ultimo_paso, activado */
	[ST_TOTP_GET] = "SELECT secreto, activo, ultimo_paso, activado FROM totp WHERE usuario_id = ?",
	/* usuario_id, secreto, creado: a new secret to enroll, unless one is active */
	[ST_TOTP_PENDIENTE] = "INSERT INTO totp(usuario_id, secreto, activo, creado) "
	    "VALUES (?1, ?2, 0, ?3) ON CONFLICT(usuario_id) DO UPDATE SET secreto = ?2, "
	    "creado = ?3 WHERE totp.activo = 0",
	/* activado, ultimo_paso, usuario_id: the pending secret becomes the user's factor */
	[ST_TOTP_ACTIVAR] = "UPDATE totp SET activo = 1, activado = ?, ultimo_paso = ? "
	    "WHERE usuario_id = ? AND activo = 0",
	/* paso, usuario_id, paso: records an accepted step only when it is after the last
	 * one (0 rows: the code was used already, maybe by a concurrent request) */
	[ST_TOTP_PASO] = "UPDATE totp SET ultimo_paso = ?1 WHERE usuario_id = ?2 AND activo = 1 "
	    "AND (ultimo_paso IS NULL OR ultimo_paso < ?3)",
	/* usuario_id */
	[ST_TOTP_DELETE] = "DELETE FROM totp WHERE usuario_id = ?",
	/* -> users with an active factor: id, login, nombre, activado, recovery codes left */
	[ST_TOTP_LIST] = "SELECT u.id, u.login, t.activado, (SELECT count(*) FROM "
	    "totp_recuperacion c WHERE c.usuario_id = u.id AND c.usado IS NULL), "
	    PERSONA_NOMBRES("u") " FROM totp t "
	    "JOIN usuario u ON u.id = t.usuario_id WHERE t.activo = 1 ORDER BY u.login",
	/* usuario_id -> login of a user with an active factor */
	[ST_TOTP_LOGIN] = "SELECT u.login FROM totp t JOIN usuario u ON u.id = t.usuario_id "
	    "WHERE t.usuario_id = ? AND t.activo = 1",
	/* usuario_id -> 1 when the user holds an active ministry staff role */
	[ST_USUARIO_ES_MINISTERIO] = "SELECT EXISTS (SELECT 1 FROM rol_asignado WHERE "
	    "usuario_id = ? AND activo = 1 AND rol IN ('Rol_IHCE_MSPS', 'Administrador_MSPS'))",
	/* usuario_id, codigo_hash */
	[ST_RECUP_INSERT] = "INSERT INTO totp_recuperacion(usuario_id, codigo_hash) VALUES (?,?)",
	/* usuario_id */
	[ST_RECUP_DELETE] = "DELETE FROM totp_recuperacion WHERE usuario_id = ?",
	/* usado, usuario_id, codigo_hash: spends an unused code (0 rows: unknown or spent) */
	[ST_RECUP_USAR] = "UPDATE totp_recuperacion SET usado = ? WHERE usuario_id = ? "
	    "AND codigo_hash = ? AND usado IS NULL",
	/* usuario_id -> unused recovery codes */
	[ST_RECUP_RESTANTES] = "SELECT count(*) FROM totp_recuperacion WHERE usuario_id = ? "
	    "AND usado IS NULL",

	/* Failed logins (cgi/cuentas/intento.c; tipo 'login' or 'ap', clave the login in lower case or
	 * the AP username, '' for an address's own count). */
	/* tipo, clave, ip, window start -> failures of (login, address) and of the address
	 * within the window, consecutive failures of the login */
	[ST_INTENTO_ESTADO] = "SELECT coalesce((SELECT fallos FROM intento WHERE tipo = ?1 AND "
	    "clave = ?2 AND ip = ?3 AND desde >= ?4), 0), coalesce((SELECT fallos FROM intento "
	    "WHERE tipo = ?1 AND clave = '' AND ip = ?3 AND desde >= ?4), 0), "
	    "coalesce((SELECT fallos FROM intento_seguido WHERE tipo = ?1 AND clave = ?2), 0)",
	/* tipo, clave, ip, login, now, window start, max: a failure older than the window
	 * restarts the count; the failure that reaches max restarts the window, so the lock
	 * lasts a whole window */
	[ST_INTENTO_SUMAR] = "INSERT INTO intento(tipo, clave, ip, login, fallos, desde) "
	    "VALUES (?1, ?2, ?3, ?4, 1, ?5) ON CONFLICT(tipo, clave, ip) DO UPDATE SET "
	    "login = excluded.login, fallos = CASE WHEN intento.desde < ?6 THEN 1 "
	    "ELSE intento.fallos + 1 END, desde = CASE WHEN intento.desde < ?6 OR "
	    "intento.fallos + 1 >= ?7 THEN ?5 ELSE intento.desde END",
	/* tipo, clave, login, now -> fallos, cuenta: one consecutive failure more; cuenta
	 * whether clave names a user (tipo login) or an AP (tipo ap) */
	[ST_INTENTO_SEGUIDO_SUMAR] = "INSERT INTO intento_seguido(tipo, clave, login, fallos, "
	    "ultimo, cuenta) VALUES (?1, ?2, ?3, 1, ?4, CAST(CASE ?1 WHEN 'login' THEN EXISTS "
	    "(SELECT 1 FROM usuario WHERE login = ?2) ELSE EXISTS (SELECT 1 FROM entidad WHERE "
	    "nit = ?2 AND tipo = 'AP') END AS INTEGER)) ON CONFLICT(tipo, clave) DO UPDATE SET "
	    "login = excluded.login, fallos = intento_seguido.fallos + 1, "
	    "ultimo = excluded.ultimo, cuenta = excluded.cuenta "
	    "RETURNING fallos, cuenta",
	/* tipo, clave, ip: gives back one reserved attempt that was not a failure */
	[ST_INTENTO_RESTAR] = "UPDATE intento SET fallos = fallos - 1 WHERE tipo = ? AND "
	    "clave = ? AND ip = ? AND fallos > 0",
	/* tipo, clave */
	[ST_INTENTO_SEGUIDO_RESTAR] = "UPDATE intento_seguido SET fallos = fallos - 1 WHERE "
	    "tipo = ? AND clave = ? AND fallos > 0",
	/* tipo, clave, ip */
	[ST_INTENTO_BORRAR] = "DELETE FROM intento WHERE tipo = ? AND clave = ? AND ip = ?",
	/* tipo, clave */
	[ST_INTENTO_SEGUIDO_BORRAR] = "DELETE FROM intento_seguido WHERE tipo = ? AND clave = ?",
	/* window start: the rows whose window has passed */
	[ST_INTENTO_PURGAR] = "DELETE FROM intento WHERE desde < ?",
	/* max: forgets the logins without an account beyond the max most recent */
	[ST_INTENTO_SEGUIDO_PURGAR] = "DELETE FROM intento_seguido WHERE cuenta = 0 AND "
	    "ultimo <= (SELECT ultimo FROM intento_seguido WHERE cuenta = 0 ORDER BY ultimo DESC "
	    "LIMIT 1 OFFSET ?)",
	/* tipo, clave, max, window start: lifts the login's (login, address) locks in force */
	[ST_INTENTO_DESBLOQUEAR] = "DELETE FROM intento WHERE tipo = ? AND clave = ? AND "
	    "clave <> '' AND fallos >= ? AND desde >= ?",
	/* tipo, clave, max: lifts the login's hard lock */
	[ST_INTENTO_SEGUIDO_DESBLOQUEAR] = "DELETE FROM intento_seguido WHERE tipo = ? AND "
	    "clave = ? AND fallos >= ?",

	/* token_hash, usuario_id, proposito, creado, expira */
	[ST_ENLACE_INSERT] = "INSERT INTO enlace_clave(token_hash, usuario_id, proposito, creado, "
	    "expira) VALUES (?,?,?,?,?)",
	/* usado, usuario_id: the user's earlier links stop working */
	[ST_ENLACE_ANULAR] = "UPDATE enlace_clave SET usado = ? WHERE usuario_id = ? AND usado IS NULL",
	/* token_hash -> id, usuario_id, proposito, expira, usado */
	[ST_ENLACE_GET] = "SELECT id, usuario_id, proposito, expira, usado FROM enlace_clave "
	    "WHERE token_hash = ?",
	/* usado, id, now: 0 rows when used meanwhile or expired */
	[ST_ENLACE_USAR] = "UPDATE enlace_clave SET usado = ?1 WHERE id = ?2 AND usado IS NULL "
	    "AND expira > ?3",

	/* id_hash, codigo, respuesta, creado */
	[ST_RETO_INSERT] = "INSERT INTO reto(id_hash, codigo, respuesta, creado) VALUES (?,?,?,?)",
	/* id_hash, oldest valid creado -> codigo (for the image) */
	[ST_RETO_CODIGO] = "SELECT codigo FROM reto WHERE id_hash = ? AND creado >= ?",
	/* id_hash -> codigo, respuesta, creado: the challenge is used up by the answer */
	[ST_RETO_TOMAR] = "DELETE FROM reto WHERE id_hash = ? RETURNING codigo, respuesta, creado",
	/* oldest valid creado */
	[ST_RETO_PURGE] = "DELETE FROM reto WHERE creado < ?",
	/* The caps of registration per client address and in total (014). oldest kept ts:
	 * older rows are forgotten */
	[ST_REGISTRO_ENVIO_PURGE] = "DELETE FROM registro_envio WHERE ts < ?",
	/* ip, oldest ts counted -> registrations from that address, and in total */
	[ST_REGISTRO_ENVIO_CUENTA] = "SELECT (SELECT count(*) FROM registro_envio "
	    "WHERE ip = ?1 AND ts >= ?2), (SELECT count(*) FROM registro_envio WHERE ts >= ?2)",
	/* ip, ts */
	[ST_REGISTRO_ENVIO_INSERT] = "INSERT INTO registro_envio(ip, ts) VALUES (?,?)",
};
