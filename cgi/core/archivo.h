/* Files read whole (the migrations' SQL). */
#ifndef ARCHIVO_H
#define ARCHIVO_H

/* Reads the file at path into a malloc'd, NUL-terminated string (the caller frees it), or
 * NULL. */
char *archivo_read(const char *path);
#endif
