package org.hyperstrand.core.ldc;

import static org.hyperstrand.core.hcall.api.HvConstants.LDC_CHANNEL_UP;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_MAPIN_MAX_PAGE;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_MAPIN_WINDOW_ALIGN;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_MAPIN_WINDOW_SIZE;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_MEM_READ;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_MEM_WRITE;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_MTE_READ;
import static org.hyperstrand.core.hcall.api.HvConstants.LDC_MTE_WRITE;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.hcall.HcallFrame;
import org.hyperstrand.core.hcall.api.HvErrors;
import org.hyperstrand.core.mem.ImportedPage;
import org.hyperstrand.core.mem.RealMemoryMap;

/**
 * Every page of the machine mapped in with ldc_mapin, which domain imported it through which
 * endpoint's export. A page appears in the importer's real address space
 * ({@link RealMemoryMap#withImport}) in its mapin window: from its memory's end rounded up to
 * LDC_MAPIN_WINDOW_ALIGN, LDC_MAPIN_WINDOW_SIZE bytes, each page at the lowest free address
 * aligned to its size. Every change replaces the importer's map and returns only once none of
 * its CPUs still uses the old one ({@link Domain#replaceRealMemory}). Guarded by the channels' lock.
 */
final class MappedPages {

    /** One page {@code importer} mapped from {@code exporter}'s map table by {@code cookie}. */
    private record Mapping(DomainChannels importer, GuestEndpoint exporter, long cookie, long revokeCookie,
            ImportedPage page) {
    }

    private final List<Mapping> mappings = new ArrayList<>();

    /** ldc_mapin through endpoint {@code e} of {@code importer}. */
    long mapin(HcallFrame frame, DomainChannels importer, GuestEndpoint e, long cookie) {
        Domain domain = importer.domain();
        if (!domain.backend().mapsImportedPages()) {
            return HvErrors.ENOTSUPPORTED;
        }
        MapTable peer = e.peer().exports();
        if (e.state() != LDC_CHANNEL_UP || peer == null || !(e.peer() instanceof GuestEndpoint exporter)) {
            return HvErrors.ECHANNEL;
        }
        MapTable.Page page = peer.lookup(cookie, LDC_MTE_READ);
        if (page.status() != HvErrors.EOK) {
            return page.status();
        }
        long size = page.size();
        if (page.room() != size || size > LDC_MAPIN_MAX_PAGE) {
            return HvErrors.EINVAL;
        }
        long pa = peer.memory().physical(page.ra(), size);
        if (pa < 0 || (pa & (ImportedPage.MIN_ALIGN - 1)) != 0) {
            return HvErrors.ENOMAP; // spans two of the exporter's memory blocks, or one oddly placed in host memory
        }
        RealMemoryMap map = domain.realMemory();
        long ra = freeSlot(map, size);
        if (ra < 0) {
            return HvErrors.ETOOMANY;
        }
        boolean writable = (page.mte() & LDC_MTE_WRITE) != 0;
        ImportedPage imported = new ImportedPage(ra, pa, size, writable);
        mappings.add(new Mapping(importer, exporter, cookie, page.revokeCookie(), imported));
        domain.replaceRealMemory(map.withImport(imported));
        frame.setResult(1, ra);
        frame.setResult(2, LDC_MEM_READ | (writable ? LDC_MEM_WRITE : 0));
        return HvErrors.EOK;
    }

    /** The lowest address of the window aligned to {@code size} where a page of that size is free, or -1. */
    static long freeSlot(RealMemoryMap map, long size) {
        long base = windowBase(map);
        for (long ra = base; ra + size <= base + LDC_MAPIN_WINDOW_SIZE; ra += size) {
            if (!map.overlaps(ra, size)) {
                return ra;
            }
        }
        return -1;
    }

    /** First address of the mapin window of a domain with memory map {@code map}. */
    static long windowBase(RealMemoryMap map) {
        return (map.memoryEnd() + LDC_MAPIN_WINDOW_ALIGN - 1) & -LDC_MAPIN_WINDOW_ALIGN;
    }

    /** ldc_unmap by {@code importer} of the page it mapped in at {@code ra}. */
    long unmap(DomainChannels importer, long ra) {
        return drop(m -> m.importer() == importer && m.page().ra() == ra) ? HvErrors.EOK : HvErrors.EINVAL;
    }

    /** ldc_revoke by endpoint {@code exporter}: drops every mapping of its page {@code cookie} made under {@code revokeCookie}. */
    long revoke(GuestEndpoint exporter, long cookie, long revokeCookie) {
        return drop(m -> m.exporter() == exporter && m.cookie() == cookie && m.revokeCookie() == revokeCookie)
                ? HvErrors.EOK : HvErrors.EINVAL;
    }

    /** Drops every mapping of pages {@code exporter} exported (its map table changed, or its domain left). */
    void dropExports(GuestEndpoint exporter) {
        drop(m -> m.exporter() == exporter);
    }

    /** Drops every mapping {@code importer} made: its domain left the machine. */
    void dropImports(DomainChannels importer) {
        drop(m -> m.importer() == importer);
    }

    /** Removes the mappings {@code which} selects from their importers' maps; true if there were any. */
    private boolean drop(Predicate<Mapping> which) {
        List<Mapping> gone = new ArrayList<>();
        mappings.removeIf(m -> which.test(m) && gone.add(m));
        for (Mapping m : gone) {
            Domain domain = m.importer().domain();
            domain.replaceRealMemory(domain.realMemory().withoutImport(m.page().ra()));
        }
        return !gone.isEmpty();
    }
}
