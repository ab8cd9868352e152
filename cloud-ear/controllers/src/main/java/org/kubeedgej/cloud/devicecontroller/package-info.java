/**
 * DeviceController: keeps Device and DeviceModel custom resources (devices.kubeedge.io, v1alpha1 and v1beta1) and
 * the edge nodes in step. Downstream it sends each node its device membership (devices added and removed) and the
 * desired twin values; upstream it writes reported twins, state and lastOnlineTime into the Device status, and
 * publishes each of these as a device event on a JMS topic for consumers outside CloudCore.
 */
package org.kubeedgej.cloud.devicecontroller;
