/* List pages: the rows of a statement as repeated sections of a page, and what the page
 * says when there is none. */
#ifndef LISTA_H
#define LISTA_H
#include "core/db.h"
#include "core/req.h"
#include "core/view.h"

/* Where a list's rows go in its page's dictionary. */
struct lista {
	const char	*tabla;	/* section holding the rows, made at the first one (the
				 * table and its heading); NULL: the rows go in the page */
	const char	*fila;	/* the section of one row */
	const char	*vacia;	/* the section shown when there is no row; NULL: none */
	long		 max;	/* rows put at most (0: all); one more is counted, not put */
};

/* Fills section row from the statement's current row. */
typedef void lista_fila(struct req *, struct view *row, struct db_stmt *);

/* Puts each row of st (as db_stmt returns it: NULL after an error) into v as l says,
 * through fila, and resets st. Returns the rows counted (max + 1 when there are more than
 * l->max), or -1 when st is NULL. */
long lista_filas(struct req *, struct view *v, const struct lista *l, struct db_stmt *st,
    lista_fila *fila);
#endif
