/* Page handlers named in the route table. Each returns the HTTP status of its answer. */
#ifndef PAGES_H
#define PAGES_H
#include "core/http.h"
#include "core/req.h"

/* cgi/cuentas/ingreso.c */
enum http_status page_home(struct req *, struct resp *);
enum http_status page_login(struct req *, struct resp *);
enum http_status page_login_post(struct req *, struct resp *);
enum http_status page_logout(struct req *, struct resp *);

/* cgi/admin/legal.c: the footer's public pages (personal data, terms of use, accessibility) */
enum http_status page_privacidad(struct req *, struct resp *);
enum http_status page_terminos(struct req *, struct resp *);
enum http_status page_accesibilidad(struct req *, struct resp *);

/* cgi/cuentas/rol_activo.c: the role list of a user with several roles */
enum http_status page_roles(struct req *, struct resp *);
enum http_status page_roles_post(struct req *, struct resp *);

/* cgi/sat/sat.c: a CCF autorizado's SAT module: gate, terms, main menu */
enum http_status page_sat_home(struct req *, struct resp *);
enum http_status page_sat_terminos(struct req *, struct resp *);
enum http_status page_sat_terminos_post(struct req *, struct resp *);
/* cgi/sat/servicio.c: the autorizado's "Información del servicio" and "Asignar contraseña" */
enum http_status page_sat_servicio(struct req *, struct resp *);
enum http_status page_sat_clave(struct req *, struct resp *);
enum http_status page_sat_clave_post(struct req *, struct resp *);
/* cgi/sat/msps.c: the ministry's SAT entities, catalog and assignments (Rol_IHCE_MSPS) */
enum http_status page_msps_sat(struct req *, struct resp *);
enum http_status page_msps_sat_entidad(struct req *, struct resp *);
enum http_status page_msps_sat_activar(struct req *, struct resp *);
enum http_status page_msps_sat_desactivar(struct req *, struct resp *);
enum http_status page_msps_sat_asignar(struct req *, struct resp *);
enum http_status page_msps_sat_asignado_desactivar(struct req *, struct resp *);
enum http_status page_msps_sat_servicios(struct req *, struct resp *);
enum http_status page_msps_sat_servicio_nuevo(struct req *, struct resp *);
enum http_status page_msps_sat_servicio_nuevo_post(struct req *, struct resp *);
enum http_status page_msps_sat_servicio(struct req *, struct resp *);
enum http_status page_msps_sat_servicio_post(struct req *, struct resp *);
/* cgi/sat/compartir.c: the services a CCF shares with the ministry and "Probar conexión" */
enum http_status page_sat_compartidos(struct req *, struct resp *);
enum http_status page_sat_compartido_nuevo(struct req *, struct resp *);
enum http_status page_sat_compartido_nuevo_post(struct req *, struct resp *);
enum http_status page_sat_compartido(struct req *, struct resp *);
enum http_status page_sat_compartido_post(struct req *, struct resp *);
enum http_status page_sat_credenciales(struct req *, struct resp *);
enum http_status page_sat_credenciales_post(struct req *, struct resp *);
enum http_status page_sat_compartido_eliminar(struct req *, struct resp *);
enum http_status page_sat_compartido_eliminar_post(struct req *, struct resp *);
enum http_status page_sat_probar(struct req *, struct resp *);
enum http_status page_sat_probar_post(struct req *, struct resp *);

/* cgi/cuentas/autorizados.c: the delegate's authorized people */
enum http_status page_autorizados(struct req *, struct resp *);
enum http_status page_autorizado_nuevo(struct req *, struct resp *);
enum http_status page_autorizado_nuevo_post(struct req *, struct resp *);
enum http_status page_autorizado(struct req *, struct resp *);
enum http_status page_autorizado_post(struct req *, struct resp *);
enum http_status page_autorizado_inactivar(struct req *, struct resp *);
enum http_status page_autorizado_reactivar(struct req *, struct resp *);
enum http_status page_usuario_olvido(struct req *, struct resp *);
enum http_status page_usuario_olvido_post(struct req *, struct resp *);

/* cgi/cuentas/invitaciones.c: the invited person's waiting invitations, accepted or declined */
enum http_status page_invitaciones(struct req *, struct resp *);
enum http_status page_invitacion(struct req *, struct resp *);
enum http_status page_invitacion_post(struct req *, struct resp *);

/* cgi/cuentas/registro.c: self-registration; cgi/cuentas/reto.c: its anti-automation challenge */
enum http_status page_registro(struct req *, struct resp *);
enum http_status page_registro_post(struct req *, struct resp *);
enum http_status page_registro_otro(struct req *, struct resp *);
enum http_status page_registro_otro_post(struct req *, struct resp *);
enum http_status page_reto_imagen(struct req *, struct resp *);

/* cgi/cuentas/contrasena.c: passwords */
enum http_status page_clave_olvido(struct req *, struct resp *);
enum http_status page_clave_olvido_post(struct req *, struct resp *);
enum http_status page_clave_enlace(struct req *, struct resp *);
enum http_status page_clave_enlace_post(struct req *, struct resp *);
enum http_status page_cuenta_clave(struct req *, struct resp *);
enum http_status page_cuenta_clave_post(struct req *, struct resp *);

/* cgi/ihce/ihce.c: delegado administrativo */
enum http_status page_ihce_home(struct req *, struct resp *);
enum http_status page_ihce_solicitud(struct req *, struct resp *);
enum http_status page_ihce_solicitud_post(struct req *, struct resp *);
enum http_status page_ihce_detalle(struct req *, struct resp *);
enum http_status page_ihce_llaves(struct req *, struct resp *);
enum http_status page_ihce_mostrar(struct req *, struct resp *);
enum http_status page_ihce_activar(struct req *, struct resp *);
enum http_status page_ihce_activar_post(struct req *, struct resp *);

/* cgi/ihce/msps.c: funcionario MSPS */
enum http_status page_msps_asignar(struct req *, struct resp *);
enum http_status page_msps_actualizar(struct req *, struct resp *);
enum http_status page_msps_solicitud(struct req *, struct resp *);
enum http_status page_msps_guardar(struct req *, struct resp *);
enum http_status page_msps_rechazar(struct req *, struct resp *);
/* cgi/ihce/confirmar.c: the confirmation steps of the key form and the rejection */
enum http_status page_msps_confirmar(struct req *, struct resp *);
enum http_status page_msps_rechazar_confirmar(struct req *, struct resp *);
enum http_status page_msps_reemitir(struct req *, struct resp *);
enum http_status page_msps_ambientes(struct req *, struct resp *);
enum http_status page_msps_ambientes_post(struct req *, struct resp *);
/* cgi/cuentas/delegados.c: the funcionario MSPS's queue of delegate registrations */
enum http_status page_msps_delegados(struct req *, struct resp *);
enum http_status page_msps_delegado(struct req *, struct resp *);
enum http_status page_msps_delegado_carta(struct req *, struct resp *);
enum http_status page_msps_delegado_aprobar(struct req *, struct resp *);
enum http_status page_msps_delegado_rechazar(struct req *, struct resp *);

/* cgi/admin/admin.c: administrador MSPS */
enum http_status page_admin_home(struct req *, struct resp *);
/* cgi/admin/cuentas.c: pending staff accounts and locked logins */
enum http_status page_admin_cuentas(struct req *, struct resp *);
enum http_status page_admin_cuenta_aprobar(struct req *, struct resp *);
enum http_status page_admin_cuenta_rechazar(struct req *, struct resp *);
enum http_status page_admin_bloqueos(struct req *, struct resp *);
enum http_status page_admin_desbloquear(struct req *, struct resp *);
enum http_status page_admin_correo(struct req *, struct resp *);
enum http_status page_admin_reintentar(struct req *, struct resp *);
enum http_status page_admin_smtp(struct req *, struct resp *);
/* cgi/admin/auditoria.c: the audit trail, filtered, and as CSV */
enum http_status page_admin_auditoria(struct req *, struct resp *);
enum http_status page_admin_auditoria_csv(struct req *, struct resp *);
/* cgi/cuentas/dos_pasos.c: second factor, re-authentication, the administrator's reset */
enum http_status page_login_codigo(struct req *, struct resp *);
enum http_status page_login_codigo_post(struct req *, struct resp *);
enum http_status page_dos_pasos(struct req *, struct resp *);
enum http_status page_dos_pasos_qr(struct req *, struct resp *);
enum http_status page_dos_pasos_post(struct req *, struct resp *);
enum http_status page_reautenticar_pedir(struct req *, struct resp *);
enum http_status page_reautenticar_post(struct req *, struct resp *);
enum http_status page_admin_dos_pasos(struct req *, struct resp *);
enum http_status page_admin_dos_pasos_restablecer(struct req *, struct resp *);
/* cgi/mipres/generar_token.c: the web-service token of a dispenser or EPS */
enum http_status page_mipres_token(struct req *, struct resp *);
enum http_status page_mipres_token_post(struct req *, struct resp *);
/* cgi/mipres/lista.c: the MIPRES home and Direccionamientos (search, table, CSV) */
enum http_status page_mipres(struct req *, struct resp *);
enum http_status page_mipres_direccionamientos(struct req *, struct resp *);

/* cgi/mipres/cargue.c: Cargue masivo of entregas and reportes de entrega (provider) */
enum http_status page_mipres_cargue(struct req *, struct resp *);
enum http_status page_mipres_cargue_post(struct req *, struct resp *);
enum http_status page_mipres_cargue_plantilla(struct req *, struct resp *);
/* cgi/mipres/forms.c: the MIPRES cycle's forms, its records and their annulment */
enum http_status page_mipres_form(struct req *, struct resp *);
enum http_status page_mipres_form_linea(struct req *, struct resp *);
enum http_status page_mipres_registro(struct req *, struct resp *);
enum http_status page_mipres_anular(struct req *, struct resp *);
enum http_status page_mipres_anular_post(struct req *, struct resp *);

/* cgi/mipres/api.c: the MIPRES Suministro JSON API (spec/mipres.md) */
enum http_status api_generar_token(struct req *, struct resp *);
enum http_status api_put(struct req *, struct resp *);
enum http_status api_anular(struct req *, struct resp *);
enum http_status api_consulta_fecha(struct req *, struct resp *);
enum http_status api_consulta_prescripcion(struct req *, struct resp *);
enum http_status api_consulta_paciente(struct req *, struct resp *);

/* cgi/ap/ap.c: the AP web services (AP port only) */
enum http_status page_ap_token(struct req *, struct resp *);
enum http_status page_ap_afiliacion(struct req *, struct resp *);
enum http_status page_ap_retracto(struct req *, struct resp *);
/* cgi/ap/reporte.c: the production follow-up report */
enum http_status page_ap_reporte_msps(struct req *, struct resp *);
enum http_status page_ap_reporte_msps_csv(struct req *, struct resp *);
enum http_status page_ap_reporte_sat(struct req *, struct resp *);
enum http_status page_ap_reporte_sat_csv(struct req *, struct resp *);
/* cgi/admin/salud.c: probes for machines (no session): the load balancer's and Prometheus's */
enum http_status page_salud(struct req *, struct resp *);
enum http_status page_metricas(struct req *, struct resp *);
#endif
