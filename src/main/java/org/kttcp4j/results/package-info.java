/**
 * Internal: reading result files back (kttcp4j's JSON, iperf3's -J) for compare and report.
 */
package org.kttcp4j.results;
