/**
 * Internal: the engines (kttcp, splice, user, nio) behind one interface. API: {@link org.kttcp4j.engine.EngineKind}
 * (which engine a run uses, Run.Builder.engine, run/ being above this package) and the splice engine's
 * {@link org.kttcp4j.engine.Sink} and {@link org.kttcp4j.engine.Source}; everything else may change in any release.
 */
package org.kttcp4j.engine;
