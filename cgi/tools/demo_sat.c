/* The SAT part of the demo data: three Cajas de Compensación Familiar, each with its
 * delegate and an autorizado; the ministry activated the module for the first two. */
#include <stdio.h>

#include "core/db.h"
#include "tools/demo.h"
#include "core/entidad.h"
#include "sat/sat.h"
#include "core/session.h"

static const struct {
	const char	*nit, *razon, *autorizado, *nombre;
	int		 activa;
} cajas[] = {
	{ DEMO_CCF_NIT, "Caja de Compensación Familiar Andina", "CC1020300010",
	    "Juliana Pardo Ríos", 1 },
	{ "892300220", "Caja de Compensación Familiar del Litoral", "CC1020300020",
	    "Óscar Iván Mejía Duque", 1 },
	{ "892300330", "Caja de Compensación Familiar del Llano", "CC1020300030",
	    "Diana Castro Villa", 0 },
};
#define NCAJAS	(sizeof(cajas) / sizeof(cajas[0]))
#define PERFIL_SAT	4	/* "Autorizado para administrar servicios web externos" (004) */

/* The demo catalog's OpenAPI documents (generated from JSON, one line each when printed). */
static const char doc_afiliados[] =
	    "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"Consulta de afiliados SAT\", "
	    "\"version\": \"1.0.0\", \"description\": \"Consulta el estado de afiliación de"
	    " una persona al Sistema de Afiliación Transaccional y su caja de compensación."
	    "\"}, \"servers\": [{\"url\": \"https://sat.minsalud.gov.co/api/v1\"}], \"paths"
	    "\": {\"/afiliados/{tipoDocumento}/{numeroDocumento}\": {\"parameters\": [{\"na"
	    "me\": \"tipoDocumento\", \"in\": \"path\", \"required\": true, \"schema\": {\""
	    "$ref\": \"#/components/schemas/TipoDocumento\"}, \"description\": \"Tipo de do"
	    "cumento del afiliado.\"}, {\"name\": \"numeroDocumento\", \"in\": \"path\", \""
	    "required\": true, \"schema\": {\"type\": \"string\", \"pattern\": \"^[0-9]{3,1"
	    "5}$\"}, \"description\": \"Número de documento, solo dígitos.\"}], \"get\": {\""
	    "summary\": \"Consultar un afiliado\", \"description\": \"Devuelve los datos de"
	    " afiliación vigentes de la persona y sus beneficiarios.\", \"operationId\": \""
	    "consultarAfiliado\", \"parameters\": [{\"name\": \"fechaCorte\", \"in\": \"que"
	    "ry\", \"required\": false, \"schema\": {\"type\": \"string\", \"format\": \"da"
	    "te\"}, \"description\": \"Fecha a la que se consulta la afiliación (por omisió"
	    "n, hoy).\"}], \"responses\": {\"200\": {\"description\": \"Afiliado encontrado"
	    ".\", \"content\": {\"application/json\": {\"schema\": {\"$ref\": \"#/component"
	    "s/schemas/Afiliado\"}, \"example\": {\"tipoDocumento\": \"CC\", \"numeroDocume"
	    "nto\": \"1020304050\", \"nombres\": \"Ana María\", \"apellidos\": \"Rojas Pére"
	    "z\", \"estado\": \"Activo\", \"caja\": {\"nit\": \"892300110\", \"nombre\": \""
	    "Caja de Compensación Familiar Andina\"}, \"categoria\": \"A\", \"beneficiarios"
	    "\": [{\"tipoDocumento\": \"TI\", \"numeroDocumento\": \"1122334455\", \"parent"
	    "esco\": \"Hijo\"}]}}}}, \"404\": {\"$ref\": \"#/components/responses/NoEncontr"
	    "ado\"}, \"401\": {\"description\": \"Token ausente, vencido o inválido.\"}}}}}"
	    ", \"components\": {\"responses\": {\"NoEncontrado\": {\"description\": \"La pe"
	    "rsona no está afiliada.\", \"content\": {\"application/json\": {\"schema\": {\""
	    "$ref\": \"#/components/schemas/Error\"}, \"example\": {\"codigo\": \"AFI-404\""
	    ", \"mensaje\": \"No se encontró afiliación para el documento consultado.\"}}}}"
	    "}, \"schemas\": {\"TipoDocumento\": {\"type\": \"string\", \"enum\": [\"CC\", "
	    "\"TI\", \"CE\", \"PA\", \"RC\", \"PT\"], \"description\": \"Tipo de documento "
	    "de identidad.\"}, \"Caja\": {\"type\": \"object\", \"required\": [\"nit\"], \""
	    "properties\": {\"nit\": {\"type\": \"string\", \"description\": \"NIT de la ca"
	    "ja, sin dígito de verificación.\"}, \"nombre\": {\"type\": \"string\"}}}, \"Be"
	    "neficiario\": {\"type\": \"object\", \"required\": [\"tipoDocumento\", \"numer"
	    "oDocumento\"], \"properties\": {\"tipoDocumento\": {\"$ref\": \"#/components/s"
	    "chemas/TipoDocumento\"}, \"numeroDocumento\": {\"type\": \"string\"}, \"parent"
	    "esco\": {\"type\": \"string\", \"enum\": [\"Cónyuge\", \"Hijo\", \"Padre\", \""
	    "Madre\", \"Hermano\"]}}}, \"Afiliado\": {\"type\": \"object\", \"required\": ["
	    "\"tipoDocumento\", \"numeroDocumento\", \"estado\"], \"properties\": {\"tipoDo"
	    "cumento\": {\"$ref\": \"#/components/schemas/TipoDocumento\"}, \"numeroDocumen"
	    "to\": {\"type\": \"string\", \"description\": \"Número de documento.\"}, \"nom"
	    "bres\": {\"type\": \"string\"}, \"apellidos\": {\"type\": \"string\"}, \"estad"
	    "o\": {\"type\": \"string\", \"enum\": [\"Activo\", \"Suspendido\", \"Retirado\""
	    "], \"description\": \"Estado de la afiliación a la fecha de corte.\"}, \"categ"
	    "oria\": {\"type\": \"string\", \"enum\": [\"A\", \"B\", \"C\"], \"description\""
	    ": \"Categoría de afiliación según el salario.\"}, \"caja\": {\"$ref\": \"#/com"
	    "ponents/schemas/Caja\"}, \"beneficiarios\": {\"type\": \"array\", \"items\": {"
	    "\"$ref\": \"#/components/schemas/Beneficiario\"}}}}, \"Error\": {\"type\": \"o"
	    "bject\", \"required\": [\"codigo\", \"mensaje\"], \"properties\": {\"codigo\":"
	    " {\"type\": \"string\"}, \"mensaje\": {\"type\": \"string\"}}}}}}";

static const char doc_novedades[] =
	    "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"Novedades de afiliación\", \""
	    "version\": \"2.1.0\", \"description\": \"Reporte de novedades de afiliación (i"
	    "ngreso, retiro, traslado, cambio de datos) de la caja al SAT.\"}, \"paths\": {"
	    "\"/novedades\": {\"post\": {\"summary\": \"Reportar una novedad\", \"operation"
	    "Id\": \"reportarNovedad\", \"requestBody\": {\"required\": true, \"description"
	    "\": \"La novedad a registrar.\", \"content\": {\"application/json\": {\"schema"
	    "\": {\"$ref\": \"#/components/schemas/Novedad\"}, \"examples\": {\"ingreso\": "
	    "{\"summary\": \"Ingreso de un trabajador\", \"value\": {\"tipoNovedad\": \"ING"
	    "\", \"fechaNovedad\": \"2026-11-02\", \"afiliado\": {\"tipoDocumento\": \"CC\""
	    ", \"numeroDocumento\": \"1020304050\"}, \"empleador\": {\"tipoDocumento\": \"N"
	    "I\", \"numeroDocumento\": \"900123456\"}, \"salario\": 2500000}}, \"retiro\": "
	    "{\"summary\": \"Retiro\", \"value\": {\"tipoNovedad\": \"RET\", \"fechaNovedad"
	    "\": \"2026-11-30\", \"afiliado\": {\"tipoDocumento\": \"CC\", \"numeroDocument"
	    "o\": \"1020304050\"}}}}}}}, \"responses\": {\"201\": {\"description\": \"Noved"
	    "ad registrada.\", \"content\": {\"application/json\": {\"schema\": {\"type\": "
	    "\"object\", \"properties\": {\"radicado\": {\"type\": \"string\", \"descriptio"
	    "n\": \"Número de radicado de la novedad.\"}, \"fechaRegistro\": {\"type\": \"s"
	    "tring\", \"format\": \"date-time\"}}}, \"example\": {\"radicado\": \"NOV-2026-"
	    "000123\", \"fechaRegistro\": \"2026-11-02T10:15:00-05:00\"}}}}, \"400\": {\"de"
	    "scription\": \"La novedad no es válida.\", \"content\": {\"application/json\":"
	    " {\"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/components/schem"
	    "as/Error\"}}, \"example\": [{\"campo\": \"fechaNovedad\", \"mensaje\": \"La fe"
	    "cha no puede ser futura.\"}]}}}}}}, \"/novedades/{radicado}\": {\"get\": {\"su"
	    "mmary\": \"Consultar una novedad\", \"parameters\": [{\"name\": \"radicado\", "
	    "\"in\": \"path\", \"required\": true, \"schema\": {\"type\": \"string\"}}], \""
	    "responses\": {\"200\": {\"description\": \"La novedad y su estado.\", \"conten"
	    "t\": {\"application/json\": {\"schema\": {\"$ref\": \"#/components/schemas/Nov"
	    "edad\"}}}}, \"404\": {\"description\": \"No existe una novedad con ese radicad"
	    "o.\"}}}}}, \"components\": {\"schemas\": {\"Documento\": {\"type\": \"object\""
	    ", \"required\": [\"tipoDocumento\", \"numeroDocumento\"], \"properties\": {\"t"
	    "ipoDocumento\": {\"type\": \"string\", \"description\": \"CC, TI, CE, PA o NI."
	    "\"}, \"numeroDocumento\": {\"type\": \"string\"}}}, \"Novedad\": {\"type\": \""
	    "object\", \"required\": [\"tipoNovedad\", \"fechaNovedad\", \"afiliado\"], \"p"
	    "roperties\": {\"tipoNovedad\": {\"type\": \"string\", \"enum\": [\"ING\", \"RE"
	    "T\", \"TRA\", \"CDA\"], \"description\": \"ING ingreso, RET retiro, TRA trasla"
	    "do, CDA cambio de datos.\"}, \"fechaNovedad\": {\"type\": \"string\", \"format"
	    "\": \"date\"}, \"afiliado\": {\"$ref\": \"#/components/schemas/Documento\"}, \""
	    "empleador\": {\"$ref\": \"#/components/schemas/Documento\"}, \"salario\": {\"t"
	    "ype\": \"integer\", \"format\": \"int64\", \"description\": \"Salario base en "
	    "pesos, para ingresos.\"}}}, \"Error\": {\"type\": \"object\", \"properties\": "
	    "{\"campo\": {\"type\": \"string\"}, \"mensaje\": {\"type\": \"string\"}}}}}}";

static const char doc_subsidios[] =
	    "{\"swagger\": \"2.0\", \"info\": {\"title\": \"Reporte de subsidio familiar\","
	    " \"version\": \"1.3\", \"description\": \"Reporte mensual de subsidios pagados"
	    " por la caja (Swagger 2.0).\"}, \"host\": \"sat.minsalud.gov.co\", \"basePath\""
	    ": \"/api/v1\", \"schemes\": [\"https\"], \"consumes\": [\"application/json\"],"
	    " \"produces\": [\"application/json\"], \"paths\": {\"/subsidios\": {\"post\": "
	    "{\"summary\": \"Reportar los subsidios de un periodo\", \"operationId\": \"rep"
	    "ortarSubsidios\", \"parameters\": [{\"name\": \"periodo\", \"in\": \"query\", "
	    "\"required\": true, \"type\": \"string\", \"description\": \"Periodo AAAA-MM.\""
	    "}, {\"name\": \"reporte\", \"in\": \"body\", \"required\": true, \"schema\": {"
	    "\"$ref\": \"#/definitions/Reporte\"}}], \"responses\": {\"202\": {\"descriptio"
	    "n\": \"Reporte recibido para validación.\", \"schema\": {\"$ref\": \"#/definit"
	    "ions/Recibo\"}, \"examples\": {\"application/json\": {\"radicado\": \"SUB-2026"
	    "-11-0042\", \"registros\": 2}}}, \"422\": {\"description\": \"El reporte tiene"
	    " registros inválidos.\"}}}}}, \"definitions\": {\"Reporte\": {\"type\": \"obje"
	    "ct\", \"required\": [\"registros\"], \"example\": {\"registros\": [{\"numeroDo"
	    "cumento\": \"1020304050\", \"valor\": 52000, \"cuotas\": 1}]}, \"properties\":"
	    " {\"registros\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/R"
	    "egistro\"}}}}, \"Registro\": {\"type\": \"object\", \"required\": [\"numeroDoc"
	    "umento\", \"valor\"], \"properties\": {\"numeroDocumento\": {\"type\": \"strin"
	    "g\"}, \"valor\": {\"type\": \"number\", \"description\": \"Valor pagado en pes"
	    "os.\"}, \"cuotas\": {\"type\": \"integer\"}}}, \"Recibo\": {\"type\": \"object"
	    "\", \"properties\": {\"radicado\": {\"type\": \"string\"}, \"registros\": {\"t"
	    "ype\": \"integer\"}}}}}";

/* The catalog: three CCF services (two OpenAPI 3, one OpenAPI 2) and, per service, the
 * cajas (by index) it is enabled for. */
static const struct {
	const char	*nombre, *descripcion, *url, *metodo, *doc;
	int		 cajas[NCAJAS + 1];	/* indexes, ended by -1 */
} servicios[] = {
	{ "Consulta de afiliados SAT", "Consulta el estado de afiliación de una persona al "
	    "Sistema de Afiliación Transaccional, con su caja y sus beneficiarios.",
	    "https://sat.minsalud.gov.co/api/v1/afiliados", "GET", doc_afiliados, { 0, 1, -1 } },
	{ "Novedades de afiliación", "Reporte de novedades de afiliación (ingreso, retiro, "
	    "traslado y cambio de datos) de la caja al SAT.",
	    "https://sat.minsalud.gov.co/api/v1/novedades", "POST", doc_novedades, { 0, -1 } },
	{ "Reporte de subsidio familiar", "Reporte mensual de los subsidios pagados por la "
	    "caja a sus afiliados.", "https://sat.minsalud.gov.co/api/v1/subsidios", "POST",
	    doc_subsidios, { 0, -1 } },
};
#define NSERVICIOS	(sizeof(servicios) / sizeof(servicios[0]))

/* Caja k: the entity, its delegate, a sede and the autorizado. Returns 0 or -1. */
static int
caja(struct req *r, size_t k, const char *hash)
{
	long long ent, del, aut, sede;
	const char *login;

	if ((ent = db_entidad_insert(r->a, cajas[k].nit, cajas[k].razon, "CCF", NULL,
	    r->now)) <= 0)
		return -1;
	login = arena_printf(r->a, "ADMINSATCCF%s", cajas[k].nit);
	if ((del = demo_user(login, demo_nombre(r->a, (unsigned)k + 101),
	    arena_printf(r->a, "delegado.%s@ccf.example.co", cajas[k].nit), hash, ent,
	    "securityAdmin_SAT_CCF", r->now)) <= 0)
		return -1;
	if (db_exec(ST_SEDE_INSERT, "itt", ent, "Sede principal", "Bogotá") != 0)
		return -1;
	sede = db_last_id();
	if ((aut = db_usuario_insert(cajas[k].autorizado, cajas[k].nombre,
	    arena_printf(r->a, "sat.%s@ccf.example.co", cajas[k].nit), "CC",
	    cajas[k].autorizado + 2, hash, r->now)) <= 0)
		return -1;
	if (db_exec(ST_AUTORIZADO_INSERT, "iitiiii", aut, ent, "Rol_SAT_CCF",
	    (long long)PERFIL_SAT, sede, del, r->now) != 0)
		return -1;
	if (cajas[k].activa && db_exec(ST_SAT_ACTIVAR, "iii", ent, r->now,
	    r->sess->usuario_id) != 0)
		return -1;
	return 0;
}

/* Service k of the catalog, enabled for its cajas (ent: the cajas' ids), each with its
 * Client ID. Returns 0 or -1. */
static int
servicio(struct req *r, size_t k, const long long *ent)
{
	long long id;
	char cid[37];
	int i;

	if (db_exec(ST_SERVICIO_INSERT, "ttttttti", servicios[k].nombre,
	    servicios[k].descripcion, "CCF", "Activo", servicios[k].url, servicios[k].metodo,
	    servicios[k].doc, r->now) != 0)
		return -1;
	id = db_last_id();
	for (i = 0; servicios[k].cajas[i] >= 0; i++) {
		sat_client_id(cid);
		if (db_exec(ST_SERVICIO_ASIGNAR, "iitii", id, ent[servicios[k].cajas[i]], cid,
		    r->now, r->sess->usuario_id) != 0)
			return -1;
	}
	return 0;
}

int
demo_sat(struct req *r, const char *hash)
{
	long long ent[NCAJAS];
	size_t k;

	for (k = 0; k < NCAJAS; k++) {
		if (caja(r, k, hash) != 0 || (ent[k] = db_entidad_id_by_nit(cajas[k].nit)) <= 0)
			return -1;
	}
	for (k = 0; k < NSERVICIOS; k++)
		if (servicio(r, k, ent) != 0)
			return -1;
	return 0;
}

void
demo_sat_logins(void)
{
	size_t k;

	for (k = 0; k < NCAJAS; k++)
		printf("  %-24s autorizado SAT de %s%s\n", cajas[k].autorizado, cajas[k].razon,
		    cajas[k].activa ? "" : " (módulo sin activar)");
	printf("  ADMINSATCCF%-13s delegado de %s (Administrar autorizados)\n", cajas[0].nit,
	    cajas[0].razon);
}
