/*
 * The string and memory functions of the C library subset: lengths,
 * comparisons (only the sign of a result is printed, the magnitude is up to the
 * library), copies with and without padding, searches, fills and overlapping
 * moves, at assorted alignments.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define OPAQUE(x) ({ __auto_type o_ = (x); __asm__("" : "+r"(o_)); o_; })

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

/* printable ASCII as is, anything else as \xx */
static void escaped(const char *p, int n)
{
    for (int i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 0x20 && c < 0x7f)
            putchar(c);
        else
            printf("\\%02x", c);
    }
}

static void show(const char *label, const char *p, int n)
{
    printf("%s: [", label);
    escaped(p, n);
    printf("]\n");
}

static void lengths(void)
{
    static char text[80];
    const char *words[] = { "", "a", "ab", "abcdefg", "abcdefgh", "abcdefghi", "hello, world" };

    for (unsigned i = 0; i < sizeof words / sizeof words[0]; i++)
        printf("strlen(\"%s\") = %u\n", words[i], (unsigned)strlen(OPAQUE(words[i])));
    for (int start = 0; start < 8; start++) {
        memset(text, 'x', sizeof text);
        text[start + 33] = '\0';
        printf("strlen at offset %d = %u\n", start, (unsigned)strlen(text + OPAQUE(start)));
    }
}

static void comparisons(void)
{
    static const char *const pairs[][2] = {
        { "", "" }, { "a", "" }, { "", "a" }, { "abc", "abc" }, { "abc", "abd" }, { "abd", "abc" },
        { "abc", "abcd" }, { "abcd", "abc" }, { "\x80", "\x7f" }, { "A", "a" }, { "same prefix 1", "same prefix 2" },
    };
    for (unsigned i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        const char *a = OPAQUE(pairs[i][0]), *b = OPAQUE(pairs[i][1]);
        size_t la = strlen(a), lb = strlen(b);
        printf("cmp(\"");
        escaped(a, (int)la);
        printf("\", \"");
        escaped(b, (int)lb);
        printf("\"): strcmp %d strncmp3 %d strncmp0 %d memcmp %d\n", sign(strcmp(a, b)), sign(strncmp(a, b, 3)), sign(strncmp(a, b, OPAQUE((size_t)0))),
               sign(memcmp(a, b, (la < lb ? la : lb) + 1)));
    }
    unsigned char x[16], y[16];
    for (int i = 0; i < 16; i++)
        x[i] = y[i] = (unsigned char)(i * 17);
    y[OPAQUE(9)] = 0xf0;
    printf("memcmp bytes: %d %d %d\n", sign(memcmp(x, y, 9)), sign(memcmp(x, y, 10)), sign(memcmp(y, x, 16)));
}

static void copies(void)
{
    char buf[32];

    memset(buf, '#', sizeof buf);
    strcpy(buf, OPAQUE("copy me"));
    show("strcpy", buf, 10);
    memset(buf, '#', sizeof buf);
    strncpy(buf, OPAQUE("short"), 10);
    show("strncpy pads", buf, 12);
    memset(buf, '#', sizeof buf);
    strncpy(buf, OPAQUE("much too long"), 6);
    show("strncpy truncates", buf, 8);
    memset(buf, '#', sizeof buf);
    strncpy(buf, OPAQUE("exact"), 5);
    show("strncpy exact", buf, 7);

    for (int off = 0; off < 4; off++) {
        memset(buf, '.', sizeof buf);
        strcpy(buf + OPAQUE(off), "aligned?");
        show("strcpy offset", buf, 14);
    }
}

static void searches(void)
{
    const char *s = OPAQUE("the quick brown fox");
    const char *p;

    p = strchr(s, 'q');
    printf("strchr q -> %s\n", p ? p : "(none)");
    p = strchr(s, 'o');
    printf("strchr o -> offset %d\n", p ? (int)(p - s) : -1);
    p = strchr(s, 'z');
    printf("strchr z -> %s\n", p ? p : "(none)");
    p = strchr(s, '\0');
    printf("strchr NUL -> offset %d\n", p ? (int)(p - s) : -1);
    p = strchr(s, 't' | 0x100);
    printf("strchr (int)0x174 -> offset %d\n", p ? (int)(p - s) : -1);
}

static void fills_and_moves(void)
{
    static char big[300];

    for (int len = 0; len <= 40; len += 8) {
        for (int off = 0; off < 8; off += 3) {
            memset(big, 0, sizeof big);
            memset(big + OPAQUE(off), 0x5a, (size_t)OPAQUE(len));
            int count = 0, first = -1, last = -1;
            for (int i = 0; i < 64; i++) {
                if (big[i] == 0x5a) {
                    count++;
                    if (first < 0)
                        first = i;
                    last = i;
                }
            }
            printf("memset len %d off %d: %d bytes set, %d..%d\n", len, off, count, first, last);
        }
    }
    memset(big, -1, 257);
    printf("memset -1: %d %d %d\n", big[0], big[256], big[257]);

    char m[40];
    for (int i = 0; i < 40; i++)
        m[i] = (char)('a' + i % 26);
    memmove(m + 1, m, (size_t)OPAQUE(30));
    show("memmove +1", m, 34);
    memmove(m + 8, m + 16, (size_t)OPAQUE(16));
    show("memmove -8", m, 34);
    memmove(m, m, (size_t)OPAQUE(40));
    show("memmove self", m, 34);
    memcpy(m, "0123456789", 10);
    show("memcpy", m, 12);
}

int main(void)
{
    lengths();
    comparisons();
    copies();
    searches();
    fills_and_moves();
    return 0;
}
