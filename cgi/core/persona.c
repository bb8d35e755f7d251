#include "core/persona.h"

const char *
nombres_junto(struct arena *a, const struct nombres *n)
{
	const char *p[4] = { n->pn, n->sn, n->pa, n->sa }, *out = "";
	int i;

	for (i = 0; i < 4; i++)
		if (p[i] != NULL && *p[i] != '\0')
			out = *out ? arena_printf(a, "%s %s", out, p[i]) : p[i];
	return out;
}
