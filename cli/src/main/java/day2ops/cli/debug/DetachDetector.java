package day2ops.cli.debug;

import java.io.ByteArrayOutputStream;

/**
 * Finds the detach sequence Ctrl-P Ctrl-Q in typed input, as Docker does: a lone Ctrl-P is held back
 * until the next byte shows whether it starts the sequence, then passed on.
 */
final class DetachDetector {

    static final byte CTRL_P = 0x10;
    static final byte CTRL_Q = 0x11;

    private boolean pendingCtrlP;
    private boolean detached;

    /** The bytes to forward from {@code input[0, length)}; after the sequence, {@link #detached()} is true. */
    byte[] filter(byte[] input, int length) {
        ByteArrayOutputStream forward = new ByteArrayOutputStream(length + 1);
        for (int i = 0; i < length && !detached; i++) {
            byte b = input[i];
            if (pendingCtrlP) {
                pendingCtrlP = false;
                if (b == CTRL_Q) {
                    detached = true;
                    break;
                }
                forward.write(CTRL_P);
            }
            if (b == CTRL_P) {
                pendingCtrlP = true;
            } else {
                forward.write(b);
            }
        }
        return forward.toByteArray();
    }

    boolean detached() {
        return detached;
    }
}
