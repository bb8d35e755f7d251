#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

#define BLOCK 65536

struct block {
	struct block *next;
	size_t used, cap;
	_Alignas(16) unsigned char data[];
};

struct arena {
	struct block *head; /* newest block first; the last one is kept */
};

static struct block *
block_new(size_t cap)
{
	struct block *b = malloc(sizeof(*b) + cap);

	if (b == NULL)
		abort();
	b->next = NULL;
	b->used = 0;
	b->cap = cap;
	return b;
}

struct arena *
arena_new(void)
{
	struct arena *a = malloc(sizeof(*a));

	if (a == NULL)
		return NULL;
	a->head = block_new(BLOCK);
	return a;
}

void
arena_reset(struct arena *a)
{
	struct block *b = a->head, *next;

	while (b->next != NULL) {
		next = b->next;
		free(b);
		b = next;
	}
	b->used = 0;
	a->head = b;
}

void
arena_free(struct arena *a)
{
	if (a == NULL)
		return;
	arena_reset(a);
	free(a->head);
	free(a);
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct block *b = a->head;
	void *p;

	/* Round up to 16 so every allocation stays aligned. */
	n = (n + 15) & ~(size_t)15;
	if (n > b->cap - b->used) {
		b = block_new(n > BLOCK ? n : BLOCK);
		b->next = a->head;
		a->head = b;
	}
	p = b->data + b->used;
	b->used += n;
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
