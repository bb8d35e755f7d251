/* Per-request arena: everything a request allocates is freed at once. */
#ifndef ARENA_H
#define ARENA_H
#include <stddef.h>

struct arena;

/* Returns a new arena, or NULL when out of memory. */
struct arena *arena_new(void);
/* Frees every block but the first, which is kept for the next request. */
void arena_reset(struct arena *);
void arena_free(struct arena *);
/* Allocation never fails: out of memory aborts the worker, which the master replaces. */
void *arena_alloc(struct arena *, size_t);
char *arena_strndup(struct arena *, const char *, size_t);
char *arena_strdup(struct arena *, const char *);
char *arena_printf(struct arena *, const char *, ...)
	__attribute__((format(printf, 2, 3)));
#endif
