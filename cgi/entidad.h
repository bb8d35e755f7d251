/* Entities, users and role assignments: the accessors operators and pages share. */
#ifndef ENTIDAD_H
#define ENTIDAD_H
#include "arena.h"

/* Lower case without accents, for the search box. */
char *fold_search(struct arena *, const char *);

/* Each returns the new row's id, 0 when it already exists (constraint), -1 on error. */
long long db_entidad_insert(struct arena *, const char *nit, const char *razon,
    const char *tipo, const char *codigo, long long now);
long long db_usuario_insert(const char *login, const char *nombre, const char *correo,
    const char *tipo_doc, const char *num_doc, const char *pass_hash, long long now);
long long db_rol_insert(long long usuario_id, long long entidad_id, const char *rol);
/* The id of the entity with nit, or 0. */
long long db_entidad_id_by_nit(const char *nit);
#endif
