package io.quiesce.hostile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, authorization on the command line (the API side is GatekeeperTest): every command that
 * changes something, run by a non-administrator, exits 4 with one line on stderr, and the journal
 * does not change. Each line would go ahead for an administrator, so the refusal is rule 16's.
 *
 * <p>The demo is not among them: it changes no one's deployment, since it runs in a directory of
 * its own, a new temporary one or an empty one given with {@code --data}, and refuses any other.
 */
class NonAdministratorTest {
    private static final String REFUSAL = "refused (NOT_AUTHORIZED): mallory is not a member of Administrators: ask"
            + " an administrator to do this.";

    @TempDir
    Path home;

    @Test
    void everyChangeIsRefusedToANonAdministratorAndRecordsNothing() {
        Path data = Deployed.at(home.resolve("data"));
        List<List<String>> changes = List.of(
                List.of("pool", "create", "pool3"), List.of("pool", "set", "pool1", "--dns-lb", "off"),
                List.of("server", "add", "pool1", "fe06"), List.of("pause", "fe01", "--deadline", "30m", "--force"),
                List.of("pause", "fe01", "--service", "RTCSRV"), List.of("resume", "fe02"),
                List.of("startup", "fe01", "manual"), List.of("stop", "fe02", "--force"), List.of("start", "fe03"),
                List.of("restart", "fe01", "--force"), List.of("connect", "pool1", "--feature", "calls"),
                List.of("end", "c1"), List.of("simulate", "pool1", "--duration", "1m"),
                List.of("simulate", "pool4", "--duration", "1m"));
        Map<String, String> shell = Map.of("QUIESCE_DATA", data.toString(), "QUIESCE_GROUPS", "Administrators");
        JournalFingerprint recorded = JournalFingerprint.of(data);
        for (List<String> change : changes) {
            List<String> args = new ArrayList<>(change);
            args.addAll(List.of("--as", "mallory", "--groups", "Users"));
            Invocation r = Invocation.run(home, shell, args.toArray(String[]::new));
            r.assertContract("a non-administrator");
            assertThat(r.exit()).as(r.toString()).isEqualTo(4);
            assertThat(r.err()).as(r.toString()).isEqualTo(REFUSAL + "\n");
            assertThat(r.out()).as(r.toString()).isEmpty();
            assertThat(JournalFingerprint.of(data)).as("nothing recorded: " + r).isEqualTo(recorded);
        }
    }
}
