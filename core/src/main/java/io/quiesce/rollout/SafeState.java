package io.quiesce.rollout;

/**
 * Where a rollout that stopped left a server, named so an operator knows what to do next. Every
 * one is safe: a server is either serving as before, or kept out by a pause and a manual startup
 * type, or offline with a manual startup type so nothing brings it back by itself.
 */
public enum SafeState {
    UNTOUCHED("running as before; not rolled"),
    RUNNING_STARTUP_MANUAL("running, startup manual: set its startup type back with startup"),
    PAUSED_STARTUP_MANUAL("paused, startup manual: resume it and set its startup type back, or roll it by hand"),
    OFFLINE_STARTUP_MANUAL("offline, startup manual, not patched: patch it, then start it"),
    OFFLINE_PATCH_UNFINISHED("offline, startup manual, patch outcome never recorded: check the patch by hand,"
            + " then start it"),
    OFFLINE_PATCH_FAILED("offline, startup manual, patch failed: fix the patch, then start it"),
    OFFLINE_PATCHED("offline, startup manual, patched: start it"),
    RUNNING_PATCHED_STARTUP_MANUAL("running, patched, startup manual: set its startup type back with startup"),
    ROLLED("rolled: patched and back as it was");

    private final String advice;

    SafeState(String advice) {
        this.advice = advice;
    }

    /** What it means and what to do, in one line. */
    public String advice() {
        return advice;
    }
}
