package io.quiesce.cli.client;

import java.util.Map;

/**
 * One event of a server's {@code /v1/events} stream.
 *
 * @param id    its position in the history, 1 for the first event ever recorded
 * @param event the event line, as {@code history --export} writes it
 */
public record EventLine(long id, Map<String, Object> event) {
}
