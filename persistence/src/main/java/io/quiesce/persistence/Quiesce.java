package io.quiesce.persistence;

import io.quiesce.auth.Authorization;
import io.quiesce.auth.Principal;
import io.quiesce.command.Command;
import io.quiesce.event.Event;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.Plan;
import io.quiesce.rules.Rules;
import org.apache.pekko.actor.typed.ActorSystem;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An open data directory: every pool, server and service of it as persistent actors, behind
 * asynchronous and blocking calls. Open it, use it, close it:
 *
 * <pre>{@code
 * try (Quiesce q = Quiesce.open(Path.of("quiesce-data"))) {
 *     Decision d = q.as(Principal.of("alice", "Administrators")).pause("fe01", null, null, false);
 * }
 * }</pre>
 *
 * Only one process may have a data directory open at a time.
 */
public final class Quiesce implements AutoCloseable {
    private final QuiesceOptions options;
    private final DataDirectory directory;
    private final ActorSystem<Gatekeeper.Message> system;
    private final Rules rules;
    private final List<QuiesceListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService notifications;
    private final ExecutorService replies;
    private final Rollouts rollouts;
    private final Object submissionOrder = new Object();
    private CompletableFuture<Void> submitted = CompletableFuture.completedFuture(null);
    private volatile boolean closed;

    private Quiesce(QuiesceOptions options, DataDirectory directory) {
        this.options = options;
        this.directory = directory;
        this.rules = new Rules(options.catalog(), new Authorization(options.adminGroup()));
        this.notifications = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "quiesce-listeners");
            t.setDaemon(true);
            return t;
        });
        this.replies = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "quiesce-replies");
            t.setDaemon(true);
            return t;
        });
        CompletableFuture<Void> ready = new CompletableFuture<>();
        // Logging is set up before the actor system logs, so SLF4J has nothing to replay on stderr.
        org.slf4j.LoggerFactory.getILoggerFactory();
        Gatekeeper.Settings settings = new Gatekeeper.Settings(rules, options.clock(), options.snapshotEvery(),
                options.maxPending(), options.commandTimeout(), options.recoveryTimeout(), replies);
        Notifications notifier = new Notifications(listeners, notifications);
        this.system = ActorSystem.create(Gatekeeper.create(settings, notifier, ready), "quiesce",
                PekkoConfig.forDirectory(directory, options));
        try {
            ready.get(options.recoveryTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            shutdown();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new DataDirectoryException(directory.root(), "cannot open data directory " + directory.root()
                    + ": " + cause.getMessage(), cause);
        }
        this.rollouts = new Rollouts(this, system);
    }

    /** Opens (creating if need be) a data directory with the default options. */
    public static Quiesce open(Path dataDirectory) {
        return open(QuiesceOptions.at(dataDirectory));
    }

    public static Quiesce open(QuiesceOptions options) {
        DataDirectory directory = DataDirectory.open(options.dataDirectory());
        try {
            JournalCheck.verify(directory);
            return new Quiesce(options, directory);
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    public Path dataDirectory() {
        return directory.root();
    }

    public Rules rules() {
        return rules;
    }

    public Clock clock() {
        return options.clock();
    }

    java.time.Duration commandTimeout() {
        return options.commandTimeout();
    }

    /** Commands on behalf of this principal, stamped with the library's clock. */
    public Operator as(Principal principal) {
        return new Operator(this, principal, null);
    }

    /** The pools' rollouts: plan, start, resume, abort (see {@link RolloutRunner}). */
    public Rollouts rollouts() {
        return rollouts;
    }

    /**
     * Decides and records a command; completes once it is in the journal (or refused). A command on
     * a server under rollout is refused unless forced (ROLLOUT_IN_PROGRESS).
     */
    public CompletionStage<Decision> submit(Command command) {
        ensureOpen();
        CompletableFuture<Decision> answer = new CompletableFuture<>();
        synchronized (submissionOrder) {
            // Commands reach the gatekeeper in the order they were submitted, also when one waits for the guard.
            submitted = submitted.thenCompose(ready -> rollouts.guard(command)).handle((refusal, failure) -> {
                if (failure != null) {
                    answer.completeExceptionally(new QuiesceException("cannot check whether " + command.verb()
                            + " concerns a server under rollout: " + failure.getMessage(), failure));
                } else if (refusal.isPresent()) {
                    answer.complete(new Decision.Rejected(refusal.get(), List.of()));
                } else {
                    submitPastRolloutGuard(command).whenComplete((decision, error) -> {
                        if (error != null) {
                            answer.completeExceptionally(error);
                        } else {
                            answer.complete(decision);
                        }
                    });
                }
                return null;
            });
        }
        return answer;
    }

    /** {@link #submit} for a rollout's own steps. */
    CompletionStage<Decision> submitPastRolloutGuard(Command command) {
        ensureOpen();
        CompletableFuture<Gatekeeper.Reply> reply = new CompletableFuture<>();
        system.tell(new Gatekeeper.Submit(command, reply));
        return reply.orTimeout(options.commandTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((r, timeout) -> {
                    if (timeout != null) {
                        // Async callers get a QuiesceException too, as the blocking form gives.
                        throw noAnswer(timeout);
                    }
                    if (r instanceof Gatekeeper.Failed failed) {
                        throw new QuiesceException(failed.message());
                    }
                    return ((Gatekeeper.Decided) r).decision();
                });
    }

    /** {@link #submit} and wait for the answer. */
    public Decision execute(Command command) {
        return await(submit(command));
    }

    /** Every pool, server and service as last recorded. Reading is open to everyone. */
    public CompletionStage<Deployment> statusAsync() {
        ensureOpen();
        CompletableFuture<Deployment> reply = new CompletableFuture<>();
        system.tell(new Gatekeeper.GetDeployment(reply));
        return reply.orTimeout(options.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    public Deployment status() {
        return await(statusAsync());
    }

    /**
     * Every event recorded in the data directory, ordered by time, then in the order the
     * commands were decided: the history that {@code quiesce history --export}
     * writes and {@code quiesce replay} reads.
     */
    public List<Event> history() {
        ensureOpen();
        return JournalHistory.read(system, options.recoveryTimeout());
    }

    /** What taking the server offline, or restarting it, would do now (rule 15). */
    public Plan plan(String server) {
        return rules.plan(status(), server, options.clock().instant());
    }

    /** Fires pause deadlines that have passed by the clock (they also fire by themselves). */
    public void checkDeadlines() {
        ensureOpen();
        system.tell(Gatekeeper.CheckDeadlines.INSTANCE);
    }

    public void addListener(QuiesceListener listener) {
        listeners.add(listener);
    }

    public void removeListener(QuiesceListener listener) {
        listeners.remove(listener);
    }

    /** Waits for what was recorded to reach the listeners, stops the actors and releases the directory. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        awaitEntities();
        shutdown();
    }

    /** Lets entities spawned since opening finish reading the journal before it is closed. */
    private void awaitEntities() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        system.tell(new Gatekeeper.AwaitEntities(done));
        try {
            // A gatekeeper that has stopped answers nothing; the system then terminates by itself.
            CompletableFuture.anyOf(done, system.getWhenTerminated().toCompletableFuture())
                    .get(options.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Close anyway: the caller asked for it, and a stuck entity must not keep the directory locked.
        }
    }

    private void shutdown() {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            notifications.shutdown();
            notifications.awaitTermination(10, TimeUnit.SECONDS);
            replies.shutdown();
            replies.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The journal is closed by the actor system's termination; nothing more can be done here.
        } finally {
            directory.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this Quiesce handle is closed");
        }
    }

    <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QuiesceException("interrupted while waiting for an answer", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            if (cause instanceof QuiesceException q) {
                throw q;
            }
            if (cause instanceof TimeoutException) {
                throw noAnswer(cause);
            }
            throw new QuiesceException("the command failed: " + cause.getMessage(), cause);
        }
    }

    private QuiesceException noAnswer(Throwable timeout) {
        return new QuiesceException("no answer within " + options.commandTimeout() + ": the journal may be slow or"
                + " stuck; check the data directory " + directory.root(), timeout);
    }

    /** Hands recorded events to the listeners on their own thread, in journal order. */
    private record Notifications(List<QuiesceListener> listeners, ExecutorService executor)
            implements Gatekeeper.Notifier {
        @Override
        public void recorded(Deployment before, List<Event> events, Deployment after) {
            if (listeners.isEmpty()) {
                return;
            }
            executor.execute(() -> listeners.forEach(l -> ListenerDispatch.dispatch(l, before, events, after)));
        }
    }
}
