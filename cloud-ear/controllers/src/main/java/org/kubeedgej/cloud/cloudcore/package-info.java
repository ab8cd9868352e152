/**
 * CloudCore's lifecycle: what happens when the EAR starts and stops (logging the setup in use, and
 * telling the startup health check that initialisation is done), and KubeEdge's cloudcore.yaml as a config source.
 */
package org.kubeedgej.cloud.cloudcore;
