/* What `make bench` needs of the Auditoría page (cgi/tools/auditoria_carga.c): many audit rows,
 * chained as the portal writes them (portal seed-auditoria). */
#ifndef AUDITORIA_CARGA_H
#define AUDITORIA_CARGA_H

/* Appends n audit rows over the last dias days (now excluded), evenly in time, oldest
 * first, through ST_AUDIT_INSERT (each row chained to the one before, cgi/core/cadena.c): in
 * turn by up to 1,000 of the people with an active role (their login, role and entity),
 * actions taken in turn from a list of the portal's own, from addresses 10.x.y.z; 100,000
 * to a transaction, then an audit entry of the load. Sets *personas (how many people).
 * Returns 0, or -1 (with a message on stderr; the batches committed stay). */
int auditoria_carga(long long n, int dias, int *personas);
#endif
