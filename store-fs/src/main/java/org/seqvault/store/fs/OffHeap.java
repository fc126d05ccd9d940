package org.seqvault.store.fs;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Off-heap memory given back the moment it is closed, not whenever the garbage collector gets to
 * it: read-only file mappings and aligned buffers, each in a shared {@code Arena} of its own (shared,
 * because the buffer may be used by another thread than the one that made it, e.g. Jetty finishing
 * a write). A {@code MappedByteBuffer} or {@code ByteBuffer.allocateDirect} is freed only after a
 * collection finds it unreachable, which on a mostly idle heap may be never.
 *
 * <p>The foreign memory API is final from JDK 22 on; the build targets Java 21, where it is a
 * preview, so it is reached through method handles. On JDK 21 {@link #explicit()} is false, and
 * callers take their own way that needs no explicit release.
 */
final class OffHeap {
    private static final Handles HANDLES = Handles.find();

    private OffHeap() {
    }

    /** A buffer over memory that is valid until {@link #close}; using the buffer after that throws. */
    interface Block extends AutoCloseable {
        ByteBuffer buffer();

        /** Gives the memory back; later calls do nothing. */
        @Override
        void close();
    }

    /** True when memory from here is freed on {@code close} (JDK 22 and later). */
    static boolean explicit() {
        return HANDLES != null;
    }

    /**
     * {@code size} bytes of {@code channel} from {@code position}, mapped read-only, unmapped on close.
     *
     * @throws UnsupportedOperationException on JDK 21 (see {@link #explicit()})
     */
    static Block mapReadOnly(FileChannel channel, long position, long size) throws IOException {
        Object arena = requireHandles().newArena();
        try {
            Object segment = HANDLES.map.invokeExact(channel, FileChannel.MapMode.READ_ONLY, position, size, arena);
            return new ArenaBlock(arena, (ByteBuffer) HANDLES.asByteBuffer.invokeExact(segment));
        } catch (Throwable t) {
            HANDLES.closeQuietly(arena, t);
            if (t instanceof IOException e) {
                throw e;
            }
            throw unchecked(t);
        }
    }

    /**
     * {@code size} bytes of native memory starting at a multiple of {@code alignment}, freed on close.
     *
     * @throws UnsupportedOperationException on JDK 21 (see {@link #explicit()})
     */
    static Block allocate(long size, long alignment) {
        Object arena = requireHandles().newArena();
        try {
            Object segment = HANDLES.allocate.invokeExact(arena, size, alignment);
            return new ArenaBlock(arena, (ByteBuffer) HANDLES.asByteBuffer.invokeExact(segment));
        } catch (Throwable t) {
            HANDLES.closeQuietly(arena, t);
            throw unchecked(t);
        }
    }

    private static Handles requireHandles() {
        if (HANDLES == null) {
            throw new UnsupportedOperationException("memory is freed explicitly only from JDK 22 on; this is JDK "
                    + Runtime.version().feature());
        }
        return HANDLES;
    }

    /** What a method handle threw that is not an IOException: thrown as it is when unchecked. */
    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException e) {
            return e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    private static final class ArenaBlock implements Block {
        private final Object arena;
        private final ByteBuffer buffer;
        private boolean closed;

        ArenaBlock(Object arena, ByteBuffer buffer) {
            this.arena = arena;
            this.buffer = buffer;
        }

        @Override
        public ByteBuffer buffer() {
            return buffer;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                HANDLES.close(arena);
            }
        }
    }

    /** {@code Arena.ofShared}, {@code FileChannel.map(…, Arena)}, {@code Arena.allocate}, {@code asByteBuffer}, {@code close}. */
    private record Handles(MethodHandle ofShared, MethodHandle map, MethodHandle allocate,
                           MethodHandle asByteBuffer, MethodHandle close) {
        static Handles find() {
            if (Runtime.version().feature() < 22) {
                return null;
            }
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                Class<?> arena = Class.forName("java.lang.foreign.Arena");
                Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
                return new Handles(
                        lookup.findStatic(arena, "ofShared", MethodType.methodType(arena))
                                .asType(MethodType.methodType(Object.class)),
                        lookup.findVirtual(FileChannel.class, "map", MethodType.methodType(segment,
                                        FileChannel.MapMode.class, long.class, long.class, arena))
                                .asType(MethodType.methodType(Object.class, FileChannel.class,
                                        FileChannel.MapMode.class, long.class, long.class, Object.class)),
                        lookup.findVirtual(arena, "allocate", MethodType.methodType(segment, long.class, long.class))
                                .asType(MethodType.methodType(Object.class, Object.class, long.class, long.class)),
                        lookup.findVirtual(segment, "asByteBuffer", MethodType.methodType(ByteBuffer.class))
                                .asType(MethodType.methodType(ByteBuffer.class, Object.class)),
                        lookup.findVirtual(arena, "close", MethodType.methodType(void.class))
                                .asType(MethodType.methodType(void.class, Object.class)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("JDK " + Runtime.version().feature()
                        + " lacks the foreign memory API it is documented to have", e);
            }
        }

        Object newArena() {
            try {
                return (Object) ofShared.invokeExact();
            } catch (Throwable t) {
                throw new IllegalStateException("could not create an arena", t);
            }
        }

        void close(Object arena) {
            try {
                close.invokeExact(arena);
            } catch (Throwable t) {
                throw unchecked(t);
            }
        }

        void closeQuietly(Object arena, Throwable failure) {
            try {
                close(arena);
            } catch (RuntimeException | Error e) {
                failure.addSuppressed(e);
            }
        }
    }
}
