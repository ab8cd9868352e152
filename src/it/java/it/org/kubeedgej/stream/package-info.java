/** System tests of CloudStream and EdgeStream: kubectl logs for edge pods through the tunnel. */
package it.org.kubeedgej.stream;
