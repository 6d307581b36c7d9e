/**
 * Internal: the engines (kttcp, splice, user, nio) behind one interface. Choose one by name on
 * Run.Builder.engine (run/, which sits above this package).
 */
package org.kttcp4j.engine;
