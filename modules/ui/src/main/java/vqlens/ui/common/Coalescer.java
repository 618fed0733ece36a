package vqlens.ui.common;

/**
 * What a {@link SnapshotRelay} keeps between two deliveries: values go in as they are offered, and one
 * value comes out at a delivery, standing for all of them. Used under the relay's lock only.
 *
 * @param <T> the value
 */
public interface Coalescer<T> {

    /** Takes in an offered value (quickly: the producer waits for this). */
    void add(T value);

    /** Whether nothing was added since the last {@link #take()}. */
    boolean isEmpty();

    /** The value standing for everything added since the last take; then empty. */
    T take();

    /** Forgets everything added. */
    void clear();

    /** Keeps the latest value only. */
    static <T> Coalescer<T> latest() {
        return new Coalescer<>() {
            private T value;

            @Override
            public void add(T v) {
                value = v;
            }

            @Override
            public boolean isEmpty() {
                return value == null;
            }

            @Override
            public T take() {
                T v = value;
                value = null;
                return v;
            }

            @Override
            public void clear() {
                value = null;
            }
        };
    }
}
