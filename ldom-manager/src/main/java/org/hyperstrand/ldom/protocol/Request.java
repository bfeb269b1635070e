package org.hyperstrand.ldom.protocol;

import java.util.List;

/**
 * One ldm command sent to ldmd: the words after {@code ldm} (and its global options) and the
 * directory the operator ran it in, against which relative paths are resolved.
 */
public record Request(int version, String cwd, List<String> args) {

    public Request {
        args = args == null ? List.of() : List.copyOf(args);
    }
}
