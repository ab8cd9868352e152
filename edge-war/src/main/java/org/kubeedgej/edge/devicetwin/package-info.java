/**
 * DeviceTwin: the edge's record of its devices (KubeEdge's device, device_attr and device_twin tables, in Derby through JPA)
 * and the twin protocol mappers speak over MQTT, answered as KubeEdge v1.22 answers it: twin/update with result,
 * document and delta, twin/get, state updates and node membership. Reported values go to the cloud through EdgeHub;
 * desired values come from the cloud's membership and cloud_updated messages (older KubeEdge clouds and ours) and
 * from the v1beta1 Device object MetaManager stores (KubeEdge v1.22's cloud). Everything works offline and resyncs
 * when the cloud returns.
 */
package org.kubeedgej.edge.devicetwin;
