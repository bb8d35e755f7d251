/*
 * The route table: every path of the portal, the roles allowed and its flags.
 * tests/unit/test_router.c walks it: every POST has F_CSRF, every route names roles.
 */
#include "pages.h"
#include "roles.h"
#include "router.h"

const struct route routes[] = {
	{ "GET", "/", R_PUBLIC, 0, page_home },
	{ "GET", "/login", R_PUBLIC, 0, page_login },
	{ "POST", "/login", R_PUBLIC, F_CSRF, page_login_post },
	{ "POST", "/logout", R_USER | R_PICK | R_CODIGO | R_ENROLAR, F_CSRF, page_logout },
	{ "GET", "/login/codigo", R_CODIGO, 0, page_login_codigo },
	{ "POST", "/login/codigo", R_CODIGO, F_CSRF, page_login_codigo_post },
	{ "GET", "/cuenta/dos-pasos", R_USER | R_ENROLAR, F_NOSTORE, page_dos_pasos },
	{ "POST", "/cuenta/dos-pasos", R_USER | R_ENROLAR, F_CSRF | F_NOSTORE | F_REAUTH | F_VOLVER,
	    page_dos_pasos_post },
	{ "GET", "/cuenta/dos-pasos/qr", R_USER | R_ENROLAR, F_NOSTORE, page_dos_pasos_qr },
	{ "POST", "/reautenticar", R_USER | R_ENROLAR, F_CSRF | F_NOSTORE, page_reautenticar_post },
	{ "GET", "/roles", R_USER | R_PICK, 0, page_roles },
	{ "POST", "/roles", R_USER | R_PICK, F_CSRF, page_roles_post },

	{ "GET", "/registro", R_PUBLIC, 0, page_registro },
	{ "POST", "/registro", R_PUBLIC, F_CSRF | F_NOSTORE, page_registro_post },
	{ "GET", "/registro/otro", R_PUBLIC, 0, page_registro_otro },
	{ "POST", "/registro/otro", R_PUBLIC, F_CSRF | F_NOSTORE, page_registro_otro_post },
	{ "GET", "/registro/reto/{id}", R_PUBLIC, F_NOSTORE, page_reto_imagen },
	{ "GET", "/clave/olvido", R_PUBLIC, 0, page_clave_olvido },
	{ "POST", "/clave/olvido", R_PUBLIC, F_CSRF, page_clave_olvido_post },
	{ "GET", "/clave/{token}", R_PUBLIC, F_NOSTORE, page_clave_enlace },
	{ "POST", "/clave/{token}", R_PUBLIC, F_CSRF | F_NOSTORE, page_clave_enlace_post },
	{ "GET", "/cuenta/clave", R_USER, 0, page_cuenta_clave },
	{ "POST", "/cuenta/clave", R_USER, F_CSRF, page_cuenta_clave_post },

	{ "GET", "/ihce", R_IPS, 0, page_ihce_home },
	{ "GET", "/ihce/solicitud", R_IPS, 0, page_ihce_solicitud },
	{ "POST", "/ihce/solicitud", R_IPS, F_CSRF, page_ihce_solicitud_post },
	{ "GET", "/ihce/solicitudes/{id}", R_IPS, 0, page_ihce_detalle },
	{ "GET", "/ihce/llaves", R_IPS, F_NOSTORE, page_ihce_llaves },
	{ "POST", "/ihce/llaves/mostrar", R_IPS, F_CSRF | F_NOSTORE | F_REAUTH,
	    page_ihce_mostrar },
	{ "GET", "/ihce/activar", R_IPS, F_NOSTORE, page_ihce_activar },
	{ "POST", "/ihce/activar", R_IPS, F_CSRF | F_NOSTORE, page_ihce_activar_post },

	{ "GET", "/autorizados", R_DELEGADO, 0, page_autorizados },
	{ "GET", "/autorizados/nuevo", R_DELEGADO, 0, page_autorizado_nuevo },
	{ "POST", "/autorizados/nuevo", R_DELEGADO, F_CSRF, page_autorizado_nuevo_post },
	{ "GET", "/autorizados/{id}", R_DELEGADO, 0, page_autorizado },
	{ "POST", "/autorizados/{id}", R_DELEGADO, F_CSRF, page_autorizado_post },
	{ "POST", "/autorizados/{id}/inactivar", R_DELEGADO, F_CSRF, page_autorizado_inactivar },

	{ "GET", "/sat", R_CCF, 0, page_sat_home },
	{ "GET", "/sat/terminos", R_CCF, 0, page_sat_terminos },
	{ "POST", "/sat/terminos", R_CCF, F_CSRF, page_sat_terminos_post },
	{ "GET", "/sat/compartidos", R_CCF, 0, page_sat_compartidos },
	{ "GET", "/sat/compartidos/nuevo", R_CCF, 0, page_sat_compartido_nuevo },
	{ "POST", "/sat/compartidos/nuevo", R_CCF, F_CSRF, page_sat_compartido_nuevo_post },
	{ "GET", "/sat/compartidos/{id}", R_CCF, 0, page_sat_compartido },
	{ "POST", "/sat/compartidos/{id}", R_CCF, F_CSRF, page_sat_compartido_post },
	{ "GET", "/sat/compartidos/{id}/credenciales", R_CCF, F_NOSTORE, page_sat_credenciales },
	{ "POST", "/sat/compartidos/{id}/credenciales", R_CCF, F_CSRF | F_NOSTORE,
	    page_sat_credenciales_post },
	{ "GET", "/sat/compartidos/{id}/eliminar", R_CCF, 0, page_sat_compartido_eliminar },
	{ "POST", "/sat/compartidos/{id}/eliminar", R_CCF, F_CSRF,
	    page_sat_compartido_eliminar_post },
	{ "GET", "/sat/compartidos/{id}/probar", R_CCF, 0, page_sat_probar },
	{ "POST", "/sat/compartidos/{id}/probar", R_CCF, F_CSRF | F_NOSTORE, page_sat_probar_post },

	{ "GET", "/msps/asignar", R_MSPS, 0, page_msps_asignar },
	{ "GET", "/msps/actualizar", R_MSPS, 0, page_msps_actualizar },
	{ "GET", "/msps/solicitudes/{id}", R_MSPS, F_NOSTORE, page_msps_solicitud },
	{ "POST", "/msps/solicitudes/{id}", R_MSPS, F_CSRF | F_NOSTORE, page_msps_guardar },
	{ "POST", "/msps/solicitudes/{id}/rechazar", R_MSPS, F_CSRF, page_msps_rechazar },
	{ "POST", "/msps/solicitudes/{id}/activacion", R_MSPS, F_CSRF, page_msps_reemitir },
	{ "GET", "/msps/ambientes", R_MSPS, F_NOSTORE, page_msps_ambientes },
	{ "POST", "/msps/ambientes", R_MSPS, F_CSRF | F_NOSTORE, page_msps_ambientes_post },

	{ "GET", "/admin", R_ADMIN, 0, page_admin_home },
	{ "GET", "/admin/cuentas", R_ADMIN, 0, page_admin_cuentas },
	{ "POST", "/admin/cuentas/{id}/aprobar", R_ADMIN, F_CSRF, page_admin_cuenta_aprobar },
	{ "POST", "/admin/cuentas/{id}/rechazar", R_ADMIN, F_CSRF, page_admin_cuenta_rechazar },
	{ "GET", "/admin/bloqueos", R_ADMIN, 0, page_admin_bloqueos },
	{ "POST", "/admin/bloqueos/desbloquear", R_ADMIN, F_CSRF, page_admin_desbloquear },
	{ "GET", "/admin/correo", R_ADMIN, 0, page_admin_correo },
	{ "POST", "/admin/correo/{id}/reintentar", R_ADMIN, F_CSRF, page_admin_reintentar },
	{ "GET", "/admin/smtp", R_ADMIN, 0, page_admin_smtp },
	{ "GET", "/admin/dos-pasos", R_ADMIN, 0, page_admin_dos_pasos },
	{ "POST", "/admin/dos-pasos/{id}/restablecer", R_ADMIN, F_CSRF,
	    page_admin_dos_pasos_restablecer },
};

const size_t nroutes = sizeof(routes) / sizeof(routes[0]);
