package dev.zweig.loader;

import dev.zweig.TemplateLoaderException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Templates read from directories (Twig's FilesystemLoader), with Twig's namespaces: {@code @admin/menu.twig} is
 * looked up in the directories registered for {@code admin}, any other name in those of the main namespace. Each
 * namespace may have several directories; the first that holds the file wins.
 *
 * <p>A name never reaches outside its directory: NUL bytes, {@code ..} segments that climb above the root and
 * symbolic links that resolve outside it are refused with Twig's messages. A leading {@code /} is ignored, as in
 * Twig ({@code /a.twig} is {@code a.twig} under the root, never the file-system root).
 *
 * <p>Found paths are remembered (a few system calls saved per lookup) and checked again before use, so deleted
 * or moved files are noticed. Safe for concurrent use; {@link #addPath} and {@link #prependPath} may be called
 * while templates load, they replace the directory table atomically.
 */
public final class FileSystemLoader implements Loader {
    /** The namespace of names that do not start with {@code @}. */
    public static final String MAIN_NAMESPACE = "__main__";

    private record Root(Path given, Path absolute, Path real) {
    }

    private volatile Map<String, List<Root>> paths = Map.of();
    private final ConcurrentHashMap<String, Path> found = new ConcurrentHashMap<>();

    /** A loader over the given directories of the main namespace, searched in order. */
    public FileSystemLoader(Path... roots) {
        for (Path root : roots) {
            addPath(root, MAIN_NAMESPACE);
        }
    }

    /** A loader over the given directories of the main namespace, searched in order. */
    public FileSystemLoader(List<Path> roots) {
        for (Path root : roots) {
            addPath(root, MAIN_NAMESPACE);
        }
    }

    /** A loader over directories by namespace ({@link #MAIN_NAMESPACE} for plain names), searched in order. */
    public FileSystemLoader(Map<String, List<Path>> rootsByNamespace) {
        rootsByNamespace.forEach((ns, roots) -> roots.forEach(r -> addPath(r, ns)));
    }

    /** Adds a directory to the main namespace, searched after those already there. */
    public FileSystemLoader addPath(Path dir) {
        return addPath(dir, MAIN_NAMESPACE);
    }

    /** Adds a directory to a namespace, searched after those already there. */
    public FileSystemLoader addPath(Path dir, String namespace) {
        register(dir, namespace, false);
        return this;
    }

    /** Adds a directory to a namespace, searched before those already there. */
    public FileSystemLoader prependPath(Path dir, String namespace) {
        register(dir, namespace, true);
        return this;
    }

    /** The directories of a namespace as they were given, in search order. */
    public List<Path> paths(String namespace) {
        List<Root> roots = paths.get(namespace);
        List<Path> out = new ArrayList<>();
        if (roots != null) {
            roots.forEach(r -> out.add(r.given()));
        }
        return out;
    }

    /** The namespaces with at least one directory. */
    public Set<String> namespaces() {
        return paths.keySet();
    }

    private synchronized void register(Path dir, String namespace, boolean first) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new TemplateLoaderException(
                    "The \"" + dir + "\" directory does not exist (\"" + absolute + "\").");
        }
        Path real;
        try {
            real = absolute.toRealPath();
        } catch (IOException e) {
            throw new TemplateLoaderException(
                    "The \"" + dir + "\" directory does not exist (\"" + absolute + "\").", null, 0, 0, e);
        }
        Map<String, List<Root>> copy = new LinkedHashMap<>(paths);
        List<Root> roots = new ArrayList<>(copy.getOrDefault(namespace, List.of()));
        roots.add(first ? 0 : roots.size(), new Root(dir, absolute, real));
        copy.put(namespace, List.copyOf(roots));
        paths = java.util.Collections.unmodifiableMap(copy);
        found.clear();
    }

    @Override
    public TemplateSource load(String name) {
        Path file = find(name);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            found.remove(TemplateNames.normalize(name));
            throw new TemplateLoaderException(
                    "Unable to read template \"" + name + "\" (" + file + ": " + e.getMessage() + ").", null, 0, 0, e);
        }
        return new TemplateSource(name, new String(bytes, StandardCharsets.UTF_8), file.toString());
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

    /** The file's last-modified time in milliseconds. */
    @Override
    public long version(String name) {
        Path file = find(name);
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new TemplateLoaderException(
                    "Unable to read template \"" + name + "\" (" + file + ": " + e.getMessage() + ").", null, 0, 0, e);
        }
    }

    /** The real path of the template's file; throws with Twig's message when it cannot or may not be loaded. */
    public Path resolve(String name) {
        return find(name);
    }

    /**
     * An absolute file-system path is accepted only when it lies inside a root (then it names that file relative
     * to the root); any other absolute path is refused rather than looked up.
     */
    private void refuseAbsoluteOutsideRoots(String name) {
        Path p;
        try {
            p = Path.of(name);
        } catch (java.nio.file.InvalidPathException e) {
            return;
        }
        if (!p.isAbsolute()) {
            return;
        }
        Path abs = p.normalize();
        for (List<Root> rs : paths.values()) {
            for (Root r : rs) {
                if (abs.startsWith(r.absolute())) {
                    return;
                }
            }
        }
        if (Files.exists(abs)) {
            throw TemplateNames.outside(name);
        }
    }

    private Path find(String rawName) {
        if (rawName == null) {
            throw new TemplateLoaderException("A template name cannot be null.");
        }
        String name = TemplateNames.normalize(rawName);
        Path cached = found.get(name);
        if (cached != null) {
            if (Files.isRegularFile(cached)) {
                return cached;
            }
            found.remove(name, cached);
        }

        String namespace = MAIN_NAMESPACE;
        String shortName = name;
        if (name.startsWith("@")) {
            int slash = name.indexOf('/');
            if (slash < 0) {
                throw new TemplateLoaderException("Malformed namespaced template name \"" + name
                        + "\" (expecting \"@namespace/template_name\").");
            }
            namespace = name.substring(1, slash);
            shortName = name.substring(slash + 1);
        }
        TemplateNames.validate(shortName);
        refuseAbsoluteOutsideRoots(shortName);
        String relative = TemplateNames.stripLeadingSlashes(shortName);

        List<Root> roots = paths.get(namespace);
        if (roots == null) {
            throw new TemplateLoaderException("There are no registered paths for namespace \"" + namespace + "\".");
        }
        for (Root root : roots) {
            Path candidate;
            try {
                candidate = root.absolute().resolve(relative).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                continue;
            }
            // resolve() of an absolute-looking name (a drive letter on Windows) would leave the root
            if (!candidate.startsWith(root.absolute())) {
                throw TemplateNames.outside(relative);
            }
            if (!Files.isRegularFile(candidate)) {
                continue;
            }
            Path real;
            try {
                real = candidate.toRealPath();
            } catch (IOException e) {
                continue;
            }
            if (!real.startsWith(root.real())) {
                throw TemplateNames.outside(relative);
            }
            found.put(name, real);
            return real;
        }
        StringBuilder looked = new StringBuilder();
        for (Root root : roots) {
            if (looked.length() > 0) {
                looked.append(", ");
            }
            looked.append(root.given());
        }
        throw new TemplateLoaderException(
                "Unable to find template \"" + name + "\" (looked into: " + looked + ").");
    }
}
