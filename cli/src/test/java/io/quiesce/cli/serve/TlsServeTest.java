package io.quiesce.cli.serve;

import io.quiesce.QuiesceOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A server with a PKCS#12 key store speaks HTTPS, and its URL in serve.json says so. */
class TlsServeTest {
    private static final char[] PASSWORD = "changeit-test".toCharArray();

    @TempDir
    Path home;

    @Test
    void givenAKeyStore_whenServing_thenTheApiAnswersOverHttps() throws Exception {
        Path store = home.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "quiesce", "-keyalg", "EC", "-dname", "CN=localhost", "-validity", "2",
                "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD)).redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        ServeSettings tls = new ServeSettings("127.0.0.1", 0, store, PASSWORD, Duration.ofSeconds(60),
                ServeSettings.DEFAULT_MAX_BODY, List.of());

        try (Serving serving = Serving.start(QuiesceOptions.at(home.resolve("data")), tls,
                new PrintStream(OutputStream.nullOutputStream()))) {
            assertThat(serving.server().url()).startsWith("https://127.0.0.1:");
            HttpResponse<String> r = trusting(store).send(HttpRequest.newBuilder(
                            URI.create(serving.server().url() + "/v1/status"))
                    .header("Authorization", "Bearer " + serving.serveFile().token()).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).startsWith("{\"pools\":");
        }
    }

    /** A client that trusts the server's own certificate, as a client given that key store as trust store would. */
    private static HttpClient trusting(Path store) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).build();
    }
}
