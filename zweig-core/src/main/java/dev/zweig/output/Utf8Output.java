package dev.zweig.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * An {@link Output} that encodes to UTF-8 into its own byte buffer and streams it to an OutputStream whenever the
 * buffer fills (after jte's Utf8ByteOutput and jackson's generator): no String, no char[] copy of the page, and a
 * template's static text arrives pre-encoded ({@link #writeText}) and is copied as bytes. Call {@link #flush()}
 * when the render is done. Reusable: point it at another stream with {@link #target(OutputStream)}. Not
 * thread-safe. I/O failures surface as {@link UncheckedIOException}.
 */
public final class Utf8Output implements Output {
    private static final byte[] ZEROS = new byte[4096];
    private final byte[] buf;
    private int pos;
    private int used; // most of buf ever filled (what to wipe)
    private OutputStream target;
    private char pendingHigh; // a high surrogate waiting for its low half

    public Utf8Output(OutputStream target) {
        this(target, 8192);
    }

    public Utf8Output(OutputStream target, int bufferSize) {
        this.target = target;
        this.buf = new byte[Math.max(bufferSize, 64)];
    }

    /** Streams into another target from now on (flush first what was written for the previous one). */
    public Utf8Output target(OutputStream out) {
        this.target = out;
        this.pos = 0;
        this.pendingHigh = 0;
        return this;
    }

    /** Writes what is buffered to the target and flushes the target. */
    public void flush() {
        finish();
        drain();
        try {
            target.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Zeroes the buffer (a pooled sink must not keep a previous page's bytes). */
    public void wipe() {
        // copied from a zero block (an array copy) rather than Arrays.fill, a byte loop on Java 17
        for (int at = 0, end = Math.max(used, pos); at < end; at += ZEROS.length) {
            System.arraycopy(ZEROS, 0, buf, at, Math.min(ZEROS.length, end - at));
        }
        pos = 0;
        used = 0;
    }

    private void drain() {
        if (pos > 0) {
            try {
                target.write(buf, 0, pos);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            used = Math.max(used, pos);
            pos = 0;
        }
    }

    @Override
    public void writeText(String s, byte[] utf8) {
        if (pendingHigh != 0 || utf8 == null) {
            write(s);
            return;
        }
        int n = utf8.length;
        if (n > buf.length - pos) {
            drain();
            if (n > buf.length) {
                try {
                    target.write(utf8, 0, n);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return;
            }
        }
        System.arraycopy(utf8, 0, buf, pos, n);
        pos += n;
    }

    @Override
    public void write(String s) {
        write(s, 0, s.length());
    }

    @Override
    public void write(CharSequence s, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c < 0x80 && pendingHigh == 0) {
                if (pos == buf.length) {
                    drain();
                }
                buf[pos++] = (byte) c;
            } else {
                write(c);
            }
        }
    }

    @Override
    public void write(char c) {
        if (buf.length - pos < 4) {
            drain();
        }
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(c)) {
                int cp = Character.toCodePoint(high, c);
                buf[pos++] = (byte) (0xF0 | (cp >> 18));
                buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (cp & 0x3F));
                return;
            }
            buf[pos++] = '?'; // a lone high surrogate, as String.getBytes(UTF_8) replaces it
            if (buf.length - pos < 4) {
                drain();
            }
        }
        if (c < 0x80) {
            buf[pos++] = (byte) c;
        } else if (c < 0x800) {
            buf[pos++] = (byte) (0xC0 | (c >> 6));
            buf[pos++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)) {
            pendingHigh = c;
        } else if (Character.isLowSurrogate(c)) {
            buf[pos++] = '?';
        } else {
            buf[pos++] = (byte) (0xE0 | (c >> 12));
            buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            buf[pos++] = (byte) (0x80 | (c & 0x3F));
        }
    }

    @Override
    public void write(long v) {
        if (buf.length - pos < 20) {
            drain();
        }
        if (v == Long.MIN_VALUE) {
            write(Long.toString(v));
            return;
        }
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long x = v / 10; x > 0; x /= 10) {
            digits++;
        }
        int end = pos + digits;
        for (int i = end - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        pos = end;
    }

    /** Ends the text: a high surrogate left without its low half is written as '?'. */
    private void finish() {
        if (pendingHigh != 0) {
            pendingHigh = 0;
            if (pos == buf.length) {
                drain();
            }
            buf[pos++] = '?';
        }
    }
}
