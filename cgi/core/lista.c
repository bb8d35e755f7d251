#include "core/lista.h"

long
lista_filas(struct req *r, struct view *v, const struct lista *l, struct db_stmt *st,
    lista_fila *fila)
{
	struct view *t = l->tabla != NULL ? NULL : v;
	long n = 0;

	if (st == NULL)
		return -1;
	while (db_step(st) == DB_ROW) {
		if (l->max > 0 && n == l->max) {
			n++;	/* one more than the page shows: the caller says so */
			break;
		}
		if (t == NULL)
			t = view_section(v, l->tabla);
		fila(r, view_section(t, l->fila), st);
		n++;
	}
	db_reset(st);
	if (n == 0 && l->vacia != NULL)
		view_show(v, l->vacia);
	return n;
}
