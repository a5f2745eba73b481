package dev.zweig.loader;

import dev.zweig.TemplateLoaderException;

/**
 * Internal: the name rules Twig's FilesystemLoader applies before touching the disk, shared by the file-system
 * and classpath loaders so that both refuse the same names with the same messages.
 */
final class TemplateNames {
    private TemplateNames() {
    }

    /** Backslashes become slashes and runs of slashes collapse to one (Twig's normalizeName). */
    static String normalize(String name) {
        StringBuilder sb = null;
        char prev = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\') {
                c = '/';
            }
            boolean skip = c == '/' && prev == '/';
            if ((skip || c != name.charAt(i)) && sb == null) {
                sb = new StringBuilder(name.length()).append(name, 0, i);
            }
            if (sb != null && !skip) {
                sb.append(c);
            }
            prev = c;
        }
        return sb == null ? name : sb.toString();
    }

    /**
     * Whether a name is already in its canonical form (relative, no namespace, no backslash, NUL, empty, "." or
     * ".." segment), so that normalizing it would give it back unchanged; checked without allocating.
     */
    static boolean isCanonical(String name) {
        int n = name.length();
        if (n == 0 || name.charAt(0) == '@') {
            return false;
        }
        int segStart = 0;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? name.charAt(i) : '/';
            if (c == '\\' || c == '\0') {
                return false;
            }
            if (c == '/') {
                int len = i - segStart;
                if (len == 0 || (len == 1 && name.charAt(segStart) == '.')
                        || (len == 2 && name.charAt(segStart) == '.' && name.charAt(segStart + 1) == '.')) {
                    return false;
                }
                segStart = i + 1;
            }
        }
        return true;
    }

    /** Strips the leading slashes (a name is always relative to a root, as in Twig). */
    static String stripLeadingSlashes(String name) {
        int i = 0;
        while (i < name.length() && name.charAt(i) == '/') {
            i++;
        }
        return name.substring(i);
    }

    /**
     * Refuses a NUL byte and any {@code ..} that climbs above the root (Twig's validateName); the argument is a
     * normalized name without its namespace.
     */
    static void validate(String shortName) {
        if (shortName.indexOf('\0') >= 0) {
            throw new TemplateLoaderException("A template name cannot contain NUL bytes.");
        }
        String name = stripLeadingSlashes(shortName);
        int level = 0;
        int start = 0;
        while (start <= name.length()) {
            int end = name.indexOf('/', start);
            if (end < 0) {
                end = name.length();
            }
            int len = end - start;
            if (len == 2 && name.charAt(start) == '.' && name.charAt(start + 1) == '.') {
                level--;
            } else if (!(len == 1 && name.charAt(start) == '.')) {
                level++;
            }
            if (level < 0) {
                throw outside(name);
            }
            start = end + 1;
        }
    }

    static TemplateLoaderException outside(String name) {
        return new TemplateLoaderException(
                "Looks like you try to load a template outside configured directories (" + name + ").");
    }

    /** Removes {@code .} and {@code ..} segments of a validated, normalized, relative name. */
    static String collapseDots(String name) {
        String[] parts = name.split("/", -1);
        java.util.ArrayDeque<String> kept = new java.util.ArrayDeque<>();
        for (String p : parts) {
            if (p.equals("..")) {
                if (kept.isEmpty()) {
                    throw outside(name);
                }
                kept.removeLast();
            } else if (!p.equals(".") && !p.isEmpty()) {
                kept.addLast(p);
            }
        }
        return String.join("/", kept);
    }
}
