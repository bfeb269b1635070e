/*
 * ldcshare: shared memory over a logical domain channel between two domains, of
 * either architecture. The end whose port is called "export" exports two pages
 * (hv_ldc_export): one the peer may copy from and into, one it may only copy
 * from, and sends their cookies in a message. The end called "import" copies
 * from both, writes into the first, is refused a write into the second, copies
 * across the boundary between them. Then it maps both pages into its own real
 * address space, reads them and stores into the first through the returned
 * addresses, and unmaps the second. The exporter sees that store in its page and
 * revokes the importer's mapping of the first page, which the importer then can
 * no longer unmap; after the exporter withdraws the first page
 * (hv_ldc_unexport) the importer is refused copies from it too. Each prints
 * what it sees; both exit 0 at the end.
 */
#include <stdio.h>
#include <string.h>

#include <hyperstrand/hv_api.h>
#include <hv/ldc.h>

#if defined(__sparc__)
#define ARCH "sparc64"
#else
#define ARCH "x86_64"
#endif

#define TEXT 64
#define NOTE_AT 0x100
#define STORE_AT 0x200

/* Two pages of their own: the peer can reach all of an exported page. ldc_copy
 * wants buffers, cookies and lengths that are multiples of 8. */
static char shared[2][HV_LDC_PAGE] __attribute__((aligned(HV_LDC_PAGE)));

static void put_u64(unsigned char *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--, v >>= 8)
        p[i] = (unsigned char)v;
}

static uint64_t get_u64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | p[i];
    return v;
}

/* Waits for a message and checks it is `want`; 0 or -1. */
static int await(int ldc, const char *who, const char *want)
{
    char msg[64];
    long n = hv_ldc_recv(ldc, msg, sizeof msg - 1);
    if (n < 0)
        return -1;
    msg[n] = '\0';
    if (strcmp(msg, want) != 0) {
        printf("%s: expected \"%s\", got \"%s\"\n", who, want, msg);
        return -1;
    }
    return 0;
}

static int exporter(int ldc, uint64_t channel)
{
    uint64_t cookies[2], status = 0;
    if (hv_ldc_accept(ldc) != 0) {
        printf("export: the link did not come up\n");
        return 3;
    }
    snprintf(shared[0], TEXT, "page 0 of the " ARCH " exporter");
    snprintf(shared[1], TEXT, "page 1 of the " ARCH " exporter, read-only");
    if (hv_ldc_export(ldc, shared[0], HV_LDC_PAGE,
                      HV_LDC_MTE_COPY_R | HV_LDC_MTE_COPY_W | HV_LDC_MTE_READ | HV_LDC_MTE_WRITE, &cookies[0],
                      &status) != 0
            || hv_ldc_export(ldc, shared[1], HV_LDC_PAGE, HV_LDC_MTE_COPY_R | HV_LDC_MTE_READ, &cookies[1],
                             &status) != 0) {
        printf("export: exporting failed: status %lu\n", (unsigned long)status);
        return 4;
    }
    printf("export: page 0 (copy in and out) has cookie 0x%lx, page 1 (copy in only) 0x%lx\n",
           (unsigned long)cookies[0], (unsigned long)cookies[1]);
    unsigned char msg[16];
    put_u64(msg, cookies[0]);
    put_u64(msg + 8, cookies[1]);
    if (hv_ldc_send(ldc, msg, sizeof msg) != 0 || await(ldc, "export", "done") != 0)
        return 5;
    printf("export: the importer wrote \"%s\" into page 0\n", shared[0] + NOTE_AT);
    printf("export: page 1 is unchanged: %s\n",
           strcmp(shared[1], "page 1 of the " ARCH " exporter, read-only") == 0 ? "yes" : "no");
    if (shared[0][STORE_AT] != '\0')
        printf("export: and stored \"%s\" into page 0 through its mapping\n", shared[0] + STORE_AT);
    /* the entry's revocation cookie is the page's cookie (hv_ldc_export) */
    uint64_t s = hv_ldc_revoke(channel, cookies[0], cookies[0]);
    printf("export: revoking the importer's mapping of page 0: status %lu (HV_EINVAL is %d: nothing mapped)\n",
           (unsigned long)s, HV_EINVAL);
    hv_ldc_unexport(ldc, cookies[0], HV_LDC_PAGE);
    printf("export: page 0 withdrawn\n");
    if (hv_ldc_send(ldc, "withdrawn", 9) != 0 || await(ldc, "export", "bye") != 0)
        return 5;
    return 0;
}

/*
 * Maps both pages in, reads them and stores into page 0 through the mapping,
 * unmaps page 1. Returns page 0's address, still mapped, or NULL if mapping
 * failed. Uses the addresses directly: the sparc64 runtime runs with the MMU
 * off, and on x86_64 the boot page tables identity-map the first gigabyte,
 * which holds this domain's memory and its mapin window.
 */
static char *map_pages(int ldc, uint64_t page0, uint64_t page1)
{
    void *p0, *p1;
    uint64_t perms0 = 0, perms1 = 0;
    uint64_t s = hv_ldc_map_page(ldc, page0, &p0, &perms0);
    if (s != HV_EOK) {
        printf("import: mapping page 0 in: status %lu\n", (unsigned long)s);
        return NULL;
    }
    s = hv_ldc_map_page(ldc, page1, &p1, &perms1);
    if (s != HV_EOK) {
        printf("import: mapping page 1 in: status %lu\n", (unsigned long)s);
        return NULL;
    }
    printf("import: page 0 mapped in at 0x%lx with rights %lu, page 1 at 0x%lx with rights %lu "
           "(read %d, write %d)\n", (unsigned long)(uintptr_t)p0, (unsigned long)perms0,
           (unsigned long)(uintptr_t)p1, (unsigned long)perms1, HV_LDC_MEM_READ, HV_LDC_MEM_WRITE);
    char *m0 = p0, *m1 = p1;
    printf("import: through the mappings, page 0 begins \"%s\", and holds \"%s\" at 0x%x\n", m0, m0 + NOTE_AT,
           NOTE_AT);
    printf("import: and page 1 begins \"%s\"\n", m1);
    snprintf(m0 + STORE_AT, TEXT, "stored by the " ARCH " importer");
    s = hv_ldc_unmap_page(p1);
    uint64_t again = hv_ldc_unmap_page(p1);
    printf("import: unmapping page 1: status %lu, once more: status %lu\n", (unsigned long)s,
           (unsigned long)again);
    return m0;
}

static int importer(int ldc, uint64_t channel)
{
    if (hv_ldc_connect(ldc) != 0) {
        printf("import: the link did not come up\n");
        return 3;
    }
    unsigned char msg[16];
    if (hv_ldc_recv(ldc, msg, sizeof msg) != sizeof msg)
        return 5;
    uint64_t page0 = get_u64(msg), page1 = get_u64(msg + 8);
    printf("import: cookies 0x%lx and 0x%lx\n", (unsigned long)page0, (unsigned long)page1);

    static char text[TEXT] __attribute__((aligned(8)));
    uint64_t s;
    for (int i = 0; i < 2; i++) {
        if ((s = hv_ldc_copy_buffer(ldc, HV_LDC_COPY_IN, i ? page1 : page0, text, sizeof text, NULL)) != HV_EOK) {
            printf("import: copy in failed: status %lu\n", (unsigned long)s);
            return 6;
        }
        printf("import: copied in \"%s\"\n", text);
    }

    static char note[40] __attribute__((aligned(8))) = "written by the " ARCH " importer";
    s = hv_ldc_copy_buffer(ldc, HV_LDC_COPY_OUT, page0 + NOTE_AT, note, sizeof note, NULL);
    printf("import: copy out to page 0: status %lu\n", (unsigned long)s);
    s = hv_ldc_copy_buffer(ldc, HV_LDC_COPY_OUT, page1 + NOTE_AT, note, sizeof note, NULL);
    printf("import: copy out to page 1: status %lu (HV_ENOACCESS is %d)\n", (unsigned long)s, HV_ENOACCESS);

    /* the end of page 0 and the start of page 1: one ldc_copy stops at the page's end */
    static char across[64] __attribute__((aligned(8)));
    uint64_t copied = 0;
    s = hv_ldc_copy(channel, HV_LDC_COPY_IN, page0 + HV_LDC_PAGE - 16, (hv_ra_t)(uintptr_t)across, sizeof across, &copied);
    size_t all = 0;
    uint64_t s2 = hv_ldc_copy_buffer(ldc, HV_LDC_COPY_IN, page0 + HV_LDC_PAGE - 16, across, sizeof across, &all);
    printf("import: across the pages, one ldc_copy moved %lu of %lu bytes (status %lu), hv_ldc_copy_buffer %lu "
           "(status %lu)\n", (unsigned long)copied, (unsigned long)sizeof across, (unsigned long)s,
           (unsigned long)all, (unsigned long)s2);
    printf("import: past the boundary, page 1 begins \"%s\"\n", across + 16);

    char *mapped0 = map_pages(ldc, page0, page1);

    if (hv_ldc_send(ldc, "done", 4) != 0 || await(ldc, "import", "withdrawn") != 0)
        return 5;
    if (mapped0) {
        s = hv_ldc_unmap_page(mapped0);
        printf("import: unmapping page 0 after the exporter revoked it: status %lu (HV_EINVAL is %d)\n",
               (unsigned long)s, HV_EINVAL);
    }
    s = hv_ldc_copy_buffer(ldc, HV_LDC_COPY_IN, page0, text, sizeof text, NULL);
    printf("import: copy in from the withdrawn page 0: status %lu (HV_ENOMAP is %d)\n", (unsigned long)s, HV_ENOMAP);
    return hv_ldc_send(ldc, "bye", 3) == 0 ? 0 : 5;
}

int main(void)
{
    static const char *const roles[] = {"export", "import"};
    for (int r = 0; r < 2; r++) {
        struct hv_ldc_channel ch;
        uint64_t status = 0;
        if (hv_md_ldc_port(roles[r], &ch) != 0)
            continue;
        int ldc = hv_ldc_open(&ch, &status);
        if (ldc < 0) {
            printf("%s: opening channel %lu failed: status %lu\n", roles[r], (unsigned long)ch.id,
                   (unsigned long)status);
            return 2;
        }
        return r == 0 ? exporter(ldc, ch.id) : importer(ldc, ch.id);
    }
    printf("ldcshare: no \"export\" or \"import\" channel in the machine description; hv demo connects two "
           "domains\n");
    return 1;
}
