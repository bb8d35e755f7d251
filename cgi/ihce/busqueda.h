/*
 * The MSPS queue's search through the trigram index (cgi/ihce/busqueda.c): which trigrams of
 * the text to ask it for, by how many entities hold each (busqueda_trigrama, which the
 * periodic job busqueda_tarea of ihce/ihce.h keeps).
 */
#ifndef IHCE_BUSQUEDA_H
#define IHCE_BUSQUEDA_H
#include "core/arena.h"

/* Searches whose candidates are estimated at most this many are all read and sorted in the
 * queue's order (bounded by the candidates, whatever the page); above, the index is read up
 * to BUSQUEDA_MAX + 1 matches and, past those, the queue in order. */
#define BUSQUEDA_CANDIDATOS	2000

/* The FTS5 query over the trigram index for the folded search fq, or NULL when the index
 * cannot answer it (under 3 characters, or a state name): then the queue is read in order.
 * Text is asked as its rarest trigram ANDed with the rarest of another word, when that
 * filters more than it costs: a superset of the matches, and the exact rule filters it.
 * Digits (a NIT, a código) and other scripts are asked as the phrase. *pocos is set when
 * the candidates are estimated at most BUSQUEDA_CANDIDATOS. */
const char *busqueda_consulta(struct arena *, const char *fq, int *pocos);

#endif
