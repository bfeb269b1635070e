/*
 * ldcping: two domains, of either architecture, exchange messages over a
 * logical domain channel between them. The end whose port is called "ping"
 * brings the link up and sends numbered pings; the end called "pong" accepts
 * the link and answers each with its own architecture's name. Each prints what
 * it sends and receives, and both exit 0 after the last one.
 */
#include <stdio.h>
#include <string.h>

#include <hv/ldc.h>

#define ROUNDS 3

#if defined(__sparc__)
#define ARCH "sparc64"
#else
#define ARCH "x86_64"
#endif

static int open_port(const char *name, struct hv_ldc_channel *ch)
{
    uint64_t status = 0;
    if (hv_md_ldc_port(name, ch) != 0)
        return -1;
    int ldc = hv_ldc_open(ch, &status);
    if (ldc < 0)
        printf("%s: opening channel %lu failed: status %lu\n", name, (unsigned long)ch->id, (unsigned long)status);
    return ldc;
}

static int ping(int ldc)
{
    if (hv_ldc_connect(ldc) != 0) {
        printf("ping: the link did not come up\n");
        return 3;
    }
    printf("ping: link up\n");
    for (int i = 1; i <= ROUNDS; i++) {
        char msg[64];
        char back[128];
        snprintf(msg, sizeof msg, "ping %d from " ARCH, i);
        if (hv_ldc_send(ldc, msg, strlen(msg)) != 0)
            return 4;
        long n = hv_ldc_recv(ldc, back, sizeof back - 1);
        if (n < 0)
            return 5;
        back[n] = '\0';
        printf("ping: sent \"%s\", got \"%s\"\n", msg, back);
    }
    return 0;
}

static int pong(int ldc)
{
    if (hv_ldc_accept(ldc) != 0) {
        printf("pong: the link did not come up\n");
        return 3;
    }
    printf("pong: link up\n");
    for (int i = 1; i <= ROUNDS; i++) {
        char msg[128];
        char reply[192];
        long n = hv_ldc_recv(ldc, msg, sizeof msg - 1);
        if (n < 0)
            return 5;
        msg[n] = '\0';
        snprintf(reply, sizeof reply, "pong %d from " ARCH " to \"%s\"", i, msg);
        if (hv_ldc_send(ldc, reply, strlen(reply)) != 0)
            return 4;
        printf("pong: got \"%s\", answered\n", msg);
    }
    return 0;
}

int main(void)
{
    struct hv_ldc_channel ch;
    int ldc = open_port("ping", &ch);
    if (ldc >= 0)
        return ping(ldc);
    ldc = open_port("pong", &ch);
    if (ldc >= 0)
        return pong(ldc);
    printf("ldcping: no \"ping\" or \"pong\" channel in the machine description; hv demo connects two domains\n");
    return 1;
}
