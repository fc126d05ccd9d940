package org.seqvault.api;

import io.javalin.http.Context;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** The server's readiness: 200 once it accepts requests, 503 while starting or draining. */
public final class Health {
    public enum State { STARTING, READY, DRAINING }

    private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);

    public void set(State next) {
        state.set(next);
    }

    public State state() {
        return state.get();
    }

    public void handle(Context ctx) {
        State s = state.get();
        if (s == State.READY) {
            ctx.json(Map.of("status", "ok"));
        } else {
            ctx.status(503).json(Map.of("status", s.name().toLowerCase(java.util.Locale.ROOT)));
        }
    }
}
