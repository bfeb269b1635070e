/*
 * The domain services client of hv/ds.h: INIT and REG for dr-cpu,
 * domain-shutdown and domain-panic over the domain services channel, and
 * dr-cpu requests carried out with cpu_start (hv_smp_start) and cpu_stop
 * (sun4v API reference section 8.4).
 */
#include <stdint.h>
#include <stdlib.h>

#include <hyperstrand/hv_api.h>
#include <hv/ds.h>
#include <hv/ldc.h>
#include <hv/runtime.h>
#include <hv/smp.h>

#include "libhv.h"

#define DS_INIT_REQ 0x00
#define DS_INIT_ACK 0x01
#define DS_REG_REQ 0x03
#define DS_REG_ACK 0x04
#define DS_DATA 0x09

#define DR_OK 0x6f    /* 'o' */
#define DR_ERROR 0x65 /* 'e' */
#define RESULT_OK 0
#define RESULT_FAILURE 1
#define RESULT_BLOCKED 2
#define RESULT_NOT_IN_MD 4
#define STAT_UNCONFIGURED 1
#define STAT_CONFIGURED 2

/* The report a started cpu sends to the serving one: this word, then its id. */
#define ALIVE 0x616c697665ULL

#define DR_CPU_HANDLE ((uint64_t)1 << 32) /* index 1 in the high word, as Linux builds handles */
#define SHUTDOWN_HANDLE ((uint64_t)2 << 32)
#define PANIC_HANDLE ((uint64_t)3 << 32)
#define DS_REG_NACK 0x05
#define MAX_MESSAGE 4096

static int ldc = -1;
static uint64_t server;
static uint8_t online[HV_SMP_MAX_CPUS];
static uint8_t buffer[MAX_MESSAGE];

#define put_be __hv_put_be
#define get_be __hv_get_be

/* Sends a message of type `type` whose payload is already at buffer + 8. */
static int send_message(uint32_t type, uint32_t len)
{
    put_be(buffer, type, 4);
    put_be(buffer + 4, len, 4);
    return hv_ldc_send(ldc, buffer, 8 + len);
}

/* Waits for a whole message into buffer; its type, or -1. */
static long recv_message(uint32_t *len)
{
    long n = hv_ldc_recv(ldc, buffer, sizeof buffer);
    if (n < 8 || n > (long)sizeof buffer || get_be(buffer + 4, 4) != (uint64_t)(n - 8))
        return -1;
    *len = (uint32_t)(n - 8);
    return (long)get_be(buffer, 4);
}

/* REG_REQ for service `id` under `handle` (version 1.0): DS_REG_ACK, DS_REG_NACK, or -1. */
static long register_service(uint64_t handle, const char *id)
{
    uint32_t len;
    unsigned n = 0;
    put_be(buffer + 8, handle, 8);
    put_be(buffer + 16, 1, 2);
    put_be(buffer + 18, 0, 2);
    do
        buffer[20 + n] = (uint8_t)id[n];
    while (id[n++] != '\0');
    if (send_message(DS_REG_REQ, 12 + n) != 0)
        return -1;
    long type = recv_message(&len);
    if ((type != DS_REG_ACK && type != DS_REG_NACK) || len < 8 || get_be(buffer + 8, 8) != handle)
        return -1;
    return type;
}

/*
 * domain-shutdown or domain-panic: answers {req_num, result 0, reason}, then powers off
 * (exit status 0) or panics (abort). They come in between dr-cpu requests.
 */
static void guest_request(uint64_t handle, uint32_t len)
{
    if (len < 16)
        return;
    /* the answer reuses the request: tag, handle and req_num stay where they are */
    int shutdown = handle == SHUTDOWN_HANDLE;
    static const char off[] = "powering off";
    static const char panic[] = "panicking";
    const char *why = shutdown ? off : panic;
    unsigned n = 0;
    put_be(buffer + 24, 0, 4);
    do
        buffer[28 + n] = (uint8_t)why[n];
    while (why[n++] != '\0');
    send_message(DS_DATA, 20 + n);
    if (shutdown) {
        hv_early_write("hv runtime: shutdown requested through domain services; powering off\n");
        exit(0);
    }
    hv_early_write("hv runtime: panic requested through domain services\n");
    abort();
}

int hv_ds_open(void)
{
    struct hv_ldc_channel ch;
    uint64_t status;
    uint32_t len;
    if (ldc >= 0)
        return 0;
    if (hv_md_ds_port(&ch) != 0 || hv_mondo_queue_init(HV_SMP_MAX_QUEUE) != HV_EOK)
        return -1;
    int h = hv_ldc_open(&ch, &status);
    if (h < 0 || hv_ldc_connect(h) != 0)
        return -1;
    ldc = h;
    hv_cpu_myid(&server);
    hv_dr_cpu_online(server);
    put_be(buffer + 8, 1, 2);
    put_be(buffer + 10, 0, 2);
    if (send_message(DS_INIT_REQ, 4) != 0 || recv_message(&len) != DS_INIT_ACK)
        goto fail;
    if (register_service(DR_CPU_HANDLE, "dr-cpu") != DS_REG_ACK)
        goto fail;
    /* optional: a hypervisor that does not offer them answers REG_NACK */
    if (register_service(SHUTDOWN_HANDLE, "domain-shutdown") < 0 || register_service(PANIC_HANDLE, "domain-panic") < 0)
        goto fail;
    return 0;
fail:
    ldc = -1;
    return -1;
}

/*
 * Whether a cpu counted online still runs: the manager stops the strands of a
 * request it rolls back (one cpu of several failed, or the answer came too late),
 * and those must be started again by the next configure request.
 */
static int running(uint64_t cpu)
{
    uint64_t state;
    return hv_cpu_state(cpu, &state) == HV_EOK && state == HV_CPU_STATE_RUNNING;
}

void hv_dr_cpu_online(uint64_t cpu)
{
    if (cpu < HV_SMP_MAX_CPUS)
        online[cpu] = 1;
}

int hv_dr_cpu_online_count(void)
{
    int n = 0;
    for (int i = 0; i < HV_SMP_MAX_CPUS; i++) {
        if (online[i] && !running((uint64_t)i))
            online[i] = 0;
        n += online[i];
    }
    return n;
}

int hv_dr_cpu_next(struct hv_dr_cpu_request *request)
{
    for (;;) {
        uint32_t len;
        long type = recv_message(&len);
        if (type < 0)
            return -1;
        if (type == DS_DATA && len >= 8
                && (get_be(buffer + 8, 8) == SHUTDOWN_HANDLE || get_be(buffer + 8, 8) == PANIC_HANDLE)) {
            guest_request(get_be(buffer + 8, 8), len);
            continue;
        }
        /* DATA for dr-cpu: handle, then {req_num, type, num_records} and the cpu ids */
        if (type != DS_DATA || len < 24 || get_be(buffer + 8, 8) != DR_CPU_HANDLE)
            continue;
        uint64_t count = get_be(buffer + 28, 4);
        if (count > HV_DR_CPU_MAX_REQUEST || 24 + 4 * count > len)
            continue;
        request->number = get_be(buffer + 16, 8);
        request->type = (uint32_t)get_be(buffer + 24, 4);
        request->count = (uint32_t)count;
        for (uint64_t i = 0; i < count; i++)
            request->cpus[i] = (uint32_t)get_be(buffer + 32 + 4 * i, 4);
        return 0;
    }
}

/* Runs on a newly started cpu: tells the serving cpu it is up, then waits in cpu_yield. */
static void alive(void *arg)
{
    uint64_t me = (uint64_t)(uintptr_t)arg;
    uint64_t data[8] = {ALIVE, me};
    hv_mondo_send(server, data);
}

static int in_md(uint64_t cpu)
{
    uint64_t ids[HV_SMP_MAX_CPUS];
    int n = hv_md_cpu_ids(ids, HV_SMP_MAX_CPUS);
    for (int i = 0; i < n && i < HV_SMP_MAX_CPUS; i++)
        if (ids[i] == cpu)
            return 1;
    return 0;
}

/* Configures one cpu: the result code. */
static int configure(uint64_t cpu)
{
    if (cpu >= HV_SMP_MAX_CPUS || !in_md(cpu))
        return RESULT_NOT_IN_MD;
    if (online[cpu] && running(cpu))
        return RESULT_OK;
    online[cpu] = 0;
    if (hv_smp_start(cpu, alive, (void *)(uintptr_t)cpu) != HV_EOK)
        return RESULT_FAILURE;
    uint64_t data[8];
    do
        hv_mondo_wait(data);
    while (data[0] != ALIVE || data[1] != cpu);
    online[cpu] = 1;
    return RESULT_OK;
}

static int unconfigure(uint64_t cpu)
{
    if (cpu >= HV_SMP_MAX_CPUS || cpu == server)
        return RESULT_FAILURE;
    if (!online[cpu] || !running(cpu)) {
        online[cpu] = 0;
        return RESULT_OK;
    }
    if (hv_cpu_stop(cpu) != HV_EOK)
        return RESULT_FAILURE;
    online[cpu] = 0;
    return RESULT_OK;
}

int hv_dr_cpu_handle(const struct hv_dr_cpu_request *request, const struct hv_dr_cpu_handlers *handlers)
{
    const struct hv_dr_cpu_request r = *request; /* the answer is built in the receive buffer */
    int adding = r.type == HV_DR_CPU_CONFIGURE;
    int failed = 0;
    /* buffer: DS tag (8), handle (8), dr_cpu_tag (16) at 16, the records at 32, then the reasons */
    uint32_t records = 32;
    uint32_t strings = records + 16 * r.count;
    for (uint32_t i = 0; i < r.count; i++) {
        uint64_t cpu = r.cpus[i];
        /* a forced unconfigure (ldm remove-vcpu -f) is not the program's to refuse */
        int ask = handlers && handlers->check && r.type != HV_DR_CPU_FORCE_UNCONFIGURE;
        const char *why = ask ? handlers->check(r.type, cpu) : 0;
        int result = why ? RESULT_BLOCKED : adding ? configure(cpu)
                   : r.type == HV_DR_CPU_UNCONFIGURE || r.type == HV_DR_CPU_FORCE_UNCONFIGURE ? unconfigure(cpu)
                   : RESULT_FAILURE;
        uint32_t reason = 0;
        if (why && strings + 64 < sizeof buffer) {
            reason = strings - 16; /* offsets count from the dr_cpu_tag at 16 */
            for (int k = 0; why[k] && k < 62; k++)
                buffer[strings++] = (uint8_t)why[k];
            buffer[strings++] = 0;
        }
        uint8_t *rec = buffer + records + 16 * i;
        put_be(rec, cpu, 4);
        put_be(rec + 4, result, 4);
        int configured = cpu < HV_SMP_MAX_CPUS && online[cpu];
        put_be(rec + 8, configured ? STAT_CONFIGURED : STAT_UNCONFIGURED, 4);
        put_be(rec + 12, reason, 4);
        if (result != RESULT_OK)
            failed = 1;
        else if (handlers && handlers->changed)
            handlers->changed(r.type, cpu, hv_dr_cpu_online_count());
    }
    put_be(buffer + 8, DR_CPU_HANDLE, 8);
    put_be(buffer + 16, r.number, 8);
    put_be(buffer + 24, failed ? DR_ERROR : DR_OK, 4);
    put_be(buffer + 28, r.count, 4);
    if (send_message(DS_DATA, strings - 8) != 0)
        return -1;
    return failed;
}
