/**
 * JPA plumbing: start-up schema migrations and the entity listener that turns lifecycle callbacks
 * into {@link com.idss.informzsync.application.sync.AggregateChanged} events.
 */
package com.idss.informzsync.infrastructure.persistence;
