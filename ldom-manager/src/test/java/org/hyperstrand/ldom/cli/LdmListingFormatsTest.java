package org.hyperstrand.ldom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The listing formats scripts rely on, byte for byte, for domains whose figures do not move. */
class LdmListingFormatsTest extends RunningLdmd {

    private void twoDomains() {
        ldmd.ok("add-domain", "arch=sparc", "vcpus=2", "memory=64M", "ldg1");
        ldmd.ok("add-domain", "arch=x86", "vcpus=1", "memory=1G", "auto-boot=on", "ldg2");
    }

    @Test
    void theTable() {
        twoDomains();
        assertEquals("""
                NAME             STATE      FLAGS   CONS    VCPU  MEMORY   UTIL  UPTIME        ARCH
                ldg1             inactive   ------          2     64M                          sparc
                ldg2             inactive   ------          1     1G                           x86
                """, ldmd.ok("list"));
    }

    @Test
    void theParseableForm() {
        twoDomains();
        assertEquals("""
                VERSION 1.0
                DOMAIN|name=ldg1|state=inactive|flags=------|cons=|ncpu=2|mem=67108864|util=|uptime=|arch=sparc
                DOMAIN|name=ldg2|state=inactive|flags=------|cons=|ncpu=1|mem=1073741824|util=|uptime=|arch=x86
                """, ldmd.ok("list", "-p"));
    }

    @Test
    void json() {
        twoDomains();
        assertEquals("""
                {
                  "version" : "1.0",
                  "domains" : [ {
                    "name" : "ldg1",
                    "state" : "inactive",
                    "flags" : "------",
                    "cons" : null,
                    "ncpu" : 2,
                    "mem" : 67108864,
                    "util" : null,
                    "uptime" : null,
                    "arch" : "sparc",
                    "image" : null
                  }, {
                    "name" : "ldg2",
                    "state" : "inactive",
                    "flags" : "------",
                    "cons" : null,
                    "ncpu" : 1,
                    "mem" : 1073741824,
                    "util" : null,
                    "uptime" : null,
                    "arch" : "x86",
                    "image" : null
                  } ]
                }
                """, ldmd.ok("list", "-o", "json"));
    }

    @Test
    void anUnknownOutputFormatIsRefused() {
        assertEquals(1, ldmd.ldm("list", "-o", "xml").status());
    }
}
