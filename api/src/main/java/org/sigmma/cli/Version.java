package org.sigmma.cli;

import picocli.CommandLine;

/** The platform version, from the jar manifest when packaged. */
public final class Version implements CommandLine.IVersionProvider {
    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"sigmma " + current(), "Neo4j 5.26 embedded, GDS 2.13, DJL 0.36 (PyTorch 2.7.1)"};
    }
}
