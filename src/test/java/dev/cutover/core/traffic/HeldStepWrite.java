package dev.cutover.core.traffic;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Weights whose first write towards green is held in flight until {@link #release()}: to act on a
 * shift (an abort) while one of its step writes has not landed yet.
 */
public final class HeldStepWrite implements TrafficWeights {
    private final TrafficWeights backend;
    private final CountDownLatch inWrite = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    public HeldStepWrite(TrafficWeights backend) {
        this.backend = backend;
    }

    /** Waits up to 10 s until a step write is held; true when one is. */
    public boolean awaitHeld() throws InterruptedException {
        return inWrite.await(10, TimeUnit.SECONDS);
    }

    /** Lets the held write land. */
    public void release() {
        release.countDown();
    }

    @Override
    public Weights read() {
        return backend.read();
    }

    @Override
    public void set(Weights expected, Weights next, String comment) {
        if (next.green() > 0 && inWrite.getCount() > 0) {
            inWrite.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        backend.set(expected, next, comment);
    }

    @Override
    public int maxWeight() {
        return backend.maxWeight();
    }
}
