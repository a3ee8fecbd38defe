package io.quiesce.history;

import io.quiesce.rules.Deployment;

import java.util.List;

/**
 * What a replay found: the findings, the totals of interrupted sessions and lost connections,
 * the refused command lines, the timeline, and the final state (at {@code --at}, if given).
 */
public record ReplayResult(List<Finding> findings, long interrupted, long lostConnections, List<Refusal> refusals,
                           Timeline timeline, Deployment state, int lines) {
    public ReplayResult {
        findings = List.copyOf(findings);
        refusals = List.copyOf(refusals);
    }
}
