/* The delegate requests of the demo data: two registrations waiting for the ministry, each
 * with a small designation letter (a real PDF), so the queue "Solicitudes de delegado" is
 * not empty: one for an AP the portal knows (its autorizado is told), one for a new IPS. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/db.h"
#include "cuentas/delegados.h"
#include "tools/demo.h"
#include "core/entidad.h"
#include "cuentas/registro.h"

static const struct {
	const char	*tipo, *nit, *razon, *nombre, *doc, *correo;
} pedidos[] = {
	{ "AP", "800900202", NULL, "Julián Andrés Mejía Torres", "1045678901",
	    "julian.mejia@porvenircaribe.example.co" },
	{ "IPS", "901888004", "Clínica Demo del Quindío S.A.S.", "Valentina Ospina Restrepo",
	    "1094888777", "valentina.ospina@clinicaquindio.example.co" },
};
#define NPEDIDOS	(sizeof(pedidos) / sizeof(pedidos[0]))

/* A one-page PDF 1.4 (Helvetica, WinAnsi text: accents as octal escapes) saying it is the
 * demo letter of NIT nit, with its cross-reference table; *len gets its size. */
static char *
carta_pdf(struct arena *a, const char *nit, size_t *len)
{
	const char *obj[5], *texto;
	char *out = arena_alloc(a, 2048);
	size_t off[5], n, i, xref;

	texto = arena_printf(a, "BT /F1 16 Tf 72 720 Td (Carta de designaci\\363n del delegado "
	    "administrativo) Tj 0 -28 Td /F1 12 Tf (Entidad con NIT %s: documento de "
	    "demostraci\\363n del Portal de Interoperabilidad.) Tj ET", nit);
	obj[0] = "<< /Type /Catalog /Pages 2 0 R >>";
	obj[1] = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
	obj[2] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
	    "/Resources << /Font << /F1 5 0 R >> >> >>";
	obj[3] = arena_printf(a, "<< /Length %zu >>\nstream\n%s\nendstream", strlen(texto), texto);
	obj[4] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
	    "/Encoding /WinAnsiEncoding >>";
	n = (size_t)snprintf(out, 2048, "%%PDF-1.4\n");
	for (i = 0; i < 5; i++) {
		off[i] = n;
		n += (size_t)snprintf(out + n, 2048 - n, "%zu 0 obj\n%s\nendobj\n", i + 1, obj[i]);
	}
	xref = n;
	n += (size_t)snprintf(out + n, 2048 - n, "xref\n0 6\n0000000000 65535 f \n");
	for (i = 0; i < 5; i++)
		n += (size_t)snprintf(out + n, 2048 - n, "%010zu 00000 n \n", off[i]);
	n += (size_t)snprintf(out + n, 2048 - n, "trailer\n<< /Size 6 /Root 1 0 R >>\n"
	    "startxref\n%zu\n%%%%EOF\n", xref);
	*len = n;
	return out;
}

/* Loads each request whose registrant is not there yet. */
int
demo_delegados(struct req *r, const char *hash)
{
	const struct tipo_entidad *t;
	struct delegado_pedido p;
	long long antes = r->now;
	size_t k;

	for (k = 0; k < NPEDIDOS; k++) {
		t = cuentas_tipo_entidad_find(pedidos[k].tipo);
		memset(&p, 0, sizeof(p));
		p.login = arena_printf(r->a, "%s%s", t->prefijo, pedidos[k].nit);
		if (db_int(ST_USUARIO_BY_LOGIN, 0, "t", p.login) != 0)
			continue;	/* loaded before */
		p.nit = pedidos[k].nit;
		p.tipo = t->tipo;
		p.rol = t->rol;
		p.modulo = t->modulo;
		p.entidad_id = db_entidad_id_by_nit(pedidos[k].nit);
		p.razon = p.entidad_id == 0 ? pedidos[k].razon : NULL;
		p.carta = carta_pdf(r->a, pedidos[k].nit, &p.carta_len);
		p.carta_nombre = arena_printf(r->a, "designacion-%s.pdf", pedidos[k].nit);
		r->now = (long long)time(NULL) - (long long)(NPEDIDOS - k) * 5400;
		p.usuario_id = db_usuario_insert(p.login, pedidos[k].nombre, pedidos[k].correo,
		    "CC", pedidos[k].doc, hash, r->now);
		if (p.usuario_id <= 0 || cuentas_delegado_request(r, &p) <= 0) {
			r->now = antes;
			return -1;
		}
	}
	r->now = antes;
	return 0;
}

void
demo_delegados_logins(void)
{
	const struct tipo_entidad *t;
	char login[40];
	size_t k;

	for (k = 0; k < NPEDIDOS; k++) {
		t = cuentas_tipo_entidad_find(pedidos[k].tipo);
		snprintf(login, sizeof(login), "%s%s", t->prefijo, pedidos[k].nit);
		printf("  %-24s solicitud de delegado pendiente (NIT %s%s): solo ve su estado; "
		    "el funcionario MSPS la revisa en «Solicitudes de delegado»\n", login,
		    pedidos[k].nit, pedidos[k].razon != NULL ? ", entidad nueva" : "");
	}
}
