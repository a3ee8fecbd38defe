package io.quiesce.cli.serve;

import io.quiesce.internal.persistence.RolloutRunner;
import io.quiesce.rollout.RolloutState;

/**
 * One run of a pool's rollout driven by the server, from a start or a resume until it completes or
 * stops: its progress lines, and how it ended. A resume of the same rollout is a new run.
 */
final class DrivenRollout {
    private final String id;
    private final String pool;
    private final ProgressLog log;
    private RolloutRunner runner;
    private volatile Thread thread;
    /** True while the patch command runs: stopping the server then must not interrupt it. */
    private volatile boolean patching;
    private volatile RolloutState end;
    private volatile String failure;
    private volatile boolean finished;

    DrivenRollout(String id, String pool, ProgressLog log) {
        this.id = id;
        this.pool = pool;
        this.log = log;
    }

    String id() {
        return id;
    }

    String pool() {
        return pool;
    }

    ProgressLog log() {
        return log;
    }

    RolloutRunner runner() {
        return runner;
    }

    void runner(RolloutRunner runner) {
        this.runner = runner;
    }

    Thread thread() {
        return thread;
    }

    void thread(Thread thread) {
        this.thread = thread;
    }

    boolean patching() {
        return patching;
    }

    void patching(boolean now) {
        patching = now;
    }

    /** The state it ended in; null while it runs, or when it failed before its state could be read. */
    RolloutState end() {
        return end;
    }

    /** Why the server stopped driving it before it ended (the journal stopped answering); null otherwise. */
    String failure() {
        return failure;
    }

    void ended(RolloutState state, String why) {
        failure = why;
        end = state;
        finished = true;
    }

    boolean running() {
        return !finished;
    }
}
