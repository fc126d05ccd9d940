package org.seqvault.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.RecyclerPool;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Every request runs on a virtual thread of its own, so Jackson's buffers must outlive the thread. */
class JsonTest {

    @Test
    void buffersOneVirtualThreadReleasedAreReusedByTheNext() throws Exception {
        RecyclerPool<BufferRecycler> pool = Json.FACTORY._getRecyclerPool();
        Callable<BufferRecycler> useBuffers = () -> {
            BufferRecycler recycler = pool.acquireAndLinkPooled();
            recycler.releaseToPool();
            return recycler;
        };
        BufferRecycler first = onNewVirtualThread(useBuffers);
        BufferRecycler second = onNewVirtualThread(useBuffers);
        assertThat(second).isSameAs(first);
    }

    @Test
    void theMapperWritesThroughThatFactory() {
        assertThat(Json.MAPPER.getFactory()).isSameAs(Json.FACTORY);
    }

    private static <T> T onNewVirtualThread(Callable<T> task) throws Exception {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            return executor.submit(task).get();
        }
    }
}
