package dev.cutover.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.config.JobTargetConfig;
import dev.cutover.core.job.Attempt;
import dev.cutover.core.job.AttemptResult;
import dev.cutover.core.job.JobTarget;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Runs a Step Functions execution to a final status: StartExecution, DescribeExecution every
 * {@code pollInterval} on a shared timer (the SDK has no waiter for executions), StopExecution when
 * the attempt times out or is cancelled (within 200 ms of the cancel); a cancel by shutdown under
 * {@code onShutdown: detach} leaves the execution running.
 *
 * <p>The execution name (Step Functions API reference: at most 80 characters, unique per state
 * machine for 90 days; the same name and input is the same execution) is the fire identity for the
 * first attempt and {@code <fire identity>-a<n>} for retries. The input gets
 * {@code "cutover": {"fireId", "fencingToken", "attempt"}}.
 */
public final class StepFunctionsTarget implements JobTarget {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SfnClient sfn;
    private final JobTargetConfig.StepFunctions cfg;
    private final ScheduledExecutorService timer;

    /** @param timer runs the DescribeExecution polls; owned by the caller */
    public StepFunctionsTarget(SfnClient sfn, JobTargetConfig.StepFunctions cfg, ScheduledExecutorService timer) {
        this.sfn = sfn;
        this.cfg = cfg;
        this.timer = timer;
    }

    @Override
    public AttemptResult run(Attempt a) {
        String arn = sfn.startExecution(r -> r.stateMachineArn(cfg.stateMachineArn())
                        .name(EcsTaskTarget.clientToken(a))
                        .input(input(a)))
                .executionArn();
        Map<String, String> refs = Map.of("executionArn", arn);
        CompletableFuture<DescribeExecutionResponse> done = new CompletableFuture<>();
        long every = cfg.pollInterval().toMillis();
        long t0 = System.nanoTime();
        ScheduledFuture<?> poll =
                timer.scheduleWithFixedDelay(() -> poll(arn, done), every, every, TimeUnit.MILLISECONDS);
        try {
            return finished(a.await(done, t0), refs);
        } catch (TimeoutException e) {
            return stop(arn, refs, "timed out after " + a.timeout().toSeconds() + " s", true);
        } catch (CancellationException e) {
            return a.isDetaching()
                    ? AttemptResult.detached("execution " + arn + " left running", refs)
                    : stop(arn, refs, "cancelled (lease lost or shutdown)", false);
        } catch (ExecutionException e) {
            return stop(arn, refs, "DescribeExecution failed: " + e.getCause().getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stop(arn, refs, "interrupted", false);
        } finally {
            poll.cancel(false);
        }
    }

    @Override
    public String describe() {
        return "step-functions "
                + cfg.stateMachineArn().substring(cfg.stateMachineArn().lastIndexOf(':') + 1);
    }

    private void poll(String arn, CompletableFuture<DescribeExecutionResponse> done) {
        try {
            DescribeExecutionResponse d = sfn.describeExecution(r -> r.executionArn(arn));
            if (d.status() != ExecutionStatus.RUNNING && d.status() != ExecutionStatus.PENDING_REDRIVE) {
                done.complete(d);
            }
        } catch (SdkException e) {
            done.completeExceptionally(e);
        }
    }

    private static AttemptResult finished(DescribeExecutionResponse d, Map<String, String> refs) {
        if (d.status() == ExecutionStatus.SUCCEEDED) {
            return AttemptResult.succeeded(null, "execution SUCCEEDED", refs);
        }
        String why = "execution " + d.statusAsString() + (d.error() == null ? "" : ": " + d.error())
                + (d.cause() == null ? "" : " (" + d.cause() + ")");
        return AttemptResult.failed(null, why, refs);
    }

    private AttemptResult stop(String arn, Map<String, String> refs, String why, boolean timedOut) {
        String detail;
        boolean sent;
        try {
            sfn.stopExecution(r -> r.executionArn(arn).error("cutover.Stopped").cause(why));
            detail = why + "; StopExecution sent";
            sent = true;
        } catch (SdkException e) {
            detail = why + "; StopExecution failed: " + e.getMessage();
            sent = false;
        }
        AttemptResult r = timedOut ? AttemptResult.timedOut(detail, refs) : AttemptResult.failed(null, detail, refs);
        // Unstopped, the execution may go on: its lock is then left to lapse, not released.
        return sent ? r : r.unstopped();
    }

    private String input(Attempt a) {
        ObjectNode in =
                cfg.input() == null ? JSON.createObjectNode() : cfg.input().deepCopy();
        ObjectNode meta = in.putObject("cutover");
        meta.put("fireId", a.fire().key());
        meta.put("fencingToken", a.fencingToken());
        meta.put("attempt", a.number());
        return in.toString();
    }
}
