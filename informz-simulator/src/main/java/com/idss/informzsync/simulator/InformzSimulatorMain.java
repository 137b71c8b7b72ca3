package com.idss.informzsync.simulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar informz-simulator.jar --port 18089 --brand-id 4711 --user api_user --password secret}.
 * The password may come from the environment variable {@code INFORMZ_PASSWORD} instead, to keep it out of ps.
 */
public final class InformzSimulatorMain {

    private InformzSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorConfig config = SimulatorConfig.defaults().port(18089);
        String envPassword = System.getenv("INFORMZ_PASSWORD");
        if (envPassword != null && !envPassword.isEmpty()) {
            config.password(envPassword);
        }
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                usage();
                return;
            }
            if (i + 1 >= args.length) {
                System.err.println("missing value for " + option);
                usage();
                System.exit(2);
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> config.port(Integer.parseInt(value));
                case "--host" -> config.host(value);
                case "--brand-id" -> config.brandId(value);
                case "--brand-name" -> config.brandName(value);
                case "--user" -> config.user(value);
                case "--password" -> config.password(value);
                case "--unknown-interest" -> config.unknownInterestMode(UnknownInterestMode.parse(value));
                case "--bulk-upload-delay-ms" -> config.bulkUploadDelay(Duration.ofMillis(Long.parseLong(value)));
                case "--timeout-hold-ms" -> config.timeoutHold(Duration.ofMillis(Long.parseLong(value)));
                case "--slow-delay-ms" -> config.slowDelay(Duration.ofMillis(Long.parseLong(value)));
                case "--threads" -> config.workerThreads(Integer.parseInt(value));
                default -> {
                    System.err.println("unknown option " + option);
                    usage();
                    System.exit(2);
                }
            }
        }
        InformzSimulator simulator = InformzSimulator.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }));
        System.out.println("Informz simulator listening: SOAP " + simulator.endpoint() + "  admin " + simulator.adminUri()
                + "  " + config);
        stopped.await();
    }

    private static void usage() {
        System.err.println("""
                usage: java -jar informz-simulator.jar [--port 18089] [--host 127.0.0.1] [--brand-id 4711]
                       [--brand-name "Example Visitors Bureau"] [--user api_user] [--password secret]
                       [--unknown-interest fault|create|ignore] [--bulk-upload-delay-ms 2000]
                       [--timeout-hold-ms 60000] [--slow-delay-ms 2000] [--threads 32]
                environment: INFORMZ_PASSWORD overrides the default password; --password overrides both""");
    }
}
