/* Locates a template syntax error by line, since ctemplate's own message has none. */
#ifndef TPL_CHECK_H
#define TPL_CHECK_H
#include <stddef.h>

/* Scans template text for unbalanced or mismatched sections and unterminated markers.
 * Returns the 1-based line of the first problem with a description in msg, or 0 when the
 * sections balance. */
int tpl_check(const char *text, char *msg, size_t msglen);
#endif
