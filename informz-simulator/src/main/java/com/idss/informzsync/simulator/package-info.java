/**
 * An in-memory stand-in for the Informz AAPI (SOAP {@code PostInformzMessage}) with a JSON admin API,
 * fault injection and a call log. JDK only, so it runs in-process from JUnit or as {@code java -jar}.
 */
package com.idss.informzsync.simulator;
