package dev.zweig.core;

/**
 * The defaults of the date and number_format filters (Twig's {@code CoreExtension::setDateFormat()} and
 * {@code setNumberFormat()}): the date format, the date interval format, and number_format's decimals, decimal point
 * and thousands separator.
 */
public record Formats(String date, String interval, int decimals, String point, String thousands) {
    /** Twig's: "F j, Y H:i", "%d days", 0, ".", ",". */
    public static final Formats TWIG = new Formats(DateDefinitions.DEFAULT_FORMAT,
            DateDefinitions.DEFAULT_INTERVAL_FORMAT, 0, ".", ",");

    public Formats {
        java.util.Objects.requireNonNull(date, "date format");
        java.util.Objects.requireNonNull(interval, "interval format");
        java.util.Objects.requireNonNull(point, "decimal point");
        java.util.Objects.requireNonNull(thousands, "thousands separator");
    }
}
