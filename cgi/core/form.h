/*
 * Form inputs declared once, in tables: each field's name, label, type, validator and
 * Spanish error. Handlers read values only through form_read, already validated, by the
 * enum of their table's keys: f->val[K_LOGIN], and an integer field as an integer,
 * f->num[K_PERFIL].
 */
#ifndef FORM_H
#define FORM_H
#include <stddef.h>

#include "core/req.h"
#include "core/view.h"

struct field {
	const char	*name;		/* form key; the template includes it as F_<name> */
	const char	*label;
	const char	*type;		/* text, email, tel, date, password, textarea, checkbox,
					 * select (options from form_show_opts, or form_option) */
	int		(*valid)(const char *);
	const char	*error;		/* shown next to the field when valid() fails */
	const char	*hint;		/* help under the label, or NULL */
};

/* A form as form_read leaves it, indexed like its table (the handler's enum of keys). */
struct form {
	const char	**val;	/* blank-trimmed text, "" when absent */
	long long	 *num;	/* a valid field's value as a positive decimal id (parse_id:
				 * a select of ids), else 0 */
	const char	**err;	/* why the field is invalid, or NULL */
	size_t		  bad;	/* fields in error */
};

/* Reads fields[0..n) from r's form into a new form in r's arena: each value blank-trimmed
 * (a password as typed; a "tel" field normalised to its digits when it is a valid
 * Colombian number), checked by its validator, and a valid one's id parsed (num). */
struct form *form_read(struct req *, const struct field *, size_t n);
/* Marks field k of f invalid with msg (a rule beyond its validator, or a better message
 * for its error); a field counts once in f->bad. */
void form_error(struct form *, int k, const char *msg);
/* Puts each field into v as include F_<name> (field.tpl) with its value and error, and
 * the ERRORS section with the count and the summary's links (form_resumen) when any is
 * set. vals and errs may be NULL. */
void form_show(struct view *, const struct field *, size_t n, const char **vals,
    const char **errs);
/* form_show that also sets sel[i] to the option list of each select field (NULL for the
 * other fields), for form_option. */
void form_show_sel(struct view *, const struct field *, size_t n, const char **vals,
    const char **errs, struct view **sel);
/* Puts field f into v as include inc (field.tpl) with its value and error (NULL: none).
 * Returns the option list of a select field, for form_option; NULL for the others. */
struct view *form_field(struct view *v, const char *inc, const struct field *f,
    const char *val, const char *err);
/* Adds an option to a select's list, selected when value equals cur. */
void form_option(struct view *sel, const char *value, const char *label, const char *cur);

/* The error summary at the top of a form (the GOV.UK pattern): includes resumen.tpl as
 * RESUMEN in e (the section that shows the form's errors) and returns its dictionary, to
 * which form_resumen_enlace adds one link per field in error. */
struct view *form_resumen(struct view *e);
/* A link to the control with id "f-<name>" reading text, in summary r. */
void form_resumen_enlace(struct view *r, const char *name, const char *text);

/* The options of a select field: value, label, value, label ..., NULL. */
struct form_opts {
	const char		 *name;
	const char *const	 *opts;
};
/* form_show, with the options of the select fields in opts[0..nopts). */
void form_show_opts(struct view *, const struct field *, size_t n, const char **vals,
    const char **errs, const struct form_opts *opts, size_t nopts);
#endif
