/*
 * Reading the machine description (sun4v API reference section 8): the binary
 * MD is big-endian on every architecture; nodes are elements of tag 'N' whose
 * properties follow until 'E'. Only what hv/md.h promises is parsed.
 */
#include <stdint.h>

#include <hyperstrand/hv_api.h>
#include <hv/ldc.h>
#include <hv/md.h>

/* Room for the MD of a domain with many CPUs; the MD says how much it needs. */
#define MD_BUFFER 32768

static uint8_t md[MD_BUFFER] __attribute__((aligned(16)));

static uint64_t be(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

static int name_is(const uint8_t *names, uint64_t names_size, const uint8_t *el, const char *want)
{
    uint64_t off = be(el + HV_MD_ELEMENT_NAME_OFFSET_OFFSET, 4);
    uint64_t len = el[HV_MD_ELEMENT_NAME_LEN_OFFSET];
    if (off + len > names_size)
        return 0;
    for (uint64_t i = 0; i < len; i++)
        if (want[i] == '\0' || names[off + i] != (uint8_t)want[i])
            return 0;
    return want[len] == '\0';
}

/*
 * Up to max values of property `prop` of the nodes named `node`, in the MD's
 * order; the count found, or -1 if the MD could not be read or parsed.
 */
static int md_values(const char *node, const char *prop, uint64_t *out, int max)
{
    uint64_t size = 0;
    if (hv_mach_desc((hv_ra_t)(uintptr_t)md, sizeof md, &size) != HV_EOK)
        return -1;
    uint64_t nodes_size = be(md + HV_MD_HEADER_NODE_BLK_SZ_OFFSET, 4);
    uint64_t names_size = be(md + HV_MD_HEADER_NAME_BLK_SZ_OFFSET, 4);
    if (HV_MD_HEADER_SIZE + nodes_size + names_size > size)
        return -1;
    const uint8_t *nodes = md + HV_MD_HEADER_SIZE;
    const uint8_t *names = nodes + nodes_size;
    int found = 0;
    int in_node = 0;
    for (uint64_t at = 0; at + HV_MD_ELEMENT_SIZE <= nodes_size; at += HV_MD_ELEMENT_SIZE) {
        const uint8_t *el = nodes + at;
        switch (el[HV_MD_ELEMENT_TAG_OFFSET]) {
        case HV_MD_LIST_END:
            return found;
        case HV_MD_NODE:
            in_node = name_is(names, names_size, el, node);
            break;
        case HV_MD_NODE_END:
            in_node = 0;
            break;
        case HV_MD_PROP_VAL:
            if (in_node && name_is(names, names_size, el, prop)) {
                if (found < max)
                    out[found] = be(el + HV_MD_ELEMENT_VAL_OFFSET, 8);
                found++;
            }
            break;
        default:
            break;
        }
    }
    return -1; /* no LIST_END: not a valid MD */
}

int hv_md_cpu_ids(uint64_t *ids, int max)
{
    return md_values("cpu", "id", ids, max);
}

int hv_md_platform_value(const char *name, uint64_t *value)
{
    return md_values("platform", name, value, 1) >= 1 ? 0 : -1;
}

/* Element number `index` of the node block, or 0 past its end. */
static const uint8_t *element(const uint8_t *nodes, uint64_t nodes_size, uint64_t index)
{
    uint64_t off = index * HV_MD_ELEMENT_SIZE;
    return off + HV_MD_ELEMENT_SIZE <= nodes_size ? nodes + off : 0;
}

/* Value property `prop` of the node at element index `node`: 0, or -1 if it has none. */
static int node_value(const uint8_t *nodes, uint64_t nodes_size, const uint8_t *names, uint64_t names_size,
                      uint64_t node, const char *prop, uint64_t *out)
{
    for (uint64_t i = node + 1;; i++) {
        const uint8_t *el = element(nodes, nodes_size, i);
        if (!el || el[HV_MD_ELEMENT_TAG_OFFSET] == HV_MD_NODE_END || el[HV_MD_ELEMENT_TAG_OFFSET] == HV_MD_NODE)
            return -1;
        if (el[HV_MD_ELEMENT_TAG_OFFSET] == HV_MD_PROP_VAL && name_is(names, names_size, el, prop)) {
            *out = be(el + HV_MD_ELEMENT_VAL_OFFSET, 8);
            return 0;
        }
    }
}

/* The endpoint below the first `kind` node whose "name" is `name` (any, if name is 0). */
static int md_port(const char *kind, const char *name, struct hv_ldc_channel *channel)
{
    uint64_t size = 0;
    if (hv_mach_desc((hv_ra_t)(uintptr_t)md, sizeof md, &size) != HV_EOK)
        return -1;
    uint64_t nodes_size = be(md + HV_MD_HEADER_NODE_BLK_SZ_OFFSET, 4);
    uint64_t names_size = be(md + HV_MD_HEADER_NAME_BLK_SZ_OFFSET, 4);
    uint64_t data_size = be(md + HV_MD_HEADER_DATA_BLK_SZ_OFFSET, 4);
    if (HV_MD_HEADER_SIZE + nodes_size + names_size + data_size > size)
        return -1;
    const uint8_t *nodes = md + HV_MD_HEADER_SIZE;
    const uint8_t *names = nodes + nodes_size;
    const uint8_t *data = names + names_size;
    int have_handle = 0, have_port = 0;
    uint64_t port = 0;
    for (uint64_t i = 0;; i++) {
        const uint8_t *el = element(nodes, nodes_size, i);
        if (!el || el[HV_MD_ELEMENT_TAG_OFFSET] == HV_MD_LIST_END)
            break;
        if (el[HV_MD_ELEMENT_TAG_OFFSET] != HV_MD_NODE)
            continue;
        if (name_is(names, names_size, el, "channel-devices"))
            have_handle = node_value(nodes, nodes_size, names, names_size, i, "cfg-handle", &channel->devhandle) == 0;
        if (have_port || !name_is(names, names_size, el, kind))
            continue;
        if (!name) {
            have_port = 1;
            port = i;
            continue;
        }
        /* its "name" string, compared with the one wanted */
        for (uint64_t j = i + 1;; j++) {
            const uint8_t *p = element(nodes, nodes_size, j);
            if (!p || p[HV_MD_ELEMENT_TAG_OFFSET] == HV_MD_NODE_END)
                break;
            if (p[HV_MD_ELEMENT_TAG_OFFSET] != HV_MD_PROP_STR || !name_is(names, names_size, p, "name"))
                continue;
            uint64_t len = be(p + HV_MD_ELEMENT_VAL_OFFSET, 4);
            uint64_t off = be(p + HV_MD_ELEMENT_VAL_OFFSET + 4, 4);
            if (off + len > data_size || len == 0)
                break;
            uint64_t k = 0;
            while (k < len && name[k] != '\0' && data[off + k] == (uint8_t)name[k])
                k++;
            if (k == len - 1 && name[k] == '\0' && data[off + k] == 0) {
                have_port = 1;
                port = i;
            }
        }
    }
    if (!have_handle || !have_port)
        return -1;
    /* the port's fwd arc to its channel-endpoint */
    for (uint64_t j = port + 1;; j++) {
        const uint8_t *p = element(nodes, nodes_size, j);
        if (!p || p[HV_MD_ELEMENT_TAG_OFFSET] == HV_MD_NODE_END)
            return -1;
        if (p[HV_MD_ELEMENT_TAG_OFFSET] != HV_MD_PROP_ARC || !name_is(names, names_size, p, "fwd"))
            continue;
        uint64_t target = be(p + HV_MD_ELEMENT_VAL_OFFSET, 8);
        const uint8_t *t = element(nodes, nodes_size, target);
        if (!t || t[HV_MD_ELEMENT_TAG_OFFSET] != HV_MD_NODE || !name_is(names, names_size, t, "channel-endpoint"))
            continue;
        if (node_value(nodes, nodes_size, names, names_size, target, "id", &channel->id) == 0
                && node_value(nodes, nodes_size, names, names_size, target, "tx-ino", &channel->tx_ino) == 0
                && node_value(nodes, nodes_size, names, names_size, target, "rx-ino", &channel->rx_ino) == 0)
            return 0;
    }
}

int hv_md_ldc_port(const char *name, struct hv_ldc_channel *channel)
{
    return md_port("virtual-device-port", name, channel);
}

int hv_md_ds_port(struct hv_ldc_channel *channel)
{
    return md_port("domain-services-port", 0, channel);
}
