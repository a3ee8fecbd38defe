package io.quiesce.internal.persistence.journal.postgres;

/**
 * The child process of {@link PostgresJournalTest}'s kill test: opens the journal database alone,
 * prints {@code holding}, and waits to be killed.
 */
public final class HoldJournal {
    private HoldJournal() {
    }

    public static void main(String[] args) throws Exception {
        try (PostgresJournal journal = PostgresJournal.open(args[0], PrivatePostgres.USER, "", true, true)) {
            System.out.println("holding " + journal.name());
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
