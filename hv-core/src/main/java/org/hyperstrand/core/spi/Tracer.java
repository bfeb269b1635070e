package org.hyperstrand.core.spi;

/**
 * Where a traced domain's events go ({@code hv run --trace}): its hypercalls, and the exits a
 * backend serves inside its CPU model without involving the core. {@link GuestContext#tracer()}
 * is null while tracing is off, so a backend pays one null check per exit and builds no text.
 */
@FunctionalInterface
public interface Tracer {

    /**
     * One event of virtual CPU {@code vcpu} of the domain, after it retired {@code retired}
     * instructions; {@code text} says what happened and what came of it, e.g.
     * {@code "#VMEXIT CPUID eax=0x1 -> resumed"}.
     */
    void event(int vcpu, long retired, String text);
}
