package vqlens.train.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import vqlens.train.Checkpoint;
import vqlens.train.HeadMetrics;
import vqlens.train.SnapshotListener;
import vqlens.train.StepMetrics;
import vqlens.train.Subscription;
import vqlens.train.TrainerState;
import vqlens.train.TrainingEvent;
import vqlens.train.TrainingSettings;
import vqlens.train.TrainingSnapshot;

/**
 * Builds a trainer's snapshots and hands them to its listeners' mailboxes. Collects the steps and events
 * since the previous snapshot. Everything but {@link #latest()} and {@link #subscribe} runs on the
 * training thread.
 */
public final class SnapshotPublisher {
    private final long dataRows;
    private final List<SnapshotMailbox> mailboxes = new CopyOnWriteArrayList<>();
    private final List<StepMetrics> recentSteps = new ArrayList<>();
    private final List<TrainingEvent> recentEvents = new ArrayList<>();
    private volatile TrainingSnapshot latestSnapshot;
    private TrainingSnapshot lastWithRun;
    private StepMetrics latestStep;

    public SnapshotPublisher(long dataRows, TrainingSettings settings, Checkpoint resumeFrom) {
        this.dataRows = dataRows;
        this.latestSnapshot = beforeFirstStep(TrainerState.IDLE, settings, 0, resumeFrom);
    }

    /** The latest published snapshot; any thread. */
    public TrainingSnapshot latest() {
        return latestSnapshot;
    }

    /** Registers a listener (see {@code Trainer.addListener}); any thread. */
    public Subscription subscribe(SnapshotListener listener, Executor executor) {
        SnapshotMailbox mailbox = new SnapshotMailbox(listener, executor);
        mailboxes.add(mailbox);
        mailbox.offer(latestSnapshot);
        return new Subscription() {
            @Override
            public boolean awaitDelivered(Duration timeout) throws InterruptedException {
                return mailbox.awaitDelivered(timeout);
            }

            @Override
            public void close() {
                mailboxes.remove(mailbox);
                mailbox.close();
            }
        };
    }

    /** Keeps a step's metrics and events for the next snapshot. */
    public void record(StepResult result) {
        if (result.metrics() != null) {
            latestStep = result.metrics();
            recentSteps.add(result.metrics());
        }
        recentEvents.addAll(result.events());
    }

    public void addEvents(List<TrainingEvent> events) {
        recentEvents.addAll(events);
    }

    /** Forgets the run (a reset): the next snapshot is a fresh run's. */
    public void reset() {
        lastWithRun = null;
        latestStep = null;
        recentSteps.clear();
        recentEvents.clear();
    }

    /**
     * Builds the snapshot and offers it to every listener.
     *
     * @param trainingRun the training run, or {@code null} before the first step
     * @param resumeFrom the checkpoint a resumed trainer starts from, or {@code null}
     */
    public void publish(TrainerState state, TrainingSettings settings, double speedLimit, TrainingRun trainingRun,
                        Checkpoint resumeFrom) {
        TrainingSnapshot s;
        if (trainingRun == null) {
            s = beforeFirstStep(state, settings, speedLimit, resumeFrom);
        } else {
            TrainingRunView v = trainingRun.view(settings.hyper());
            boolean fresh = v.heads() != null;
            List<HeadMetrics> heads = fresh ? v.heads() : lastWithRun != null ? lastWithRun.heads() : List.of();
            double rate = fresh ? v.samplesPerSecond() : lastWithRun != null ? lastWithRun.samplesPerSecond() : 0;
            // VQ-VAE pictures: redrawn for every snapshot when not running, at most every 250 ms while running
            s = new TrainingSnapshot(state, settings, speedLimit, v.step(), v.epoch(), v.dataRows(), rate,
                    v.elapsedSeconds(), latestStep, heads, v.codebooks(), recentSteps, recentEvents,
                    trainingRun.vqvaeView(state != TrainerState.RUNNING));
            lastWithRun = s;
        }
        recentSteps.clear();
        recentEvents.clear();
        latestSnapshot = s;
        for (SnapshotMailbox m : mailboxes) {
            m.offer(s);
        }
    }

    /** The snapshot while no training run exists: nothing yet, or the checkpoint a resumed trainer starts from. */
    private TrainingSnapshot beforeFirstStep(TrainerState state, TrainingSettings settings, double speedLimit,
                                             Checkpoint c) {
        if (c == null) {
            return new TrainingSnapshot(state, settings, speedLimit, 0, 0, dataRows, 0, 0, null, List.of(), null,
                    recentSteps, recentEvents);
        }
        return new TrainingSnapshot(state, settings, speedLimit, c.state().step(), (double) c.state().rowsConsumed() / dataRows,
                dataRows, 0, c.state().elapsedSeconds(), null, List.of(), c.codebooks(), recentSteps, recentEvents);
    }
}
