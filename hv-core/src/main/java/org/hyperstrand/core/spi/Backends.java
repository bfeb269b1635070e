package org.hyperstrand.core.spi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The architecture backends on the class path, found with {@link ServiceLoader}. Two backends
 * claiming one binding or one ELF machine is a packaging error and is refused at once.
 */
public final class Backends {

    private final List<ArchBackend> all;

    public Backends(List<ArchBackend> backends) {
        Map<String, ArchBackend> byBinding = new HashMap<>();
        Map<Integer, ArchBackend> byMachine = new HashMap<>();
        for (ArchBackend b : backends) {
            ArchBackend other = byBinding.putIfAbsent(b.binding(), b);
            if (other == null) {
                other = byMachine.putIfAbsent(b.elfMachine(), b);
            }
            if (other != null) {
                throw new IllegalStateException("two backends for " + b.binding() + " (ELF machine " + b.elfMachine()
                        + "): " + other.getClass().getName() + " and " + b.getClass().getName()
                        + "; keep one copy of each arch module on the class path");
            }
        }
        this.all = List.copyOf(backends);
    }

    /** Every backend the class path provides. */
    public static Backends load() {
        List<ArchBackend> found = new ArrayList<>();
        ServiceLoader.load(ArchBackend.class, Backends.class.getClassLoader()).forEach(found::add);
        return new Backends(found);
    }

    public List<ArchBackend> all() {
        return all;
    }

    public Optional<ArchBackend> forElfMachine(int machine) {
        return all.stream().filter(b -> b.elfMachine() == machine).findFirst();
    }

    public Optional<ArchBackend> forBinding(String binding) {
        return all.stream().filter(b -> b.binding().equals(binding)).findFirst();
    }

    /** "sparc64, x86_64", for messages. */
    public String names() {
        return all.isEmpty() ? "none" : String.join(", ", all.stream().map(ArchBackend::binding).sorted().toList());
    }
}
