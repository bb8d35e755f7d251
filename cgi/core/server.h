#ifndef SERVER_H
#define SERVER_H
/* Serves FastCGI on cfg.sock until SIGTERM/SIGINT. Returns 0, or -1 if it cannot start. */
int server_run(void);
#endif
