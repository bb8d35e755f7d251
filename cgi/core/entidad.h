/* Entities, users and role assignments: the accessors operators and pages share. */
#ifndef ENTIDAD_H
#define ENTIDAD_H
#include "core/arena.h"

/* Lower case without accents, for the search box. */
char *fold_search(struct arena *, const char *);

/* Each returns the new row's id, 0 when it already exists (constraint), -1 on error. */
long long db_entidad_insert(struct arena *, const char *nit, const char *razon,
    const char *tipo, const char *codigo, long long now);
/* An account given its full name only: its four parts are split from it by the rule of
 * db/migrations/018_personas.sql (a trigger). */
long long db_usuario_insert(const char *login, const char *nombre, const char *correo,
    const char *tipo_doc, const char *num_doc, const char *pass_hash, long long now);
struct nombres;
/* An account without a password, given its name's four parts (nombre is their join). */
long long db_usuario_insert_persona(struct arena *, const char *login, const struct nombres *,
    const char *correo, const char *tipo_doc, const char *num_doc, long long now);
long long db_rol_insert(long long usuario_id, long long entidad_id, const char *rol);
/* The id of the entity with nit, or 0. */
long long db_entidad_id_by_nit(const char *nit);
#endif
