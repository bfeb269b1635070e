/*
 * hv/ds.h: a domain services client (sun4v API reference section 8.4) with
 * the dr-cpu service, for guests of the Hyperstrand runtime, the same on
 * both architectures.
 *
 * hv_ds_open finds the domain-services-port in the machine description,
 * brings its channel up (hv/ldc.h), sends INIT_REQ 1.0 and registers
 * "dr-cpu" 1.0, and "domain-shutdown" and "domain-panic" 1.0 where the
 * hypervisor offers them. The hypervisor then sends dr-cpu requests: configure (the
 * new cpus are already in the machine description) or unconfigure a list of
 * cpu ids. hv_dr_cpu_next waits for one; hv_dr_cpu_handle carries it out and
 * answers with one record per cpu. Configuring re-reads the MD's cpu ids and
 * starts each cpu with hv_smp_start; the new cpu reports to the serving cpu
 * with a cpu mondo before the answer goes out. Unconfiguring stops each cpu
 * with cpu_stop. Multi-byte fields are big-endian on both architectures.
 *
 * The serving cpu is the one that called hv_ds_open: its device mondo queue
 * (the channel) and its cpu mondo queue (the reports) are the runtime's.
 */
#ifndef HV_DS_H
#define HV_DS_H

#include <stdint.h>

/* dr-cpu request types. */
#define HV_DR_CPU_CONFIGURE   0x43 /* 'C' */
#define HV_DR_CPU_UNCONFIGURE 0x55 /* 'U' */
#define HV_DR_CPU_FORCE_UNCONFIGURE 0x46 /* 'F' */

/* The most cpus one request names. */
#define HV_DR_CPU_MAX_REQUEST 64

struct hv_dr_cpu_request {
    uint64_t number; /* req_num, echoed in the answer */
    uint32_t type;   /* HV_DR_CPU_CONFIGURE, HV_DR_CPU_UNCONFIGURE, ... */
    uint32_t count;
    uint32_t cpus[HV_DR_CPU_MAX_REQUEST];
};

/* What a program says about each cpu of a request. Any member may be 0. */
struct hv_dr_cpu_handlers {
    /* before acting on one cpu: 0 to go ahead, or a short reason to refuse it;
       not asked for a forced unconfigure (ldm remove-vcpu -f), which goes ahead */
    const char *(*check)(uint32_t type, uint64_t cpu);
    /* after one cpu was configured or unconfigured; online: the cpus running now */
    void (*changed)(uint32_t type, uint64_t cpu, int online);
};

/* Opens the domain services channel and registers dr-cpu: 0, or -1 (no port, link or registration). */
int hv_ds_open(void);

/* Counts the calling cpu online; a program that started others itself reports each with hv_dr_cpu_online. */
void hv_dr_cpu_online(uint64_t cpu);

/* The cpus the runtime counts as online (started by it or reported, and still running). */
int hv_dr_cpu_online_count(void);

/*
 * Waits for the next dr-cpu request: 0, or -1 if the link failed. Other messages
 * are dealt with here: a domain-shutdown request (ldm stop-domain) is answered
 * and the domain powers off with exit status 0; a domain-panic request (ldm
 * panic-domain) is answered and the program aborts (exit status 134).
 */
int hv_dr_cpu_next(struct hv_dr_cpu_request *request);

/* Carries out a request and answers it: 0 if every cpu went as asked, 1 if some did not, -1 if the answer could not be sent. */
int hv_dr_cpu_handle(const struct hv_dr_cpu_request *request, const struct hv_dr_cpu_handlers *handlers);

#endif
