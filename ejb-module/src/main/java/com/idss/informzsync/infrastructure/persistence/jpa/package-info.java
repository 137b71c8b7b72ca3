/**
 * JPA implementations of the domain's query-heavy ports: list membership and duplicate detection,
 * evaluated in the database with the Criteria API. Plain classes over an EntityManager, so they
 * run the same in the container and in Java SE tests.
 */
package com.idss.informzsync.infrastructure.persistence.jpa;
