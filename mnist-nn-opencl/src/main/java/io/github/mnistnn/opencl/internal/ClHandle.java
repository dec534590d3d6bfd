package io.github.mnistnn.opencl.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The single owner of one {@code cl_*} handle (context, queue, program, kernel or memory object): releases it
 * exactly once on {@link #close()}. Every live owner is counted, so tests can show that nothing leaks.
 *
 * @param <T> the JOCL handle type
 */
final class ClHandle<T> implements AutoCloseable {
    private static final AtomicInteger LIVE = new AtomicInteger();

    private final String kind;
    private final T handle;
    private final Consumer<T> release;
    private boolean closed;

    private ClHandle(String kind, T handle, Consumer<T> release) {
        this.kind = kind;
        this.handle = handle;
        this.release = release;
        LIVE.incrementAndGet();
    }

    /**
     * Takes ownership of a freshly created handle.
     *
     * @param kind what the handle is, for messages
     * @param handle the handle
     * @param release the {@code clRelease*} call for it
     * @param <T> the handle type
     * @return the owner
     */
    static <T> ClHandle<T> own(String kind, T handle, Consumer<T> release) {
        return new ClHandle<>(kind, handle, release);
    }

    /**
     * The number of handles created and not yet released, over the whole JVM.
     *
     * @return the live count
     */
    static int live() {
        return LIVE.get();
    }

    T get() {
        if (closed) {
            throw new IllegalStateException("the OpenCL " + kind + " is already released");
        }
        return handle;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LIVE.decrementAndGet();
        release.accept(handle);
    }
}
