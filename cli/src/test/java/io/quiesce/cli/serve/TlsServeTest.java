package io.quiesce.cli.serve;

import io.quiesce.QuiesceOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A server with a PKCS#12 key store speaks HTTPS, and its URL in serve.json says so. */
class TlsServeTest {
    @TempDir
    Path home;

    @Test
    void givenAKeyStore_whenServing_thenTheApiAnswersOverHttps() throws Exception {
        TestKeyStore store = TestKeyStore.in(home);

        try (Serving serving = Serving.start(QuiesceOptions.at(home.resolve("data")), store.serving("127.0.0.1"),
                new PrintStream(OutputStream.nullOutputStream()))) {
            assertThat(serving.server().url()).startsWith("https://127.0.0.1:");
            HttpResponse<String> r = store.trustingClient().send(HttpRequest.newBuilder(
                            URI.create(serving.server().url() + "/v1/status"))
                    .header("Authorization", "Bearer " + serving.serveFile().token()).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).startsWith("{\"pools\":");
        }
    }
}
