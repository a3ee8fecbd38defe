package io.quiesce.cli.serve;

import io.quiesce.auth.Principal;

/**
 * Who sent a request, as its bearer token says.
 *
 * @param principal the token's principal; null for the local token, whose holder names one per request
 * @param local     true for the local token of {@code serve.json}, which proves the same access as
 *                  opening the data directory
 */
public record Caller(Principal principal, boolean local) {
    static Caller localToken() {
        return new Caller(null, true);
    }
}
