package dev.zweig;

/**
 * Base of every error Zweig raises: it names the template, the line (and, for token errors, the column) and the
 * cause, and its message follows Twig's form: {@code Unknown "foo" filter in "index.twig" at line 3.}
 *
 * <p>The raw message is kept apart so the location can be filled in later (an error raised deep in the runtime
 * learns its template and line on the way out).
 */
public class TemplateException extends RuntimeException {
    private final String rawMessage;
    private String templateName;
    private int line;
    private int column;

    public TemplateException(String rawMessage, String templateName, int line, int column, Throwable cause) {
        super(rawMessage, cause);
        this.rawMessage = rawMessage;
        this.templateName = templateName;
        this.line = line;
        this.column = column;
    }

    public TemplateException(String rawMessage, String templateName, int line) {
        this(rawMessage, templateName, line, 0, null);
    }

    public TemplateException(String rawMessage) {
        this(rawMessage, null, 0, 0, null);
    }

    /** The message without the template and line suffix. */
    public String getRawMessage() {
        return rawMessage;
    }

    public String getTemplateName() {
        return templateName;
    }

    /** 1-based line, or 0 when unknown. */
    public int getLine() {
        return line;
    }

    /** 1-based column, or 0 when not reported. */
    public int getColumn() {
        return column;
    }

    /** Fills in the location when it is not known yet; returns this. */
    public TemplateException locate(String name, int line) {
        if (this.templateName == null) {
            this.templateName = name;
        }
        if (this.line <= 0) {
            this.line = line;
        }
        return this;
    }

    /** Overrides the template name (used when a template loaded from a string gets its display name). */
    public void setTemplateName(String name) {
        this.templateName = name;
    }

    @Override
    public String getMessage() {
        String msg = rawMessage == null ? "" : rawMessage;
        String dot = "";
        if (msg.endsWith(".")) {
            msg = msg.substring(0, msg.length() - 1);
            dot = ".";
        } else if (msg.endsWith("?")) {
            msg = msg.substring(0, msg.length() - 1);
            dot = "?";
        }
        StringBuilder sb = new StringBuilder(msg);
        if (templateName != null) {
            sb.append(" in \"").append(templateName).append('"');
        }
        if (line > 0) {
            sb.append(" at line ").append(line);
            if (column > 0) {
                sb.append(" column ").append(column);
            }
        }
        return sb.append(dot).toString();
    }
}
