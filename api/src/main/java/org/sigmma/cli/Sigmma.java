package org.sigmma.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sigmma} command line: one subcommand per job of the platform. */
@Command(name = "sigmma", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "SIGMMA: Xenium sections and H&E in a graph database, multi-scale alignment, microenvironments.",
        subcommands = {DemoCommand.class, SimulateCommand.class, IngestCommand.class, SectionsCommand.class, CypherCommand.class, TrainCommand.class,
            EmbedCommand.class, EvaluateCommand.class, BenchmarkCommand.class, ClustersCommand.class, NeighbourhoodCommand.class, MapCommand.class, ExportCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class Sigmma implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        // jHDF logs every object it writes at INFO: an export would print thousands of lines
        if (System.getProperty("org.slf4j.simpleLogger.log.io.jhdf") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.io.jhdf", "warn");
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (tests run it in-process). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Sigmma());
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println(cmd.getColorScheme().errorText("error: " + ex.getMessage()));
            if (Boolean.getBoolean("sigmma.trace")) {
                ex.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
