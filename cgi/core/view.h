/* The C face of Google ctemplate: dictionaries, sections, includes and expansion. */
#ifndef VIEW_H
#define VIEW_H
#include <string.h>

#include "core/buf.h"

#ifdef __cplusplus
extern "C" {
#endif

struct view;	/* a page's dictionary (view.cc: ctemplate's TemplateDictionaryInterface) */

/* Loads every *.tpl in dir, each of which must start with the AUTOESCAPE pragma.
 * Returns 0, or -1 after logging the file (and ctemplate's line) that failed. */
int view_load(const char *dir);
/* Reloads templates changed on disk (SIGHUP). */
void view_reload(void);

/* A new root dictionary; the caller frees it with view_free. NULL on failure. */
struct view *view_new(void);
void view_free(struct view *);
/* Adds an include dictionary for {{>name}} that expands file. */
struct view *view_include(struct view *, const char *name, const char *file);
/* Adds one repetition of section name and returns its dictionary. */
struct view *view_section(struct view *, const char *name);
void view_show(struct view *, const char *section);
/* Values are copied; a NULL value sets the empty string. view_set and view_setint are
 * inline so that a literal key's length is counted when compiling (193 values a queue
 * page); view_set_len and view_setint_len take the key's length. */
void view_set_len(struct view *, const char *key, size_t keylen, const char *value);
void view_setf(struct view *, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void view_setint_len(struct view *, const char *key, size_t keylen, long long value);

static inline void
view_set(struct view *v, const char *key, const char *value)
{
	view_set_len(v, key, strlen(key), value);
}

static inline void
view_setint(struct view *v, const char *key, long long value)
{
	view_setint_len(v, key, strlen(key), value);
}
/* Writes s escaped as the templates' HTML escaping ({{X:h}}, ctemplate's) escapes it, at o
 * (room for 6 bytes a byte of s), no NUL; returns the end. For C that writes markup itself,
 * put by the template as it is (cgi/ap/reporte.c). */
char *view_html_escape(char *o, const char *s);
/* Expands file with the dictionary into out. Returns 0, or -1. */
int view_expand(const char *file, struct view *, struct buf *out);

#ifdef __cplusplus
}
#endif
#endif
