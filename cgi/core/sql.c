/*
 * Every SQL statement of the program. Each is prepared once per worker (db_stmt()).
 * Placeholders are positional; the comment names them in order.
 */
#include "core/sql.h"

/* The columns every MIPRES query returns (see ST_MIPRES_Q_FECHA_PROV). */
#define MIPRES_Q "SELECT p.linea_id, p.id, l.no_prescripcion, l.tipo_tec, l.con_tec, " \
	"l.tipo_id_paciente, l.no_id_paciente, l.no_entrega, p.datos, p.fecha, p.estado, " \
	"p.fec_anulacion FROM mipres_paso p JOIN mipres_linea l ON l.id = p.linea_id "

/* The four parts of the name of user u, '' for a missing one. */
#define PERSONA_NOMBRES(u) "coalesce(" u ".primer_nombre, " u ".nombre), " \
	"coalesce(" u ".segundo_nombre, ''), coalesce(" u ".primer_apellido, ''), " \
	"coalesce(" u ".segundo_apellido, '')"

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

const char *const stmts[ST__MAX] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",
	/* A MIPRES step inside the caller's transaction (Cargue masivo's groups of rows):
	 * its own savepoint, kept (RELEASE) or undone (ROLLBACK TO, then RELEASE) */
	[ST_PASO_SAVEPOINT] = "SAVEPOINT paso",
	[ST_PASO_RELEASE] = "RELEASE paso",
	[ST_PASO_ROLLBACK_TO] = "ROLLBACK TO paso",

	/* nit, razon_social, razon_norm, tipo, codigo_habilitacion, creada */
	[ST_ENTIDAD_INSERT] = "INSERT INTO entidad(nit, razon_social, razon_norm, tipo, "
	    "codigo_habilitacion, creada) VALUES (?,?,?,?,?,?)",
	/* nit -> id, razon_social, tipo, codigo_habilitacion */
	[ST_ENTIDAD_BY_NIT] = "SELECT id, razon_social, tipo, codigo_habilitacion "
	    "FROM entidad WHERE nit = ?",

	/* login, nombre, correo, tipo_doc, num_doc, pass_hash, creado */
	[ST_USUARIO_INSERT] = "INSERT INTO usuario(login, nombre, correo, tipo_doc, num_doc, "
	    "pass_hash, creado) VALUES (?,?,?,?,?,?,?)",
	/* login -> id, login, pass_hash, activo, aprobacion */
	[ST_USUARIO_BY_LOGIN] = "SELECT id, login, pass_hash, activo, aprobacion FROM usuario "
	    "WHERE login = ?",
	/* pass_hash, id */
	[ST_USUARIO_SET_HASH] = "UPDATE usuario SET pass_hash = ? WHERE id = ?",
	/* id -> login, num_doc, pass_hash, nombre, correo, activo */
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
	/* aprobacion, activo, id: only from 'pendiente' (0 rows: already decided) */
	[ST_USUARIO_SET_APROBACION] = "UPDATE usuario SET aprobacion = ?, activo = ? "
	    "WHERE id = ? AND aprobacion = 'pendiente'",
	/* id: a self-registered staff account waits for an administrator */
	[ST_USUARIO_SET_APROBACION_INICIAL] = "UPDATE usuario SET aprobacion = 'pendiente' "
	    "WHERE id = ?",
	/* -> accounts waiting for a ministry administrator, oldest first: id, login, correo,
	 * tipo_doc, num_doc, creado, the name's four parts */
	[ST_CUENTAS_PENDIENTES] = "SELECT u.id, u.login, u.correo, u.tipo_doc, u.num_doc, "
	    "u.creado, " PERSONA_NOMBRES("u") " FROM usuario u WHERE u.aprobacion = 'pendiente' "
	    "ORDER BY u.creado, u.id",
	/* id -> login, nombre, correo of a pending account */
	[ST_CUENTA_PENDIENTE_BY_ID] = "SELECT login, nombre, correo FROM usuario "
	    "WHERE id = ? AND aprobacion = 'pendiente'",
	/* -> id of the ministry's entity (tipo MSPS) */
	[ST_ENTIDAD_MSPS] = "SELECT id FROM entidad WHERE tipo = 'MSPS' ORDER BY id LIMIT 1",
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
	/* rol -> correo of active holders of the role, any entity */
	[ST_USUARIOS_CORREO_BY_ROL] = "SELECT DISTINCT u.correo FROM usuario u "
	    "JOIN rol_asignado r ON r.usuario_id = u.id "
	    "WHERE r.rol = ? AND r.activo = 1 AND u.activo = 1",
	/* rol, entidad_id -> correo */
	[ST_USUARIOS_CORREO_BY_ROL_ENTIDAD] = "SELECT DISTINCT u.correo FROM usuario u "
	    "JOIN rol_asignado r ON r.usuario_id = u.id "
	    "WHERE r.rol = ? AND r.entidad_id = ? AND r.activo = 1 AND u.activo = 1",
	/* entidad_id, usuario_id -> correo of the entity's active people (delegates and
	 * autorizados, any role) but that user */
	[ST_USUARIOS_CORREO_BY_ENTIDAD] = "SELECT DISTINCT u.correo FROM usuario u "
	    "JOIN rol_asignado r ON r.usuario_id = u.id "
	    "WHERE r.entidad_id = ? AND u.id <> ? AND r.activo = 1 AND u.activo = 1",
	/* entidad_id -> correo of the entity's active delegates (any securityAdmin_* role) */
	[ST_DELEGADOS_CORREO_BY_ENTIDAD] = "SELECT DISTINCT u.correo FROM usuario u "
	    "JOIN rol_asignado r ON r.usuario_id = u.id WHERE r.entidad_id = ? "
	    "AND r.rol GLOB 'securityAdmin_*' AND r.activo = 1 AND u.activo = 1",

	/* usuario_id, entidad_id, rol */
	[ST_ROL_INSERT] = "INSERT INTO rol_asignado(usuario_id, entidad_id, rol) VALUES (?,?,?)",

	/* usuario_id -> the user's active roles: id, rol, entity nit, razon_social, in order */
	[ST_ROLES_BY_USUARIO] = "SELECT r.id, r.rol, e.nit, e.razon_social FROM rol_asignado r "
	    "JOIN entidad e ON e.id = r.entidad_id WHERE r.usuario_id = ? AND r.activo = 1 "
	    "ORDER BY r.id",
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
	/* login, nombre, correo, tipo_doc, num_doc, sexo, primer_nombre, segundo_nombre,
	 * primer_apellido, segundo_apellido, creado (no password: set by registration) */
	[ST_USUARIO_INSERT_PERSONA] = "INSERT INTO usuario(login, nombre, correo, tipo_doc, "
	    "num_doc, sexo, primer_nombre, segundo_nombre, primer_apellido, segundo_apellido, "
	    "creado) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
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

	/* id_hash, usuario_id, rol_id, csrf, creada, ultimo, ip, elegir, varios_roles, paso,
	 * autenticado */
	[ST_SESION_INSERT] = "INSERT INTO sesion(id_hash, usuario_id, rol_id, csrf, creada, "
	    "ultimo, ip, elegir, varios_roles, paso, autenticado) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
	/* id_hash -> the session with its user, role and entity, and whether its perfil only
	 * consults; a session of a user with no active role (elegir 2: only their invitations
	 * answer) rests on a waiting authorization */
	[ST_SESION_LOAD] = "SELECT s.usuario_id, s.rol_id, s.csrf, s.creada, s.ultimo, "
	    "u.login, u.nombre, r.rol, e.id, e.nit, e.razon_social, e.codigo_habilitacion, "
	    "s.elegir, s.varios_roles, s.paso, s.autenticado, coalesce(p.solo_consulta, 0) "
	    "FROM sesion s JOIN usuario u ON u.id = s.usuario_id "
	    "JOIN rol_asignado r ON r.id = s.rol_id JOIN entidad e ON e.id = r.entidad_id "
	    "LEFT JOIN perfil p ON p.id = r.perfil_id "
	    "WHERE s.id_hash = ? AND u.activo = 1 AND (r.activo = 1 OR s.elegir = 2)",
	/* autenticado, id_hash: the user just gave the password (and code) again */
	[ST_SESION_AUTENTICADO] = "UPDATE sesion SET autenticado = ? WHERE id_hash = ?",
	/* ultimo, id_hash */
	[ST_SESION_TOUCH] = "UPDATE sesion SET ultimo = ? WHERE id_hash = ?",
	/* id_hash */
	[ST_SESION_DELETE] = "DELETE FROM sesion WHERE id_hash = ?",
	/* rol_id: every session in that role assignment ends */
	[ST_SESION_DELETE_BY_ROL] = "DELETE FROM sesion WHERE rol_id = ?",
	/* idle limit, absolute limit: sessions whose ultimo/creada are older */
	[ST_SESION_PURGE] = "DELETE FROM sesion WHERE ultimo < ? OR creada < ?",
	/* usuario_id: every session of the user */
	[ST_SESION_DELETE_USUARIO] = "DELETE FROM sesion WHERE usuario_id = ?",
	/* usuario_id, id_hash: every session of the user but that one */
	[ST_SESION_DELETE_OTRAS] = "DELETE FROM sesion WHERE usuario_id = ? AND id_hash <> ?",

	/* usuario_id -> secreto, activo, ultimo_paso, activado */
	[ST_TOTP_GET] = "SELECT secreto, activo, ultimo_paso, activado FROM totp WHERE usuario_id = ?",
	/* usuario_id, secreto, creado: a new secret to enroll, unless one is active */
	[ST_TOTP_PENDIENTE] = "INSERT INTO totp(usuario_id, secreto, activo, creado) "
	    "VALUES (?1, ?2, 0, ?3) ON CONFLICT(usuario_id) DO UPDATE SET secreto = ?2, "
	    "creado = ?3 WHERE activo = 0",
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
	    "login = excluded.login, fallos = CASE WHEN desde < ?6 THEN 1 ELSE fallos + 1 END, "
	    "desde = CASE WHEN desde < ?6 OR fallos + 1 >= ?7 THEN ?5 ELSE desde END",
	/* tipo, clave, login, now -> fallos, cuenta: one consecutive failure more; cuenta
	 * whether clave names a user (tipo login) or an AP (tipo ap) */
	[ST_INTENTO_SEGUIDO_SUMAR] = "INSERT INTO intento_seguido(tipo, clave, login, fallos, "
	    "ultimo, cuenta) VALUES (?1, ?2, ?3, 1, ?4, CASE ?1 WHEN 'login' THEN EXISTS (SELECT "
	    "1 FROM usuario WHERE login = ?2) ELSE EXISTS (SELECT 1 FROM entidad WHERE nit = ?2 "
	    "AND tipo = 'AP') END) ON CONFLICT(tipo, clave) DO UPDATE SET login = excluded.login, "
	    "fallos = fallos + 1, ultimo = excluded.ultimo, cuenta = excluded.cuenta "
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
	/* max -> logins locked until an administrator lifts it: tipo, login as typed, fallos,
	 * last failure, the account's (or AP's) name or NULL */
	[ST_BLOQUEOS_LIST] = "SELECT f.tipo, f.login, f.fallos, f.ultimo, CASE f.tipo WHEN "
	    "'login' THEN (SELECT nombre FROM usuario WHERE login = f.clave) ELSE (SELECT "
	    "razon_social FROM entidad WHERE nit = f.clave AND tipo = 'AP') END "
	    "FROM intento_seguido f WHERE f.fallos >= ? ORDER BY f.ultimo DESC, f.login",
	/* max, window start -> (login, address) locks in force: tipo, login as typed, address,
	 * fallos, window start, the account's (or AP's) name or NULL */
	[ST_BLOQUEOS_PAR_LIST] = "SELECT f.tipo, f.login, f.ip, f.fallos, f.desde, CASE f.tipo "
	    "WHEN 'login' THEN (SELECT nombre FROM usuario WHERE login = f.clave) ELSE (SELECT "
	    "razon_social FROM entidad WHERE nit = f.clave AND tipo = 'AP') END FROM intento f "
	    "WHERE f.clave <> '' AND f.fallos >= ? AND f.desde >= ? ORDER BY f.desde DESC, f.login",
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

	/* ts, usuario_id, login, rol, entidad_id, ip, accion, detalle: the next id after the
	 * last row (or the anchor, when retention removed every row), chained to its mac
	 * (cgi/core/cadena.h), read and written in this one statement */
	[ST_AUDIT_INSERT] = "INSERT INTO auditoria(id, ts, usuario_id, login, rol, entidad_id, "
	    "ip, accion, detalle, mac) SELECT u.id + 1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
	    "auditoria_mac(u.mac, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) FROM (SELECT id, mac FROM "
	    "(SELECT id, mac FROM auditoria ORDER BY id DESC LIMIT 1) UNION ALL SELECT hasta, "
	    "mac FROM auditoria_ancla ORDER BY 1 DESC LIMIT 1) u",
	/* a read transaction: one snapshot for several statements */
	[ST_BEGIN_LECTURA] = "BEGIN",
	/* -> the anchor: the id and mac the chain starts from, their seal */
	[ST_AUDITORIA_ANCLA] = "SELECT hasta, mac, sello FROM auditoria_ancla",
	/* -> 1 when auditoria has its mac column (the chain's migration was applied) */
	[ST_AUDITORIA_TIENE_MAC] = "SELECT count(*) FROM pragma_table_info('auditoria') "
	    "WHERE name = 'mac'",
	/* -> 1 when the anchor has no seal yet: the rows before 019 wait for their macs */
	[ST_AUDITORIA_SIN_SELLO] = "SELECT count(*) FROM auditoria_ancla WHERE sello IS NULL",
	/* the rows after the anchor, chained in id order from it (the trigger lets them change
	 * while the anchor has no seal) */
	[ST_AUDITORIA_ENCADENAR] = "WITH RECURSIVE c(id, mac) AS (SELECT hasta, mac FROM "
	    "auditoria_ancla UNION ALL SELECT a.id, auditoria_mac(c.mac, a.ts, a.usuario_id, "
	    "a.login, a.rol, a.entidad_id, a.ip, a.accion, a.detalle) FROM c JOIN auditoria a ON "
	    "a.id = c.id + 1) UPDATE auditoria SET mac = c.mac FROM c WHERE c.id = auditoria.id",
	/* seals the anchor: from now on no row changes */
	[ST_AUDITORIA_SELLAR] = "UPDATE auditoria_ancla SET sello = auditoria_sello(hasta, mac) "
	    "WHERE sello IS NULL",
	/* -> every row, in the chain's order, with its mac (the fields as cgi/core/cadena.c hashes them) */
	[ST_AUDITORIA_CADENA] = "SELECT id, ts, usuario_id, login, rol, entidad_id, ip, accion, "
	    "detalle, mac FROM auditoria ORDER BY id",
	/* hasta, now: the anchor moves forward to row hasta, taking its mac, sealed */
	[ST_AUDITORIA_ANCLAR] = "UPDATE auditoria_ancla SET hasta = a.id, mac = a.mac, "
	    "sello = auditoria_sello(a.id, a.mac), movida = ?2 FROM auditoria a "
	    "WHERE a.id = ?1 AND a.id > auditoria_ancla.hasta",
	/* The Auditoría page (cgi/admin/auditoria.c), one statement per index that leads: by login, by
	 * entity, by action, or by date alone. Each takes login ('' any), entidad_id (0 any),
	 * accion ('' any), from, to (seconds, [from, to)), and the page ones also limit,
	 * offset -> id, ts, login, rol, nit, razon_social, ip, accion, detalle, newest first */
#define AUDITORIA_COLS "SELECT a.id, a.ts, a.login, a.rol, e.nit, e.razon_social, a.ip, " \
	"a.accion, a.detalle FROM auditoria a LEFT JOIN entidad e ON e.id = a.entidad_id WHERE "
#define AUDITORIA_FILTRO "a.ts >= ?4 AND a.ts < ?5 AND (?1 = '' OR a.login = ?1 COLLATE " \
	"NOCASE) AND (?2 = 0 OR a.entidad_id = ?2) AND (?3 = '' OR a.accion = ?3) "
#define AUDITORIA_ORDEN "ORDER BY a.ts DESC, a.id DESC LIMIT ?6 OFFSET ?7"
	[ST_AUDITORIA_PAGINA] = AUDITORIA_COLS AUDITORIA_FILTRO AUDITORIA_ORDEN,
	[ST_AUDITORIA_PAGINA_LOGIN] = AUDITORIA_COLS "a.login = ?1 COLLATE NOCASE AND "
	    AUDITORIA_FILTRO AUDITORIA_ORDEN,
	[ST_AUDITORIA_PAGINA_ENTIDAD] = AUDITORIA_COLS "a.entidad_id = ?2 AND " AUDITORIA_FILTRO
	    AUDITORIA_ORDEN,
	[ST_AUDITORIA_PAGINA_ACCION] = AUDITORIA_COLS "a.accion = ?3 AND " AUDITORIA_FILTRO
	    AUDITORIA_ORDEN,
	/* (only when no person, entity or action is asked for: the date index alone counts) */
	[ST_AUDITORIA_CUENTA] = "SELECT count(*) FROM auditoria a WHERE a.ts >= ?4 AND a.ts < ?5 "
	    "AND ?1 = '' AND ?2 = 0 AND ?3 = ''",
	[ST_AUDITORIA_CUENTA_LOGIN] = "SELECT count(*) FROM auditoria a WHERE a.login = ?1 "
	    "COLLATE NOCASE AND " AUDITORIA_FILTRO,
	[ST_AUDITORIA_CUENTA_ENTIDAD] = "SELECT count(*) FROM auditoria a WHERE a.entidad_id = ?2 "
	    "AND " AUDITORIA_FILTRO,
	[ST_AUDITORIA_CUENTA_ACCION] = "SELECT count(*) FROM auditoria a WHERE a.accion = ?3 AND "
	    AUDITORIA_FILTRO,
	/* -> the actions recorded, in order: one index seek each */
	[ST_AUDITORIA_ACCIONES] = "WITH RECURSIVE x(accion) AS (SELECT min(accion) FROM auditoria "
	    "UNION ALL SELECT (SELECT min(accion) FROM auditoria WHERE accion > x.accion) FROM x "
	    "WHERE x.accion IS NOT NULL) SELECT accion FROM x WHERE accion IS NOT NULL",
	/* hasta: the rows up to the anchor, which cadena_anclar just moved there */
	[ST_AUDITORIA_PODAR] = "DELETE FROM auditoria WHERE id <= ?",

	/* Retention (cgi/admin/retencion.c). cutoff -> the last id of the oldest rows, all older than
	 * cutoff (the chain loses only its start); NULL when there are none. The rowid scan
	 * (+ts) reads only those rows and the first newer one. */
	[ST_RETENCION_AUDITORIA_HASTA] = "SELECT coalesce((SELECT id FROM auditoria WHERE "
	    "+ts >= ?1 ORDER BY id LIMIT 1) - 1, (SELECT max(id) FROM auditoria))",
	/* cutoff, locked: consecutive failures whose last is older than cutoff, but a login
	 * locked until an administrator lifts it (fallos >= locked) */
	[ST_RETENCION_INTENTO_SEGUIDO] = "DELETE FROM intento_seguido WHERE ultimo < ? AND "
	    "fallos < ?",
	/* cutoff: the attachments of the messages ST_RETENCION_CORREO removes */
#define RETENCION_CORREO "((estado = 'enviado' AND enviado < ?1) OR (estado = 'fallido' AND " \
	"creado < ?1))"
	[ST_RETENCION_CORREO_ADJUNTOS] = "DELETE FROM correo_adjunto WHERE correo_id IN (SELECT "
	    "id FROM correo WHERE " RETENCION_CORREO ")",
	/* cutoff, limit: delivered messages delivered before cutoff, failed ones queued before
	 * it; never a pending one */
	[ST_RETENCION_CORREO] = "DELETE FROM correo WHERE id IN (SELECT id FROM correo WHERE "
	    RETENCION_CORREO " ORDER BY id LIMIT ?2)",
	/* cutoff: password links used, or expired, before cutoff */
	[ST_RETENCION_ENLACES] = "DELETE FROM enlace_clave WHERE coalesce(usado, expira) < ?",
	/* cutoff, limit: AP measurements older than cutoff */
	[ST_RETENCION_AP] = "DELETE FROM ap_medicion WHERE id IN (SELECT id FROM ap_medicion "
	    "WHERE fecha < ? ORDER BY fecha LIMIT ?)",
	/* para, asunto, creado, caduca (NULL: no link or code in it): the body is sealed to the
	 * new row next (ST_CORREO_SELLAR), in the same transaction */
	[ST_CORREO_INSERT] = "INSERT INTO correo(para, asunto, creado, caduca) VALUES (?,?,?,?)",
	/* sealed body, id */
	[ST_CORREO_SELLAR] = "UPDATE correo SET cuerpo = ? WHERE id = ?",
	/* id -> estado, sealed body (NULL once wiped) */
	[ST_CORREO_CUERPO] = "SELECT estado, cuerpo FROM correo WHERE id = ?",
	/* -> id, body of each message still in clear (queued before 016_correo_sellado.sql) */
	[ST_CORREO_EN_CLARO] = "SELECT id, cuerpo FROM correo WHERE typeof(cuerpo) = 'text'",
	/* -> every message: id, created (UTC text), estado, intentos, para, asunto, error,
	 * 1 while its body is kept (sealed) */
	[ST_CORREO_LIST] = "SELECT id, datetime(creado, 'unixepoch'), estado, intentos, para, "
	    "asunto, ultimo_error, cuerpo IS NOT NULL FROM correo ORDER BY id",
	/* now -> messages due for an attempt, oldest first: id, para, asunto, sealed body,
	 * intentos */
	/* -> pending messages, and the creation time of the oldest (NULL: none); both walk the
	 * index correo_estado (estado, id) */
	[ST_CORREO_COLA] = "SELECT (SELECT COUNT(*) FROM correo WHERE estado = 'pendiente'), "
	    "(SELECT creado FROM correo WHERE estado = 'pendiente' ORDER BY id LIMIT 1)",
	/* now -> since when the oldest due message has been due (NULL: none is): a message
	 * never tried (proximo 0) since its creation, the oldest being the lowest id; a retried
	 * one since its next attempt. Two index seeks on correo_pendiente (estado, proximo). */
	[ST_CORREO_VENCIDO] = "SELECT MIN(t) FROM (SELECT creado AS t FROM (SELECT creado FROM "
	    "correo WHERE estado = 'pendiente' AND proximo = 0 ORDER BY id LIMIT 1) UNION ALL "
	    "SELECT MIN(proximo) FROM correo WHERE estado = 'pendiente' AND proximo > 0 AND "
	    "proximo <= ?1)",
	/* -> 1 when an SMTP server is configured */
	[ST_SMTP_EXISTE] = "SELECT 1 FROM smtp WHERE id = 1",
	/* -> the health check's row (020_salud.sql): a read of the database */
	[ST_SALUD_LEER] = "SELECT comprobado FROM salud WHERE id = 1",
	/* now: a write of the database (one row, committed) */
	[ST_SALUD_ESCRIBIR] = "UPDATE salud SET comprobado = ? WHERE id = 1",
	[ST_CORREO_DUE] = "SELECT id, para, asunto, cuerpo, intentos FROM correo "
	    "WHERE estado = 'pendiente' AND proximo <= ? ORDER BY id LIMIT 20",	/* MAIL_BATCH */
	/* lease end, id, now: claims a due message for one sender (0 rows: another has it) */
	[ST_CORREO_RECLAMAR] = "UPDATE correo SET proximo = ? WHERE id = ? "
	    "AND estado = 'pendiente' AND proximo <= ?",
	/* enviado, id: delivered, and its body wiped */
	[ST_CORREO_ENVIADO] = "UPDATE correo SET estado = 'enviado', enviado = ?, "
	    "intentos = intentos + 1, ultimo_error = NULL, cuerpo = NULL "
	    "WHERE id = ? AND estado = 'pendiente'",
	/* error, next attempt, attempts after which it is given up, id */
	[ST_CORREO_FALLO] = "UPDATE correo SET intentos = intentos + 1, ultimo_error = ?, "
	    "proximo = ?, estado = CASE WHEN intentos + 1 >= ? THEN 'fallido' ELSE 'pendiente' END "
	    "WHERE id = ?",
	/* now: wipes the body of each undelivered message whose link or code has expired;
	 * a pending one is given up, the reason appended to its last error */
	[ST_CORREO_CADUCAR] = "UPDATE correo SET cuerpo = NULL, estado = 'fallido', "
	    "ultimo_error = coalesce(ultimo_error || '. ', '') || 'El enlace o código del mensaje "
	    "venció sin que se entregara: su contenido se borró' "
	    "WHERE cuerpo IS NOT NULL AND caduca <= ?",
	/* the connection zeroes what it deletes instead of leaving it in free pages */
	[ST_SECURE_DELETE] = "PRAGMA secure_delete = ON",
	/* copies the WAL into the database and empties it (old page images with it) */
	[ST_WAL_TRUNCAR] = "PRAGMA wal_checkpoint(TRUNCATE)",
	/* correo_id, cid, nombre, tipo: the data is sealed to the new row next
	 * (ST_ADJUNTO_SELLAR), in the same transaction */
	[ST_ADJUNTO_INSERT] = "INSERT INTO correo_adjunto(correo_id, cid, nombre, tipo, datos) "
	    "VALUES (?,?,?,?,x'')",
	/* sealed data, id */
	[ST_ADJUNTO_SELLAR] = "UPDATE correo_adjunto SET datos = ? WHERE id = ?",
	/* correo_id -> id, cid, nombre, tipo, sealed datos of each attachment */
	[ST_ADJUNTOS_BY_CORREO] = "SELECT id, cid, nombre, tipo, datos FROM correo_adjunto "
	    "WHERE correo_id = ? ORDER BY id",
	/* correo_id: its attachments go with its body */
	[ST_ADJUNTOS_BORRAR] = "DELETE FROM correo_adjunto WHERE correo_id = ?",
	/* the attachments of every message whose body was wiped */
	[ST_ADJUNTOS_HUERFANOS] = "DELETE FROM correo_adjunto WHERE "
	    "(SELECT cuerpo IS NULL FROM correo WHERE correo.id = correo_adjunto.correo_id)",
	/* estado ('' for any) -> how many messages */
	[ST_CORREO_ADMIN_COUNT] = "SELECT count(*) FROM correo WHERE ?1 = '' OR estado = ?1",
	/* estado ('' for any), limit, offset -> a page of the outbox, newest first, without
	 * the body: id, para, asunto, estado, creado, intentos, proximo, ultimo_error, 1 while
	 * the body is kept */
	[ST_CORREO_ADMIN_PAGE] = "SELECT id, para, asunto, estado, creado, intentos, proximo, "
	    "ultimo_error, cuerpo IS NOT NULL FROM correo WHERE ?1 = '' OR estado = ?1 "
	    "ORDER BY id DESC LIMIT ?2 OFFSET ?3",
	/* now, id: a failed message whose body is kept goes back to the queue with a fresh
	 * retry schedule (0 rows: unknown, not failed, or its body wiped) */
	[ST_CORREO_REINTENTAR] = "UPDATE correo SET estado = 'pendiente', intentos = 0, "
	    "proximo = ? WHERE id = ? AND estado = 'fallido' AND cuerpo IS NOT NULL",
	/* id -> 0 unknown, 1 its body kept, 2 its body wiped */
	[ST_CORREO_ADMIN_EXISTE] = "SELECT CASE WHEN cuerpo IS NULL THEN 2 ELSE 1 END "
	    "FROM correo WHERE id = ?",
	/* -> url, usuario, clave, remitente, exigir_tls, actualizado */
	[ST_SMTP_GET] = "SELECT url, usuario, clave, remitente, exigir_tls, actualizado "
	    "FROM smtp WHERE id = 1",
	/* url, usuario, clave, remitente, exigir_tls, actualizado */
	[ST_SMTP_SET] = "INSERT OR REPLACE INTO smtp(id, url, usuario, clave, remitente, "
	    "exigir_tls, actualizado) VALUES (1, ?, ?, ?, ?, ?, ?)",

	/* entidad_id -> the entity's current request */
	[ST_SOLICITUD_VIGENTE] = "SELECT id, tipo, estado, fecha, motivo_rechazo, version "
	    "FROM solicitud WHERE entidad_id = ? AND vigente = 1",
	/* entidad_id -> 1 when keys were ever assigned to the entity */
	[ST_SOLICITUD_TUVO_LLAVES] = "SELECT EXISTS (SELECT 1 FROM llave WHERE entidad_id = ?)",
	/* entidad_id: the current request stops being current */
	[ST_SOLICITUD_RETIRAR] = "UPDATE solicitud SET vigente = 0 WHERE entidad_id = ? AND vigente = 1",
	/* entidad_id, tipo, estado, proveedor_tec, software, lider_nombre, lider_correo, lider_tel,
	 * resp_nombre, resp_correo, resp_tel, terminos_ts, terminos_ip, datos_ts, datos_ip,
	 * solicitante_id, fecha */
	[ST_SOLICITUD_INSERT] = "INSERT INTO solicitud(entidad_id, tipo, estado, proveedor_tec, "
	    "software, lider_nombre, lider_correo, lider_tel, resp_nombre, resp_correo, resp_tel, "
	    "terminos_ts, terminos_ip, datos_ts, datos_ip, solicitante_id, fecha) "
	    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	/* id -> the request and its entity */
	[ST_SOLICITUD_BY_ID] = "SELECT s.id, s.entidad_id, s.tipo, s.estado, s.vigente, "
	    "s.proveedor_tec, s.software, s.lider_nombre, s.lider_correo, s.lider_tel, "
	    "s.resp_nombre, s.resp_correo, s.resp_tel, s.fecha, s.motivo_rechazo, s.version, "
	    "e.nit, e.razon_social, e.codigo_habilitacion "
	    "FROM solicitud s JOIN entidad e ON e.id = s.entidad_id WHERE s.id = ?",
	/* estado, motivo_rechazo, respondida, respondio_id, id, version: 0 rows when it changed */
	[ST_SOLICITUD_RESPONDER] = "UPDATE solicitud SET estado = ?, motivo_rechazo = ?, "
	    "respondida = ?, respondio_id = ?, version = version + 1 "
	    "WHERE id = ? AND version = ? AND vigente = 1",
	/* entidad_id -> every request of the entity, newest first */
	[ST_SOLICITUDES_BY_ENTIDAD] = "SELECT id, tipo, estado, fecha, respondida, motivo_rechazo "
	    "FROM solicitud WHERE entidad_id = ? ORDER BY id DESC",

	/* cola ('asignar' or 'actualizar') -> how many current requests it holds */
	[ST_COLA_COUNT] = "SELECT n FROM cola_total WHERE cola = ?",
	/* cola, search text, search text folded, cap -> how many match, counting up to cap */
	[ST_COLA_COUNT_Q] = "SELECT count(*) FROM (SELECT 1 FROM solicitud s "
	    "JOIN entidad e ON e.id = s.entidad_id "
	    "WHERE s.vigente = 1 AND s.cola = ?1 AND (substr(e.nit, 1, length(?2)) = ?2 "
	    "OR substr(e.codigo_habilitacion, 1, length(?2)) = ?2 OR instr(e.razon_norm, ?3) > 0 "
	    "OR s.estado = ?3) LIMIT ?4)",
	/* A search of 3 characters or more that is not a state name, in one pass: the trigram
	 * index gives the candidates, at most cap of them (CROSS JOIN keeps that order, else
	 * SQLite reads the queue and asks the index per row), counted while a page of them is
	 * sorted. cola, text, folded, FTS5 phrase, limit, offset, today, cap -> a page as
	 * ST_COLA_PAGE, each row with the number of matches (cap: there may be more) */
	[ST_COLA_BUSCA_FTS] = "SELECT id, nit, codigo_habilitacion, razon_social, fecha, estado, "
	    "CAST(julianday((SELECT min(l.expira) FROM llave l WHERE l.entidad_id = m.entidad_id "
	    "AND l.vigente = 1)) - julianday(?7) AS INTEGER), total "
	    "FROM (SELECT c.*, count(*) OVER () AS total FROM (SELECT s.id, e.nit, "
	    "e.codigo_habilitacion, e.razon_social, s.fecha, s.estado, s.entidad_id "
	    "FROM entidad_busqueda b CROSS JOIN entidad e ON e.id = b.rowid "
	    "CROSS JOIN solicitud s ON s.entidad_id = e.id AND s.vigente = 1 "
	    "WHERE entidad_busqueda MATCH ?4 AND s.cola = ?1 AND (substr(e.nit, 1, length(?2)) = ?2 "
	    "OR substr(e.codigo_habilitacion, 1, length(?2)) = ?2 OR instr(e.razon_norm, ?3) > 0) "
	    "LIMIT ?8) c) m ORDER BY fecha, id LIMIT ?5 OFFSET ?6",
	/* cola, search text ('' for all), search text folded, limit, offset, today -> a page
	 * of the queue, oldest request first, with the days until the entity's first current
	 * key expires (NULL: no keys) */
	[ST_COLA_PAGE] = "SELECT s.id, e.nit, e.codigo_habilitacion, e.razon_social, s.fecha, s.estado, "
	    "CAST(julianday((SELECT min(l.expira) FROM llave l WHERE l.entidad_id = s.entidad_id "
	    "AND l.vigente = 1)) - julianday(?6) AS INTEGER) "
	    "FROM solicitud s JOIN entidad e ON e.id = s.entidad_id "
	    "WHERE s.vigente = 1 AND s.cola = ?1 AND (?2 = '' OR substr(e.nit, 1, length(?2)) = ?2 "
	    "OR substr(e.codigo_habilitacion, 1, length(?2)) = ?2 OR instr(e.razon_norm, ?3) > 0 OR s.estado = ?3) "
	    "ORDER BY s.fecha, s.id LIMIT ?4 OFFSET ?5",

	/* cola, last date -> how many of its entities have a current key expiring by then */
	[ST_COLA_VENCE_COUNT] = "SELECT count(*) FROM solicitud s WHERE s.vigente = 1 AND s.cola = ?1 "
	    "AND EXISTS (SELECT 1 FROM llave l WHERE l.entidad_id = s.entidad_id AND l.vigente = 1 "
	    "AND l.expira <= ?2)",
	/* cola, last date, limit, offset, today -> a page of those entities (as ST_COLA_PAGE),
	 * the nearest expiry first */
	[ST_COLA_VENCE_PAGE] = "SELECT s.id, e.nit, e.codigo_habilitacion, e.razon_social, s.fecha, "
	    "s.estado, CAST(julianday(v.expira) - julianday(?5) AS INTEGER) "
	    "FROM solicitud s JOIN entidad e ON e.id = s.entidad_id "
	    "JOIN (SELECT entidad_id, min(expira) AS expira FROM llave WHERE vigente = 1 "
	    "GROUP BY entidad_id) v ON v.entidad_id = s.entidad_id "
	    "WHERE s.vigente = 1 AND s.cola = ?1 AND v.expira <= ?2 "
	    "ORDER BY v.expira, s.fecha, s.id LIMIT ?3 OFFSET ?4",

	/* today -> current keys expiring in 0 to 90 days whose nearest threshold (90, 45, 30,
	 * 7 days) has not been warned yet: llave id, entidad_id, ambiente, expira, days left,
	 * threshold, the request's líder técnico e-mail, razón social, NIT; by entity */
	[ST_AVISOS_DUE] = "SELECT l.id, l.entidad_id, l.ambiente, l.expira, v.dias, v.umbral, "
	    "s.lider_correo, e.razon_social, e.nit FROM (SELECT id, dias, CASE WHEN dias <= 7 "
	    "THEN 7 WHEN dias <= 30 THEN 30 WHEN dias <= 45 THEN 45 ELSE 90 END AS umbral "
	    "FROM (SELECT id, CAST(julianday(expira) - julianday(?1) AS INTEGER) AS dias "
	    "FROM llave WHERE vigente = 1) WHERE dias BETWEEN 0 AND 90) v "
	    "JOIN llave l ON l.id = v.id JOIN solicitud s ON s.id = l.solicitud_id "
	    "JOIN entidad e ON e.id = l.entidad_id WHERE NOT EXISTS (SELECT 1 FROM "
	    "aviso_vencimiento a WHERE a.llave_id = l.id AND a.umbral = v.umbral) "
	    "ORDER BY l.entidad_id, v.umbral, l.id",
	/* llave_id, umbral, enviado: claims one warning (0 rows: already sent) */
	[ST_AVISO_INSERT] = "INSERT OR IGNORE INTO aviso_vencimiento(llave_id, umbral, enviado) "
	    "VALUES (?,?,?)",
	/* llave_id, umbral, enviado: the farther thresholds, passed without their own mail */
	[ST_AVISO_OMITIR] = "INSERT OR IGNORE INTO aviso_vencimiento(llave_id, umbral, enviado, "
	    "omitido) SELECT ?1, column1, ?3, 1 FROM (VALUES (90), (45), (30), (7)) "
	    "WHERE column1 > ?2",

	/* anulado, entidad_id: the entity's code waiting to be entered is void */
	[ST_ACTIVACION_ANULAR] = "UPDATE activacion SET anulado = ? "
	    "WHERE entidad_id = ? AND usado IS NULL AND anulado IS NULL",
	/* entidad_id, solicitud_id, codigo_hash, creado, expira, creado_por */
	[ST_ACTIVACION_INSERT] = "INSERT INTO activacion(entidad_id, solicitud_id, codigo_hash, "
	    "creado, expira, creado_por) VALUES (?,?,?,?,?,?)",
	/* codigo_hash -> id, entidad_id, expira, usado, anulado */
	[ST_ACTIVACION_BY_HASH] = "SELECT id, entidad_id, expira, usado, anulado FROM activacion "
	    "WHERE codigo_hash = ?",
	/* usado, usado_por, usado_ip, usado_ua, id, entidad_id, now: 0 rows when it was used,
	 * voided or expired meanwhile, or is another entity's */
	[ST_ACTIVACION_USAR] = "UPDATE activacion SET usado = ?, usado_por = ?, usado_ip = ?, "
	    "usado_ua = ? WHERE id = ? AND entidad_id = ? AND usado IS NULL AND anulado IS NULL "
	    "AND expira > ?",
	/* entidad_id -> the code waiting to be entered: id, creado, expira */
	[ST_ACTIVACION_PENDIENTE] = "SELECT id, creado, expira FROM activacion "
	    "WHERE entidad_id = ? AND usado IS NULL AND anulado IS NULL",
	/* entidad_id -> the last activation: usado, login, usado_ip, usado_ua */
	[ST_ACTIVACION_ULTIMA] = "SELECT a.usado, u.login, a.usado_ip, a.usado_ua FROM activacion a "
	    "JOIN usuario u ON u.id = a.usado_por WHERE a.entidad_id = ? AND a.usado IS NOT NULL "
	    "ORDER BY a.id DESC LIMIT 1",

	/* entidad_id -> current keys with their environment's parameters, in environment order */
	[ST_LLAVES_VIGENTES] = "SELECT l.id, a.nombre, l.client_id, l.client_secret, l.expira, "
	    "a.endpoint, a.tenant_id, a.scope, a.apim_key "
	    "FROM ambiente a LEFT JOIN llave l ON l.ambiente = a.nombre AND l.entidad_id = ? "
	    "AND l.vigente = 1 ORDER BY a.orden",
	/* id, entidad_id -> one current key of that entity */
	[ST_LLAVE_BY_ID] = "SELECT id, ambiente, client_secret FROM llave "
	    "WHERE id = ? AND entidad_id = ? AND vigente = 1",
	/* reemplazada, entidad_id, ambiente */
	[ST_LLAVE_RETIRAR] = "UPDATE llave SET vigente = 0, reemplazada = ? "
	    "WHERE entidad_id = ? AND ambiente = ? AND vigente = 1",
	/* entidad_id, solicitud_id, ambiente, client_id, expira, creada, creada_por
	 * (the secret is sealed to the new row's id, then set) */
	[ST_LLAVE_INSERT] = "INSERT INTO llave(entidad_id, solicitud_id, ambiente, client_id, "
	    "client_secret, expira, creada, creada_por) VALUES (?,?,?,?,x'',?,?,?)",
	/* client_secret, id */
	[ST_LLAVE_SET_SECRET] = "UPDATE llave SET client_secret = ? WHERE id = ?",
	/* entidad_id -> every key of the entity, newest first (no secrets) */
	[ST_LLAVES_HISTORIAL] = "SELECT l.ambiente, l.client_id, l.expira, l.vigente, l.creada, "
	    "l.reemplazada, u.login FROM llave l JOIN usuario u ON u.id = l.creada_por "
	    "JOIN ambiente a ON a.nombre = l.ambiente "
	    "WHERE l.entidad_id = ? ORDER BY l.id DESC",

	/* -> every environment in order */
	[ST_AMBIENTE_LIST] = "SELECT nombre, endpoint, tenant_id, scope, apim_key, actualizado "
	    "FROM ambiente ORDER BY orden",
	/* endpoint, tenant_id, scope, apim_key, actualizado, nombre */
	[ST_AMBIENTE_UPDATE] = "UPDATE ambiente SET endpoint = ?, tenant_id = ?, scope = ?, "
	    "apim_key = ?, actualizado = ? WHERE nombre = ?",

	/* entidad_id -> 1 when the ministry activated SAT for the entity (no row: none) */
	[ST_SAT_ACTIVA] = "SELECT activo FROM sat_entidad WHERE entidad_id = ?",
	/* entidad_id, activado, activado_por: the module on (again) for the entity */
	[ST_SAT_ACTIVAR] = "INSERT INTO sat_entidad(entidad_id, activo, activado, activado_por) "
	    "VALUES (?1, 1, ?2, ?3) ON CONFLICT (entidad_id) DO UPDATE SET activo = 1, "
	    "activado = ?2, activado_por = ?3",
	/* usuario_id, entidad_id, version -> the newest answer: 1 accepted, 0 declined */
	[ST_SAT_TERMINOS_ULTIMA] = "SELECT acepto FROM sat_terminos WHERE usuario_id = ? "
	    "AND entidad_id = ? AND version = ? ORDER BY id DESC LIMIT 1",
	/* usuario_id, entidad_id, version, acepto, fecha, ip */
	[ST_SAT_TERMINOS_INSERT] = "INSERT INTO sat_terminos(usuario_id, entidad_id, version, "
	    "acepto, fecha, ip) VALUES (?,?,?,?,?,?)",
	/* entidad_id -> the active services enabled for the entity: assignment id, nombre,
	 * descripcion, client_id, estado */
	[ST_SAT_CATALOGO_ENTIDAD] = "SELECT a.id, s.nombre, s.descripcion, a.client_id, "
	    "s.estado FROM servicio_asignado a JOIN servicio s ON s.id = a.servicio_id "
	    "WHERE a.entidad_id = ? AND a.activo = 1 ORDER BY s.nombre",
	/* MIPRES (009_mipres.sql). User tokens: revocado, entidad_id, regimen */
	[ST_MIPRES_TOKEN_REVOCAR] = "UPDATE mipres_token SET revocado = ? "
	    "WHERE entidad_id = ? AND regimen = ? AND revocado IS NULL",
	/* entidad_id, regimen, hash, final, creado, creado_por */
	[ST_MIPRES_TOKEN_INSERT] = "INSERT INTO mipres_token(entidad_id, regimen, hash, final, "
	    "creado, creado_por) VALUES (?,?,?,?,?,?)",
	/* hash, nit -> id of the entity's current user token with that hash */
	[ST_MIPRES_TOKEN_BY_HASH] = "SELECT t.id FROM mipres_token t "
	    "JOIN entidad e ON e.id = t.entidad_id WHERE t.hash = ? AND e.nit = ? "
	    "AND t.revocado IS NULL",
	/* entidad_id, regimen -> regimen, final, creado of the entity's current user token of
	 * that régimen */
	[ST_MIPRES_TOKEN_VIGENTES] = "SELECT regimen, final, creado FROM mipres_token "
	    "WHERE entidad_id = ? AND regimen = ? AND revocado IS NULL",
	/* hash, token_id, expira */
	[ST_MIPRES_TEMP_INSERT] = "INSERT INTO mipres_token_temp(hash, token_id, expira) "
	    "VALUES (?,?,?)",
	/* now: forgets the expired temporary tokens */
	[ST_MIPRES_TEMP_PURGE] = "DELETE FROM mipres_token_temp WHERE expira <= ?",
	/* hash -> entity id, nit, tipo, régimen, expira of a temporary token whose user token
	 * is current */
	[ST_MIPRES_TEMP_CHECK] = "SELECT e.id, e.nit, e.tipo, t.regimen, x.expira "
	    "FROM mipres_token_temp x JOIN mipres_token t ON t.id = x.token_id "
	    "JOIN entidad e ON e.id = t.entidad_id WHERE x.hash = ? AND t.revocado IS NULL",

	/* eps_id, regimen, prov_nit, no_prescripcion, tipo_tec, con_tec, tipo_id_paciente,
	 * no_id_paciente, no_entrega, fec_max_ent, cant_total, creada */
	[ST_MIPRES_LINEA_INSERT] = "INSERT INTO mipres_linea(eps_id, regimen, prov_nit, "
	    "no_prescripcion, tipo_tec, con_tec, tipo_id_paciente, no_id_paciente, no_entrega, "
	    "fec_max_ent, cant_total, creada) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
	/* id -> eps_id, prov_nit, fec_max_ent, cant_total, regimen, no_prescripcion, tipo_tec,
	 * con_tec, tipo_id_paciente, no_id_paciente, no_entrega of a line (the rules read the
	 * first five; the forms show the rest) */
	[ST_MIPRES_LINEA_BY_ID] = "SELECT eps_id, prov_nit, fec_max_ent, cant_total, regimen, "
	    "no_prescripcion, tipo_tec, con_tec, tipo_id_paciente, no_id_paciente, no_entrega "
	    "FROM mipres_linea WHERE id = ?",
	/* linea_id -> tipo, estado, cantidad, id, datos, fecha of every step of the line,
	 * oldest first */
	[ST_MIPRES_PASOS_LINEA] = "SELECT tipo, estado, cantidad, id, datos, fecha "
	    "FROM mipres_paso WHERE linea_id = ? ORDER BY id",
	/* linea_id, tipo, ambito, fecha, dia, prov_nit, eps_id, cantidad, datos */
	[ST_MIPRES_PASO_INSERT] = "INSERT INTO mipres_paso(linea_id, tipo, ambito, fecha, dia, "
	    "prov_nit, eps_id, cantidad, datos) VALUES (?,?,?,?,?,?,?,?,?)",
	/* estado (new), linea_id, tipo, estado (old): moves the line's live step of a kind */
	[ST_MIPRES_PASO_ESTADO] = "UPDATE mipres_paso SET estado = ? "
	    "WHERE linea_id = ? AND tipo = ? AND estado = ?",
	/* id, tipo -> linea_id, estado, ambito, prov_nit, eps_id, the line's regimen, datos,
	 * fecha, fec_anulacion of a step */
	[ST_MIPRES_PASO_BY_ID] = "SELECT p.linea_id, p.estado, p.ambito, p.prov_nit, p.eps_id, "
	    "l.regimen, p.datos, p.fecha, p.fec_anulacion FROM mipres_paso p "
	    "JOIN mipres_linea l ON l.id = p.linea_id WHERE p.id = ? AND p.tipo = ?",
	/* fec_anulacion, id: an active step becomes annulled */
	[ST_MIPRES_PASO_ANULAR] = "UPDATE mipres_paso SET estado = 0, fec_anulacion = ? "
	    "WHERE id = ? AND estado = 1",

	/* The queries return: linea_id, id, no_prescripcion, tipo_tec, con_tec,
	 * tipo_id_paciente, no_id_paciente, no_entrega, datos, fecha, estado, fec_anulacion.
	 * tipo, prov_nit, dia */
	[ST_MIPRES_Q_FECHA_PROV] = MIPRES_Q "WHERE p.tipo = ? AND p.prov_nit = ? AND p.dia = ? "
	    "ORDER BY p.id",
	/* tipo, eps_id, dia, regimen */
	[ST_MIPRES_Q_FECHA_EPS] = MIPRES_Q "WHERE p.tipo = ? AND p.eps_id = ? AND p.dia = ? "
	    "AND l.regimen = ? "
	    "ORDER BY p.id",
	/* no_prescripcion, tipo, prov_nit */
	[ST_MIPRES_Q_PRESC_PROV] = MIPRES_Q "WHERE l.no_prescripcion = ? AND p.tipo = ? "
	    "AND p.prov_nit = ? ORDER BY p.id",
	/* no_prescripcion, tipo, eps_id, regimen */
	[ST_MIPRES_Q_PRESC_EPS] = MIPRES_Q "WHERE l.no_prescripcion = ? AND p.tipo = ? "
	    "AND p.eps_id = ? AND l.regimen = ? ORDER BY p.id",
	/* no_id_paciente, tipo_id_paciente, tipo, dia, prov_nit */
	[ST_MIPRES_Q_PAC_PROV] = MIPRES_Q "WHERE l.no_id_paciente = ? AND l.tipo_id_paciente = ? "
	    "AND p.tipo = ? AND p.dia = ? AND p.prov_nit = ? ORDER BY p.id",
	/* no_id_paciente, tipo_id_paciente, tipo, dia, eps_id, regimen */
	[ST_MIPRES_Q_PAC_EPS] = MIPRES_Q "WHERE l.no_id_paciente = ? AND l.tipo_id_paciente = ? "
	    "AND p.tipo = ? AND p.dia = ? AND p.eps_id = ? AND l.regimen = ? ORDER BY p.id",

	/* MIPRES Cargue masivo (012_mipres_cargue.sql, cgi/mipres/cargue.c). */
	/* entidad_id, hash -> linea_id, paso_id of the row applied before, while its step
	 * is live */
	[ST_MIPRES_CARGUE_BUSCAR] = "SELECT f.linea_id, f.paso_id FROM mipres_cargue_fila f "
	    "JOIN mipres_paso p ON p.id = f.paso_id "
	    "WHERE f.entidad_id = ? AND f.hash = ? AND p.estado > 0",
	/* entidad_id, hash, tipo, linea_id, paso_id, creado: a row applied (again, after its
	 * step was annulled: the hash then names the new step) */
	[ST_MIPRES_CARGUE_GUARDAR] = "INSERT INTO mipres_cargue_fila(entidad_id, hash, tipo, "
	    "linea_id, paso_id, creado) VALUES (?,?,?,?,?,?) "
	    "ON CONFLICT (entidad_id, hash) DO UPDATE SET tipo = excluded.tipo, "
	    "linea_id = excluded.linea_id, paso_id = excluded.paso_id, creado = excluded.creado",

	/* The Direccionamientos page (cgi/mipres/lista.c): the lines found by one kind of search
	 * (?1 'fecha', 'prescripcion' or 'paciente': the other branches' constant test is false,
	 * so they read nothing), the first ?limit of them by ID, each with every step; one row
	 * per step, by line then step. A line's date is its direccionamiento's day, or its
	 * entrega's for an entrega ámbito. Rows: linea id, no_prescripcion, tipo_tec, con_tec,
	 * tipo_id_paciente, no_id_paciente, no_entrega, cant_total, fec_max_ent, paso tipo,
	 * paso id, estado, ambito, dia, the code of the technology to deliver (or delivered). */
#define MIPRES_LISTA(sel, lim) "WITH sel(id) AS (" sel "), pocas(id) AS (SELECT id FROM sel " \
	"ORDER BY id LIMIT " lim ") SELECT l.id, l.no_prescripcion, l.tipo_tec, l.con_tec, " \
	"l.tipo_id_paciente, l.no_id_paciente, l.no_entrega, l.cant_total, l.fec_max_ent, " \
	"p.tipo, p.id, p.estado, p.ambito, p.dia, " \
	"coalesce(json_extract(p.datos, '$.CodSerTecAEntregar'), " \
	"json_extract(p.datos, '$.CodSerTecEntregado')) " \
	"FROM pocas JOIN mipres_linea l ON l.id = pocas.id " \
	"JOIN mipres_paso p ON p.linea_id = l.id ORDER BY l.id, p.id"
	/* A provider's lines (prov_nit; its entregas ámbito too): por, nit, dia, no_prescripcion,
	 * no_id_paciente, tipo_id_paciente, limit */
	[ST_MIPRES_LISTA_PROV] = MIPRES_LISTA("SELECT linea_id FROM mipres_paso "
	    "WHERE ?1 = 'fecha' AND tipo IN ('D', 'E') AND prov_nit = ?2 AND dia = ?3 "
	    "AND (tipo = 'D' OR ambito = 1) "
	    "UNION SELECT id FROM mipres_linea WHERE ?1 = 'prescripcion' AND no_prescripcion = ?4 "
	    "AND prov_nit = ?2 "
	    "UNION SELECT l.id FROM mipres_linea l CROSS JOIN mipres_paso p ON p.linea_id = l.id "
	    "WHERE ?1 = 'paciente' AND l.no_id_paciente = ?5 AND l.tipo_id_paciente = ?6 "
	    "AND l.prov_nit = ?2 AND p.tipo IN ('D', 'E') AND (p.tipo = 'D' OR p.ambito = 1) "
	    "AND p.dia = ?3", "?7"),
	/* An EPS's direccionamientos of one régimen (no-direccionamientos have no provider and
	 * are left out): por, eps_id, dia, no_prescripcion, no_id_paciente, tipo_id_paciente,
	 * regimen, limit */
	[ST_MIPRES_LISTA_EPS] = MIPRES_LISTA("SELECT p.linea_id FROM mipres_paso p "
	    "CROSS JOIN mipres_linea l ON l.id = p.linea_id WHERE ?1 = 'fecha' AND p.tipo = 'D' "
	    "AND p.eps_id = ?2 AND p.dia = ?3 AND l.regimen = ?7 "
	    "UNION SELECT id FROM mipres_linea WHERE ?1 = 'prescripcion' AND no_prescripcion = ?4 "
	    "AND eps_id = ?2 AND regimen = ?7 AND prov_nit IS NOT NULL "
	    "UNION SELECT l.id FROM mipres_linea l CROSS JOIN mipres_paso p ON p.linea_id = l.id "
	    "WHERE ?1 = 'paciente' AND l.no_id_paciente = ?5 AND l.tipo_id_paciente = ?6 "
	    "AND l.eps_id = ?2 AND l.regimen = ?7 AND p.tipo = 'D' AND p.dia = ?3", "?8"),

	/* MIPRES bench (cgi/tools/mipres_bench.c): a step loaded in a given state.
	 * linea_id, tipo, estado, fecha, dia, prov_nit, eps_id, cantidad, datos */
	[ST_MIPRES_BENCH_PASO] = "INSERT INTO mipres_paso(linea_id, tipo, estado, fecha, dia, "
	    "prov_nit, eps_id, cantidad, datos) VALUES (?,?,?,?,?,?,?,?,?)",

	/* AP web services (cgi/ap/ap.c, cgi/ap/reporte.c, cgi/tools/demo_ap.c). */
	/* nit -> entidad_id, clave (scrypt MCF or NULL), activo of an AP with SAT enabled */
	[ST_AP_CREDENCIAL] = "SELECT e.id, s.clave, s.activo FROM entidad e "
	    "JOIN sat_entidad s ON s.entidad_id = e.id WHERE e.nit = ? AND e.tipo = 'AP'",
	/* client_id, entidad_id -> servicio_asignado id, service name: enabled, of the AP
	 * catalog, active */
	[ST_AP_ASIGNADO_BY_CLIENT] = "SELECT a.id, s.nombre FROM servicio_asignado a "
	    "JOIN servicio s ON s.id = a.servicio_id WHERE a.client_id = ? AND a.entidad_id = ? "
	    "AND a.activo = 1 AND s.estado = 'Activo' AND s.tipo_entidad = 'AP'",
	/* token_hash (32 bytes), entidad_id, asignado_id, creado, expira */
	[ST_AP_TOKEN_INSERT] = "INSERT INTO ap_token(token_hash, entidad_id, asignado_id, creado, "
	    "expira) VALUES (?,?,?,?,?)",
	/* now: tokens expired more than a day ago are forgotten */
	[ST_AP_TOKEN_PURGE] = "DELETE FROM ap_token WHERE expira < ? - 86400",
	/* token_hash -> entidad_id, service name, expira; only while the entity, the
	 * assignment and the service are still active */
	[ST_AP_TOKEN_BY_HASH] = "SELECT t.entidad_id, s.nombre, t.expira FROM ap_token t "
	    "JOIN servicio_asignado a ON a.id = t.asignado_id "
	    "JOIN servicio s ON s.id = a.servicio_id "
	    "JOIN sat_entidad e ON e.entidad_id = t.entidad_id "
	    "WHERE t.token_hash = ? AND a.activo = 1 AND s.estado = 'Activo' AND e.activo = 1",
	/* entidad_id (or NULL), servicio, fecha, estado, recibidos, aceptados, rechazados,
	 * duracion_us, incidente (or NULL) */
	[ST_AP_MEDICION_INSERT] = "INSERT INTO ap_medicion(entidad_id, servicio, fecha, estado, "
	    "recibidos, aceptados, rechazados, duracion_us, incidente) VALUES (?,?,?,?,?,?,?,?,?)",
	/* entidad_id, radicado, tipo_doc, num_doc, primer_nombre, segundo_nombre,
	 * primer_apellido, segundo_apellido, fecha_nacimiento, sexo, tipo_novedad,
	 * codigo_origen, codigo_destino, fecha_solicitud, fecha_efectividad, recibido;
	 * a radicado already received changes nothing (0 rows) */
	[ST_AP_AFILIACION_INSERT] = "INSERT INTO ap_afiliacion(entidad_id, radicado, tipo_doc, "
	    "num_doc, primer_nombre, segundo_nombre, primer_apellido, segundo_apellido, "
	    "fecha_nacimiento, sexo, tipo_novedad, codigo_origen, codigo_destino, fecha_solicitud, "
	    "fecha_efectividad, recibido) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
	    "ON CONFLICT (entidad_id, radicado) DO NOTHING",
	/* entidad_id, radicado -> id, tipo_doc, num_doc, fecha_solicitud of the AP's own */
	[ST_AP_AFILIACION_BY_RADICADO] = "SELECT id, tipo_doc, num_doc, fecha_solicitud "
	    "FROM ap_afiliacion WHERE entidad_id = ? AND radicado = ?",
	/* entidad_id, afiliacion_id, radicado, tipo_doc, num_doc, fecha_retracto, motivo,
	 * recibido; one per radicado (0 rows: already received) */
	[ST_AP_RETRACTO_INSERT] = "INSERT INTO ap_retracto(entidad_id, afiliacion_id, radicado, "
	    "tipo_doc, num_doc, fecha_retracto, motivo, recibido) VALUES (?,?,?,?,?,?,?,?) "
	    "ON CONFLICT (entidad_id, radicado) DO NOTHING",
	/* limit -> people with an active role, for seed-auditoria: usuario_id, login, rol,
	 * entidad_id */
	[ST_AUDITORIA_CARGA_PERSONAS] = "SELECT u.id, u.login, r.rol, r.entidad_id "
	    "FROM rol_asignado r JOIN usuario u ON u.id = r.usuario_id WHERE r.activo = 1 "
	    "ORDER BY r.id LIMIT ?",
	/* servicio, segundos (3600: an hour, 86400: a day), inicio (the period's first second),
	 * entidad_id (0: not identified), llamadas, recibidos, aceptados, rechazados, incidents
	 * (autenticacion, validacion, servidor), max_us, histogram (cgi/ap/resumen.h): added to
	 * that period's rollup, created when new */
	[ST_AP_RESUMEN_SUMAR] = "INSERT INTO ap_resumen(servicio, segundos, inicio, entidad_id, "
	    "llamadas, recibidos, aceptados, rechazados, inc_autenticacion, inc_validacion, "
	    "inc_servidor, max_us, histograma) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) "
	    "ON CONFLICT DO UPDATE SET llamadas = llamadas + excluded.llamadas, "
	    "recibidos = recibidos + excluded.recibidos, "
	    "aceptados = aceptados + excluded.aceptados, "
	    "rechazados = rechazados + excluded.rechazados, "
	    "inc_autenticacion = inc_autenticacion + excluded.inc_autenticacion, "
	    "inc_validacion = inc_validacion + excluded.inc_validacion, "
	    "inc_servidor = inc_servidor + excluded.inc_servidor, "
	    "max_us = max(max_us, excluded.max_us), "
	    "histograma = ap_hist_unir(histograma, excluded.histograma)",
	/* servicio, segundos, desde, hasta (seconds, [desde, hasta)) -> the rollups of every AP
	 * and of the unidentified calls: inicio, llamadas, recibidos, aceptados, rechazados,
	 * incidents (autenticacion, validacion, servidor), max_us, histogram; by period */
	[ST_AP_RESUMEN_TODAS] = "SELECT inicio, llamadas, recibidos, aceptados, rechazados, "
	    "inc_autenticacion, inc_validacion, inc_servidor, max_us, histograma FROM ap_resumen "
	    "WHERE servicio = ?1 AND segundos = ?2 AND inicio >= ?3 AND inicio < ?4 "
	    "ORDER BY inicio",
	/* servicio, segundos, desde, hasta, entidad_id -> the same, of one AP (its index: with
	 * no statistics the planner would read every AP's rows of the primary key) */
	[ST_AP_RESUMEN_ENTIDAD] = "SELECT inicio, llamadas, recibidos, aceptados, rechazados, "
	    "inc_autenticacion, inc_validacion, inc_servidor, max_us, histograma FROM ap_resumen "
	    "INDEXED BY ap_resumen_entidad WHERE entidad_id = ?5 AND servicio = ?1 "
	    "AND segundos = ?2 AND inicio >= ?3 AND inicio < ?4 ORDER BY inicio",
	/* -> the APs with SAT enabled: id, nit, razon_social (from the few entities with SAT:
	 * CROSS JOIN keeps that order; SQLite would otherwise read every entity, 100,000 at
	 * national scale, on each report page) */
	[ST_AP_ENTIDADES] = "SELECT e.id, e.nit, e.razon_social FROM sat_entidad s "
	    "CROSS JOIN entidad e ON e.id = s.entidad_id WHERE e.tipo = 'AP' "
	    "ORDER BY e.razon_social, e.id",
	/* id -> razon_social of an AP */
	[ST_AP_ENTIDAD_RAZON] = "SELECT razon_social FROM entidad WHERE id = ? AND tipo = 'AP'",
	/* nombre, descripcion, url_base, openapi, now: the catalog entry (demo); the id via
	 * RETURNING, also when it existed */
	[ST_AP_SERVICIO_UPSERT] = "INSERT INTO servicio(nombre, descripcion, tipo_entidad, estado, "
	    "url_base, metodo, openapi, creado, actualizado) VALUES (?1, ?2, 'AP', 'Activo', ?3, "
	    "'POST', ?4, ?5, ?5) ON CONFLICT (nombre) DO UPDATE SET openapi = ?4 RETURNING id",
	/* servicio_id, entidad_id, client_id, asignado, asignado_por */
	[ST_AP_ASIGNAR] = "INSERT INTO servicio_asignado(servicio_id, entidad_id, client_id, "
	    "asignado, asignado_por) VALUES (?,?,?,?,?)",
	/* clave (scrypt MCF), clave_fecha, clave_por, entidad_id */
	[ST_AP_CLAVE_SET] = "UPDATE sat_entidad SET clave = ?, clave_fecha = ?, clave_por = ? "
	    "WHERE entidad_id = ?",
	/* -> the perfil of Rol_WS_AP (010) */
	[ST_AP_PERFIL] = "SELECT id FROM perfil WHERE rol = 'Rol_WS_AP' ORDER BY id LIMIT 1",
	/* nit pattern, folded razón social pattern (LIKE, escape '\\'), limit -> the CCF and
	 * AP entities matching either: id, nit, razon_social, tipo, SAT activo (0 also when
	 * never activated), active assignments */
	[ST_SAT_ENTIDADES] = "SELECT e.id, e.nit, e.razon_social, e.tipo, "
	    "coalesce(s.activo, 0), (SELECT count(*) FROM servicio_asignado a "
	    "WHERE a.entidad_id = e.id AND a.activo = 1) FROM entidad e "
	    "LEFT JOIN sat_entidad s ON s.entidad_id = e.id WHERE e.tipo IN ('CCF', 'AP') "
	    "AND (e.nit LIKE ?1 ESCAPE '\\' OR e.razon_norm LIKE ?2 ESCAPE '\\') "
	    "ORDER BY e.razon_norm, e.id LIMIT ?3",
	/* entidad_id -> of a CCF or AP entity: nit, razon_social, tipo, SAT activo (NULL:
	 * never activated), activado, name of who activated, clave_fecha */
	[ST_SAT_ENTIDAD_GET] = "SELECT e.nit, e.razon_social, e.tipo, s.activo, s.activado, "
	    "u.nombre, s.clave_fecha FROM entidad e LEFT JOIN sat_entidad s ON "
	    "s.entidad_id = e.id LEFT JOIN usuario u ON u.id = s.activado_por "
	    "WHERE e.id = ? AND e.tipo IN ('CCF', 'AP')",
	/* entidad_id: the module off for the entity (its users see why) */
	[ST_SAT_DESACTIVAR] = "UPDATE sat_entidad SET activo = 0 WHERE entidad_id = ? "
	    "AND activo = 1",
	/* -> the catalog: id, nombre, tipo_entidad, estado, url_base, metodo, actualizado,
	 * active assignments */
	[ST_SERVICIO_LIST] = "SELECT s.id, s.nombre, s.tipo_entidad, s.estado, s.url_base, "
	    "s.metodo, s.actualizado, (SELECT count(*) FROM servicio_asignado a WHERE "
	    "a.servicio_id = s.id AND a.activo = 1) FROM servicio s "
	    "ORDER BY s.tipo_entidad, s.nombre",
	/* id -> nombre, descripcion, tipo_entidad, estado, url_base, metodo, openapi */
	[ST_SERVICIO_GET] = "SELECT nombre, descripcion, tipo_entidad, estado, url_base, "
	    "metodo, openapi FROM servicio WHERE id = ?",
	/* nombre, descripcion, tipo_entidad, estado, url_base, metodo, openapi, now */
	[ST_SERVICIO_INSERT] = "INSERT INTO servicio(nombre, descripcion, tipo_entidad, estado, "
	    "url_base, metodo, openapi, creado, actualizado) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?8)",
	/* nombre, descripcion, tipo_entidad, estado, url_base, metodo, openapi, now, id; changes
	 * nothing when the type would change while the service is enabled for an entity */
	[ST_SERVICIO_UPDATE] = "UPDATE servicio SET nombre = ?1, descripcion = ?2, "
	    "tipo_entidad = ?3, estado = ?4, url_base = ?5, metodo = ?6, openapi = ?7, "
	    "actualizado = ?8 WHERE id = ?9 AND (tipo_entidad = ?3 OR NOT EXISTS (SELECT 1 "
	    "FROM servicio_asignado a WHERE a.servicio_id = ?9 AND a.activo = 1))",
	/* entidad_id -> every assignment of the entity: id, nombre, client_id, activo,
	 * asignado, servicio estado, name of who assigned */
	[ST_SERVICIO_ASIGNADOS] = "SELECT a.id, s.nombre, a.client_id, a.activo, a.asignado, "
	    "s.estado, u.nombre FROM servicio_asignado a JOIN servicio s ON s.id = a.servicio_id "
	    "JOIN usuario u ON u.id = a.asignado_por WHERE a.entidad_id = ? ORDER BY s.nombre",
	/* entidad_id, tipo -> the active services of that entity type not enabled for the
	 * entity: id, nombre */
	[ST_SERVICIO_ASIGNABLES] = "SELECT s.id, s.nombre FROM servicio s WHERE "
	    "s.tipo_entidad = ?2 AND s.estado = 'Activo' AND NOT EXISTS (SELECT 1 FROM "
	    "servicio_asignado a WHERE a.servicio_id = s.id AND a.entidad_id = ?1 AND "
	    "a.activo = 1) ORDER BY s.nombre",
	/* servicio_id, entidad_id, client_id, now, asignado_por: enables the service for the
	 * entity; enabling it again keeps the Client ID it had */
	[ST_SERVICIO_ASIGNAR] = "INSERT INTO servicio_asignado(servicio_id, entidad_id, "
	    "client_id, activo, asignado, asignado_por) VALUES (?1, ?2, ?3, 1, ?4, ?5) "
	    "ON CONFLICT (servicio_id, entidad_id) DO UPDATE SET activo = 1, asignado = ?4, "
	    "asignado_por = ?5 WHERE activo = 0",
	/* id -> entidad_id, servicio nombre, client_id, activo */
	[ST_SERVICIO_ASIGNADO_GET] = "SELECT a.entidad_id, s.nombre, a.client_id, a.activo "
	    "FROM servicio_asignado a JOIN servicio s ON s.id = a.servicio_id WHERE a.id = ?",
	/* id: the assignment off (the entity no longer sees the service) */
	[ST_SERVICIO_ASIGNADO_DESACTIVAR] = "UPDATE servicio_asignado SET activo = 0 "
	    "WHERE id = ? AND activo = 1",
	/* assignment id, entidad_id -> when it is the entity's and active: nombre, client_id,
	 * estado, url_base, metodo, descripcion, openapi */
	[ST_SAT_SERVICIO_ENTIDAD] = "SELECT s.nombre, a.client_id, s.estado, s.url_base, "
	    "s.metodo, s.descripcion, s.openapi FROM servicio_asignado a JOIN servicio s ON "
	    "s.id = a.servicio_id WHERE a.id = ? AND a.entidad_id = ? AND a.activo = 1",
	/* entidad_id -> clave_fecha (NULL: no password yet), name of who set it */
	[ST_SAT_CLAVE_GET] = "SELECT s.clave_fecha, u.nombre FROM sat_entidad s LEFT JOIN "
	    "usuario u ON u.id = s.clave_por WHERE s.entidad_id = ?",
	/* clave (scrypt MCF), clave_fecha, clave_por, entidad_id */
	[ST_SAT_CLAVE_SET] = "UPDATE sat_entidad SET clave = ?, clave_fecha = ?, clave_por = ? "
	    "WHERE entidad_id = ?",

	/* entidad_id -> the services the entity shares: id, nombre, url, metodo, datos,
	 * credenciales (NULL: that form not saved yet) */
	[ST_COMPARTIDO_LIST] = "SELECT id, nombre, url, metodo, datos, credenciales "
	    "FROM servicio_compartido WHERE entidad_id = ? ORDER BY nombre, id",
	/* id, entidad_id -> one shared service of that entity (sql columns in the order of
	 * struct compartido, cgi/sat/compartir.c) */
	[ST_COMPARTIDO_GET] = "SELECT id, nombre, descripcion, url, metodo, llave_pem, llave_tipo, "
	    "llave_bits, llave_huella, llave_vence, ejemplo, token_nombre, token_url, usuario, "
	    "clave, client_id, client_secret, scope, grant_type, cliente_en_cuerpo, datos, "
	    "credenciales FROM servicio_compartido WHERE id = ? AND entidad_id = ?",
	/* entidad_id, nombre, id -> 1 when another service of the entity has that name */
	[ST_COMPARTIDO_NOMBRE_USADO] = "SELECT 1 FROM servicio_compartido WHERE entidad_id = ? "
	    "AND nombre = ? AND id <> ?",
	/* entidad_id, nombre, descripcion, url, metodo, llave_pem, llave_tipo, llave_bits,
	 * llave_huella, llave_vence (0: NULL), ejemplo, datos (= creado = actualizado) */
	[ST_COMPARTIDO_INSERT] = "INSERT INTO servicio_compartido(entidad_id, nombre, descripcion, "
	    "url, metodo, llave_pem, llave_tipo, llave_bits, llave_huella, llave_vence, ejemplo, "
	    "datos, creado, actualizado) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,NULLIF(?10, 0),?11,?12,?12,?12)",
	/* nombre, descripcion, url, metodo, llave_pem, llave_tipo, llave_bits, llave_huella,
	 * llave_vence (0: NULL), ejemplo, datos (= actualizado), id, entidad_id */
	[ST_COMPARTIDO_DATOS] = "UPDATE servicio_compartido SET nombre = ?1, descripcion = ?2, "
	    "url = ?3, metodo = ?4, llave_pem = ?5, llave_tipo = ?6, llave_bits = ?7, "
	    "llave_huella = ?8, llave_vence = NULLIF(?9, 0), ejemplo = ?10, datos = ?11, actualizado = ?11 "
	    "WHERE id = ?12 AND entidad_id = ?13",
	/* token_nombre, token_url, usuario, clave (sealed or NULL), client_id, client_secret
	 * (sealed or NULL), scope, grant_type, cliente_en_cuerpo, credenciales
	 * (= actualizado), id, entidad_id */
	[ST_COMPARTIDO_CREDENCIALES] = "UPDATE servicio_compartido SET token_nombre = ?1, "
	    "token_url = ?2, usuario = ?3, clave = ?4, client_id = ?5, client_secret = ?6, "
	    "scope = ?7, grant_type = ?8, cliente_en_cuerpo = ?9, credenciales = ?10, "
	    "actualizado = ?10 WHERE id = ?11 AND entidad_id = ?12",
	/* id, entidad_id */
	[ST_COMPARTIDO_DELETE] = "DELETE FROM servicio_compartido WHERE id = ? AND entidad_id = ?",
};
