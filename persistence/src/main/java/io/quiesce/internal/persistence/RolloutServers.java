package io.quiesce.internal.persistence;

import io.quiesce.auth.Principal;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.Plan;
import io.quiesce.service.StartupType;

/**
 * The one place a rollout acts on servers: the same commands an administrator would give, on
 * behalf of whoever started the rollout and with its reason, past the guard that keeps other
 * hands off servers under rollout.
 */
final class RolloutServers {
    private final Rollouts rollouts;
    private final Engine quiesce;
    private final Principal principal;
    private final String reason;

    RolloutServers(Rollouts rollouts, Principal principal, String reason) {
        this.rollouts = rollouts;
        this.quiesce = rollouts.engine();
        this.principal = principal;
        this.reason = reason;
    }

    private Act act() {
        return new Act(principal, now(), reason);
    }

    private Decision run(Command command) {
        return rollouts.await(quiesce.submitPastRolloutGuard(command));
    }

    Decision startup(String server, String service, StartupType type) {
        return run(new Command.SetStartup(server, service, type, act()));
    }

    Decision pause(String server) {
        return run(new Command.Pause(server, null, null, false, act()));
    }

    Decision stop(String server, boolean force) {
        return run(new Command.Stop(server, null, force, act()));
    }

    Decision start(String server, String service) {
        return run(new Command.Start(server, service, act()));
    }

    Decision resume(String server) {
        return run(new Command.Resume(server, null, act()));
    }

    Deployment status() {
        return rollouts.await(quiesce.status());
    }

    Plan plan(String server) {
        return quiesce.rules().plan(status(), server, now());
    }

    java.time.Instant now() {
        return quiesce.options().clock().instant();
    }
}
