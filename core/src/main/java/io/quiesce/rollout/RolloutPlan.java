package io.quiesce.rollout;

import io.quiesce.rules.Plan.SessionView;
import io.quiesce.rules.Rejection;

import java.util.List;

/**
 * What a rollout would do, predicted from the pool as it is now: the batches in order, the guard
 * each batch meets, and the sessions each server would interrupt under each {@link OnTimeout}.
 * When the pool cannot be rolled, {@code obstacles} says why and there are no batches.
 */
public record RolloutPlan(String pool, int maxUnavailable, List<Batch> batches, List<Rejection> obstacles) {
    public RolloutPlan {
        batches = List.copyOf(batches);
        obstacles = List.copyOf(obstacles);
    }

    public boolean possible() {
        return obstacles.isEmpty();
    }

    /** The servers of each batch, as a rollout records its schedule. */
    public List<List<String>> schedule() {
        return batches.stream().map(b -> b.servers().stream().map(ServerPlan::server).toList()).toList();
    }

    /**
     * Servers out at the same time.
     *
     * @param capacity how the capacity guard holds while they are paused (a pause meets it)
     * @param quorum   how the quorum guard holds while they are offline (a stop meets it)
     */
    public record Batch(int number, List<ServerPlan> servers, String capacity, String quorum) {
        public Batch {
            servers = List.copyOf(servers);
        }
    }

    /**
     * One server of a batch.
     *
     * @param sessions    its sessions now: waited for under {@code wait}, interrupted under {@code force}
     *                    if they outlast the drain timeout, the reason to stop under {@code abort}
     * @param notRerouted features whose new sessions still land on it while paused, because the pool
     *                    has no DNS load balancing: under {@code force} these may be interrupted too
     */
    public record ServerPlan(String server, List<SessionView> sessions, List<String> notRerouted) {
        public ServerPlan {
            sessions = List.copyOf(sessions);
            notRerouted = List.copyOf(notRerouted);
        }

        /** At most how many of the sessions there now are interrupted, under each choice. */
        public int interrupted(OnTimeout onTimeout) {
            return switch (onTimeout) {
                case WAIT, ABORT -> 0;
                case FORCE -> sessions.size();
            };
        }
    }
}
