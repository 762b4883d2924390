package org.sigmma.store;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.UserAggregationFunction;
import org.neo4j.procedure.UserFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the Graph Data Science procedures in embedded Neo4j, which does not load plugins from the classpath
 * by itself (shared/reference/STACK.md): every top-level class under {@code org/neo4j/gds/} of the GDS jars that
 * carries {@code @Procedure}, {@code @UserFunction} or {@code @UserAggregationFunction} is handed to
 * {@link GlobalProcedures}.
 */
final class GdsRegistrar {

    private static final Logger LOG = LoggerFactory.getLogger(GdsRegistrar.class);

    private GdsRegistrar() {
    }

    /** Returns the number of classes registered. */
    static int register(GlobalProcedures procedures) {
        long start = System.nanoTime();
        int classes = 0;
        ClassLoader loader = GdsRegistrar.class.getClassLoader();
        for (Path jar : gdsJars()) {
            try (JarFile jf = new JarFile(jar.toFile())) {
                for (JarEntry e : java.util.Collections.list(jf.entries())) {
                    String name = e.getName();
                    if (!name.startsWith("org/neo4j/gds/") || !name.endsWith(".class") || name.contains("$")) {
                        continue;
                    }
                    String cls = name.substring(0, name.length() - 6).replace('/', '.');
                    classes += registerClass(procedures, loader, cls) ? 1 : 0;
                }
            } catch (IOException ex) {
                throw new IllegalStateException("cannot read GDS jar " + jar, ex);
            }
        }
        LOG.info("registered {} GDS classes in {} ms", classes, (System.nanoTime() - start) / 1_000_000);
        return classes;
    }

    private static boolean registerClass(GlobalProcedures procedures, ClassLoader loader, String cls) {
        Class<?> c;
        try {
            c = Class.forName(cls, false, loader);
        } catch (Throwable t) {
            return false; // optional GDS parts whose dependencies are absent
        }
        boolean proc = false;
        boolean func = false;
        boolean agg = false;
        try {
            for (Method m : c.getDeclaredMethods()) {
                proc |= m.isAnnotationPresent(Procedure.class);
                func |= m.isAnnotationPresent(UserFunction.class);
                agg |= m.isAnnotationPresent(UserAggregationFunction.class);
            }
            if (proc) {
                procedures.registerProcedure(c);
            }
            if (func) {
                procedures.registerFunction(c);
            }
            if (agg) {
                procedures.registerAggregationFunction(c);
            }
        } catch (Throwable t) {
            LOG.debug("skipping GDS class {}: {}", cls, t.toString());
            return false;
        }
        return proc || func || agg;
    }

    /** The jars on the class path that hold GDS classes (in a packaged app these are lib/*.jar files). */
    private static List<Path> gdsJars() {
        List<Path> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            String n = p.getFileName() == null ? "" : p.getFileName().toString();
            if (n.endsWith(".jar") && Files.isRegularFile(p) && holdsGds(p)) {
                jars.add(p);
            }
        }
        if (jars.isEmpty()) {
            // e.g. a custom class loader: fall back to the jar of one known GDS class
            try {
                URL u = Class.forName("org.neo4j.gds.GraphDataScience", false, GdsRegistrar.class.getClassLoader())
                        .getProtectionDomain().getCodeSource().getLocation();
                jars.add(Path.of(u.toURI()));
            } catch (ClassNotFoundException | URISyntaxException | RuntimeException ignored) {
                // nothing to add
            }
        }
        return jars;
    }

    private static boolean holdsGds(Path jar) {
        // GDS artifacts have plain names (proc-2.13.9.jar, algo-2.13.9.jar ...): look inside rather than guess
        try (JarFile jf = new JarFile(jar.toFile())) {
            return jf.getEntry("org/neo4j/gds/") != null
                    || jf.stream().limit(50).anyMatch(e -> e.getName().startsWith("org/neo4j/gds/"));
        } catch (IOException e) {
            return false;
        }
    }
}
