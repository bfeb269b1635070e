/*
 * string.h for Hyperstrand guests (libhv).
 *
 * Guests are built with -ffreestanding, which stops gcc from treating these names
 * as built-ins. The macros below give the common ones back, so that a memcpy of a
 * known small size is inlined as it is in a hosted build; anything gcc does not
 * inline still calls the functions in libhv.
 */
#ifndef HV_LIBC_STRING_H
#define HV_LIBC_STRING_H

#include <stddef.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *restrict dst, const char *restrict src);
char *strncpy(char *restrict dst, const char *restrict src, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);

#ifndef HV_LIBC_NO_BUILTIN_MACROS
#define memcpy(d, s, n)  __builtin_memcpy((d), (s), (n))
#define memmove(d, s, n) __builtin_memmove((d), (s), (n))
#define memset(d, c, n)  __builtin_memset((d), (c), (n))
#define memcmp(a, b, n)  __builtin_memcmp((a), (b), (n))
#define strlen(s)        __builtin_strlen((s))
#endif

#endif
