package dev.zweig.runtime;

import dev.zweig.php.Values;
import dev.zweig.output.Output;
import java.util.Arrays;

/**
 * Render-private text: the result of a core string filter, a concatenation or an interpolation that the compiler
 * has proven is only read by the core (printed, compared, tested or fed to another core filter, or kept in a
 * variable only such reads see; see {@code ScratchAnalysis}), built in a char buffer the render state reuses
 * instead of a new String. It is an {@link Output} (the filter's streaming form writes into it) and a
 * {@link CharSequence} (what reads it sees).
 *
 * <p>The trade-off: it is mutable and reused, so it must never reach user code (no user filter, function, test,
 * Output or collection sees one) and nothing may keep it past the expression or variable it was made for. Values
 * reads it as the string it holds; {@link #toString()} copies it out (a fallback, which allocates).
 */
public final class ScratchText implements CharSequence, Output {
    private char[] buf;
    private int len;
    /** The longest text this buffer held since it was last wiped. */
    private int high;

    ScratchText() {
        buf = new char[64];
    }

    void clear() {
        if (len > high) {
            high = len;
        }
        len = 0;
        if (list != null) {
            list.clear();
        }
    }

    /** A list this buffer lends to a result made of several texts (a split's pieces), cleared with it. */
    private Pieces list;

    public java.util.List<Object> list() {
        if (list == null) {
            list = new Pieces();
        }
        return list;
    }

    /** The list of a split's render-private pieces (what {@link #list()} lends), told apart from other lists. */
    public static final class Pieces extends java.util.ArrayList<Object> {
        private static final long serialVersionUID = 1L;

        Pieces() {
        }
    }

    /** Buffers of this one's own for the texts of its list when it keeps a copy of several ({@link #keep}). */
    private ScratchText[] pieces;

    /**
     * Makes this buffer's list a copy of texts (a split kept in a variable): each text copied into a buffer this
     * one owns, reused by the next copy. Returns the list.
     */
    public java.util.List<Object> keep(java.util.List<?> texts) {
        java.util.List<Object> own = list();
        own.clear();
        int n = texts.size();
        for (int i = 0; i < n; i++) {
            ScratchText p = piece(i);
            p.set((CharSequence) texts.get(i));
            own.add(p);
        }
        return own;
    }

    /**
     * Copies the render-private texts of a pooled array (a literal kept in a variable, its nested literals
     * included) into buffers this one owns, reused by the next copy, and puts the copies in their place.
     */
    public void keepTexts(dev.zweig.php.PhpArray a) {
        keepTexts(a, 0);
    }

    private int keepTexts(dev.zweig.php.PhpArray a, int n) {
        for (int i = 0, size = a.size(); i < size; i++) {
            Object v = a.valueAt(i);
            if (v instanceof ScratchText || v instanceof SafeText) {
                ScratchText p = piece(n++);
                ScratchText from = v instanceof SafeText t ? t.text : (ScratchText) v;
                if (from != p) {
                    p.set(from);
                }
                a.put(a.keyAt(i), v instanceof SafeText ? p.safe() : p);
            } else if (v instanceof dev.zweig.php.PhpArray inner && inner.isPooled()) {
                n = keepTexts(inner, n);
            }
        }
        return n;
    }

    /** The i-th buffer of this one's own for a copied text (see {@link #keep}). */
    private ScratchText piece(int i) {
        if (pieces == null || pieces.length <= i) {
            pieces = Arrays.copyOf(pieces == null ? new ScratchText[0] : pieces,
                    Math.max(i + 1, pieces == null ? 4 : pieces.length * 2));
        }
        ScratchText p = pieces[i];
        if (p == null) {
            p = pieces[i] = new ScratchText();
        }
        return p;
    }

    /**
     * Zeroes what it held (a pooled buffer must not keep a render's text); false when it grew past keep chars and
     * should be dropped instead.
     */
    boolean wipe(int keep) {
        if (buf.length > keep) {
            return false;
        }
        Arrays.fill(buf, 0, Math.min(buf.length, Math.max(high, len)), '\0');
        len = 0;
        high = 0;
        if (list != null) {
            list.clear();
        }
        if (pieces != null) {
            for (int i = 0; i < pieces.length; i++) {
                if (pieces[i] != null && !pieces[i].wipe(keep)) {
                    pieces[i] = null;
                }
            }
        }
        return true;
    }

    private void room(int more) {
        int need = len + more;
        if (need > buf.length) {
            Values.checkLength(need);
            buf = Arrays.copyOf(buf, Math.max(need, Math.min(buf.length * 2, Values.MAX_STRING_CHARS)));
        }
    }

    /** The safe view of this buffer (made once): its text with Markup's rules, valid as long as this text is. */
    private SafeText safe;

    /** This buffer's text as render-private safe text (see {@link SafeText}). */
    public SafeText safe() {
        SafeText s = safe;
        if (s == null) {
            s = safe = new SafeText(this);
        }
        return s;
    }

    /** Makes this the same text as s. */
    public void set(CharSequence s) {
        if (len > high) {
            high = len; // a longer text held before: the wipe must still reach its chars
        }
        len = 0;
        write(s, 0, s.length());
    }

    // ---- CharSequence -----------------------------------------------------------------------------------------

    @Override
    public int length() {
        return len;
    }

    @Override
    public char charAt(int index) {
        if (index >= len) {
            throw new StringIndexOutOfBoundsException(index);
        }
        return buf[index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().substring(start, end);
    }

    /** The text as a new String (the fallback for code that needs one; allocates). */
    @Override
    public String toString() {
        return new String(buf, 0, len);
    }

    /** Whether this holds exactly the characters of s. */
    public boolean contentEquals(CharSequence s) {
        int n = s.length();
        if (n != len) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (buf[i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    // ---- Output -----------------------------------------------------------------------------------------------

    @Override
    public void write(String s) {
        int n = s.length();
        room(n);
        s.getChars(0, n, buf, len);
        len += n;
    }

    @Override
    public void write(CharSequence s, int start, int end) {
        int n = end - start;
        room(n);
        if (s instanceof String str) {
            str.getChars(start, end, buf, len);
        } else if (s instanceof ScratchText t) {
            System.arraycopy(t.buf, start, buf, len, n);
        } else if (s instanceof StringBuilder sb) {
            sb.getChars(start, end, buf, len);
        } else {
            for (int i = start; i < end; i++) {
                buf[len + i - start] = s.charAt(i);
            }
        }
        len += n;
    }

    @Override
    public void write(char c) {
        room(1);
        buf[len++] = c;
    }

    @Override
    public void write(long v) {
        if (v == Long.MIN_VALUE) {
            write("-9223372036854775808");
            return;
        }
        room(20);
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long x = v / 10; x > 0; x /= 10) {
            digits++;
        }
        for (int i = len + digits - 1; i >= len; i--) {
            buf[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        len += digits;
    }
}
