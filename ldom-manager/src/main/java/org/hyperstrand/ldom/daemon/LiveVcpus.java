package org.hyperstrand.ldom.daemon;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.ds.DrCpu;
import org.hyperstrand.core.ds.DrCpuReply;
import org.hyperstrand.core.machine.Binding;
import org.hyperstrand.core.machine.Machine;
import org.hyperstrand.core.sched.MachineRunner;
import org.hyperstrand.ldom.model.LdmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Strands added to and removed from an active domain with the guest's consent (ldm-cli.md 3.3,
 * sun4v-api.md 8.4): new strands are bound and put in the domain's machine description before
 * the guest is asked to configure them; strands leave only after the guest unconfigured them
 * (or by force). A guest that refuses or does not answer in time leaves the domain as it was,
 * and the one-line error names the cpus and the reason. Machine changes run on the machine's
 * thread; the wait for the guest does not.
 */
public final class LiveVcpus {

    private static final Logger LOG = LoggerFactory.getLogger(LiveVcpus.class);

    private final MachineRunner runner;
    private final Machine machine;
    private final long timeoutMillis;

    public LiveVcpus(MachineRunner runner, long timeoutMillis) {
        this.runner = runner;
        this.machine = runner.machine();
        this.timeoutMillis = timeoutMillis;
    }

    /** Adds {@code more} strands to running domain {@code d}; the binding after, once the guest configured them. */
    public Binding add(String name, Domain d, DrCpu dr, Binding before, int more) {
        if (more > machine.strands().free()) {
            throw new LdmException("cannot add " + more + " vcpus to domain " + name + ": " + machine.strands().free()
                    + " of " + machine.strands().size() + " strands are free");
        }
        if (dr == null || !dr.available()) {
            throw notTakingPart(name, "");
        }
        List<Integer> cpus = ids(before.strands().size(), more);
        record Sent(Binding grown, CompletableFuture<DrCpuReply> reply) {
        }
        Sent sent = runner.call(() -> {
            Binding grown = machine.addStrands(d, before, more); // in the MD before the request (8.4)
            try {
                return new Sent(grown, dr.request(DrCpu.CONFIGURE, cpus));
            } catch (IllegalStateException e) {
                machine.removeStrands(d, grown, more, true);
                throw notTakingPart(name, "");
            }
        });
        String outcome = failure(sent.reply(), cpus, "configure");
        if (outcome != null) {
            // whatever the guest started of them is stopped: the domain is as it was
            runner.call(() -> machine.removeStrands(d, sent.grown(), more, true));
            throw new LdmException("domain " + name + " " + outcome + "; its vcpus are unchanged");
        }
        return sent.grown();
    }

    /**
     * Removes the {@code fewer} highest-numbered strands of running domain {@code d}: after the
     * guest unconfigured them, or at once with {@code force}.
     */
    public Binding remove(String name, Domain d, DrCpu dr, Binding before, int fewer, boolean force) {
        int have = before.strands().size();
        if (fewer >= have) {
            throw keepsOne(name, "active", have);
        }
        List<Integer> cpus = ids(have - fewer, fewer);
        if (force) {
            forceUnconfigure(name, dr, cpus);
            return runner.call(() -> machine.removeStrands(d, before, fewer, true));
        }
        String orForce = ", or remove them by force: ldm remove-vcpu -f " + fewer + " " + name;
        if (dr == null || !dr.available()) {
            throw notTakingPart(name, orForce);
        }
        CompletableFuture<DrCpuReply> reply = runner.call(() -> {
            try {
                return dr.request(DrCpu.UNCONFIGURE, cpus);
            } catch (IllegalStateException e) {
                throw notTakingPart(name, orForce);
            }
        });
        String outcome = failure(reply, cpus, "unconfigure");
        String byForce = orForce.replace(", or", ";");
        if (outcome != null) {
            throw new LdmException("domain " + name + " " + outcome + "; its vcpus are unchanged" + byForce);
        }
        try {
            return runner.call(() -> machine.removeStrands(d, before, fewer, false));
        } catch (IllegalStateException e) {
            throw new LdmException("domain " + name + " answered that " + list(cpus) + (cpus.size() == 1 ? " was" : " were")
                    + " unconfigured, but "
                    + e.getMessage().replace(" of domain " + name, "") + "; its vcpus are unchanged" + byForce);
        }
    }

    /**
     * A guest that takes part is told, with a forced unconfigure it may not refuse, so that it
     * stops using the cpus and counts them offline; whatever it answers, or if it does not,
     * the strands are stopped afterwards.
     */
    private void forceUnconfigure(String name, DrCpu dr, List<Integer> cpus) {
        if (dr == null || !dr.available()) {
            return;
        }
        CompletableFuture<DrCpuReply> reply = runner.call(() -> {
            try {
                return dr.request(DrCpu.FORCE_UNCONFIGURE, cpus);
            } catch (IllegalStateException e) {
                return null; // the channel went down meanwhile: stopping the strands is all there is
            }
        });
        String outcome = reply == null ? "could not be asked" : failure(reply, cpus, "unconfigure");
        if (outcome != null) {
            LOG.info("domain {} {}; the strands are stopped by force", name, outcome);
        }
    }

    /** Null if the guest did what was asked of every cpu, else what went wrong, for the error line. */
    private String failure(CompletableFuture<DrCpuReply> pending, List<Integer> cpus, String verb) {
        DrCpuReply reply;
        try {
            reply = pending.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(false);
            return "did not answer the request to " + verb + " " + list(cpus) + " within "
                    + seconds(timeoutMillis);
        } catch (ExecutionException e) {
            return "dropped the request to " + verb + " " + list(cpus) + ": " + e.getCause().getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.cancel(false);
            return "was being asked to " + verb + " " + list(cpus) + " when ldmd was interrupted";
        }
        int wanted = verb.equals("configure") ? DrCpu.STATUS_CONFIGURED : DrCpu.STATUS_UNCONFIGURED;
        String failed = reply.records().stream()
                .filter(r -> cpus.contains(r.cpu()) && (r.result() != DrCpu.RESULT_OK || r.status() != wanted))
                .map(r -> "cpu " + r.cpu() + ": " + r.why())
                .collect(Collectors.joining(", "));
        List<Integer> answered = reply.records().stream().map(DrCpuReply.CpuRecord::cpu).toList();
        String missing = cpus.stream().filter(c -> !answered.contains(c)).map(c -> "cpu " + c + ": no record")
                .collect(Collectors.joining(", "));
        String all = failed.isEmpty() ? missing : missing.isEmpty() ? failed : failed + ", " + missing;
        if (all.isEmpty() && reply.type() == DrCpu.OK) {
            return null;
        }
        return "refused to " + verb + " " + list(cpus) + " (" + (all.isEmpty() ? "it answered ERROR" : all) + ")";
    }

    /** The error for taking a bound or active domain's last vcpu. */
    static LdmException keepsOne(String name, String state, int have) {
        return new LdmException("domain " + name + " is " + state + " and keeps at least 1 vcpu; it has " + have
                + (have == 1 ? ", so none can be removed" : ", so at most " + (have - 1) + " can be removed"));
    }

    private static LdmException notTakingPart(String name, String alternative) {
        return new LdmException("the guest of domain " + name + " does not take part in dynamic reconfiguration "
                + "(it has not registered dr-cpu); stop it first: ldm stop-domain " + name + alternative);
    }

    private static List<Integer> ids(int from, int count) {
        return IntStream.range(from, from + count).boxed().toList();
    }

    private static String list(List<Integer> cpus) {
        return (cpus.size() == 1 ? "cpu " : "cpus ") + cpus.stream().map(String::valueOf)
                .collect(Collectors.joining(", "));
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " seconds" : millis / 1000.0 + " seconds";
    }
}
