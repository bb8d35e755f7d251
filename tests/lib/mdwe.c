/*
 * mdwe PROGRAM [ARG...]: runs PROGRAM with memory that is never both writable and
 * executable (prctl PR_SET_MDWE, Linux 6.3+; inherited by its children and kept across
 * exec), as systemd's MemoryDenyWriteExecute=yes does. tests/e2e/admin/produccion.test.js runs
 * the portal under it.
 */
#include <stdio.h>
#include <sys/prctl.h>
#include <unistd.h>

#ifndef PR_SET_MDWE
#define PR_SET_MDWE			65
#define PR_MDWE_REFUSE_EXEC_GAIN	1
#endif

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: mdwe PROGRAM [ARG...]\n");
		return 2;
	}
	if (prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0L, 0L, 0L) != 0) {
		perror("mdwe: PR_SET_MDWE");
		return 1;
	}
	execvp(argv[1], argv + 1);
	perror(argv[1]);
	return 127;
}
