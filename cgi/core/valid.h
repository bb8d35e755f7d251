/* Validators: tiny functions returning 1 when the value is acceptable, 0 otherwise. */
#ifndef VALID_H
#define VALID_H
#include <stddef.h>

int v_utf8(const char *);		/* valid UTF-8 without control characters */
int v_utf8_lineas(const char *);	/* v_utf8, also tabs and line ends (a file's text) */
int v_utf8_bytes(const char *);		/* valid UTF-8, control characters or not (any input
					 * the request parser takes, cgi/core/req.c) */
/* The characters (code points) of UTF-8 text s: its bytes that do not continue a
 * character. For text a v_utf8* check accepted; the length a form's message speaks of. */
size_t utf8_chars(const char *s);
int v_text(const char *);		/* 1-200 characters of v_utf8 text, not only blanks */
int v_longtext(const char *);		/* 1-2000 characters, newlines allowed */
int v_digits(const char *, size_t min, size_t max);
int v_nit(const char *);		/* 9 digits, no check digit */
int v_documento(const char *);		/* 3-15 digits */
int v_codigo_hab(const char *);		/* 12 digits */
int v_email(const char *);
int v_telefono(const char *);		/* mobile 3xxxxxxxxx, landline 7 or 10 digits (60x) */
int v_guid(const char *);
int v_client_id(const char *);		/* a GUID or 1-64 of [A-Za-z0-9_-] */
int v_client_secret(const char *);	/* 1-128 printable ASCII, no spaces */
int v_https_url(const char *);
int v_fecha(const char *);		/* YYYY-MM-DD, a real calendar date */
/* v_fecha and after the day of now (the request's time) in Colombia: not a table's
 * validator, since it needs the time. */
int v_fecha_futura(const char *, long long now);
int v_acepto(const char *);		/* a checked checkbox */
/* A person's names or surnames as registration takes them: 1-60 characters, Latin letters
 * (accents too), blanks, apostrophe (' or ’) and hyphen, starting with a letter; no digit,
 * dot, slash or colon, so no address or URL fits. */
int v_nombre_persona(const char *);
int v_nombre_persona_opt(const char *);	/* empty, or v_nombre_persona */
int v_login(const char *);		/* 3-40 of [A-Za-z0-9._-] */
int v_password(const char *);		/* 1-256 bytes of v_utf8 */

/* The DIAN modulo-11 check digit of a NIT of up to 15 digits, or -1. */
int nit_dv(const char *nit);
#endif
