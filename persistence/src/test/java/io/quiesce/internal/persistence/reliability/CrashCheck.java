package io.quiesce.internal.persistence.reliability;

import io.quiesce.command.Command;
import io.quiesce.event.Event;
import io.quiesce.event.Event.PoolEvent;
import io.quiesce.event.Event.ServerAdded;
import io.quiesce.event.Event.ServiceEvent;
import io.quiesce.event.Event.SessionStarted;
import io.quiesce.formats.history.CommandCodec;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.Rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Judges one kill: what a reopened data directory holds against the commands the child sent and
 * the answers it had. The commands are decided again by the same rules from the state before the
 * run, in the order sent, which is the order the gatekeeper decided them. Each pool and service
 * writes its own journal, in that order, so each must show the effect of a prefix of the commands
 * that at least covers every acknowledged one; a command still in flight at the kill may be there
 * or not, but not on some of its services only. Then invariants I1-I6 (docs/behaviour.md) are checked on the result.
 */
final class CrashCheck {
    private CrashCheck() {
    }

    /** What a journal holds, as the state shows it: a pool, or one service of one server. */
    private sealed interface Key {
        Optional<?> in(Deployment d);
    }

    private record PoolKey(String pool) implements Key {
        @Override
        public Optional<?> in(Deployment d) {
            return d.pool(pool);
        }
    }

    private record ServiceKey(String server, String service) implements Key {
        @Override
        public Optional<?> in(Deployment d) {
            return d.server(server).map(s -> s.service(service));
        }
    }

    /**
     * @param inFlight         sent but not answered when the child was killed
     * @param inFlightRecorded of those, the ones whose effect the reopened directory shows
     * @param lost             acknowledged commands whose effect is missing
     */
    record Result(int sent, int acknowledged, int inFlight, int inFlightRecorded, int lost, List<String> violations) {
    }

    static Result check(Rules rules, Deployment before, SideLog.Entries run, Deployment recovered,
                        List<Event> history) {
        List<Command> sent = run.sent();
        Map<Integer, String> answers = run.answers();
        List<String> violations = new ArrayList<>();
        // states.get(j): after the first j commands; touched.get(k): what command k wrote to.
        List<Deployment> states = new ArrayList<>(List.of(before));
        List<Set<Key>> touched = new ArrayList<>();
        Set<String> acknowledgedSessions = new TreeSet<>();
        for (int k = 0; k < sent.size(); k++) {
            Deployment view = states.get(k);
            Decision decision = rules.decide(view, sent.get(k));
            String answer = answers.get(k);
            if (answer != null && !answer.equals(outcome(decision))) {
                violations.add("command " + k + " " + describe(sent.get(k)) + " was answered " + answer
                        + " but the rules decide " + outcome(decision) + " from the state before it");
            }
            List<Event> events = decision instanceof Decision.Accepted a ? a.events() : List.of();
            if (answer != null) {
                events.stream().filter(e -> e instanceof SessionStarted).map(e -> ((SessionStarted) e).session())
                        .forEach(acknowledgedSessions::add);
            }
            states.add(view.evolve(events));
            touched.add(keysOf(events));
        }

        Set<Integer> lost = new TreeSet<>();
        Map<Key, List<Integer>> prefixes = new HashMap<>();
        for (Key key : keysIn(states.get(sent.size()), recovered)) {
            int atLeast = IntStream.range(0, sent.size())
                    .filter(k -> answers.containsKey(k) && touched.get(k).contains(key)).max().orElse(-1) + 1;
            Optional<?> got = key.in(recovered);
            List<Integer> matching = IntStream.rangeClosed(0, sent.size())
                    .filter(j -> key.in(states.get(j)).equals(got)).boxed().toList();
            List<Integer> allowed = matching.stream().filter(j -> j >= atLeast).toList();
            if (allowed.isEmpty()) {
                int shown = matching.isEmpty() ? -1 : matching.get(matching.size() - 1);
                violations.add(key + " was recovered as " + got.orElse(null) + ", which is "
                        + (shown < 0 ? "the effect of no prefix of the commands" : "the effect of the first " + shown)
                        + "; it must show at least the first " + atLeast);
                for (int k = Math.max(shown, 0); k < atLeast; k++) {
                    if (answers.containsKey(k) && touched.get(k).contains(key)) {
                        lost.add(k);
                    }
                }
            }
            prefixes.put(key, allowed);
        }

        int inFlightRecorded = 0;
        for (int k = 0; k < sent.size(); k++) {
            if (answers.containsKey(k) || touched.get(k).isEmpty()) {
                continue;
            }
            boolean shown = false;
            boolean missing = false;
            for (Key key : touched.get(k)) {
                int command = k;
                List<Integer> allowed = prefixes.get(key);
                shown |= !allowed.isEmpty() && allowed.stream().allMatch(j -> j > command);
                missing |= !allowed.isEmpty() && allowed.stream().allMatch(j -> j <= command);
            }
            if (shown && missing) {
                violations.add("command " + k + " " + describe(sent.get(k)) + " is recorded on some of "
                        + touched.get(k) + " only");
            } else if (shown) {
                inFlightRecorded++;
            }
        }

        Set<String> started = new HashSet<>();
        for (Event e : history) {
            if (e instanceof SessionStarted s) {
                started.add(s.session());
            }
        }
        acknowledgedSessions.stream().filter(s -> !started.contains(s)).forEach(s ->
                violations.add("I3: acknowledged session " + s + " is not in the recovered history"));

        violations.addAll(SpecInvariants.check(rules.catalog(), recovered, history));
        return new Result(sent.size(), answers.size(), sent.size() - answers.size(), inFlightRecorded, lost.size(),
                violations);
    }

    /** The answer as the child logs it. */
    static String outcome(Decision decision) {
        return decision instanceof Decision.Rejected r ? "rejected " + r.rejection().code() : "accepted";
    }

    private static Set<Key> keysOf(List<Event> events) {
        Set<Key> keys = new LinkedHashSet<>();
        for (Event e : events) {
            if (e instanceof ServiceEvent se) {
                keys.add(new ServiceKey(se.server(), se.service()));
            } else if (e instanceof ServerAdded added) {
                // The server's services come into being with it.
                keys.add(new PoolKey(added.pool()));
                added.services().forEach(s -> keys.add(new ServiceKey(added.server(), s)));
            } else if (e instanceof PoolEvent pe) {
                keys.add(new PoolKey(pe.pool()));
            }
            // A ServerRestarted changes no state: its services' ServiceRestarted events do.
        }
        return keys;
    }

    private static Set<Key> keysIn(Deployment... deployments) {
        Set<Key> keys = new LinkedHashSet<>();
        for (Deployment d : deployments) {
            d.pools().keySet().forEach(p -> keys.add(new PoolKey(p)));
            d.servers().values().forEach(server -> server.services().keySet()
                    .forEach(s -> keys.add(new ServiceKey(server.name(), s))));
        }
        return keys;
    }

    private static String describe(Command command) {
        return CommandCodec.line(command);
    }
}
