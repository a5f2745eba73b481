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
 * <p>Where a name was found is remembered (the search through the roots is saved), but the file's real path is
 * resolved and checked again at every lookup: a template first loaded as a regular file and later replaced by a
 * symbolic link (to a file or a directory) leading out of its root is refused from then on, and the file is
 * read without following a final symbolic link and re-checked after the read. Names that denote one file
 * ({@code x/../a.twig}, {@code ./a.twig}, {@code a.twig}) share one {@link #cacheKey}. Safe for concurrent use;
 * {@link #addPath} and {@link #prependPath} may be called while templates load, they replace the directory table
 * atomically.
 */
public final class FileSystemLoader implements Loader {
    /** The namespace of names that do not start with {@code @}. */
    public static final String MAIN_NAMESPACE = "__main__";

    private record Root(Path given, Path absolute, Path real) {
    }

    /** Where a name was found: the root, and the path under it before symbolic links are resolved. */
    private record Found(Root root, Path candidate) {
    }

    /** Most names remembered in {@code found}; past it the table starts over (names are the templates' choice). */
    static final int MAX_FOUND = 4096;

    private volatile Map<String, List<Root>> paths = Map.of();
    private final ConcurrentHashMap<String, Found> found = new ConcurrentHashMap<>();

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
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(file, java.nio.file.StandardOpenOption.READ,
                java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            bytes = java.nio.channels.Channels.newInputStream(ch).readAllBytes();
            // a directory on the way swapped for a link while the file was read: refuse what was read
            if (!file.toRealPath().equals(file)) {
                throw TemplateNames.outside(name);
            }
        } catch (IOException e) {
            found.remove(key(name));
            throw new TemplateLoaderException(
                    "Unable to read template \"" + name + "\" (" + file + ": " + e.getMessage() + ").", null, 0, 0, e);
        }
        return new TemplateSource(name, new String(bytes, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * The namespace and the name under its roots, dots collapsed: {@code x/../a.twig}, {@code ./a.twig},
     * {@code //a.twig} and {@code @__main__/a.twig} are all {@code a.twig}. Refuses the names that can never be
     * loaded (NUL bytes, {@code ..} climbing above the root) with Twig's messages.
     */
    @Override
    public String cacheKey(String name) {
        return key(name);
    }

    private static String key(String rawName) {
        if (rawName == null) {
            throw new TemplateLoaderException("A template name cannot be null.");
        }
        if (TemplateNames.isCanonical(rawName)) {
            return rawName; // the common case, without building a new string
        }
        String name = TemplateNames.normalize(rawName);
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
        String relative = TemplateNames.collapseDots(TemplateNames.stripLeadingSlashes(shortName));
        return namespace.equals(MAIN_NAMESPACE) ? relative : "@" + namespace + "/" + relative;
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

    /**
     * The real path of candidate when it is a regular file whose real path (every symbolic link on the way
     * resolved) lies inside the root; null when it is no regular file; refused when it leads out of the root.
     */
    private static Path checked(Root root, Path candidate, String name) {
        if (!Files.isRegularFile(candidate)) {
            return null;
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            return null;
        }
        if (!real.startsWith(root.real())) {
            throw TemplateNames.outside(name);
        }
        return real;
    }

    /** Number of names whose location is remembered (tests: bounded whatever names templates use). */
    int rememberedNames() {
        return found.size();
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
        String key = key(rawName);
        String namespace = MAIN_NAMESPACE;
        String shortName = name;
        if (name.startsWith("@")) {
            int slash = name.indexOf('/');
            namespace = name.substring(1, slash);
            shortName = name.substring(slash + 1);
        }
        String relative = TemplateNames.stripLeadingSlashes(shortName);
        Found cached = found.get(key);
        if (cached != null) {
            Path real = checked(cached.root(), cached.candidate(), relative);
            if (real != null) {
                return real;
            }
            found.remove(key, cached);
        }
        refuseAbsoluteOutsideRoots(shortName);

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
            Path real = checked(root, candidate, relative);
            if (real == null) {
                continue;
            }
            if (found.size() >= MAX_FOUND) {
                found.clear();
            }
            found.put(key, new Found(root, candidate));
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
