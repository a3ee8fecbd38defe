package io.quiesce.cli.traffic;

import io.quiesce.catalog.Catalog;
import io.quiesce.rules.Deployment;
import io.quiesce.server.ServerState;

import java.util.Optional;

/**
 * Reads one agent-check request ({@code agent-send "fe01 RTCSRV\n"}) against the current state.
 * A request naming only a server is answered for its core service, the one that makes it count
 * as up.
 */
final class AgentAnswer {
    private final ServiceLookup lookup;

    AgentAnswer(Catalog catalog) {
        this.lookup = new ServiceLookup(catalog);
    }

    AgentWord answer(Deployment d, String request) {
        String[] words = request.strip().split("\\s+", 2);
        if (words[0].isEmpty()) {
            return AgentWord.DOWN;
        }
        Optional<ServerState> server = d.server(words[0]);
        if (server.isEmpty()) {
            return AgentWord.DOWN;
        }
        if (words.length == 1) {
            return AgentWord.of(lookup.core(server.get()).status());
        }
        return lookup.find(server.get(), words[1].strip()).map(s -> AgentWord.of(s.status())).orElse(AgentWord.DOWN);
    }
}
