package dev.zweig.php;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The zone names date text may hold ("UTC", "Z", an abbreviation such as "EST", an identifier such as
 * "Europe/Paris"), looked up from a range of the parser's lower-cased text with no String made: an open-addressing
 * table of the lower-case names, built once, whose zones are resolved on first use and kept.
 */
final class ZoneNames {
    private final String[] keys;
    /** The zone of keys[k], or null until first asked. */
    private final ZoneId[] zones;
    /** For an abbreviation, its fixed offset in seconds; Integer.MIN_VALUE for the others. */
    private final int[] offsets;
    /** The identifier keys[k] stands for (null: an abbreviation or "utc", "gmt", "z"). */
    private final String[] ids;
    private final int mask;

    private static volatile ZoneNames instance;

    private ZoneNames(List<String> names, List<String> idList, List<Integer> offsetList) {
        int size = Integer.highestOneBit(names.size() * 3) << 1;
        keys = new String[size];
        zones = new ZoneId[size];
        offsets = new int[size];
        ids = new String[size];
        mask = size - 1;
        for (int k = 0; k < names.size(); k++) {
            String key = names.get(k);
            int slot = hash(key, 0, key.length()) & mask;
            while (keys[slot] != null) {
                if (keys[slot].equals(key)) {
                    break;
                }
                slot = (slot + 1) & mask;
            }
            if (keys[slot] != null) {
                continue; // the first definition wins (abbreviations before identifiers)
            }
            keys[slot] = key;
            ids[slot] = idList.get(k);
            offsets[slot] = offsetList.get(k);
        }
    }

    private static ZoneNames get() {
        ZoneNames z = instance;
        if (z == null) {
            List<String> names = new ArrayList<>();
            List<String> idList = new ArrayList<>();
            List<Integer> offsetList = new ArrayList<>();
            for (String special : new String[] {"utc", "gmt", "z"}) {
                names.add(special);
                idList.add(null);
                offsetList.add(Integer.MIN_VALUE);
            }
            PhpDate.abbreviationOffsets().forEach((name, seconds) -> {
                names.add(name);
                idList.add(null);
                offsetList.add(seconds);
            });
            for (String id : ZoneId.getAvailableZoneIds()) {
                names.add(id.toLowerCase(Locale.ROOT));
                idList.add(id);
                offsetList.add(Integer.MIN_VALUE);
            }
            instance = z = new ZoneNames(names, idList, offsetList);
        }
        return z;
    }

    /** The hash of s[from, to) (as the keys are hashed: lower case already). */
    private static int hash(CharSequence s, int from, int to) {
        int h = 0;
        for (int k = from; k < to; k++) {
            h = 31 * h + s.charAt(k);
        }
        return h ^ (h >>> 16);
    }

    /** The zone named by lower[from, to) (lower case), as {@link PhpDate#zoneFromText} reads it; null if none. */
    static ZoneId lookup(CharSequence lower, int from, int to) {
        ZoneNames t = get();
        int slot = hash(lower, from, to) & t.mask;
        for (String key; (key = t.keys[slot]) != null; slot = (slot + 1) & t.mask) {
            if (key.length() == to - from && regionEquals(key, lower, from)) {
                ZoneId zone = t.zones[slot];
                if (zone == null) {
                    zone = t.resolve(slot);
                    t.zones[slot] = zone; // an immutable value: a racing resolve makes an equal one
                }
                return zone;
            }
        }
        return null;
    }

    private ZoneId resolve(int slot) {
        return switch (keys[slot]) {
            case "utc" -> ZoneId.of("UTC");
            case "gmt" -> ZoneId.of("GMT");
            case "z" -> ZoneOffset.UTC;
            default -> ids[slot] != null ? ZoneId.of(ids[slot]) : ZoneOffset.ofTotalSeconds(offsets[slot]);
        };
    }

    private static boolean regionEquals(String key, CharSequence s, int from) {
        for (int k = 0; k < key.length(); k++) {
            if (key.charAt(k) != s.charAt(from + k)) {
                return false;
            }
        }
        return true;
    }
}
