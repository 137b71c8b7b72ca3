package com.idss.informzsync.simulator;

import java.time.Duration;
import java.util.Objects;

/** Start-up settings of a simulator; the defaults match the examples in the protocol reference. */
public final class SimulatorConfig {

    private String host = "127.0.0.1";
    private int port;
    private String brandId = "4711";
    private String brandName = "Example Visitors Bureau";
    private String user = "api_user";
    private String password = "secret";
    private UnknownInterestMode unknownInterestMode = UnknownInterestMode.FAULT;
    private Duration bulkUploadDelay = Duration.ofSeconds(2);
    private Duration timeoutHold = Duration.ofSeconds(60);
    private Duration slowDelay = Duration.ofSeconds(2);
    private int workerThreads = 32;
    private int callLogCapacity = 5_000;

    public static SimulatorConfig defaults() {
        return new SimulatorConfig();
    }

    public SimulatorConfig host(String value) {
        host = Objects.requireNonNull(value);
        return this;
    }

    public SimulatorConfig port(int value) {
        port = value;
        return this;
    }

    public SimulatorConfig brandId(String value) {
        brandId = Objects.requireNonNull(value);
        return this;
    }

    public SimulatorConfig brandName(String value) {
        brandName = Objects.requireNonNull(value);
        return this;
    }

    public SimulatorConfig user(String value) {
        user = Objects.requireNonNull(value);
        return this;
    }

    public SimulatorConfig password(String value) {
        password = Objects.requireNonNull(value);
        return this;
    }

    public SimulatorConfig unknownInterestMode(UnknownInterestMode value) {
        unknownInterestMode = Objects.requireNonNull(value);
        return this;
    }

    public SimulatorConfig bulkUploadDelay(Duration value) {
        bulkUploadDelay = Objects.requireNonNull(value);
        return this;
    }

    public SimulatorConfig timeoutHold(Duration value) {
        timeoutHold = Objects.requireNonNull(value);
        return this;
    }

    public SimulatorConfig slowDelay(Duration value) {
        slowDelay = Objects.requireNonNull(value);
        return this;
    }

    public SimulatorConfig workerThreads(int value) {
        workerThreads = value;
        return this;
    }

    public SimulatorConfig callLogCapacity(int value) {
        callLogCapacity = value;
        return this;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String brandId() {
        return brandId;
    }

    public String brandName() {
        return brandName;
    }

    public String user() {
        return user;
    }

    String password() {
        return password;
    }

    public UnknownInterestMode unknownInterestMode() {
        return unknownInterestMode;
    }

    public Duration bulkUploadDelay() {
        return bulkUploadDelay;
    }

    public Duration timeoutHold() {
        return timeoutHold;
    }

    public Duration slowDelay() {
        return slowDelay;
    }

    public int workerThreads() {
        return workerThreads;
    }

    public int callLogCapacity() {
        return callLogCapacity;
    }

    @Override
    public String toString() {
        return "SimulatorConfig[host=" + host + ", port=" + port + ", brandId=" + brandId + ", brandName=" + brandName
                + ", user=" + user + ", password=***, unknownInterestMode=" + unknownInterestMode
                + ", bulkUploadDelay=" + bulkUploadDelay + "]";
    }
}
