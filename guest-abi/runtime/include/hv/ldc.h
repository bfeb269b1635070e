/*
 * hv/ldc.h: a logical domain channel client (sun4v API reference section 10)
 * for guests of the Hyperstrand runtime, the same on both architectures.
 *
 * A channel is found in the machine description by its port name, its
 * transmit and receive queues are rings of 64-byte packets in the runtime's
 * memory, and the link is brought up with the STREAM-mode handshake (VERS 1.0,
 * RTS, RTR, RDX). Messages travel in data packets of 48 bytes each, framed by
 * START and STOP; header fields are big-endian on both architectures.
 * Waiting is done in cpu_yield with interrupts off: each channel's tx-ino and
 * rx-ino deliver device mondos (vintr calls) to the calling CPU, which end the
 * wait; the runtime drains its device mondo queue and sets the sources IDLE.
 *
 * Shared memory: hv_ldc_export lets the peer reach a buffer through cookies
 * (entries of the channel's map table, 8 KB pages), hv_ldc_copy copies to or
 * from a buffer the peer exported, given its cookie, and hv_ldc_map_page maps
 * such a page into the guest's own real address space.
 * Their constants (rights, directions, statuses) are those of
 * hyperstrand/hv_api.h.
 */
#ifndef HV_LDC_H
#define HV_LDC_H

#include <stddef.h>
#include <stdint.h>

/* The channels one guest may open. */
#define HV_LDC_MAX_CHANNELS 4

/* A channel endpoint as the machine description lists it. */
struct hv_ldc_channel {
    uint64_t id;        /* channel-endpoint id: the channel argument of the ldc calls */
    uint64_t tx_ino;    /* devinos under devhandle */
    uint64_t rx_ino;
    uint64_t devhandle; /* channel-devices cfg-handle */
};

/* The endpoint below the virtual-device-port called `name`: 0, or -1 if there is none. */
int hv_md_ldc_port(const char *name, struct hv_ldc_channel *channel);

/* The endpoint below the domain-services-port (hv/ds.h): 0, or -1 if there is none. */
int hv_md_ds_port(struct hv_ldc_channel *channel);

/*
 * Negotiates groups ldom and intr, configures the channel's queues and the
 * calling CPU's device mondo queue, and aims both inos at the calling CPU.
 * Returns a handle (0..HV_LDC_MAX_CHANNELS-1), or -1 with *status the failing call's.
 */
int hv_ldc_open(const struct hv_ldc_channel *channel, uint64_t *status);

/* Brings the link up in STREAM mode: 0, or -1 if the peer refused or answered nonsense. */
int hv_ldc_connect(int ldc);

/*
 * The other end of hv_ldc_connect, for a channel between two guests: waits for
 * the peer's VERS, RTS and RDX, answering them; 0, or -1 as for hv_ldc_connect.
 */
int hv_ldc_accept(int ldc);

/* Sends one message of len bytes (at most 4096): 0, or -1 if the link is not up. */
int hv_ldc_send(int ldc, const void *message, size_t len);

/*
 * Waits for one whole message and copies up to max bytes of it into buffer;
 * returns its length, or -1 if the link is not up or the message was malformed.
 */
long hv_ldc_recv(int ldc, void *buffer, size_t max);

/* Map-table entries per channel, each exporting one 8 KB page (HV_LDC_PAGE). */
#define HV_LDC_MAP_ENTRIES 64
#define HV_LDC_PAGE 8192

/*
 * Exports the len bytes at buffer to the peer with rights perms (HV_LDC_MTE_COPY_R
 * lets it copy in, HV_LDC_MTE_COPY_W copy out, HV_LDC_MTE_READ map it in,
 * HV_LDC_MTE_WRITE map it in writable), through consecutive entries of
 * the channel's map table, which is registered with ldc_set_map_table on first
 * use. The peer can reach every byte of the 8 KB pages buffer touches, so give
 * an exported buffer pages of its own. Sets *cookie to the cookie of buffer's
 * first byte: cookie + n names byte n. Returns 0, or -1 with *status
 * HV_ETOOMANY when the table has no run of free entries that long, or the
 * status of ldc_set_map_table.
 */
int hv_ldc_export(int ldc, const void *buffer, size_t len, uint64_t perms, uint64_t *cookie, uint64_t *status);

/*
 * Withdraws what hv_ldc_export(ldc, buffer, len, ...) exported at cookie: its
 * entries go back to 0, so the peer's next ldc_copy there answers ENOMAP, and
 * every mapping the peer made of its pages is revoked (ldc_revoke).
 */
void hv_ldc_unexport(int ldc, uint64_t cookie, size_t len);

/*
 * Copies len bytes between buffer and the peer's memory at cookie: direction
 * HV_LDC_COPY_IN brings them in, HV_LDC_COPY_OUT sends them out. buffer, cookie
 * and len must be multiples of 8. Calls ldc_copy as often as it takes (each
 * call stops at the end of an exported page). Returns HV_EOK, or the status of
 * the ldc_copy that failed; *copied (if not NULL) says how much had moved.
 */
uint64_t hv_ldc_copy_buffer(int ldc, uint64_t direction, uint64_t cookie, void *buffer, size_t len,
                            size_t *copied);

/*
 * Maps the page the peer exported at cookie (the cookie of a page's first byte)
 * into this guest's real address space: sets *page to the real address where it
 * now appears and *perms to the rights granted (HV_LDC_MEM_READ, plus
 * HV_LDC_MEM_WRITE if the peer exported it with HV_LDC_MTE_WRITE; never
 * execute). A sparc64 guest with its MMU off, and an x86_64 guest on the boot
 * page tables (when they cover the mapin window), reach it at that address;
 * otherwise map it yourself. A store to a page mapped without HV_LDC_MEM_WRITE
 * traps (sparc64: data_access_exception; x86_64: #MC). Returns HV_EOK, or the
 * status of ldc_mapin. The mapping lasts until hv_ldc_unmap_page or the peer
 * revokes it.
 */
uint64_t hv_ldc_map_page(int ldc, uint64_t cookie, void **page, uint64_t *perms);

/*
 * Releases a page hv_ldc_map_page mapped: HV_EOK, or HV_EINVAL when it is not
 * mapped (any more: unmapped before, or revoked by the peer).
 */
uint64_t hv_ldc_unmap_page(void *page);

#endif
