package dev.zweig.loader;

import dev.zweig.TemplateLoaderException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Templates packaged as class-path resources under a prefix: {@code new ClasspathLoader("templates", cl)} reads
 * {@code page.twig} from the resource {@code templates/page.twig}. Names are checked like the file-system
 * loader's (no NUL bytes, no {@code ..} above the prefix), because a class loader would otherwise happily serve
 * any resource of the application.
 *
 * <p>{@link #version} is the file's modification time when the resource is a plain file (exploded classes
 * during development), 0 inside jars, whose content does not change while the application runs.
 */
public final class ClasspathLoader implements Loader {
    private final String prefix;
    private final ClassLoader classLoader;

    /** Resources under {@code prefix} ("" or "/" for the class-path root) of the given class loader. */
    public ClasspathLoader(String prefix, ClassLoader classLoader) {
        String p = TemplateNames.stripLeadingSlashes(TemplateNames.normalize(prefix == null ? "" : prefix));
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        this.prefix = p;
        this.classLoader = java.util.Objects.requireNonNull(classLoader, "classLoader");
    }

    /** Resources under {@code prefix} of the class loader that loaded Zweig. */
    public ClasspathLoader(String prefix) {
        this(prefix, ClasspathLoader.class.getClassLoader());
    }

    /** The resource prefix, without leading or trailing slash. */
    public String prefix() {
        return prefix;
    }

    @Override
    public TemplateSource load(String name) {
        URL url = find(name);
        try {
            URLConnection conn = url.openConnection();
            conn.setUseCaches(false);
            try (InputStream in = conn.getInputStream()) {
                return new TemplateSource(name, new String(in.readAllBytes(), StandardCharsets.UTF_8), url.toString());
            }
        } catch (IOException e) {
            throw new TemplateLoaderException(
                    "Unable to read template \"" + name + "\" (" + url + ": " + e.getMessage() + ").", null, 0, 0, e);
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
        URL url = find(name);
        if ("file".equals(url.getProtocol())) {
            try {
                return Files.getLastModifiedTime(Path.of(url.toURI())).toMillis();
            } catch (IOException | URISyntaxException | IllegalArgumentException e) {
                return 0L;
            }
        }
        return 0L;
    }

    /** The name with slashes normalized and dots collapsed: {@code x/../a.twig} and {@code /a.twig} are {@code a.twig}. */
    @Override
    public String cacheKey(String name) {
        if (name == null) {
            throw new TemplateLoaderException("A template name cannot be null.");
        }
        if (TemplateNames.isCanonical(name)) {
            return name;
        }
        String n = TemplateNames.normalize(name);
        TemplateNames.validate(n);
        return TemplateNames.collapseDots(TemplateNames.stripLeadingSlashes(n));
    }

    private static boolean isRegularFile(URL url) {
        try {
            return Files.isRegularFile(Path.of(url.toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return false;
        }
    }

    private URL find(String rawName) {
        if (rawName == null) {
            throw new TemplateLoaderException("A template name cannot be null.");
        }
        String name = TemplateNames.normalize(rawName);
        TemplateNames.validate(name);
        String relative = TemplateNames.collapseDots(TemplateNames.stripLeadingSlashes(name));
        URL url = relative.isEmpty() || relative.endsWith("/")
                ? null
                : classLoader.getResource(prefix.isEmpty() ? relative : prefix + "/" + relative);
        if (url != null && "file".equals(url.getProtocol()) && !isRegularFile(url)) {
            url = null; // a directory of exploded classes
        }
        if (url == null) {
            throw new TemplateLoaderException("Unable to find template \"" + name + "\" (looked into: classpath:"
                    + (prefix.isEmpty() ? "/" : prefix) + ").");
        }
        return url;
    }
}
