package com.idss.informzsync.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of the server's Java threads, from the JVM, summed by role: a thread's name without its
 * numbers ("Thread-7 (ActiveMQ-client-global-threads)" and "Thread-9 (…)" are one role, the message
 * deliveries). Says where a save's CPU goes between the save itself, the deliveries and the broker;
 * the compilers and the collector are not Java threads ({@link ProcessCpu} counts them).
 */
final class ThreadCpu {

    /** CPU nanoseconds and role of each live thread, by thread id. */
    record Sample(Map<Long, Long> cpuById, Map<Long, String> roleById) {

        /**
         * The roles that used at least 2 % of the threads' CPU since {@code earlier}, largest first, in ms
         * per unit of work. A thread that ended meanwhile is not counted (the pools here live on).
         */
        String perUnitMillis(Sample earlier, long units) {
            Map<String, Long> byRole = new TreeMap<>();
            cpuById.forEach((id, cpu) -> byRole.merge(roleById.get(id), cpu - earlier.cpuById.getOrDefault(id, 0L), Long::sum));
            long total = byRole.values().stream().mapToLong(Long::longValue).sum();
            List<Map.Entry<String, Long>> largest = new ArrayList<>(byRole.entrySet());
            largest.sort(Map.Entry.<String, Long>comparingByValue().reversed());
            List<String> shown = new ArrayList<>();
            for (Map.Entry<String, Long> role : largest) {
                if (role.getValue() * 50 >= total) {
                    shown.add(String.format("%s %.2f", role.getKey(), role.getValue() / 1e6 / units));
                }
            }
            return String.format("%s; all threads %.2f ms", String.join(", ", shown), total / 1e6 / units);
        }
    }

    private ThreadCpu() {
    }

    static Sample sample() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpuById = new HashMap<>();
        Map<Long, String> roleById = new HashMap<>();
        for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (thread == null) {
                continue; // ended since the ids were read
            }
            long cpu = threads.getThreadCpuTime(thread.getThreadId());
            if (cpu >= 0) {
                cpuById.put(thread.getThreadId(), cpu);
                roleById.put(thread.getThreadId(), role(thread.getThreadName()));
            }
        }
        return new Sample(cpuById, roleById);
    }

    /** "Thread-7 (ActiveMQ-client-global-threads)" → "ActiveMQ-client-global-threads"; digits → "#". */
    static String role(String threadName) {
        String name = threadName;
        int open = name.indexOf('(');
        if (name.startsWith("Thread-") && open > 0 && name.endsWith(")")) {
            name = name.substring(open + 1, name.length() - 1);
        }
        if (name.startsWith("ActiveMQ-server")) {
            name = "ActiveMQ-server"; // followed by the identity of the executor it belongs to
        }
        return name.replaceAll("[0-9]+", "#");
    }
}
