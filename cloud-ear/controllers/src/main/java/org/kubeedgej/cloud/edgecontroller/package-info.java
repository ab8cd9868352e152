/**
 * EdgeController: keeps Kubernetes and the edge nodes in step (pods, configmaps, secrets, node status). For now it
 * tracks which edge nodes are connected to CloudHub.
 */
package org.kubeedgej.cloud.edgecontroller;
