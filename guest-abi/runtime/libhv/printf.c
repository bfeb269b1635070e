/*
 * printf family for libhv. One formatter writes into a sink: either a caller's
 * buffer (snprintf) or a small stack buffer that is handed to the console
 * whenever it fills and once more at the end (printf). Output follows the C
 * standard, and glibc where the standard leaves a choice ("(nil)" for a null %p,
 * "(null)" for a null %s), so guest output can be compared with a glibc build.
 */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "libhv.h"

struct sink {
    char *buf;
    size_t cap;      /* bytes buf can hold */
    size_t len;      /* bytes in buf */
    size_t total;    /* bytes produced so far, stored or not */
    int to_console;  /* flush to the console when full (else drop what does not fit) */
};

static void put(struct sink *s, char c)
{
    if (s->to_console) {
        if (s->len == s->cap) {
            __hv_platform_write(s->buf, s->len);
            s->len = 0;
        }
        s->buf[s->len++] = c;
    } else if (s->len + 1 < s->cap) {
        /* keep one byte for the terminating NUL */
        s->buf[s->len++] = c;
    }
    s->total++;
}

static void put_repeat(struct sink *s, char c, int n)
{
    while (n-- > 0)
        put(s, c);
}

/* One conversion's flags, width and precision. */
struct spec {
    int left;      /* '-' */
    int plus;      /* '+' */
    int space;     /* ' ' */
    int alt;       /* '#' */
    int zero;      /* '0' */
    int width;     /* 0 if none */
    int prec;      /* -1 if none */
};

static void put_padded(struct sink *s, const char *str, int n, const struct spec *sp)
{
    int pad = sp->width > n ? sp->width - n : 0;

    if (!sp->left)
        put_repeat(s, ' ', pad);
    for (int i = 0; i < n; i++)
        put(s, str[i]);
    if (sp->left)
        put_repeat(s, ' ', pad);
}

static void put_string(struct sink *s, const char *str, const struct spec *sp)
{
    int n = 0;

    if (str == NULL)
        str = (sp->prec < 0 || sp->prec >= 6) ? "(null)" : "";
    while (str[n] != '\0' && (sp->prec < 0 || n < sp->prec))
        n++;
    put_padded(s, str, n, sp);
}

/*
 * An integer: magnitude mag, sign given separately, in base 8, 10 or 16.
 * Layout: [spaces] [sign or 0x] [zeros] digits [spaces].
 */
static void put_integer(struct sink *s, uint64_t mag, int negative, int is_signed,
                        unsigned base, int upper, const struct spec *sp)
{
    const char *digit_chars = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char digits[24];
    char prefix[2];
    int nd = 0, np = 0, zeros, body, pad;
    uint64_t v = mag;

    while (v != 0) {
        digits[nd++] = digit_chars[v % base];
        v /= base;
    }
    if (sp->prec < 0) {
        zeros = nd == 0 ? 1 : 0;        /* zero prints as "0" */
    } else {
        zeros = sp->prec > nd ? sp->prec - nd : 0;  /* %.0d of 0 prints nothing */
    }
    if (sp->alt && base == 8 && zeros == 0 && (nd == 0 || digits[nd - 1] != '0'))
        zeros = 1;
    if (is_signed) {
        if (negative)
            prefix[np++] = '-';
        else if (sp->plus)
            prefix[np++] = '+';
        else if (sp->space)
            prefix[np++] = ' ';
    }
    if (sp->alt && base == 16 && mag != 0) {
        prefix[np++] = '0';
        prefix[np++] = upper ? 'X' : 'x';
    }
    body = np + zeros + nd;
    pad = sp->width > body ? sp->width - body : 0;
    if (pad > 0 && !sp->left && sp->zero && sp->prec < 0) {
        zeros += pad;
        pad = 0;
    }
    if (!sp->left)
        put_repeat(s, ' ', pad);
    for (int i = 0; i < np; i++)
        put(s, prefix[i]);
    put_repeat(s, '0', zeros);
    while (nd > 0)
        put(s, digits[--nd]);
    if (sp->left)
        put_repeat(s, ' ', pad);
}

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_J, LEN_Z, LEN_T };

static void format(struct sink *s, const char *fmt, va_list ap)
{
    while (*fmt != '\0') {
        struct spec sp = { 0, 0, 0, 0, 0, 0, -1 };
        enum length len = LEN_NONE;
        const char *start = fmt;
        char conv;

        if (*fmt != '%') {
            put(s, *fmt++);
            continue;
        }
        fmt++;
        for (;; fmt++) {
            if (*fmt == '-')
                sp.left = 1;
            else if (*fmt == '+')
                sp.plus = 1;
            else if (*fmt == ' ')
                sp.space = 1;
            else if (*fmt == '#')
                sp.alt = 1;
            else if (*fmt == '0')
                sp.zero = 1;
            else
                break;
        }
        if (*fmt == '*') {
            int w = va_arg(ap, int);
            fmt++;
            if (w < 0) {
                sp.left = 1;
                w = w == INT_MIN ? INT_MAX : -w;
            }
            sp.width = w;
        } else {
            while (*fmt >= '0' && *fmt <= '9')
                sp.width = sp.width * 10 + (*fmt++ - '0');
        }
        if (*fmt == '.') {
            fmt++;
            if (*fmt == '*') {
                int p = va_arg(ap, int);
                fmt++;
                sp.prec = p < 0 ? -1 : p;
            } else {
                sp.prec = 0;
                while (*fmt >= '0' && *fmt <= '9')
                    sp.prec = sp.prec * 10 + (*fmt++ - '0');
            }
        }
        switch (*fmt) {
        case 'h':
            len = LEN_H;
            if (*++fmt == 'h') {
                len = LEN_HH;
                fmt++;
            }
            break;
        case 'l':
            len = LEN_L;
            if (*++fmt == 'l') {
                len = LEN_LL;
                fmt++;
            }
            break;
        case 'q': len = LEN_LL; fmt++; break;
        case 'j': len = LEN_J; fmt++; break;
        case 'z': len = LEN_Z; fmt++; break;
        case 't': len = LEN_T; fmt++; break;
        default: break;
        }

        conv = *fmt;
        if (conv == '\0') {
            /* a lone '%' at the end: print what there is */
            while (start < fmt)
                put(s, *start++);
            break;
        }
        fmt++;
        switch (conv) {
        case 'd':
        case 'i': {
            int64_t v;
            switch (len) {
            case LEN_HH: v = (signed char)va_arg(ap, int); break;
            case LEN_H: v = (short)va_arg(ap, int); break;
            case LEN_L: v = va_arg(ap, long); break;
            case LEN_LL: v = va_arg(ap, long long); break;
            case LEN_J: v = va_arg(ap, intmax_t); break;
            case LEN_Z: v = va_arg(ap, long); break;      /* signed size_t */
            case LEN_T: v = va_arg(ap, ptrdiff_t); break;
            default: v = va_arg(ap, int); break;
            }
            put_integer(s, v < 0 ? 0 - (uint64_t)v : (uint64_t)v, v < 0, 1, 10, 0, &sp);
            break;
        }
        case 'u':
        case 'o':
        case 'x':
        case 'X': {
            uint64_t v;
            switch (len) {
            case LEN_HH: v = (unsigned char)va_arg(ap, unsigned int); break;
            case LEN_H: v = (unsigned short)va_arg(ap, unsigned int); break;
            case LEN_L: v = va_arg(ap, unsigned long); break;
            case LEN_LL: v = va_arg(ap, unsigned long long); break;
            case LEN_J: v = va_arg(ap, uintmax_t); break;
            case LEN_Z: v = va_arg(ap, size_t); break;
            case LEN_T: v = (uint64_t)va_arg(ap, ptrdiff_t); break;
            default: v = va_arg(ap, unsigned int); break;
            }
            put_integer(s, v, 0, 0, conv == 'u' ? 10 : conv == 'o' ? 8 : 16, conv == 'X', &sp);
            break;
        }
        case 'p': {
            void *p = va_arg(ap, void *);
            if (p == NULL) {
                sp.prec = -1;
                put_string(s, "(nil)", &sp);
            } else {
                sp.alt = 1;
                put_integer(s, (uintptr_t)p, 0, 0, 16, 0, &sp);
            }
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            put_padded(s, &c, 1, &sp);
            break;
        }
        case 's':
            put_string(s, va_arg(ap, const char *), &sp);
            break;
        case '%':
            put(s, '%');
            break;
        default:
            /* not supported (floating point, %n...): print the directive as written */
            while (start < fmt)
                put(s, *start++);
            break;
        }
    }
}

static int clamp_int(size_t n)
{
    return n > INT_MAX ? INT_MAX : (int)n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct sink s = { buf, size, 0, 0, 0 };

    format(&s, fmt, ap);
    if (size > 0)
        buf[s.len] = '\0';
    return clamp_int(s.total);
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int vprintf(const char *fmt, va_list ap)
{
    char chunk[256];
    struct sink s = { chunk, sizeof chunk, 0, 0, 1 };

    format(&s, fmt, ap);
    if (s.len > 0)
        __hv_platform_write(chunk, s.len);
    return clamp_int(s.total);
}

int printf(const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vprintf(fmt, ap);
    va_end(ap);
    return n;
}

int putchar(int c)
{
    char ch = (char)c;

    __hv_platform_write(&ch, 1);
    return (unsigned char)ch;
}

int puts(const char *s)
{
    size_t n = 0;

    while (s[n] != '\0')
        n++;
    __hv_platform_write(s, n);
    __hv_platform_write("\n", 1);
    return 0;
}
