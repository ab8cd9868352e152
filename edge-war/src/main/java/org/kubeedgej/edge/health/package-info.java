/**
 * EdgeCore's MicroProfile Health checks (/health/live, /health/ready, /health/started on the plain HTTP port),
 * each named after the part whose real state it reports.
 */
package org.kubeedgej.edge.health;
