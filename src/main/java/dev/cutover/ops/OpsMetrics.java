package dev.cutover.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.commonspool2.CommonsObjectPool2Metrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * The process's one Prometheus registry, with the JVM (memory, GC, threads, classes), process (CPU,
 * uptime, file descriptors) and connection pool meters bound: the Jedis pools, which are Commons
 * Pool 2 pools, as {@code commons_pool2_*} (found over JMX, where Commons Pool registers every
 * pool). The bot's own meters are added by the decorators in this package.
 */
public final class OpsMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<AutoCloseable> binders = new ArrayList<>();

    /** A registry with the JVM, process and pool meters bound. */
    public OpsMetrics() {
        // process_cpu_time_ns_total is not in base units; process_cpu_usage says the same
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"));
        JvmGcMetrics gc = new JvmGcMetrics();
        CommonsObjectPool2Metrics pools = new CommonsObjectPool2Metrics();
        binders.add(gc);
        binders.add(pools);
        for (MeterBinder b : List.of(
                new JvmMemoryMetrics(),
                gc,
                new JvmThreadMetrics(),
                new ClassLoaderMetrics(),
                new JvmInfoMetrics(),
                new ProcessorMetrics(),
                new UptimeMetrics(),
                new FileDescriptorMetrics(),
                pools)) {
            b.bindTo(registry);
        }
    }

    /** Where the bot's meters go. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter in the Prometheus text format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        for (AutoCloseable b : binders) {
            try {
                b.close();
            } catch (Exception e) {
                // closing a binder only unregisters listeners
            }
        }
        registry.close();
    }
}
