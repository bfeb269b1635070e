package org.hyperstrand.ldom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** UTIL: the share of a domain's CPU time spent running its guest. */
class LdmUtilTest extends RunningLdmd {

    @Test
    void aDomainWithOneBusyCpuOfTwoShowsHalfAndInactiveOnesNothing() throws Exception {
        Path bench = LdmdHarness.image("sparc64").resolveSibling("bench.elf");
        ldmd.ok("add-domain", "arch=sparc", "image=" + bench, "vcpus=2", "memory=32M", "ldg1");
        assertTrue(ldmd.ok("list", "-p", "ldg1").contains("|util=|"), "inactive: no figure");
        ldmd.ok("bind", "ldg1");
        ldmd.ok("start", "ldg1");
        Thread.sleep(300);
        String listing = ldmd.ok("list", "-p", "ldg1");
        Matcher util = Pattern.compile("\\|state=active\\|.*\\|util=([0-9.]+)\\|").matcher(listing);
        assertTrue(util.find(), "the benchmark still runs: " + listing);
        double percent = Double.parseDouble(util.group(1));
        assertTrue(percent > 49 && percent < 51, "cpu 0 computes, cpu 1 was never started: " + listing);
        ldmd.ok("stop", "-f", "ldg1");
        assertEquals("", ldmd.ok("list", "-p", "ldg1").replaceAll("(?s).*\\|util=([^|]*)\\|.*", "$1").trim());
    }

    @Test
    void aGuestWaitingForTheManagerIsIdle() throws Exception {
        Path dr = LdmdHarness.image("x86_64", "dr");
        ldmd.ok("add-domain", "arch=x86", "image=" + dr, "vcpus=1", "memory=32M", "ldg2");
        ldmd.ok("bind", "ldg2");
        ldmd.ok("start", "ldg2");
        ldmd.awaitConsole("ldg2", "dr: ready");
        ldmd.ok("list", "-p", "ldg2"); // the figure since start, which includes its boot
        Thread.sleep(300);
        String listing = ldmd.ok("list", "-p", "ldg2");
        Matcher util = Pattern.compile("\\|util=([0-9.]+)\\|").matcher(listing);
        assertTrue(util.find(), listing);
        assertTrue(Double.parseDouble(util.group(1)) < 5, "waiting in cpu_yield for a dr-cpu request: " + listing);
        ldmd.ok("stop", "-f", "ldg2");
    }
}
