package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code redis:} section: mode, TLS CA file, and a URL whose password never shows. */
class RedisSettingsTest {
    private final ConfigLoader loader = new ConfigLoader(new EnvInterpolator(
            Map.of("REDIS_URL", "rediss://cutover:s3cret%2Fpw@clustercfg.example.cache.amazonaws.com:6379")::get));

    private ConfigException error(String yaml) {
        Throwable thrown = catchThrowable(() -> loader.parse("test.yml", yaml));
        assertThat(thrown).as(yaml).isInstanceOf(ConfigException.class);
        return (ConfigException) thrown;
    }

    @Test
    void standaloneIsTheDefaultAndClusterIsChosenByName() {
        assertThat(loader.parse("test.yml", "redis:\n  url: redis://h:6379\n")
                        .redis()
                        .cluster())
                .isFalse();
        RedisSettings cluster = loader.parse("test.yml", "redis:\n  url: ${REDIS_URL}\n  mode: cluster\n")
                .redis();
        assertThat(cluster.cluster()).isTrue();
        assertThat(cluster.mode()).isEqualTo(RedisSettings.Mode.CLUSTER);
    }

    @Test
    void anUnknownModeNamesItsLine() {
        assertThat(error("redis:\n  url: redis://h:6379\n  mode: sentinel\n").getMessage())
                .startsWith("test.yml:3: redis.mode: ");
    }

    @Test
    void clusterModeHasNoDatabaseNumber() {
        assertThat(error("redis:\n  url: redis://h:6379/2\n  mode: cluster\n").getMessage())
                .isEqualTo("test.yml:2: redis.url: Redis Cluster has database 0 only: drop the /db part of the url");
    }

    @Test
    void aCaFileNeedsTlsAndMustBeReadable(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        assertThat(error("redis:\n  url: redis://h:6379\n  caFile: " + ca + "\n")
                        .getMessage())
                .contains("redis.caFile: applies to TLS only: use a rediss:// url");
        assertThat(error("redis:\n  url: rediss://h:6379\n  caFile: " + dir.resolve("missing.pem") + "\n")
                        .getMessage())
                .contains("redis.caFile: cannot read ");
        assertThat(loader.parse("test.yml", "redis:\n  url: rediss://h:6379\n  caFile: " + ca + "\n")
                        .redis()
                        .caFile())
                .isEqualTo(ca.toString());
    }

    @Test
    void thePasswordOfTheUrlNeverShows() {
        RedisSettings withUser = loader.parse("test.yml", "redis:\n  url: ${REDIS_URL}\n  mode: cluster\n")
                .redis();
        RedisSettings passwordOnly = new RedisSettings("rediss://:t0ken-s3cret@master.example.cache.amazonaws.com");
        assertThat(withUser.displayUrl()).isEqualTo("rediss://***@clustercfg.example.cache.amazonaws.com:6379");
        assertThat(passwordOnly.displayUrl()).isEqualTo("rediss://***@master.example.cache.amazonaws.com");
        assertThat(withUser + " " + passwordOnly + " " + loader.parse("test.yml", "redis:\n  url: ${REDIS_URL}\n"))
                .doesNotContain("s3cret");
    }

    @Test
    void aUrlThatDoesNotParseIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> new RedisSettings("rediss://:p w#s3cret@host:6379"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cret");
    }
}
