package org.hyperstrand.core.boot;

/** An image that cannot be booted; the message is one line, fit for the user. */
public final class ImageException extends Exception {

    public ImageException(String message) {
        super(message);
    }
}
