package org.hyperstrand.x86.dev;

import java.util.ArrayDeque;
import java.util.Objects;
import org.hyperstrand.core.svc.Console;

/**
 * A 16550A UART connected to a domain's console, for the hypervisor to put behind I/O ports
 * {@link #COM1} to {@code COM1 + PORTS - 1}. Register map, reset values, LSR/MSR bits and the
 * IIR priorities follow the 16550A datasheet.
 *
 * <table>
 *   <caption>Registers (offset from the base port; DLAB is LCR bit 7)</caption>
 *   <tr><td>0</td><td>read RBR / write THR; DLL when DLAB = 1</td></tr>
 *   <tr><td>1</td><td>IER (bits 3:0; 7:4 read as 0); DLM when DLAB = 1</td></tr>
 *   <tr><td>2</td><td>read IIR / write FCR</td></tr>
 *   <tr><td>3</td><td>LCR, all 8 bits stored (framing has no effect on the console)</td></tr>
 *   <tr><td>4</td><td>MCR (bits 4:0; 7:5 read as 0)</td></tr>
 *   <tr><td>5</td><td>LSR; writes ignored (factory test on real parts)</td></tr>
 *   <tr><td>6</td><td>MSR; writes ignored</td></tr>
 *   <tr><td>7</td><td>SCR</td></tr>
 * </table>
 *
 * <p><b>Accesses.</b> Registers are 8 bits wide and {@link #read}/{@link #write} take one byte.
 * A 16- or 32-bit IN/OUT to these ports is split by the caller into byte accesses at
 * consecutive ports, low byte first (what the PC bus does for an 8-bit device); this class never
 * sees wide accesses. Only the low 8 bits of a written value are used; an offset outside 0 to 7
 * is a caller error ({@link IllegalArgumentException}).
 *
 * <p><b>Transmit</b> is instantaneous: a THR write goes to {@link Console#write(int)} at once,
 * so LSR.THRE and LSR.TEMT are always set. The THRE interrupt is raised when IER.ETBEI goes from
 * 0 to 1 and after every THR write (the THR is empty again as soon as it is written, so the
 * write's clearing of the interrupt is followed by its re-raising); it is cleared by reading IIR
 * when it is the reported source, or by writing THR.
 *
 * <p><b>Receive.</b> Input comes from the console's non-blocking {@link Console#read()}: the
 * receiver takes bytes from the console only when the guest looks at receiver state (a read of
 * RBR, IIR or LSR) or the hypervisor asks {@link #interruptPending()}, and only up to the free
 * room of the receive FIFO (16 bytes with FCR.0 set, else the 1-byte RBR). Bytes that do not
 * fit stay queued in the console, so console input never overruns. A console BREAK (-1) is
 * received as a 0 byte with LSR.BI; a HUP (-2) drops DCD in the MSR (with DDCD) until the next
 * ordinary byte arrives, which raises DCD again. Reading RBR with nothing received returns the
 * last byte read. In FIFO mode, data below the trigger level is reported at once as a
 * character timeout (IIR 0xC) since the model has no character times.
 *
 * <p><b>Loopback</b> (MCR bit 4): THR bytes go to the receive FIFO instead of the console (a
 * full FIFO sets LSR.OE; without FIFOs the RBR is overwritten and OE set), the console input is
 * not read, and the MSR status bits follow MCR: CTS = RTS, DSR = DTR, RI = OUT1, DCD = OUT2,
 * with the delta bits tracking their changes. Outside loopback the MSR shows CTS, DSR and DCD
 * (unless the console hung up), RI clear.
 *
 * <p><b>Interrupt line.</b> {@link #interruptPending()} is true when IIR reports a source
 * enabled in IER and MCR.OUT2 is set, as PC serial ports gate the IRQ with OUT2. In loopback
 * the OUT2 pin is forced inactive, so the line stays low there (IIR still reports sources).
 *
 * <p>All methods are synchronized; the console is only ever called with this UART's lock held.
 */
public final class Uart16550 {

    /** The base I/O port of the first PC serial port. */
    public static final int COM1 = 0x3f8;
    /** Number of consecutive I/O ports the UART decodes. */
    public static final int PORTS = 8;

    // Register offsets (16550A datasheet, register map).
    static final int RBR = 0;
    static final int THR = 0;
    static final int DLL = 0;
    static final int IER = 1;
    static final int DLM = 1;
    static final int IIR = 2;
    static final int FCR = 2;
    static final int LCR = 3;
    static final int MCR = 4;
    static final int LSR = 5;
    static final int MSR = 6;
    static final int SCR = 7;

    // IER bits.
    static final int IER_ERBFI = 0x01; // received data available
    static final int IER_ETBEI = 0x02; // THR empty
    static final int IER_ELSI = 0x04;  // receiver line status
    static final int IER_EDSSI = 0x08; // modem status

    // IIR values (bits 3:0) and the FIFO-enabled bits 7:6.
    static final int IIR_NONE = 0x01;
    static final int IIR_RLS = 0x06;
    static final int IIR_RDA = 0x04;
    static final int IIR_TIMEOUT = 0x0c;
    static final int IIR_THRE = 0x02;
    static final int IIR_MSR = 0x00;
    static final int IIR_FIFO = 0xc0;

    // FCR bits.
    static final int FCR_ENABLE = 0x01;
    static final int FCR_CLEAR_RX = 0x02;
    static final int FCR_CLEAR_TX = 0x04;
    static final int FCR_KEPT = 0xc9; // enable, DMA mode, trigger level

    static final int LCR_DLAB = 0x80;

    // MCR bits.
    static final int MCR_DTR = 0x01;
    static final int MCR_RTS = 0x02;
    static final int MCR_OUT1 = 0x04;
    static final int MCR_OUT2 = 0x08;
    static final int MCR_LOOP = 0x10;

    // LSR bits.
    static final int LSR_DR = 0x01;
    static final int LSR_OE = 0x02;
    static final int LSR_PE = 0x04;
    static final int LSR_FE = 0x08;
    static final int LSR_BI = 0x10;
    static final int LSR_THRE = 0x20;
    static final int LSR_TEMT = 0x40;
    static final int LSR_FIFO_ERROR = 0x80;
    private static final int LSR_ERRORS = LSR_OE | LSR_PE | LSR_FE | LSR_BI;

    // MSR bits.
    static final int MSR_DCTS = 0x01;
    static final int MSR_DDSR = 0x02;
    static final int MSR_TERI = 0x04;
    static final int MSR_DDCD = 0x08;
    static final int MSR_CTS = 0x10;
    static final int MSR_DSR = 0x20;
    static final int MSR_RI = 0x40;
    static final int MSR_DCD = 0x80;

    static final int FIFO_SIZE = 16;
    private static final int[] TRIGGER = {1, 4, 8, 14};
    /** Divisor after reset (the datasheet leaves it undefined): 12, 9600 baud at 1.8432 MHz. */
    private static final int RESET_DIVISOR = 12;

    private static final int CONS_BREAK = -1;
    private static final int CONS_HUP = -2;

    private final Console console;

    private int dll;
    private int dlm;
    private int ier;
    private int fcr;
    private int lcr;
    private int mcr;
    private int scr;
    /** Received characters, oldest first: the byte in bits 7:0, its LSR error bits above. */
    private final ArrayDeque<Integer> rx = new ArrayDeque<>();
    /** The last byte taken from RBR, returned again when RBR is read empty. */
    private int rbr;
    /** LSR bits 4:1, cleared by reading LSR. */
    private int lsrErrors;
    private boolean thrInterrupt;
    /** MSR bits 7:4 as last seen, and the delta bits 3:0 pending a read of MSR. */
    private int msrStatus;
    private int msrDelta;
    /** False after the console hung up, until it sends an ordinary byte again. */
    private boolean carrier;

    public Uart16550(Console console) {
        this.console = Objects.requireNonNull(console, "console");
        reset();
    }

    /** Puts every register back to its power-on value and empties the receive FIFO. */
    public synchronized void reset() {
        dll = RESET_DIVISOR;
        dlm = 0;
        ier = 0;
        fcr = 0;
        lcr = 0;
        mcr = 0;
        scr = 0;
        rx.clear();
        rbr = 0;
        lsrErrors = 0;
        thrInterrupt = false;
        carrier = true;
        msrStatus = lineStatus();
        msrDelta = 0;
    }

    /** Reads the register at {@code offset} (0 to 7) from the base port; returns 0 to 255. */
    public synchronized int read(int offset) {
        switch (check(offset)) {
            case RBR:
                if (dlab()) {
                    return dll;
                }
                receive();
                return takeRbr();
            case IER:
                return dlab() ? dlm : ier;
            case IIR: {
                receive();
                int id = interruptId();
                if (id == IIR_THRE) {
                    thrInterrupt = false;
                }
                return id | (fifoEnabled() ? IIR_FIFO : 0);
            }
            case LCR:
                return lcr;
            case MCR:
                return mcr;
            case LSR: {
                receive();
                int v = lsr();
                lsrErrors = 0;
                return v;
            }
            case MSR: {
                int v = msrStatus | msrDelta;
                msrDelta = 0;
                return v;
            }
            default:
                return scr;
        }
    }

    /** Writes the low 8 bits of {@code value} to the register at {@code offset} (0 to 7). */
    public synchronized void write(int offset, int value) {
        int v = value & 0xff;
        switch (check(offset)) {
            case THR:
                if (dlab()) {
                    dll = v;
                } else {
                    transmit(v);
                }
                break;
            case IER:
                if (dlab()) {
                    dlm = v;
                } else {
                    int newIer = v & 0x0f;
                    if ((newIer & ~ier & IER_ETBEI) != 0) {
                        thrInterrupt = true; // the THR is always empty
                    }
                    ier = newIer;
                }
                break;
            case FCR:
                writeFcr(v);
                break;
            case LCR:
                lcr = v;
                break;
            case MCR:
                mcr = v & 0x1f;
                updateModemStatus();
                break;
            case SCR:
                scr = v;
                break;
            default: // LSR, MSR: read-only here
                break;
        }
    }

    /**
     * Whether the UART drives its interrupt line: a source enabled in IER is pending, MCR.OUT2 is
     * set, and the UART is not in loopback (where the OUT2 pin is forced inactive). Takes pending
     * console input into the receiver first, so polling this notices typed bytes.
     */
    public synchronized boolean interruptPending() {
        receive();
        return (mcr & MCR_OUT2) != 0 && !loopback() && (interruptId() & IIR_NONE) == 0;
    }

    private static int check(int offset) {
        if (offset < 0 || offset >= PORTS) {
            throw new IllegalArgumentException("UART register offset " + offset);
        }
        return offset;
    }

    private boolean dlab() {
        return (lcr & LCR_DLAB) != 0;
    }

    private boolean loopback() {
        return (mcr & MCR_LOOP) != 0;
    }

    private boolean fifoEnabled() {
        return (fcr & FCR_ENABLE) != 0;
    }

    private int capacity() {
        return fifoEnabled() ? FIFO_SIZE : 1;
    }

    private void transmit(int v) {
        thrInterrupt = false;
        if (loopback()) {
            push(v);
        } else {
            console.write(v);
        }
        thrInterrupt = true; // sent at once: the THR is empty again
    }

    private void writeFcr(int v) {
        boolean enable = (v & FCR_ENABLE) != 0;
        if (enable != fifoEnabled()) {
            rx.clear(); // changing FCR.0 clears both FIFOs
        }
        if (!enable) {
            fcr = 0; // the other bits are only programmed together with FCR.0
            return;
        }
        if ((v & FCR_CLEAR_RX) != 0) {
            rx.clear();
        }
        // FCR_CLEAR_TX: the transmitter is always empty.
        fcr = v & FCR_KEPT;
    }

    /** Moves console input into the receive FIFO while it has room (never in loopback). */
    private void receive() {
        if (loopback()) {
            return;
        }
        while (rx.size() < capacity()) {
            int b = console.read();
            if (b == Integer.MIN_VALUE) {
                return;
            }
            if (b == CONS_HUP) {
                carrier = false;
                updateModemStatus();
            } else if (b == CONS_BREAK) {
                push(LSR_BI << 8);
            } else if (b >= 0) {
                if (!carrier) {
                    carrier = true;
                    updateModemStatus();
                }
                push(b & 0xff);
            }
        }
    }

    /** Receives one character (byte and error bits): what the shift register hands the FIFO. */
    private void push(int entry) {
        if (rx.size() >= capacity()) {
            lsrErrors |= LSR_OE;
            if (fifoEnabled()) {
                return; // the FIFO keeps its contents; the new character is lost
            }
            rx.clear(); // without FIFOs the new character overwrites RBR
        }
        rx.add(entry);
        if (rx.size() == 1) {
            lsrErrors |= (entry >> 8) & LSR_ERRORS;
        }
    }

    private int takeRbr() {
        Integer e = rx.poll();
        if (e != null) {
            rbr = e & 0xff;
            Integer top = rx.peek();
            if (top != null) { // a character's errors show when it reaches the top of the FIFO
                lsrErrors |= (top >> 8) & LSR_ERRORS;
            }
        }
        return rbr;
    }

    private int lsr() {
        int v = LSR_THRE | LSR_TEMT | lsrErrors;
        if (!rx.isEmpty()) {
            v |= LSR_DR;
        }
        if (fifoEnabled()) {
            for (int e : rx) {
                if ((e >> 8) != 0) {
                    v |= LSR_FIFO_ERROR;
                    break;
                }
            }
        }
        return v;
    }

    /** IIR bits 3:0: the highest-priority enabled source, or {@link #IIR_NONE}. */
    private int interruptId() {
        if ((ier & IER_ELSI) != 0 && lsrErrors != 0) {
            return IIR_RLS;
        }
        if ((ier & IER_ERBFI) != 0 && !rx.isEmpty()) {
            if (fifoEnabled() && rx.size() < TRIGGER[fcr >> 6]) {
                return IIR_TIMEOUT;
            }
            return IIR_RDA;
        }
        if ((ier & IER_ETBEI) != 0 && thrInterrupt) {
            return IIR_THRE;
        }
        if ((ier & IER_EDSSI) != 0 && msrDelta != 0) {
            return IIR_MSR;
        }
        return IIR_NONE;
    }

    /** The modem inputs (MSR bits 7:4): the MCR outputs in loopback, else the console's line. */
    private int lineStatus() {
        if (loopback()) {
            return ((mcr & MCR_RTS) != 0 ? MSR_CTS : 0)
                    | ((mcr & MCR_DTR) != 0 ? MSR_DSR : 0)
                    | ((mcr & MCR_OUT1) != 0 ? MSR_RI : 0)
                    | ((mcr & MCR_OUT2) != 0 ? MSR_DCD : 0);
        }
        return MSR_CTS | MSR_DSR | (carrier ? MSR_DCD : 0);
    }

    private void updateModemStatus() {
        int now = lineStatus();
        int changed = now ^ msrStatus;
        if ((changed & MSR_CTS) != 0) {
            msrDelta |= MSR_DCTS;
        }
        if ((changed & MSR_DSR) != 0) {
            msrDelta |= MSR_DDSR;
        }
        if ((msrStatus & ~now & MSR_RI) != 0) { // trailing edge of RI
            msrDelta |= MSR_TERI;
        }
        if ((changed & MSR_DCD) != 0) {
            msrDelta |= MSR_DDCD;
        }
        msrStatus = now;
    }
}
