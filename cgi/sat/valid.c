#include "core/valid.h"
#include "sat/valid.h"

int
v_sat_nombre(const char *s)
{
	return v_text(s) && utf8_chars(s) <= 100;
}

int
v_sat_descripcion(const char *s)
{
	return v_longtext(s) && utf8_chars(s) <= 1000;
}
