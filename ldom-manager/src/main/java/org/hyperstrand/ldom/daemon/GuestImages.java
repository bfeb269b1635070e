package org.hyperstrand.ldom.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.hyperstrand.core.boot.ElfImage;
import org.hyperstrand.core.boot.ImageException;
import org.hyperstrand.core.spi.ArchBackend;
import org.hyperstrand.core.spi.Backends;
import org.hyperstrand.ldom.model.Arch;
import org.hyperstrand.ldom.model.LdmException;

/** The backends ldmd runs domains on, and the check that an image suits a domain's architecture. */
final class GuestImages {

    private final Backends backends;

    GuestImages(Backends backends) {
        this.backends = backends;
    }

    ArchBackend backend(Arch arch) {
        return backends.forBinding(arch.binding()).orElseThrow(() -> new LdmException("this ldmd has no backend for "
                + "arch=" + arch.word() + " (backends: " + backends.names() + ")"));
    }

    /** Reads and checks {@code image} for {@code arch}; every problem is a one-line error. */
    ElfImage load(Arch arch, Path image) {
        ElfImage elf;
        try {
            elf = ElfImage.parse(image.toString(), Files.readAllBytes(image));
        } catch (NoSuchFileException e) {
            throw new LdmException(image + ": no such file");
        } catch (IOException e) {
            throw new LdmException(image + ": cannot read: " + e.getMessage());
        } catch (ImageException e) {
            throw new LdmException(e.getMessage());
        }
        ArchBackend backend = backend(arch);
        if (elf.machine() != backend.elfMachine() || elf.byteOrder() != backend.byteOrder()) {
            throw new LdmException(image + ": not an image for arch=" + arch.word() + " (ELF machine " + elf.machine()
                    + ", " + elf.byteOrder() + ")");
        }
        return elf;
    }
}
