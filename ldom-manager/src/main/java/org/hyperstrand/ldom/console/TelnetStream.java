package org.hyperstrand.ldom.console;

/**
 * Strips the telnet protocol (RFC 854) from a byte stream, one byte at a time: option
 * negotiation (IAC WILL/WONT/DO/DONT x), subnegotiation (IAC SB ... IAC SE) and the other IAC
 * commands disappear, IAC IAC is a data 255. On the server side the NUL or LF a client sends
 * after CR is dropped too, so Enter reaches the guest as one CR. Used on both ends: by the
 * console server for what clients type, by {@code ldm console} for what the server sends.
 */
public final class TelnetStream {

    public static final int IAC = 255;
    public static final int WILL = 251;
    public static final int WONT = 252;
    public static final int DO = 253;
    public static final int DONT = 254;
    public static final int SB = 250;
    public static final int SE = 240;
    /** Telnet options the server offers so that clients send characters at once and do not echo. */
    public static final int OPT_ECHO = 1;
    public static final int OPT_SUPPRESS_GO_AHEAD = 3;

    /** The bytes a server sends first: it echoes, and there are no go-aheads (character mode). */
    public static final byte[] SERVER_GREETING = {
        (byte) IAC, (byte) WILL, OPT_ECHO, (byte) IAC, (byte) WILL, OPT_SUPPRESS_GO_AHEAD,
    };

    /** What {@link #accept} returns for a byte that carries no data. */
    public static final int NONE = -1;

    private enum State { DATA, IAC, OPTION, SUB, SUB_IAC, AFTER_CR }

    private State state = State.DATA;
    private final boolean foldEnter;

    /** {@code foldEnter}: CR NUL and CR LF become CR, as a server reading a client wants. */
    public TelnetStream(boolean foldEnter) {
        this.foldEnter = foldEnter;
    }

    /** The data byte {@code b} (0..255) stands for, or {@link #NONE}. */
    public int accept(int b) {
        b &= 0xff;
        switch (state) {
            case IAC:
                if (b == IAC) {
                    state = State.DATA;
                    return IAC;
                }
                state = b == SB ? State.SUB : b >= WILL ? State.OPTION : State.DATA;
                return NONE;
            case OPTION:
                state = State.DATA;
                return NONE;
            case SUB:
                state = b == IAC ? State.SUB_IAC : State.SUB;
                return NONE;
            case SUB_IAC:
                state = b == SE ? State.DATA : State.SUB;
                return NONE;
            case AFTER_CR:
                state = State.DATA;
                if (b == 0 || b == '\n') {
                    return NONE;
                }
                return data(b);
            default:
                return data(b);
        }
    }

    private int data(int b) {
        if (b == IAC) {
            state = State.IAC;
            return NONE;
        }
        if (b == '\r' && foldEnter) {
            state = State.AFTER_CR;
        }
        return b;
    }
}
