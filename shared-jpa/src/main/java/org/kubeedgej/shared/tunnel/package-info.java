/**
 * What both ends of the cloud-edge tunnel share beyond the message model: the per-node message rate (KubeEdge's
 * messageQPS/messageBurst), which CloudHub enforces and EdgeHub keeps to, so a busy edge waits instead of having
 * its messages dropped.
 */
package org.kubeedgej.shared.tunnel;
