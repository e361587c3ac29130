package io.edgeproof.ledger;

/** ONLINE nodes are assignable; OFFLINE ones missed heartbeats (a heartbeat brings them back);
 *  UNBONDING ones take no new jobs and stay slashable until they withdraw; EXITED ones withdrew. */
public enum NodeStatus { ONLINE, OFFLINE, UNBONDING, EXITED }
