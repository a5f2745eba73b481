package dev.zweig.spring;

import dev.zweig.TemplateLoaderException;
import dev.zweig.loader.Loader;
import dev.zweig.loader.TemplateSource;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.Objects;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Templates read through Spring's {@link ResourceLoader} under a location prefix ({@code classpath:/templates/},
 * {@code file:./templates/}...), in a given charset. Names follow Twig's rules: relative to the prefix, no NUL
 * byte, no {@code ..} above it. {@link #version} is the file's modification time when the resource is a file
 * (exploded classes or a directory during development, so that auto-reload sees edits), 0 otherwise (inside a
 * jar, whose content does not change while the application runs).
 */
public final class SpringResourceLoader implements Loader {
    private final ResourceLoader resources;
    private final String prefix;
    private final Charset charset;

    public SpringResourceLoader(ResourceLoader resources, String prefix, Charset charset) {
        this.resources = Objects.requireNonNull(resources, "resources");
        String p = Objects.requireNonNull(prefix, "prefix");
        this.prefix = p.isEmpty() || p.endsWith("/") ? p : p + "/";
        this.charset = Objects.requireNonNull(charset, "charset");
    }

    /** The location prefix, ending with a slash. */
    public String prefix() {
        return prefix;
    }

    public Charset charset() {
        return charset;
    }

    @Override
    public TemplateSource load(String name) {
        Resource r = find(name);
        try (InputStream in = r.getInputStream()) {
            return new TemplateSource(name, new String(in.readAllBytes(), charset), describe(r));
        } catch (IOException e) {
            throw new TemplateLoaderException("Unable to read template \"" + name + "\" (" + describe(r) + ": "
                    + e.getMessage() + ").", null, 0, 0, e);
        }
    }

    @Override
    public boolean exists(String name) {
        if (name == null) {
            return false;
        }
        try {
            find(name);
            return true;
        } catch (TemplateLoaderException e) {
            return false;
        }
    }

    @Override
    public long version(String name) {
        Resource r = find(name);
        if (r.isFile()) {
            try {
                return r.getFile().lastModified();
            } catch (IOException e) {
                return 0L;
            }
        }
        return 0L;
    }

    private Resource find(String rawName) {
        String relative = relativeName(rawName);
        Resource r = relative.isEmpty() ? null : resources.getResource(prefix + relative);
        if (r == null || !r.exists() || isDirectory(r)) {
            throw new TemplateLoaderException("Unable to find template \"" + rawName + "\" (looked into: " + prefix
                    + ").");
        }
        return r;
    }

    private static boolean isDirectory(Resource r) {
        if (!r.isFile()) {
            return false;
        }
        try {
            File f = r.getFile();
            return f.isDirectory();
        } catch (IOException e) {
            return false;
        }
    }

    /** Twig's name rules: slashes normalized, no NUL byte, {@code .} and {@code ..} resolved within the root. */
    static String relativeName(String rawName) {
        if (rawName == null) {
            throw new TemplateLoaderException("A template name cannot be null.");
        }
        if (rawName.indexOf('\0') >= 0) {
            throw new TemplateLoaderException("A template name cannot contain NUL bytes.");
        }
        ArrayDeque<String> kept = new ArrayDeque<>();
        for (String part : rawName.replace('\\', '/').split("/")) {
            if (part.equals("..")) {
                if (kept.isEmpty()) {
                    throw new TemplateLoaderException("Looks like you try to load a template outside configured "
                            + "directories (" + rawName + ").");
                }
                kept.removeLast();
            } else if (!part.isEmpty() && !part.equals(".")) {
                kept.addLast(part);
            }
        }
        return String.join("/", kept);
    }

    private static String describe(Resource r) {
        try {
            return r.getURL().toString();
        } catch (IOException e) {
            return r.getDescription();
        }
    }

    @Override
    public String toString() {
        return "SpringResourceLoader[" + prefix + ", " + charset + "]";
    }
}
