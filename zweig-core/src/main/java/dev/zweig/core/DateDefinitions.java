package dev.zweig.core;

import dev.zweig.ext.CallContext;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.Param;
import dev.zweig.php.PhpDate;
import dev.zweig.php.ScratchDate;
import dev.zweig.php.Values;
import dev.zweig.runtime.ScratchArena;
import dev.zweig.runtime.ScratchText;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Twig's date filters and function ({@code CoreExtension::formatDate}, {@code modifyDate}, {@code convertDate}),
 * declared through the extension SPI on top of {@link PhpDate}. Dates are {@link ZonedDateTime}s; the
 * Environment's time zone ({@link CallContext#timezone()}) plays PHP's default time zone and Twig's
 * {@code setTimezone()}.
 */
public final class DateDefinitions {
    /** Twig's default date format and default interval format ({@code CoreExtension::$dateFormats}). */
    public static final String DEFAULT_FORMAT = "F j, Y H:i";
    public static final String DEFAULT_INTERVAL_FORMAT = "%d days";

    private DateDefinitions() {
    }

    /** {@code date(format = null, timezone = null)} and {@code date_modify(modifier)}. */
    public static List<FilterDefinition> filters() {
        return filters(DEFAULT_FORMAT, DEFAULT_INTERVAL_FORMAT);
    }

    /**
     * The same filters with other default formats (Twig's {@code CoreExtension::setDateFormat($format,
     * $dateIntervalFormat)}).
     */
    public static List<FilterDefinition> filters(String defaultFormat, String defaultIntervalFormat) {
        String dateFormat = defaultFormat == null ? DEFAULT_FORMAT : defaultFormat;
        String intervalFormat = defaultIntervalFormat == null ? DEFAULT_INTERVAL_FORMAT : defaultIntervalFormat;
        return List.of(
                FilterDefinition.of("date",
                        (ctx, args) -> formatDate(ctx, args[0], args[1], args[2], dateFormat, intervalFormat))
                        .params(Param.optional("format", null), Param.optional("timezone", null))
                        .writer((ctx, a, out) -> FilterWriters.date(ctx, a, out, dateFormat, intervalFormat)),
                FilterDefinition.of("date_modify", DateDefinitions::modifyDate)
                        .params("modifier"));
    }

    /** {@code date(date = null, timezone = null)}, returning a ZonedDateTime. */
    public static List<FunctionDefinition> functions() {
        return List.of(
                FunctionDefinition.of("date", DateDefinitions::date)
                        .params(Param.optional("date", null), Param.optional("timezone", null)));
    }

    /**
     * The date function. When the compiler proved that a core date filter reads the result on the spot (see
     * ScratchAnalysis), it is a render-private {@link ScratchDate}, computed with no object made for the usual
     * inputs; else a ZonedDateTime.
     */
    static Object date(CallContext ctx, Object[] args) {
        if (ctx instanceof ScratchArena arena && arena.scratch(args)) {
            PhpDate.Fields fields = FilterWriters.dateFields(ctx);
            try {
                // precise: the current time to the microsecond, as new DateTime() has it
                if (FilterWriters.dateFields(ctx, args[0], args[1], true, fields)) {
                    ScratchDate out = arena.scratchDate();
                    fields.copyTo(out);
                    return out;
                }
            } finally {
                FilterWriters.giveBack(ctx, fields);
            }
        }
        if (ctx instanceof ScratchArena arena && !(args[0] instanceof java.time.temporal.Temporal)) {
            // a text, a number, now: the fields without a parser, the ZonedDateTime from the render's cache
            PhpDate.Fields fields = FilterWriters.dateFields(ctx);
            try {
                ZonedDateTime t = FilterWriters.dateFields(ctx, args[0], args[1], true, fields)
                        ? dateTime(arena, fields) : null;
                if (t != null) {
                    return t;
                }
            } finally {
                FilterWriters.giveBack(ctx, fields);
            }
        }
        return convertDate(ctx, args[0], args[1]);
    }

    /** The date filter: an interval is formatted with DateInterval::format, anything else converted first. */
    static String formatDate(CallContext ctx, Object date, Object format, Object timezone, String defaultFormat,
            String defaultIntervalFormat) {
        if (PhpDate.isInterval(date)) {
            return PhpDate.formatInterval(date, format == null ? defaultIntervalFormat : Values.toString(format));
        }
        String pattern = format == null ? defaultFormat : Values.toString(format);
        if (ctx instanceof ScratchArena arena) {
            // the fields without a parser or a ZonedDateTime (see FilterWriters#dateFields), the text built in a
            // buffer of the render and handed out as the String of the render's cache of recent values
            PhpDate.Fields fields = FilterWriters.dateFields(ctx);
            try {
                if (FilterWriters.dateFields(ctx, date, timezone, FilterWriters.precise(pattern), fields)) {
                    ScratchText text = arena.textBuffer();
                    PhpDate.format(fields, pattern, text);
                    return arena.string(text);
                }
            } finally {
                FilterWriters.giveBack(ctx, fields);
            }
        }
        return PhpDate.format(convertDate(ctx, date, timezone), pattern);
    }

    /**
     * The date_modify filter. When the compiler proved that only the core date filters read the result (see
     * ScratchAnalysis), it is a render-private {@link ScratchDate}, computed with no object made for the usual
     * dates and modifiers; else a ZonedDateTime.
     */
    static Object modifyDate(CallContext ctx, Object[] args) {
        Object date = args[0];
        Object modifier = args[1];
        if (ctx instanceof ScratchArena arena && arena.scratch(args) && modifier != null
                && (date instanceof ZonedDateTime || date instanceof ScratchDate || date instanceof CharSequence
                || date instanceof Long || date instanceof Integer || date == null)) {
            PhpDate.Fields fields = FilterWriters.dateFields(ctx);
            try {
                if (baseInto(ctx, date, fields)) {
                    ScratchDate out = arena.scratchDate();
                    fields.modify(fields.epochSecond(), fields.nano() / 1000, fields.zone(), Values.text(modifier),
                            out);
                    return out;
                }
            } finally {
                FilterWriters.giveBack(ctx, fields);
            }
        }
        if (ctx instanceof ScratchArena arena && modifier != null
                && (date instanceof ZonedDateTime || date instanceof ScratchDate || date instanceof CharSequence
                || date instanceof Long || date instanceof Integer || date == null)) {
            // the value (kept, handed on): computed as above, the ZonedDateTime from the render's cache
            PhpDate.Fields fields = FilterWriters.dateFields(ctx);
            try {
                ZonedDateTime t = baseInto(ctx, date, fields) && fields.modify(Values.text(modifier))
                        ? dateTime(arena, fields) : null;
                if (t != null) {
                    return t;
                }
            } finally {
                FilterWriters.giveBack(ctx, fields);
            }
        }
        return modifyDate(ctx, date, modifier);
    }

    /** The date of f as a ZonedDateTime of the render's cache, or null beyond java.time's range (the parser's way). */
    private static ZonedDateTime dateTime(ScratchArena arena, PhpDate.Fields f) {
        try {
            return arena.dateTime(f.epochSecond(), f.nano() / 1000, f.zone());
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** The date date_modify starts from (convertDate($date, false)) into f; false: java.time's way. */
    private static boolean baseInto(CallContext ctx, Object date, PhpDate.Fields f) {
        ZoneId env = ctx.timezone();
        if (date instanceof ZonedDateTime t) {
            f.of(t);
            return true;
        }
        if (date instanceof ScratchDate d) {
            return f.ofEpoch(d.epochSecond(), d.micros() * 1000, d.zone());
        }
        if (date instanceof Long || date instanceof Integer) {
            // a Unix time: new DateTime('@...') is in UTC
            return f.ofEpoch(((Number) date).longValue(), 0, ZoneOffset.UTC);
        }
        long micros = FilterWriters.currentMicros(ctx); // the current time to the microsecond
        long nowSecond = Math.floorDiv(micros, 1_000_000L);
        int nowMicros = (int) Math.floorMod(micros, 1_000_000L);
        if (date == null || "now".contentEquals((CharSequence) date)) {
            return f.ofEpoch(nowSecond, nowMicros * 1000, env);
        }
        CharSequence text = (CharSequence) date;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if ((c < '0' || c > '9') && !(k == 0 && c == '-')) {
                return f.ofIsoText(text, env, env) || f.ofText(text, env, nowSecond, nowMicros, null);
            }
        }
        return false; // a Unix time: in UTC, as java.time's way gives it
    }

    /** The date_modify filter: the date keeps its own zone (Twig converts with timezone false). */
    static ZonedDateTime modifyDate(CallContext ctx, Object date, Object modifier) {
        ZonedDateTime base = convert(ctx, date, null);
        return PhpDate.modify(base, modifier == null ? "" : Values.toString(modifier));
    }

    /** The date function ({@code CoreExtension::convertDate}). */
    static ZonedDateTime convertDate(CallContext ctx, Object date, Object timezone) {
        ZoneId target = PhpDate.zoneArgument(timezone, ctx.timezone());
        return convert(ctx, date, target);
    }

    private static ZonedDateTime convert(CallContext ctx, Object date, ZoneId target) {
        return PhpDate.convert(date, ctx.timezone(), target, Clock.systemUTC());
    }
}
