/**
 * Internal: the engines (kttcp, splice, user, nio) behind one interface. Choose one by name on
 * {@link org.kttcp4j.run.Run.Builder#engine}.
 */
package org.kttcp4j.engine;
