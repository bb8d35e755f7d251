/* The PDF check of the designation letter (cgi/cuentas/pdf.c): a PDF by its structure, not by its
 * name or the type the browser gives. */
#include <stdio.h>
#include <string.h>

#include "cuentas/pdf.h"
#include "support.h"

/* A small well-formed PDF into out (its size in *n): header, objects, cross-reference
 * table at the offset startxref gives, trailer, %%EOF and then tail. */
static void
hacer(char *out, size_t cap, const char *version, const char *tail, size_t *n)
{
	size_t xref;

	*n = (size_t)snprintf(out, cap, "%%PDF-%s\n%%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog "
	    "/Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n",
	    version);
	xref = *n;
	*n += (size_t)snprintf(out + *n, cap - *n, "xref\n0 3\n0000000000 65535 f \n0000000015 "
	    "00000 n \n0000000064 00000 n \ntrailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%zu\n"
	    "%%%%EOF%s", xref, tail);
}

static void
test_pdf_valido(void **state)
{
	char b[4096];
	size_t n;

	(void)state;
	hacer(b, sizeof(b), "1.4", "\n", &n);
	assert_true(cuentas_pdf_valido(b, n));
	hacer(b, sizeof(b), "1.7", "\r\n", &n);
	assert_true(cuentas_pdf_valido(b, n));
	hacer(b, sizeof(b), "2.0", "", &n);
	assert_true(cuentas_pdf_valido(b, n));
	/* Blank padding after the end, as some scanners write. */
	hacer(b, sizeof(b), "1.5", "\n\n   \n", &n);
	assert_true(cuentas_pdf_valido(b, n));
	/* An incremental update: the last %%EOF counts. */
	hacer(b, sizeof(b), "1.6", "\n", &n);
	memcpy(b + n, "3 0 obj\n<< >>\nendobj\nstartxref\n9\n%%EOF\n", 39);
	assert_true(cuentas_pdf_valido(b, n + 39));
}

static void
test_pdf_rechazado(void **state)
{
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
	static const char html[] = "<html>%PDF-1.4\nstartxref\n10\n%%EOF\n</html>";
	char b[8192];
	size_t n;

	(void)state;
	assert_false(cuentas_pdf_valido(NULL, 0));
	assert_false(cuentas_pdf_valido("", 0));
	assert_false(cuentas_pdf_valido(png, sizeof(png) - 1));
	assert_false(cuentas_pdf_valido(html, strlen(html)));
	assert_false(cuentas_pdf_valido("%PDF-1.4\n%%EOF\n", 15));		/* no startxref */
	assert_false(cuentas_pdf_valido("%PDF-", 5));
	/* Unknown versions and a header without its end of line. */
	hacer(b, sizeof(b), "1.8", "\n", &n);
	assert_false(cuentas_pdf_valido(b, n));
	hacer(b, sizeof(b), "3.0", "\n", &n);
	assert_false(cuentas_pdf_valido(b, n));
	hacer(b, sizeof(b), "1.4x", "\n", &n);
	assert_false(cuentas_pdf_valido(b, n));
	/* Truncated (no %%EOF), or something after it. */
	hacer(b, sizeof(b), "1.4", "\n", &n);
	assert_false(cuentas_pdf_valido(b, n - 7));
	hacer(b, sizeof(b), "1.4", "\n<script>alert(1)</script>", &n);
	assert_false(cuentas_pdf_valido(b, n));
	/* %%EOF further than PDF_COLA from the end, even with blanks after it. */
	hacer(b, sizeof(b), "1.4", "\n", &n);
	memset(b + n, ' ', PDF_COLA + 1);
	assert_false(cuentas_pdf_valido(b, n + PDF_COLA + 1));
	/* startxref pointing outside the file, into the header, or not a number. */
	n = (size_t)snprintf(b, sizeof(b), "%%PDF-1.4\n1 0 obj\n<< >>\nendobj\nstartxref\n99999\n%%%%EOF\n");
	assert_false(cuentas_pdf_valido(b, n));
	n = (size_t)snprintf(b, sizeof(b), "%%PDF-1.4\n1 0 obj\n<< >>\nendobj\nstartxref\n3\n%%%%EOF\n");
	assert_false(cuentas_pdf_valido(b, n));
	n = (size_t)snprintf(b, sizeof(b), "%%PDF-1.4\n1 0 obj\n<< >>\nendobj\nstartxref\nabc\n%%%%EOF\n");
	assert_false(cuentas_pdf_valido(b, n));
	n = (size_t)snprintf(b, sizeof(b), "%%PDF-1.4\n1 0 obj\n<< >>\nendobj\nstartxref\n"
	    "9999999999999999999999\n%%%%EOF\n");
	assert_false(cuentas_pdf_valido(b, n));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf_valido),
		cmocka_unit_test(test_pdf_rechazado),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
