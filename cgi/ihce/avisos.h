/* Expiry warnings of IHCE keys (90, 45, 30 and 7 days before), each sent once. */
#ifndef AVISOS_H
#define AVISOS_H
#include "core/arena.h"

/* Queues the warnings that are due at now: one mail per entity and threshold to the
 * entity's delegates and to the request's líder técnico, recorded per key and threshold
 * in the same transaction (so a restart or a second sender never repeats one), audited.
 * Returns how many warnings were queued, or -1 on a database error. */
int avisos_pass(struct arena *, long long now);
#endif
