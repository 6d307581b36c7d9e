/**
 * kttcp4j in a JUnit 5 test suite: {@link org.kttcp4j.junit.KttcpTest} makes a test method a throughput run
 * judged by its floors, {@link org.kttcp4j.junit.KttcpExtension} is the extension behind it,
 * {@link org.kttcp4j.junit.Measurement} what the test body may check of the run, {@link org.kttcp4j.junit.Peer}
 * where its receiver runs. Every type of this package is API.
 */
package org.kttcp4j.junit;
