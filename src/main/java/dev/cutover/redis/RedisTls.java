package dev.cutover.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS to Redis with a private certificate authority: the JDK's own PKIX trust manager over the CA
 * certificates of one PEM file, so a self-managed Redis with an in-house CA can be checked as
 * strictly as ElastiCache is against the JVM's public CAs.
 */
final class RedisTls {
    private RedisTls() {}

    /**
     * A socket factory that trusts exactly the certificates in {@code pemFile} (one or more {@code
     * -----BEGIN CERTIFICATE-----} blocks).
     *
     * @throws IllegalStateException when the file cannot be read or holds no certificate
     */
    static SSLSocketFactory trusting(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> cas =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (cas.isEmpty()) {
                throw new IllegalStateException("redis.caFile " + pemFile + " holds no PEM certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate ca : cas) {
                store.setCertificateEntry("ca-" + i++, ca);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot use redis.caFile " + pemFile + ": " + e.getMessage(), e);
        }
    }
}
