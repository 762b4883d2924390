package org.sigmma.ingest.jobs;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which bundle folders the inbox calls complete, and which request paths it confines to itself. */
class InboxTest {

    @TempDir
    Path tmp;

    private static List<Path> bundles(List<Inbox.Ready> ready) {
        return ready.stream().map(r -> r.bundle().getFileName()).toList();
    }

    @Test
    void aBundleWithoutMarkerIsCompleteWhenItLooksTheSameTwice() throws IOException {
        Inbox inbox = new Inbox(tmp.resolve("inbox"));
        Path b = Files.createDirectories(inbox.dir().resolve("run1"));
        Files.writeString(b.resolve("cells.csv.gz"), "part");
        assertTrue(inbox.look().isEmpty(), "first look: nothing to compare with");
        Files.writeString(b.resolve("cells.csv.gz"), "part and more"); // the copy goes on
        assertTrue(inbox.look().isEmpty(), "changed since the last look: still copying");
        assertEquals(List.of(Path.of("run1")), bundles(inbox.look()), "same as the last look: complete");
        Files.createDirectories(inbox.dir().resolve("empty"));
        inbox.look();
        assertEquals(List.of(Path.of("run1")), bundles(inbox.look()), "an empty folder is never complete");
    }

    @Test
    void aMarkerFileMakesABundleCompleteAtOnceAndDoesNotChangeItsSignature() throws IOException {
        Inbox inbox = new Inbox(tmp.resolve("inbox"));
        Path b = Files.createDirectories(inbox.dir().resolve("run2"));
        Files.writeString(b.resolve("cells.csv.gz"), "x");
        String before = Inbox.signature(b);
        Files.writeString(b.resolve(Inbox.MARKER), "");
        assertEquals(before, Inbox.signature(b));
        assertEquals(List.of(Path.of("run2")), bundles(inbox.look()));
        Files.createDirectories(inbox.dir().resolve(".staging"));
        Files.writeString(Files.createDirectories(inbox.dir().resolve(".staging").resolve("x")).resolve("READY"), "");
        assertEquals(List.of(Path.of("run2")), bundles(inbox.look()), "hidden folders are not bundles");
    }

    @Test
    void requestPathsAreConfinedToTheInbox() throws IOException {
        Inbox inbox = new Inbox(tmp.resolve("inbox"));
        Path b = Files.createDirectories(inbox.dir().resolve("good"));
        Files.createDirectories(b.resolve("cell_feature_matrix"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.csv"), "s");
        assertEquals(b, inbox.confine("good"));
        assertEquals(b, inbox.confine(b.toString()));
        assertEquals(b, inbox.confine("./good/"));
        for (String bad : List.of("../outside", "good/../../outside", "..", outside.toString(), "/etc", "", " ", ".",
                "missing", "good/cell_feature_matrix/../../..", "nul\0byte")) {
            assertThrows(InboxPathException.class, () -> inbox.confine(bad), bad);
        }
        Files.createSymbolicLink(inbox.dir().resolve("link-out"), outside);
        assertThrows(InboxPathException.class, () -> inbox.confine("link-out"));
        Path withLink = Files.createDirectories(inbox.dir().resolve("with-link"));
        Files.createSymbolicLink(withLink.resolve("cells.csv.gz"), outside.resolve("secret.csv"));
        InboxPathException e = assertThrows(InboxPathException.class, () -> inbox.confine("with-link"));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        Files.createSymbolicLink(inbox.dir().resolve("link-in"), b);
        assertEquals(b, inbox.confine("link-in"), "a link that stays inside the inbox is the folder it names");
    }
}
