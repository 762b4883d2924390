package org.sigmma.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluate and benchmark commands refuse bad input with a message naming what is wrong. */
class EvaluateCommandTest {

    @TempDir
    Path tmp;

    private static String[] run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cl = Sigmma.commandLine();
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void unknownRunAndBadOptionsAreNamed() {
        String[] noRun = run("evaluate", "--run", "no-such-run", "--data", tmp.resolve("data").toString(), "--no-gds");
        assertEquals("1", noRun[0]);
        assertTrue(noRun[1].contains("no run no-such-run"), noRun[1]);
        String[] genes = run("evaluate", "--run", "x", "--genes", "0", "--data", tmp.resolve("data").toString(), "--no-gds");
        assertEquals("1", genes[0]);
        assertTrue(genes[1].contains("topGenes"), genes[1]);
        String[] models = run("benchmark", "--models", "bleep", "--out", tmp.resolve("bench").toString());
        assertEquals("1", models[0]);
        assertTrue(models[1].contains("--models"), models[1]);
    }
}
