package io.quiesce.properties;

import io.quiesce.ManualClock;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.event.Event;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The actor system on a real LevelDB directory, driven through the embedding API. */
final class LiveSystem implements AutoCloseable {
    private final ManualClock clock;
    private final QuiesceOptions options;
    private Quiesce quiesce;

    LiveSystem(Path directory, Instant start, int snapshotEvery) {
        this.clock = new ManualClock(start);
        this.options = QuiesceOptions.at(directory).withClock(clock).withFsync(false).withSnapshotEvery(snapshotEvery);
        this.quiesce = Quiesce.open(options);
    }

    Decision execute(Command command) {
        return quiesce.execute(command);
    }

    /** The export: every recorded event, as {@code quiesce history --export} writes them. */
    List<Event> history() {
        return quiesce.history();
    }

    Deployment status() {
        return quiesce.status();
    }

    void advance(Duration by) {
        clock.advance(by);
    }

    /**
     * Fires the deadlines that have passed and waits until they are recorded. The library queues
     * them ahead of any later command, so a command refused at once serves as the barrier.
     */
    void fireDueDeadlines() {
        quiesce.checkDeadlines();
        Decision barrier = quiesce.execute(new Command.End("~barrier", Act.of(Principals.ADMIN, clock.instant())));
        if (!(barrier instanceof Decision.Rejected)) {
            throw new IllegalStateException("the barrier command should have been refused: " + barrier);
        }
    }

    /**
     * The status once it equals {@code expected}, or the last one seen when {@code patience} runs
     * out: what the library does by itself after opening is recorded shortly after.
     */
    Deployment statusOnceEqual(Deployment expected, Duration patience) {
        long giveUp = System.nanoTime() + patience.toNanos();
        Deployment status = status();
        while (!status.equals(expected) && System.nanoTime() < giveUp) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return status;
            }
            status = status();
        }
        return status;
    }

    /** Restarts the process: close the library and open the same directory again. */
    void reopen() {
        quiesce.close();
        quiesce = Quiesce.open(options);
    }

    @Override
    public void close() {
        quiesce.close();
    }
}
