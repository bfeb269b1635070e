package org.hyperstrand.ldom.console;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The controlling terminal in raw mode (no line editing, no echo, no signals from ^C) for a
 * console session, through stty(1) on /dev/tty, and its settings back afterwards. Without a
 * terminal (input from a pipe or a test) it does nothing.
 */
final class RawTerminal implements AutoCloseable {

    private final String saved;

    private RawTerminal(String saved) {
        this.saved = saved;
    }

    static RawTerminal enter() {
        if (System.console() == null) {
            return new RawTerminal(null);
        }
        String settings = stty("-g");
        if (settings == null || stty("raw", "-echo") == null) {
            return new RawTerminal(null);
        }
        return new RawTerminal(settings.trim());
    }

    @Override
    public void close() {
        if (saved != null) {
            stty(saved);
        }
    }

    /** Runs stty with the terminal as its input; its output, or null if it failed. */
    private static String stty(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "stty";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(new java.io.File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes());
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
