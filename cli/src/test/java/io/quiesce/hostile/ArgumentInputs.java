package io.quiesce.hostile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Command lines: every command of docs/cli.md with plausible values, then damaged token by
 * token (dropped, repeated, swapped, odd values, unknown options, characters flipped) or made up
 * of the command line's own words in no order.
 */
final class ArgumentInputs {
    private static final List<String> TEMPLATES = List.of(
            "pool create $POOL", "pool create $POOL --no-dns-lb --reason $TEXT", "pool set $POOL --dns-lb $ONOFF",
            "server add $POOL $SERVER", "server add $POOL $SERVER --role $ROLE",
            "pause $SERVER", "pause $SERVER --service $SERVICE --deadline $DURATION --reason $TEXT --force",
            "resume $SERVER --service $SERVICE", "startup $SERVER $TYPE", "startup $SERVER $TYPE --service $SERVICE",
            "stop $SERVER --force", "stop $SERVER --service $SERVICE", "start $SERVER", "restart $SERVER --force",
            "connect $POOL --feature $FEATURE", "connect $POOL --feature $FEATURE --id $SESSION", "end $SESSION",
            "status", "status $POOL --json", "plan $SERVER", "history", "history --server $SERVER --json",
            "history --export $EXPORT", "replay $HISTORY", "replay $HISTORY --at $TIME --json",
            "replay $HISTORY --what-if $WHATIF --report $REPORT",
            "simulate $POOL --duration $DURATION --rate 5 --seed 7",
            "simulate $POOL --servers fe01,fe02 --no-dns-lb --mean $DURATION --at $STEP",
            "simulate $POOL --script $SCRIPT", "demo", "--version", "pause --help");
    /** The commands that open the data directory, and nothing else. */
    private static final List<String> ON_THE_DATA_DIRECTORY = TEMPLATES.stream()
            .filter(t -> !t.startsWith("replay") && !t.startsWith("simulate") && !t.startsWith("demo")
                    && !t.startsWith("--") && !t.contains("--help")).toList();
    private static final List<String> GLOBAL = List.of("--json", "--as $NAME", "--groups $GROUPS",
            "--admin-group $GROUP", "--catalog $CATALOG", "--data $DATA");
    private static final List<String> OPTIONS = List.of("--json", "--as", "--groups", "--admin-group", "--catalog",
            "--data", "--service", "--deadline", "--reason", "--force", "--feature", "--id", "--role", "--dns-lb",
            "--no-dns-lb", "--server", "--export", "--at", "--what-if", "--report", "--servers", "--rate", "--mean",
            "--duration", "--seed", "--script", "--help", "-h", "-V", "--version", "--bogus", "-x", "-", "--");
    private static final List<String> COMMANDS = List.of("pool", "create", "set", "server", "add", "pause", "resume",
            "startup", "stop", "start", "restart", "connect", "end", "status", "plan", "history", "replay",
            "simulate", "demo", "help");

    private final Map<String, List<String>> values;

    /**
     * @param files the names to use for files and the data directory: keys HISTORY, SCRIPT, CATALOG, EXPORT,
     *              REPORT, DATA
     */
    ArgumentInputs(Map<String, List<String>> files) {
        values = new HashMap<>(Map.ofEntries(
                Map.entry("POOL", List.of("pool1", "pool2", "pool9")),
                Map.entry("SERVER", List.of("fe01", "fe02", "fe04", "fe09")),
                Map.entry("SERVICE", List.of("RTCSRV", "Lync Server Front-End", "rtccps", "Front-End", "RTCNOPE")),
                Map.entry("FEATURE", List.of("calls", "im", "call-park", "attendant", "telepathy")),
                Map.entry("SESSION", List.of("c1", "c2", "c9")),
                Map.entry("DURATION", List.of("30m", "PT30M", "90s", "1h30m", "2h")),
                Map.entry("TYPE", List.of("automatic", "manual", "disabled", "MANUAL")),
                Map.entry("ONOFF", List.of("on", "off")),
                Map.entry("ROLE", List.of("lync2013-frontend", "edge")),
                Map.entry("TEXT", List.of("monthly patches", "KB5031")),
                Map.entry("TIME", List.of("2026-11-20T22:05:00Z", "2026-11-20T22:05:00.5Z")),
                Map.entry("WHATIF", List.of("startup.fe01=manual", "dnsLoadBalancing.pool1=off")),
                Map.entry("STEP", List.of("30s pause fe01", "1m restart fe01 --force")),
                Map.entry("NAME", List.of("alice", "mallory")),
                Map.entry("GROUPS", List.of("Administrators", "Users", "Users,Administrators")),
                Map.entry("GROUP", List.of("Administrators", "Operators"))));
        values.putAll(files);
    }

    /** A command line of the documented commands, each value picked among plausible ones. */
    private List<String> plausible(List<String> templates, SplittableRandom r) {
        List<String> words = new ArrayList<>(Arrays.asList(Mutations.pick(templates, r).split(" ")));
        int globals = r.nextInt(3);
        for (int i = 0; i < globals; i++) {
            // Options every command takes go after it, or now and then before it, where picocli also takes them.
            words.addAll(r.nextInt(4) == 0 ? 0 : words.size(), Arrays.asList(Mutations.pick(GLOBAL, r).split(" ")));
        }
        return words.stream().map(w -> w.startsWith("$") ? Mutations.pick(values.get(w.substring(1)), r) : w)
                .toList();
    }

    /** A plausible line after one to four damages, or now and then a line of shuffled words. */
    String[] next(SplittableRandom r) {
        if (r.nextInt(20) == 0) {
            return made(r);
        }
        List<String> words = new ArrayList<>(plausible(TEMPLATES, r));
        int damages = 1 + r.nextInt(4);
        for (int i = 0; i < damages; i++) {
            damage(words, r);
        }
        return words.toArray(String[]::new);
    }

    /**
     * A line of a command that opens the data directory, whose values (not its command, its options
     * or the directory) may be damaged: most get as far as the directory.
     */
    String[] withOddValues(SplittableRandom r) {
        List<String> words = new ArrayList<>(plausible(ON_THE_DATA_DIRECTORY, r));
        for (int i = 0; i < words.size(); i++) {
            boolean value = !words.get(i).startsWith("-") && !COMMANDS.contains(words.get(i))
                    && (i == 0 || !words.get(i - 1).equals("--data"));
            if (value && r.nextInt(3) == 0) {
                words.set(i, r.nextBoolean() ? Mutations.oddValue(r) : Mutations.damage(words.get(i), r));
            }
        }
        return words.toArray(String[]::new);
    }

    private static void damage(List<String> words, SplittableRandom r) {
        int at = words.isEmpty() ? 0 : r.nextInt(words.size());
        int other = words.isEmpty() ? 0 : r.nextInt(words.size());
        switch (words.isEmpty() ? 4 : r.nextInt(10)) {
            case 0 -> words.remove(at);
            case 1 -> words.add(at, words.get(other));
            case 2 -> {
                String word = words.get(at);
                words.set(at, words.get(other));
                words.set(other, word);
            }
            case 3 -> words.set(at, Mutations.damage(words.get(at), r));
            case 4 -> words.add(at, Mutations.pick(OPTIONS, r));
            case 5 -> words.add(at, Mutations.oddValue(r));
            case 6 -> words.set(at, Mutations.oddValue(r));
            case 7 -> words.subList(at, words.size()).clear();
            case 8 -> {
                if (words.get(at).startsWith("--") && at + 1 < words.size()) {
                    words.set(at, words.get(at) + "=" + words.remove(at + 1));
                } else {
                    words.add(Mutations.pick(OPTIONS, r) + "=" + Mutations.oddValue(r));
                }
            }
            default -> words.add(at, Mutations.pick(COMMANDS, r));
        }
    }

    private static String[] made(SplittableRandom r) {
        String[] words = new String[r.nextInt(8)];
        for (int i = 0; i < words.length; i++) {
            words[i] = switch (r.nextInt(3)) {
                case 0 -> Mutations.pick(COMMANDS, r);
                case 1 -> Mutations.pick(OPTIONS, r);
                default -> Mutations.oddValue(r);
            };
        }
        return words;
    }
}
