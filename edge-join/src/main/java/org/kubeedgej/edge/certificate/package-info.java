/**
 * The edge's certificate manager, after KubeEdge's edge/pkg/edgehub/certificate: the join token and its CA pin, the
 * node key and its PKCS#10 request, the HTTPS client of CloudCore's certificate service ({@code /ca.crt},
 * {@code /edge.crt} on port 10002), the PEM files in KubeEdge's layout, and the rotation schedule. JDK only, so the
 * join command runs on a host that has nothing but Java 17, and EdgeCore uses the same code to rotate.
 */
package org.kubeedgej.edge.certificate;
