/*
 * hv/md.h: reading the domain's machine description (sun4v API reference
 * section 8) through mach_desc, for guests of the Hyperstrand runtime.
 */
#ifndef HV_MD_H
#define HV_MD_H

#include <stdint.h>

/*
 * The ids of the domain's CPUs (the "id" of its "cpu" nodes), in the MD's
 * order: at most max of them are stored; the count found is returned, or -1 if
 * the MD could not be read or parsed.
 */
int hv_md_cpu_ids(uint64_t *ids, int max);

/*
 * The value property `name` of the MD's "platform" node (stick-frequency,
 * max-cpus, watchdog-max-timeout, ...) into *value: 0, or -1 if the MD could
 * not be read or has no such property.
 */
int hv_md_platform_value(const char *name, uint64_t *value);

#endif
