package io.gridai.replay;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pause, resume and stop of a running replay, from any thread (a command, a signal, the operator API). While paused
 * the replay's clock stands still: after a resume, records keep their spacing from where it paused.
 */
public final class ReplayControl {

    /** Where a replay is. */
    public enum State {
        RUNNING, PAUSED, STOPPED
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private State state = State.RUNNING;
    private long pausedNanos;
    private long pausedSince;

    public State state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    /** Pauses a running replay; no effect otherwise. */
    public void pause() {
        lock.lock();
        try {
            if (state == State.RUNNING) {
                state = State.PAUSED;
                pausedSince = System.nanoTime();
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Resumes a paused replay; no effect otherwise. */
    public void resume() {
        lock.lock();
        try {
            if (state == State.PAUSED) {
                state = State.RUNNING;
                pausedNanos += System.nanoTime() - pausedSince;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops the replay for good: what was sent stays, nothing more is sent. */
    public void stop() {
        lock.lock();
        try {
            if (state == State.PAUSED) {
                pausedNanos += System.nanoTime() - pausedSince;
            }
            state = State.STOPPED;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Total time spent paused so far (nanoseconds), the current pause included. */
    public long pausedNanos() {
        lock.lock();
        try {
            return pausedNanos + (state == State.PAUSED ? System.nanoTime() - pausedSince : 0);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits while paused, and (running) until {@code System.nanoTime() - pausedNanos() >= dueNanos}, i.e. until a
     * record due at {@code dueNanos} on the replay's clock ({@link System#nanoTime()} less the time spent paused) may
     * go. Returns false as soon as the replay is stopped.
     */
    public boolean awaitDue(long dueNanos) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (state == State.STOPPED) {
                    return false;
                }
                if (state == State.PAUSED) {
                    changed.await();
                    continue;
                }
                long wait = dueNanos - (System.nanoTime() - pausedNanos);
                if (wait <= 0) {
                    return true;
                }
                changed.awaitNanos(wait);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits while paused; false when stopped. For replays at maximum speed. */
    public boolean awaitRunning() throws InterruptedException {
        lock.lock();
        try {
            while (state == State.PAUSED) {
                changed.await();
            }
            return state == State.RUNNING;
        } finally {
            lock.unlock();
        }
    }
}
