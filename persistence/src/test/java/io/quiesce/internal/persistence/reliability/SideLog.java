package io.quiesce.internal.persistence.reliability;

import io.quiesce.command.Command;
import io.quiesce.formats.history.CommandCodec;
import io.quiesce.formats.json.JsonText;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the crash workload sent and which answers it had, one line each, written outside the data
 * directory: {@code sent N {command as a history line}} before a command is submitted, and
 * {@code answered N accepted|rejected CODE|failed} once its answer is in. An answer is forced to
 * disk before anything else happens, so a line here means the library had acknowledged it.
 */
final class SideLog implements AutoCloseable {
    private final FileChannel channel;

    private SideLog(FileChannel channel) {
        this.channel = channel;
    }

    static SideLog create(Path file) throws IOException {
        return new SideLog(FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    /** Written, not forced: a SIGKILL loses nothing the process wrote, only what it had not. */
    synchronized void sent(int n, Command command) {
        write("sent " + n + " " + CommandCodec.line(command) + "\n", false);
    }

    synchronized void answered(int n, String outcome) {
        write("answered " + n + " " + outcome + "\n", true);
    }

    private void write(String line, boolean force) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            if (force) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** The commands in the order they were sent, and the answers by command number. */
    record Entries(List<Command> sent, Map<Integer, String> answers) {
    }

    static Entries read(Path file, String adminGroup) throws IOException {
        List<Command> sent = new ArrayList<>();
        Map<Integer, String> answers = new HashMap<>();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        // A line cut short by the kill was never complete, so it never counted.
        for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split(" ", 3);
            int n = Integer.parseInt(parts[1]);
            if (parts[0].equals("sent")) {
                if (n != sent.size()) {
                    throw new IllegalStateException("side log out of order at " + line);
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) JsonText.parse(parts[2]);
                sent.add(CommandCodec.decode(fields, adminGroup, n));
            } else {
                answers.put(n, parts[2]);
            }
        }
        return new Entries(sent, answers);
    }
}
