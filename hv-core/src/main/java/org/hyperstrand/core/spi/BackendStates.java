package org.hyperstrand.core.spi;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The objects backends keep for one domain, one per type, held by the domain itself. A backend
 * serves many domains in one process; if it kept their state in a map of its own, the state
 * (which names its domain) would keep every domain ever created alive.
 */
public final class BackendStates {

    private final Map<Class<?>, Object> states = new HashMap<>();

    /** The state of {@code type}, made by {@code create} on the first call. */
    public synchronized <T> T get(Class<T> type, Supplier<? extends T> create) {
        Object state = states.get(type);
        if (state == null) {
            state = create.get();
            states.put(type, state);
        }
        return type.cast(state);
    }
}
