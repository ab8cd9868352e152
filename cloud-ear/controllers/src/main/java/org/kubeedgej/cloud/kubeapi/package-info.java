/**
 * The cloud's connection to the Kubernetes API server: one {@link io.kubernetes.client.openapi.ApiClient}
 * built from MicroProfile Config ({@code kubeAPIConfig.*}, as in KubeEdge's cloudcore.yaml), shared by every
 * controller, and a probe that tells readiness whether the API server answers.
 */
package org.kubeedgej.cloud.kubeapi;
