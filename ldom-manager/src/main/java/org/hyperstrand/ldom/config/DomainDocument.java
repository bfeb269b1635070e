package org.hyperstrand.ldom.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;
import org.hyperstrand.ldom.model.Arch;
import org.hyperstrand.ldom.model.Constraints;

/**
 * One domain as YAML: its constraints, and in the store also the format version and whether
 * it is bound. Absent keys are null so that a missing required one can be named.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"version", "name", "arch", "image", "vcpus", "memory", "auto-boot", "bound"})
record DomainDocument(Integer version, String name, Arch arch, String image, Integer vcpus, MemorySize memory,
                      @JsonProperty("auto-boot") Boolean autoBoot, Boolean bound) {

    static DomainDocument of(Constraints c) {
        return new DomainDocument(null, c.name(), c.arch(), c.image() == null ? null : c.image().toString(),
                c.vcpus(), new MemorySize(c.memory()), c.autoBoot(), null);
    }

    DomainDocument stored(int formatVersion, boolean isBound) {
        return new DomainDocument(formatVersion, name, arch, image, vcpus, memory, autoBoot, isBound);
    }

    Constraints constraints() {
        return new Constraints(name, arch, image == null ? null : Path.of(image), vcpus == null ? 0 : vcpus,
                memory == null ? 0 : memory.bytes(), autoBoot != null && autoBoot);
    }
}
