/**
 * CloudCore's MicroProfile Health checks, served at /health/live, /health/ready and /health/started on the
 * plain HTTP port so they can back Kubernetes probes. Each check is named and reports real state.
 */
package org.kubeedgej.cloud.health;
