/*
 * serial: COM1, the 16550A UART at ports 0x3f8-0x3ff that the hypervisor wires
 * to the domain console, driven with the string port instructions, which the
 * hypervisor emulates at the IOIO exit:
 *
 *  1. rep outsb of a line, of a line stored backwards (RFLAGS.DF set), with the
 *     address-size prefix (ESI, ECX), and outsb one byte at a time;
 *  2. a rep outsb of 20 lines at once, longer than the 1024 bytes the
 *     hypervisor moves per exit: it carries on where it stopped;
 *  3. insb of the line status register, rep insb of the scratch register, insw
 *     and insl of a port with no device (all ones);
 *  4. typed input through the receiver: insb of LSR until it has data (bit 0),
 *     then insb of RBR, until the input hangs up (MSR.DCD drops). Between polls
 *     it waits for a 1 ms timer interrupt, as the console guest does.
 *
 * Lines that start with "serial:" come through cons_write (printf); the UART's
 * own lines start with "com1:". Run it as `echo hi | hv run serial.elf`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <hv/runtime.h>
#include <hv/timer.h>

#define COM1     0x3f8
#define COM1_RBR (COM1 + 0)  /* receive buffer (read), transmit holding (write) */
#define COM1_LSR (COM1 + 5)  /* line status */
#define COM1_MSR (COM1 + 6)  /* modem status */
#define COM1_SCR (COM1 + 7)  /* scratch */
#define NO_DEVICE 0x2f8      /* COM2: nothing answers there */

#define LSR_DR   0x01        /* data ready */
#define LSR_THRE 0x20        /* transmit holding register empty */
#define LSR_TEMT 0x40        /* transmitter empty */
#define MSR_DCD  0x80        /* carrier detect: drops when the input hangs up */

static void rep_outsb(const void *p, size_t n)
{
    __asm__ __volatile__("rep outsb" : "+S"(p), "+c"(n) : "d"(COM1) : "memory");
}

/* The same, from the last byte down: the string is stored back to front. */
static void rep_outsb_backwards(const void *last, size_t n)
{
    __asm__ __volatile__("std\n\trep outsb\n\tcld" : "+S"(last), "+c"(n) : "d"(COM1) : "memory", "cc");
}

/* With the 0x67 prefix: ESI and ECX; returns what is left in RSI. */
static uint64_t addr32_rep_outsb(const void *p, uint32_t n)
{
    uint64_t rsi = (uint64_t)(uintptr_t)p, rcx = n;
    __asm__ __volatile__("addr32 rep outsb" : "+S"(rsi), "+c"(rcx) : "d"(COM1) : "memory");
    return rsi;
}

static void outsb(const char *p)
{
    __asm__ __volatile__("outsb" : "+S"(p) : "d"(COM1) : "memory");
}

/* One byte of `port` stored with insb. */
static uint8_t insb(uint16_t port)
{
    uint8_t v = 0;
    uint8_t *p = &v;
    __asm__ __volatile__("insb" : "+D"(p) : "d"(port) : "memory");
    return v;
}

static void rep_insb(uint16_t port, uint8_t *buf, size_t n)
{
    __asm__ __volatile__("rep insb" : "+D"(buf), "+c"(n) : "d"(port) : "memory");
}

static void outb(uint16_t port, uint8_t v)
{
    __asm__ __volatile__("outb %0, %1" : : "a"(v), "d"(port));
}

static const char *yes(int ok)
{
    return ok ? "yes" : "NO";
}

static void nothing(void)
{
}

static char long_text[20 * 64];

int main(void)
{
    /* ---- 1. output ---- */
    printf("serial: COM1 with string port I/O\n");
    static const char hello[] = "com1: one rep outsb writes this whole line\n";
    rep_outsb(hello, sizeof hello - 1);

    static const char backwards[] = "\ntes FD.SGALFR htiw detnirp ,sdrawkcab derots enil a :1moc";
    rep_outsb_backwards(backwards + sizeof backwards - 2, sizeof backwards - 1);

    static const char narrow[] = "com1: addr32 rep outsb counts in ECX and steps ESI\n";
    uint64_t rsi = addr32_rep_outsb(narrow, sizeof narrow - 1);
    printf("serial: RSI after addr32 rep outsb is the end of the line: %s\n",
           yes(rsi == (uint64_t)(uintptr_t)(narrow + sizeof narrow - 1)));

    static const char single[] = "com1: outsb, one byte per instruction\n";
    for (const char *p = single; *p != '\0'; p++)
        outsb(p);

    /* ---- 2. more than one exit's worth ---- */
    for (int line = 0; line < 20; line++) {
        char *l = long_text + 64 * line;
        memset(l, '.', 63);
        memcpy(l, "com1: long rep outsb, line ", 27);
        l[27] = (char)('0' + (line + 1) / 10);
        l[28] = (char)('0' + (line + 1) % 10);
        l[29] = ' ';
        l[63] = '\n';
    }
    rep_outsb(long_text, sizeof long_text);
    printf("serial: %lu bytes in one rep outsb\n", (unsigned long)sizeof long_text);

    /* ---- 3. input instructions ---- */
    uint8_t lsr = insb(COM1_LSR);
    /* bit 0 depends on whether input came yet: only the transmitter bits are printed */
    printf("serial: LSR read with insb: transmitter bits 0x%02x, THRE and TEMT set: %s\n",
           lsr & (LSR_THRE | LSR_TEMT), yes((lsr & (LSR_THRE | LSR_TEMT)) == (LSR_THRE | LSR_TEMT)));
    uint8_t scratch[8];
    memset(scratch, 0, sizeof scratch);
    outb(COM1_SCR, 0xa5);
    rep_insb(COM1_SCR, scratch, sizeof scratch);
    int all = 1;
    for (size_t i = 0; i < sizeof scratch; i++)
        all &= scratch[i] == 0xa5;
    printf("serial: scratch register 0xa5 read 8 times with rep insb: %s\n", yes(all));
    uint16_t w = 0;
    uint32_t d = 0;
    uint16_t *pw = &w;
    uint32_t *pd = &d;
    __asm__ __volatile__("insw" : "+D"(pw) : "d"(NO_DEVICE) : "memory");
    __asm__ __volatile__("insl" : "+D"(pd) : "d"(NO_DEVICE) : "memory");
    printf("serial: insw and insl of a port with no device: 0x%x 0x%x\n", w, d);

    /* ---- 4. typed input through the receiver ---- */
    uint64_t tick = hv_time_frequency() / 1000;
    char typed[128];
    size_t n = 0;
    hv_timer_set_handler(nothing);
    hv_interrupts_off();
    for (;;) {
        if (insb(COM1_LSR) & LSR_DR) {
            uint8_t c = insb(COM1_RBR);
            if (n < sizeof typed - 1)
                typed[n++] = c == '\n' ? '|' : (char)c;
            continue;
        }
        if ((insb(COM1_MSR) & MSR_DCD) == 0)
            break;
        hv_timer_arm(hv_time_now() + tick);
        hv_wait_for_interrupt();
    }
    typed[n] = '\0';
    printf("serial: %lu bytes typed, read with insb until the input hung up: \"%s\"\n", (unsigned long)n, typed);
    return 0;
}
