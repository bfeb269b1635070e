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

#endif
