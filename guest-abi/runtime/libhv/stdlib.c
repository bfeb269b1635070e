/* exit, abort and the integer helpers of libhv. */
#include <stdint.h>
#include <stdlib.h>

#include <hv/runtime.h>

#include "libhv.h"

void exit(int status)
{
    __hv_platform_exit((int64_t)status);
}

void abort(void)
{
    static const char msg[] = "abort() called\n";

    __hv_platform_write(msg, sizeof msg - 1);
    __hv_platform_exit(HV_EXIT_ABORT);
}

int abs(int v)
{
    return v < 0 ? -v : v;
}

long labs(long v)
{
    return v < 0 ? -v : v;
}

long long llabs(long long v)
{
    return v < 0 ? -v : v;
}
