/*
 * The route table: every path of the portal, the roles allowed, its flags, and what its
 * handler needs (an argument, the error dialect, the body cap); the areas that answer
 * where no route does (and what /metricas counts of them); the page that asks for the
 * password again; the paths whose secret every log masks.
 * tests/unit/core/test_router.c walks it: every POST has F_CSRF (but the AP port's F_AP
 * services, which have no session to forge), every route names roles, every dialect and
 * cap agrees with its area.
 */
#include <strings.h>

#include "admin/admin.h"
#include "ap/ap.h"
#include "core/log.h"
#include "core/metricas.h"
#include "core/roles.h"
#include "core/router.h"
#include "cuentas/cuentas.h"
#include "ihce/ihce.h"
/* enum mipres_tx, enum mipres_paso: the MIPRES rows' arguments */
#include "mipres/generar_token.h"
#include "mipres/mipres.h"
#include "sat/sat.h"

/* Rows name only what they need: the fields left out are zero (no argument, HTML errors,
 * BODY_MAX). */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

/* /metricas' calls of the MIPRES API (by operation) and of the AP port (by service). */
static const struct met_llamadas mipres_llamadas = { "mipres", "Llamadas a la API MIPRES "
    "Suministro, por operación y resultado.", "operation", F_API, "/WSSUMMIPRESNOPBS/api/" };
static const struct met_llamadas ap_llamadas = { "ap", "Llamadas a los servicios web de las "
    "Administradoras de Pensiones, por servicio y resultado.", "service", F_AP, "/" };

const struct route_area route_areas[] = {
	{ 0, "/WSSUMMIPRESNOPBS/", DIALECT_MESSAGE, MP_BODY_MAX, "(ninguna: /WSSUMMIPRESNOPBS/)",
	    &mipres_llamadas },
	/* The AP port answers its clients in OAuth's shape, whatever the path. */
	{ 1, "", DIALECT_OAUTH, 0, "(ninguna: puerto AP)", &ap_llamadas },
};

const size_t nroute_areas = sizeof(route_areas) / sizeof(route_areas[0]);

const handler route_reautenticar = page_reautenticacion;

/* Where a MIPRES API path keeps the token, counted from its operation op (n bytes):
 * <op>/<nit>/<token>..., <op>XPacienteFecha/<nit>/<fecha>/<token>/... */
static int
mipres_segmento_token(const char *op, size_t n)
{
	return n >= 14 && strncasecmp(op + n - 14, "XPacienteFecha", 14) == 0 ? 3 : 2;
}

/* The token of a MIPRES API path is masked in every log even when short. */
const struct log_ruta_secreta log_rutas_secretas[] = {
	{ "/WSSUMMIPRESNOPBS/api/", mipres_segmento_token },
};

const size_t nlog_rutas_secretas = sizeof(log_rutas_secretas) / sizeof(log_rutas_secretas[0]);

const struct route routes[] = {
	{ "GET", "/", R_PUBLIC, 0, page_home },
	{ "GET", "/login", R_PUBLIC, 0, page_login },
	/* Probes (cgi/admin/salud.c): the load balancer's health check, Prometheus's scrape. */
	{ "GET", "/salud", R_PUBLIC, F_SONDA | F_NOSTORE, page_salud },
	{ "GET", "/metricas", R_PUBLIC, F_SONDA | F_NOSTORE, page_metricas },
	{ "POST", "/login", R_PUBLIC, F_CSRF, page_login_post },
	{ "POST", "/logout", R_USER | R_PICK | R_CODIGO | R_ENROLAR | R_INVITADO, F_CSRF,
	    page_logout },
	{ "GET", "/login/codigo", R_CODIGO, 0, page_login_codigo },
	{ "POST", "/login/codigo", R_CODIGO, F_CSRF, page_login_codigo_post },
	{ "GET", "/cuenta/dos-pasos", R_USER | R_ENROLAR, F_NOSTORE, page_dos_pasos },
	{ "POST", "/cuenta/dos-pasos", R_USER | R_ENROLAR, F_CSRF | F_NOSTORE | F_REAUTH | F_VOLVER,
	    page_dos_pasos_post },
	{ "GET", "/cuenta/dos-pasos/qr", R_USER | R_ENROLAR, F_NOSTORE, page_dos_pasos_qr },
	{ "POST", "/reautenticar", R_USER | R_ENROLAR, F_CSRF | F_NOSTORE, page_reautenticacion_post },
	{ "GET", "/roles", R_USER | R_PICK, 0, page_roles },
	{ "POST", "/roles", R_USER | R_PICK, F_CSRF, page_roles_post },
	/* Invitations to an authorization: the invited person's own (cgi/cuentas/invitaciones.c). */
	{ "GET", "/invitaciones", R_USER | R_PICK | R_INVITADO, 0, page_invitaciones },
	{ "GET", "/invitaciones/{token}", R_USER | R_PICK | R_INVITADO, F_NOSTORE,
	    page_invitacion },
	{ "POST", "/invitaciones/{token}", R_USER | R_PICK | R_INVITADO, F_CSRF | F_NOSTORE,
	    page_invitacion_post },

	{ "GET", "/registro", R_PUBLIC, 0, page_registro },
	/* The designation letter (cgi/cuentas/delegados.h) takes a larger body. */
	{ "POST", "/registro", R_PUBLIC, F_CSRF | F_NOSTORE, page_registro_post, 0, DIALECT_HTML,
	    REGISTRO_BODY_MAX },
	{ "GET", "/registro/otro", R_PUBLIC, 0, page_registro_otro },
	{ "POST", "/registro/otro", R_PUBLIC, F_CSRF | F_NOSTORE, page_registro_otro_post },
	{ "GET", "/registro/reto/{id}", R_PUBLIC, F_NOSTORE, page_reto_imagen },
	{ "GET", "/clave/olvido", R_PUBLIC, 0, page_clave_olvido },
	{ "POST", "/clave/olvido", R_PUBLIC, F_CSRF, page_clave_olvido_post },
	{ "GET", "/usuario/olvido", R_PUBLIC, 0, page_usuario_olvido },
	{ "POST", "/usuario/olvido", R_PUBLIC, F_CSRF, page_usuario_olvido_post },
	{ "GET", "/clave/{token}", R_PUBLIC, F_NOSTORE, page_clave_enlace },
	{ "POST", "/clave/{token}", R_PUBLIC, F_CSRF | F_NOSTORE, page_clave_enlace_post },
	{ "GET", "/cuenta/clave", R_USER, 0, page_cuenta_clave },
	{ "POST", "/cuenta/clave", R_USER, F_CSRF, page_cuenta_clave_post },
	/* The footer's pages: personal-data policy, terms of use, accessibility statement. */
	{ "GET", "/privacidad", R_PUBLIC, 0, page_privacidad },
	{ "GET", "/terminos", R_PUBLIC, 0, page_terminos },
	{ "GET", "/accesibilidad", R_PUBLIC, 0, page_accesibilidad },

	{ "GET", "/ihce", R_IPS, 0, page_ihce_home },
	{ "GET", "/ihce/solicitud", R_IPS, 0, page_ihce_solicitud },
	{ "POST", "/ihce/solicitud", R_IPS, F_CSRF, page_ihce_solicitud_post },
	{ "GET", "/ihce/solicitudes/{id:int}", R_IPS, 0, page_ihce_detalle },
	{ "GET", "/ihce/llaves", R_IPS, F_NOSTORE, page_ihce_llaves },
	{ "POST", "/ihce/llaves/mostrar", R_IPS, F_CSRF | F_NOSTORE | F_REAUTH,
	    page_ihce_llaves_show },
	{ "GET", "/ihce/activar", R_IPS, F_NOSTORE, page_ihce_activacion },
	{ "POST", "/ihce/activar", R_IPS, F_CSRF | F_NOSTORE, page_ihce_activacion_post },

	{ "GET", "/autorizados", R_DELEGADO, 0, page_autorizados },
	{ "GET", "/autorizados/nuevo", R_DELEGADO, 0, page_autorizado_nuevo },
	{ "POST", "/autorizados/nuevo", R_DELEGADO, F_CSRF, page_autorizado_nuevo_post },
	{ "GET", "/autorizados/{id:int}", R_DELEGADO, 0, page_autorizado },
	{ "POST", "/autorizados/{id:int}", R_DELEGADO, F_CSRF, page_autorizado_post },
	{ "POST", "/autorizados/{id:int}/inactivar", R_DELEGADO, F_CSRF,
	    page_autorizado_deactivate },
	{ "POST", "/autorizados/{id:int}/reactivar", R_DELEGADO, F_CSRF,
	    page_autorizado_reactivate },

	{ "GET", "/sat", R_CCF | R_AP, 0, page_sat_home },
	{ "GET", "/sat/terminos", R_CCF | R_AP, 0, page_sat_terminos },
	{ "POST", "/sat/terminos", R_CCF | R_AP, F_CSRF, page_sat_terminos_post },
	{ "GET", "/sat/reporte", R_AP, 0, page_ap_reporte_sat },
	{ "GET", "/sat/reporte.csv", R_AP, 0, page_ap_reporte_sat_csv },
	{ "GET", "/sat/servicios/{id:int}", R_CCF | R_AP, 0, page_sat_servicio },
	/* Credentials change only within REAUTH_MAX of the password: a form with a secret
	 * that is never sent back asks before it shows (GET), and if the time runs out while
	 * it is open the POST asks again and returns to the form (F_VOLVER). */
	{ "GET", "/sat/clave", R_CCF | R_AP, F_REAUTH, page_sat_clave },
	{ "POST", "/sat/clave", R_CCF | R_AP, F_CSRF | F_REAUTH | F_VOLVER, page_sat_clave_post },
	{ "GET", "/sat/compartidos", R_CCF, 0, page_sat_compartidos },
	{ "GET", "/sat/compartidos/nuevo", R_CCF, 0, page_sat_compartido_nuevo },
	{ "POST", "/sat/compartidos/nuevo", R_CCF, F_CSRF, page_sat_compartido_nuevo_post },
	{ "GET", "/sat/compartidos/{id:int}", R_CCF, 0, page_sat_compartido },
	{ "POST", "/sat/compartidos/{id:int}", R_CCF, F_CSRF, page_sat_compartido_post },
	{ "GET", "/sat/compartidos/{id:int}/credenciales", R_CCF, F_NOSTORE | F_REAUTH,
	    page_sat_credenciales },
	{ "POST", "/sat/compartidos/{id:int}/credenciales", R_CCF,
	    F_CSRF | F_NOSTORE | F_REAUTH | F_VOLVER, page_sat_credenciales_post },
	{ "GET", "/sat/compartidos/{id:int}/eliminar", R_CCF, 0, page_sat_compartido_eliminacion },
	{ "POST", "/sat/compartidos/{id:int}/eliminar", R_CCF, F_CSRF,
	    page_sat_compartido_eliminacion_post },
	{ "GET", "/sat/compartidos/{id:int}/probar", R_CCF, 0, page_sat_prueba },
	{ "POST", "/sat/compartidos/{id:int}/probar", R_CCF, F_CSRF | F_NOSTORE,
	    page_sat_prueba_post },

	{ "GET", "/msps/asignar", R_MSPS, 0, page_msps_asignacion },
	{ "GET", "/msps/actualizar", R_MSPS, 0, page_msps_actualizacion },
	{ "GET", "/msps/solicitudes/{id:int}", R_MSPS, F_NOSTORE, page_msps_solicitud },
	/* The key form and the rejection are confirmed on a page of their own, which carries
	 * the validated values sealed (cgi/ihce/confirmar.c); only Confirmar writes, and the keys'
	 * Confirmar asks for the password (the sealed field goes through that step). */
	{ "POST", "/msps/solicitudes/{id:int}", R_MSPS, F_CSRF | F_NOSTORE, page_msps_save },
	{ "POST", "/msps/solicitudes/{id:int}/confirmar", R_MSPS, F_CSRF | F_NOSTORE | F_REAUTH,
	    page_msps_confirmacion },
	{ "POST", "/msps/solicitudes/{id:int}/rechazar", R_MSPS, F_CSRF, page_msps_reject },
	{ "POST", "/msps/solicitudes/{id:int}/rechazar/confirmar", R_MSPS, F_CSRF,
	    page_msps_rechazo_confirmacion },
	{ "POST", "/msps/solicitudes/{id:int}/activacion", R_MSPS, F_CSRF, page_msps_reissue },
	/* Solicitudes de delegado (cgi/cuentas/delegados.c): registrations waiting for approval. */
	{ "GET", "/msps/delegados", R_MSPS, 0, page_msps_delegados },
	{ "GET", "/msps/delegados/{id:int}", R_MSPS, 0, page_msps_delegado },
	{ "GET", "/msps/delegados/{id:int}/carta", R_MSPS, F_NOSTORE, page_msps_delegado_carta },
	{ "POST", "/msps/delegados/{id:int}/aprobar", R_MSPS, F_CSRF, page_msps_delegado_approve },
	{ "POST", "/msps/delegados/{id:int}/rechazar", R_MSPS, F_CSRF,
	    page_msps_delegado_reject },
	{ "GET", "/msps/ambientes", R_MSPS, F_NOSTORE | F_REAUTH, page_msps_ambientes },
	{ "GET", "/msps/ap/reporte", R_MSPS, 0, page_ap_reporte_msps },
	{ "GET", "/msps/ap/reporte.csv", R_MSPS, 0, page_ap_reporte_msps_csv },
	{ "POST", "/msps/ambientes", R_MSPS, F_CSRF | F_NOSTORE | F_REAUTH | F_VOLVER,
	    page_msps_ambientes_post },
	{ "GET", "/msps/sat", R_MSPS, 0, page_msps_sat },
	{ "GET", "/msps/sat/entidades/{id:int}", R_MSPS, 0, page_msps_sat_entidad },
	{ "POST", "/msps/sat/entidades/{id:int}/activar", R_MSPS, F_CSRF, page_msps_sat_activate },
	{ "POST", "/msps/sat/entidades/{id:int}/desactivar", R_MSPS, F_CSRF,
	    page_msps_sat_deactivate },
	{ "POST", "/msps/sat/entidades/{id:int}/asignar", R_MSPS, F_CSRF, page_msps_sat_assign },
	{ "POST", "/msps/sat/asignados/{id:int}/desactivar", R_MSPS, F_CSRF,
	    page_msps_sat_asignado_deactivate },
	{ "GET", "/msps/sat/servicios", R_MSPS, 0, page_msps_sat_servicios },
	{ "GET", "/msps/sat/servicios/nuevo", R_MSPS, 0, page_msps_sat_servicio_nuevo },
	{ "POST", "/msps/sat/servicios/nuevo", R_MSPS, F_CSRF, page_msps_sat_servicio_nuevo_post },
	{ "GET", "/msps/sat/servicios/{id:int}", R_MSPS, 0, page_msps_sat_servicio },
	{ "POST", "/msps/sat/servicios/{id:int}", R_MSPS, F_CSRF, page_msps_sat_servicio_post },

	{ "GET", "/admin", R_ADMIN, 0, page_admin_home },
	{ "GET", "/admin/cuentas", R_ADMIN, 0, page_admin_cuentas },
	{ "POST", "/admin/cuentas/{id:int}/aprobar", R_ADMIN, F_CSRF, page_admin_cuenta_approve },
	{ "POST", "/admin/cuentas/{id:int}/rechazar", R_ADMIN, F_CSRF, page_admin_cuenta_reject },
	{ "GET", "/admin/bloqueos", R_ADMIN, 0, page_admin_bloqueos },
	{ "POST", "/admin/bloqueos/desbloquear", R_ADMIN, F_CSRF, page_admin_unlock },
	{ "GET", "/admin/correo", R_ADMIN, 0, page_admin_correo },
	{ "POST", "/admin/correo/{id:int}/reintentar", R_ADMIN, F_CSRF, page_admin_retry },
	{ "GET", "/admin/smtp", R_ADMIN, 0, page_admin_smtp },
	/* The audit trail (cgi/admin/auditoria.c): the administrator only. */
	{ "GET", "/admin/auditoria", R_ADMIN, 0, page_admin_auditoria },
	{ "GET", "/admin/auditoria.csv", R_ADMIN, 0, page_admin_auditoria_csv },
	{ "GET", "/admin/dos-pasos", R_ADMIN, 0, page_admin_dos_pasos },
	{ "POST", "/admin/dos-pasos/{id:int}/restablecer", R_ADMIN, F_CSRF,
	    page_admin_dos_pasos_reset },

	{ "GET", "/mipres/token", R_MIPRES, F_NOSTORE | F_ESCRIBE, page_mipres_token },
	{ "POST", "/mipres/token", R_MIPRES, F_CSRF | F_NOSTORE | F_ESCRIBE | F_REAUTH,
	    page_mipres_token_post },
	/* MIPRES home and Direccionamientos (cgi/mipres/lista.c) */
	{ "GET", "/mipres", R_MIPRES, 0, page_mipres },
	{ "GET", "/mipres/direccionamientos", R_MIPRES, 0, page_mipres_direccionamientos },

	/* MIPRES Cargue masivo (cgi/mipres/cargue.c): a provider's CSV or JSON of entregas or
	 * reportes de entrega (multipart/form-data, up to MP_CARGUE_MAX). */
	{ "GET", "/mipres/cargue", R_PROVEEDOR, F_ESCRIBE, page_mipres_cargue },
	{ "POST", "/mipres/cargue", R_PROVEEDOR, F_CSRF | F_ESCRIBE | F_LARGO,
	    page_mipres_cargue_post, 0, DIALECT_HTML, MP_CARGUE_BODY_MAX },
	{ "GET", "/mipres/cargue/plantilla", R_PROVEEDOR, 0,
	    page_mipres_cargue_plantilla },
	/* The MIPRES cycle's forms (cgi/mipres/forms.c): provider, EPS, and both by paso. The
	 * argument: the transaction (enum mipres_tx) the form records. */
	{ "GET", "/mipres/programar/{id:int}", R_PROVEEDOR, F_ESCRIBE, page_mipres_form_linea,
	    MT_PROGRAMACION },
	{ "POST", "/mipres/programar/{id:int}", R_PROVEEDOR, F_CSRF | F_ESCRIBE,
	    page_mipres_form_linea,
	    MT_PROGRAMACION },
	{ "GET", "/mipres/entregar/{id:int}", R_PROVEEDOR, F_ESCRIBE, page_mipres_form_linea,
	    MT_ENTREGA },
	{ "POST", "/mipres/entregar/{id:int}", R_PROVEEDOR, F_CSRF | F_ESCRIBE,
	    page_mipres_form_linea,
	    MT_ENTREGA },
	{ "GET", "/mipres/reportar/{id:int}", R_PROVEEDOR, F_ESCRIBE, page_mipres_form_linea,
	    MT_REPORTE },
	{ "POST", "/mipres/reportar/{id:int}", R_PROVEEDOR, F_CSRF | F_ESCRIBE,
	    page_mipres_form_linea,
	    MT_REPORTE },
	{ "GET", "/mipres/ambito", R_PROVEEDOR, F_ESCRIBE, page_mipres_form,
	    MT_ENTREGA_AMBITO },
	{ "POST", "/mipres/ambito", R_PROVEEDOR, F_CSRF | F_ESCRIBE, page_mipres_form,
	    MT_ENTREGA_AMBITO },
	{ "GET", "/mipres/direccionar", R_EPS, F_ESCRIBE, page_mipres_form,
	    MT_DIRECCIONAMIENTO },
	{ "POST", "/mipres/direccionar", R_EPS, F_CSRF | F_ESCRIBE, page_mipres_form,
	    MT_DIRECCIONAMIENTO },
	{ "GET", "/mipres/nodireccionar", R_EPS, F_ESCRIBE, page_mipres_form,
	    MT_NODIRECCIONAMIENTO },
	{ "POST", "/mipres/nodireccionar", R_EPS, F_CSRF | F_ESCRIBE, page_mipres_form,
	    MT_NODIRECCIONAMIENTO },
	{ "GET", "/mipres/suministrar/{id:int}", R_EPS, F_ESCRIBE, page_mipres_form_linea,
	    MT_SUMINISTRO },
	{ "POST", "/mipres/suministrar/{id:int}", R_EPS, F_CSRF | F_ESCRIBE, page_mipres_form_linea,
	    MT_SUMINISTRO },
	{ "GET", "/mipres/anular/{paso}/{idpaso:int}", R_MIPRES, F_ESCRIBE, page_mipres_anulacion },
	{ "POST", "/mipres/anular/{paso}/{idpaso:int}", R_MIPRES, F_CSRF | F_ESCRIBE,
	    page_mipres_anulacion_post },
	{ "GET", "/mipres/registro/{paso}/{idpaso:int}", R_MIPRES, 0, page_mipres_registro },

	/* The MIPRES Suministro API (cgi/mipres/api.c): the temporary token in the path
	 * authenticates, so no session and no CSRF; {"Message"} errors, its own body cap. The
	 * argument: the transaction (enum mipres_tx) of a PUT, the step (enum mipres_paso) of the
	 * others. */
	{ "GET", "/WSSUMMIPRESNOPBS/api/GenerarToken/{nit}/{token}", R_PUBLIC, F_API,
	    api_generate_token, 0, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "PUT", "/WSSUMMIPRESNOPBS/api/Direccionamiento/{nit}/{token}", R_PUBLIC, F_API, api_put,
	    MT_DIRECCIONAMIENTO, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "PUT", "/WSSUMMIPRESNOPBS/api/NODireccionamiento/{nit}/{token}", R_PUBLIC, F_API, api_put,
	    MT_NODIRECCIONAMIENTO, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "PUT", "/WSSUMMIPRESNOPBS/api/Programacion/{nit}/{token}", R_PUBLIC, F_API, api_put,
	    MT_PROGRAMACION, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "PUT", "/WSSUMMIPRESNOPBS/api/Entrega/{nit}/{token}", R_PUBLIC, F_API, api_put,
	    MT_ENTREGA, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "PUT", "/WSSUMMIPRESNOPBS/api/EntregaAmbito/{nit}/{token}", R_PUBLIC, F_API, api_put,
	    MT_ENTREGA_AMBITO, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "PUT", "/WSSUMMIPRESNOPBS/api/ReporteEntrega/{nit}/{token}", R_PUBLIC, F_API, api_put,
	    MT_REPORTE, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "PUT", "/WSSUMMIPRESNOPBS/api/Suministro/{nit}/{token}", R_PUBLIC, F_API, api_put,
	    MT_SUMINISTRO, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "PUT", "/WSSUMMIPRESNOPBS/api/AnularDireccionamiento/{nit}/{token}/{id}", R_PUBLIC, F_API,
	    api_annul, MP_D, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "PUT", "/WSSUMMIPRESNOPBS/api/AnularNODireccionamiento/{nit}/{token}/{id}", R_PUBLIC,
	    F_API,
	    api_annul, MP_N, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "PUT", "/WSSUMMIPRESNOPBS/api/AnularProgramacion/{nit}/{token}/{id}", R_PUBLIC, F_API,
	    api_annul, MP_P, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "PUT", "/WSSUMMIPRESNOPBS/api/AnularEntrega/{nit}/{token}/{id}", R_PUBLIC, F_API,
	    api_annul, MP_E, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "PUT", "/WSSUMMIPRESNOPBS/api/AnularReporteEntrega/{nit}/{token}/{id}", R_PUBLIC, F_API,
	    api_annul, MP_R, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "PUT", "/WSSUMMIPRESNOPBS/api/AnularSuministro/{nit}/{token}/{id}", R_PUBLIC, F_API,
	    api_annul, MP_S, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "GET", "/WSSUMMIPRESNOPBS/api/DireccionamientoXFecha/{nit}/{token}/{fecha}", R_PUBLIC,
	    F_API,
	    api_consulta_fecha, MP_D, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "GET", "/WSSUMMIPRESNOPBS/api/DireccionamientoXPrescripcion/{nit}/{token}/{prescripcion}",
	    R_PUBLIC,
	    F_API, api_consulta_prescripcion, MP_D, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "GET", "/WSSUMMIPRESNOPBS/api/DireccionamientoXPacienteFecha/{nit}/{fecha}/{token}/{tipodoc}/{numdoc}",
	    R_PUBLIC, F_API, api_consulta_paciente, MP_D, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "GET", "/WSSUMMIPRESNOPBS/api/NODireccionamientoXFecha/{nit}/{token}/{fecha}", R_PUBLIC,
	    F_API,
	    api_consulta_fecha, MP_N, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "GET", "/WSSUMMIPRESNOPBS/api/NODireccionamientoXPrescripcion/{nit}/{token}/{prescripcion}", R_PUBLIC,
	    F_API, api_consulta_prescripcion, MP_N, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "GET", "/WSSUMMIPRESNOPBS/api/NODireccionamientoXPacienteFecha/{nit}/{fecha}/{token}/{tipodoc}/{numdoc}",
	    R_PUBLIC, F_API, api_consulta_paciente, MP_N, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "GET", "/WSSUMMIPRESNOPBS/api/ProgramacionXFecha/{nit}/{token}/{fecha}", R_PUBLIC, F_API,
	    api_consulta_fecha, MP_P, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "GET", "/WSSUMMIPRESNOPBS/api/ProgramacionXPrescripcion/{nit}/{token}/{prescripcion}",
	    R_PUBLIC,
	    F_API, api_consulta_prescripcion, MP_P, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "GET", "/WSSUMMIPRESNOPBS/api/ProgramacionXPacienteFecha/{nit}/{fecha}/{token}/{tipodoc}/{numdoc}",
	    R_PUBLIC, F_API, api_consulta_paciente, MP_P, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "GET", "/WSSUMMIPRESNOPBS/api/EntregaXFecha/{nit}/{token}/{fecha}", R_PUBLIC, F_API,
	    api_consulta_fecha, MP_E, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "GET", "/WSSUMMIPRESNOPBS/api/EntregaXPrescripcion/{nit}/{token}/{prescripcion}",
	    R_PUBLIC,
	    F_API, api_consulta_prescripcion, MP_E, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "GET", "/WSSUMMIPRESNOPBS/api/EntregaXPacienteFecha/{nit}/{fecha}/{token}/{tipodoc}/{numdoc}",
	    R_PUBLIC, F_API, api_consulta_paciente, MP_E, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "GET", "/WSSUMMIPRESNOPBS/api/ReporteEntregaXFecha/{nit}/{token}/{fecha}", R_PUBLIC,
	    F_API,
	    api_consulta_fecha, MP_R, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "GET", "/WSSUMMIPRESNOPBS/api/ReporteEntregaXPrescripcion/{nit}/{token}/{prescripcion}",
	    R_PUBLIC,
	    F_API, api_consulta_prescripcion, MP_R, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "GET", "/WSSUMMIPRESNOPBS/api/ReporteEntregaXPacienteFecha/{nit}/{fecha}/{token}/{tipodoc}/{numdoc}",
	    R_PUBLIC, F_API, api_consulta_paciente, MP_R, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "GET", "/WSSUMMIPRESNOPBS/api/SuministroXFecha/{nit}/{token}/{fecha}", R_PUBLIC, F_API,
	    api_consulta_fecha, MP_S, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "GET", "/WSSUMMIPRESNOPBS/api/SuministroXPrescripcion/{nit}/{token}/{prescripcion}",
	    R_PUBLIC,
	    F_API, api_consulta_prescripcion, MP_S, DIALECT_MESSAGE, MP_BODY_MAX },
	{ "GET", "/WSSUMMIPRESNOPBS/api/SuministroXPacienteFecha/{nit}/{fecha}/{token}/{tipodoc}/{numdoc}",
	    R_PUBLIC, F_API, api_consulta_paciente, MP_S, DIALECT_MESSAGE, MP_BODY_MAX },

	/* The AP port (nginx's second server): machine clients, no session or CSRF. */
	{ "POST", "/token", R_PUBLIC, F_AP | F_NOSTORE, page_ap_token, 0, DIALECT_OAUTH },
	{ "POST", "/ReportarAfiliaciontraslado", R_PUBLIC, F_AP, page_ap_afiliacion, 0,
	    DIALECT_OAUTH },
	{ "POST", "/ReportarRetractoAfiliacion", R_PUBLIC, F_AP, page_ap_retracto, 0,
	    DIALECT_OAUTH },
};

const size_t nroutes = sizeof(routes) / sizeof(routes[0]);
