/*
 * The ldc guest: finds its "echo" channel in the machine description, brings
 * the link up, sends a few messages (one longer than a packet's 48 bytes) and
 * prints what comes back. Run with `hv run --ldc-echo`.
 */
#include <stdio.h>
#include <string.h>

#include <hv/ldc.h>

int main(void)
{
    struct hv_ldc_channel ch;
    uint64_t status = 0;
    if (hv_md_ldc_port("echo", &ch) != 0) {
        printf("no echo channel in the machine description (run with --ldc-echo)\n");
        return 1;
    }
    printf("echo channel %lu: tx-ino %lu, rx-ino %lu, devhandle 0x%lx\n", (unsigned long)ch.id,
           (unsigned long)ch.tx_ino, (unsigned long)ch.rx_ino, (unsigned long)ch.devhandle);
    int ldc = hv_ldc_open(&ch, &status);
    if (ldc < 0) {
        printf("opening the channel failed: status %lu\n", (unsigned long)status);
        return 2;
    }
    if (hv_ldc_connect(ldc) != 0) {
        printf("the link did not come up\n");
        return 3;
    }
    printf("link up (stream mode)\n");
    static const char *messages[] = {
        "hello, hypervisor",
        "a message longer than one packet's forty-eight bytes of payload, so it travels in three",
        "x",
    };
    int good = 0;
    for (unsigned i = 0; i < sizeof messages / sizeof messages[0]; i++) {
        char back[256];
        size_t len = strlen(messages[i]);
        if (hv_ldc_send(ldc, messages[i], len) != 0) {
            printf("send %u failed\n", i);
            return 4;
        }
        long n = hv_ldc_recv(ldc, back, sizeof back - 1);
        if (n < 0) {
            printf("receive %u failed\n", i);
            return 5;
        }
        back[n] = '\0';
        int same = (size_t)n == len && memcmp(back, messages[i], len) == 0;
        good += same;
        printf("sent %lu bytes, got back %ld: \"%s\" (%s)\n", (unsigned long)len, n, back, same ? "same" : "differs");
    }
    printf("%d of 3 messages came back unchanged\n", good);
    return good == 3 ? 0 : 6;
}
