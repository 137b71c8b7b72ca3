/**
 * Rerunnable performance benchmarks of the deployed sync (mvn -pl ear-module verify -Pbenchmark);
 * figures in docs/performance.md. Not part of the default test run.
 */
package com.idss.informzsync.benchmark;
