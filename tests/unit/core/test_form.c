/*
 * Declared form inputs (cgi/core/form.c): form_read trims, validates and reports per field;
 * form_show puts them back into the page, escaped, never echoing a password.
 */
#include <string.h>

#include "core/buf.h"
#include "core/form.h"
#include "support.h"
#include "core/valid.h"
#include "core/view.h"

enum { F_CORREO, F_NOMBRE, F_CLAVE, F_ACEPTO, F_TEL, NFIELDS };

/* An id, or a name without a slash: the test's select. */
static int
v_nombre_o_id(const char *s)
{
	return s[0] != '\0' && strchr(s, '/') == NULL;
}

static const struct field fields[NFIELDS] = {
	[F_CORREO] = { "correo", "Correo", "email", v_email, "Correo no v\xc3\xa1lido", NULL },
	[F_NOMBRE] = { "nombre", "Nombre", "text", v_text, "Escriba el nombre", NULL },
	[F_CLAVE] = { "clave", "Contrase\xc3\xb1" "a", "password", v_password, "Falta", NULL },
	[F_ACEPTO] = { "acepto", "Acepto", "checkbox", v_acepto, "Debe aceptar", NULL },
	[F_TEL] = { "tel", "Tel\xc3\xa9" "fono", "tel", v_telefono, "Tel\xc3\xa9" "fono no v\xc3\xa1lido",
	    NULL },
};

/* Reads body as the form of a fresh request; returns the count of invalid fields, and the
 * form's values and errors in vals and errs. */
static size_t
read_form(void **state, const char *body, const char **vals, const char **errs)
{
	struct form *f;
	struct req r;

	req_init(&r, ARENA(state));
	r.method = "POST";
	assert_int_equal(parse_urlencoded(r.a, body, strlen(body), &r.form), 0);
	f = form_read(&r, fields, NFIELDS);
	memcpy(vals, f->val, NFIELDS * sizeof(*vals));
	memcpy(errs, f->err, NFIELDS * sizeof(*errs));
	return f->bad;
}

/* A select of ids reads as an integer once valid; form_error counts a field once. */
static void
test_ids_and_errors(void **state)
{
	static const struct field campos[] = {
		{ "perfil", "Perfil", "select", v_nombre_o_id, "Elija", NULL },
		{ "sede", "Sede", "select", v_nombre_o_id, "Elija", NULL },
		{ "nombre", "Nombre", "text", v_text, "Escriba", NULL },
	};
	const char *body = "perfil=42&sede=x%2F&nombre=007";
	struct form *f;
	struct req r;

	req_init(&r, ARENA(state));
	r.method = "POST";
	assert_int_equal(parse_urlencoded(r.a, body, strlen(body), &r.form), 0);
	f = form_read(&r, campos, 3);
	assert_int_equal(f->bad, 1);
	assert_int_equal(f->num[0], 42);
	assert_int_equal(f->num[1], 0);		/* invalid: no id */
	assert_string_equal(f->val[2], "007");
	assert_int_equal(f->num[2], 7);		/* any valid decimal reads as one */
	/* A second message for a field in error replaces the first, counted once. */
	form_error(f, 1, "Otra sede");
	assert_int_equal(f->bad, 1);
	assert_string_equal(f->err[1], "Otra sede");
	form_error(f, 0, "Perfil de otro rol");
	assert_int_equal(f->bad, 2);
}

static void
test_all_valid_trimmed(void **state)
{
	const char *vals[NFIELDS], *errs[NFIELDS];
	size_t i;

	/* Blanks around a value are not part of it (a pasted e-mail often has them)... */
	assert_int_equal(read_form(state, "correo=+d%40clinica.example.co%09&nombre=+Ana+"
	    "&clave=+con+espacios+&acepto=si&tel=3001234567+", vals, errs), 0);
	assert_string_equal(vals[F_CORREO], "d@clinica.example.co");
	assert_string_equal(vals[F_NOMBRE], "Ana");
	assert_string_equal(vals[F_TEL], "3001234567");
	/* ...except in a password, where every byte counts. */
	assert_string_equal(vals[F_CLAVE], " con espacios ");
	for (i = 0; i < NFIELDS; i++)
		assert_null(errs[i]);
}

static void
test_invalid_and_missing(void **state)
{
	const char *vals[NFIELDS], *errs[NFIELDS];

	/* A bad e-mail, a blank name, no checkbox, no password, no phone. */
	assert_int_equal(read_form(state, "correo=no-es-correo&nombre=+++", vals, errs), 5);
	assert_string_equal(errs[F_CORREO], "Correo no v\xc3\xa1lido");
	assert_string_equal(errs[F_NOMBRE], "Escriba el nombre");
	assert_string_equal(errs[F_ACEPTO], "Debe aceptar");
	assert_string_equal(errs[F_CLAVE], "Falta");
	assert_string_equal(errs[F_TEL], "Tel\xc3\xa9" "fono no v\xc3\xa1lido");
	/* Values come back to refill the form: as typed, trimmed, "" when absent. */
	assert_string_equal(vals[F_CORREO], "no-es-correo");
	assert_string_equal(vals[F_NOMBRE], "");
	assert_string_equal(vals[F_ACEPTO], "");
	assert_string_equal(vals[F_TEL], "");
}

/* A repeated field counts once, by its first value: a second one cannot override it. */
static void
test_repeated_field_first_wins(void **state)
{
	const char *vals[NFIELDS], *errs[NFIELDS];

	assert_int_equal(read_form(state, "correo=a%40b.co&correo=otro&nombre=X&clave=k"
	    "&acepto=si&acepto=no&tel=6015893900", vals, errs), 0);
	assert_string_equal(vals[F_CORREO], "a@b.co");
	assert_string_equal(vals[F_ACEPTO], "si");
}

/* The login page with a hostile user name sent back, and a password that must not be. */
static void
test_show_escapes_and_hides_password(void **state)
{
	static const struct field login[] = {
		{ "usuario", "Usuario", "text", v_login, "Usuario no v\xc3\xa1lido", "Su login" },
		{ "clave", "Contrase\xc3\xb1" "a", "password", v_password, "Falta", NULL },
	};
	const char *vals[] = { "\"><script>alert(1)</script>", "secreta-123" };
	const char *errs[] = { "Usuario no v\xc3\xa1lido", NULL };
	struct view *v = view_new();
	struct buf out = { 0 };

	(void)state;
	assert_non_null(v);
	form_show(v, login, 2, vals, errs);
	view_set(v, "CSRF", "tok");
	assert_int_equal(view_expand("cuentas/login.tpl", v, &out), 0);
	view_free(v);
	assert_null(strstr(out.p, "<script>"));
	assert_non_null(strstr(out.p, "value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""));
	assert_null(strstr(out.p, "secreta-123"));
	assert_non_null(strstr(out.p, "type=\"password\" id=\"f-clave\" name=\"clave\" value=\"\""));
	/* The invalid field says so, with its message; the valid one does not. */
	assert_non_null(strstr(out.p, "name=\"usuario\" value=\"&quot;"));
	assert_non_null(strstr(out.p, "aria-invalid=\"true\" aria-describedby=\"f-usuario-err\""));
	assert_non_null(strstr(out.p, "aria-invalid=\"false\" aria-describedby=\"f-clave-err\""));
	assert_non_null(strstr(out.p, "id=\"f-usuario-err\">Usuario no v\xc3\xa1lido</p>"));
	assert_non_null(strstr(out.p, "<p class=\"hint\">Su login</p>"));
	buf_free(&out);
}

/* Loads the real templates once, as `portal serve` does at start-up. */
static int
load_templates(void **state)
{
	(void)state;
	return view_load(PORTAL_ROOT "/templates");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_all_valid_trimmed, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_ids_and_errors, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_invalid_and_missing, arena_setup,
		    arena_teardown),
		cmocka_unit_test_setup_teardown(test_repeated_field_first_wins, arena_setup,
		    arena_teardown),
		cmocka_unit_test(test_show_escapes_and_hides_password),
	};

	return cmocka_run_group_tests_name("form", tests, load_templates, NULL);
}
