/* Password rules in the spirit of NIST SP 800-63B: length, a list of common passwords, and
 * nothing of the account's own identifiers; no composition rules. */
#ifndef CLAVE_H
#define CLAVE_H

#define CLAVE_MIN	12	/* characters (code points) */
#define CLAVE_MAX	256	/* bytes, as v_password */

/* Loads the common passwords of path (one a line, '#' comments) for clave_problema.
 * Called once at start, before the workers fork. Returns how many, or -1 (logged). */
long clave_load(const char *path);
/* Why pw is not acceptable for the account with login and num_doc (either may be NULL),
 * as a Spanish sentence for the form, or NULL when it is acceptable. */
const char *clave_problema(const char *pw, const char *login, const char *num_doc);
#endif
