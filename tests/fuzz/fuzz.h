/*
 * What the fuzz targets (tests/fuzz/fuzz_*.c, libFuzzer) share: a check that stops the run
 * like a crash when an invariant is broken, and copies of the input the way a parser gets
 * it. libFuzzer's own buffer has exactly n bytes, so a parser reading past them is caught
 * by AddressSanitizer.
 */
#ifndef FUZZ_H
#define FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Aborts with the condition's text when it is false: libFuzzer saves the input. */
#define CHECK(c)	do { if (!(c)) { fprintf(stderr, "%s:%d: invariant failed: %s\n", \
			    __FILE__, __LINE__, #c); abort(); } } while (0)

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

/* A NUL-terminated copy of d[0..n) (a header's text); the caller frees it. */
static inline char *
fuzz_cstr(const uint8_t *d, size_t n)
{
	char *s = malloc(n + 1);

	CHECK(s != NULL);
	memcpy(s, d, n);
	s[n] = '\0';
	return s;
}

/* How many times byte c occurs in s[0..n). */
static inline size_t
fuzz_count(const char *s, size_t n, char c)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += s[i] == c;
	return k;
}
#endif
