package org.sigmma.store;

import java.io.IOException;
import java.net.ServerSocket;

/** A free loopback port for a test server. */
public final class FreePort {
    private FreePort() {
    }

    public static int find() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
