package io.github.twitterstats.support;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value built on first use and then reused: how a Lambda container keeps its clients and
 * secrets across invocations. It is never reset: after a SnapStart restore the runtime drops the
 * whole wiring that holds it and builds a new one.
 */
public final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> factory;
    private volatile T value;

    public Lazy(Supplier<T> factory) {
        this.factory = Objects.requireNonNull(factory);
    }

    @Override
    public T get() {
        T current = value;
        if (current == null) {
            synchronized (this) {
                current = value;
                if (current == null) {
                    current = Objects.requireNonNull(factory.get(), "factory returned null");
                    value = current;
                }
            }
        }
        return current;
    }
}
