package com.idss.informzsync.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time each process of the benchmark has used, read from {@code /proc}: this server, every
 * PostgreSQL process (with those that ended meanwhile), and the Informz simulator.
 * A figure in CPU time means the same on a busier or a faster machine; wall time does not. PostgreSQL's
 * count includes the backends that ended meanwhile (see {@link #cpuSecondsWithEndedChildren}). The JIT
 * compilers' threads are also counted apart: a JVM minutes old still compiles thousands of methods a
 * minute (this server's code base is large), work a long-running server has long done.
 */
final class ProcessCpu {

    /** CPU seconds of each process at one moment, and of the JIT compiler threads of the two JVMs. */
    record Sample(double server, double postgres, double simulator, double serverJit, double simulatorJit,
            double serverCollector) {

        Sample minus(Sample earlier) {
            return new Sample(server - earlier.server, postgres - earlier.postgres, simulator - earlier.simulator,
                    serverJit - earlier.serverJit, simulatorJit - earlier.simulatorJit,
                    serverCollector - earlier.serverCollector);
        }

        /** The server's garbage collector threads (and the VM thread, which runs its pauses' serial part), in s. */
        String serverCollectorSeconds() {
            return String.format("%.2f s", serverCollector);
        }

        /** "server / PostgreSQL / simulator", in µs per unit of work. */
        String perUnitMicros(long units) {
            return String.format("%.1f / %.1f / %.1f µs", server * 1e6 / units, postgres * 1e6 / units, simulator * 1e6 / units);
        }

        String seconds() {
            return String.format("%.2f / %.2f / %.2f s", server, postgres, simulator);
        }

        /** The JIT compilers' share: "server s / simulator s". */
        String jitSeconds() {
            return String.format("%.2f / %.2f s", serverJit, simulatorJit);
        }

        /** As {@link #perUnitMicros}, without the JIT compilers' time. */
        String perUnitMicrosWithoutJit(long units) {
            return String.format("%.1f / %.1f / %.1f µs", (server - serverJit) * 1e6 / units, postgres * 1e6 / units,
                    (simulator - simulatorJit) * 1e6 / units);
        }
    }

    private static final Path PROC = Path.of("/proc");
    private static final double TICKS_PER_SECOND = ticksPerSecond();

    private ProcessCpu() {
    }

    static Sample sample() {
        double server = 0;
        double postgres = 0;
        double simulator = 0;
        double serverJit = 0;
        double simulatorJit = 0;
        double serverCollector = 0;
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path process : processes) {
                try {
                    if (Long.parseLong(process.getFileName().toString()) == self) {
                        server = cpuSeconds(process);
                        serverJit = jitSeconds(process);
                        serverCollector = threadSeconds(process, ProcessCpu::isCollectorThread);
                    } else if (read(process.resolve("comm")).strip().equals("postgres")) {
                        postgres += cpuSecondsWithEndedChildren(process);
                    } else if (read(process.resolve("cmdline")).contains("informz-simulator")) {
                        simulator += cpuSeconds(process);
                        simulatorJit += jitSeconds(process);
                    }
                } catch (IOException | RuntimeException gone) {
                    // The process ended while we looked: its time is no longer anyone's.
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc", e);
        }
        return new Sample(server, postgres, simulator, serverJit, simulatorJit, serverCollector);
    }

    /** The threads HotSpot names "C1 CompilerThreadN" and "C2 CompilerThreadN". */
    private static double jitSeconds(Path process) throws IOException {
        return threadSeconds(process, name -> name.contains("CompilerThre"));
    }

    /** HotSpot's names, as /proc cuts them to 15 characters: "GC Thread#0", "G1 Conc#0", "G1 Refine#0", "VM Thread". */
    private static boolean isCollectorThread(String name) {
        return name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread");
    }

    private static double threadSeconds(Path process, java.util.function.Predicate<String> named) throws IOException {
        double seconds = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(process.resolve("task"))) {
            for (Path thread : threads) {
                try {
                    if (named.test(read(thread.resolve("comm")).strip())) {
                        seconds += cpuSeconds(thread);
                    }
                } catch (IOException | RuntimeException gone) {
                    // A thread HotSpot stopped meanwhile (it adds and removes compiler threads with the load).
                }
            }
        }
        return seconds;
    }

    /** utime + stime, fields 14 and 15 of /proc/PID/stat, counted after the command name's closing parenthesis. */
    private static double cpuSeconds(Path process) throws IOException {
        String[] fields = statFields(process);
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /**
     * As {@link #cpuSeconds}, plus cutime + cstime (fields 16 and 17): the time of the children it has
     * reaped. A backend that ends (a parallel query's worker, a connection the pool closed) takes its
     * time out of the live processes' sum; the postmaster, which reaps it, keeps it.
     */
    private static double cpuSecondsWithEndedChildren(Path process) throws IOException {
        String[] fields = statFields(process);
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                + Long.parseLong(fields[14])) / TICKS_PER_SECOND;
    }

    private static String[] statFields(Path process) throws IOException {
        String stat = read(process.resolve("stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }

    private static double ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String ticks = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            getconf.waitFor();
            return Double.parseDouble(ticks);
        } catch (IOException | NumberFormatException e) {
            return 100; // USER_HZ on every Linux this runs on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
