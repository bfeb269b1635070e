package org.hyperstrand.core.md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The domain MD, decoded and also checked element by element straight from the bytes. */
class MdDomainFactoryTest {

    private static final long GHZ = 1_000_000_000L;

    private static DomainMdSpec spec(List<Integer> cpus, List<MemoryBlockSpec> mblocks) {
        return new DomainMdSpec("ldg1", cpus, GHZ, 0x3b9aca00L, mblocks, 8, 0x84a00001L, 0xab4130L);
    }

    private static final DomainMdSpec SPEC = spec(List.of(3, 0, 5),
            List.of(new MemoryBlockSpec(0x4000_0000L, 0x1000_0000L), new MemoryBlockSpec(0x800_0000L, 0x800_0000L)));

    private final byte[] bytes = new DomainMdFactory().encode(SPEC);
    private final MdGraph md = MdDecoder.decode(bytes);

    @Test
    void decodesToTheGraphTheFactoryBuilt() {
        assertEquals(new DomainMdFactory().build(SPEC), md);
    }

    @Test
    void everyCpuIsPresentOnceInAscendingOrder() {
        List<Long> ids = md.nodesOfType("cpu").stream().map(n -> n.value("id").getAsLong()).toList();
        assertEquals(List.of(0L, 3L, 5L), ids);
    }

    @Test
    void cpuProperties() {
        MdNode cpu = md.nodesOfType("cpu").get(1);
        assertEquals(GHZ, cpu.value("clock-frequency").getAsLong());
        assertEquals(0x2b, cpu.value("mmu-page-size-list").getAsLong());
        assertEquals(13, cpu.value("mmu-#context-bits").getAsLong());
        assertEquals(4, cpu.value("mmu-max-#tsbs").getAsLong());
        assertEquals(7, cpu.value("q-cpu-mondo-#bits").getAsLong());
        assertEquals(7, cpu.value("q-dev-mondo-#bits").getAsLong());
        assertEquals(6, cpu.value("q-resumable-#bits").getAsLong());
        assertEquals(2, cpu.value("q-nonresumable-#bits").getAsLong());
        assertEquals(List.of("SUNW,sun4v"), cpu.strings("compatible"));
        assertEquals(List.of("cpus"), cpu.back().stream().map(MdNode::type).toList());
    }

    @Test
    void platformProperties() {
        MdNode p = md.first("platform").orElseThrow();
        assertEquals("Hyperstrand", p.string("name").orElseThrow());
        assertEquals("Hyperstrand domain ldg1", p.string("banner-name").orElseThrow());
        assertEquals(0x3b9aca00L, p.value("stick-frequency").getAsLong());
        assertEquals(8, p.value("max-cpus").getAsLong());
        assertEquals(0x84a00001L, p.value("hostid").getAsLong());
        assertEquals(0xab4130L, p.value("serial#").getAsLong());
        assertEquals(1, p.value("domaining-enabled").getAsLong());
    }

    @Test
    void mblocksInAscendingOrder() {
        List<MdNode> blocks = md.nodesOfType("mblock");
        assertEquals(2, blocks.size());
        assertEquals(0x800_0000L, blocks.get(0).value("base").getAsLong());
        assertEquals(0x800_0000L, blocks.get(0).value("size").getAsLong());
        assertEquals(0x4000_0000L, blocks.get(1).value("base").getAsLong());
        assertEquals(0x1000_0000L, blocks.get(1).value("size").getAsLong());
        assertEquals(0, blocks.get(1).value("address-congruence-offset").getAsLong());
        assertEquals(List.of("memory"), blocks.get(1).back().stream().map(MdNode::type).toList());
    }

    @Test
    void shape() {
        MdNode root = md.node(0);
        assertEquals("root", root.type());
        assertEquals(List.of("platform", "cpus", "memory", "virtual-devices"),
                root.fwd().stream().map(MdNode::type).toList());
        assertEquals(0x100, md.first("virtual-devices").orElseThrow().value("cfg-handle").getAsLong());
    }

    @Test
    void everyFwdArcHasItsBackArcAndRootReachesEveryNode() {
        for (MdNode n : md.nodes()) {
            for (MdNode child : n.fwd()) {
                assertTrue(child.back().contains(n), child.label() + " lacks a back arc to " + n.label());
            }
            for (MdNode parent : n.back()) {
                assertTrue(parent.fwd().contains(n), parent.label() + " lacks a fwd arc to " + n.label());
            }
        }
        Set<MdNode> seen = new HashSet<>();
        Deque<MdNode> todo = new ArrayDeque<>(List.of(md.node(0)));
        while (!todo.isEmpty()) {
            MdNode n = todo.pop();
            if (seen.add(n)) {
                todo.addAll(n.fwd());
            }
        }
        assertEquals(md.nodes().size(), seen.size());
    }

    /** Section 8.1 checked on the raw bytes, without the decoder. */
    @Test
    void elementIndexesAndNextPointersAreConsistent() {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        assertEquals(0x10000, b.getInt(0));
        int count = b.getInt(4) / 16;
        assertEquals(bytes.length, 16 + b.getInt(4) + b.getInt(8) + b.getInt(12));
        assertEquals(0, bytes.length % 16);

        List<Integer> nodeIndexes = new ArrayList<>();
        List<Long> arcTargets = new ArrayList<>();
        int open = -1;
        for (int i = 0; i < count; i++) {
            int tag = bytes[16 + 16 * i] & 0xff;
            long val = b.getLong(16 + 16 * i + 8);
            switch (tag) {
                case 0x4e -> {
                    assertEquals(-1, open, "NODE at " + i + " inside another node");
                    open = i;
                    nodeIndexes.add(i);
                }
                case 0x45 -> {
                    assertEquals(i + 1, b.getLong(16 + 16 * open + 8), "next of node " + open);
                    open = -1;
                }
                case 0x61 -> arcTargets.add(val);
                case 0x00 -> assertEquals(count - 1, i, "LIST_END is the last element");
                default -> assertTrue(tag == 0x76 || tag == 0x73 || tag == 0x64, "tag " + tag);
            }
        }
        assertEquals(0, bytes[16 + 16 * (count - 1)], "ends with LIST_END");
        for (long t : arcTargets) {
            assertTrue(nodeIndexes.contains((int) t), "arc to element " + t + " which is no NODE");
        }
        // following NODE.val from element 0 visits every node in order and lands on LIST_END
        List<Integer> chain = new ArrayList<>();
        long at = 0;
        while (bytes[16 + 16 * (int) at] != 0) {
            chain.add((int) at);
            at = b.getLong(16 + 16 * (int) at + 8);
        }
        assertEquals(nodeIndexes, chain);
        assertEquals(count - 1, at);
        assertEquals(md.nodes().size(), nodeIndexes.size());
    }

    @Test
    void outputDependsOnlyOnTheSpec() {
        DomainMdSpec reordered = spec(List.of(0, 5, 3), List.of(SPEC.mblocks().get(1), SPEC.mblocks().get(0)));
        assertArrayEquals(bytes, new DomainMdFactory().encode(reordered));
    }

    @Test
    void contributorsAddNodesAfterTheBase() {
        DomainMdContributor channels = ctx -> ctx.virtualDevices().link(
                ctx.builder().node("channel-devices").value("cfg-handle", 0x200).strings("compatible",
                        "SUNW,sun4v-channel-devices"));
        MdGraph g = MdDecoder.decode(new DomainMdFactory(List.of(channels)).encode(SPEC));
        MdNode cd = g.first("channel-devices").orElseThrow();
        assertEquals(g.nodes().size() - 1, cd.ordinal());
        assertEquals("virtual-devices", cd.back().get(0).type());
        assertEquals(List.of(cd), g.first("virtual-devices").orElseThrow().fwd());
    }

    @Test
    void specRejectsWhatAGuestCouldNotUse() {
        MemoryBlockSpec m = new MemoryBlockSpec(0, 0x100000);
        assertEquals("cpu id 3 given twice",
                assertThrows(IllegalArgumentException.class, () -> spec(List.of(3, 3), List.of(m))).getMessage());
        assertEquals("cpu id 8 outside 0..7",
                assertThrows(IllegalArgumentException.class, () -> spec(List.of(8), List.of(m))).getMessage());
        assertEquals("domain ldg1 has no cpus",
                assertThrows(IllegalArgumentException.class, () -> spec(List.of(), List.of(m))).getMessage());
        assertEquals("domain ldg1 has no memory",
                assertThrows(IllegalArgumentException.class, () -> spec(List.of(0), List.of())).getMessage());
        MemoryBlockSpec overlapping = new MemoryBlockSpec(0x80000, 0x100000);
        assertThrows(IllegalArgumentException.class, () -> spec(List.of(0), List.of(m, overlapping)));
    }
}
