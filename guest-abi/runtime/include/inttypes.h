/* inttypes.h for Hyperstrand guests (libhv): printf macros for the LP64 targets. */
#ifndef HV_LIBC_INTTYPES_H
#define HV_LIBC_INTTYPES_H

#include <stdint.h>

#if __SIZEOF_LONG__ != 8
#error "libhv's inttypes.h assumes an LP64 target"
#endif

#define PRId8  "d"
#define PRId16 "d"
#define PRId32 "d"
#define PRId64 "ld"
#define PRIi64 "li"
#define PRIu8  "u"
#define PRIu16 "u"
#define PRIu32 "u"
#define PRIu64 "lu"
#define PRIx8  "x"
#define PRIx16 "x"
#define PRIx32 "x"
#define PRIx64 "lx"
#define PRIX32 "X"
#define PRIX64 "lX"
#define PRIdPTR "ld"
#define PRIuPTR "lu"
#define PRIxPTR "lx"

#endif
