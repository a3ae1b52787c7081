package dev.cutover.testing;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A throwaway certificate authority and a server certificate it signed, made at test time with the
 * JDK's keytool (present wherever the build runs, unlike the openssl CLI), written as the PEM files
 * redis-server reads: {@link #caFile()}, {@link #certFile()}, {@link #keyFile()} (PKCS#8). The
 * certificate serves as a client certificate too: cluster nodes present it to each other on the
 * TLS cluster bus, which always checks it.
 *
 * @param dir where the files are
 */
public record TestCertificates(Path dir) {
    private static final String PASSWORD = "test-only";

    /**
     * Makes a CA and a certificate for {@code dnsNames} and {@code ips} (subject alternative names),
     * valid for two days, in a new temporary directory.
     */
    public static TestCertificates generate(List<String> dnsNames, List<String> ips) {
        Path dir = RedisProcesses.tempDir("redis-tls");
        TestCertificates c = new TestCertificates(dir);
        String csr = dir.resolve("server.csr").toString();
        StringBuilder san = new StringBuilder();
        dnsNames.forEach(
                n -> san.append(san.isEmpty() ? "" : ",").append("dns:").append(n));
        ips.forEach(ip -> san.append(san.isEmpty() ? "" : ",").append("ip:").append(ip));
        // Three rounds of keytool runs side by side rather than five one after the other: each run
        // is a JVM start, and this is on the path of every test JVM that uses TLS.
        RedisProcesses.runAll(List.of(
                keytool(
                        "-genkeypair",
                        "-keystore",
                        c.p12("ca"),
                        "-alias",
                        "ca",
                        "-dname",
                        "CN=cutover test CA",
                        "-ext",
                        "bc:c",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-validity",
                        "2"),
                keytool(
                        "-genkeypair",
                        "-keystore",
                        c.p12("server"),
                        "-alias",
                        "server",
                        "-dname",
                        "CN=redis test server",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-validity",
                        "2")));
        RedisProcesses.runAll(List.of(
                keytool("-certreq", "-keystore", c.p12("server"), "-alias", "server", "-file", csr),
                keytool(
                        "-exportcert",
                        "-keystore",
                        c.p12("ca"),
                        "-alias",
                        "ca",
                        "-rfc",
                        "-file",
                        c.caFile().toString())));
        RedisProcesses.runAll(List.of(keytool(
                "-gencert",
                "-keystore",
                c.p12("ca"),
                "-alias",
                "ca",
                "-infile",
                csr,
                "-outfile",
                c.certFile().toString(),
                "-rfc",
                "-ext",
                "san=" + san,
                "-ext",
                "eku=serverAuth,clientAuth",
                "-validity",
                "2")));
        c.writeServerKey();
        return c;
    }

    /**
     * The redis-server options of a TLS-only server on {@code port} with these files, not asking
     * clients for a certificate (as ElastiCache does not).
     */
    public List<String> tlsOnlyServerArgs(int port) {
        return List.of(
                "--port", "0",
                "--tls-port", Integer.toString(port),
                "--tls-cert-file", certFile().toString(),
                "--tls-key-file", keyFile().toString(),
                "--tls-ca-cert-file", caFile().toString(),
                "--tls-auth-clients", "no");
    }

    /** The CA certificate, PEM. */
    public Path caFile() {
        return dir.resolve("ca.crt");
    }

    /** The server certificate, PEM. */
    public Path certFile() {
        return dir.resolve("server.crt");
    }

    /** The server's private key, PEM (PKCS#8). */
    public Path keyFile() {
        return dir.resolve("server.key");
    }

    private String p12(String name) {
        return dir.resolve(name + ".p12").toString();
    }

    private void writeServerKey() {
        try (InputStream in = Files.newInputStream(Path.of(p12("server")))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            PrivateKey key = (PrivateKey) store.getKey("server", PASSWORD.toCharArray());
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Files.writeString(keyFile(), pem, StandardCharsets.US_ASCII);
        } catch (Exception e) {
            throw new IllegalStateException("cannot export the test server key", e);
        }
    }

    private static List<String> keytool(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                // A JVM that starts fast: keytool's work is tiny.
                "-J-XX:TieredStopAtLevel=1",
                "-J-XX:+UseSerialGC"));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-noprompt"));
        return command;
    }
}
