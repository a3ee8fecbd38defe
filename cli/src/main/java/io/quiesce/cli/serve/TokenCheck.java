package io.quiesce.cli.serve;

import io.quiesce.QuiesceException;
import org.apache.pekko.http.javadsl.model.headers.HttpChallenge;
import org.apache.pekko.http.javadsl.model.headers.WWWAuthenticate;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Function;

/** Who a request's bearer token stands for: the local token of serve.json, or one made by {@code token add}. */
final class TokenCheck {
    private final Tokens tokens;
    private final byte[] localTokenHash;

    TokenCheck(Tokens tokens, String localToken) {
        this.tokens = tokens;
        this.localTokenHash = BearerTokens.sha256(localToken).getBytes(StandardCharsets.US_ASCII);
    }

    /** Runs {@code inner} for a request with a valid bearer token; answers 401 otherwise, recording nothing. */
    Route authenticated(Function<Caller, Route> inner) {
        return Directives.optionalHeaderValueByName("Authorization", header -> {
            Optional<Caller> caller;
            try {
                caller = header.flatMap(this::caller);
            } catch (QuiesceException e) {
                // The tokens are in a journal database that does not answer: the caller may well hold a good one.
                return Directives.complete(ApiRoutes.unavailable(e.getMessage()));
            }
            return caller.map(inner).orElseGet(() -> Directives.complete(ApiRoutes.refusal(401, "NOT_AUTHENTICATED",
                    "send Authorization: Bearer TOKEN with the local token of serve.json or one made by"
                            + " quiesce token add.")
                    .addHeader(WWWAuthenticate.create(HttpChallenge.createOAuth2("quiesce")))));
        });
    }

    private Optional<Caller> caller(String header) {
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).strip();
        if (MessageDigest.isEqual(localTokenHash, BearerTokens.sha256(token).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(Caller.localToken());
        }
        return tokens.find(token).map(e -> new Caller(e.principal(), false));
    }
}
