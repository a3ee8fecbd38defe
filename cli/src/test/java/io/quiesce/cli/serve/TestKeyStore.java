package io.quiesce.cli.serve;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A PKCS#12 key store for 127.0.0.1 made with the JDK's keytool, and a client that trusts it. */
public record TestKeyStore(Path file, char[] password) {
    public static TestKeyStore in(Path dir) throws IOException, InterruptedException {
        Path store = dir.resolve("server.p12");
        char[] password = "changeit-test".toCharArray();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "quiesce", "-keyalg", "EC", "-dname", "CN=localhost", "-validity", "2",
                "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(password)).redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        return new TestKeyStore(store, password);
    }

    /** Settings that serve HTTPS on {@code host} with this key store. */
    public ServeSettings serving(String host) {
        ServeSettings loopback = ServeSettings.loopback(0);
        return new ServeSettings(host, 0, file, password, loopback.idleTimeout(), loopback.maxBody(), List.of());
    }

    /** A client that trusts the server's own certificate, as a client given this key store as trust store would. */
    public HttpClient trustingClient() throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keys.load(in, password);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).build();
    }
}
