/**
 * Events that CloudHub raises for the controllers inside CloudCore (CDI events within the EAR): an edge node's
 * session opened or closed.
 */
package org.kubeedgej.cloud.events;
