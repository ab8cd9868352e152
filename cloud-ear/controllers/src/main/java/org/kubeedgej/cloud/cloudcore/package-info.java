/**
 * CloudCore's lifecycle: what happens when the EAR starts and stops (logging the setup in use, and
 * telling the startup health check that initialisation is done).
 */
package org.kubeedgej.cloud.cloudcore;
