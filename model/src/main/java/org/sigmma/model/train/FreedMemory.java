package org.sigmma.model.train;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one diverged training from poisoning the next in the same process. libtorch 2.7.1's CPU backward of a
 * convolution that feeds another convolution reads memory it has not written and multiplies it by zero: a stale finite
 * value vanishes, a stale NaN survives (NanFromFreedMemoryExperiment). A training that produced NaN leaves NaN in the
 * process's freed heap, so a later one diverged at its first step. Once non-finite values have been seen, this turns on
 * glibc's malloc perturbation (mallopt M_PERTURB, as MALLOC_PERTURB_=255 does at start): from then on every allocation
 * is filled with zeros before libtorch sees it, so the unwritten memory reads as 0, as it does in a fresh process. It
 * costs a memset per allocation (about 30% of a CNN step when on from the start, measured), so it is turned on only
 * after a divergence, and stays on for the rest of the process (turning it off would leave freed chunks holding the
 * perturbation's own 0xFF bytes, which read as NaN). Where glibc is not the allocator the call fails and a warning says
 * so; nothing else changes.
 */
public final class FreedMemory {

    private static final Logger LOG = LoggerFactory.getLogger(FreedMemory.class);
    /** glibc's malloc.h: M_PERTURB. */
    private static final int M_PERTURB = -6;
    /** Freed bytes become 0xFF, allocated bytes its complement 0x00. */
    private static final int PERTURB_BYTE = 0xFF;

    private static volatile boolean zeroing;

    private interface LibC extends Library {
        int mallopt(int param, int value);
    }

    private FreedMemory() {
    }

    /** From now on allocations are zero-filled (idempotent); true when the allocator took it. */
    public static synchronized boolean zeroFromNowOn() {
        if (zeroing) {
            return true;
        }
        try {
            LibC c = Native.load("c", LibC.class);
            zeroing = c.mallopt(M_PERTURB, PERTURB_BYTE) == 1;
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("could not turn on zero-filled allocations ({}): a later training in this process may diverge at once "
                    + "after this one; restart the process before training again", e.toString());
            return false;
        }
        if (zeroing) {
            LOG.info("non-finite values were produced: allocations are zero-filled from now on, so that a later training "
                    + "in this process is not poisoned by NaN left in freed memory");
        }
        return zeroing;
    }

    /** Whether allocations are being zero-filled. */
    public static boolean zeroing() {
        return zeroing;
    }
}
