/**
 * DeviceTwin: the edge's record of its devices (KubeEdge's device, device_attr and device_twin tables, in Derby through JPA)
 * and the twin protocol mappers speak over MQTT: twin/update with result, document and delta, twin/get, state
 * updates and node membership. Reported values go to the cloud through EdgeHub; desired values and membership
 * come from the cloud's DeviceController. Everything works offline and resyncs when the cloud returns.
 */
package org.kubeedgej.edge.devicetwin;
