package io.quiesce.internal.persistence.journal;

import org.fusesource.leveldbjni.JniDBFactory;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The journal's LevelDB opens in the formats it knows and refuses one written by a newer version. */
class JournalStoreTest {
    @TempDir
    Path dir;

    @Test
    void givenAJournalOfAFormatNotKnown_whenOpened_thenItIsRefusedNamingTheFormat() throws Exception {
        format("quiesce-journal/9");

        assertThatThrownBy(() -> JournalStore.open(dir, false)).isInstanceOf(IOException.class)
                .hasMessageContaining("quiesce-journal/9").hasMessageContaining("newer version");
    }

    @Test
    void givenAJournalOfTheFirstFormat_whenOpenedAndWritten_thenItIsOfTheSecond() throws Exception {
        format("quiesce-journal/1");

        try (JournalStore store = JournalStore.open(dir, false)) {
            store.commit(java.util.List.of(java.util.List.of(new JournalStore.Entry("a", 1, new byte[] {1}))),
                    java.util.List.of());

            assertThat(store.highestSequenceNr("a")).isEqualTo(1);
            assertThat(new String(store.db().get(JournalStore.FORMAT_KEY), StandardCharsets.US_ASCII))
                    .isEqualTo("quiesce-journal/2");
        }
    }

    private void format(String format) throws IOException {
        try (DB db = JniDBFactory.factory.open(dir.toFile(), new Options().createIfMissing(true))) {
            db.put(JournalStore.FORMAT_KEY, format.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
