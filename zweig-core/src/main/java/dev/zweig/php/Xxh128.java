package dev.zweig.php;

/**
 * PHP's {@code hash('xxh128', $data)}: XXH3's 128-bit hash (seed 0, the default secret) as 32 hexadecimal digits,
 * which Twig puts in the names of templates made from strings ({@code template_from_string}:
 * {@code "foo.twig (string template 85e7b0...)"}, {@code "__string_template__..."}). Written from the xxHash
 * specification (XXH3, version 0.8); the input is the UTF-8 of the text, as PHP hashes its bytes.
 */
public final class Xxh128 {
    private Xxh128() {
    }

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

    /** XXH3's default secret (kSecret), 192 bytes. */
    private static final byte[] SECRET = bytes(
            "b8fe6c3923a44bbe7c01812cf721ad1cded46de9839097db7240a4a4b7b3671f"
            + "cb79e64eccc0e578825ad07dccff7221b8084674f743248ee03590e6813a264c"
            + "3c2852bb91c300cb88d0658b1b532ea371644897a20df94e3819ef46a9deacd8"
            + "a8fa763fe39c343ff9dcbbc7c70b4f1d8a51e04bcdb45931c89f7ec9d9787364"
            + "eac5ac8334d3ebc3c581a0fffa1363eb170ddd51b7f0da49d316552629d4689e"
            + "2b16be587d47a1fc8ff8b8d17ad031ce45cb3a8f95160428afd7fbcabb4b407e");

    private static byte[] bytes(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }

    /** The hash of the text's UTF-8 bytes, as PHP prints it (the high 64 bits first, big-endian). */
    public static String hex(String text) {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return hex(b, b.length);
    }

    /**
     * The hash of the first len bytes, as PHP prints it (the high 64 bits first, big-endian). Long inputs check the
     * render's deadline as they go ({@link dev.zweig.runtime.RenderClock}: a template built in a limited render).
     */
    public static String hex(byte[] in, int len) {
        long[] h = hash(in, len);
        return String.format("%016x%016x", h[1], h[0]);
    }

    /** {low64, high64} of XXH3_128bits of the first len bytes of in. */
    static long[] hash(byte[] in, int len) {
        if (len <= 16) {
            return upTo16(in, len);
        }
        if (len <= 128) {
            return upTo128(in, len);
        }
        if (len <= 240) {
            return upTo240(in, len);
        }
        return large(in, len);
    }

    private static long[] upTo16(byte[] in, int len) {
        if (len > 8) {
            long bitflipl = r64(SECRET, 32) ^ r64(SECRET, 40);
            long bitfliph = r64(SECRET, 48) ^ r64(SECRET, 56);
            long lo = r64(in, 0);
            long hi = r64(in, len - 8);
            long mlo = (lo ^ hi ^ bitflipl) * P64_1;
            long mhi = mulHigh(lo ^ hi ^ bitflipl, P64_1);
            mlo += (long) (len - 1) << 54;
            hi ^= bitfliph;
            mhi += hi + (hi & 0xFFFFFFFFL) * (P32_2 - 1);
            mlo ^= Long.reverseBytes(mhi);
            long hlo = mlo * P64_2;
            long hhi = mulHigh(mlo, P64_2) + mhi * P64_2;
            return new long[] {avalanche3(hlo), avalanche3(hhi)};
        }
        if (len >= 4) {
            long lo = r32(in, 0);
            long hi = r32(in, len - 4);
            long input = lo + (hi << 32);
            long keyed = input ^ (r64(SECRET, 16) ^ r64(SECRET, 24));
            long m = P64_1 + ((long) len << 2);
            long mlo = keyed * m;
            long mhi = mulHigh(keyed, m);
            mhi += mlo << 1;
            mlo ^= mhi >>> 3;
            mlo ^= mlo >>> 35;
            mlo *= MX2;
            mlo ^= mlo >>> 28;
            return new long[] {mlo, avalanche3(mhi)};
        }
        if (len > 0) {
            int c1 = in[0] & 0xFF;
            int c2 = in[len >> 1] & 0xFF;
            int c3 = in[len - 1] & 0xFF;
            int combinedl = (c1 << 16) | (c2 << 24) | c3 | (len << 8);
            int combinedh = Integer.rotateLeft(Integer.reverseBytes(combinedl), 13);
            long bitflipl = (r32(SECRET, 0) ^ r32(SECRET, 4));
            long bitfliph = (r32(SECRET, 8) ^ r32(SECRET, 12));
            return new long[] {avalanche64((combinedl & 0xFFFFFFFFL) ^ bitflipl),
                avalanche64((combinedh & 0xFFFFFFFFL) ^ bitfliph)};
        }
        return new long[] {avalanche64(r64(SECRET, 64) ^ r64(SECRET, 72)),
            avalanche64(r64(SECRET, 80) ^ r64(SECRET, 88))};
    }

    private static long[] upTo128(byte[] in, int len) {
        long[] acc = {len * P64_1, 0};
        if (len > 32) {
            if (len > 64) {
                if (len > 96) {
                    mix32(acc, in, 48, len - 64, 96);
                }
                mix32(acc, in, 32, len - 48, 64);
            }
            mix32(acc, in, 16, len - 32, 32);
        }
        mix32(acc, in, 0, len - 16, 0);
        return finish(acc, len);
    }

    private static long[] upTo240(byte[] in, int len) {
        long[] acc = {len * P64_1, 0};
        int rounds = len / 32;
        for (int i = 0; i < 4; i++) {
            mix32(acc, in, 32 * i, 32 * i + 16, 32 * i);
        }
        acc[0] = avalanche3(acc[0]);
        acc[1] = avalanche3(acc[1]);
        for (int i = 4; i < rounds; i++) {
            mix32(acc, in, 32 * i, 32 * i + 16, 3 + 32 * (i - 4));
        }
        mix32(acc, in, len - 16, len - 32, 136 - 17 - 16);
        return finish(acc, len);
    }

    private static long[] finish(long[] acc, int len) {
        long lo = acc[0] + acc[1];
        long hi = acc[0] * P64_1 + acc[1] * P64_4 + len * P64_2;
        return new long[] {avalanche3(lo), -avalanche3(hi)};
    }

    /** XXH128_mix32B (seed 0). */
    private static void mix32(long[] acc, byte[] in, int in1, int in2, int secret) {
        acc[0] += mix16(in, in1, secret);
        acc[0] ^= r64(in, in2) + r64(in, in2 + 8);
        acc[1] += mix16(in, in2, secret + 16);
        acc[1] ^= r64(in, in1) + r64(in, in1 + 8);
    }

    private static long mix16(byte[] in, int at, int secret) {
        long a = r64(in, at) ^ r64(SECRET, secret);
        long b = r64(in, at + 8) ^ r64(SECRET, secret + 8);
        return a * b ^ mulHigh(a, b);
    }

    private static long[] large(byte[] in, int len) {
        long[] acc = {P32_3, P64_1, P64_2, P64_3, P64_4, P32_2, P64_5, P32_1};
        int stripesPerBlock = (SECRET.length - 64) / 8;
        int blockLen = 64 * stripesPerBlock;
        int blocks = (len - 1) / blockLen;
        for (int n = 0; n < blocks; n++) {
            accumulate(acc, in, n * blockLen, stripesPerBlock);
            scramble(acc, SECRET.length - 64);
            if ((n & 63) == 63) {
                dev.zweig.runtime.RenderClock.checkCurrent(); // every 64 KiB
            }
        }
        int stripes = ((len - 1) - blockLen * blocks) / 64;
        accumulate(acc, in, blocks * blockLen, stripes);
        stripe(acc, in, len - 64, SECRET.length - 64 - 7);
        long lo = merge(acc, 11, len * P64_1);
        long hi = merge(acc, SECRET.length - 64 - 11, ~(len * P64_2));
        return new long[] {lo, hi};
    }

    private static void accumulate(long[] acc, byte[] in, int at, int stripes) {
        for (int n = 0; n < stripes; n++) {
            stripe(acc, in, at + n * 64, n * 8);
        }
    }

    private static void stripe(long[] acc, byte[] in, int at, int secret) {
        for (int i = 0; i < 8; i++) {
            long data = r64(in, at + 8 * i);
            long key = data ^ r64(SECRET, secret + 8 * i);
            acc[i ^ 1] += data;
            acc[i] += (key & 0xFFFFFFFFL) * (key >>> 32);
        }
    }

    private static void scramble(long[] acc, int secret) {
        for (int i = 0; i < 8; i++) {
            long a = acc[i];
            a ^= a >>> 47;
            a ^= r64(SECRET, secret + 8 * i);
            acc[i] = a * P32_1;
        }
    }

    private static long merge(long[] acc, int secret, long start) {
        long r = start;
        for (int i = 0; i < 4; i++) {
            long a = acc[2 * i] ^ r64(SECRET, secret + 16 * i);
            long b = acc[2 * i + 1] ^ r64(SECRET, secret + 16 * i + 8);
            r += a * b ^ mulHigh(a, b);
        }
        return avalanche3(r);
    }

    private static long avalanche64(long h) {
        h ^= h >>> 33;
        h *= P64_2;
        h ^= h >>> 29;
        h *= P64_3;
        return h ^ (h >>> 32);
    }

    private static long avalanche3(long h) {
        h ^= h >>> 37;
        h *= MX1;
        return h ^ (h >>> 32);
    }

    /** The high 64 bits of the unsigned 128-bit product. */
    private static long mulHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle INTS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private static long r64(byte[] b, int at) {
        return (long) LONGS.get(b, at);
    }

    private static long r32(byte[] b, int at) {
        return (int) INTS.get(b, at) & 0xFFFFFFFFL;
    }
}
