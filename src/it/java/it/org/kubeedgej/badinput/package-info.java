/**
 * The bad-input suite of issue 13: one cloudcore, one edgecore and the development API server, and some hundred kinds
 * of wrong or hostile input over CloudHub's WebSocket, TLS, MQTT and the local HTTP servers. Each case asserts the
 * clear answer the product gives and then that nothing else suffered ({@link it.org.kubeedgej.badinput.StillHealthy}).
 */
package it.org.kubeedgej.badinput;
