package org.hyperstrand.ldom.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.hyperstrand.ldom.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test class's ldmd: started on a fresh state directory before each test, closed after it. */
abstract class RunningLdmd {

    @TempDir
    Path dir;
    LdmdHarness ldmd;

    @BeforeEach
    void startLdmd() throws IOException, ConfigException {
        ldmd = new LdmdHarness(dir);
    }

    @AfterEach
    void closeLdmd() throws IOException {
        ldmd.close();
    }
}
