package io.quiesce.internal.persistence;

import io.quiesce.DataDirectoryException;
import io.quiesce.QuiesceException;
import io.quiesce.QuiesceOptions;
import io.quiesce.auth.Authorization;
import io.quiesce.command.Command;
import io.quiesce.event.Event;
import io.quiesce.internal.persistence.journal.OpenStores;
import io.quiesce.internal.persistence.journal.postgres.PostgresJournal;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.RejectionCode;
import io.quiesce.rules.Rules;
import org.apache.pekko.actor.typed.ActorSystem;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The actor system, journal and data directory behind {@link io.quiesce.Quiesce}. Not an API:
 * it is public only because {@code io.quiesce.Quiesce} lives in another package, and it takes
 * commands exactly as stamped. Embed {@link io.quiesce.Quiesce} instead.
 */
public final class Engine implements AutoCloseable {
    /** Who is told of what happens, as they are at the moment it happens. */
    public interface Audience {
        /**
         * The observer of this moment (someone who starts listening later does not hear of it), or null
         * while nobody listens: the engine then skips the hand-over to its notification thread.
         */
        Observer now();
    }

    /** Told of what each decision recorded, on a thread of the engine's own, in journal order. */
    public interface Observer {
        /** The state before a decision, the events it recorded, and the state after them. */
        void recorded(Deployment before, List<Event> events, Deployment after);

        /** A batch's journal writes finished (all of them, failed or not) this long after they were issued. */
        void written(Duration took);

        /** A command was decided (accepted, unchanged or refused). */
        void decided(Command command, Decision decision);

        /** A command got no decision: the journal failed or did not answer in time. */
        void failed(Command command);
    }

    private final QuiesceOptions options;
    private final DataDirectory directory;
    private final Rules rules;
    private final ActorSystem<Gatekeeper.Message> system;
    private final ExecutorService notifications;
    private final ExecutorService replies;
    private final Audience audience;
    private final Rollouts rollouts;
    private final Object submissionOrder = new Object();
    private CompletableFuture<Void> submitted = CompletableFuture.completedFuture(null);

    private Engine(QuiesceOptions options, DataDirectory directory, Audience audience) {
        this.options = options;
        this.directory = directory;
        // Opens the journal: the pools held apart are listed from it.
        com.typesafe.config.Config config = PekkoConfig.forDirectory(directory, options);
        this.rules = new Rules(options.catalog(), new Authorization(options.adminGroup()));
        this.notifications = Executors.newSingleThreadExecutor(r -> daemon(r, "quiesce-listeners"));
        this.replies = Executors.newSingleThreadExecutor(r -> daemon(r, "quiesce-replies"));
        CompletableFuture<Void> ready = new CompletableFuture<>();
        // Logging is set up before the actor system logs, so SLF4J has nothing to replay on stderr.
        org.slf4j.LoggerFactory.getILoggerFactory();
        Gatekeeper.Settings settings = new Gatekeeper.Settings(rules, options.clock(), options.snapshotEvery(),
                options.maxPending(), options.commandTimeout(), options.recoveryTimeout(), replies, options.pool(),
                directory.poolsHeldApart());
        this.audience = audience;
        Gatekeeper.Notifier notifier = new Gatekeeper.Notifier() {
            @Override
            public void recorded(Deployment before, List<Event> events, Deployment after) {
                tell(o -> o.recorded(before, events, after));
            }

            @Override
            public void written(Duration took) {
                tell(o -> o.written(took));
            }
        };
        this.system = ActorSystem.create(Gatekeeper.create(settings, notifier, ready), "quiesce", config);
        // Also while opening: a pause deadline that opening fires is then refused at once.
        directory.takenOver().thenAccept(reason -> system.tell(new Gatekeeper.TakenOver(reason)));
        try {
            ready.get(options.recoveryTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            shutdown();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new DataDirectoryException(directory.root(), "cannot open data directory " + directory.root()
                    + ": " + cause.getMessage(), cause);
        }
        this.rollouts = new Rollouts(this, system);
        PostgresJournal heldApart = directory.poolJournal();
        if (heldApart != null) {
            try {
                // A pool created by a process that held every pool has servers whose names nobody claimed.
                heldApart.claimServers(status().toCompletableFuture().get().servers().keySet());
            } catch (ExecutionException | InterruptedException | IOException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                shutdown();
                throw new DataDirectoryException(directory.root(), "cannot claim the servers of pool "
                        + options.pool() + ": " + e.getMessage(), e);
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Locks and checks the data directory, then starts the actors and waits until they have recovered. */
    public static Engine open(QuiesceOptions options, Audience audience) {
        if (options.pool() != null && options.journal() == null) {
            throw new IllegalArgumentException("holding pool " + options.pool() + " alone needs the journal database"
                    + " it shares with the processes that hold the other pools: give it with withJournal(...)");
        }
        DataDirectory directory = DataDirectory.open(options.dataDirectory());
        try {
            if (options.journal() == null) {
                // The embedded LevelDB only: PostgreSQL checks its own pages.
                JournalCheck.verify(directory);
            }
            return new Engine(options, directory, audience);
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** Where the journal lives. */
    public Path dataDirectory() {
        return directory.root();
    }

    /** The rules every command is decided by. */
    public Rules rules() {
        return rules;
    }

    /** The pools' rollouts: plan, start, resume, abort (see {@link RolloutRunner}). */
    public Rollouts rollouts() {
        return rollouts;
    }

    QuiesceOptions options() {
        return options;
    }

    /**
     * Decides and records a command at the time it carries; completes once it is in the journal (or
     * refused). A command on a server under rollout is refused unless forced (ROLLOUT_IN_PROGRESS).
     */
    public CompletionStage<Decision> submit(Command command) {
        CompletableFuture<Decision> answer = new CompletableFuture<>();
        Optional<String> elsewhere = PoolScope.refusal(options.pool(), command);
        if (elsewhere.isPresent()) {
            tell(o -> o.failed(command));
            answer.completeExceptionally(new QuiesceException(elsewhere.get()));
            return answer;
        }
        PostgresJournal heldApart = directory.poolJournal();
        if (heldApart != null && command instanceof Command.AddServer add) {
            return addServerHeldApart(heldApart, add);
        }
        return submitInOrder(command);
    }

    /**
     * Other processes hold the other pools, whose servers this one does not see: a server's name is
     * claimed for this pool in the database before the server is added, and given back when it was not.
     */
    private CompletionStage<Decision> addServerHeldApart(PostgresJournal journal, Command.AddServer add) {
        Optional<String> other;
        try {
            other = journal.claimServer(add.server());
        } catch (IOException e) {
            tell(o -> o.failed(add));
            return CompletableFuture.failedFuture(new QuiesceException(e.getMessage(), e));
        }
        if (other.isPresent()) {
            Decision refused = Decision.reject(RejectionCode.SERVER_EXISTS, "server " + add.server()
                    + " is already in pool " + other.get() + ": choose another name.");
            tell(o -> o.decided(add, refused));
            return CompletableFuture.completedFuture(refused);
        }
        return submitInOrder(add).thenCompose(decision -> decision instanceof Decision.Accepted
                ? CompletableFuture.completedFuture(decision)
                : status().handle((now, failure) -> {
                    if (now != null && !now.servers().containsKey(add.server())) {
                        try {
                            journal.unclaimServer(add.server());
                        } catch (IOException e) {
                            // The name stays reserved for this pool: safe, and the refusal stands.
                        }
                    }
                    return decision;
                }));
    }

    private CompletionStage<Decision> submitInOrder(Command command) {
        CompletableFuture<Decision> answer = new CompletableFuture<>();
        synchronized (submissionOrder) {
            // Commands reach the gatekeeper in the order they were submitted, also when one waits for the guard.
            submitted = submitted.thenCompose(ready -> rollouts.guard(command)).handle((refusal, failure) -> {
                if (failure != null) {
                    tell(o -> o.failed(command));
                    answer.completeExceptionally(new QuiesceException("cannot check whether " + command.verb()
                            + " concerns a server under rollout: " + failure.getMessage(), failure));
                } else if (refusal.isPresent()) {
                    Decision refused = new Decision.Rejected(refusal.get(), List.of());
                    tell(o -> o.decided(command, refused));
                    answer.complete(refused);
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
        CompletableFuture<Gatekeeper.Reply> reply = new CompletableFuture<>();
        system.tell(new Gatekeeper.Submit(command, reply));
        return reply.orTimeout(options.commandTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((r, timeout) -> {
                    if (timeout != null) {
                        tell(o -> o.failed(command));
                        // Async callers get a QuiesceException too, as the blocking form gives.
                        throw noAnswer(timeout);
                    }
                    if (r instanceof Gatekeeper.Failed failed) {
                        tell(o -> o.failed(command));
                        throw new QuiesceException(failed.message());
                    }
                    Decision decision = ((Gatekeeper.Decided) r).decision();
                    tell(o -> o.decided(command, decision));
                    return decision;
                });
    }

    /**
     * Hands something to the observer of this moment on the notification thread, in order; skipped while
     * nobody listens. The observer is taken here, not on that thread, so whoever starts listening after a
     * caller got its answer does not hear of what that answer was about.
     */
    private void tell(Consumer<Observer> what) {
        Observer now = audience.now();
        if (now == null) {
            return;
        }
        try {
            notifications.execute(() -> what.accept(now));
        } catch (RejectedExecutionException e) {
            // Closing: what is told after that is of no use to anyone.
        }
    }

    /**
     * Every pool, server and service as the journal last acknowledged them. No answer in time is a
     * {@link QuiesceException}, as for a command, also for asynchronous callers.
     */
    public CompletionStage<Deployment> status() {
        CompletableFuture<Deployment> reply = new CompletableFuture<>();
        system.tell(new Gatekeeper.GetDeployment(reply));
        return reply.orTimeout(options.commandTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(
                        failure instanceof TimeoutException ? noAnswer(failure) : failure));
    }

    /**
     * Refuses a change to {@code pool} when this engine holds another pool only.
     *
     * @throws QuiesceException naming the pool this engine holds
     */
    void requireHeld(String pool, String what) {
        if (options.pool() != null && !options.pool().equals(pool)) {
            throw new QuiesceException(PoolScope.elsewhere(options.pool(), what + " on pool " + pool));
        }
    }

    /**
     * Every recorded event, ordered by time, then in the order the commands were decided: of the whole
     * journal, also when this engine holds one pool of a shared journal database.
     */
    public List<Event> history() {
        return JournalHistory.read(system, options.recoveryTimeout());
    }

    /**
     * Completes, saying so, once another process has taken over the pool this engine holds (a pool of
     * a shared journal database); never for an engine that holds every pool.
     */
    public CompletionStage<String> takenOver() {
        return OpenStores.get(system.settings().config().getString(PekkoConfig.STORE_KEY)) instanceof PostgresJournal
                journal ? journal.takenOver() : new CompletableFuture<>();
    }

    /** Fires pause deadlines that have passed by the clock. */
    public void checkDeadlines() {
        system.tell(Gatekeeper.CheckDeadlines.INSTANCE);
    }

    /** The error a caller gets when no answer came in time. */
    public QuiesceException noAnswer(Throwable timeout) {
        return new QuiesceException("no answer within " + options.commandTimeout() + ": the journal may be slow or"
                + " stuck; check the data directory " + directory.root(), timeout);
    }

    /** Waits for an answer of this engine, turning a failure into a {@link QuiesceException}. */
    public <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QuiesceException("interrupted while waiting for an answer", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c
                    && c.getCause() != null ? c.getCause() : e.getCause();
            if (cause instanceof QuiesceException q) {
                throw q;
            }
            if (cause instanceof java.util.concurrent.TimeoutException) {
                throw noAnswer(cause);
            }
            throw new QuiesceException("the command failed: " + cause.getMessage(), cause);
        }
    }

    /** Waits for what was recorded to reach the observer, stops the actors and releases the directory. */
    @Override
    public void close() {
        awaitEntities();
        shutdown();
    }

    /**
     * Lets entities spawned since opening finish reading the journal before it is closed, and services
     * snapshot what the next opening would otherwise replay.
     */
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
}
