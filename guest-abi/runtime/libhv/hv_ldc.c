/*
 * The LDC client of hv/ldc.h: queue rings, the STREAM-mode handshake as the
 * initiating side, message framing, and waiting on the channel's virtual
 * interrupts (sun4v API reference sections 7 and 10).
 */
#include <stdint.h>

#include <hyperstrand/hv_api.h>
#include <hv/ldc.h>

#include "libhv.h"

#define ENTRIES 32
#define RING (ENTRIES * 64)
#define DEV_MONDO_ENTRIES 16
#define PAYLOAD 48
#define MAX_MESSAGE 4096

struct link {
    struct hv_ldc_channel ch;
    uint32_t snd_nxt;
    uint32_t rcv_nxt;
    int up;
};

static uint8_t rings[HV_LDC_MAX_CHANNELS][2][RING] __attribute__((aligned(RING)));
static uint8_t dev_mondos[DEV_MONDO_ENTRIES * 64] __attribute__((aligned(DEV_MONDO_ENTRIES * 64)));
static struct link links[HV_LDC_MAX_CHANNELS];
static int opened;
static int dev_queue_ready;

#define put_be __hv_put_be
#define get_be __hv_get_be

int hv_ldc_open(const struct hv_ldc_channel *channel, uint64_t *status)
{
    uint64_t cpu = 0, s;
    if (opened >= HV_LDC_MAX_CHANNELS) {
        *status = HV_ETOOMANY;
        return -1;
    }
    __hv_negotiate(HV_GRP_LDOM, "ldom", 1, 0);
    __hv_negotiate(HV_GRP_INTR, "intr", 2, 0);
    hv_cpu_myid(&cpu);
    if (!dev_queue_ready) {
        s = hv_cpu_qconf(HV_DEV_MONDO_QUEUE, (hv_ra_t)(uintptr_t)dev_mondos, DEV_MONDO_ENTRIES);
        if (s != HV_EOK)
            goto fail;
        dev_queue_ready = 1;
    }
    int h = opened;
    struct link *l = &links[h];
    l->ch = *channel;
    uint64_t inos[2] = {channel->tx_ino, channel->rx_ino};
    for (int i = 0; i < 2; i++) {
        if ((s = hv_vintr_set_cookie(channel->devhandle, inos[i], (1ULL << 63) | inos[i])) != HV_EOK
                || (s = hv_vintr_set_target(channel->devhandle, inos[i], cpu)) != HV_EOK
                || (s = hv_vintr_set_state(channel->devhandle, inos[i], HV_INTR_IDLE)) != HV_EOK
                || (s = hv_vintr_set_valid(channel->devhandle, inos[i], HV_INTR_ENABLED)) != HV_EOK)
            goto fail;
    }
    if ((s = hv_ldc_tx_qconf(channel->id, (hv_ra_t)(uintptr_t)rings[h][0], ENTRIES)) != HV_EOK
            || (s = hv_ldc_rx_qconf(channel->id, (hv_ra_t)(uintptr_t)rings[h][1], ENTRIES)) != HV_EOK)
        goto fail;
    opened++;
    *status = HV_EOK;
    return h;
fail:
    *status = s;
    return -1;
}

/* Ends a wait: empties the device mondo queue and re-arms the channel's sources. */
static void acknowledge(struct link *l)
{
    uint64_t head, tail;
    __hv_queue_registers(HV_DEV_MONDO_QUEUE, &head, &tail);
    __hv_queue_set_head(HV_DEV_MONDO_QUEUE, tail);
    hv_vintr_set_state(l->ch.devhandle, l->ch.tx_ino, HV_INTR_IDLE);
    hv_vintr_set_state(l->ch.devhandle, l->ch.rx_ino, HV_INTR_IDLE);
}

/* Waits for the next packet and copies it out; 0, or -1 if the channel is reset. */
static int take(struct link *l, int h, uint8_t packet[64])
{
    uint64_t head, tail, state;
    for (;;) {
        acknowledge(l);
        if (hv_ldc_rx_get_state(l->ch.id, &head, &tail, &state) != HV_EOK || state == HV_LDC_CHANNEL_RESETTING)
            return -1;
        if (head != tail)
            break;
        hv_cpu_yield(); /* interrupts are off: a device mondo ends it */
    }
    const volatile uint8_t *p = &rings[h][1][head];
    for (int i = 0; i < 64; i++)
        packet[i] = p[i];
    hv_ldc_rx_set_qhead(l->ch.id, (head + 64) % RING);
    return 0;
}

/* Queues one packet, waiting while the transmit ring is full; 0 or -1. */
static int put(struct link *l, int h, const uint8_t packet[64])
{
    uint64_t head, tail, state;
    for (;;) {
        acknowledge(l);
        if (hv_ldc_tx_get_state(l->ch.id, &head, &tail, &state) != HV_EOK || state == HV_LDC_CHANNEL_RESETTING)
            return -1;
        if ((tail + 64) % RING != head)
            break;
        hv_cpu_yield();
    }
    volatile uint8_t *p = &rings[h][0][tail];
    for (int i = 0; i < 64; i++)
        p[i] = packet[i];
    uint64_t s;
    while ((s = hv_ldc_tx_set_qtail(l->ch.id, (tail + 64) % RING)) == HV_EWOULDBLOCK)
        ;
    return s == HV_EOK ? 0 : -1;
}

static void header(uint8_t p[64], int type, int stype, int ctrl, int env, uint32_t seqid)
{
    for (int i = 0; i < 64; i++)
        p[i] = 0;
    p[0] = (uint8_t)type;
    p[1] = (uint8_t)stype;
    p[2] = (uint8_t)ctrl;
    p[3] = (uint8_t)env;
    put_be(p + 4, seqid, 4);
}

/* Sends a control packet and takes the answer, which must be `want_stype` for `ctrl`. */
static int exchange(struct link *l, int h, int ctrl, int env, int want_stype, uint8_t answer[64])
{
    uint8_t p[64];
    header(p, HV_LDC_TYPE_CTRL, HV_LDC_STYPE_INFO, ctrl, env, l->snd_nxt);
    if (ctrl == HV_LDC_CTRL_VERS) {
        put_be(p + 8, 1, 2);
        put_be(p + 10, 0, 2);
    }
    if (put(l, h, p) != 0 || take(l, h, answer) != 0)
        return -1;
    return answer[0] == HV_LDC_TYPE_CTRL && answer[1] == want_stype ? 0 : -1;
}

int hv_ldc_connect(int h)
{
    if (h < 0 || h >= opened)
        return -1;
    struct link *l = &links[h];
    uint8_t a[64];
    l->up = 0;
    l->snd_nxt = 0;
    if (exchange(l, h, HV_LDC_CTRL_VERS, 0, HV_LDC_STYPE_ACK, a) != 0 || (a[2] & HV_LDC_CTRL_MASK) != HV_LDC_CTRL_VERS)
        return -1;
    if (exchange(l, h, HV_LDC_CTRL_RTS, HV_LDC_MODE_STREAM, HV_LDC_STYPE_INFO, a) != 0
            || (a[2] & HV_LDC_CTRL_MASK) != HV_LDC_CTRL_RTR || a[3] != HV_LDC_MODE_STREAM)
        return -1;
    l->rcv_nxt = (uint32_t)get_be(a + 4, 4);
    header(a, HV_LDC_TYPE_CTRL, HV_LDC_STYPE_INFO, HV_LDC_CTRL_RDX, 0, l->snd_nxt);
    if (put(l, h, a) != 0)
        return -1;
    l->up = 1;
    return 0;
}

/* Waits for a control packet of kind `ctrl` (subtype INFO), skipping anything else; 0 or -1. */
static int expect(struct link *l, int h, int ctrl, uint8_t p[64])
{
    do {
        if (take(l, h, p) != 0)
            return -1;
    } while (p[0] != HV_LDC_TYPE_CTRL || p[1] != HV_LDC_STYPE_INFO || (p[2] & HV_LDC_CTRL_MASK) != ctrl);
    return 0;
}

int hv_ldc_accept(int h)
{
    if (h < 0 || h >= opened)
        return -1;
    struct link *l = &links[h];
    uint8_t p[64];
    l->up = 0;
    l->snd_nxt = 0;
    if (expect(l, h, HV_LDC_CTRL_VERS, p) != 0 || get_be(p + 8, 2) != 1)
        return -1;
    header(p, HV_LDC_TYPE_CTRL, HV_LDC_STYPE_ACK, HV_LDC_CTRL_VERS, 0, l->snd_nxt);
    put_be(p + 8, 1, 2);
    put_be(p + 10, 0, 2);
    if (put(l, h, p) != 0 || expect(l, h, HV_LDC_CTRL_RTS, p) != 0 || p[3] != HV_LDC_MODE_STREAM)
        return -1;
    l->rcv_nxt = (uint32_t)get_be(p + 4, 4);
    header(p, HV_LDC_TYPE_CTRL, HV_LDC_STYPE_INFO, HV_LDC_CTRL_RTR, HV_LDC_MODE_STREAM, l->snd_nxt);
    if (put(l, h, p) != 0 || expect(l, h, HV_LDC_CTRL_RDX, p) != 0)
        return -1;
    l->up = 1;
    return 0;
}

int hv_ldc_send(int h, const void *message, size_t len)
{
    if (h < 0 || h >= opened || !links[h].up || len > MAX_MESSAGE)
        return -1;
    struct link *l = &links[h];
    const uint8_t *m = message;
    size_t off = 0;
    do {
        size_t n = len - off < PAYLOAD ? len - off : PAYLOAD;
        int env = (int)n | (off == 0 ? HV_LDC_ENV_START : 0) | (off + n == len ? HV_LDC_ENV_STOP : 0);
        uint8_t p[64];
        header(p, HV_LDC_TYPE_DATA, HV_LDC_STYPE_INFO, 0, env, ++l->snd_nxt);
        put_be(p + 12, l->rcv_nxt, 4);
        for (size_t i = 0; i < n; i++)
            p[16 + i] = m[off + i];
        if (put(l, h, p) != 0)
            return -1;
        off += n;
    } while (off < len);
    return 0;
}

long hv_ldc_recv(int h, void *buffer, size_t max)
{
    if (h < 0 || h >= opened || !links[h].up)
        return -1;
    struct link *l = &links[h];
    uint8_t *out = buffer;
    long len = 0;
    int started = 0;
    for (;;) {
        uint8_t p[64];
        if (take(l, h, p) != 0)
            return -1;
        if (p[0] != HV_LDC_TYPE_DATA || get_be(p + 4, 4) != (uint64_t)l->rcv_nxt + 1)
            return -1;
        l->rcv_nxt++;
        int env = p[3];
        if (env & HV_LDC_ENV_START) {
            started = 1;
            len = 0;
        }
        int n = env & HV_LDC_ENV_LEN;
        if (!started || n > PAYLOAD)
            return -1;
        for (int i = 0; i < n; i++, len++)
            if ((size_t)len < max)
                out[len] = p[16 + i];
        if (env & HV_LDC_ENV_STOP)
            return len;
    }
}

/* ---- shared memory: the map tables of hv_ldc_export and copies through cookies ---- */

static struct hv_ldc_mte_entry map_tables[HV_LDC_MAX_CHANNELS][HV_LDC_MAP_ENTRIES]
        __attribute__((aligned(HV_LDC_MTE_ENTRY_SIZE)));
static int map_registered[HV_LDC_MAX_CHANNELS];

/* The first of n consecutive free entries of table t, or -1. */
static int free_run(const struct hv_ldc_mte_entry *t, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < HV_LDC_MAP_ENTRIES; i++) {
        run = t[i].mte == 0 ? run + 1 : 0;
        if (run == n)
            return (int)(i + 1 - n);
    }
    return -1;
}

int hv_ldc_export(int h, const void *buffer, size_t len, uint64_t perms, uint64_t *cookie, uint64_t *status)
{
    if (h < 0 || h >= opened || len == 0) {
        *status = HV_EINVAL;
        return -1;
    }
    uint64_t ra = (uint64_t)(uintptr_t)buffer;
    uint64_t first = ra & ~(uint64_t)(HV_LDC_PAGE - 1);
    size_t pages = (size_t)((ra + len - first + HV_LDC_PAGE - 1) / HV_LDC_PAGE);
    struct hv_ldc_mte_entry *t = map_tables[h];
    int index = pages <= HV_LDC_MAP_ENTRIES ? free_run(t, pages) : -1;
    if (index < 0) {
        *status = HV_ETOOMANY;
        return -1;
    }
    if (!map_registered[h]) {
        uint64_t s = hv_ldc_set_map_table(links[h].ch.id, (hv_ra_t)(uintptr_t)t, HV_LDC_MAP_ENTRIES);
        if (s != HV_EOK) {
            *status = s;
            return -1;
        }
        map_registered[h] = 1;
    }
    for (size_t i = 0; i < pages; i++) {
        uint64_t c = ((uint64_t)index + i) << HV_LDC_COOKIE_INDEX_SHIFT; /* 8 KB pages: code 0 */
        t[index + i].cookie = c;
        t[index + i].mte = ((first + i * HV_LDC_PAGE) & HV_LDC_MTE_PADDR) | perms | HV_PGSZ_IDX_8K;
    }
    *cookie = ((uint64_t)index << HV_LDC_COOKIE_INDEX_SHIFT) | (ra - first);
    *status = HV_EOK;
    return 0;
}

void hv_ldc_unexport(int h, uint64_t cookie, size_t len)
{
    if (h < 0 || h >= opened || len == 0)
        return;
    uint64_t index = (cookie & ~HV_LDC_COOKIE_PGSZ) >> HV_LDC_COOKIE_INDEX_SHIFT;
    uint64_t last = ((cookie & ~HV_LDC_COOKIE_PGSZ) + len - 1) >> HV_LDC_COOKIE_INDEX_SHIFT;
    for (; index <= last && index < HV_LDC_MAP_ENTRIES; index++) {
        struct hv_ldc_mte_entry *e = &map_tables[h][index];
        if (e->mte == 0)
            continue;
        e->mte = 0;
        /* pages the peer mapped in; HV_EINVAL when it mapped none of them */
        (void)hv_ldc_revoke(links[h].ch.id, index << HV_LDC_COOKIE_INDEX_SHIFT, e->cookie);
    }
}

uint64_t hv_ldc_copy_buffer(int h, uint64_t direction, uint64_t cookie, void *buffer, size_t len, size_t *copied)
{
    size_t done = 0;
    uint64_t s = HV_EOK;
    if (h < 0 || h >= opened)
        s = HV_EINVAL;
    while (s == HV_EOK && done < len) {
        uint64_t n = 0;
        s = hv_ldc_copy(links[h].ch.id, direction, cookie + done, (hv_ra_t)(uintptr_t)((uint8_t *)buffer + done),
                        len - done, &n);
        if (s == HV_EOK && n == 0)
            s = HV_EINVAL; /* no progress: nothing more to copy there */
        if (s == HV_EOK)
            done += (size_t)n;
    }
    if (copied)
        *copied = done;
    return s;
}

/* ---- pages of the peer mapped into this guest's real address space ---- */

uint64_t hv_ldc_map_page(int h, uint64_t cookie, void **page, uint64_t *perms)
{
    if (h < 0 || h >= opened)
        return HV_EINVAL;
    uint64_t ra = 0, granted = 0;
    uint64_t s = hv_ldc_mapin(links[h].ch.id, cookie, &ra, &granted);
    if (s == HV_EOK) {
        *page = (void *)(uintptr_t)ra;
        *perms = granted;
    }
    return s;
}

uint64_t hv_ldc_unmap_page(void *page)
{
    return hv_ldc_unmap((hv_ra_t)(uintptr_t)page);
}
