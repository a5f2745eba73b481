package dev.zweig.cli;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A JFR event spanning the measured renders of {@code zweig profile}, on the rendering thread. It marks the
 * window in the recording, so that whoever reads the file later ({@link AllocationSites}, JDK Mission Control)
 * can tell the renders from the warm-up and from the profiler's own start-up.
 */
@Name(MeasuredRenders.NAME)
@Label("Measured renders")
@Category("Zweig")
@Description("The renders zweig profile measured")
final class MeasuredRenders extends Event {
    static final String NAME = "dev.zweig.MeasuredRenders";

    @Label("Template")
    String template;

    @Label("Renders")
    int renders;
}
