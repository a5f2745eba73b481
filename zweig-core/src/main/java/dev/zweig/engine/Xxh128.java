package dev.zweig.engine;

/**
 * XXH3's 128-bit hash (XXH128, seed 0, default secret) of a byte array, as PHP's {@code hash('xxh128', $s)} gives
 * it: Twig 3 (on PHP 8.1+) names a template made from a string {@code __string_template__} and this hash of its
 * source, so a message about such a template names it as Twig does. Written from the algorithm of xxHash 0.8
 * (scalar path); checked against PHP's output for every length class (TemplateFromStringTest).
 */
final class Xxh128 {
    private static final long P32_1 = 0x9E3779B1L;
    private static final long P32_2 = 0x85EBCA77L;
    private static final long P32_3 = 0xC2B2AE3DL;
    private static final long P64_1 = 0x9E3779B185EBCA87L;
    private static final long P64_2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P64_3 = 0x165667B19E3779F9L;
    private static final long P64_4 = 0x85EBCA77C2B2AE63L;
    private static final long P64_5 = 0x27D4EB2F165667C5L;
    private static final long MX1 = 0x165667919E3779F9L;
    private static final long MX2 = 0x9FB21C651E98DF25L;
    private static final int STRIPE = 64;
    private static final int SECRET_RATE = 8;

    /** The default secret (xxHash's kSecret, 192 bytes). */
    private static final byte[] SECRET = bytes(
            "b8fe6c3923a44bbe7c01812cf721ad1cded46de9839097db7240a4a4b7b3671f"
            + "cb79e64eccc0e578825ad07dccff7221b8084674f743248ee03590e6813a264c"
            + "3c2852bb91c300cb88d0658b1b532ea371644897a20df94e3819ef46a9deacd8"
            + "a8fa763fe39c343ff9dcbbc7c70b4f1d8a51e04bcdb45931c89f7ec9d9787364"
            + "eac5ac8334d3ebc3c581a0fffa1363eb170ddd51b7f0da49d316552629d4689e"
            + "2b16be587d47a1fc8ff8b8d17ad031ce45cb3a8f95160428afd7fbcabb4b407e");

    private Xxh128() {
    }

    private static byte[] bytes(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }

    /** The hash of b as PHP prints it: 32 lower-case hex digits, the high half first. */
    static String hex(byte[] b) {
        long[] h = hash(b);
        java.util.HexFormat f = java.util.HexFormat.of();
        return f.toHexDigits(h[1]) + f.toHexDigits(h[0]);
    }

    /** {low64, high64} of XXH3_128bits(b). */
    static long[] hash(byte[] in) {
        int len = in.length;
        if (len <= 16) {
            return upTo16(in, len);
        }
        if (len <= 128) {
            long lo = len * P64_1;
            long hi = 0;
            long[] acc = {lo, hi};
            if (len > 32) {
                if (len > 64) {
                    if (len > 96) {
                        mix32(acc, in, 48, len - 64, 96, 0);
                    }
                    mix32(acc, in, 32, len - 48, 64, 0);
                }
                mix32(acc, in, 16, len - 32, 32, 0);
            }
            mix32(acc, in, 0, len - 16, 0, 0);
            return finish(acc, len);
        }
        if (len <= 240) {
            long[] acc = {len * P64_1, 0};
            for (int i = 32; i < 160; i += 32) {
                mix32(acc, in, i - 32, i - 16, i - 32, 0);
            }
            acc[0] = avalanche(acc[0]);
            acc[1] = avalanche(acc[1]);
            for (int i = 160; i <= len; i += 32) {
                mix32(acc, in, i - 32, i - 16, 3 + i - 160, 0);
            }
            mix32(acc, in, len - 16, len - 32, 136 - 17 - 16, 0);
            return finish(acc, len);
        }
        return hashLong(in, len);
    }

    private static long[] upTo16(byte[] in, int len) {
        if (len > 8) {
            long bitflipl = le64(SECRET, 32) ^ le64(SECRET, 40);
            long bitfliph = le64(SECRET, 48) ^ le64(SECRET, 56);
            long inLo = le64(in, 0);
            long inHi = le64(in, len - 8);
            long x = inLo ^ inHi ^ bitflipl;
            long mLo = x * P64_1;
            long mHi = unsignedMultiplyHigh(x, P64_1);
            mLo += (long) (len - 1) << 54;
            inHi ^= bitfliph;
            mHi += inHi + (inHi & 0xFFFFFFFFL) * (P32_2 - 1);
            mLo ^= Long.reverseBytes(mHi);
            long hLo = mLo * P64_2;
            long hHi = unsignedMultiplyHigh(mLo, P64_2) + mHi * P64_2;
            return new long[] {avalanche(hLo), avalanche(hHi)};
        }
        if (len >= 4) {
            long inLo = le32(in, 0);
            long inHi = le32(in, len - 4);
            long in64 = inLo + (inHi << 32);
            long bitflip = le64(SECRET, 16) ^ le64(SECRET, 24);
            long keyed = in64 ^ bitflip;
            long m = P64_1 + ((long) len << 2);
            long lo = keyed * m;
            long hi = unsignedMultiplyHigh(keyed, m);
            hi += lo << 1;
            lo ^= hi >>> 3;
            lo ^= lo >>> 35;
            lo *= MX2;
            lo ^= lo >>> 28;
            return new long[] {lo, avalanche(hi)};
        }
        if (len > 0) {
            int c1 = in[0] & 0xFF;
            int c2 = in[len >> 1] & 0xFF;
            int c3 = in[len - 1] & 0xFF;
            int combinedl = (c1 << 16) | (c2 << 24) | c3 | (len << 8);
            int combinedh = Integer.rotateLeft(Integer.reverseBytes(combinedl), 13);
            long bitflipl = le32(SECRET, 0) ^ le32(SECRET, 4);
            long bitfliph = le32(SECRET, 8) ^ le32(SECRET, 12);
            return new long[] {avalanche64((combinedl & 0xFFFFFFFFL) ^ bitflipl),
                avalanche64((combinedh & 0xFFFFFFFFL) ^ bitfliph)};
        }
        return new long[] {avalanche64(le64(SECRET, 64) ^ le64(SECRET, 72)),
            avalanche64(le64(SECRET, 80) ^ le64(SECRET, 88))};
    }

    private static long[] finish(long[] acc, int len) {
        long lo = acc[0] + acc[1];
        long hi = acc[0] * P64_1 + acc[1] * P64_4 + len * P64_2;
        return new long[] {avalanche(lo), -avalanche(hi)};
    }

    /** XXH128_mix32B: input at a (first 16 bytes) and b (second), secret at s. */
    private static void mix32(long[] acc, byte[] in, int a, int b, int s, long seed) {
        acc[0] += mix16(in, a, s, seed);
        acc[0] ^= le64(in, b) + le64(in, b + 8);
        acc[1] += mix16(in, b, s + 16, seed);
        acc[1] ^= le64(in, a) + le64(in, a + 8);
    }

    private static long mix16(byte[] in, int at, int s, long seed) {
        long lo = le64(in, at) ^ (le64(SECRET, s) + seed);
        long hi = le64(in, at + 8) ^ (le64(SECRET, s + 8) - seed);
        return fold64(lo, hi);
    }

    private static long[] hashLong(byte[] in, int len) {
        long[] acc = {P32_3, P64_1, P64_2, P64_3, P64_4, P32_2, P64_5, P32_1};
        int stripesPerBlock = (SECRET.length - STRIPE) / SECRET_RATE;
        int blockLen = STRIPE * stripesPerBlock;
        int blocks = (len - 1) / blockLen;
        for (int n = 0; n < blocks; n++) {
            accumulate(acc, in, n * blockLen, stripesPerBlock);
            scramble(acc, SECRET.length - STRIPE);
            if ((n & 63) == 63) {
                dev.zweig.runtime.RenderClock.checkCurrent(); // a long source hashed in a limited render
            }
        }
        int stripes = ((len - 1) - blockLen * blocks) / STRIPE;
        accumulate(acc, in, blocks * blockLen, stripes);
        accumulate512(acc, in, len - STRIPE, SECRET.length - STRIPE - 7);
        long lo = mergeAccs(acc, 11, len * P64_1);
        long hi = mergeAccs(acc, SECRET.length - 64 - 11, ~(len * P64_2));
        return new long[] {lo, hi};
    }

    private static void accumulate(long[] acc, byte[] in, int at, int stripes) {
        for (int n = 0; n < stripes; n++) {
            accumulate512(acc, in, at + n * STRIPE, n * SECRET_RATE);
        }
    }

    private static void accumulate512(long[] acc, byte[] in, int at, int s) {
        for (int lane = 0; lane < 8; lane++) {
            long data = le64(in, at + lane * 8);
            long key = data ^ le64(SECRET, s + lane * 8);
            acc[lane ^ 1] += data;
            acc[lane] += (key & 0xFFFFFFFFL) * (key >>> 32);
        }
    }

    private static void scramble(long[] acc, int s) {
        for (int lane = 0; lane < 8; lane++) {
            long a = acc[lane];
            a ^= a >>> 47;
            a ^= le64(SECRET, s + lane * 8);
            a *= P32_1;
            acc[lane] = a;
        }
    }

    private static long mergeAccs(long[] acc, int s, long start) {
        long r = start;
        for (int i = 0; i < 4; i++) {
            r += fold64(acc[2 * i] ^ le64(SECRET, s + 16 * i), acc[2 * i + 1] ^ le64(SECRET, s + 16 * i + 8));
        }
        return avalanche(r);
    }

    private static long fold64(long a, long b) {
        return a * b ^ unsignedMultiplyHigh(a, b);
    }

    private static long avalanche(long h) {
        h ^= h >>> 37;
        h *= MX1;
        return h ^ (h >>> 32);
    }

    private static long avalanche64(long h) {
        h ^= h >>> 33;
        h *= P64_2;
        h ^= h >>> 29;
        h *= P64_3;
        return h ^ (h >>> 32);
    }

    /** Math.unsignedMultiplyHigh (Java 18) on the Java 17 baseline. */
    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    private static long le64(byte[] b, int at) {
        return le32(b, at) | le32(b, at + 4) << 32;
    }

    private static long le32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }
}
