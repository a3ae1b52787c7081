package dev.cutover.testing;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;

/**
 * A throwaway certificate authority and a server certificate it signed, made at test time with the
 * JDK's keytool (present wherever the build runs, unlike the openssl CLI), written as the PEM files
 * redis-server reads: {@link #caFile()}, {@link #certFile()}, {@link #keyFile()} (PKCS#8).
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
        keytool(
                "-genkeypair",
                "-keystore",
                c.p12("ca"),
                "-alias",
                "ca",
                "-dname",
                "CN=cutover test CA",
                "-ext",
                "bc:c");
        keytool("-genkeypair", "-keystore", c.p12("server"), "-alias", "server", "-dname", "CN=redis test server");
        keytool(
                "-certreq",
                "-keystore",
                c.p12("server"),
                "-alias",
                "server",
                "-file",
                dir.resolve("server.csr").toString());
        StringBuilder san = new StringBuilder();
        dnsNames.forEach(
                n -> san.append(san.isEmpty() ? "" : ",").append("dns:").append(n));
        ips.forEach(ip -> san.append(san.isEmpty() ? "" : ",").append("ip:").append(ip));
        keytool(
                "-gencert",
                "-keystore",
                c.p12("ca"),
                "-alias",
                "ca",
                "-infile",
                dir.resolve("server.csr").toString(),
                "-outfile",
                c.certFile().toString(),
                "-rfc",
                "-ext",
                "san=" + san,
                "-ext",
                "eku=serverAuth");
        keytool(
                "-exportcert",
                "-keystore",
                c.p12("ca"),
                "-alias",
                "ca",
                "-rfc",
                "-file",
                c.caFile().toString());
        c.writeServerKey();
        return c;
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

    private static void keytool(String... args) {
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> command = new java.util.ArrayList<>(List.of(keytool));
        command.addAll(List.of(args));
        if (args[0].equals("-genkeypair")) {
            command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2"));
        }
        if (args[0].equals("-gencert")) {
            command.addAll(List.of("-validity", "2"));
        }
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-noprompt"));
        RedisProcesses.run(command);
    }
}
