package org.hyperstrand.ldom.config;

/** A configuration file that cannot be read or trusted; the message names the file and line. */
public final class ConfigException extends Exception {

    public ConfigException(String message) {
        super(message);
    }
}
