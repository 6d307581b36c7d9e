/**
 * The library's second entry point: {@link org.kttcp4j.run.Run} builds and executes a benchmark and tells a
 * {@link org.kttcp4j.run.RunListener} what happens; the results are the objects the CLI prints and the JSON carries.
 * API: the types marked {@link org.kttcp4j.PublicApi}; the rest is internal.
 */
package org.kttcp4j.run;
