package org.hyperstrand.ldom.model;

/** A refused ldm command: the message is the one line the operator sees; nothing was changed. */
public final class LdmException extends RuntimeException {

    public LdmException(String message) {
        super(message);
    }
}
