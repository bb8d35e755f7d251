/*
 * The statements of MIPRES (cgi/mipres/): tokens, lines and steps, queries, Cargue masivo,
 * the Direccionamientos page. Each is prepared once per worker (db_stmt(), cgi/core/db.h);
 * their names are in cgi/core/sql.h. Placeholders are positional: the comment names them in
 * order, then the columns a query returns.
 */
#include "core/sql.h"

/* The columns every MIPRES query returns (see ST_MIPRES_Q_FECHA_PROV; named: enum
 * mipres_q_col). */
#define MIPRES_Q "SELECT p.linea_id, p.id, l.no_prescripcion, l.tipo_tec, l.con_tec, " \
	"l.tipo_id_paciente, l.no_id_paciente, l.no_entrega, p.datos, p.fecha, p.estado, " \
	"p.fec_anulacion FROM mipres_paso p JOIN mipres_linea l ON l.id = p.linea_id "

const char *const mipres_sql[ST__MAX] = {
	/* A MIPRES step inside the caller's transaction (Cargue masivo's groups of rows):
	 * its own savepoint, kept (RELEASE) or undone (ROLLBACK TO, then RELEASE) */
	[ST_PASO_SAVEPOINT] = "SAVEPOINT paso",
	[ST_PASO_RELEASE] = "RELEASE paso",
	[ST_PASO_ROLLBACK_TO] = "ROLLBACK TO paso",
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
	 * first five; the forms show the rest) (columns: enum mipres_linea_by_id_col) */
	[ST_MIPRES_LINEA_BY_ID] = "SELECT eps_id, prov_nit, fec_max_ent, cant_total, regimen, "
	    "no_prescripcion, tipo_tec, con_tec, tipo_id_paciente, no_id_paciente, no_entrega "
	    "FROM mipres_linea WHERE id = ?",
	/* linea_id -> tipo, estado, cantidad, id, datos, fecha of every step of the line,
	 * oldest first (columns: enum mipres_pasos_linea_col) */
	[ST_MIPRES_PASOS_LINEA] = "SELECT tipo, estado, cantidad, id, datos, fecha "
	    "FROM mipres_paso WHERE linea_id = ? ORDER BY id",
	/* id -> eps_id, prov_nit, fec_max_ent, cant_total, regimen of the line, then tipo,
	 * estado, cantidad, id of one of its steps (NULL when it has none), a row per step in
	 * no order: what the rules read (ctx_load), inside the writers' lock, in one statement
	 * (on PostgreSQL one round trip, where the line and its steps took two). Without
	 * ORDER BY, no sort of the index's rows: 19,500 -> 10,500 instructions (issue 17)
	 * (columns: enum mipres_linea_estados_col) */
	[ST_MIPRES_LINEA_ESTADOS] = "SELECT l.eps_id, l.prov_nit, l.fec_max_ent, l.cant_total, "
	    "l.regimen, p.tipo, p.estado, p.cantidad, p.id FROM mipres_linea l "
	    "LEFT JOIN mipres_paso p ON p.linea_id = l.id WHERE l.id = ?",
	/* linea_id, tipo, ambito, fecha, dia, prov_nit, eps_id, cantidad, datos */
	[ST_MIPRES_PASO_INSERT] = "INSERT INTO mipres_paso(linea_id, tipo, ambito, fecha, dia, "
	    "prov_nit, eps_id, cantidad, datos) VALUES (?,?,?,?,?,?,?,?,?)",
	/* estado (new), id, estado (old): moves a live step, found by its id (the rules read
	 * it with the line's steps). By (linea_id, tipo, estado), SQLite first gathered the
	 * rows into a temporary table (the index it searched, mipres_paso_linea, holds the
	 * estado it changes): 27,000 instructions of a PUT inside the writers' lock (issue 17) */
	[ST_MIPRES_PASO_ESTADO_ID] = "UPDATE mipres_paso SET estado = ? WHERE id = ? AND estado = ?",
	/* id, tipo -> linea_id, estado, ambito, prov_nit, eps_id, the line's regimen, datos,
	 * fecha, fec_anulacion of a step (columns: enum mipres_paso_by_id_col) */
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

	/* MIPRES bench (cgi/tools/mipres_bench.c): a step loaded in a given state, of the last
	 * line (in the loader's transaction, the line it inserted last: on PostgreSQL the lines
	 * its snapshot sees drew their ids before it began; on SQLite it is the one writer),
	 * so the loader sends the line and its steps without waiting for the line's id.
	 * tipo, estado, fecha, dia, prov_nit, eps_id, cantidad, datos */
	[ST_MIPRES_BENCH_PASO] = "INSERT INTO mipres_paso(linea_id, tipo, estado, fecha, dia, "
	    "prov_nit, eps_id, cantidad, datos) VALUES ((SELECT max(id) FROM mipres_linea), "
	    "?,?,?,?,?,?,?,?)",
	/* -> the last line's id (as above) */
	[ST_MIPRES_BENCH_ULTIMA] = "SELECT max(id) FROM mipres_linea",
	/* linea_id -> the id of its active programación (bench-commits) */
	[ST_MIPRES_BENCH_PROGRAMADA] = "SELECT id FROM mipres_paso "
	    "WHERE linea_id = ? AND tipo = 'P' AND estado = 1",
};
