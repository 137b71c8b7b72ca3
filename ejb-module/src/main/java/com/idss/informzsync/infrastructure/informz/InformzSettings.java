package com.idss.informzsync.infrastructure.informz;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/** Where and as whom to call Informz. The password never leaves this object in a log line or toString. */
public final class InformzSettings {

    private final URI endpoint;
    private final String brandId;
    private final String brandName;
    private final String user;
    private final Supplier<String> password;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final boolean compression;
    private final CallRecorder callRecorder;

    private InformzSettings(Builder builder) {
        this.endpoint = Objects.requireNonNull(builder.endpoint, "endpoint");
        this.brandId = requireText(builder.brandId, "brandId");
        this.brandName = builder.brandName == null ? "" : builder.brandName;
        this.user = requireText(builder.user, "user");
        this.password = Objects.requireNonNull(builder.password, "password");
        this.connectTimeout = builder.connectTimeout;
        this.readTimeout = builder.readTimeout;
        this.compression = builder.compression;
        this.callRecorder = builder.callRecorder;
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    public static Builder builder() {
        return new Builder();
    }

    public URI endpoint() {
        return endpoint;
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

    /** Asked at each call: a rotated password is used from the next call on. */
    String password() {
        return password.get();
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public boolean compression() {
        return compression;
    }

    public CallRecorder callRecorder() {
        return callRecorder;
    }

    @Override
    public String toString() {
        return "InformzSettings[endpoint=" + endpoint + ", brandId=" + brandId + ", brandName=" + brandName
                + ", user=" + user + ", password=***, connectTimeout=" + connectTimeout + ", readTimeout="
                + readTimeout + ", compression=" + compression + "]";
    }

    /** Defaults: 10 s to connect, 60 s to answer, no compression, no recorder. */
    public static final class Builder {
        private URI endpoint;
        private String brandId;
        private String brandName;
        private String user;
        private Supplier<String> password;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);
        private boolean compression;
        private CallRecorder callRecorder = CallRecorder.NONE;

        private Builder() {
        }

        public Builder endpoint(URI value) {
            endpoint = value;
            return this;
        }

        public Builder endpoint(String value) {
            return endpoint(URI.create(value));
        }

        public Builder brand(String id, String name) {
            brandId = id;
            brandName = name;
            return this;
        }

        public Builder user(String value) {
            user = value;
            return this;
        }

        public Builder password(String value) {
            Objects.requireNonNull(value, "password");
            password = () -> value;
            return this;
        }

        /** A password that may change while the application runs (rotation). */
        public Builder password(Supplier<String> value) {
            password = Objects.requireNonNull(value, "password");
            return this;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = Objects.requireNonNull(value);
            return this;
        }

        public Builder readTimeout(Duration value) {
            readTimeout = Objects.requireNonNull(value);
            return this;
        }

        public Builder compression(boolean value) {
            compression = value;
            return this;
        }

        public Builder callRecorder(CallRecorder value) {
            callRecorder = value == null ? CallRecorder.NONE : value;
            return this;
        }

        public InformzSettings build() {
            return new InformzSettings(this);
        }

        @Override
        public String toString() {
            return "InformzSettings.Builder[password=***]";
        }
    }
}
