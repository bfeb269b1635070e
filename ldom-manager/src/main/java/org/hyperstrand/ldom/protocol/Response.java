package org.hyperstrand.ldom.protocol;

/** ldmd's answer: what ldm prints on stdout and stderr, and the exit status it returns. */
public record Response(int version, int status, String out, String err) {

    public static Response ok(String out) {
        return new Response(Protocol.VERSION, 0, out, "");
    }

    public static Response error(int status, String message) {
        return new Response(Protocol.VERSION, status, "", message.endsWith("\n") ? message : message + "\n");
    }
}
