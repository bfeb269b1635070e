package org.hyperstrand.ldom.daemon;

/**
 * What an active domain is busy with while the manager waits for its guest; the manager's lock
 * is not held meanwhile, so listings go on and other domains take commands.
 */
enum Operation {
    /** stop-domain or panic-domain waiting for the guest to end. */
    STOPPING("stopping", "st----"),
    /** add-vcpu or remove-vcpu waiting for the guest's dr-cpu answer. */
    RECONFIGURING("reconfiguring its vcpus", "-t----");

    private final String doing;
    private final String flags;

    Operation(String doing, String flags) {
        this.doing = doing;
        this.flags = flags;
    }

    /** For the busy error: "domain ldg1 is busy stopping". */
    String doing() {
        return doing;
    }

    /**
     * The six FLAGS positions while it lasts (ldm-cli.md 2.2): 's' starting or stopping in the
     * first, 't' transition in the second.
     */
    String flags() {
        return flags;
    }
}
