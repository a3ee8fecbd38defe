package io.quiesce.cli;

/** Counted nouns: "1 session", "3 sessions". */
public final class Words {
    private Words() {
    }

    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
