/**
 * Events that CloudHub raises for the controllers inside CloudCore (CDI events within the EAR): an edge node's
 * session opened or closed, an edge message or ack arrived, an object (or its deletion) was acknowledged.
 */
package org.kubeedgej.cloud.events;
