/**
 * The product's meters in WildFly's Micrometer registry, served with the server's own in Prometheus
 * text format on the management interface (/prometheus; README, "Operating").
 */
package com.idss.informzsync.infrastructure.metrics;
