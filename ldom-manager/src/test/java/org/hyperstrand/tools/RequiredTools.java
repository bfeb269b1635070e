package org.hyperstrand.tools;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Host programs a test needs (a cross compiler, make). A missing one skips the test on a
 * developer's machine but fails it under CI ({@code CI=true}), naming the Debian package, as the
 * guest-abi tests do, so that a CI run cannot pass by testing nothing.
 */
public final class RequiredTools {

    private RequiredTools() {
    }

    public static void require(String program, String debianPackage) {
        if (HostTools.onPath(program).isPresent()) {
            return;
        }
        String message = program + " is not installed; install the Debian package " + debianPackage
                + " (apt-get install " + debianPackage + ")";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
    }
}
