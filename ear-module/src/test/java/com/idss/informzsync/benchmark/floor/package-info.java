/**
 * The design card's shape with no sync in it, deployed beside the product by the benchmark's
 * "floor" scenario: a JPA update whose transaction also puts a message on a JMS queue, and a
 * message-driven bean that takes it in a transaction, makes one Informz call and writes one row
 * back. What it costs per save is the least any sync built to that shape can cost on the machine.
 */
package com.idss.informzsync.benchmark.floor;
