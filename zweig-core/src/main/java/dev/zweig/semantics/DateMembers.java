package dev.zweig.semantics;

import dev.zweig.TemplateRuntimeException;
import dev.zweig.ast.Expr;
import dev.zweig.php.PhpDate;
import dev.zweig.php.Values;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * PHP's DateTime members on the engine's dates. A ZonedDateTime plays PHP's DateTimeImmutable (the {@code date()}
 * function and {@code date_modify} filter return one, applications hand them in), so a template reads it as a Twig
 * template reads a DateTime: the properties PHP shows ({@code date}, {@code timezone_type}, {@code timezone}), then
 * the methods {@code format()}, {@code getTimestamp()}, {@code getOffset()}, {@code getTimezone()} and
 * {@code modify()} (a new date, as DateTimeImmutable's: a ZonedDateTime does not change), found as Twig finds
 * methods ({@code d.timestamp} is {@code getTimestamp()}) and called as PHP calls its internal methods (the number
 * of arguments they take, no other). Every other name is left to the Java members of ZonedDateTime
 * ({@code d.year}). A ZoneId plays PHP's DateTimeZone likewise: {@code zone.name} is its getName().
 */
final class DateMembers {
    private DateMembers() {
    }

    /** The member {@code d.name} reaches: a property name, a method's PHP name, or null. */
    static String member(String name, int argc, Expr.AccessType type) {
        if (type != Expr.AccessType.METHOD && argc == 0 && isProperty(name)) {
            return name;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String m : new String[] {lower, "get" + lower}) {
            switch (m) {
                case "gettimestamp":
                    return "getTimestamp";
                case "getoffset":
                    return "getOffset";
                case "gettimezone":
                    return "getTimezone";
                case "format", "modify":
                    return m;
                default:
                    break;
            }
        }
        return null;
    }

    /** Whether a member (as {@link #member} names it) is a property: the sandbox checks those apart. */
    static boolean isProperty(String member) {
        return member.equals("date") || member.equals("timezone_type") || member.equals("timezone");
    }

    /**
     * The value of PHP's member (as {@link #member} names it) of the date, with its arguments; a method given
     * another number of arguments than it takes fails as PHP's internal methods do.
     */
    static Object get(ZonedDateTime d, String member, Object[] args) {
        int argc = args == null ? 0 : args.length;
        int takes = member.equals("format") || member.equals("modify") ? 1 : 0;
        if (!isProperty(member) && argc != takes) {
            throw new TemplateRuntimeException("An exception has been thrown during the rendering of a template (\""
                    + "DateTime::" + member + "() expects exactly " + takes + " argument" + (takes == 1 ? "" : "s")
                    + ", " + argc + " given\").");
        }
        return switch (member) {
            case "date" -> PhpDate.format(d, "Y-m-d H:i:s.u");
            case "timezone_type" -> d.getZone() instanceof ZoneOffset ? 1L : 3L;
            case "timezone" -> zoneName(d.getZone());
            case "getTimestamp" -> d.toEpochSecond();
            case "getOffset" -> (long) d.getOffset().getTotalSeconds();
            case "getTimezone" -> d.getZone();
            case "format" -> PhpDate.format(d, Values.toString(args[0]));
            default -> PhpDate.modify(d, Values.toString(args[0]));
        };
    }

    /**
     * PHP's DateTimeZone::getName() of a zone (a ZoneId plays DateTimeZone): the region ("Europe/Paris"), or the
     * offset ("+02:00") for a fixed one.
     */
    static String zoneName(java.time.ZoneId zone) {
        if (zone instanceof ZoneOffset o) {
            int s = o.getTotalSeconds();
            int a = Math.abs(s);
            return String.format("%s%02d:%02d", s < 0 ? "-" : "+", a / 3600, a / 60 % 60);
        }
        return zone.getId();
    }

    /** Whether {@code zone.name} reaches PHP's DateTimeZone::getName() ({@code name}, {@code getName()}). */
    static boolean isZoneName(String name, int argc) {
        return argc == 0 && (name.equalsIgnoreCase("name") || name.equalsIgnoreCase("getname"));
    }
}
