package org.hyperstrand.ldom.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;
import java.util.List;
import org.hyperstrand.core.machine.Binding;
import org.hyperstrand.ldom.model.Arch;
import org.hyperstrand.ldom.model.Constraints;

/**
 * One domain as YAML: its constraints, and in the store also the format version, whether it is
 * bound and to which strands and mblocks. Absent keys are null so that a missing required one
 * can be named.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"version", "name", "arch", "image", "vcpus", "memory", "auto-boot", "bound", "strands", "mblocks"})
record DomainDocument(Integer version, String name, Arch arch, String image, Integer vcpus, MemorySize memory,
                      @JsonProperty("auto-boot") Boolean autoBoot, Boolean bound, List<Integer> strands,
                      List<MblockDocument> mblocks) {

    static DomainDocument of(Constraints c) {
        return new DomainDocument(null, c.name(), c.arch(), c.image() == null ? null : c.image().toString(),
                c.vcpus(), new MemorySize(c.memory()), c.autoBoot(), null, null, null);
    }

    DomainDocument stored(int formatVersion, StoredDomain d) {
        Binding b = d.binding();
        return new DomainDocument(formatVersion, name, arch, image, vcpus, memory, autoBoot, d.bound(),
                b == null ? null : b.strands(), b == null ? null : b.memory().stream().map(MblockDocument::of).toList());
    }

    Constraints constraints() {
        return new Constraints(name, arch, image == null ? null : Path.of(image), vcpus == null ? 0 : vcpus,
                memory == null ? 0 : memory.bytes(), autoBoot != null && autoBoot);
    }

    /**
     * The domain as stored: bound with its strands and mblocks, bound without them (a file from
     * before ldmd kept them), or not bound; an IllegalArgumentException says what is wrong.
     */
    StoredDomain stored() {
        boolean isBound = bound != null && bound;
        if (strands == null && mblocks == null) {
            return new StoredDomain(constraints(), isBound, null);
        }
        if (!isBound) {
            throw new IllegalArgumentException("strands and mblocks are given, but the domain is not bound");
        }
        if (strands == null || mblocks == null || strands.isEmpty() || mblocks.isEmpty()) {
            throw new IllegalArgumentException("a bound domain's strands and mblocks are both needed, or neither");
        }
        if (strands.contains(null) || mblocks.contains(null)) {
            throw new IllegalArgumentException("an empty entry in strands or mblocks");
        }
        return new StoredDomain(constraints(), new Binding(strands, mblocks.stream().map(MblockDocument::block)
                .toList()));
    }
}
