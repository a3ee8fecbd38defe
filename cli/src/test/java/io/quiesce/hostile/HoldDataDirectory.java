package io.quiesce.hostile;

import io.quiesce.Quiesce;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A process that holds a data directory open, as an admin tool embedding the library does: it
 * says "open" on stdout once it has it, and closes it when its stdin ends.
 */
public final class HoldDataDirectory {
    private HoldDataDirectory() {
    }

    public static void main(String[] args) throws IOException {
        try (Quiesce held = Quiesce.open(Path.of(args[0]))) {
            System.out.println("open " + held.dataDirectory());
            System.out.flush();
            while (System.in.read() != -1) {
                // Held until the test closes our stdin.
            }
        }
    }
}
