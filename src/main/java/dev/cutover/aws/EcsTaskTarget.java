package dev.cutover.aws;

import dev.cutover.config.JobTargetConfig;
import dev.cutover.core.job.Attempt;
import dev.cutover.core.job.AttemptResult;
import dev.cutover.core.job.JobTarget;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

/**
 * Runs an ECS task to completion: RunTask, then the SDK's {@code TasksStopped} waiter
 * (DescribeTasks until {@code lastStatus} is STOPPED) bounded by the attempt's timeout, then StopTask
 * if it did not stop in time or the attempt was cancelled (within 200 ms of the cancel); a cancel by
 * shutdown under {@code onShutdown: detach} leaves the task running. The essential container's exit
 * code is the result.
 *
 * <p>The RunTask {@code clientToken} (ECS API reference: up to 64 characters, idempotent for 24 h)
 * is the fire identity for the first attempt and {@code <fire identity>-a<n>} for retries: with the
 * same token ECS would hand back the task that just failed instead of starting a new one.
 */
public final class EcsTaskTarget implements JobTarget {
    /** Threads the SDK waiters block on (daemon: they never hold the JVM up). */
    private static final ExecutorService WAITS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cutover-ecs-wait");
        t.setDaemon(true);
        return t;
    });

    private final EcsClient ecs;
    private final JobTargetConfig.EcsTask cfg;
    private final Duration pollInterval;

    /** @param pollInterval how often the waiter calls DescribeTasks (the SDK default is 6 s) */
    public EcsTaskTarget(EcsClient ecs, JobTargetConfig.EcsTask cfg, Duration pollInterval) {
        this.ecs = ecs;
        this.cfg = cfg;
        this.pollInterval = pollInterval;
    }

    @Override
    public AttemptResult run(Attempt a) {
        RunTaskResponse started = ecs.runTask(EcsRunTaskRequests.build(cfg, a, clientToken(a)));
        if (!started.failures().isEmpty() || started.tasks().isEmpty()) {
            return AttemptResult.failed(null, "RunTask placed no task: " + started.failures(), Map.of());
        }
        String taskArn = started.tasks().get(0).taskArn();
        Map<String, String> refs = refs(taskArn);
        long t0 = System.nanoTime();
        try (EcsWaiter waiter = waiter(a.timeout())) {
            // The waiter sleeps between polls; it runs on its own thread so that a cancel (shutdown,
            // lease lost) is acted on within a fraction of a second, not at the next poll.
            Future<WaiterResponse<DescribeTasksResponse>> waiting = WAITS.submit(() ->
                    waiter.waitUntilTasksStopped(r -> r.cluster(cfg.cluster()).tasks(taskArn)));
            try {
                WaiterResponse<DescribeTasksResponse> w = a.await(waiting, t0);
                return stopped(w.matched().response().orElseThrow().tasks().get(0), refs);
            } catch (TimeoutException e) {
                waiting.cancel(true);
                return timedOut(a, taskArn, refs);
            } catch (CancellationException | InterruptedException e) {
                waiting.cancel(true);
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return cancelled(a, taskArn, refs);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof SdkException sdk)) {
                    throw new IllegalStateException(e.getCause());
                }
                return waitFailed(a, taskArn, refs, sdk, t0);
            }
        }
    }

    /** A cancelled attempt: StopTask, or under {@code onShutdown: detach} the task is left running. */
    private AttemptResult cancelled(Attempt a, String taskArn, Map<String, String> refs) {
        if (a.isDetaching()) {
            return AttemptResult.detached("task " + taskArn + " left running", refs);
        }
        return stopTask(
                taskArn,
                "cutover: stopped (shutdown or lease lost)",
                AttemptResult.failed(null, "cancelled (lease lost or shutdown)", refs));
    }

    private AttemptResult timedOut(Attempt a, String taskArn, Map<String, String> refs) {
        return stopTask(
                taskArn,
                "cutover: attempt timed out",
                AttemptResult.timedOut("timed out after " + a.timeout().toSeconds() + " s", refs));
    }

    private AttemptResult waitFailed(Attempt a, String taskArn, Map<String, String> refs, SdkException e, long t0) {
        // The SDK waiter gives up early when the next poll would end past its timeout, so a
        // client-side failure within one poll interval of the timeout is the timeout.
        long elapsed = System.nanoTime() - t0 + pollInterval.toNanos();
        if (!(e instanceof AwsServiceException) && elapsed >= a.timeout().toNanos()) {
            return timedOut(a, taskArn, refs);
        }
        return stopTask(
                taskArn,
                "cutover: lost track of the task",
                AttemptResult.failed(null, "waiting failed: " + e.getMessage(), refs));
    }

    @Override
    public String describe() {
        return "ecs-task " + cfg.cluster() + "/" + cfg.taskDefinition();
    }

    static String clientToken(Attempt a) {
        return a.number() == 1 ? a.fire().key() : a.fire().key() + "-a" + a.number();
    }

    private EcsWaiter waiter(Duration timeout) {
        int attempts = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis() / Math.max(1, pollInterval.toMillis()) + 2);
        return EcsWaiter.builder()
                .client(ecs)
                .overrideConfiguration(o -> o.waitTimeout(timeout)
                        .maxAttempts(attempts)
                        .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(pollInterval)))
                .build();
    }

    private AttemptResult stopped(Task task, Map<String, String> refs) {
        Container c = task.containers().stream()
                .filter(x -> cfg.container().equals(x.name()))
                .findFirst()
                .orElse(null);
        Integer exit = c == null ? null : c.exitCode();
        if (exit == null) {
            return AttemptResult.failed(
                    null,
                    "task stopped without an exit code for " + cfg.container() + ": " + task.stoppedReason(),
                    refs);
        }
        return exit == 0
                ? AttemptResult.succeeded(0, "exit code 0", refs)
                : AttemptResult.failed(exit, "exit code " + exit + " (" + task.stoppedReason() + ")", refs);
    }

    /**
     * Sends StopTask and returns {@code result} saying so; when StopTask failed, the result says why
     * and that the task {@link AttemptResult#mayStillRun() may still run}, so its lock is not released.
     */
    private AttemptResult stopTask(String taskArn, String reason, AttemptResult result) {
        try {
            ecs.stopTask(r -> r.cluster(cfg.cluster()).task(taskArn).reason(reason));
            return withDetail(result, result.detail() + "; StopTask sent");
        } catch (SdkException e) {
            return withDetail(result, result.detail() + "; StopTask failed: " + e.getMessage())
                    .unstopped();
        }
    }

    private static AttemptResult withDetail(AttemptResult r, String detail) {
        return new AttemptResult(r.outcome(), r.exitCode(), detail, r.refs());
    }

    private Map<String, String> refs(String taskArn) {
        Map<String, String> refs = new LinkedHashMap<>();
        refs.put("taskArn", taskArn);
        if (cfg.logStreamPrefix() != null) {
            String taskId = taskArn.substring(taskArn.lastIndexOf('/') + 1);
            refs.put("logStream", cfg.logStreamPrefix() + "/" + cfg.container() + "/" + taskId);
        }
        return refs;
    }
}
