package dev.zweig;

import java.time.Duration;
import java.util.Objects;

/**
 * Optional limits on one render, for templates written by people you do not trust (Twig has none of these).
 * Immutable; every limit is off unless set. Exceeding one raises a {@link TemplateRuntimeException} naming it.
 *
 * <pre>{@code
 * RenderLimits limits = RenderLimits.builder()
 *         .maxOutputChars(1_000_000)
 *         .maxLoopIterations(100_000)
 *         .maxDepth(50)
 *         .maxRangeLength(10_000)
 *         .deadline(Duration.ofSeconds(2))
 *         .build();
 * }</pre>
 *
 * <p>Unset numeric limits read as {@link Long#MAX_VALUE} / {@link Integer#MAX_VALUE}, so the render loop
 * compares against a primitive without a branch for "no limit"; {@link #deadline()} is null when unset.
 */
public final class RenderLimits {
    /** No limit at all. */
    public static final RenderLimits NONE = new Builder().build();

    private final long maxOutputChars;
    private final long maxLoopIterations;
    private final int maxDepth;
    private final long maxRangeLength;
    private final Duration deadline;
    /** The deadline in nanoseconds, or Long.MAX_VALUE when none (read at every render's start). */
    private final long deadlineNanos;

    private RenderLimits(Builder b) {
        this.maxOutputChars = b.maxOutputChars;
        this.maxLoopIterations = b.maxLoopIterations;
        this.maxDepth = b.maxDepth;
        this.maxRangeLength = b.maxRangeLength;
        this.deadline = b.deadline;
        this.deadlineNanos = b.deadline == null ? Long.MAX_VALUE : b.deadline.toNanos();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Most characters one render may write; Long.MAX_VALUE when unlimited. */
    public long maxOutputChars() {
        return maxOutputChars;
    }

    /** Most loop iterations (all {@code for} loops and arrow-function filters of one render together). */
    public long maxLoopIterations() {
        return maxLoopIterations;
    }

    /** Deepest nesting of includes, macro calls, block calls and embeds; Integer.MAX_VALUE when unlimited. */
    public int maxDepth() {
        return maxDepth;
    }

    /** Most elements one {@code range()} (or {@code a..b}) may produce; Long.MAX_VALUE when unlimited. */
    public long maxRangeLength() {
        return maxRangeLength;
    }

    /** Longest wall-clock time one render may take, or null when unlimited. */
    public Duration deadline() {
        return deadline;
    }

    /** {@link #deadline()} in nanoseconds, Long.MAX_VALUE when none. */
    public long deadlineNanos() {
        return deadlineNanos;
    }

    public boolean hasOutputLimit() {
        return maxOutputChars != Long.MAX_VALUE;
    }

    public boolean hasLoopLimit() {
        return maxLoopIterations != Long.MAX_VALUE;
    }

    public boolean hasDepthLimit() {
        return maxDepth != Integer.MAX_VALUE;
    }

    public boolean hasRangeLimit() {
        return maxRangeLength != Long.MAX_VALUE;
    }

    /** Whether no limit is set. */
    public boolean isUnlimited() {
        return !hasOutputLimit() && !hasLoopLimit() && !hasDepthLimit() && !hasRangeLimit() && deadline == null;
    }

    /** A builder starting from these limits. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxOutputChars = maxOutputChars;
        b.maxLoopIterations = maxLoopIterations;
        b.maxDepth = maxDepth;
        b.maxRangeLength = maxRangeLength;
        b.deadline = deadline;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RenderLimits r && r.maxOutputChars == maxOutputChars
                && r.maxLoopIterations == maxLoopIterations && r.maxDepth == maxDepth
                && r.maxRangeLength == maxRangeLength && Objects.equals(r.deadline, deadline);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxOutputChars, maxLoopIterations, maxDepth, maxRangeLength, deadline);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RenderLimits[");
        if (hasOutputLimit()) {
            sb.append("maxOutputChars=").append(maxOutputChars).append(' ');
        }
        if (hasLoopLimit()) {
            sb.append("maxLoopIterations=").append(maxLoopIterations).append(' ');
        }
        if (hasDepthLimit()) {
            sb.append("maxDepth=").append(maxDepth).append(' ');
        }
        if (hasRangeLimit()) {
            sb.append("maxRangeLength=").append(maxRangeLength).append(' ');
        }
        if (deadline != null) {
            sb.append("deadline=").append(deadline).append(' ');
        }
        if (sb.charAt(sb.length() - 1) == ' ') {
            sb.setLength(sb.length() - 1);
        } else {
            sb.append("none");
        }
        return sb.append(']').toString();
    }

    /** Collects limits; each must be positive. Not thread-safe. */
    public static final class Builder {
        private long maxOutputChars = Long.MAX_VALUE;
        private long maxLoopIterations = Long.MAX_VALUE;
        private int maxDepth = Integer.MAX_VALUE;
        private long maxRangeLength = Long.MAX_VALUE;
        private Duration deadline;

        private Builder() {
        }

        public Builder maxOutputChars(long chars) {
            this.maxOutputChars = positive(chars, "maxOutputChars");
            return this;
        }

        public Builder maxLoopIterations(long iterations) {
            this.maxLoopIterations = positive(iterations, "maxLoopIterations");
            return this;
        }

        public Builder maxDepth(int depth) {
            this.maxDepth = (int) positive(depth, "maxDepth");
            return this;
        }

        public Builder maxRangeLength(long length) {
            this.maxRangeLength = positive(length, "maxRangeLength");
            return this;
        }

        /** Null removes the deadline. */
        public Builder deadline(Duration deadline) {
            if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
                throw new IllegalArgumentException("deadline must be positive: " + deadline);
            }
            this.deadline = deadline;
            return this;
        }

        public RenderLimits build() {
            return new RenderLimits(this);
        }

        private static long positive(long v, String what) {
            if (v <= 0) {
                throw new IllegalArgumentException(what + " must be positive: " + v);
            }
            return v;
        }
    }
}
