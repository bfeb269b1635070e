/*
 * stdio.h for Hyperstrand guests (libhv). Output only: everything goes to the
 * domain's console, unbuffered; each call has written its bytes when it returns.
 * Supported conversions: d i u o x X c s p %, flags - + space # 0, width and
 * precision (numbers or *), length modifiers hh h l ll j z t. No floating point.
 */
#ifndef HV_LIBC_STDIO_H
#define HV_LIBC_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
int puts(const char *s);
int putchar(int c);

#endif
