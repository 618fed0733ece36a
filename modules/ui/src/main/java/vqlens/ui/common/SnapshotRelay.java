package vqlens.ui.common;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The hand-off from a producer thread (training) to the FX thread, as OpenJFX's
 * {@code Task.updateValue} does it: {@link #offer} stores the value (coalesced with those the FX thread has
 * not taken yet, see {@link Coalescer}) and queues a delivery only if none is queued, so at most one task is ever pending on the FX
 * thread, the producer never waits for the FX thread, and the FX thread never waits for the producer
 * (both only take a lock held for a merge or a swap). Deliveries are at least {@code 1/maxHz} apart:
 * one offered sooner is delayed by the {@link Delayer}, collecting everything offered meanwhile.
 *
 * @param <T> the value
 */
public final class SnapshotRelay<T> {
    private static final System.Logger LOG = System.getLogger(SnapshotRelay.class.getName());

    private final Coalescer<T> pending;
    private final Consumer<T> consumer;
    private final Executor fxThread;
    private final Delayer delayer;
    private final long minIntervalNanos;
    private volatile long intervalNanos;
    private final LongSupplier clock;
    private final Object lock = new Object();
    // guarded by lock
    private boolean scheduled;
    private boolean closed;
    private long lastDelivery = Long.MIN_VALUE / 2;
    private long offers;
    private long deliveries;

    /**
     * @param coalescer keeps the undelivered values; used on the producer thread under the relay's lock
     * @param consumer receives the values on {@code fxThread}
     * @param maxHz    deliveries per second, at most; {@code <= 0} or infinite: no limit
     */
    public SnapshotRelay(Coalescer<T> coalescer, Consumer<T> consumer, Executor fxThread, Delayer delayer, double maxHz) {
        this(coalescer, consumer, fxThread, delayer, maxHz, System::nanoTime);
    }

    SnapshotRelay(Coalescer<T> coalescer, Consumer<T> consumer, Executor fxThread, Delayer delayer, double maxHz,
                  LongSupplier clock) {
        this.pending = Objects.requireNonNull(coalescer, "coalescer");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
        this.delayer = Objects.requireNonNull(delayer, "delayer");
        this.minIntervalNanos = maxHz > 0 && Double.isFinite(maxHz) ? (long) (1e9 / maxHz) : 0;
        this.intervalNanos = minIntervalNanos;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Hands {@code value} over; returns at once. Any thread. */
    public void offer(T value) {
        Objects.requireNonNull(value, "value");
        long wait;
        synchronized (lock) {
            if (closed) {
                return;
            }
            offers++;
            pending.add(value);
            if (scheduled) {
                return;
            }
            scheduled = true;
            wait = lastDelivery + intervalNanos - clock.getAsLong();
        }
        if (wait > 0) {
            delayer.schedule(() -> fxThread.execute(this::deliver), wait);
        } else {
            fxThread.execute(this::deliver);
        }
    }

    private void deliver() {
        T value;
        synchronized (lock) {
            value = pending.take();
            scheduled = false;
            lastDelivery = clock.getAsLong();
            if (closed || value == null) {
                return;
            }
            deliveries++;
        }
        try {
            consumer.accept(value);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a dashboard update failed; the next one will try again", e);
        }
    }

    /**
     * Spaces deliveries at least {@code nanos} apart from now on (never closer than the maximum rate allows;
     * an unlimited relay stays unlimited). Any thread.
     */
    public void setInterval(long nanos) {
        intervalNanos = minIntervalNanos == 0 ? 0 : Math.max(minIntervalNanos, nanos);
    }

    /** The spacing of deliveries now, ns (0: none). */
    public long interval() {
        return intervalNanos;
    }

    /** Whether a delivery is queued or waiting for its time (0 or 1 of them). */
    public boolean isScheduled() {
        synchronized (lock) {
            return scheduled;
        }
    }

    /** Values offered so far. */
    public long offers() {
        synchronized (lock) {
            return offers;
        }
    }

    /** Deliveries made so far. */
    public long deliveries() {
        synchronized (lock) {
            return deliveries;
        }
    }

    /** Drops what is pending; nothing more is delivered. */
    public void close() {
        synchronized (lock) {
            closed = true;
            pending.clear();
        }
    }
}
