package io.quiesce;

import io.quiesce.auth.Principal;
import io.quiesce.command.Command;
import io.quiesce.event.Event;
import io.quiesce.internal.persistence.Engine;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.Plan;
import io.quiesce.rules.Rules;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * An open data directory: every pool, server and service of it, recorded in an embedded journal,
 * behind asynchronous and blocking calls. Open it, act through an {@link Operator}, close it:
 *
 * <pre>{@code
 * try (Quiesce q = Quiesce.open(Path.of("quiesce-data"))) {
 *     Operator alice = q.as(Principal.of("alice", "Administrators")).because("KB5031 patch");
 *     Decision d = alice.pause(Target.server("fe01"), PauseOptions.withDeadline(Duration.ofMinutes(30)));
 * }
 * }</pre>
 *
 * Every command is stamped with the library's clock ({@link QuiesceOptions#clock()}) when it is
 * submitted, so no caller can record a change in the future or the past. Only one process may
 * have a data directory open at a time.
 */
public final class Quiesce implements AutoCloseable {
    private final QuiesceOptions options;
    private final Engine engine;
    /** Replaced whole on each change, so every moment has one list to tell. */
    private volatile List<QuiesceListener> listeners = List.of();
    private volatile boolean closed;

    private Quiesce(QuiesceOptions options) {
        this.options = options;
        this.engine = Engine.open(options, () -> {
            List<QuiesceListener> now = listeners;
            return now.isEmpty() ? null : new Listeners(now);
        });
    }

    /** The listeners of one moment, told on the engine's notification thread. */
    private record Listeners(List<QuiesceListener> all) implements Engine.Observer {
        @Override
        public void recorded(Deployment before, List<Event> events, Deployment after) {
            all.forEach(l -> ListenerDispatch.dispatch(l, before, events, after));
        }

        @Override
        public void written(Duration took) {
            all.forEach(l -> ListenerDispatch.tell(l, x -> x.journalWritten(took)));
        }

        @Override
        public void decided(Command command, Decision decision) {
            all.forEach(l -> ListenerDispatch.tell(l, x -> x.decided(command, decision)));
        }

        @Override
        public void failed(Command command) {
            all.forEach(l -> ListenerDispatch.tell(l, x -> x.failed(command)));
        }
    }

    /**
     * Opens (creating if need be) a data directory with the default options.
     *
     * @throws DataDirectoryException when another process holds it, or it is damaged or not usable
     */
    public static Quiesce open(Path dataDirectory) {
        return open(QuiesceOptions.at(dataDirectory));
    }

    /**
     * Opens (creating if need be) the data directory of {@code options}, reading its journal back
     * and firing the pause deadlines that passed while it was closed.
     *
     * @throws DataDirectoryException when another process holds it, or it is damaged or not usable
     */
    public static Quiesce open(QuiesceOptions options) {
        return new Quiesce(options);
    }

    /**
     * Completes, saying why, once another process has taken over the pool this holds (opened
     * {@link QuiesceOptions#withPool with a pool}): from then on it records nothing, and the pool
     * goes on in that process. Never completes for a process that holds every pool.
     */
    public CompletionStage<String> takenOver() {
        return engine.takenOver();
    }

    /** The options this was opened with. */
    public QuiesceOptions options() {
        return options;
    }

    /** Where the journal and snapshots of this handle live. */
    public Path dataDirectory() {
        return engine.dataDirectory();
    }

    /** The rules every command is decided by: the catalog and the administrators group of the options. */
    /** The pools' rollouts: plan one, read one; drive one with {@code new RolloutRunner(rollouts(), ...)}. */
    public io.quiesce.internal.persistence.Rollouts rollouts() {
        return engine.rollouts();
    }

    public Rules rules() {
        return engine.rules();
    }

    /** The clock that stamps every command and runs pause deadlines. */
    public Clock clock() {
        return options.clock();
    }

    /** Commands on behalf of {@code principal}, each stamped with the library's clock. */
    public Operator as(Principal principal) {
        return new Operator(this, principal, null);
    }

    /**
     * Decides and records a command built elsewhere: a line of the history format read by
     * {@code CommandCodec}, say, as a server receives it. Its time is replaced by the library's
     * clock; who asks and why are kept. Completes once the events are in the journal, or with the
     * refusal; exceptionally with a {@link QuiesceException} when the journal fails or is too slow.
     *
     * @throws IllegalArgumentException for {@link Command.DeadlinePassed}: only the library's clock
     *                                  says a deadline passed
     */
    public CompletionStage<Decision> executeAsync(Command command) {
        ensureOpen();
        if (command instanceof Command.DeadlinePassed) {
            throw new IllegalArgumentException("deadlinePassed is recorded by the library when a pause deadline"
                    + " passes by its clock; it cannot be submitted: use checkDeadlines().");
        }
        return engine.submit(command.withAt(options.clock().instant()));
    }

    /**
     * {@link #executeAsync} and wait for the answer.
     *
     * @throws QuiesceException when the journal fails or gives no answer within the command timeout
     */
    public Decision execute(Command command) {
        return await(executeAsync(command));
    }

    /**
     * Every pool, server and service as last recorded (the one pool held, with
     * {@link QuiesceOptions#withPool}). Reading is open to everyone.
     */
    public CompletionStage<Deployment> statusAsync() {
        ensureOpen();
        return engine.status();
    }

    /** {@link #statusAsync} and wait for it. */
    public Deployment status() {
        return await(statusAsync());
    }

    /**
     * Every event recorded in the data directory, ordered by time, then in the order the
     * commands were decided: the history that {@code quiesce history --export}
     * writes and {@code quiesce replay} reads. With a journal database, every pool's: also when
     * this handle holds one pool ({@link QuiesceOptions#withPool}).
     */
    public List<Event> history() {
        ensureOpen();
        return engine.history();
    }

    /** What taking the server offline, or restarting it, would do now: sessions cut off, guards met. */
    public Plan plan(Target.Server server) {
        return rules().plan(status(), server.name(), options.clock().instant());
    }

    /** Fires pause deadlines that have passed by the clock (they also fire by themselves). */
    public void checkDeadlines() {
        ensureOpen();
        engine.checkDeadlines();
    }

    /** From now on, {@code listener} hears of what is recorded, on a thread of the library's own. */
    public synchronized void addListener(QuiesceListener listener) {
        List<QuiesceListener> more = new ArrayList<>(listeners);
        more.add(listener);
        listeners = List.copyOf(more);
    }

    /** {@code listener} hears nothing more (what is already on its way may still reach it). */
    public synchronized void removeListener(QuiesceListener listener) {
        List<QuiesceListener> fewer = new ArrayList<>(listeners);
        fewer.remove(listener);
        listeners = List.copyOf(fewer);
    }

    /** Waits for what was recorded to reach the listeners, stops the actors and releases the directory. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        engine.close();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this Quiesce handle is closed");
        }
    }

    <T> T await(CompletionStage<T> stage) {
        return engine.await(stage);
    }
}
