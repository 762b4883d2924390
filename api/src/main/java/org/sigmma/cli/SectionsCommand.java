package org.sigmma.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.sigmma.store.GraphAccess;
import org.sigmma.store.SectionInfo;
import org.sigmma.store.SectionRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Lists the sections of the database with their status. */
@Command(name = "sections", description = "List the sections in the database.", mixinStandardHelpOptions = true)
public final class SectionsCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() throws java.io.IOException {
        try (GraphAccess access = store.access()) {
            var list = new SectionRepository(access).sections();
            System.out.printf(Locale.ROOT, "%-32s %-8s %9s %6s %10s %6s  %s%n", "id", "status", "cells", "genes", "edges", "tiles", "reason");
            for (SectionInfo s : list) {
                System.out.printf(Locale.ROOT, "%-32s %-8s %9s %6d %10s %6s  %s%n", s.id(), s.status(), n(s.nCells()), s.nGenes(),
                        n(s.nEdges()), n(s.nTiles()), s.reason() == null ? "" : s.reason());
            }
            if (list.isEmpty()) {
                System.out.println("(no sections yet: sigmma ingest <bundle>)");
            }
        }
        return 0;
    }

    private static String n(Long v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%,d", v);
    }
}
