package org.hyperstrand.core.md;

/** A binary MD that breaks the layout of reference section 8.1; the message says where and how. */
public final class MalformedMdException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public MalformedMdException(String message) {
        super(message);
    }
}
