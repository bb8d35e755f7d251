#include <stdio.h>
#include <string.h>

#include "core/form.h"
#include "core/text.h"

struct form *
form_read(struct req *r, const struct field *f, size_t n)
{
	struct form *m = arena_alloc(r->a, sizeof(*m));
	const char *v;
	size_t i;

	m->val = arena_alloc(r->a, (n + 1) * sizeof(*m->val));
	m->num = arena_alloc(r->a, (n + 1) * sizeof(*m->num));
	m->err = arena_alloc(r->a, (n + 1) * sizeof(*m->err));
	m->bad = 0;
	for (i = 0; i < n; i++) {
		v = req_form(r, f[i].name);
		if (v == NULL)
			v = "";
		else if (strcmp(f[i].type, "password") != 0)
			v = trim_blanks(r->a, v);
		/* A phone as people write it, "(601) 555-12-34", is kept as its digits. */
		if (strcmp(f[i].type, "tel") == 0)
			v = telefono_normal(r->a, v);
		m->val[i] = v;
		m->err[i] = f[i].valid(v) ? NULL : f[i].error;
		m->num[i] = m->err[i] == NULL ? parse_id(v) : 0;
		m->bad += m->err[i] != NULL;
	}
	return m;
}

void
form_error(struct form *f, int k, const char *msg)
{
	f->bad += f->err[k] == NULL;
	f->err[k] = msg;
}

/* The options of select field f into its list e, the one equal to val selected. */
static void
show_select(struct view *e, const struct field *f, const char *val,
    const struct form_opts *opts, size_t nopts)
{
	struct view *o;
	const char *const *x = NULL;
	size_t j;

	for (j = 0; j < nopts; j++)
		if (strcmp(opts[j].name, f->name) == 0)
			x = opts[j].opts;
	for (j = 0; x != NULL && x[j] != NULL && x[j + 1] != NULL; j += 2) {
		o = view_section(e, "OPTION");
		view_set(o, "VALUE", x[j]);
		view_set(o, "TEXT", x[j + 1]);
		if (strcmp(val, x[j]) == 0)
			view_show(o, "SELECTED");
	}
}

struct view *
form_field(struct view *v, const char *inc, const struct field *f, const char *val,
    const char *err)
{
	struct view *d = view_include(v, inc, "field.tpl"), *e, *sel = NULL;

	view_set(d, "NAME", f->name);
	view_set(d, "LABEL", f->label);
	if (f->hint != NULL)
		view_set(view_section(d, "HINT"), "TEXT", f->hint);
	if (strcmp(f->type, "select") == 0)
		sel = view_section(d, "SELECT");
	else if (strcmp(f->type, "textarea") == 0)
		view_set(view_section(d, "TEXTAREA"), "VALUE", val ? val : "");
	else if (strcmp(f->type, "checkbox") == 0) {
		e = view_section(d, "CHECKBOX");
		if (val != NULL && strcmp(val, "si") == 0)
			view_show(e, "CHECKED");
	} else {
		e = view_section(d, "INPUT");
		view_set(e, "TYPE", f->type);
		/* A password is never sent back to the browser. */
		view_set(e, "VALUE", val && strcmp(f->type, "password") ? val : "");
	}
	if (err != NULL) {
		view_set(view_section(d, "ERROR"), "TEXT", err);
		view_set(d, "INVALID", "true");
	} else
		view_set(d, "INVALID", "false");
	return sel;
}

static void show(struct view *, const struct field *, size_t, const char **, const char **,
    const struct form_opts *, size_t, struct view **);

void
form_show(struct view *v, const struct field *f, size_t n, const char **vals, const char **errs)
{
	show(v, f, n, vals, errs, NULL, 0, NULL);
}

void
form_show_opts(struct view *v, const struct field *f, size_t n, const char **vals,
    const char **errs, const struct form_opts *opts, size_t nopts)
{
	show(v, f, n, vals, errs, opts, nopts, NULL);
}

void
form_show_sel(struct view *v, const struct field *f, size_t n, const char **vals,
    const char **errs, struct view **sel)
{
	show(v, f, n, vals, errs, NULL, 0, sel);
}

void
form_option(struct view *sel, const char *value, const char *label, const char *cur)
{
	struct view *o = view_section(sel, "OPTION");

	view_set(o, "VALUE", value);
	view_set(o, "TEXT", label);
	if (cur != NULL && strcmp(cur, value) == 0)
		view_show(o, "SELECTED");
}

/* The fields of f into v; a select's options from opts or, with sel, left to the caller. */
static void
show(struct view *v, const struct field *f, size_t n, const char **vals, const char **errs,
    const struct form_opts *opts, size_t nopts, struct view **sel)
{
	struct view *s;
	char inc[64];
	size_t i, bad = 0;

	for (i = 0; i < n; i++) {
		snprintf(inc, sizeof(inc), "F_%s", f[i].name);
		s = form_field(v, inc, &f[i], vals ? vals[i] : "", errs ? errs[i] : NULL);
		if (sel != NULL)
			sel[i] = s;
		else if (s != NULL)
			show_select(s, &f[i], vals ? vals[i] : "", opts, nopts);
		bad += errs != NULL && errs[i] != NULL;
	}
	if (bad == 0)
		return;
	s = view_section(v, "ERRORS");
	view_setint(s, "COUNT", (long long)bad);
	s = form_resumen(s);
	for (i = 0; i < n; i++)
		if (errs[i] != NULL)
			form_resumen_enlace(s, f[i].name, errs[i]);
}

struct view *
form_resumen(struct view *e)
{
	return view_include(e, "RESUMEN", "resumen.tpl");
}

void
form_resumen_enlace(struct view *r, const char *name, const char *text)
{
	struct view *l = view_section(r, "ENLACE");

	view_set(l, "NAME", name);
	view_set(l, "TEXT", text);
}
