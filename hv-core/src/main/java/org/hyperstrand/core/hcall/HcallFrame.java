package org.hyperstrand.core.hcall;

/**
 * The registers of one hypercall, independent of architecture: the backend copies the
 * arguments in from its binding's registers, the handler stores results, and the backend copies
 * status and results back. One frame per strand, reused for every call.
 */
public final class HcallFrame {

    /** More than any binding passes (sun4v fast traps: five arguments, five results). */
    public static final int MAX_REGISTERS = 6;

    private final long[] args = new long[MAX_REGISTERS];
    private final long[] results = new long[MAX_REGISTERS + 1];
    private Object caller;
    private boolean restarted;

    /**
     * A handler that put the calling CPU in a new state (a reset, say) marks the frame so: the
     * call then does not complete, since there is no longer an instruction to return to.
     */
    public void markCallerRestarted() {
        restarted = true;
    }

    /** True once, after {@link #markCallerRestarted}; reading it clears it. */
    public boolean takeCallerRestarted() {
        boolean r = restarted;
        restarted = false;
        return r;
    }

    /** The virtual CPU making the call, as the core registered it; handlers cast it to their type. */
    public Object caller() {
        return caller;
    }

    public void setCaller(Object caller) {
        this.caller = caller;
    }

    /** Argument {@code i}, counted from 0 (ARG0). */
    public long arg(int i) {
        return args[i];
    }

    public void setArg(int i, long value) {
        args[i] = value;
    }

    /** Result {@code n}, counted from 1 as the reference does (RET1 is the first after status). */
    public long result(int n) {
        return results[n];
    }

    public void setResult(int n, long value) {
        results[n] = value;
    }

    /** Clears every argument and result so a call never sees the previous call's values. */
    public void clear() {
        java.util.Arrays.fill(args, 0);
        java.util.Arrays.fill(results, 0);
    }
}
